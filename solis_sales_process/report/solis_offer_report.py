from odoo import fields, models
from odoo.tools import SQL

from ..models.solis_offer_status import OFFER_STATUS_KINDS


class SolisOfferReport(models.Model):
    """Offers as the answers count them: one row per offer sent (a quotation
    never sent is not one), a renegotiation chain as one offer, on its first
    version's offer date, with its last version's status, outcome and amount."""

    _name = "solis.offer.report"
    _inherit = "solis.report.mixin"
    _auto = False
    _description = "Offer Analysis"
    _rec_name = "name"
    _order = "date desc"

    order_id = fields.Many2one(
        "sale.order",
        string="Offer",
        readonly=True,
        help="The offer's latest version.",
    )
    name = fields.Char(string="Number", readonly=True)
    date = fields.Datetime(
        string="Offer Date",
        readonly=True,
        help="The offer date of its first version: a renegotiated offer counts "
        "on the day it was first made.",
    )
    date_order = fields.Datetime(string="Order Date", readonly=True)
    user_id = fields.Many2one("res.users", string="Sales Rep", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    client_class_id = fields.Many2one("solis.client.class", readonly=True)
    offer_status_id = fields.Many2one("solis.offer.status", readonly=True)
    offer_status_kind = fields.Selection(OFFER_STATUS_KINDS, readonly=True)
    rejection_reason_id = fields.Many2one("solis.offer.rejection.reason", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Quotation"),
            ("sent", "Quotation Sent"),
            ("sale", "Sales Order"),
            ("cancel", "Cancelled"),
        ],
        readonly=True,
    )
    is_order = fields.Boolean(string="Became an Order", readonly=True)
    from_visit = fields.Boolean(string="From a Visit", readonly=True)
    offer_version = fields.Integer(string="Versions", readonly=True, aggregator="max")
    is_renegotiated = fields.Boolean(string="Renegotiated", readonly=True)
    amount_untaxed = fields.Float(string="Untaxed Amount", readonly=True)
    order_outcome = fields.Selection(
        [("order", "Became an order"), ("no_order", "No order")], readonly=True
    )
    origin = fields.Selection(
        [("visit", "From a visit"), ("no_visit", "Without a visit")],
        readonly=True,
        help="Whether the offer is linked to a visit.",
    )
    days_to_order = fields.Float(
        string="Days to Order",
        readonly=True,
        aggregator="avg",
        help="Days from the offer date of its first version to the confirmed order.",
    )

    def _select(self):
        # Amounts in the company's currency, as sale.report shows them.
        return SQL(
            """
            so.id,
            so.id AS order_id,
            so.name,
            so.offer_chain_date AS date,
            so.date_order,
            so.user_id,
            so.team_id,
            so.company_id,
            p.commercial_partner_id AS partner_id,
            cp.client_class_id,
            so.offer_status_id,
            so.offer_status_kind,
            so.rejection_reason_id,
            so.state,
            so.state = 'sale' AS is_order,
            EXISTS (
                SELECT 1 FROM solis_visit_sale_order_rel rel WHERE rel.order_id = so.id
            ) AS from_visit,
            CASE WHEN so.state = 'sale' THEN 'order' ELSE 'no_order' END
                AS order_outcome,
            CASE WHEN EXISTS (
                SELECT 1 FROM solis_visit_sale_order_rel rel WHERE rel.order_id = so.id
            ) THEN 'visit' ELSE 'no_visit' END AS origin,
            so.offer_version,
            so.offer_origin_id IS NOT NULL AS is_renegotiated,
            so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1.0)
                AS amount_untaxed,
            CASE WHEN so.state = 'sale' THEN %(days_to_order)s END AS days_to_order
            """,
            days_to_order=self.env["solis.sales.review"]._days_offer_to_order_sql("so"),
        )

    def _from(self):
        return """
            sale_order so
            LEFT JOIN res_partner p ON p.id = so.partner_id
            LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
        """

    def _where(self):
        # The rows of the answers' offers: the rules they search by.
        orders = self.env["sale.order"]
        return SQL(
            "%s AND %s",
            orders._solis_rule_sql("is_offer_sent", "so"),
            orders._solis_rule_sql("is_last_version", "so"),
        )
