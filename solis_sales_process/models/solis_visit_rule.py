from odoo import fields, models

from ..tools.compat import search_method


class SolisVisit(models.Model):
    """The visit's rules (solis.rule.mixin): what the answers, the reports'
    SQL and the dashboard's lists mean by a visit in person."""

    _name = "solis.visit"
    _inherit = ["solis.visit", "solis.rule.mixin"]

    is_in_person = fields.Boolean(
        string="In Person",
        compute="_compute_solis_rules",
        depends=["type_id.is_in_person"],
        search="_search_is_in_person",
        groups="base.group_user",
        help="A visit of a type met in person; the others (phone, "
        "telepresence...) are remote contacts.",
    )

    def _solis_rules(self):
        return {
            **super()._solis_rules(),
            "is_in_person": [("type_id.is_in_person", "=", True)],
        }

    @search_method
    def _search_is_in_person(self, operator, value):
        return self._solis_rule_search("is_in_person", operator, value)
