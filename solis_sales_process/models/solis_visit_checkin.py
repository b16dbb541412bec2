import math
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.geometry import distance_in_meters

# Where the rep was when he checked in, and what it proves: written by
# action_check_in only, so that nobody marks a visit verified by hand.
CHECKIN_FIELDS = (
    "checkin_latitude",
    "checkin_longitude",
    "checkin_accuracy",
    "checkin_date",
    "checkin_distance",
    "checkin_status",
)
CHECKIN_STATUSES = [
    ("verified", "Verified on Site"),
    ("away", "Away"),
    ("no_position", "No Position"),
]
CHECKIN_DISABLED_PARAM = "solis_sales_process.checkin_disabled"
CHECKIN_RADIUS_PARAM = "solis_sales_process.checkin_radius"
DEFAULT_CHECKIN_RADIUS = 300
# A position tells where the rep is now: it says something of a visit of
# today, nothing of one logged the day after or planned for next week.
CHECKIN_WINDOW = timedelta(hours=12)


def checkin_status(distance, accuracy, radius):
    """What a position ``distance`` meters from the client proves. A
    position vaguer than the radius (a computer placed by its network)
    would put the rep on site by luck: it proves nothing either way unless
    even its nearest point is away."""
    if distance is None:
        return "no_position"
    if distance > radius + accuracy:
        return "away"
    if distance <= radius and accuracy <= radius:
        return "verified"
    return "no_position"


