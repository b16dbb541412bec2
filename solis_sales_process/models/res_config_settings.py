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
