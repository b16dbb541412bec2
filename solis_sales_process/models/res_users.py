from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    is_sales_digest_enabled = fields.Boolean(
        string="Daily Sales E-mail",
        default=True,
        help="Every morning, the clients to contact today and the ones forgotten "
        "yesterday or last week.",
    )
    sales_digest_date = fields.Date(
        string="Last Daily Sales E-mail",
        readonly=True,
        copy=False,
        help="The last day (the user's own) for which the daily e-mail was handled.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "is_sales_digest_enabled"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return [*super().SELF_WRITEABLE_FIELDS, "is_sales_digest_enabled"]

    def _solis_is_sales_rep_of(self, company):
        """Whether this user may be the rep of a visit of ``company``: an
        employee with sales rights there, who reads the visits he is given.
        sudo: whoever asks, the user's rights and companies decide."""
        self.ensure_one()
        user = self.sudo()
        return (
            not user.share
            and company in user.company_ids
            and user.has_group("sales_team.group_sale_salesman")
        )

    @api.readonly
    def action_preview_sales_digest(self):
        # Read-only: it only opens the preview, which is never saved (see
        # solis.sales.digest.preview.onchange); a server with a replica
        # answers it there.
        self.ensure_one()
        self.env["solis.sales.digest.preview"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Daily E-mail Preview"),
            "res_model": "solis.sales.digest.preview",
            "view_mode": "form",
            # The web client opens an action given by a method call (the
            # dashboard's button) from its views only: view_mode is not enough.
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_user_id": self.id},
        }
