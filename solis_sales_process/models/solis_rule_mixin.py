from odoo import models

from ..tools.compat import boolean_search
from ..tools.domain_sql import domain_sql


class SolisRuleMixin(models.AbstractModel):
    """Named rules of the sales process ("prospect never contacted", "offer
    sent", "visit overdue"...), each written once as a domain in
    ``_solis_rules`` and exposed as a search field of the same name: the
    answers, the saved and search filters and the daily e-mail all search by
    the field, so that a rule never means two things. Rules that depend on
    the day read the one clock of the answers (the user's day)."""

    _name = "solis.rule.mixin"
    _description = "Sales Process Rules"

    def _solis_rules(self):
        """``{field name: domain}`` of the model's rules; a domain that
        costs a query to make may be given as a function returning it, made
        only for the rule searched."""
        return {}

    def _solis_rule_domain(self, name):
        rule = self._solis_rules()[name]
        return rule() if callable(rule) else rule

    def _solis_rule_fields(self, name):
        """The fields of the model the rule ``name`` reads: a write of any
        of them may change whom it holds for."""
        return {
            term[0].split(".")[0]
            for term in self._solis_rule_domain(name)
            if isinstance(term, (list, tuple))
        }

    def _solis_rule_sql(self, name, alias):
        """The rule ``name`` as an SQL condition on the row ``alias`` of the
        model's table, made by the ORM from the rule's domain: the SQL fills
        and reports that read the table mean what a search by the rule
        means. The rule is the same for every reader (no record rules)."""
        model = self.sudo().with_context(active_test=False)
        return domain_sql(model, self._solis_rule_domain(name), alias)

    def _solis_rule_negations(self):
        """``{field name: domain}`` of the records a rule does not hold for,
        where it can be written as plain conditions (NULLs included): a
        ``NOT IN`` over a large table is far slower in PostgreSQL."""
        return {}

    def _compute_solis_rules(self):
        for name in self._solis_rules():
            domain = self._solis_rule_domain(name)
            matching = self.browse()
            if self.ids:
                matching = self.with_context(active_test=False).search(
                    [("id", "in", self.ids), *domain]
                )
            for record in self:
                record[name] = record in matching

    def _solis_rule_search(self, name, operator, value):
        """The search of the rule's field (decorated ``search_method`` in
        the model that declares it): true or false, nothing else."""
        return boolean_search(
            operator,
            value,
            lambda: self._solis_rule_domain(name),
            lambda: self._solis_rule_negation(name),
        )

    def _solis_rule_negation(self, name):
        negation = self._solis_rule_negations().get(name)
        if negation is not None:
            return negation
        domain = self._solis_rule_domain(name)
        return [("id", "not in", self.with_context(active_test=False)._search(domain))]
