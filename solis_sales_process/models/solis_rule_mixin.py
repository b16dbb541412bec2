from odoo import models
from odoo.osv.expression import AND_OPERATOR, OR_OPERATOR, normalize_domain

from ..tools.compat import boolean_search
from ..tools.domain_sql import domain_sql


def term_negation(model, term):
    """The domain of the records of ``model`` the leaf ``term`` does not hold
    for, NULLs included, or None when it has no plain opposite."""
    if not isinstance(term, (list, tuple)) or len(term) != 3:
        return None  # "!", or a constant leaf
    field_name, operator, value = term
    if not isinstance(field_name, str):
        return None
    head, _dot, rest = field_name.partition(".")
    field = model._fields.get(head)
    if not field or not field.store:
        return None
    if rest:
        # Through a many2one that is never empty, the opposite is the
        # opposite on the record it links to.
        if field.type != "many2one" or not field.required:
            return None
        opposite = term_negation(model.env[field.comodel_name], (rest, operator, value))
        if opposite is None:
            return None
        return [
            (f"{head}.{leaf[0]}", *leaf[1:]) if isinstance(leaf, tuple) else leaf
            for leaf in opposite
        ]
    # "!=" and "not in" keep the empty ones unless asked for: the exact
    # opposite of "=" and "in" (and the other way round).
    exact = {"=": "!=", "!=": "=", "in": "not in", "not in": "in"}
    if operator in exact:
        return [(field_name, exact[operator], value)]
    # A comparison holds for no empty value: its opposite holds for them.
    compared = {"<": ">=", ">=": "<", ">": "<=", "<=": ">"}
    if operator in compared:
        return [
            OR_OPERATOR,
            (field_name, "=", False),
            (field_name, compared[operator], value),
        ]
    return None


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

    def _solis_rule_filter(self, name):
        """These records the rule ``name`` holds for, checked in memory (new
        records too): what Python checks test, so that they mean what a
        search by the rule means."""
        return self.filtered_domain(self._solis_rule_domain(name))

    def _solis_rule_plain_negation(self, name):
        """The records the rule ``name`` does not hold for, as plain
        conditions derived from the rule (NULLs included): a ``NOT IN`` over
        a large table is far slower in PostgreSQL. None when a term has no
        plain opposite (a path, a pattern, a hierarchy): the search then
        excludes the rule's records."""
        negation = []
        for term in normalize_domain(self._solis_rule_domain(name)):
            if term in (AND_OPERATOR, OR_OPERATOR):
                negation.append(OR_OPERATOR if term == AND_OPERATOR else AND_OPERATOR)
                continue
            opposite = term_negation(self, term)
            if opposite is None:
                return None
            negation += opposite
        return negation

    def _compute_solis_rules(self):
        # A record being edited (a form's onchange) is judged on the values
        # it holds in memory, not on those saved: a view reading the rule
        # follows what the user changes.
        saved = self.filtered("id")
        for name in self._solis_rules():
            domain = self._solis_rule_domain(name)
            matching = (self - saved).filtered_domain(domain)
            if saved:
                matching |= saved.with_context(active_test=False).search(
                    [("id", "in", saved.ids), *domain]
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
        negation = self._solis_rule_plain_negation(name)
        if negation is not None:
            return negation
        domain = self._solis_rule_domain(name)
        return [("id", "not in", self.with_context(active_test=False)._search(domain))]