# A concern of the visit in its own file, as Odoo core splits its large
# models: pylint-odoo would have one class.
# pylint: disable=consider-merging-classes-inherited
class SolisVisit(models.Model):
    """The check-in: where the rep stood when he said he was at the client."""

    _inherit = "solis.visit"

    type_is_in_person = fields.Boolean(related="type_id.is_in_person")
    checkin_latitude = fields.Float(
        string="Check-in Latitude", digits=(10, 7), readonly=True, copy=False
    )
    checkin_longitude = fields.Float(
        string="Check-in Longitude", digits=(10, 7), readonly=True, copy=False
    )
    checkin_accuracy = fields.Float(
        string="Check-in Accuracy (m)",
        digits=(16, 0),
        readonly=True,
        copy=False,
        help="How far from the recorded point the rep may have been, as his "
        "device estimated it.",
    )
    checkin_date = fields.Datetime(string="Checked In", readonly=True, copy=False)
    checkin_distance = fields.Float(
        string="Distance to the Client (m)",
        digits=(16, 0),
        readonly=True,
        copy=False,
        help="From where the rep checked in to the client's location.",
    )
    # Set when the rep checks in, never recomputed over the visits of the
    # past; empty (visits older than the check-in) means no position too.
    checkin_status = fields.Selection(
        CHECKIN_STATUSES,
        string="Check-in",
        default="no_position",
        readonly=True,
        copy=False,
        tracking=True,
        help="Verified on site: the rep checked in within the distance set in "
        "the settings from the client's location. Away: farther. No position: "
        "no check-in, the position was refused or unavailable or too vague, "
        "the client has no location, or the visit is remote.",
    )
    can_check_in = fields.Boolean(
        compute="_compute_can_check_in",
        help="The current user may record his position on this visit now.",
    )
    # Sent by the visit form with a new visit, where no record exists yet to
    # call action_check_in on; always empty when read.
    checkin_position = fields.Json(
        compute="_compute_checkin_position", inverse="_inverse_checkin_position"
    )

    def write(self, vals):
        result = super().write(vals)
        if {"partner_id", "type_id"} & set(vals):
            self._refresh_checkin_status()
        return result

    def _addon_written_fields(self, creating=False):
        return (*super()._addon_written_fields(creating), *CHECKIN_FIELDS)

    @api.depends("type_id.is_in_person", "user_id", "state", "visit_date")
    @api.depends_context("uid")
    def _compute_can_check_in(self):
        enabled = self._checkin_enabled()
        now = fields.Datetime.now()
        for visit in self:
            visit.can_check_in = (
                enabled
                and visit.type_id.is_in_person
                and visit.user_id == self.env.user
                and visit.state != "cancelled"
                and visit._is_checkin_time(now)
            )

    def _is_checkin_time(self, now):
        return bool(self.visit_date) and abs(self.visit_date - now) <= CHECKIN_WINDOW

    def _compute_checkin_position(self):
        self.checkin_position = False

    def _inverse_checkin_position(self):
        for visit in self.filtered("checkin_position"):
            position = visit.checkin_position
            if not isinstance(position, dict):
                raise ValidationError(self.env._("The position is not readable."))
            visit.action_check_in(
                position.get("latitude"),
                position.get("longitude"),
                position.get("accuracy"),
            )
        # Sent once, kept nowhere: read again, the field is empty.
        self.invalidate_recordset(["checkin_position"])

    def _checkin_enabled(self):
        return (
            not self.env["ir.config_parameter"].sudo().get_param(CHECKIN_DISABLED_PARAM)
        )

    def _checkin_radius(self):
        value = self.env["ir.config_parameter"].sudo().get_param(CHECKIN_RADIUS_PARAM)
        try:
            radius = int(value)
        except (TypeError, ValueError):
            return DEFAULT_CHECKIN_RADIUS
        return radius if radius > 0 else DEFAULT_CHECKIN_RADIUS

    def _parse_checkin_position(self, latitude, longitude, accuracy):
        def number(value, label, low, high):
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                value = None
            try:
                value = float(value)
            except (TypeError, ValueError, OverflowError):
                # OverflowError: an integer too large for a float (JSON
                # integers have no limit).
                value = math.nan
            if not (math.isfinite(value) and low <= value <= high):
                raise ValidationError(
                    self.env._(
                        "The %(what)s of the position must be a number from "
                        "%(low)s to %(high)s.",
                        what=label,
                        low=low,
                        high=high,
                    )
                )
            return value

        return (
            number(latitude, self.env._("latitude"), -90, 90),
            number(longitude, self.env._("longitude"), -180, 180),
            number(accuracy, self.env._("accuracy"), 0, math.inf),
        )

    def _checkin_values(self, latitude, longitude, accuracy, radius):
        """The check-in of this visit at a position, judged against its
        client's location (none when it is 0, 0: not located)."""
        client = self.sudo().partner_id
        located = client.partner_latitude or client.partner_longitude
        distance = None
        if located and self.type_id.is_in_person:
            distance = distance_in_meters(
                latitude, longitude, client.partner_latitude, client.partner_longitude
            )
        return {
            "checkin_latitude": latitude,
            "checkin_longitude": longitude,
            "checkin_accuracy": accuracy,
            "checkin_distance": distance or 0.0,
            "checkin_status": checkin_status(distance, accuracy, radius),
        }

    def _refresh_checkin_status(self):
        """A checked-in visit moved to another client or type is judged
        again from the position it recorded."""
        radius = self._checkin_radius()
        for visit in self.filtered("checkin_date"):
            values = visit._checkin_values(
                visit.checkin_latitude,
                visit.checkin_longitude,
                visit.checkin_accuracy,
                radius,
            )
            visit.sudo().write(values)

    def action_check_in(self, latitude=None, longitude=None, accuracy=None):
        """Record that the rep is at ``latitude``, ``longitude`` (degrees,
        give or take ``accuracy`` meters) now, on his in-person visits, and
        whether that is at the client's."""
        # Portal users and the reps who may not write these visits (another
        # rep's) are refused before anything about the position is said.
        self.check_access("write")
        if self.env.user.share:
            raise AccessError(self.env._("Only employees check in at a client."))
        latitude, longitude, accuracy = self._parse_checkin_position(
            latitude, longitude, accuracy
        )
        if not self._checkin_enabled():
            raise UserError(
                self.env._("Checking in at the client is turned off in the settings.")
            )
        for visit in self:
            if visit.user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only %(rep)s, the visit's sales rep, can check in on it: "
                        "the position is where the one checking in stands.",
                        rep=visit.user_id.name,
                    )
                )
            if not visit.type_id.is_in_person:
                raise ValidationError(
                    self.env._(
                        "%(type)s is not a visit in person: there is nowhere to "
                        "check in.",
                        type=visit.type_id.name,
                    )
                )
            if visit.state == "cancelled":
                raise UserError(self.env._("A cancelled visit cannot be checked in."))
            if not visit._is_checkin_time(fields.Datetime.now()):
                raise UserError(
                    self.env._(
                        "A visit is checked in when it takes place: this one is "
                        "dated %(date)s.",
                        date=fields.Datetime.to_string(visit.visit_date),
                    )
                )
            if visit.checkin_status == "verified":
                raise UserError(self.env._("The visit is verified on site already."))
        radius = self._checkin_radius()
        now = fields.Datetime.now()
        for visit in self:
            values = visit._checkin_values(latitude, longitude, accuracy, radius)
            # sudo: the check-in fields are the addon's to write (the rep
            # could otherwise mark any visit verified).
            visit.sudo().write({**values, "checkin_date": now})
        return True
