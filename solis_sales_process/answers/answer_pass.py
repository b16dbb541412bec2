"""Many answers of one model counted in one pass over its table.

Each answer is a domain, turned into SQL by the ORM, so that its number is
the count of the list the same domain opens: the pass reads the rows the
reader's own ``_search`` of the model gives (its record rules, and whatever
another addon's override narrows), those of the models a domain walks
through apply inside it, as in any search. Answers about a period ("dated") are counted
for several consecutive periods at once, each row falling in the period its
date belongs to: a trend of twelve periods costs the pass it rides on, not
twelve."""

from odoo.tools import SQL

from ..tools.domain_sql import domain_query, domain_sql, query_sql


def top_level_terms(domain):
    """The plain terms a domain ANDs at its top level (not those inside an
    OR or a NOT), as tuples."""
    terms, index = [], 0
    while index < len(domain):
        if isinstance(domain[index], str):
            index = _skip_expression(domain, index)
        else:
            terms.append(tuple(domain[index]))
            index += 1
    return terms


def _skip_expression(domain, index):
    """The index after the expression that starts at ``index``."""
    term = domain[index]
    if not isinstance(term, str):
        return index + 1
    index += 1
    for _operand in range(1 if term == "!" else 2):
        index = _skip_expression(domain, index)
    return index


# PostgreSQL's planner settings for the passes, not business code: set for
# the transaction while ``run_passes`` counts, and put back after it (the
# daily e-mail's next rep, a server action run after the answers get the
# settings they had: test_performance). Each one is measured by the bench
# (bench/run.py, "dashboard": the hand-written passes with that setting
# alone at the server's own value; bench/README.md, "The passes' settings").
PASS_SETTINGS = {
    # Compiling these wide queries to machine code takes longer than some
    # of them run.
    "jit": "off",
    # Each pass groups a few hundred thousand rows, and the medians sort
    # them: in memory, not sorted on disk in 4 MB runs (the default).
    "work_mem": "64MB",
    # A pass is one scan PostgreSQL splits among parallel workers when it
    # expects them to pay off; by its default costs (1000 and 0.1) starting
    # them looks dearer than it is for a scan of a few hundred thousand rows
    # of a covering index (the visits' pass then runs alone).
    "parallel_setup_cost": "100",
    "parallel_tuple_cost": "0.01",
}


def run_passes(passes):
    """Run the ``AnswerPass``es under ``PASS_SETTINGS``.

    :return: their results merged (``AnswerPass.run``)"""
    passes = list(passes)
    counted = {}
    if not passes:
        return counted
    cr = passes[0].model.env.cr
    names = list(PASS_SETTINGS)
    # One query reads the settings, then sets them: the row of the
    # materialized CTE is read before the outer SELECT sets anything.
    cr.execute(
        SQL(
            "WITH before AS MATERIALIZED (SELECT %s) SELECT before.*, %s FROM before",
            SQL(", ").join(SQL("current_setting(%s)", name) for name in names),
            _set_configs(PASS_SETTINGS),
        )
    )
    before = dict(zip(names, cr.fetchone()[: len(names)], strict=True))
    for answer_pass in passes:
        counted.update(answer_pass.run())
    # Not after an error: the transaction is aborted, and rolling it back
    # (or its savepoint) undoes the settings with everything else.
    cr.execute(SQL("SELECT %s", _set_configs(before)))
    return counted


def _set_configs(settings):
    return SQL(", ").join(
        SQL("set_config(%s, %s, true)", name, value) for name, value in settings.items()
    )


# The key of a pooled answer's rows without a rep in ``AnswerPass.run``'s
# result: the shared pool every rep's count includes.
POOL = "pool"


