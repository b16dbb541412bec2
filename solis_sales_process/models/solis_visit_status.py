from odoo import fields, models

VISIT_STATUS_KINDS = [
    ("initial_contact", "Initial contact"),
    ("contact", "Contact"),
    ("offer", "Offer requested"),
    ("offer_followup", "Offer follow-up"),
]


class SolisVisitStatus(models.Model):
    _name = "solis.visit.status"
    _inherit = "solis.constant.mixin"
    _description = "Visit Status"

    kind = fields.Selection(
        VISIT_STATUS_KINDS,
        required=True,
        default="contact",
        help="What the reports count this status as. Rename the status freely; "
        "the kind keeps the reports right.",
    )
    company_id = fields.Many2one("res.company", index=True)

    def _usage_domains(self):
        return {"solis.visit": "status_id"}
