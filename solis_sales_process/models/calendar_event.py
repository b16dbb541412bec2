from odoo import models
from odoo.exceptions import UserError

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


class CalendarEvent(models.Model):
    """The event of a planned visit in its rep's calendar: moved there (in
    Odoo or on his phone, through Odoo's Google or Outlook sync) it moves the
    visit; deleted or archived there, it cancels the visit."""

    _inherit = "calendar.event"

    def _get_activity_excluded_models(self):
        # A planned visit is already what the rep has to do: a "Meeting"
        # activity on it would list the same visit twice in his activities.
        return [*super()._get_activity_excluded_models(), "solis.visit"]

    def _solis_visits(self):
        """The visits mirrored by these events. sudo: the link is found
        whatever the user may read; what is then done to the visits is done
        with his own rights."""
        if not self.ids:
            return self.env["solis.visit"]
        return (
            self.env["solis.visit"]
            .sudo()
            .search([("calendar_event_id", "in", self.ids)])
            .with_env(self.env)
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

    def write(self, vals):
        self._solis_check_visit_owned(vals)
        result = super().write(vals)
        if self.env.context.get(CALENDAR_SYNC_CONTEXT):
            return result
        if vals.get("active") is False:
            self._solis_cancel_visits()
        elif any(name in vals for name in EVENT_TIME_FIELDS):
            self._solis_move_visits()
        return result

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
        if visits:
            # sudo: the link is kept by the addon and refused to users.
            visits.sudo().with_context(**{CALENDAR_SYNC_CONTEXT: True}).write(
                {"calendar_event_id": False}
            )
