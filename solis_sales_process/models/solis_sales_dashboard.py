import statistics

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..answers import catalogue
from ..report.sales_review_workbook import rep_pool_text, workbook_file_name
from ..tools.clock import (
    PERIOD_NAMES,
    asked_day,
    period_kinds,
    period_label,
    trailing_periods,
)
from ..tools.compat import USER_GROUPS

TREND_PERIODS = 12
PERIOD_KINDS = tuple(PERIOD_NAMES)


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
        # Who may not read visits (a portal user) gets no dashboard, before
        # anything he sent is looked at.
        self.env["solis.visit"].check_access("read")
        day, periods, user_ids, user, team = self._inputs(
            period, date, user_id, team_id, months
        )
        # One call counts every answer of the periods, with the caller's
        # rights; what is shown where is the catalogue's.
        counted = self.env["solis.sales.review"].get_period_answers(
            periods=[[fields.Date.to_string(d) for d in p] for p in periods],
            user_ids=user_ids,
            months=months,
        )
        answers = counted["periods"][-1]["answers"]
        previous = counted["periods"][-2]["answers"]
        questions = catalogue.question_texts(self.env, months)
        return {
            "period": period,
            "date": fields.Date.to_string(day),
            "date_from": fields.Date.to_string(periods[-1][0]),
            "date_to": fields.Date.to_string(periods[-1][1]),
            "period_label": period_label(self.env, *periods[-1], kind=period),
            "previous_label": period_label(self.env, *periods[-2], kind=period),
            "trend_labels": [period_label(self.env, *p, kind=period) for p in periods],
            "user_id": user.id or False,
            "user_name": user.name or False,
            "team_id": team.id or False,
            "months": months or False,
            "can_choose_rep": self.env.user.has_group(
                "sales_team.group_sale_salesman_all_leads"
            ),
            "sections": self._sections(answers, previous, counted, questions),
            "rep_section_title": questions[6],
            "funnel": [
                {
                    "key": stage.key,
                    "label": answers[stage.key]["label"],
                    "value": answers[stage.key]["value"],
                    "model": answers[stage.key]["model"],
                    "domain": answers[stage.key]["domain"],
                }
                for stage in catalogue.FUNNEL
            ],
            "visits_by_class": counted["visits_by_class"],
            "rejection_reasons": counted["rejection_reasons"],
            "reps": self._rep_comparison(answers, counted["by_rep"]),
            # How each list a figure opens is shown, by its model.
            "lists": catalogue.list_settings(self.env),
        }

    @api.model
    @api.readonly
    def get_choices(self):
        """The kinds of period, reps and teams the dashboard may be asked for."""
        # As for the dashboard: who may not read visits gets nothing.
        self.env["solis.visit"].check_access("read")
        periods = period_kinds(self.env)
        if not self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            return {"periods": periods, "reps": [], "teams": []}
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
            "periods": periods,
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
        # As for the dashboard: who may not read visits gets nothing.
        self.env["solis.visit"].check_access("read")
        _day, periods, user_ids, _user, _team = self._inputs(
            period, date, user_id, team_id, months
        )
        first, last = periods[-1]
        return self.env["solis.sales.review"].get_answers(
            date_from=fields.Date.to_string(first),
            date_to=fields.Date.to_string(last),
            user_ids=user_ids,
            months=months,
        )

    def _workbook_file_name(self, review):
        return workbook_file_name(self.env, review)

    def _salesman_group_ids(self):
        return self.env.ref("sales_team.group_sale_salesman").ids

    # ------------------------------------------------------------------
    # Inputs
    # ------------------------------------------------------------------
    def _inputs(self, period, date, user_id, team_id, months):
        """The day asked for, the periods to count, the reps asked for (None:
        all the caller may see; the answers give a rep his own figures), and
        the rep or team chosen."""
        if period not in PERIOD_KINDS:
            raise UserError(
                self.env._(
                    "The period is one of: %(kinds)s.", kinds=", ".join(PERIOD_KINDS)
                )
            )
        # Checked before the periods are computed around it; the periods
        # themselves and the months are checked by the answers.
        day = asked_day(
            self.env, date, self.env._("The day must be given as a date (YYYY-MM-DD).")
        )
        periods = trailing_periods(period, day, TREND_PERIODS)
        user, team = self._rep_or_team(user_id, team_id)
        if team:
            user_ids = team.member_ids.ids or [0]
        else:
            user_ids = user.ids or None
        if not self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            # A rep sees his own figures, whoever he asks for.
            user, team = self.env.user, self.env["crm.team"]
        return day, periods, user_ids, user, team

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

    # ------------------------------------------------------------------
    # What is shown
    # ------------------------------------------------------------------
    def _sections(self, answers, previous, counted, questions):
        """The sections of the dashboard: the product's questions, in its
        words, with the answers that answer them (a trend for those about a
        period)."""
        sections = []
        for question, declared_cards in catalogue.SECTIONS.items():
            cards = []
            for declared in declared_cards:
                key, dated = declared.key, declared.period
                answer, before = answers[key], previous[key]
                cards.append(
                    {
                        "key": key,
                        "label": answer["label"],
                        "kind": answer["kind"],
                        "value": answer["value"],
                        "model": answer["model"],
                        "domain": answer["domain"],
                        "dated": dated,
                        "previous": before["value"] if dated else False,
                        "previous_domain": before["domain"] if dated else False,
                        "trend": [
                            p["answers"][key]["value"] for p in counted["periods"]
                        ]
                        if dated
                        else [],
                        # A median over nothing (False) has no change.
                        "change": round(answer["value"] - before["value"], 4)
                        if dated
                        and answer["value"] is not False
                        and before["value"] is not False
                        else False,
                    }
                )
            sections.append(
                {
                    "question": question,
                    "title": questions[question],
                    "cards": cards,
                    # What the section shows under its cards, by the answers
                    # of its question: their breakdowns, the funnel.
                    "breakdowns": catalogue.QUESTION_BREAKDOWNS[question],
                    "funnel": question in catalogue.FUNNEL_QUESTIONS,
                }
            )
        return sections

    def _rep_comparison(self, answers, by_rep):
        """Each rep's figures with the lists behind them, the team's median
        of each column, and the shared pool every rep's row counts."""
        declared = catalogue.REPS_COLUMNS
        columns = []
        for column_answer in declared:
            key = column_answer.key
            column = {
                "key": key,
                "label": answers[key]["label"],
                "kind": answers[key]["kind"],
                "model": answers[key]["model"]
                if column_answer.reps_column_list
                else False,
            }
            values = [
                row["answers"][key]
                for row in by_rep
                if row["answers"].get(key, False) is not False
            ]
            column["median"] = round(statistics.median(values), 4) if values else False
            columns.append(column)
        rows = [
            {
                "user_id": row["user_id"],
                "name": row["name"],
                "values": {a.key: row["answers"].get(a.key, False) for a in declared},
                # The rep's list, as his own answers give it (the shared pool
                # of unassigned prospects included where he counts it).
                "domains": {
                    a.key: row["domains"][a.key] for a in declared if a.reps_column_list
                },
            }
            for row in by_rep
        ]
        # The shared pool of unassigned prospects never contacted: in every
        # rep's row, once in the team's total.
        pool = answers[catalogue.REPS_POOL.key]
        return {
            "columns": columns,
            "rows": rows,
            "pool": {
                "value": pool["value"],
                "text": rep_pool_text(self.env, pool["value"]),
                "label": pool["label"],
                "model": pool["model"],
                "domain": pool["domain"],
            }
            if pool["value"]
            else False,
        }