class AnswerPass:
    """``add`` the answers, then ``run``.

    :param model: the model, in the caller's environment (his rules apply)
    :param domain: every row the answers may count (narrows the scan)
    :param rep_ids: the reps counted, or None for all; the rows without a
        rep are read too, for the answers that count the shared pool
    :param bounds: for dated answers, the UTC bounds of consecutive periods
        (n + 1 datetimes for n periods)
    :param date_field: the stored datetime a dated answer's row falls on
    :param audiences: None: the pass reads the rows the reader's own
        ``_search`` gives (the model's record rules, and whatever another
        addon's override of ``_search`` narrows). Else ``{name: domain or
        None}``: the pass reads the table, and each answer counts only the
        rows of its audience: None stands for the rows the reader's own
        ``_search`` of the model gives, a domain for the rows of another
        model whose records are the same rows, holding that model's record
        rules (so that one pass answers for two models, each with its own
        rules)
    """

    def __init__(
        self, model, domain, rep_ids=None, bounds=None, date_field=None, audiences=None
    ):
        self.model = model
        self.domain = domain
        self.rep_ids = rep_ids
        self.bounds = list(bounds or ())
        self.alias = model._table
        self.answers = []
        self._term_conditions = {}
        # The terms every row of the pass meets already are not tested again
        # for each answer; those the model can test on the row itself are
        # tested so (``_answer_pass_row_conditions``).
        self._shared_terms = top_level_terms(domain)
        row_conditions = getattr(model, "_answer_pass_row_conditions", None)
        self._row_conditions = row_conditions(self.alias) if row_conditions else {}
        # The period a row of a dated answer falls in: 1 to n, NULL outside.
        self._in_span = self._bucket = None
        if date_field and len(self.bounds) >= 2:
            day = SQL.identifier(self.alias, date_field)
            self._in_span = SQL(
                "%(day)s >= %(first)s AND %(day)s < %(last)s",
                day=day,
                first=self.bounds[0],
                last=self.bounds[-1],
            )
            self._bucket = SQL(
                "CASE WHEN %s THEN width_bucket(%s, %s::timestamp[]) END",
                self._in_span,
                day,
                self.bounds,
            )
        self.audiences = None
        if audiences is not None:
            self.audiences = {}
            for name, audience_domain in audiences.items():
                if audience_domain is None:
                    # As the reader, as his list searches: the model's own
                    # _search, which another addon may override to narrow
                    # it (a territory, a company) rather than by a record
                    # rule.
                    condition = query_sql(self.model._search(domain), self.alias)
                else:
                    # Another model's record rules, read as Odoo applies
                    # them: as the superuser.
                    condition = domain_sql(
                        model.sudo().with_context(active_test=False),
                        audience_domain,
                        self.alias,
                    )
                self.audiences[name] = condition

    def add(self, key, domain, dated=False, pooled=False, audience=None, days_sql=None):
        """Count the rows of ``domain``, or with ``days_sql`` (``alias ->
        SQL``) take the median of the days it gives over them. ``pooled``:
        the rows without a rep count for any set of reps (the unassigned are
        everybody's)."""
        if dated and self._bucket is None:
            raise ValueError("A dated answer needs the periods' bounds.")
        if (self.audiences is None) != (audience is None) or (
            audience is not None and audience not in self.audiences
        ):
            raise ValueError("An answer of a pass with audiences names one of them.")
        self.answers.append(
            {
                "key": key,
                "kind": "median" if days_sql else "count",
                "condition": self._condition(domain),
                "dated": dated,
                "pooled": pooled,
                "days": days_sql(self.alias) if days_sql else None,
                "audience": audience,
                # The reps asked for, unless the answer counts the pool.
                "reps": SQL()
                if self.rep_ids is None or pooled
                else SQL(" AND s.user_id = ANY(%s)", self.rep_ids),
            }
        )

    def _condition(self, domain):
        """The SQL conditions a row of the answer meets, ANDed: one per
        top-level term of a plain AND, so that a term many answers share is
        tested once per row (``_count_sql`` makes each distinct one a
        column). Inside an OR or a NOT a term keeps its meaning: such a
        domain is one condition."""
        if any(isinstance(term, str) for term in domain):
            return [domain_sql(self.model, domain, self.alias)]
        conditions = []
        for term in map(tuple, domain):
            if term in self._shared_terms:
                continue
            if term in self._row_conditions:
                conditions.append(self._row_conditions[term])
                continue
            key = repr(term)
            if key not in self._term_conditions:
                # What the term says of a row the pass reads: the rows come
                # from the reader's own search (or an audience), which
                # applies his rules.
                self._term_conditions[key] = domain_sql(self.model, [term], self.alias)
            conditions.append(self._term_conditions[key])
        return conditions or [SQL("TRUE")]

    def run(self):
        """:return: ``{key: {period: {rep_id: value}}}``, period 1 to n for
        dated answers and None for the others, rep_id None for the total and
        ``POOL`` for the rows without a rep of a pooled answer (a rep with
        nothing to count is left out; a median over nothing is absent)."""
        results = {answer["key"]: {} for answer in self.answers}
        if not self.answers:
            return results
        # The dates and medians are raw SQL over stored fields: everything
        # pending is written first (a recompute queued by the caller's writes).
        self.model.env.flush_all()
        counts = [answer for answer in self.answers if answer["kind"] == "count"]
        if counts:
            rows = self.model.env.execute_query(self._count_sql(counts))
            self._read_counts(counts, rows, results)
        # Each median over its own rows only: a median cannot be added up
        # from parts, so its query groups the rows itself.
        for answer in self.answers:
            if answer["kind"] != "median":
                continue
            rows = self.model.env.execute_query(self._median_sql(answer))
            for all_reps, bucket, user_id, value in rows:
                if value is None or (not all_reps and user_id is None):
                    continue
                if answer["dated"] and not 1 <= (bucket or 0) < len(self.bounds):
                    continue
                period = bucket if answer["dated"] else None
                rep = None if all_reps else user_id
                results[answer["key"]].setdefault(period, {})[rep] = round(value, 1)
        return results

    def _read_counts(self, answers, rows, results):
        """Each row counts one rep's records of one period: the team's and
        the periods' totals are their sums (summed here, so that PostgreSQL
        groups by rep and period only, which it can split among workers)."""
        for user_id, bucket, *values in rows:
            for answer, value in zip(answers, values, strict=True):
                if not value:
                    continue
                period = None
                if answer["dated"]:
                    if not 1 <= (bucket or 0) < len(self.bounds):
                        continue
                    period = bucket
                counted = results[answer["key"]].setdefault(period, {})
                counted[None] = counted.get(None, 0) + value
                if user_id is not None:
                    counted[user_id] = counted.get(user_id, 0) + value
                elif answer["pooled"]:
                    # The rows without a rep are everybody's: each rep's
                    # count adds them (the caller does, for the reps it shows).
                    counted[POOL] = counted.get(POOL, 0) + value

    def _query(self):
        """The rows of the pass, as a Query to select columns from."""
        if self.audiences is None:
            query = self.model._search(self.domain)
        else:
            # The model's access rights still apply; what the reader may see
            # of it is each answer's audience.
            self.model.check_access("read")
            query = domain_query(self.model.sudo(), self.domain, active_test=True)
        user_column = SQL.identifier(self.alias, "user_id")
        if self.rep_ids is not None:
            query.add_where(
                SQL(
                    "(%s = ANY(%s) OR %s IS NULL)",
                    user_column,
                    self.rep_ids,
                    user_column,
                )
            )
        return query

    def _count_sql(self, answers):
        """Every count, per rep and period. A plain GROUP BY (no grouping
        sets, no subquery fence): PostgreSQL can then scan and count in
        parallel workers, each condition and audience is a column of the
        subquery that it inlines, shared by every answer that tests it."""
        dated = any(answer["dated"] for answer in answers)
        columns = [
            SQL("%s AS user_id", SQL.identifier(self.alias, "user_id")),
            SQL("%s AS b", self._bucket if dated else SQL("NULL::int")),
        ]
        named = {}
        aggregates = []
        for answer in answers:
            conditions = list(answer["condition"])
            if answer["audience"] is not None:
                conditions.append(self.audiences[answer["audience"]])
            tested = []
            for condition in conditions:
                key = (condition.code, repr(condition.params))
                if key not in named:
                    named[key] = SQL.identifier(f"t{len(named)}")
                    columns.append(SQL("%s AS %s", condition, named[key]))
                tested.append(SQL("s.%s", named[key]))
            aggregates.append(
                SQL(
                    "COUNT(*) FILTER (WHERE %s%s)",
                    SQL(" AND ").join(tested),
                    answer["reps"],
                )
            )
        return SQL(
            "SELECT s.user_id, s.b, %s FROM (%s) s GROUP BY s.user_id, s.b",
            SQL(", ").join(aggregates),
            self._query().select(*columns),
        )

    def _median_sql(self, answer):
        """The median per rep (and period) and of the whole team."""
        query = self._query()
        query.add_where(SQL("(%s)", SQL(" AND ").join(answer["condition"])))
        if answer["audience"] is not None:
            query.add_where(self.audiences[answer["audience"]])
        if answer["dated"]:
            query.add_where(self._in_span)
        bucket = self._bucket if answer["dated"] else SQL("NULL::int")
        columns = [
            SQL("%s AS user_id", SQL.identifier(self.alias, "user_id")),
            SQL("%s AS b", bucket),
            SQL("%s AS days", answer["days"]),
        ]
        if answer["dated"]:
            sets = SQL("(s.user_id, s.b), (s.b)")
        else:
            sets = SQL("(s.user_id), ()")
        return SQL(
            """SELECT GROUPING(s.user_id) = 1, %s, s.user_id,
                      percentile_cont(0.5) WITHIN GROUP (ORDER BY s.days)
                      FILTER (WHERE s.days IS NOT NULL%s)
                 FROM (%s) s
                GROUP BY GROUPING SETS (%s)""",
            SQL("s.b") if answer["dated"] else SQL("NULL::int"),
            answer["reps"],
            query.select(*columns),
            sets,
        )
