"""Domains as SQL, for the SQL the ORM does not write itself: the counting
passes (``answers/answer_pass.py``) and the rules' SQL of the fills and the
reports' views (``solis.rule.mixin``).

This is the one place that reads the ORM's private machinery for turning a
domain into SQL (in 18.0 the ``expression`` class and the ``Query``
object's joins and tables); 19.0 replaces it with its ``Domain`` API, and
porting the addon to it changes this module only.
"""

from odoo.osv.expression import expression
from odoo.tools import SQL
from odoo.tools.query import Query


def domain_query(model, domain, alias=None, active_test=False):
    """The rows of ``model``'s table that ``domain`` selects, as a query to
    select from (its table named ``alias``, by default the table's name).

    No record rule of ``model`` applies (those of the models the domain
    walks through do, as in a search in ``model``'s environment), and the
    archived rows are left out only with ``active_test``: this is what the
    domain says, not what a reader may see (that is ``model._search``)."""
    alias = alias or model._table
    query = Query(model.env, alias, model._table_sql)
    active = model._active_name
    if (
        active_test
        and active
        and model.env.context.get("active_test", True)
        and not any(term[0] == active for term in domain)
    ):
        domain = [(active, "=", True), *domain]
    if domain:
        expression(domain, model, alias, query)
    return query


def domain_sql(model, domain, alias=None):
    """``domain_query`` as an SQL condition on the row ``alias`` (by default
    the table's name) of ``model``'s table."""
    alias = alias or model._table
    if not domain:
        return SQL("TRUE")
    query = domain_query(model, domain, alias)
    if not _reads_the_row_only(query, alias):
        # A condition through a join (an _inherits parent, an auto_join):
        # the ids it selects, from a table of its own.
        query = domain_query(model, domain, f"{alias}__domain")
    return query_sql(query, alias)


def query_sql(query, alias):
    """The rows ``query`` selects (a query on the table of the row ``alias``,
    e.g. the one ``model._search`` makes, record rules and all) as an SQL
    condition on that row: its WHERE clause when it reads that row alone,
    else its ids as a subquery."""
    if query.is_empty():
        return SQL("FALSE")
    if not _reads_the_row_only(query, alias) or query._ids is not None:
        return SQL("%s IN %s", SQL.identifier(alias, "id"), query.subselect())
    if not query._where_clauses:
        return SQL("TRUE")
    return SQL("(%s)", query.where_clause)


def _reads_the_row_only(query, alias):
    return not query._joins and len(query._tables) == 1 and query.table == alias
