import base64

from odoo import api, fields, models

from ..report.sales_review_workbook import build_workbook, workbook_file_name


class SolisSalesOverview(models.TransientModel):
    """The manager's screen: every answer for a period and a rep, each number
    one click away from the list behind it."""

    _name = "solis.sales.overview"
    _description = "Sales Process Overview"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self._default_date_from(),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )
    user_id = fields.Many2one(
        "res.users",
        string="Sales Rep",
        domain="[('share', '=', False)]",
        default=lambda self: self._default_user_id(),
        help="Leave empty for the whole team.",
    )
    can_choose_rep = fields.Boolean(default=lambda self: self._default_can_choose_rep())
    months = fields.Integer(
        string="Not Visited in (months)",
        help="n of “important clients not visited in the last n months”. "
        "Leave at 0 to use each client class's own target interval.",
    )
    line_ids = fields.One2many(
        "solis.sales.overview.line", "overview_id", domain=[("user_id", "=", False)]
    )
    rep_line_ids = fields.One2many(
        "solis.sales.overview.line", "overview_id", domain=[("user_id", "!=", False)]
    )

    @api.depends("date_from", "date_to", "user_id")
    def _compute_display_name(self):
        for overview in self:
            overview.display_name = " – ".join(
                part for part in (self.env._("Overview"), overview.user_id.name) if part
            )

    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    def _default_can_choose_rep(self):
        return self.env.user.has_group("sales_team.group_sale_salesman_all_leads")

    def _default_user_id(self):
        return False if self._default_can_choose_rep() else self.env.user

    @api.model
    def action_open(self):
        overview = self.create({})
        overview._refresh_lines()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Overview"),
            "res_model": self._name,
            "res_id": overview.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _get_answers(self):
        self.ensure_one()
        return self.env["solis.sales.review"].get_answers(
            date_from=self.date_from,
            date_to=self.date_to,
            user_ids=self.user_id.ids or None,
            months=self.months or None,
        )

    def _refresh_lines(self):
        self.ensure_one()
        review = self._get_answers()
        (self.line_ids | self.rep_line_ids).unlink()
        values = [
            {
                "overview_id": self.id,
                "sequence": sequence,
                "question": answer["question"],
                "label": answer["label"],
                "kind": answer["kind"],
                "value": answer["value"] or 0.0,
                "has_value": answer["value"] is not False,
                "res_model": answer["model"],
                "domain": answer["domain"],
            }
            for sequence, answer in enumerate(review["answers"].values())
        ]
        if not self.user_id:
            for row in review["by_rep"]:
                values.append(self._rep_line_values(row, review))
        self.env["solis.sales.overview.line"].create(values)

    def _rep_line_values(self, row, review):
        answers = row["answers"]
        return {
            "overview_id": self.id,
            "user_id": row["user_id"],
            "label": row["name"],
            "kind": "rep",
            "visits_done": answers.get("visits_done", 0),
            "offers": answers.get("offers", 0),
            "offers_ordered": answers.get("offers_ordered", 0),
            "offer_to_order_rate": answers.get("offer_to_order_rate", 0.0),
            "prospects_never_contacted": answers.get("prospects_never_contacted", 0),
            "clients_overdue": answers.get("clients_overdue", 0),
        }

    def action_refresh(self):
        self._refresh_lines()
        return True

    def action_download_workbook(self):
        self.ensure_one()
        review = self._get_answers()
        content = build_workbook(self.env, review)
        attachment = self.env["ir.attachment"].create(
            {
                "name": workbook_file_name(self.env, review),
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_preview_digest(self):
        self.ensure_one()
        return (self.user_id or self.env.user).action_preview_sales_digest()
