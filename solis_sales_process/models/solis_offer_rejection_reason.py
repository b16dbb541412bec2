from odoo import fields, models


class SolisOfferRejectionReason(models.Model):
    _name = "solis.offer.rejection.reason"
    _inherit = "solis.constant.mixin"
    _description = "Offer Rejection Reason"

    company_id = fields.Many2one("res.company", index=True)

    def _usage_domains(self):
        return {"sale.order": "rejection_reason_id"}
