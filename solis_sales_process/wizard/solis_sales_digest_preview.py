from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.clock import check_day_in_range


class SolisSalesDigestPreview(models.TransientModel):
    """A rep's daily e-mail for any day, shown and not sent.

    The preview is never saved: its dialog has no button but Close, so the
    web client only ever calls ``onchange``, which computes the e-mail on a
    record kept in memory. That call is read-only, so that a server with a
    read replica renders previews there and not on the primary."""

    _name = "solis.sales.digest.preview"
    _description = "Daily Sales E-mail Preview"

    user_id = fields.Many2one(
        "res.users",
        string="Sales Rep",
        required=True,
        domain="[('share', '=', False)]",
        default=lambda self: self.env.user,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    subject = fields.Char(compute="_compute_preview")
    body_html = fields.Html(string="E-mail", compute="_compute_preview", sanitize=False)
    has_content = fields.Boolean(compute="_compute_preview")

    @api.readonly
    def onchange(self, values, field_names, fields_spec):
        return super().onchange(values, field_names, fields_spec)

    @api.depends("user_id", "date")
    def _compute_preview(self):
        can_see_all = self.env.user.has_group(
            "sales_team.group_sale_salesman_all_leads"
        )
        Digest = self.env["solis.sales.digest"]
        for preview in self:
            if not (preview.user_id and preview.date):
                preview.subject = preview.body_html = False
                preview.has_content = False
                continue
            if preview.user_id != self.env.user and not can_see_all:
                raise AccessError(
                    self.env._("You may only preview your own daily e-mail.")
                )
            # sudo: the rep's main company, which decides whose e-mail it is,
            # also when the previewing user may not read that user.
            if preview.user_id.sudo().company_id not in self.env.user.company_ids:
                raise AccessError(
                    self.env._(
                        "You may only preview the daily e-mail of users of your "
                        "companies."
                    )
                )
            check_day_in_range(self.env, preview.date)
            # Rendered with the previewing user's rights: he sees in it only
            # what he may read himself.
            values, subject, body = Digest._render(preview.user_id, preview.date)
            preview.subject = subject
            preview.body_html = body
            preview.has_content = values["has_content"]
