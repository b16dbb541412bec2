from odoo import fields, models


class SolisOfferReject(models.TransientModel):
    _name = "solis.offer.reject"
    _description = "Reject Offer"

    order_ids = fields.Many2many("sale.order", string="Offers", required=True)
    rejection_reason_id = fields.Many2one("solis.offer.rejection.reason", required=True)
    note = fields.Text(help="Posted on the offer, for whoever reads it later.")

    def action_reject(self):
        """Cancel the quotations; they stay readable and count as rejected."""
        self.ensure_one()
        reason, note = self.rejection_reason_id, self.note  # the user's own wizard
        self._offers()._reject_offer(reason, note)
        return {"type": "ir.actions.act_window_close"}

    def _offers(self):
        """Every offer of the wizard, also those the user may not read: reading
        ``order_ids`` as the user would silently leave them out, and the
        offers' own method refuses them."""
        return self.sudo().order_ids.with_env(self.env)
