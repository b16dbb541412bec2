from odoo import models
from odoo.exceptions import AccessError


class SolisAddonWrittenMixin(models.AbstractModel):
    """Fields the sales process keeps by itself (stored figures, related
    kinds, version links): readonly in the views, and refused when a user
    writes them over RPC, since the answers count them. The addon's own
    writes run as superuser, in SQL, or through computes."""

    _name = "solis.addon.written.mixin"
    _description = "Fields Kept by the Sales Process"

    def _refuse_addon_written_fields(self, vals, names):
        written = [name for name in names if name in vals]
        if written and not self.env.su:
            raise AccessError(
                self.env._(
                    "%(fields)s of %(records)s are kept by the sales process, "
                    "not set by hand.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in written
                    ),
                    records=self._description,
                )
            )
