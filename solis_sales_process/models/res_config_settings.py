from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    solis_digest_enabled = fields.Boolean(
        string="Daily Sales E-mail",
        config_parameter="solis_sales_process.digest_enabled",
    )
    solis_digest_important_clients = fields.Boolean(
        string="Important Clients Past Their Interval",
        config_parameter="solis_sales_process.digest_important_clients",
    )
    solis_digest_waiting_offers = fields.Boolean(
        string="Offers Waiting Past Their Follow-up",
        config_parameter="solis_sales_process.digest_waiting_offers",
    )
    # Off on install: on a database with years of history, turning it on
    # plans a visit for every important client at once; the administrator
    # sees how many before he does.
    solis_plan_important_visits = fields.Boolean(
        string="Plan Visits of Important Clients",
        config_parameter="solis_sales_process.plan_important_visits",
    )
    solis_plan_important_pending = fields.Integer(
        string="Clients to Plan",
        compute="_compute_solis_plan_important_pending",
    )

    def _compute_solis_plan_important_pending(self):
        pending = self.env["solis.visit.planner"]._count_clients_to_plan()
        for settings in self:
            settings.solis_plan_important_pending = pending
