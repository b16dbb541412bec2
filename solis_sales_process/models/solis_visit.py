import logging
import math
from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, clean_context, html_escape
from odoo.tools.sql import create_index

from ..tools.clock import local_day, user_tz
from ..tools.compat import boolean_search, search_method
from .calendar_event import CALENDAR_SYNC_CONTEXT
from .res_partner import VISIT_FIGURES

_logger = logging.getLogger(__name__)

VISIT_STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
CHECKIN_STATUSES = [
    ("verified", "Verified on Site"),
    ("away", "Away"),
    ("no_position", "No Position"),
]
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
# Taken from the visit's status and client by the addon, never written by hand:
# the answers count visits by them.
ADDON_WRITTEN_FIELDS = (
    "status_kind",
    "client_class_id",
    "client_was_prospect",
    "latest_offer_date",
    "calendar_event_id",
    *CHECKIN_FIELDS,
)
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
# Set by the visits' import: their clients' figures are counted once, after
# the file, not after each row (Odoo retries a failed file row by row, and a
# count after each row of a client's long history made the import outlast
# the request).
IMPORT_FIGURES_CONTEXT = "solis_import_figures_deferred"
CHECKIN_DISABLED_PARAM = "solis_sales_process.checkin_disabled"
CHECKIN_RADIUS_PARAM = "solis_sales_process.checkin_radius"
DEFAULT_CHECKIN_RADIUS = 300
# A position tells where the rep is now: it says something of a visit of
# today, nothing of one logged the day after or planned for next week.
CHECKIN_WINDOW = timedelta(hours=12)
# The mean radius of the Earth, in meters.
EARTH_RADIUS = 6371008.8


