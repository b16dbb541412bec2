from odoo import api, fields, models
from odoo.exceptions import UserError


class SolisConstantMixin(models.AbstractModel):
    """What every configurable constant of the sales process shares.

    Constants are referenced by visits and offers, so once in use they are
    archived rather than deleted: the history must stay readable.
    """

    _name = "solis.constant.mixin"
    _description = "Sales Process Constant"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    def _usage_domains(self):
        """Return ``{model_name: field_name}`` of the records that use a constant."""
        return {}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_use(self):
        for model_name, field_name in self._usage_domains().items():
            # sudo: a constant used only by records the administrator may not
            # read (another company's) is in use all the same.
            users = (
                self.env[model_name]
                .sudo()
                .with_context(active_test=False)
                .search([(field_name, "in", self.ids)], limit=1)
            )
            if users:
                constant = users[field_name] & self
                raise UserError(
                    self.env._(
                        "“%(constant)s” is used by %(model)s records and cannot be "
                        "deleted. Archive it instead: the records that use it stay "
                        "readable.",
                        constant=constant[:1].display_name,
                        model=self.env[model_name]._description,
                    )
                )
