from odoo import fields, models
from odoo.exceptions import UserError

# The lists an answer opens.
ANSWER_MODELS = (
    "res.partner",
    "solis.visit",
    "sale.order",
    "solis.client.coverage.report",
)


class SolisSalesOverviewLine(models.TransientModel):
    _name = "solis.sales.overview.line"
    _description = "Sales Process Overview Answer"
    _order = "sequence, id"

    overview_id = fields.Many2one(
        "solis.sales.overview", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    question = fields.Integer()
    label = fields.Char(string="Answer")
    kind = fields.Selection(
        [("count", "Count"), ("rate", "Rate"), ("days", "Days"), ("rep", "Rep")]
    )
    value = fields.Float(string="Raw Value", digits=(16, 4))
    has_value = fields.Boolean()
    value_display = fields.Char(string="Value", compute="_compute_value_display")
    res_model = fields.Char(readonly=True)
    # The domain of the list behind the answer, as data (JSON), never as code.
    domain = fields.Json(readonly=True)
    user_id = fields.Many2one("res.users", string="Sales Rep")
    visits_done = fields.Integer(string="Visits")
    offers = fields.Integer()
    offers_ordered = fields.Integer(string="Orders")
    offer_to_order_rate = fields.Float(string="Offer → Order")
    prospects_never_contacted = fields.Integer()
    clients_overdue = fields.Integer(string="Visits Overdue")

    def _compute_value_display(self):
        for line in self:
            if not line.has_value:
                line.value_display = "–"
            elif line.kind == "rate":
                line.value_display = f"{line.value:.0%}"
            elif line.kind == "days":
                days = f"{line.value:g}"
                line.value_display = self.env._("%(days)s days", days=days)
            else:
                line.value_display = f"{int(line.value)}"

    def action_open_list(self):
        self.ensure_one()
        res_model, domain = self.res_model, self.domain
        if res_model not in ANSWER_MODELS or not isinstance(domain, list):
            raise UserError(self.env._("This answer has no list to open."))
        if res_model == "solis.client.coverage.report":
            # Its rows are clients: open the clients' cards themselves.
            rows = self.env[res_model].search(domain)
            res_model, domain = "res.partner", [("id", "in", rows.partner_id.ids)]
        return {
            "type": "ir.actions.act_window",
            "name": self.label,
            "res_model": res_model,
            "domain": domain,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "target": "current",
            "context": {"create": False},
        }

    def action_open_rep(self):
        """The same overview, for this rep."""
        self.ensure_one()
        overview = self.overview_id.copy({"user_id": self.user_id.id})
        overview._refresh_lines()
        return {
            "type": "ir.actions.act_window",
            "name": self.user_id.name,
            "res_model": overview._name,
            "res_id": overview.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
