from odoo import fields, models
from odoo.tools import SQL

from ..models.solis_visit import VISIT_STATES
from ..models.solis_visit_checkin import CHECKIN_STATUSES
from ..models.solis_visit_status import VISIT_STATUS_KINDS
from .solis_report_mixin import CLIENT_IMPORTANCE, CLIENT_LIFECYCLE


class SolisVisitReport(models.Model):
    """Visits with what the questions group them by, for pivot and graph."""

    _name = "solis.visit.report"
    _inherit = "solis.report.mixin"
    _auto = False
    _description = "Visit Analysis"
    _rec_name = "visit_date"
    _order = "visit_date desc"

    visit_id = fields.Many2one("solis.visit", readonly=True)
    visit_date = fields.Datetime(string="Date", readonly=True)
    user_id = fields.Many2one("res.users", string="Sales Rep", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    client_user_id = fields.Many2one(
        "res.users", string="Client's Sales Rep", readonly=True
    )
    client_class_id = fields.Many2one("solis.client.class", readonly=True)
    is_important = fields.Boolean(string="Important Client", readonly=True)
    is_prospect = fields.Boolean(
        string="Prospect at the Time",
        readonly=True,
        help="The client was a prospect when the visit was made.",
    )
    type_id = fields.Many2one("solis.visit.type", readonly=True)
    is_in_person = fields.Boolean(string="In Person", readonly=True)
    status_id = fields.Many2one("solis.visit.status", readonly=True)
    status_kind = fields.Selection(VISIT_STATUS_KINDS, readonly=True)
    state = fields.Selection(VISIT_STATES, readonly=True)
    has_offer = fields.Boolean(
        string="Led to an Offer",
        readonly=True,
        help="An offer was made from this visit (its follow-up visits do not count).",
    )
    duration = fields.Float(readonly=True)
    importance = fields.Selection(CLIENT_IMPORTANCE, readonly=True)
    lifecycle = fields.Selection(
        CLIENT_LIFECYCLE,
        string="Prospect or Client",
        readonly=True,
        help="What the client was when the visit was made.",
    )
    presence = fields.Selection(
        [("in_person", "In person"), ("remote", "Remote")],
        string="In Person or Remote",
        readonly=True,
    )
    offer_outcome = fields.Selection(
        [("offer", "Led to an offer"), ("no_offer", "No offer")],
        readonly=True,
        help="An offer was made from this visit (its follow-up visits do not count).",
    )

    checkin_status = fields.Selection(
        CHECKIN_STATUSES, string="Check-in", readonly=True
    )
    verified_count = fields.Integer(
        string="Verified on Site",
        readonly=True,
        help="Visits the rep checked in within the set distance of the client.",
    )

    def _select(self):
        # "Led to an offer" as question 4 counts it: the visits an offer
        # came from, not those that followed it.
        return SQL(
            """
            v.id,
            v.id AS visit_id,
            v.visit_date,
            v.user_id,
            v.team_id,
            v.company_id,
            v.partner_id,
            p.user_id AS client_user_id,
            v.client_class_id,
            COALESCE(c.is_important, FALSE) AS is_important,
            COALESCE(v.client_was_prospect, FALSE) AS is_prospect,
            v.type_id,
            COALESCE(%(in_person)s, FALSE) AS is_in_person,
            v.status_id,
            v.status_kind,
            v.state,
            v.id IN (%(offer_origins)s) AS has_offer,
            v.duration,
            CASE WHEN c.is_important THEN 'important' ELSE 'other' END AS importance,
            CASE WHEN v.client_was_prospect THEN 'prospect' ELSE 'client' END
                AS lifecycle,
            CASE WHEN %(in_person)s THEN 'in_person' ELSE 'remote' END AS presence,
            CASE WHEN v.id IN (%(offer_origins)s) THEN 'offer' ELSE 'no_offer' END
                AS offer_outcome,
            COALESCE(v.checkin_status, 'no_position') AS checkin_status,
            CASE WHEN v.checkin_status = 'verified' THEN 1 ELSE 0 END AS verified_count
        """,
            offer_origins=self.env["solis.visit"]._offer_origin_sql(),
            # The visit's rule, as the answers count it.
            in_person=self.env["solis.visit"]._solis_rule_sql("is_in_person", "v"),
        )

    def _from(self):
        # The client is required on a visit: LEFT JOIN gives the same rows,
        # and lets PostgreSQL drop the joins a query does not read (a pivot
        # by rep and class then scans the visits only).
        return """
            solis_visit v
            LEFT JOIN res_partner p ON p.id = v.partner_id
            LEFT JOIN solis_client_class c ON c.id = v.client_class_id
        """
