from odoo import models


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
        return f"SELECT {self._select()} FROM {self._from()} WHERE {self._where()}"

    @property
    def _table_query(self):
        return self._query()
