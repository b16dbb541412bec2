from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_class_id = fields.Many2one(
        "solis.client.class",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    is_prospect = fields.Boolean(
        string="Prospect",
        index=True,
        help="A potential client: in the database, not buying yet. Confirming "
        "an order for him makes him a client.",
    )
    user_assigned_date = fields.Datetime(
        string="Rep Assigned On",
        readonly=True,
        copy=False,
        help="When the current sales rep was given this client.",
    )
    visit_ids = fields.One2many("solis.visit", "partner_id", string="Visits")
    visit_count = fields.Integer(
        string="Visits Done", compute="_compute_visit_figures", store=True
    )
    first_contact_date = fields.Datetime(
        string="First Contact",
        compute="_compute_visit_figures",
        store=True,
        index="btree_not_null",
        help="The first done visit: when the prospect became a lead in contact.",
    )
    last_contact_date = fields.Datetime(
        string="Last Contact",
        compute="_compute_visit_figures",
        store=True,
        index="btree_not_null",
        help="The last done visit of any type.",
    )
    last_visit_date = fields.Datetime(
        string="Last Visit in Person",
        compute="_compute_visit_figures",
        store=True,
        index="btree_not_null",
        help="The last done visit of a type met in person.",
    )
    next_contact_date = fields.Date(
        string="Next Contact",
        compute="_compute_visit_figures",
        store=True,
        index="btree_not_null",
        help="The earliest planned visit or open follow-up.",
    )

    @api.depends(
        "visit_ids.state",
        "visit_ids.visit_date",
        "visit_ids.type_id",
        "visit_ids.next_contact_date",
        "visit_ids.is_followup_done",
    )
    def _compute_visit_figures(self):
        """Aggregate in the database, so that the cost does not grow with history."""
        partners = self.filtered("id")
        figures = partners._visit_figures()
        for partner in self:
            values = figures.get(partner.id, {})
            partner.visit_count = values.get("visit_count", 0)
            partner.first_contact_date = values.get("first_contact_date")
            partner.last_contact_date = values.get("last_contact_date")
            partner.last_visit_date = values.get("last_visit_date")
            partner.next_contact_date = values.get("next_contact_date")

    def _visit_figures(self):
        figures = {partner_id: {} for partner_id in self.ids}
        if not self:
            return figures
        Visit = self.env["solis.visit"].sudo().with_context(active_test=False)
        base_domain = [("partner_id", "in", self.ids)]
        done = base_domain + [("state", "=", "done")]
        for partner, count, first, last in Visit._read_group(
            done, ["partner_id"], ["__count", "visit_date:min", "visit_date:max"]
        ):
            figures[partner.id].update(
                visit_count=count, first_contact_date=first, last_contact_date=last
            )
        in_person = done + [("type_id.is_in_person", "=", True)]
        for partner, last in Visit._read_group(
            in_person, ["partner_id"], ["visit_date:max"]
        ):
            figures[partner.id]["last_visit_date"] = last
        next_dates = {}
        open_followups = base_domain + [
            ("next_contact_date", "!=", False),
            ("is_followup_done", "=", False),
            ("state", "!=", "cancelled"),
        ]
        for partner, first in Visit._read_group(
            open_followups, ["partner_id"], ["next_contact_date:min"]
        ):
            next_dates[partner.id] = first
        planned = base_domain + [("state", "=", "planned")]
        for partner, first in Visit._read_group(
            planned, ["partner_id"], ["visit_date:min"]
        ):
            first_day = first.date()
            previous = next_dates.get(partner.id)
            next_dates[partner.id] = min(previous, first_day) if previous else first_day
        for partner_id, first in next_dates.items():
            figures[partner_id]["next_contact_date"] = first
        return figures

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("user_id"):
                vals.setdefault("user_assigned_date", now)
        return super().create(vals_list)

    def write(self, vals):
        if "user_id" in vals and "user_assigned_date" not in vals:
            new_user_id = vals["user_id"] or False
            reassigned = self.filtered(lambda p: p.user_id.id != new_user_id)
            if reassigned:
                super(ResPartner, reassigned).write(
                    {"user_assigned_date": new_user_id and fields.Datetime.now()}
                )
        return super().write(vals)

    def action_open_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "solis_sales_process.solis_visit_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {
            "default_partner_id": self.commercial_partner_id.id,
            "search_default_partner_id": False,
        }
        return action

    def action_log_visit(self):
        """Two clicks from the client's card: open a new visit for him."""
        self.ensure_one()
        client = self.commercial_partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Visit"),
            "res_model": "solis.visit",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_partner_id": client.id,
                "default_contact_id": self.id if self != client else False,
            },
        }
