from datetime import date, datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Datetime
from odoo.tools import SQL, date_utils

from ..answers import catalogue
from ..answers.answer_pass import POOL, AnswerPass, run_passes
from ..tools.clock import asked_day, day_start_utc, user_today, user_tz

# What the answers accept: up to a century for "not visited in n months",
# and ten years of months counted at once.
MAX_MONTHS = 1200
MAX_PERIODS = 120
# The rows the pass over each model reads, and whether only those of the
# periods counted (every answer about visits or offers is about a period;
# some about clients are about today).
PASS_ROWS = {
    "res.partner": (catalogue.TOP_LEVEL, False),
    "solis.visit": (catalogue.DONE_VISITS, True),
    "sale.order": ((("is_last_version", "=", True),), True),
}


class SolisSalesReview(models.AbstractModel):
    """Every answer of the sales process, computed in one place.

    ``get_answers`` is what the overview, the Excel workbook, the daily
    e-mail and integrators (over RPC) call. Each answer carries the model and
    domain of the list behind its number, so that any client can open it.
    The counts run in the database (search_count, _read_group, SQL medians)
    with the caller's access rights: record rules apply.
    """

    _name = "solis.sales.review"
    _description = "Sales Process Answers"

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------
    @api.model
    @api.readonly
    def get_answers(self, date_from=None, date_to=None, user_ids=None, months=None):
        """Answer the questions for a period, for some reps (or all), and for
        *n* months without a visit (None: each client class's own interval).

        :param date_from, date_to: the period, ``YYYY-MM-DD`` (default: the
            last 30 days, today included)
        :param user_ids: the reps to count (default: all the caller may see;
            a rep who sees only his own documents always gets his own figures)
        :param months: *n* of "important clients not visited in n months"
        :return: a dict of plain values, safe for XML-RPC and JSON-RPC (False
            stands for "no value", e.g. a median over nothing)
        """
        period = self._review_period(date_from, date_to)
        rep_ids = self._review_rep_ids(user_ids)
        self._check_months(months)
        specs = self._answer_specs(months)
        counted = self._count_answers(specs, [period], rep_ids)
        answers, by_rep = self._period_answers(specs, counted, 1, period, rep_ids)
        start, end = self._utc_bounds(*period)
        return {
            "date_from": fields.Date.to_string(period[0]),
            "date_to": fields.Date.to_string(period[1]),
            "months": months or False,
            "user_ids": rep_ids or False,
            "answers": answers,
            "by_rep": self._by_rep_rows(answers, by_rep),
            **self._breakdowns(specs, start, end, rep_ids),
            "coverage": self._coverage_rows(rep_ids),
        }

    @api.model
    @api.readonly
    def get_period_answers(self, periods=None, user_ids=None, months=None):
        """Answer the questions for consecutive periods at once (a trend),
        for some reps (or all), and for *n* months without a visit: what the
        dashboard shows, counted in one pass over each model's table.

        :param periods: ``[[date_from, date_to], ...]``, ``YYYY-MM-DD``, the
            oldest first, each starting the day after the one before ends
            (default: the last 30 days, today included)
        :param user_ids: the reps to count (default: all the caller may see;
            a rep who sees only his own documents always gets his own figures)
        :param months: *n* of "important clients not visited in n months"
        :return: a dict of plain values, safe for XML-RPC and JSON-RPC:
            ``periods``, each with its ``answers`` as ``get_answers`` gives
            them; and for the last period ``by_rep`` (each rep's values and
            the domains of his lists) and the breakdowns of its lists
        """
        # Who may not read visits (a portal user) is refused before anything
        # he sent is looked at.
        self.env["solis.visit"].check_access("read")
        periods = self._review_periods(periods)
        rep_ids = self._review_rep_ids(user_ids)
        self._check_months(months)
        specs = self._answer_specs(months)
        counted = self._count_answers(specs, periods, rep_ids)
        answers_of = []
        for number, period in enumerate(periods, start=1):
            answers, by_rep = self._period_answers(
                specs, counted, number, period, rep_ids
            )
            answers_of.append(
                {
                    "date_from": fields.Date.to_string(period[0]),
                    "date_to": fields.Date.to_string(period[1]),
                    "answers": answers,
                }
            )
        start, end = self._utc_bounds(*periods[-1])
        rows = self._by_rep_rows(answers, by_rep)
        lists = {
            answer.key: self._list_spec(answer, specs) for answer in catalogue.ANSWERS
        }
        for row in rows:
            # The lists behind a rep's figures, as his own answers give them
            # (the shared pool of the unassigned included where he counts it).
            row["domains"] = {
                key: self._plain_domain(
                    catalogue.list_domain(
                        spec["answer"], start, end, [row["user_id"]], spec["domain"]
                    )
                )
                for key, spec in lists.items()
            }
        return {
            "months": months or False,
            "user_ids": rep_ids or False,
            "periods": answers_of,
            "by_rep": rows,
            **self._breakdowns(specs, start, end, rep_ids),
        }

    def _breakdowns(self, specs, start, end, rep_ids):
        """The rejected offers by reason and the visits by class of the
        period [start, end)."""
        rejected = specs[catalogue.BREAKDOWN_SOURCES[catalogue.REJECTION_REASONS].key]
        visits = specs[catalogue.BREAKDOWN_SOURCES[catalogue.VISITS_BY_CLASS].key]
        return {
            "rejection_reasons": self._rejection_reason_rows(
                catalogue.list_domain(
                    rejected["answer"], start, end, rep_ids, rejected["domain"]
                )
            ),
            "visits_by_class": self._visits_by_class_rows(
                catalogue.list_domain(
                    visits["answer"], start, end, rep_ids, visits["domain"]
                )
            ),
        }

    def _check_months(self, months):
        if months is not None and (
            isinstance(months, bool)
            or not isinstance(months, int)
            or not 1 <= months <= MAX_MONTHS
        ):
            raise UserError(
                self.env._(
                    "The number of months must be a whole number from 1 to %(max)s.",
                    max=MAX_MONTHS,
                )
            )

    # ------------------------------------------------------------------
    # Inputs
    # ------------------------------------------------------------------
    def _review_periods(self, periods):
        """Consecutive periods, as pairs of dates."""
        if periods is None:
            return [self._review_period(None, None)]
        if (
            not isinstance(periods, (list, tuple))
            or not 1 <= len(periods) <= MAX_PERIODS
            or not all(
                isinstance(period, (list, tuple)) and len(period) == 2
                for period in periods
            )
        ):
            raise UserError(
                self.env._(
                    "The periods are given as 1 to %(max)s pairs of dates "
                    "(YYYY-MM-DD): the first day and the last.",
                    max=MAX_PERIODS,
                )
            )
        checked = []
        for date_from, date_to in periods:
            if not date_from or not date_to:
                raise UserError(
                    self.env._("The period must be given as dates (YYYY-MM-DD).")
                )
            period = self._review_period(date_from, date_to)
            if checked and period[0] != checked[-1][1] + timedelta(days=1):
                raise UserError(
                    self.env._(
                        "Each period starts the day after the one before it ends."
                    )
                )
            checked.append(period)
        return checked

    def _review_period(self, date_from, date_to):
        error = self.env._("The period must be given as dates (YYYY-MM-DD).")
        date_to = asked_day(self.env, date_to, error)
        date_from = asked_day(
            self.env, date_from, error, default=date_to - timedelta(days=29)
        )
        if date_from > date_to:
            raise UserError(
                self.env._(
                    "The period starts (%(start)s) after it ends (%(end)s).",
                    start=date_from,
                    end=date_to,
                )
            )
        return date_from, date_to

    def _review_rep_ids(self, user_ids):
        if not self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            return [self.env.uid]
        if not user_ids:
            return None
        if isinstance(user_ids, int) and not isinstance(user_ids, bool):
            user_ids = [user_ids]
        if not isinstance(user_ids, (list, tuple)) or not all(
            isinstance(user_id, int) and not isinstance(user_id, bool)
            for user_id in user_ids
        ):
            raise UserError(self.env._("Reps are given by their user ids."))
        return list(user_ids)

    def _utc_bounds(self, first, *lasts):
        """Where the day ``first`` starts in the user's timezone, and where
        each day after one of ``lasts`` starts, as UTC datetimes."""
        tz = user_tz(self.env)
        return [day_start_utc(tz, first)] + [
            day_start_utc(tz, last + timedelta(days=1)) for last in lasts
        ]

    # ------------------------------------------------------------------
    # The questions
    # ------------------------------------------------------------------
    def _answer_specs(self, months):
        """``{key: {question, label, model, domain, dated, format, rep_field,
        pooled, answer}}`` of every count of the catalogue. The domain of a
        ``dated`` answer leaves out its period (``catalogue.list_domain`` adds
        it), so that it can be counted for several periods at once.

        Every day boundary comes from one clock: the user's own day, turned
        into UTC bounds by ``_utc_bounds``."""
        today = user_today(self.env)
        specs = {}
        for answer in catalogue.COUNTS:
            domain = list(answer.domain)
            if answer.domain_builder:
                domain += getattr(self, answer.domain_builder)(today, months)
            specs[answer.key] = {
                "question": answer.question,
                "label": catalogue.label(self.env, answer, months),
                "model": answer.model,
                "domain": domain,
                "dated": answer.period,
                "format": answer.format,
                # The unassigned are nobody's: every rep sees the same shared
                # pool, and a count for some reps adds that pool to their own.
                "rep_field": None if answer.reps == catalogue.POOL else "user_id",
                "pooled": answer.reps != catalogue.OWN,
                "answer": answer,
            }
        return specs

    @api.model
    def _question_texts(self, months=None):
        """The manager's questions, by the number each answer carries in its
        ``question``, in the user's language. Question 6, the overall
        situation per rep, is what ``by_rep`` answers."""
        return catalogue.question_texts(self.env, months)

    def _not_visited_domain(self, today, months):
        if months:
            limit = day_start_utc(
                user_tz(self.env), date_utils.subtract(today, months=months)
            )
            return [
                "|",
                ("last_visit_date", "=", False),
                ("last_visit_date", "<", limit),
            ]
        return [("is_visit_overdue", "=", True)]

    # ------------------------------------------------------------------
    # Counting
    # ------------------------------------------------------------------
    def _count_answers(self, specs, periods, rep_ids):
        """Every answer and median for the consecutive ``periods`` (pairs of
        first and last day), in one pass over each model's table.

        :return: ``{key: {period: {rep_id: value}}}``, period 1 to n for the
            dated answers and None for the others, rep_id None for the total
        """
        bounds = self._utc_bounds(periods[0][0], *(last for _first, last in periods))
        passes = {}
        # The coverage report's rows are clients: its answers are counted in
        # the clients' pass, each model's rows by its own record rules.
        coverage = self.env["solis.client.coverage.report"]
        coverage_audience = coverage._partner_audience()
        if coverage_audience is not None:
            passes["res.partner"] = self._answer_pass(
                "res.partner",
                bounds,
                rep_ids,
                audiences={
                    # The clients as the reader's own search gives them.
                    "res.partner": None,
                    coverage._name: coverage_audience,
                },
            )
        for key, spec in specs.items():
            model, domain, audience = spec["model"], spec["domain"], None
            if model == coverage._name and coverage_audience is not None:
                model, audience = "res.partner", coverage._name
                domain = coverage._as_partner_domain(domain)
            elif model in passes and passes[model].audiences is not None:
                audience = model
            if domain is None:
                # A term of the report's own: its rows, in a pass of its own.
                model, domain, audience = spec["model"], spec["domain"], None
            if model not in passes:
                passes[model] = self._answer_pass(model, bounds, rep_ids)
            passes[model].add(
                key,
                domain,
                dated=spec["dated"],
                pooled=spec["pooled"],
                audience=audience,
            )
        for median in catalogue.MEDIANS:
            spec = self._list_spec(median, specs)
            if spec["model"] not in passes:
                passes[spec["model"]] = self._answer_pass(
                    spec["model"], bounds, rep_ids
                )
            answer_pass = passes[spec["model"]]
            answer_pass.add(
                median.key,
                spec["domain"],
                dated=spec["dated"],
                audience=spec["model"] if answer_pass.audiences else None,
                days_sql=getattr(self, median.days_sql),
            )
        return run_passes(passes.values())

    @staticmethod
    def _list_spec(answer, specs):
        """The spec of the list behind ``answer``: its own count's, a rate's
        part's, a median's source's (of the same period), or the list of a
        median of its own."""
        key = answer.part or answer.source or answer.key
        if key in specs:
            return specs[key]
        return {
            "model": answer.model,
            "domain": list(answer.domain),
            "dated": answer.period,
            "rep_field": "user_id",
            "answer": answer,
        }

    def _answer_pass(self, model, bounds, rep_ids, audiences=None):
        """A pass over the rows of ``model`` that any answer may count, over
        the whole span of the periods."""
        rows, in_periods = PASS_ROWS.get(model, ((), False))
        domain = list(rows)
        date_field = catalogue.PERIOD_FIELDS.get(model)
        if in_periods:
            domain += [(date_field, ">=", bounds[0]), (date_field, "<", bounds[-1])]
        return AnswerPass(
            self.env[model], domain, rep_ids, bounds, date_field, audiences
        )

    def _period_answers(self, specs, counted, period_number, period, rep_ids):
        """The answers of one of the periods counted, and their values per rep."""
        start, end = self._utc_bounds(*period)
        answers = {}
        by_rep = {rep_id: {} for rep_id in rep_ids or []}
        for key, spec in specs.items():
            values = counted[key].get(period_number if spec["dated"] else None, {})
            answers[key] = {
                "question": spec["question"],
                "label": spec["label"],
                "kind": spec["format"],
                "model": spec["model"],
                "domain": self._plain_domain(
                    catalogue.list_domain(
                        spec["answer"], start, end, rep_ids, spec["domain"]
                    )
                ),
                "value": values.get(None, 0),
            }
            if spec["rep_field"]:
                for rep_id, count in values.items():
                    if rep_id not in (None, POOL):
                        by_rep.setdefault(rep_id, {})[key] = count
        # Each rep's row counts as his own answers do: the shared pool of the
        # unassigned is in every row (and once in the total).
        for rep_values in by_rep.values():
            for key, spec in specs.items():
                pool = 0
                if spec["pooled"]:
                    values = counted[key].get(period_number if spec["dated"] else None)
                    pool = (values or {}).get(POOL, 0)
                rep_values[key] = rep_values.get(key, 0) + pool
        self._add_rates(answers, by_rep)
        self._add_medians(
            answers, by_rep, counted, (period_number, (start, end)), specs, rep_ids
        )
        return answers, by_rep

    def _add_rates(self, answers, by_rep):
        for rate in catalogue.RATES:
            part, whole = answers[rate.part], answers[rate.whole]
            answers[rate.key] = {
                "question": rate.question,
                "label": catalogue.label(self.env, rate),
                "kind": rate.format,
                "model": part["model"],
                "domain": part["domain"],
                "value": self._rate(part["value"], whole["value"]),
            }
            for values in by_rep.values():
                values[rate.key] = self._rate(
                    values.get(rate.part, 0), values.get(rate.whole, 0)
                )

    @staticmethod
    def _rate(part, whole):
        return round(part / whole, 4) if whole else 0.0

    def _add_medians(self, answers, by_rep, counted, period, specs, rep_ids):
        """The medians of the ``period``-th period counted (``period`` a
        pair of UTC datetimes and its number)."""
        number, (start, end) = period
        for median in catalogue.MEDIANS:
            values = counted[median.key].get(number if median.period else None, {})
            if median.source:
                model = answers[median.source]["model"]
                domain = answers[median.source]["domain"]
            else:
                spec = self._list_spec(median, specs)
                model = spec["model"]
                domain = self._plain_domain(
                    catalogue.list_domain(
                        spec["answer"], start, end, rep_ids, spec["domain"]
                    )
                )
            answers[median.key] = {
                "question": median.question,
                "label": catalogue.label(self.env, median),
                "kind": median.format,
                "model": model,
                "domain": domain,
                "value": values.get(None, False),
            }
            for rep_id, rep_values in by_rep.items():
                rep_values[median.key] = values.get(rep_id, False)

    @staticmethod
    def _days_between_sql(later, earlier):
        # date_part is a float; EXTRACT a numeric, which the medians would
        # convert and sort row by row at several times the cost.
        return SQL("date_part('epoch', %s - %s) / 86400.0", later, earlier)

    def _days_to_first_offer_sql(self, alias):
        # The client's first offer: a quotation never sent is not one.
        return SQL(
            """(SELECT %(days)s
                  FROM sale_order so JOIN res_partner sp ON sp.id = so.partner_id
                 WHERE sp.commercial_partner_id = %(t)s.id
                   AND so.offer_date >= %(t)s.first_contact_date
                   AND %(sent)s)""",
            days=self._days_between_sql(
                SQL("MIN(so.offer_date)"), SQL.identifier(alias, "first_contact_date")
            ),
            t=SQL.identifier(alias),
            sent=self.env["sale.order"]._solis_rule_sql("is_offer_sent", "so"),
        )

    def _days_offer_to_order_sql(self, alias):
        # From the offer date of the chain's first version.
        return self._days_between_sql(
            SQL.identifier(alias, "date_order"),
            SQL.identifier(alias, catalogue.PERIOD_FIELDS["sale.order"]),
        )

    def _days_to_first_contact_sql(self, alias):
        return self._days_between_sql(
            SQL.identifier(alias, "rep_first_contact_date"),
            SQL.identifier(alias, "user_assigned_date"),
        )

    # ------------------------------------------------------------------
    # Breakdowns
    # ------------------------------------------------------------------
    def _by_rep_rows(self, answers, by_rep):
        # sudo: the names of the reps counted, also one the caller may not
        # read (of another of his companies' users); no other field is read.
        users = self.env["res.users"].sudo().browse(list(by_rep)).exists()
        return [
            {"user_id": user.id, "name": user.name, "answers": by_rep[user.id]}
            for user in users.sorted("name")
        ]

    def _rejection_reason_rows(self, domain):
        """Question 5: the rejected offers of ``domain`` per reason."""
        groups = self.env["sale.order"]._read_group(
            domain, ["rejection_reason_id"], ["__count"]
        )
        # The offers counted are the caller's to read; their reason's name is
        # shown even when the reason itself is not (sudo, names only), so that
        # one record of another company never breaks the whole answer.
        groups = [(reason.sudo(), count) for reason, count in groups]
        return [
            {
                "reason_id": reason.id,
                "name": reason.name or self.env._("No reason"),
                "value": count,
                "model": "sale.order",
                "domain": self._plain_domain(
                    domain + [("rejection_reason_id", "=", reason.id)]
                ),
            }
            for reason, count in groups
        ]

    def _visits_by_class_rows(self, domain):
        """Question 3: the visits of ``domain`` in person and remote, per rep
        and client class."""
        # The visits counted are the caller's to read (his record rules);
        # the names of their rep and class and the in-person flag of their
        # type are shown even when he may not read those records (sudo,
        # names and the flag only): one class of another company must not
        # break the answers of every team lead. Grouped in SQL, in person or
        # not, so that the thousands of groups of a big team are not made
        # records one by one.
        Visit = self.env["solis.visit"]
        query = Visit._search(domain)
        user_column = SQL.identifier(Visit._table, "user_id")
        class_column = SQL.identifier(Visit._table, "client_class_id")
        in_person = Visit._solis_rule_sql("is_in_person", Visit._table)
        query.groupby = SQL("%s, %s", user_column, class_column)
        groups = self.env.execute_query(
            query.select(
                user_column,
                class_column,
                SQL("COUNT(*) FILTER (WHERE %s)", in_person),
                SQL("COUNT(*) FILTER (WHERE %s IS NOT TRUE)", in_person),
            )
        )
        users = self._names_by_id("res.users", [group[0] for group in groups])
        classes = self._names_by_id("solis.client.class", [g[1] for g in groups])
        plain = self._plain_domain(domain)
        rows = {}
        no_class = self.env._("No class")
        for user_id, class_id, in_person_count, remote_count in groups:
            user_id, class_id = user_id or False, class_id or False
            domain = [
                *plain,
                ["user_id", "=", user_id],
                ["client_class_id", "=", class_id],
            ]
            rows[user_id, class_id] = {
                "user_id": user_id,
                "user": users.get(user_id, False),
                "client_class_id": class_id,
                "client_class": classes.get(class_id) or no_class,
                "in_person": in_person_count,
                "remote": remote_count,
                "model": "solis.visit",
                "domain": domain,
                # The lists of the two counts, by the visit's own rule.
                "in_person_domain": [*domain, ["is_in_person", "=", True]],
                "remote_domain": [*domain, ["is_in_person", "=", False]],
            }
        return sorted(
            rows.values(), key=lambda row: (row["user"] or "", row["client_class"])
        )

    def _names_by_id(self, model, ids):
        """``{id: name}`` of records the caller may not read (sudo, the name
        only)."""
        records = self.env[model].sudo().browse(set(ids) - {False})
        return {record.id: record.name for record in records}

    def _coverage_rows(self, rep_ids):
        """Question 7: per rep and class, the share of clients visited in time."""
        domain = [("client_class_id", "!=", False), ("user_id", "!=", False)]
        if rep_ids is not None:
            domain.append(("user_id", "in", rep_ids))
        Coverage = self.env["solis.client.coverage.report"]
        groups = Coverage._read_group(
            domain, ["user_id", "client_class_id", "is_covered"], ["__count"]
        )
        # As for the visits by class: the rows are the caller's, the names of
        # their rep and class are read with sudo, for display only.
        groups = [
            (user.sudo(), client_class.sudo(), is_covered, count)
            for user, client_class, is_covered, count in groups
        ]
        rows = {}
        for user, client_class, is_covered, count in groups:
            row = rows.setdefault(
                (user, client_class),
                {
                    "user_id": user.id,
                    "user": user.name,
                    "client_class_id": client_class.id,
                    "client_class": client_class.name,
                    "clients": 0,
                    "covered": 0,
                    "overdue_domain": self._plain_domain(
                        domain
                        + [
                            ("user_id", "=", user.id),
                            ("client_class_id", "=", client_class.id),
                            ("is_overdue", "=", True),
                        ]
                    ),
                },
            )
            row["clients"] += count
            row["covered"] += count if is_covered else 0
        for row in rows.values():
            row["overdue"] = row["clients"] - row["covered"]
            row["rate"] = self._rate(row["covered"], row["clients"])
        return sorted(rows.values(), key=lambda row: (row["user"], row["client_class"]))

    @staticmethod
    def _plain_domain(domain):
        """Dates and datetimes as strings, so the domain travels over RPC."""
        plain = []
        for term in domain:
            if isinstance(term, (tuple, list)) and len(term) == 3:
                value = term[2]
                if isinstance(value, datetime):
                    value = Datetime.to_string(value)
                elif isinstance(value, date):
                    value = fields.Date.to_string(value)
                elif isinstance(value, tuple):
                    value = list(value)
                term = [term[0], term[1], value]
            plain.append(term)
        return plain
