from odoo import models
from odoo.tools import SQL

# What a pivot or graph shows when it groups by a yes/no of the reports: the
# booleans stay for filters and domains, these name their two sides.
CLIENT_IMPORTANCE = [("important", "Important client"), ("other", "Other client")]
CLIENT_LIFECYCLE = [("prospect", "Prospect"), ("client", "Client")]


class SolisReportMixin(models.AbstractModel):
    """A report model over a SQL query assembled from small overridable
    pieces, so that another addon adds a column by overriding one method."""

    _name = "solis.report.mixin"
    _description = "Sales Process Report"
    _auto = False

    def _select(self):
        raise NotImplementedError

    def _from(self):
        raise NotImplementedError

    def _where(self):
        return "TRUE"

    def _query(self):
        """The pieces may be plain SQL text or ``SQL`` objects with parameters."""
        return SQL(
            "SELECT %s FROM %s WHERE %s",
            *(
                piece if isinstance(piece, SQL) else SQL(piece)
                for piece in (self._select(), self._from(), self._where())
            ),
        )

    @property
    def _table_query(self):
        return self._query()
