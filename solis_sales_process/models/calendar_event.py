from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# Set while the addon itself mirrors a visit onto its event or an event onto
# its visit, so that neither side answers the other's echo.
CALENDAR_SYNC_CONTEXT = "solis_calendar_sync"
# The fields of an event whose change reschedules its visit.
EVENT_TIME_FIELDS = ("start", "stop", "duration", "allday", "start_date", "stop_date")
# What of a visit's event only its visit decides: whose calendar it is in,
# who is invited (an attendee reads the client's details, and is mailed
# them by Odoo or by his Google or Outlook calendar), that it stays private,
# and which record it stands for.
VISIT_OWNED_FIELDS = (
    "user_id",
    "partner_ids",
    "attendee_ids",
    "privacy",
    "res_model",
    "res_model_id",
    "res_id",
)
# What links an event to the visit it shows: its document (res_model,
# res_id), which calendar shows as a button to the visit, and the flag that
# tells the visit's own event from a meeting merely about the visit (one
# planned from a visit's activity).
VISIT_LINK_FIELDS = ("solis_visit_event", "res_model", "res_model_id", "res_id")


class CalendarEvent(models.Model):
    """The event of a planned visit in its rep's calendar: moved there (in
    Odoo or on his phone, through Odoo's Google or Outlook sync) it moves the
    visit; deleted or archived there, it cancels the visit."""

    _inherit = "calendar.event"

    # The one link between a visit and its event is the event's document;
    # this says that the event is the visit itself in its rep's calendar.
    solis_visit_event = fields.Boolean(
        string="Planned Visit",
        readonly=True,
        copy=False,
        help="The event is a planned visit in its sales rep's calendar, kept "
        "by the visit (its document).",
    )

    def init(self):
        result = super().init()
        # One event per visit, found from the visit by its id.
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS calendar_event_solis_visit_index
                   ON calendar_event (res_id)
                WHERE solis_visit_event AND res_model = 'solis.visit'"""
        )
        return result

    def _solis_visit_domain(self, event_ids=None):
        domain = [
            ("solis_visit_event", "=", True),
            ("res_model", "=", "solis.visit"),
            ("res_id", "!=", False),
        ]
        if event_ids is not None:
            domain.append(("id", "in", event_ids))
        return domain

    @api.model
    def _solis_events_of_visits(self, visit_ids):
        """``{visit id: event}`` of the visits that have one. sudo: the link
        is found whatever the user may read (an event of another rep's
        private calendar); an archived event still stands for its visit."""
        visit_ids = [visit_id for visit_id in visit_ids if isinstance(visit_id, int)]
        if not visit_ids:
            return {}
        events = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [*self._solis_visit_domain(), ("res_id", "in", visit_ids)], ["res_id"]
            )
        )
        return {event.res_id: event.with_env(self.env) for event in events}

    @api.model
    def _solis_linked_visit_ids(self, event_ids=None):
        """The ids of the visits that have an event (among ``event_ids``: ids
        or a query), as a subquery for a search on the visits."""
        query = (
            self.sudo()
            .with_context(active_test=False)
            ._search(self._solis_visit_domain(event_ids))
        )
        return query.subselect(SQL.identifier(query.table, "res_id"))

    def _get_activity_excluded_models(self):
        # A planned visit is already what the rep has to do: a "Meeting"
        # activity on it would list the same visit twice in his activities.
        return [*super()._get_activity_excluded_models(), "solis.visit"]

    def _solis_visits(self):
        """The visits mirrored by these events. sudo: the link is found
        whatever the user may read; what is then done to the visits is done
        with his own rights."""
        visit_ids = [
            event.res_id
            for event in self.sudo()
            if event.solis_visit_event and event.res_model == "solis.visit"
        ]
        return (
            self.env["solis.visit"].sudo().browse(visit_ids).exists().with_env(self.env)
        )

    def _solis_check_visit_owned(self, names):
        """Refuse a change of what the visits decide on their events, unless
        the addon makes it while mirroring the visit."""
        if self.env.su or self.env.context.get(CALENDAR_SYNC_CONTEXT):
            return
        if set(names) & set(VISIT_OWNED_FIELDS) and self._solis_visits():
            raise UserError(
                self.env._(
                    "The event of a planned visit shows the visit to its sales "
                    "rep only: its organizer, attendees and privacy change with "
                    "the visit (change the visit's sales rep instead)."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if any("solis_visit_event" in vals for vals in vals_list):
            self._solis_check_link_kept(["solis_visit_event"])
        events = super().create(vals_list)
        if any(vals.get("solis_visit_event") for vals in vals_list):
            self._solis_link_changed()
        return events

    def write(self, vals):
        self._solis_check_visit_owned(vals)
        self._solis_check_link_kept(vals)
        result = super().write(vals)
        if any(name in vals for name in VISIT_LINK_FIELDS):
            self._solis_link_changed()
        if self.env.context.get(CALENDAR_SYNC_CONTEXT):
            return result
        if vals.get("active") is False:
            self._solis_cancel_visits()
            # Archived, the event keeps its button to the visit but is no
            # longer the visit's own: planned again, the visit gets a new
            # one. sudo: the link is kept by the addon and refused to users.
            self.sudo().filtered("solis_visit_event").with_context(
                **{CALENDAR_SYNC_CONTEXT: True}
            ).write({"solis_visit_event": False})
        elif any(name in vals for name in EVENT_TIME_FIELDS):
            self._solis_move_visits()
        return result

    def _solis_check_link_kept(self, names):
        """Only the addon says which event is a visit's own: an event made
        one by hand would move and cancel the visit."""
        if self.env.su or self.env.context.get(CALENDAR_SYNC_CONTEXT):
            return
        if "solis_visit_event" in names:
            raise AccessError(
                self.env._(
                    "Which event is a planned visit is kept by the sales "
                    "process, not set by hand."
                )
            )

    def _solis_link_changed(self):
        # The visits read their event from the events: what they read of
        # it before is stale.
        self.env["solis.visit"].invalidate_model(["calendar_event_id"])

    def unlink(self):
        if not self.env.context.get(CALENDAR_SYNC_CONTEXT):
            self._solis_cancel_visits()
        return super().unlink()

    def _solis_move_visits(self):
        """Only a planned visit follows its event: a done visit's date is
        when it happened, which an edited calendar entry does not rewrite."""
        visits = self._solis_visits().filtered(lambda visit: visit.state == "planned")
        for visit in visits:
            event = visit.sudo().calendar_event_id
            values = {}
            if visit.visit_date != event.start:
                values["visit_date"] = event.start
            if not event.allday and event.duration != visit._calendar_event_duration():
                values["duration"] = event.duration
            if values:
                # The user's own rights: moving an event in the calendar
                # moves only a visit he may move.
                visit.with_context(**{CALENDAR_SYNC_CONTEXT: True}).write(values)

    def _solis_cancel_visits(self):
        visits = self._solis_visits()
        planned = visits.filtered(lambda visit: visit.state == "planned")
        if planned:
            planned.with_context(**{CALENDAR_SYNC_CONTEXT: True}).write(
                {"state": "cancelled"}
            )
