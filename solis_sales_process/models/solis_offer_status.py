from odoo import api, fields, models
from odoo.exceptions import UserError

OFFER_STATUS_KINDS = [
    ("initiated", "Initiated / sent"),
    ("confirmed", "Receipt confirmed"),
    ("followup", "In follow-up"),
    ("renegotiated", "Renegotiated"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
    ("postponed", "Postponed"),
]


class SolisOfferStatus(models.Model):
    _name = "solis.offer.status"
    _inherit = "solis.constant.mixin"
    _description = "Offer Status"

    kind = fields.Selection(
        OFFER_STATUS_KINDS,
        required=True,
        default="followup",
        help="What the reports and the automatic transitions count this status as.",
    )
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Folded columns hold offers that are no longer open.",
    )
    company_id = fields.Many2one("res.company", index=True)

    def _usage_domains(self):
        return {"sale.order": "offer_status_id"}

    def _ensure_each_kind_remains(self):
        """The addon sets each kind by itself (sending, confirming, the offer
        buttons): one active status of each must stay."""
        for kind in set(self.mapped("kind")):
            others = self.search(
                [("kind", "=", kind), ("id", "not in", self.ids)], limit=1
            )
            if not others:
                raise UserError(
                    self.env._(
                        "“%(status)s” is the last active offer status of kind "
                        "“%(kind)s”, which the addon sets by itself: add another "
                        "one of that kind first.",
                        status=self.filtered(lambda s, k=kind: s.kind == k)[
                            :1
                        ].display_name,
                        kind=dict(OFFER_STATUS_KINDS)[kind],
                    )
                )

    def write(self, vals):
        if vals.get("active") is False or "kind" in vals:
            leaving = self.filtered("active")
            if "kind" in vals:
                leaving = leaving.filtered(lambda status: status.kind != vals["kind"])
            leaving._ensure_each_kind_remains()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_last_of_kind(self):
        self.filtered("active")._ensure_each_kind_remains()