def distance_in_meters(latitude1, longitude1, latitude2, longitude2):
    """The great-circle distance between two points (haversine): a few
    meters off at most over the distances a check-in compares."""
    phi1, phi2 = math.radians(latitude1), math.radians(latitude2)
    half_chord = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1)
        * math.cos(phi2)
        * math.sin(math.radians(longitude2 - longitude1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS * math.asin(min(1.0, math.sqrt(half_chord)))


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


def fill_latest_offer_dates(env):
    """Store every visit's latest offer date in one statement (offers by
    sale.order's rule ``is_offer_sent``: a quotation never sent is not one):
    what an upgrade and a bulk load call instead of the ORM's row-by-row
    compute."""
    env.cr.execute(
        SQL(
            """WITH found AS (
                   SELECT r.visit_id,
                          max(COALESCE(origin.offer_date, so.offer_date)) AS offer_date
                     FROM solis_visit_sale_order_rel r
                     JOIN sale_order so ON so.id = r.order_id
                     LEFT JOIN sale_order origin ON origin.id = so.offer_origin_id
                    WHERE %s
                    GROUP BY r.visit_id)
               UPDATE solis_visit v SET latest_offer_date = dated.offer_date
                 FROM (SELECT v2.id, found.offer_date
                         FROM solis_visit v2 LEFT JOIN found ON found.visit_id = v2.id
                        WHERE found.visit_id IS NOT NULL
                           OR v2.latest_offer_date IS NOT NULL) dated
                WHERE v.id = dated.id
                  AND v.latest_offer_date IS DISTINCT FROM dated.offer_date""",
            env["sale.order"]._solis_rule_sql("is_offer_sent", "so"),
        )
    )
    return env.cr.rowcount


class SolisVisit(models.Model):
    """One contact with a client: a call, a meeting, a video call, a request.

    Together the visits of a client are the history of the relationship, and
    the next contact date of a visit is the follow-up that keeps a postponed
    talk alive: it is planned as an activity of the rep.
    """

    _name = "solis.visit"
    _description = "Visit"
    _inherit = ["mail.thread", "mail.activity.mixin", "solis.addon.written.mixin"]
    _order = "visit_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        check_company=True,
        domain="[('parent_id', '=', partner_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Sales Rep",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    visit_date = fields.Datetime(
        string="Date",
        required=True,
        index=True,
        tracking=True,
        default=fields.Datetime.now,
    )
    type_id = fields.Many2one(
        "solis.visit.type",
        required=True,
        tracking=True,
        check_company=True,
        default=lambda self: self._default_type_id(),
    )
    status_id = fields.Many2one(
        "solis.visit.status",
        required=True,
        tracking=True,
        check_company=True,
        default=lambda self: self._default_status_id(),
    )
    status_kind = fields.Selection(related="status_id.kind", store=True, readonly=True)
    state = fields.Selection(
        VISIT_STATES, required=True, default="done", index=True, tracking=True
    )
    duration = fields.Float(help="Duration of the contact, in hours.")
    description = fields.Html(string="What Was Said")
    # What the client was when the visit was made: reclassifying him, or
    # his first order, does not rewrite last year's visits.
    client_class_id = fields.Many2one(
        "solis.client.class",
        compute="_compute_client_snapshot",
        store=True,
        precompute=True,
        readonly=True,
        index="btree_not_null",
        check_company=True,
        help="The client's class when the visit was made.",
    )
    client_was_prospect = fields.Boolean(
        string="Prospect at the Time",
        compute="_compute_client_snapshot",
        store=True,
        precompute=True,
        readonly=True,
        help="The client was a prospect when the visit was made.",
    )
    # Stored so that "led to an offer" compares two dates of the visit's own
    # row: the rule depends on the reader's timezone and cannot be stored.
    latest_offer_date = fields.Datetime(
        string="Latest Offer's Date",
        compute="_compute_latest_offer_date",
        store=True,
        readonly=True,
        copy=False,
        help="The offer date of the latest offer made from this visit (for a "
        "renegotiated offer: of its first version). A quotation never sent is "
        "not an offer.",
    )
    is_offer_origin = fields.Boolean(
        string="Led to an Offer",
        compute="_compute_is_offer_origin",
        search="_search_is_offer_origin",
        help="An offer was made from this visit: it is linked to an offer "
        "made on the day of the visit or later (the follow-up visits of an "
        "offer did not lead to it).",
    )
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
    offer_ids = fields.Many2many(
        "sale.order",
        "solis_visit_sale_order_rel",
        "visit_id",
        "order_id",
        string="Offers",
        copy=False,
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    offer_count = fields.Integer(compute="_compute_offer_count")
    # Kept by the addon: the planned visit as an event of its rep's calendar.
    # Indexed for the events' deletion, which looks up the visits to unlink.
    calendar_event_id = fields.Many2one(
        "calendar.event",
        ondelete="set null",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
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

    def init(self):
        result = super().init()
        # A client's figures are aggregated from his done (or planned)
        # visits by date: one index range per client, whatever his history.
        create_index(
            self.env.cr,
            "solis_visit_partner_state_date_index",
            self._table,
            ["partner_id", "state", "visit_date"],
        )
        # A rep's visits of a period: the daily e-mail, his own answers.
        create_index(
            self.env.cr,
            "solis_visit_user_date_index",
            self._table,
            ["user_id", "visit_date"],
        )
        # A period's visits counted for the dashboard and its trends (a year
        # of them): everything the counts read is in the index, so that
        # PostgreSQL answers from it without reading the table.
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS solis_visit_period_index
                   ON solis_visit (visit_date)
                   INCLUDE (id, state, user_id, type_id, company_id, partner_id,
                            client_class_id, latest_offer_date, checkin_status)"""
        )
        return result

    def _default_type_id(self):
        return self.env["solis.visit.type"].search(
            [("company_id", "in", [False, self.env.company.id])], limit=1
        )

    def _default_status_id(self):
        client = self.env["res.partner"].browse(
            self.env.context.get("default_partner_id")
        )
        return self._status_for_client(client)

    def _status_for_client(self, client):
        """The status of a new visit to ``client``: an initial contact while
        nobody has contacted him yet, a contact after."""
        client = client.exists().commercial_partner_id
        statuses = self._statuses_for_clients(client.ids)
        return statuses.get(client.id, statuses[False])

    def _statuses_for_clients(self, client_ids):
        """``{client id: status}`` for new visits to these clients, and under
        False the status of a visit to a client not known yet. Statuses are
        found by their kind, so that one renamed by an administrator is still
        the one chosen; one query for all the clients (an import)."""
        contacted = set()
        if client_ids:
            # sudo: another rep's visit (or another company's) is history
            # all the same, even if this rep may not read it.
            contacted = {
                client.id
                for [client] in self.sudo()._read_group(
                    [("partner_id", "in", client_ids), ("state", "=", "done")],
                    ["partner_id"],
                )
            }
        statuses = self.env["solis.visit.status"].search(
            [("company_id", "in", [False, self.env.company.id])]
        )

        def of_kind(kind):
            return (
                statuses.filtered(lambda status: status.kind == kind)[:1]
                or statuses[:1]
            )

        initial, contact = of_kind("initial_contact"), of_kind("contact")
        return {
            False: initial,
            **{
                client_id: contact if client_id in contacted else initial
                for client_id in client_ids
            },
        }

    @api.depends("user_id")
    def _compute_team_id(self):
        for visit in self:
            visit.team_id = visit.user_id.sale_team_id

    @api.depends("partner_id")
    def _compute_client_snapshot(self):
        for visit in self:
            visit.client_class_id = visit.partner_id.client_class_id
            visit.client_was_prospect = visit.partner_id.is_prospect

    def _offer_origin_sql(self):
        """The ids of the visits an offer came from: linked to an offer whose
        chain began on the visit's day or later (the user's days)."""
        return SQL(
            "SELECT v.id FROM solis_visit v WHERE %s",
            self._offer_origin_condition("v"),
        )

    def _offer_origin_condition(self, alias):
        """Whether the visit row ``alias`` led to an offer: the two dates of
        the row, compared on the user's days."""
        tz = user_tz(self.env).zone
        return SQL(
            """%(offer)s IS NOT NULL
               AND (%(visit)s AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                <= (%(offer)s AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date""",
            offer=SQL.identifier(alias, "latest_offer_date"),
            visit=SQL.identifier(alias, "visit_date"),
            tz=tz,
        )

    def _answer_pass_row_conditions(self, alias):
        """``{domain term: SQL}``: the terms a pass over the visits tests on
        the row itself, the same visits as the term's search finds among them
        (its search looks the row up in the table again)."""
        return {("is_offer_origin", "=", True): self._offer_origin_condition(alias)}

    @api.depends(
        "offer_ids.offer_date",
        "offer_ids.offer_origin_id.offer_date",
        # What makes a quotation an offer (sale.order's rule is_offer_sent).
        "offer_ids.state",
        "offer_ids.offer_status_id",
        "offer_ids.offer_origin_id",
    )
    def _compute_latest_offer_date(self):
        sent = self.env["sale.order"]._solis_rule_domain("is_offer_sent")
        for visit in self:
            # sudo: an offer of the visit the user may not read (another
            # rep's, another company's) still dates it for everybody.
            dates = [
                offer.offer_origin_id.offer_date or offer.offer_date
                for offer in visit.sudo().offer_ids.filtered_domain(sent)
            ]
            visit.latest_offer_date = max(filter(None, dates), default=False)

    @api.depends("latest_offer_date", "visit_date")
    @api.depends_context("tz", "uid")
    def _compute_is_offer_origin(self):
        origins = set()
        if self.ids:
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM (%s) o WHERE id = ANY(%s)",
                    self._offer_origin_sql(),
                    self.ids,
                )
            )
            origins = {row[0] for row in self.env.cr.fetchall()}
        for visit in self:
            visit.is_offer_origin = visit.id in origins

    @search_method
    def _search_is_offer_origin(self, operator, value):
        return boolean_search(
            operator,
            value,
            lambda: [("id", "in", SQL("(%s)", self._offer_origin_sql()))],
            lambda: [("id", "not in", SQL("(%s)", self._offer_origin_sql()))],
        )

    @api.depends("offer_ids")
    def _compute_offer_count(self):
        for visit in self:
            visit.offer_count = len(visit.offer_ids)

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

    @api.depends("partner_id.name", "name", "type_id.name")
    def _compute_display_name(self):
        for visit in self:
            parts = [visit.partner_id.name, visit.name or visit.type_id.name]
            visit.display_name = " – ".join(part for part in parts if part)

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

    @api.constrains("user_id", "company_id")
    def _check_rep(self):
        # The rep reads his visit in his list, calendar and daily e-mail:
        # one who may not read it is not given it, on any path (a form, an
        # import, a team lead's move, the client's new rep).
        for visit in self:
            visit._check_rep_may_hold(visit.user_id)

    def _check_rep_may_hold(self, user):
        """Refuse ``user`` as the rep of these visits, or of their follow-ups,
        unless he has sales rights in each visit's company."""
        for visit in self:
            if not user._solis_is_sales_rep_of(visit.company_id):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a sales rep of %(company)s: a visit goes "
                        "to a user with sales rights in the visit's company.",
                        user=user.sudo().display_name,
                        company=visit.company_id.sudo().display_name,
                    )
                )

    @api.constrains("duration")
    def _check_duration(self):
        if any(visit.duration < 0 for visit in self):
            raise ValidationError(self.env._("A visit cannot last a negative time."))

    @api.constrains("partner_id", "contact_id")
    def _check_contact_of_client(self):
        for visit in self:
            if visit.contact_id and (
                visit.contact_id.commercial_partner_id
                != visit.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact person of %(client)s.",
                        contact=visit.contact_id.name,
                        client=visit.partner_id.name,
                    )
                )

    @api.constrains("partner_id", "offer_ids")
    def _check_offers_of_client(self):
        for visit in self:
            for order in visit.offer_ids:
                visit._check_offer_of_client(order)

    def _check_offer_of_client(self, order):
        client = order.partner_id.commercial_partner_id
        if client != self.partner_id.commercial_partner_id:
            raise ValidationError(
                self.env._(
                    "Offer %(offer)s is for %(offer_client)s; it cannot be linked to "
                    "a visit to %(visit_client)s.",
                    offer=order.name,
                    offer_client=client.name,
                    visit_client=self.partner_id.name,
                )
            )

    @api.constrains("client_class_id", "company_id")
    def _check_client_class_company(self):
        for visit in self:
            # sudo: the class of another company is what is looked for, and
            # its user may not read it.
            client_class = visit.sudo().client_class_id
            if client_class.company_id not in (
                client_class.company_id.browse(),
                visit.company_id,
            ):
                raise ValidationError(
                    self.env._(
                        "The client class of %(client)s belongs to another "
                        "company than the visit.",
                        client=visit.partner_id.display_name,
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id.parent_id:
            self.contact_id = self.partner_id
            self.partner_id = self.partner_id.commercial_partner_id
        elif self.contact_id and self.contact_id.parent_id != self.partner_id:
            self.contact_id = False
        if not self._origin and self.partner_id:
            # A new visit follows its client's history; a logged one keeps
            # the status its rep gave it.
            self.status_id = self._status_for_client(self.partner_id)

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("import_file"):
            # Imported history: nobody is told of each visit of the past, and
            # no "created" note is logged on each.
            self = self.with_context(
                mail_auto_subscribe_no_notify=True,
                mail_create_nolog=True,
                mail_notrack=True,
            )
        for vals in vals_list:
            self._refuse_addon_written_fields(
                vals,
                (
                    "status_kind",
                    "latest_offer_date",
                    "calendar_event_id",
                    *CHECKIN_FIELDS,
                ),
            )
            if not vals.get("partner_id"):
                raise ValidationError(self.env._("A visit needs a client."))
            self._split_client_and_contact(vals)
        without_status = [vals for vals in vals_list if not vals.get("status_id")]
        if without_status:
            statuses = self._statuses_for_clients(
                list({vals["partner_id"] for vals in without_status})
            )
            for vals in without_status:
                vals["status_id"] = statuses[vals["partner_id"]].id
        visits = super().create(vals_list)
        # Answered first: an imported history plans no activity for the
        # follow-ups its own later visits answered.
        visits.filtered(lambda visit: visit.state == "done")._close_answered_followups()
        visits._sync_followup_activity()
        if not self.env.context.get("import_file") and not self.env.context.get(
            CALENDAR_SYNC_CONTEXT
        ):
            # An imported history is the past: its planned visits are given
            # their events by _plan_missing_calendar_events, if at all.
            visits.filtered(
                lambda visit: visit.state == "planned"
            )._sync_calendar_events()
        if self.env.context.get(IMPORT_FIGURES_CONTEXT):
            Partner = self.env["res.partner"]
            for name in VISIT_FIGURES:
                self.env.remove_to_compute(Partner._fields[name], visits.partner_id)
        return visits

    @api.model
    def load(self, fields, data):
        """Odoo's import, with the clients' figures counted once for the
        whole file (a file refused imports nothing, and counts nothing)."""
        result = super(
            SolisVisit, self.with_context(**{IMPORT_FIGURES_CONTEXT: True})
        ).load(fields, data)
        if result.get("ids"):
            # sudo: the figures count every visit of the client.
            clients = self.browse(result["ids"]).sudo().partner_id
            self.env["res.partner"]._solis_fill_visit_figures(clients.ids)
        return result

    def write(self, vals):
        self._refuse_addon_written_fields(vals, ADDON_WRITTEN_FIELDS)
        if (
            vals.get("company_id")
            and not self.env.su
            and vals["company_id"] not in self.env.user.company_ids.ids
        ):
            # Record rules are checked on the visit as it is, not as it
            # becomes: without this a rep could move it out of his reach.
            raise AccessError(
                self.env._("A visit cannot be moved to a company you are not in.")
            )
        if "partner_id" in vals:
            if not vals["partner_id"]:
                raise ValidationError(self.env._("A visit needs a client."))
            self._split_client_and_contact(vals)
        if "next_contact_date" in vals:
            vals.setdefault("is_followup_done", False)
        result = super().write(vals)
        if {"next_contact_date", "next_contact_note", "user_id", "state"} & set(vals):
            self._sync_followup_activity(reassign="user_id" in vals)
        if {"state", "visit_date", "partner_id"} & set(vals):
            self.filtered(
                lambda visit: visit.state == "done"
            )._close_answered_followups()
        if CALENDAR_FIELDS & set(vals) and not self.env.context.get(
            CALENDAR_SYNC_CONTEXT
        ):
            self._sync_calendar_events()
        if {"partner_id", "type_id"} & set(vals):
            self._refresh_checkin_status()
        return result

    def unlink(self):
        events = self.sudo().calendar_event_id
        result = super().unlink()
        if events:
            # sudo: the user could delete the visits; their events are their
            # mirror, whoever's calendar they sit in.
            events.with_context(**CALENDAR_QUIET_CONTEXT).unlink()
        return result

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
            cancelled.sudo().with_context(**CALENDAR_QUIET_CONTEXT).write(
                {"calendar_event_id": False}
            )
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
                }
                for visit in to_create
            ]
            # sudo: the user may plan the visit, so its event goes into the
            # rep's calendar, which a private event of another rep is not
            # open to.
            events = Event.sudo().create(values)
            for visit, event in zip(to_create.sudo(), events, strict=True):
                visit.with_context(**CALENDAR_QUIET_CONTEXT).calendar_event_id = event

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

    def _split_client_and_contact(self, vals):
        """A contact person chosen as client becomes the contact of his company."""
        partner = self.env["res.partner"].browse(vals["partner_id"])
        if partner.parent_id:
            vals["partner_id"] = partner.commercial_partner_id.id
            vals.setdefault("contact_id", partner.id)

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

    @api.model
    def get_import_templates(self):
        # Offered to whoever may create such records: the import screen.
        self.check_access("create")
        return [
            *super().get_import_templates(),
            {
                "label": self.env._("Import Template for Visits"),
                "template": "/solis_sales_process/static/xls/solis_visits_import_template.csv",
            },
        ]

    def action_mark_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_plan(self):
        self.write({"state": "planned"})

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

    def action_followup_done(self):
        """Close the follow-up from the visit, as the activity menu does."""
        activities = self._followup_activities()
        if activities:
            activities.action_done()
        self.filtered(lambda visit: not visit.is_followup_done).write(
            {"is_followup_done": True}
        )

    def action_create_offer(self):
        """One click from the visit to a quotation for the same client and rep."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_partner_id": (self.contact_id or self.partner_id).id,
                "default_user_id": self.user_id.id,
                "default_team_id": self.team_id.id,
                "default_company_id": self.company_id.id,
                "default_visit_ids": [fields.Command.set(self.ids)],
            },
        }

    def action_open_offers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "solis_sales_process.sale_order_action_offers"
        )
        action["domain"] = [("id", "in", self.offer_ids.ids)]
        action["context"] = {"default_visit_ids": [fields.Command.set(self.ids)]}
        return action

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
