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
        self.ensure_one()
        until, note = self.postponed_until, self.note  # the user's own wizard
        self._offers()._postpone_offer(until, note)
        return {"type": "ir.actions.act_window_close"}

    def _offers(self):
        """Every offer of the wizard, also those the user may not read: reading
        ``order_ids`` as the user would silently leave them out, and the
        offers' own method refuses them."""
        return self.sudo().order_ids.with_env(self.env)
