from odoo import api, models

# An attendee's answer to the invitation is his own to give.
ATTENDEE_ANSWER_FIELDS = {"state", "availability"}


class CalendarAttendee(models.Model):
    """The attendees of a visit's event are its rep, set by the visit: no
    attendee is added to, moved from or removed from it directly."""

    _inherit = "calendar.attendee"

    @api.model_create_multi
    def create(self, vals_list):
        events = self.env["calendar.event"].browse(
            {vals["event_id"] for vals in vals_list if vals.get("event_id")}
        )
        events._solis_check_visit_owned(["attendee_ids"])
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - ATTENDEE_ANSWER_FIELDS:
            self.event_id._solis_check_visit_owned(["attendee_ids"])
            if vals.get("event_id"):
                self.event_id.browse(vals["event_id"])._solis_check_visit_owned(
                    ["attendee_ids"]
                )
        return super().write(vals)

    def unlink(self):
        self.event_id._solis_check_visit_owned(["attendee_ids"])
        return super().unlink()
