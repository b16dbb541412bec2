from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .solis_visit_checkin import (
    CHECKIN_DISABLED_PARAM,
    CHECKIN_RADIUS_PARAM,
    DEFAULT_CHECKIN_RADIUS,
)


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
    # Kept as its opposite: a parameter set to False is deleted, and a
    # deleted "enabled" would read as its default again.
    solis_checkin_enabled = fields.Boolean(
        string="Check-in at the Client",
        default=lambda self: self.env["solis.visit"]._checkin_enabled(),
    )
    solis_checkin_radius = fields.Integer(
        string="Verified Within (m)",
        config_parameter=CHECKIN_RADIUS_PARAM,
        default=DEFAULT_CHECKIN_RADIUS,
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

    @api.constrains("solis_checkin_radius")
    def _check_solis_checkin_radius(self):
        if any(settings.solis_checkin_radius <= 0 for settings in self):
            raise ValidationError(
                self.env._("The check-in distance must be at least one meter.")
            )

    def set_values(self):
        result = super().set_values()
        self.env["ir.config_parameter"].sudo().set_param(
            CHECKIN_DISABLED_PARAM, not self.solis_checkin_enabled or False
        )
        return result

    def _compute_solis_plan_important_pending(self):
        pending = self.env["solis.visit.planner"]._count_clients_to_plan()
        for settings in self:
            settings.solis_plan_important_pending = pending
