from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SolisOfferPostpone(models.TransientModel):
    _name = "solis.offer.postpone"
    _description = "Postpone Offer"

    order_ids = fields.Many2many("sale.order", string="Offers", required=True)
    postponed_until = fields.Date(
        string="Until",
        required=True,
        help="When to take the offer up again: the rep gets a follow-up activity "
        "on that day.",
    )
    note = fields.Char(
        string="Why", help="e.g. back from holiday, budget approved in March"
    )

    @api.constrains("postponed_until")
    def _check_postponed_until(self):
        today = fields.Date.context_today(self)
        if any(wizard.postponed_until <= today for wizard in self):
            raise ValidationError(
                self.env._("An offer is postponed to a day after today.")
            )

    def action_postpone(self):
        orders = self.order_ids
        orders._ensure_open_offer()
        orders._set_offer_status("postponed", postponed_until=self.postponed_until)
        for order in orders:
            order.activity_schedule(
                "solis_sales_process.mail_activity_type_offer_followup",
                date_deadline=self.postponed_until,
                user_id=(order.user_id or self.env.user).id,
                summary=self.note
                or self.env._("Take up postponed offer %(offer)s", offer=order.name),
            )
        return {"type": "ir.actions.act_window_close"}
