from odoo import fields, models

OFFER_STATUS_KINDS = [
    ("initiated", "Initiated / sent"),
    ("confirmed", "Receipt confirmed"),
    ("followup", "In follow-up"),
    ("renegotiated", "Renegotiated"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
    ("postponed", "Postponed"),
]


class SolisOfferStatus(models.Model):
    _name = "solis.offer.status"
    _inherit = "solis.constant.mixin"
    _description = "Offer Status"

    kind = fields.Selection(
        OFFER_STATUS_KINDS,
        required=True,
        default="followup",
        help="What the reports and the automatic transitions count this status as.",
    )
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Folded columns hold offers that are no longer open.",
    )
    company_id = fields.Many2one("res.company", index=True)

    def _usage_domains(self):
        return {"sale.order": "offer_status_id"}
