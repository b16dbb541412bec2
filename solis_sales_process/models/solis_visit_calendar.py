import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import clean_context, html_escape

from .calendar_event import CALENDAR_SYNC_CONTEXT

_logger = logging.getLogger(__name__)

# What an event of the rep's calendar shows of its visit: a change of any
# reschedules, reassigns or renames the event.
CALENDAR_FIELDS = {
    "state",
    "visit_date",
    "duration",
    "user_id",
    "partner_id",
    "contact_id",
    "name",
    "type_id",
}
# A planned visit without a duration still takes time in the rep's day.
DEFAULT_EVENT_HOURS = 1.0
# Calendar invitations are for meetings one is asked to: the rep planned his
# own visit, and nobody is mailed about it.
CALENDAR_QUIET_CONTEXT = {
    CALENDAR_SYNC_CONTEXT: True,
    "no_mail_to_attendees": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


# A concern of the visit in its own file, as Odoo core splits its large
# models: pylint-odoo would have one class.
# pylint: disable=consider-merging-classes-inherited
class SolisVisit(models.Model):
    """The planned visit as an event of its rep's calendar."""

    _inherit = "solis.visit"

    # Kept by the addon: the planned visit as an event of its rep's calendar.
    # The link is the event's own (its document, which calendar shows as a
    # button to the visit): read here, stored nowhere else.
    calendar_event_id = fields.Many2one(
        "calendar.event",
        compute="_compute_calendar_event_id",
        search="_search_calendar_event_id",
        readonly=True,
    )

    def _compute_calendar_event_id(self):
        # A visit in a form's onchange is read as the visit it edits.
        events = self.env["calendar.event"]._solis_events_of_visits(self._origin.ids)
        for visit in self:
            visit.calendar_event_id = events.get(visit._origin.id, False)

    def _search_calendar_event_id(self, operator, value):
        """As a stored many2one would be searched: by event ids (none: the
        visits without one) or by what the user finds of the events (a
        name, part of one, a domain)."""
        Event = self.env["calendar.event"]
        linked = Event._solis_linked_visit_ids
        negative = operator in ("!=", "not in", "not like", "not ilike", "not any")
        if negative:
            operator = expression.TERM_OPERATORS_NEGATION[operator]
        values = value if isinstance(value, (list, tuple)) else [value]
        if operator in ("=", "in") and not any(isinstance(v, str) for v in values):
            event_ids = [event_id for event_id in values if event_id]
            terms = [[("id", "in", linked(event_ids))]] if event_ids else []
            if len(event_ids) < len(values):
                # An event of none: the visits without one.
                terms.append([("id", "not in", linked())])
            domain = expression.OR(terms) if terms else expression.FALSE_DOMAIN
        elif operator == "any":
            domain = [("id", "in", linked(Event._search(value)))]
        else:
            domain = [("id", "in", linked(Event._search([("name", operator, value)])))]
        if negative:
            return ["!", *expression.normalize_domain(domain)]
        return domain

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        if not self.env.context.get("import_file") and not self.env.context.get(
            CALENDAR_SYNC_CONTEXT
        ):
            # An imported history is the past: its planned visits are given
            # their events by _plan_missing_calendar_events, if at all.
            visits.filtered(
                lambda visit: visit.state == "planned"
            )._sync_calendar_events()
        return visits

    def write(self, vals):
        result = super().write(vals)
        if CALENDAR_FIELDS & set(vals) and not self.env.context.get(
            CALENDAR_SYNC_CONTEXT
        ):
            self._sync_calendar_events()
        return result

    def unlink(self):
        events = self.sudo().calendar_event_id
        result = super().unlink()
        if events:
            # sudo: the user could delete the visits; their events are their
            # mirror, whoever's calendar they sit in.
            events.with_context(**CALENDAR_QUIET_CONTEXT).unlink()
        return result

    def _addon_written_fields(self, creating=False):
        return (*super()._addon_written_fields(creating), "calendar_event_id")

    def _calendar_event_duration(self):
        return self.duration or DEFAULT_EVENT_HOURS

    def _calendar_event_values(self):
        """What the rep's calendar shows of the visit. The client is named
        and located in the event, not invited to it: an attendee is mailed
        the invitation, by Odoo or by the rep's Google or Outlook calendar."""
        self.ensure_one()
        client = self.partner_id
        address = ", ".join(
            line.strip()
            for line in client._display_address(without_company=True).splitlines()
            if line.strip()
        )
        details = [
            self.env._("Client: %(client)s", client=client.display_name),
        ]
        if self.contact_id:
            details.append(
                self.env._("Contact: %(contact)s", contact=self.contact_id.name)
            )
        phone = self.contact_id.phone or client.phone
        if phone:
            details.append(self.env._("Phone: %(phone)s", phone=phone))
        return {
            "name": self.display_name,
            "start": self.visit_date,
            "stop": self.visit_date + timedelta(hours=self._calendar_event_duration()),
            "allday": False,
            "user_id": self.user_id.id,
            "location": address or False,
            "description": "".join(f"<p>{html_escape(line)}</p>" for line in details),
            # The client's details are for who may read the visit: the rep's
            # colleagues see him busy, not whom he visits.
            "privacy": "private",
        }

    def _sync_calendar_events(self):
        """Mirror the visits onto their reps' calendars: a planned visit
        has an event, a cancelled one none, and a done visit keeps the event
        it had (it took place then). New events are created together:
        planning a rep's month creates them in one go."""
        if not self:
            return
        # Without the visit's defaults (its duration, its user...), which
        # the event has fields of the same name for: the context is
        # replaced, not added to.
        Event = self.env["calendar.event"].with_context(  # pylint: disable=context-overridden
            dict(clean_context(self.env.context), **CALENDAR_QUIET_CONTEXT)
        )
        linked = self.filtered("calendar_event_id")
        to_create = self.filtered(
            lambda visit: visit.state == "planned" and not visit.calendar_event_id
        )
        cancelled = linked.filtered(lambda visit: visit.state == "cancelled")
        if cancelled:
            events = cancelled.sudo().calendar_event_id
            # sudo: the user may cancel the visit, so its event goes, even
            # from the private calendar of the rep it was planned for.
            events.with_context(**CALENDAR_QUIET_CONTEXT).unlink()
        (linked - cancelled)._update_calendar_events()
        if to_create:
            model_id = self.env["ir.model"]._get_id(self._name)
            values = [
                {
                    **visit._calendar_event_values(),
                    "partner_ids": [fields.Command.set(visit.user_id.partner_id.ids)],
                    "res_model_id": model_id,
                    "res_model": self._name,
                    "res_id": visit.id,
                    "solis_visit_event": True,
                }
                for visit in to_create
            ]
            # sudo: the user may plan the visit, so its event goes into the
            # rep's calendar, which a private event of another rep is not
            # open to.
            Event.sudo().create(values)

    def _update_calendar_events(self):
        """Write on each event only what changed, grouped by identical
        changes: reassigning a rep's visits at once writes their events at
        once."""
        # sudo: the user's right is checked on the visit he changed; its
        # event follows, even in another rep's private calendar.
        changes = defaultdict(lambda: self.env["calendar.event"].sudo())
        for visit in self:
            event = visit.sudo().calendar_event_id
            wanted = visit._calendar_event_values()
            if visit.state != "planned":
                # A done visit's event records when it took place; what it
                # showed of the plan stays as the rep last saw it.
                wanted = {
                    key: wanted[key] for key in ("start", "stop", "user_id", "privacy")
                }
            diff = {}
            for name, value in wanted.items():
                current = event[name]
                if name == "user_id":
                    current = current.id
                if current != value:
                    diff[name] = value
            if "user_id" in diff:
                diff["partner_ids"] = (
                    (fields.Command.UNLINK, event.user_id.partner_id.id, 0),
                    (fields.Command.LINK, visit.user_id.partner_id.id, 0),
                )
            if diff:
                changes[tuple(sorted(diff.items()))] |= event
        for diff, events in changes.items():
            values = dict(diff)
            if "partner_ids" in values:
                values["partner_ids"] = list(values["partner_ids"])
            events.with_context(**CALENDAR_QUIET_CONTEXT).write(values)

    @api.model
    def _plan_missing_calendar_events(self, limit=20000, batch_size=500):
        """Give the planned visits of today and later that have no event
        one: for an upgrade, an install on existing visits, or planned visits
        imported. The nearest first, at most ``limit``: a calendar years
        ahead is no plan."""
        today = datetime.combine(fields.Date.context_today(self), time.min)
        visits = self.search(
            [
                ("state", "=", "planned"),
                ("calendar_event_id", "=", False),
                ("visit_date", ">=", today),
            ],
            order="visit_date, id",
            limit=limit,
        )
        for start in range(0, len(visits), batch_size):
            visits[start : start + batch_size]._sync_calendar_events()
            self.env.flush_all()
            self.env.invalidate_all()
        if visits:
            _logger.info("Planned visits put in their reps' calendars: %s", len(visits))
        return len(visits)
