from odoo import fields, models


class SolisOfferReject(models.TransientModel):
    _name = "solis.offer.reject"
    _description = "Reject Offer"

    order_ids = fields.Many2many("sale.order", string="Offers", required=True)
    rejection_reason_id = fields.Many2one("solis.offer.rejection.reason", required=True)
    note = fields.Text(help="Posted on the offer, for whoever reads it later.")

    def action_reject(self):
        """Cancel the quotations; they stay readable and count as rejected."""
        orders = self.order_ids
        orders._ensure_open_offer()
        orders._action_cancel()
        orders._set_offer_status(
            "rejected", rejection_reason_id=self.rejection_reason_id.id
        )
        if self.note:
            for order in orders:
                order.message_post(body=self.note)
        return {"type": "ir.actions.act_window_close"}
