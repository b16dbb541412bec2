from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SolisClientClass(models.Model):
    _name = "solis.client.class"
    _inherit = "solis.constant.mixin"
    _description = "Client Class"

    is_important = fields.Boolean(
        help="Important clients are watched by the reports: were they visited "
        "within their target interval?"
    )
    visit_interval_days = fields.Integer(
        string="Target Interval (days)",
        default=90,
        help="How often a client of this class should be visited.",
    )
    company_id = fields.Many2one("res.company", index=True)

    @api.constrains("visit_interval_days")
    def _check_visit_interval_days(self):
        if any(client_class.visit_interval_days < 1 for client_class in self):
            raise ValidationError(
                self.env._(
                    "The target interval between visits must be at least one day."
                )
            )

    def _usage_domains(self):
        return {"res.partner": "client_class_id"}
