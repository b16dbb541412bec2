import statistics

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form

from .common import SolisCase

# A fixed day, so that "this month" and "last month" are known.
TODAY = "2026-06-15"


class TestDashboard(SolisCase):
    """The manager's dashboard: each card's value, the previous period's, the
    change and the trend, and the list behind each number."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "UTC"
        for user in (cls.rep, cls.other_rep, cls.sales_manager):
            user.tz = "UTC"
        # June: three visits of the rep (one in person), one of the other rep.
        # May: one visit of the rep. March: two of the rep.
        for when, type_ in (
            ("2026-06-01 08:00:00", cls.type_phone),
            ("2026-06-10 09:00:00", cls.type_premises),
            ("2026-06-14 23:30:00", cls.type_phone),
            ("2026-05-31 23:59:00", cls.type_phone),
            ("2026-03-03 09:00:00", cls.type_phone),
            ("2026-03-04 09:00:00", cls.type_phone),
        ):
            cls._visit(cls.client, when=when, type_id=type_.id)
        cls._visit(cls.other_client, user=cls.other_rep, when="2026-06-05 10:00:00")
        cls.team = cls.env["crm.team"].create(
            {"name": "North", "member_ids": [(6, 0, cls.rep.ids)]}
        )

    def _dashboard(self, user=None, **kwargs):
        dashboard = self.env["solis.sales.dashboard"].with_user(
            user or self.sales_manager
        )
        return dashboard.with_context(solis_today=TODAY).get_dashboard(**kwargs)

    @staticmethod
    def _cards(dashboard):
        return {
            card["key"]: card
            for section in dashboard["sections"]
            for card in section["cards"]
        }

    def _list(self, model, domain):
        return self.env[model].with_user(self.sales_manager).search(domain)

    def test_a_card_gives_the_period_the_previous_one_and_the_trend(self):
        dashboard = self._dashboard(user_id=self.rep.id)
        self.assertEqual(
            (dashboard["date_from"], dashboard["date_to"]), ("2026-06-01", "2026-06-30")
        )
        self.assertEqual(dashboard["period_label"], "June 2026")
        self.assertEqual(dashboard["previous_label"], "May 2026")
        self.assertEqual(dashboard["trend_labels"][0], "July 2025")
        visits = self._cards(dashboard)["visits_done"]
        self.assertEqual(visits["value"], 3)
        self.assertEqual(visits["previous"], 1)
        self.assertEqual(visits["change"], 2)
        self.assertEqual(visits["trend"], [0] * 8 + [2, 0, 1, 3])
        self.assertEqual(len(self._list("solis.visit", visits["domain"])), 3)
        self.assertEqual(len(self._list("solis.visit", visits["previous_domain"])), 1)
        in_person = self._cards(dashboard)["visits_in_person"]
        self.assertEqual((in_person["value"], in_person["previous"]), (1, 0))

    def test_the_figures_follow_the_rep_or_the_team(self):
        team = self._cards(self._dashboard())["visits_done"]
        rep = self._cards(self._dashboard(user_id=self.rep.id))["visits_done"]
        other = self._cards(self._dashboard(user_id=self.other_rep.id))["visits_done"]
        north = self._cards(self._dashboard(team_id=self.team.id))["visits_done"]
        self.assertEqual((rep["value"], other["value"], north["value"]), (3, 1, 3))
        # The whole team: these two reps and whoever else sells (demo data).
        review = (
            self.env["solis.sales.review"]
            .with_user(self.sales_manager)
            .with_context(solis_today=TODAY)
            .get_answers(date_from="2026-06-01", date_to="2026-06-30")
        )
        self.assertEqual(team["value"], review["answers"]["visits_done"]["value"])
        self.assertGreaterEqual(team["value"], 4)
        self.assertEqual(
            self._list("solis.visit", other["domain"]).user_id, self.other_rep
        )

    def test_the_same_numbers_as_the_answers(self):
        dashboard = self._dashboard(months=3)
        review = (
            self.env["solis.sales.review"]
            .with_user(self.sales_manager)
            .with_context(solis_today=TODAY)
            .get_answers(date_from="2026-06-01", date_to="2026-06-30", months=3)
        )
        for key, card in self._cards(dashboard).items():
            self.assertEqual(card["value"], review["answers"][key]["value"], key)
        previous = (
            self.env["solis.sales.review"]
            .with_user(self.sales_manager)
            .with_context(solis_today=TODAY)
            .get_answers(date_from="2026-05-01", date_to="2026-05-31", months=3)
        )
        for key, card in self._cards(dashboard).items():
            if card["dated"]:
                self.assertEqual(
                    card["previous"], previous["answers"][key]["value"], key
                )
                self.assertEqual(card["trend"][-2], card["previous"], key)
                self.assertEqual(card["trend"][-1], card["value"], key)
        funnel = {stage["key"]: stage["value"] for stage in dashboard["funnel"]}
        self.assertEqual(
            list(funnel),
            [
                "funnel_unassigned",
                "funnel_never_contacted",
                "funnel_contacted",
                "funnel_offer",
                "funnel_order",
            ],
        )
        for key, value in funnel.items():
            self.assertEqual(value, review["answers"][key]["value"], key)

    def test_sections_are_the_questions(self):
        dashboard = self._dashboard()
        questions = self.env["solis.sales.review"]._question_texts()
        self.assertEqual(
            [section["question"] for section in dashboard["sections"]],
            [1, 2, 3, 4, 5, 7],
        )
        for section in dashboard["sections"]:
            self.assertEqual(section["title"], questions[section["question"]])
        self.assertEqual(dashboard["rep_section_title"], questions[6])

    def test_the_reps_side_by_side_with_the_team_median(self):
        reps = self._dashboard()["reps"]
        rows = {row["user_id"]: row for row in reps["rows"]}
        self.assertEqual(rows[self.rep.id]["values"]["visits_done"], 3)
        self.assertEqual(rows[self.other_rep.id]["values"]["visits_done"], 1)
        column = next(c for c in reps["columns"] if c["key"] == "visits_done")
        self.assertEqual(
            column["median"],
            statistics.median(row["values"]["visits_done"] for row in reps["rows"]),
        )
        # The list behind a rep's cell: the column's list, for him.
        visits = self._list(
            column["model"], rows[self.rep.id]["domains"]["visits_done"]
        )
        self.assertEqual(len(visits), 3)

    def test_breakdown_rows_carry_their_lists(self):
        dashboard = self._dashboard()
        rows = dashboard["visits_by_class"]
        self.assertTrue(rows)
        for row in rows:
            with self.subTest(row=row["client_class"]):
                self.assertEqual(row["model"], "solis.visit")
                in_person = self._list(row["model"], row["in_person_domain"])
                remote = self._list(row["model"], row["remote_domain"])
                self.assertEqual(len(in_person), row["in_person"])
                self.assertEqual(len(remote), row["remote"])
                self.assertEqual(
                    in_person | remote, self._list(row["model"], row["domain"])
                )
        # June: one visit in person, three remote (the rep's and the other's).
        cards = self._cards(dashboard)
        self.assertEqual(
            (sum(r["in_person"] for r in rows), sum(r["remote"] for r in rows)),
            (cards["visits_in_person"]["value"], cards["visits_remote"]["value"]),
        )
        self.assertEqual(cards["visits_in_person"]["value"], 1)
        for reason in dashboard["rejection_reasons"]:
            self.assertEqual(reason["model"], "sale.order")
            self.assertEqual(
                len(self._list(reason["model"], reason["domain"])), reason["value"]
            )

    def test_the_kinds_of_period_are_offered_by_name(self):
        for user in (self.rep, self.sales_manager):
            with self.subTest(user=user.name):
                choices = (
                    self.env["solis.sales.dashboard"].with_user(user).get_choices()
                )
                self.assertEqual(
                    [(p["kind"], p["label"]) for p in choices["periods"]],
                    [
                        ("week", "Week"),
                        ("month", "Month"),
                        ("quarter", "Quarter"),
                        ("year", "Year"),
                    ],
                )
        # Each kind steps to the next period as the dashboard counts it.
        for period in choices["periods"]:
            with self.subTest(period=period["kind"]):
                shown = self._dashboard(period=period["kind"], date="2026-05-20")
                following = fields.Date.to_date(shown["date_from"]) + relativedelta(
                    **period["step"]
                )
                self.assertEqual(
                    self._dashboard(
                        period=period["kind"], date=fields.Date.to_string(following)
                    )["date_from"],
                    fields.Date.to_string(following),
                )

    def test_other_periods(self):
        rep = self.rep.id
        quarter = self._dashboard(period="quarter", user_id=rep)
        self.assertEqual(
            (quarter["period_label"], quarter["previous_label"]), ("Q2 2026", "Q1 2026")
        )
        quarter = self._cards(quarter)
        self.assertEqual(
            (quarter["visits_done"]["value"], quarter["visits_done"]["previous"]),
            (4, 2),
        )
        week = self._dashboard(period="week", date="2026-06-03", user_id=rep)
        self.assertEqual(
            (week["date_from"], week["date_to"]), ("2026-06-01", "2026-06-07")
        )
        self.assertEqual(week["period_label"], "Week of 06/01/2026")
        self.assertEqual(self._cards(week)["visits_done"]["value"], 1)
        year = self._dashboard(period="year", user_id=rep)
        self.assertEqual(year["period_label"], "2026")
        self.assertEqual(self._cards(year)["visits_done"]["value"], 6)

    def test_a_rep_gets_his_own_dashboard(self):
        dashboard = self._dashboard(user=self.rep, user_id=self.other_rep.id)
        self.assertEqual(dashboard["user_id"], self.rep.id)
        self.assertFalse(dashboard["can_choose_rep"])
        self.assertEqual(self._cards(dashboard)["visits_done"]["value"], 3)
        choices = self.env["solis.sales.dashboard"].with_user(self.rep).get_choices()
        self.assertEqual((choices["reps"], choices["teams"]), ([], []))
        lead_choices = (
            self.env["solis.sales.dashboard"]
            .with_user(self.sales_manager)
            .get_choices()
        )
        names = [rep["name"] for rep in lead_choices["reps"]]
        self.assertIn("Rep One", names)
        self.assertNotIn("Clerk", names, "an internal user who does not sell")

    def test_viewing_creates_nothing(self):
        def inserts():
            self.env.flush_all()
            self.env.cr.execute(
                "SELECT COALESCE(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                " FROM pg_stat_xact_user_tables"
            )
            return self.env.cr.fetchone()[0]

        before = inserts()
        self._dashboard()
        self._dashboard(user_id=self.rep.id, period="year")
        self.env["solis.sales.dashboard"].with_user(self.sales_manager).get_choices()
        self.assertEqual(inserts(), before)
        Dashboard = type(self.env["solis.sales.dashboard"])
        Review = type(self.env["solis.sales.review"])
        for method in (
            Dashboard.get_dashboard,
            Dashboard.get_choices,
            Dashboard.get_workbook_review,
            Review.get_answers,
        ):
            self.assertTrue(getattr(method, "_readonly", False), method.__name__)

    def test_bad_input_is_refused_clearly(self):
        for kwargs, message in (
            ({"period": "decade"}, "The period is one of"),
            ({"date": "15/06/2026"}, "YYYY-MM-DD"),
            ({"user_id": "7"}, "is given by its id"),
            ({"user_id": self.rep.id, "team_id": self.team.id}, "not both"),
            ({"user_id": 999999}, "no longer exists"),
            ({"months": 0}, "number of months"),
        ):
            with self.subTest(**kwargs), self.assertRaisesMessage(UserError, message):
                self._dashboard(**kwargs)

    def test_the_workbook_holds_the_dashboards_period(self):
        review = (
            self.env["solis.sales.dashboard"]
            .with_user(self.sales_manager)
            .with_context(solis_today=TODAY)
            .get_workbook_review(period="month", team_id=self.team.id)
        )
        self.assertEqual(
            (review["date_from"], review["date_to"]), ("2026-06-01", "2026-06-30")
        )
        self.assertEqual(review["user_ids"], self.rep.ids)
        self.assertEqual(review["answers"]["visits_done"]["value"], 3)

    def test_the_daily_email_button_opens_the_reps_preview(self):
        # What the dashboard's Daily e-mail button calls, for a rep's own
        # e-mail and for a manager previewing a rep's: the web client opens
        # the action from its views (without them: "Oops", a TypeError).
        for user in (self.rep, self.sales_manager):
            with self.subTest(user=user.login):
                action = (
                    self.env["res.users"]
                    .with_user(user)
                    .browse(self.rep.id)
                    .action_preview_sales_digest()
                )
                self.assertEqual(action["target"], "new")
                self.assertEqual([kind for _id, kind in action["views"]], ["form"])
                Preview = (
                    self.env[action["res_model"]]
                    .with_user(user)
                    .with_context(**action["context"], solis_today=TODAY)
                )
                form = Preview.get_views(action["views"])["views"]["form"]
                self.assertIn('name="body_html"', form["arch"])
                preview = Form(Preview, view=form["id"])
                self.assertEqual(preview.user_id, self.rep)

    def _assert_client_cards_equal_their_lists(self, user):
        dashboard = self._dashboard(user=user)
        checked = 0
        for key, card in self._cards(dashboard).items():
            if card["kind"] != "count" or card["model"] not in (
                "res.partner",
                "solis.client.coverage.report",
            ):
                continue
            listed = (
                self.env[card["model"]]
                .with_user(user)
                .with_context(solis_today=TODAY)
                .search_count(card["domain"])
            )
            self.assertEqual(card["value"], listed, key)
            checked += 1
        self.assertGreater(checked, 10)
        return dashboard

    def test_client_cards_follow_their_own_lists_record_rules(self):
        # The coverage answers are counted in the clients' pass: a rule on
        # the clients alone must not change them, nor theirs the clients'.
        hidden = self.env["res.partner"].create(
            {
                "name": "Hidden Overdue",
                "is_company": True,
                "user_id": self.rep.id,
                "client_class_id": self.class_a.id,
            }
        )
        self.env["ir.rule"].create(
            {
                "name": "Reps do not read one client",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "domain_force": f"[('id', '!=', {hidden.id})]",
                "groups": [Command.link(self.env.ref("base.group_user").id)],
            }
        )
        self.assertFalse(
            self.env["res.partner"].with_user(self.rep).search([("id", "=", hidden.id)])
        )
        coverage = self.env["solis.client.coverage.report"].with_user(self.rep)
        self.assertIsNotNone(coverage._partner_audience())
        dashboard = self._assert_client_cards_equal_their_lists(self.rep)
        overdue = self._cards(dashboard)["clients_overdue"]
        self.assertIn(
            hidden.id,
            coverage.with_context(solis_today=TODAY).search(overdue["domain"]).ids,
        )

    def test_a_rule_on_the_reports_own_columns_keeps_the_numbers_true(self):
        self.env["ir.rule"].create(
            {
                "name": "Coverage of clients only",
                "model_id": self.env["ir.model"]._get_id(
                    "solis.client.coverage.report"
                ),
                "domain_force": "[('lifecycle', '=', 'client')]",
            }
        )
        prospect = self.env["res.partner"].create(
            {
                "name": "Prospect Overdue",
                "is_company": True,
                "is_prospect": True,
                "user_id": self.rep.id,
                "client_class_id": self.class_a.id,
            }
        )
        coverage = self.env["solis.client.coverage.report"].with_user(self.rep)
        self.assertIsNone(coverage._partner_audience())
        self.assertFalse(coverage.search([("id", "=", prospect.id)]))
        self._assert_client_cards_equal_their_lists(self.rep)
        self._assert_client_cards_equal_their_lists(self.sales_manager)
