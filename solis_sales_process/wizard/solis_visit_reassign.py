from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.clock import check_day_in_range, day_start_utc, user_tz

TEAM_LEAD_GROUP = "sales_team.group_sale_salesman_all_leads"


class SolisVisitReassign(models.TransientModel):
    """A team lead hands a rep's planned visits to another rep at once:
    holidays, a departure. The visits selected in the list, or those of the
    rep in a period."""

    _name = "solis.visit.reassign"
    _description = "Move Planned Visits to Another Rep"

    visit_ids = fields.Many2many(
        "solis.visit",
        string="Selected Visits",
        help="The visits chosen in the list; only the planned ones move.",
    )
    from_user_id = fields.Many2one(
        "res.users", string="From Rep", domain="[('share', '=', False)]"
    )
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    to_user_id = fields.Many2one(
        "res.users",
        string="To Rep",
        required=True,
        domain="[('share', '=', False)]",
    )
    visit_count = fields.Integer(
        string="Visits to Move", compute="_compute_visit_count"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "visit_ids" in fields_list
            and context.get("active_model") == "solis.visit"
            and context.get("active_ids")
        ):
            values["visit_ids"] = [fields.Command.set(context["active_ids"])]
        return values

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            wizard._check_days_in_range()
            if (
                wizard.date_from
                and wizard.date_to
                and wizard.date_from > wizard.date_to
            ):
                raise ValidationError(self.env._("The period ends before it begins."))

    @api.depends("visit_ids.state", "from_user_id", "date_from", "date_to")
    @api.depends_context("tz", "uid")
    def _compute_visit_count(self):
        for wizard in self:
            wizard.visit_count = len(wizard._visits_to_move())

    def _check_days_in_range(self):
        # The dashboard's limits: the period's days are turned into UTC
        # times, which fail before year 1 and after 9999.
        for day in (self.date_from, self.date_to):
            if day:
                check_day_in_range(self.env, day)

    def _visits_to_move(self):
        self.ensure_one()
        self._check_days_in_range()
        if self.visit_ids:
            return self.visit_ids.filtered(lambda visit: visit.state == "planned")
        if not self.from_user_id:
            return self.env["solis.visit"]
        domain = [("user_id", "=", self.from_user_id.id), ("state", "=", "planned")]
        # The period is the team lead's days, as his calendar shows them.
        tz = user_tz(self.env)
        if self.date_from:
            domain.append(("visit_date", ">=", day_start_utc(tz, self.date_from)))
        if self.date_to:
            domain.append(
                ("visit_date", "<", day_start_utc(tz, self.date_to + timedelta(days=1)))
            )
        return self.env["solis.visit"].search(domain)

    def _check_team_lead(self):
        # The access rights keep reps out of the wizard; a rep who reached
        # it anyway may still not hand another rep's visits over.
        if not self.env.user.has_group(TEAM_LEAD_GROUP):
            raise AccessError(
                self.env._("Only a team lead moves planned visits to another rep.")
            )

    def action_reassign(self):
        self.ensure_one()
        self._check_team_lead()
        target = self.to_user_id
        if target.share or not target.active:
            raise UserError(
                self.env._(
                    "%(user)s is not an internal user: visits go to a sales rep.",
                    user=target.display_name,
                )
            )
        visits = self._visits_to_move().filtered(lambda visit: visit.user_id != target)
        if not visits:
            raise UserError(
                self.env._(
                    "There is no planned visit to move: choose a rep and a "
                    "period with planned visits, or select planned visits."
                )
            )
        # Through the ORM: the follow-ups and calendar entries of the visits
        # go with them.
        visits.write({"user_id": target.id})
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "solis_sales_process.solis_visit_action"
        )
        action["domain"] = [("id", "in", visits.ids)]
        action["context"] = {}
        action["name"] = self.env._("Visits Moved to %(user)s", user=target.name)
        return action
