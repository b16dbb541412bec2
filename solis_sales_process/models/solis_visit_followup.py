from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.clock import local_day, user_tz


# A concern of the visit in its own file, as Odoo core splits its large
# models: pylint-odoo would have one class.
# pylint: disable=consider-merging-classes-inherited
class SolisVisit(models.Model):
    """The next contact of a visit: the follow-up planned as an activity of
    its rep, closed by the visit that answers it."""

    _inherit = "solis.visit"

    next_contact_date = fields.Date(
        string="Next Contact",
        tracking=True,
        help="When to contact the client again. The follow-up is planned as an "
        "activity of the sales rep on that day.",
    )
    next_contact_note = fields.Char(
        string="Next Step", help="What the follow-up should be about."
    )
    is_followup_done = fields.Boolean(
        string="Follow-up Done", readonly=True, copy=False, tracking=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        # Answered first: an imported history plans no activity for the
        # follow-ups its own later visits answered.
        visits.filtered(lambda visit: visit.state == "done")._close_answered_followups()
        visits._sync_followup_activity()
        return visits

    def write(self, vals):
        if "next_contact_date" in vals:
            vals.setdefault("is_followup_done", False)
        result = super().write(vals)
        if {"next_contact_date", "next_contact_note", "user_id", "state"} & set(vals):
            self._sync_followup_activity(reassign="user_id" in vals)
        if {"state", "visit_date", "partner_id"} & set(vals):
            self.filtered(
                lambda visit: visit.state == "done"
            )._close_answered_followups()
        return result

    @api.constrains("next_contact_date", "visit_date")
    def _check_next_contact_date(self):
        for visit in self:
            if (
                visit.next_contact_date
                and visit.visit_date
                and visit.next_contact_date < visit.visit_date.date()
            ):
                raise ValidationError(
                    self.env._(
                        "The next contact (%(next)s) cannot be before the visit "
                        "itself (%(visit)s).",
                        next=visit.next_contact_date,
                        visit=visit.visit_date.date(),
                    )
                )

    def _close_answered_followups(self):
        """A done visit answers the client's follow-ups that were due by its
        day: they are closed, so that nobody finds them listed as forgotten."""
        if not self:
            return
        tz = user_tz(self.env)
        days = {visit: local_day(tz, visit.visit_date) for visit in self}
        # One read for all the visits' clients (an import logs thousands).
        # Another rep's follow-up of the same client is answered as well,
        # though this rep may not write that visit: sudo.
        open_followups = self.sudo().search(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("state", "!=", "cancelled"),
                ("is_followup_done", "=", False),
                ("next_contact_date", "<=", max(days.values())),
            ]
        )
        days_by_client = defaultdict(list)
        for visit, day in days.items():
            days_by_client[visit.partner_id.id].append((day, visit.id))
        answered = open_followups.filtered(
            lambda followup: any(
                followup.next_contact_date <= day and visit_id != followup.id
                for day, visit_id in days_by_client[followup.partner_id.id]
            )
        )
        answered.action_followup_done()

    def _followup_activity_type(self):
        return self.env.ref("solis_sales_process.mail_activity_type_followup")

    def _followup_activities(self):
        activity_type = self._followup_activity_type()
        return self.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        )

    def _sync_followup_activity(self, reassign=True):
        """Keep one follow-up activity per visit, matching its next contact.
        The new ones are created together: an import plans thousands.
        ``reassign``: give the open follow-up to the visit's rep; without it
        the follow-up stays with whoever it was handed to (the client's new
        rep)."""
        activity_type = self._followup_activity_type()
        model_id = self.env["ir.model"]._get_id(self._name)
        new_activities = []
        for visit in self:
            # The type looked up once: an import syncs thousands of visits.
            activities = visit.activity_ids.filtered(
                lambda activity: activity.activity_type_id == activity_type
            )
            wanted = (
                visit.next_contact_date
                and not visit.is_followup_done
                and visit.state != "cancelled"
            )
            if not wanted:
                activities.unlink()
                continue
            values = {
                "date_deadline": visit.next_contact_date,
                "user_id": visit.user_id.id,
                "summary": visit.next_contact_note
                or self.env._("Contact %(client)s", client=visit.partner_id.name),
            }
            if activities:
                if not reassign:
                    values.pop("user_id")
                activities[:1].write(values)
                activities[1:].unlink()
            else:
                new_activities.append(
                    {
                        **values,
                        "activity_type_id": activity_type.id,
                        "res_model_id": model_id,
                        "res_id": visit.id,
                        "automated": True,
                    }
                )
        if new_activities:
            self.env["mail.activity"].create(new_activities)

    def action_followup_done(self):
        """Close the follow-up from the visit, as the activity menu does."""
        activities = self._followup_activities()
        if activities:
            activities.action_done()
        self.filtered(lambda visit: not visit.is_followup_done).write(
            {"is_followup_done": True}
        )

    def action_log_next_visit(self):
        """Open a new visit for the same client, to log the follow-up itself."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "solis.visit",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_contact_id": self.contact_id.id,
                "default_user_id": self.user_id.id,
            },
        }

    def action_log_answer(self):
        """The visit that answers this one, in a dialog: the planned visit
        itself, to be told and marked done; for a follow-up, a new visit to
        the same client, which closes the follow-up once saved."""
        self.ensure_one()
        self.check_access("write")
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Visit"),
            "res_model": "solis.visit",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }
        if self.state == "planned":
            return {**action, "res_id": self.id}
        self.check_access("create")
        return {
            **action,
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_contact_id": self.contact_id.id,
            },
        }
