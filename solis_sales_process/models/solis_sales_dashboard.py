import statistics

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..report.sales_review_workbook import rep_pool_text, workbook_file_name
from ..tools.clock import period_label, trailing_periods, user_today
from ..tools.compat import USER_GROUPS

TREND_PERIODS = 12
PERIOD_KINDS = ("week", "month", "quarter", "year")
# The per-rep comparison's columns.
REP_COLUMNS = (
    "visits_done",
    "visits_in_person",
    "visits_verified",
    "leads",
    "offers",
    "offers_ordered",
    "offer_to_order_rate",
    "prospects_never_contacted",
    "clients_overdue",
    "median_days_assignment_to_contact",
)


class SolisSalesDashboard(models.AbstractModel):
    """What the manager's dashboard shows: every answer of a period with the
    previous period's value and a trend over the last periods, in sections
    titled by the questions they answer. It reads and writes nothing else:
    opening the dashboard creates no record."""

    _name = "solis.sales.dashboard"
    _description = "Sales Process Dashboard"

    @api.model
    @api.readonly
    def get_dashboard(
        self, period="month", date=None, user_id=None, team_id=None, months=None
    ):
        """The dashboard of the ``period`` (week, month, quarter or year)
        holding ``date`` (``YYYY-MM-DD``, default today), for one rep, a sales
        team, or the whole team (neither).

        :return: a dict of plain values (see the README, "The dashboard")
        """
        review = self.env["solis.sales.review"]
        self._check_dashboard_access()
        day, periods, rep_ids, user, team = self._inputs(
            period, date, user_id, team_id, months
        )
        specs = review._answer_specs(months)
        counted = review._count_answers(specs, periods, rep_ids)
        current = len(periods)
        answers, by_rep = review._period_answers(
            specs, counted, current, periods[-1], rep_ids
        )
        previous, _by_rep = review._period_answers(
            specs, counted, current - 1, periods[-2], rep_ids
        )
        trends = self._trends(specs, counted, periods, answers)
        start, end = review._utc_bounds(periods[-1])
        return {
            "period": period,
            "date": fields.Date.to_string(day),
            "date_from": fields.Date.to_string(periods[-1][0]),
            "date_to": fields.Date.to_string(periods[-1][1]),
            "period_label": self._period_label(period, periods[-1]),
            "previous_label": self._period_label(period, periods[-2]),
            "trend_labels": [self._period_label(period, p) for p in periods],
            "user_id": user.id or False,
            "user_name": user.name or False,
            "team_id": team.id or False,
            "months": months or False,
            "can_choose_rep": self.env.user.has_group(
                "sales_team.group_sale_salesman_all_leads"
            ),
            "sections": self._sections(answers, previous, trends, months),
            "rep_section_title": review._question_texts(months)[6],
            "funnel": self._funnel(answers),
            "visits_by_class": review._visits_by_class_rows(
                review._list_domain(specs["visits_done"], start, end, rep_ids)
            ),
            "rejection_reasons": review._rejection_reason_rows(
                review._list_domain(specs["offers_rejected"], start, end, rep_ids)
            ),
            "reps": self._rep_comparison(answers, by_rep, specs, start, end),
        }

    @api.model
    @api.readonly
    def get_choices(self):
        """The reps and teams the dashboard may be asked for."""
        self._check_dashboard_access()
        if not self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            return {"reps": [], "teams": []}
        # sudo: names only, of the internal users and teams of the caller's
        # companies, also those of another company he may not read.
        company_ids = self.env.companies.ids
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("share", "=", False),
                    ("company_ids", "in", company_ids),
                    (USER_GROUPS, "in", self._salesman_group_ids()),
                ],
                order="name",
            )
        )
        teams = self.env["crm.team"].search(
            [("company_id", "in", [False, *company_ids])], order="name"
        )
        return {
            "reps": [{"id": u.id, "name": u.name} for u in users],
            "teams": [{"id": t.id, "name": t.name} for t in teams],
        }

    @api.model
    @api.readonly
    def get_workbook_review(
        self, period="month", date=None, user_id=None, team_id=None, months=None
    ):
        """``get_answers`` of the dashboard's current period, rep or team: what
        its Excel workbook holds."""
        self._check_dashboard_access()
        _day, periods, rep_ids, _user, _team = self._inputs(
            period, date, user_id, team_id, months
        )
        first, last = periods[-1]
        return self.env["solis.sales.review"].get_answers(
            date_from=fields.Date.to_string(first),
            date_to=fields.Date.to_string(last),
            user_ids=rep_ids,
            months=months,
        )

    def _workbook_file_name(self, review):
        return workbook_file_name(self.env, review)

    def _check_dashboard_access(self):
        """Who may not read visits (a portal user) gets no dashboard."""
        self.env["solis.visit"].check_access("read")

    def _salesman_group_ids(self):
        return self.env.ref("sales_team.group_sale_salesman").ids

    # ------------------------------------------------------------------
    # Inputs
    # ------------------------------------------------------------------
    def _inputs(self, period, date, user_id, team_id, months):
        """The day asked for, the periods to count, the reps (None: all the
        caller may see), and the rep or team chosen."""
        review = self.env["solis.sales.review"]
        if period not in PERIOD_KINDS:
            raise UserError(
                self.env._(
                    "The period is one of: %(kinds)s.", kinds=", ".join(PERIOD_KINDS)
                )
            )
        try:
            day = review._strict_date(date) or user_today(self.env)
        except (TypeError, ValueError) as error:
            raise UserError(
                self.env._("The day must be given as a date (YYYY-MM-DD).")
            ) from error
        review._check_months(months)
        review._check_day_in_range(day)
        periods = self._periods(period, day)
        review._check_day_in_range(periods[0][0])
        review._check_day_in_range(periods[-1][1])
        user, team = self._rep_or_team(user_id, team_id)
        if team:
            rep_ids = review._review_rep_ids(team.member_ids.ids or [0])
        else:
            rep_ids = review._review_rep_ids(user.ids or None)
        if not self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            # A rep sees his own figures, whoever he asks for.
            user, team = self.env.user, self.env["crm.team"]
        return day, periods, rep_ids, user, team

    def _rep_or_team(self, user_id, team_id):
        users, teams = self.env["res.users"], self.env["crm.team"]
        for value, label in ((user_id, "rep"), (team_id, "team")):
            if value and (isinstance(value, bool) or not isinstance(value, int)):
                raise UserError(
                    self.env._(
                        "The %(what)s is given by its id.",
                        what=self.env._("sales rep")
                        if label == "rep"
                        else self.env._("sales team"),
                    )
                )
        if user_id and team_id:
            raise UserError(self.env._("Choose a sales rep or a sales team, not both."))
        user = users.browse(user_id).exists() if user_id else users
        team = teams.browse(team_id).exists() if team_id else teams
        if (user_id and not user) or (team_id and not team):
            raise UserError(self.env._("This sales rep or team no longer exists."))
        # sudo: the rep's name only (he may be of a company the reader is not
        # in); the team is read with the caller's rights.
        team.check_access("read")
        return user.sudo(), team

    def _periods(self, kind, day):
        """The ``TREND_PERIODS`` periods of ``kind`` ending with the one that
        holds ``day``, as (first day, last day)."""
        return trailing_periods(kind, day, TREND_PERIODS)

    def _period_label(self, kind, period):
        return period_label(self.env, *period, kind=kind)

    # ------------------------------------------------------------------
    # What is shown
    # ------------------------------------------------------------------
    def _trends(self, specs, counted, periods, answers):
        """``{key: [value of each period]}`` of the answers about a period."""
        review = self.env["solis.sales.review"]
        trends = {}
        for number, _period in enumerate(periods, start=1):
            values = {
                key: counted[key].get(number, {}).get(None, 0)
                for key, spec in specs.items()
                if spec["dated"]
            }
            for key, (_q, _label, part, whole) in review._rates().items():
                values[key] = review._rate(values[part], values[whole])
            for key in review._period_medians():
                values[key] = counted[key].get(number, {}).get(None, False)
            for key, value in values.items():
                trends.setdefault(key, []).append(value)
        return trends

    def _questions(self, months):
        """The sections of the dashboard: the product's questions, in its
        words, with the answers that answer them."""
        texts = self.env["solis.sales.review"]._question_texts(months)
        return [
            (
                1,
                texts[1],
                (
                    "prospects_never_contacted",
                    "prospects_never_contacted_unassigned",
                    "prospects_never_contacted_assigned",
                    "prospects",
                    "prospects_unassigned",
                ),
            ),
            (
                2,
                texts[2],
                (
                    "important_not_visited",
                    "important_clients",
                    "important_visited_30_days",
                    "important_contacted_30_days",
                    "important_not_contacted_30_days",
                ),
            ),
            (
                3,
                texts[3],
                ("visits_done", "visits_in_person", "visits_verified", "visits_remote"),
            ),
            (
                4,
                texts[4],
                (
                    "leads",
                    "leads_with_offer",
                    "lead_to_offer_rate",
                    "visits_with_offer",
                    "visit_to_offer_rate",
                    "offers",
                    "offers_ordered",
                    "offer_to_order_rate",
                    "median_days_contact_to_offer",
                    "median_days_offer_to_order",
                ),
            ),
            (
                5,
                texts[5],
                (
                    "offers_not_confirmed",
                    "quotations_not_sent",
                    "offers_initiated",
                    "offers_confirmed",
                    "offers_followup",
                    "offers_renegotiated",
                    "offers_accepted",
                    "offers_rejected",
                    "offers_postponed",
                ),
            ),
            (
                7,
                texts[7],
                ("clients_overdue", "median_days_assignment_to_contact"),
            ),
        ]

    def _sections(self, answers, previous, trends, months):
        sections = []
        for question, title, keys in self._questions(months):
            cards = []
            for key in keys:
                answer = answers[key]
                dated = key in trends
                card = {
                    "key": key,
                    "label": answer["label"],
                    "kind": answer["kind"],
                    "value": answer["value"],
                    "model": answer["model"],
                    "domain": answer["domain"],
                    "dated": dated,
                    "previous": previous[key]["value"] if dated else False,
                    "previous_domain": previous[key]["domain"] if dated else False,
                    "trend": trends.get(key, []),
                }
                card["change"] = self._change(card)
                cards.append(card)
            sections.append({"question": question, "title": title, "cards": cards})
        return sections

    @staticmethod
    def _change(card):
        value, before = card["value"], card["previous"]
        if not card["dated"] or value is False or before is False:
            return False
        return round(value - before, 4)

    def _funnel(self, answers):
        review = self.env["solis.sales.review"]
        return [
            {
                "key": f"funnel_{stage}",
                "label": label,
                "value": answers[f"funnel_{stage}"]["value"],
                "model": answers[f"funnel_{stage}"]["model"],
                "domain": answers[f"funnel_{stage}"]["domain"],
            }
            for stage, label in review._funnel_labels().items()
        ]

    def _rep_comparison(self, answers, by_rep, specs, start, end):
        """Each rep's figures with the lists behind them, the team's median
        of each column, and the shared pool every rep's row counts."""
        review = self.env["solis.sales.review"]
        sources = {key: source for key, (_q, _l, source, _w) in review._rates().items()}
        sources["median_days_assignment_to_contact"] = None
        columns = []
        for key in REP_COLUMNS:
            source = sources.get(key, key)
            column = {
                "key": key,
                "label": answers[key]["label"],
                "kind": answers[key]["kind"],
                "model": specs[source]["model"] if source else False,
            }
            values = [rep[key] for rep in by_rep.values() if rep.get(key) is not False]
            column["median"] = round(statistics.median(values), 4) if values else False
            columns.append(column)
        rows = []
        for row in review._by_rep_rows(answers, by_rep):
            domains = {
                # The rep's list, as his own answers give it (the shared pool
                # of unassigned prospects included where he counts it).
                key: review._plain_domain(
                    review._list_domain(specs[source], start, end, [row["user_id"]])
                )
                for key in REP_COLUMNS
                if (source := sources.get(key, key))
            }
            rows.append(
                {
                    "user_id": row["user_id"],
                    "name": row["name"],
                    "values": {
                        key: row["answers"].get(key, False) for key in REP_COLUMNS
                    },
                    "domains": domains,
                }
            )
        return {"columns": columns, "rows": rows, "pool": self._rep_pool(answers)}

    def _rep_pool(self, answers):
        """The shared pool of unassigned prospects never contacted: in every
        rep's row of the comparison, once in the team's total."""
        pool = answers["prospects_never_contacted_unassigned"]
        if not pool["value"]:
            return False
        return {
            "value": pool["value"],
            "text": rep_pool_text(self.env, pool["value"]),
            "label": pool["label"],
            "model": pool["model"],
            "domain": pool["domain"],
        }
