from odoo import fields, models


class SolisVisitType(models.Model):
    _name = "solis.visit.type"
    _inherit = "solis.constant.mixin"
    _description = "Visit Type"

    is_in_person = fields.Boolean(
        string="Meeting in Person",
        help="Visits of this type count as visits to the client; the others "
        "(phone, telepresence...) count as contacts only.",
    )
    company_id = fields.Many2one("res.company", index=True)

    def _usage_domains(self):
        return {"solis.visit": "type_id"}
