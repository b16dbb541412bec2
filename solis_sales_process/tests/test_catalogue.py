import ast
import io
import re
from datetime import timedelta
from pathlib import Path

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError

from ..answers import catalogue
from ..report.sales_review_workbook import build_workbook
from .common import SolisCase
from .test_workbook import TestWorkbook

ADDON = Path(__file__).resolve().parent.parent


class TestCatalogue(SolisCase):
    """Every answer appears everywhere its declaration in the catalogue says,
    and nowhere else: get_answers, the dashboard (its sections, funnel and
    reps table), the Excel workbook and Odoo's KPI digest."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "UTC"
        cls.prospect = cls.env["res.partner"].create(
            {"name": "Pool Prospect", "is_company": True, "is_prospect": True}
        )
        cls._visit(cls.client, when=fields.Datetime.now())
        cls.review = cls.env["solis.sales.review"].with_user(cls.sales_manager)

    def _labels(self, answers):
        return [catalogue.label(self.env, answer) for answer in answers]

    # ------------------------------------------------------------------
    # The declaration itself
    # ------------------------------------------------------------------
    def test_the_declaration_holds_together(self):
        keys = [answer.key for answer in catalogue.ANSWERS]
        self.assertEqual(len(keys), len(set(keys)), "a key is declared twice")
        for answer in catalogue.ANSWERS:
            with self.subTest(answer=answer.key):
                self.assertIn(answer.question, catalogue.QUESTIONS)
                self.assertIn(
                    answer.reps, (catalogue.OWN, catalogue.POOL, catalogue.OWN_AND_POOL)
                )
                if answer.kind == catalogue.RATE:
                    self.assertEqual(answer.format, catalogue.RATE_FORMAT)
                    for key in (answer.part, answer.whole):
                        self.assertEqual(catalogue.answer(key).kind, catalogue.COUNT)
                        self.assertEqual(catalogue.answer(key).period, answer.period)
                elif answer.kind == catalogue.MEDIAN:
                    self.assertEqual(answer.format, catalogue.DAYS_FORMAT)
                    self.assertTrue(answer.days_sql)
                    if answer.source:
                        source = catalogue.answer(answer.source)
                        self.assertEqual(source.period, answer.period)
                else:
                    self.assertEqual(answer.kind, catalogue.COUNT)
                    self.assertEqual(answer.format, catalogue.COUNT_FORMAT)
                list_answer = catalogue.list_answer(answer)
                self.assertIn(list_answer.model, self.env)
                # Its list is a valid search of its model.
                self.env[list_answer.model].search_count(list(list_answer.domain))
                for place, order in answer.workbook:
                    self.assertIn(place, catalogue.WORKBOOK_PLACES)
                    self.assertGreater(order, 0)
                if answer.digest_kpi:
                    self.assertEqual(answer.kind, catalogue.COUNT)
                    self.assertTrue(answer.period)
        # Each place holds an answer once, in a given order.
        places = [
            [(a.question, a.card) for a in catalogue.ANSWERS if a.card],
            [a.funnel for a in catalogue.ANSWERS if a.funnel],
            [a.reps_column for a in catalogue.ANSWERS if a.reps_column],
            [(p, o) for a in catalogue.ANSWERS for p, o in a.workbook],
        ]
        for orders in places:
            self.assertEqual(len(orders), len(set(orders)), orders)
        self.assertEqual(len([a for a in catalogue.ANSWERS if a.reps_pool]), 1)
        for breakdown in (catalogue.VISITS_BY_CLASS, catalogue.REJECTION_REASONS):
            sources = [a for a in catalogue.ANSWERS if breakdown in a.breakdowns]
            self.assertEqual(len(sources), 1, breakdown)

    def test_no_other_source_keeps_a_list_of_keys(self):
        """No Python or JavaScript file of the addon but the catalogue (and
        the tests) names an answer: what is shown where is declared once."""
        keys = {answer.key for answer in catalogue.ANSWERS}
        found = []
        for path in sorted(ADDON.rglob("*.py")):
            relative = path.relative_to(ADDON)
            if relative.parts[0] == "tests" or relative == Path("answers/catalogue.py"):
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Constant) and node.value in keys:
                    found.append(f"{relative}:{node.lineno}: {node.value}")
        alternatives = "|".join(sorted(keys))
        quoted = re.compile(rf"""["'`]({alternatives})["'`]""")
        for path in sorted((ADDON / "static" / "src").rglob("*.js")):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if quoted.search(line):
                    found.append(f"{path.relative_to(ADDON)}:{number}: {line}")
        self.assertEqual(found, [])

    def test_the_dashboard_client_is_given_its_lists(self):
        """The dashboard's client names no model of a list and no rule: it
        opens the models and domains the server gives (issue #25, point 4)."""
        models = {a.model for a in catalogue.ANSWERS if a.model}
        alternatives = "|".join(map(re.escape, [*models, "is_in_person"]))
        named = re.compile(rf"""["'`]({alternatives})["'`]""")
        found = []
        client = ADDON / "static" / "src" / "dashboard"
        for path in sorted([*client.rglob("*.js"), *client.rglob("*.xml")]):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if named.search(line):
                    found.append(f"{path.relative_to(ADDON)}:{number}: {line}")
        self.assertEqual(found, [])

    # ------------------------------------------------------------------
    # Where the answers appear
    # ------------------------------------------------------------------
    def test_get_answers_gives_every_answer_as_declared(self):
        for months in (None, 3):
            answers = self.review.get_answers(months=months)["answers"]
            self.assertEqual(
                list(answers), [answer.key for answer in catalogue.ANSWERS]
            )
            for answer in catalogue.ANSWERS:
                with self.subTest(answer=answer.key, months=months):
                    given = answers[answer.key]
                    self.assertEqual(given["question"], answer.question)
                    self.assertEqual(given["kind"], answer.format)
                    self.assertEqual(
                        given["label"], catalogue.label(self.env, answer, months)
                    )
                    self.assertEqual(
                        given["model"], catalogue.list_answer(answer).model
                    )
        self.assertIn(
            "3 months",
            self.review.get_answers(months=3)["answers"]["important_not_visited"][
                "label"
            ],
        )

    def test_the_dashboard_shows_what_the_catalogue_places_on_it(self):
        dashboard = (
            self.env["solis.sales.dashboard"]
            .with_user(self.sales_manager)
            .get_dashboard(period="month")
        )
        sections = dashboard["sections"]
        questions = sorted({a.question for a in catalogue.ANSWERS if a.card})
        self.assertEqual([section["question"] for section in sections], questions)
        texts = catalogue.question_texts(self.env)
        for section in sections:
            with self.subTest(question=section["question"]):
                self.assertEqual(section["title"], texts[section["question"]])
                declared = sorted(
                    (
                        a
                        for a in catalogue.ANSWERS
                        if a.card and a.question == section["question"]
                    ),
                    key=lambda a: a.card,
                )
                self.assertEqual(
                    [card["key"] for card in section["cards"]],
                    [a.key for a in declared],
                )
                self.assertEqual(
                    section["breakdowns"],
                    [
                        breakdown
                        for a in catalogue.ANSWERS
                        if a.question == section["question"]
                        for breakdown in a.breakdowns
                    ],
                )
                self.assertEqual(
                    section["funnel"],
                    any(
                        a.funnel
                        for a in catalogue.ANSWERS
                        if a.question == section["question"]
                    ),
                )
                for card, answer in zip(section["cards"], declared, strict=True):
                    self.assertEqual(card["dated"], answer.period)
                    self.assertEqual(len(card["trend"]), 12 if answer.period else 0)
                    self.assertEqual(card["kind"], answer.format)
        self.assertEqual(
            [stage["key"] for stage in dashboard["funnel"]],
            [
                a.key
                for a in sorted(catalogue.ANSWERS, key=lambda a: a.funnel)
                if a.funnel
            ],
        )
        reps = dashboard["reps"]
        columns = sorted(
            (a for a in catalogue.ANSWERS if a.reps_column),
            key=lambda a: a.reps_column,
        )
        self.assertEqual([c["key"] for c in reps["columns"]], [a.key for a in columns])
        self.assertTrue(reps["rows"])
        for row in reps["rows"]:
            self.assertEqual(list(row["values"]), [a.key for a in columns])
            self.assertEqual(
                list(row["domains"]), [a.key for a in columns if a.reps_column_list]
            )
        pool = next(a for a in catalogue.ANSWERS if a.reps_pool)
        self.assertEqual(reps["pool"]["label"], catalogue.label(self.env, pool))
        self.assertEqual(
            dashboard["rep_section_title"], catalogue.question_texts(self.env)[6]
        )
        # Each column says how its figures are written, as declared: the
        # client never reads it from the key.
        for column, answer in zip(reps["columns"], columns, strict=True):
            self.assertEqual(column["kind"], answer.format, column["key"])

    def test_every_list_the_dashboard_opens_is_told_how_to_show(self):
        dashboard = (
            self.env["solis.sales.dashboard"]
            .with_user(self.sales_manager)
            .get_dashboard(period="month")
        )
        lists = dashboard["lists"]
        # Every model of the catalogue, and no other.
        self.assertEqual(set(lists), {a.model for a in catalogue.ANSWERS if a.model})
        for model, shown in lists.items():
            with self.subTest(model=model):
                views = [view for _id, view in shown["views"]]
                self.assertEqual(views[0], "list")
                # Each view exists (a missing one is an "Oops" in the client).
                self.env[model].get_views(shown["views"])
                self.assertTrue(shown["help"])
        self.assertEqual(
            [v for _id, v in lists[catalogue.COVERAGE_REPORT]["views"]], ["list"]
        )
        self.assertIn("visit", lists["solis.visit"]["help"])
        self.assertIn("offer", lists["sale.order"]["help"])

    def test_the_workbook_shows_what_the_catalogue_places_in_it(self):
        review = self.review.get_answers()
        content = build_workbook(self.env, review)
        book = openpyxl.load_workbook(io.BytesIO(content))

        def placed(place):
            return self._labels(
                sorted(
                    (a for a in catalogue.ANSWERS if dict(a.workbook).get(place)),
                    key=lambda a: dict(a.workbook)[place],
                )
            )

        # The summary: every answer, once, under its question.
        summary = [row[0] for row in book.worksheets[0].iter_rows(values_only=True)]
        for answer in catalogue.ANSWERS:
            label = catalogue.label(self.env, answer)
            # Two answers of the funnel share their label with question 1's.
            same = [
                a for a in catalogue.ANSWERS if catalogue.label(self.env, a) == label
            ]
            self.assertEqual(summary.count(label), len(same), label)
        by_rep = book["4-6 By rep"]
        headers = [cell.value for cell in by_rep[3]][1:]
        self.assertEqual(headers, placed(catalogue.SHEET_BY_REP))
        prospects = book["1 Prospects"]
        listed = {row[0] for row in prospects.iter_rows(min_row=4, values_only=True)}
        self.assertTrue(listed)
        self.assertLessEqual(listed, set(placed(catalogue.SHEET_PROSPECTS)))
        [important] = placed(catalogue.SHEET_IMPORTANT)
        self.assertEqual(book["2 Important clients"]["A1"].value, important)
        charts = TestWorkbook._charts(content)
        [funnel] = charts["Prospect funnel"]
        self.assertEqual(funnel["categories"], placed(catalogue.CHART_COVERAGE))
        [offers] = charts["Offers by status"]
        self.assertEqual(offers["categories"], placed(catalogue.CHART_OFFERS))
        compared = charts["Visits, offers and orders per rep"]
        self.assertEqual(
            [series["name"] for series in compared], placed(catalogue.CHART_BY_REP)
        )

    def test_the_digest_shows_what_the_catalogue_makes_a_kpi(self):
        Digest = self.env["digest.digest"]
        kpis = {
            name
            for name, field in Digest._fields.items()
            if name.startswith("kpi_solis_") and field.type == "boolean"
        }
        declared = {a.digest_kpi for a in catalogue.ANSWERS if a.digest_kpi}
        self.assertEqual(kpis, declared)
        for kpi in declared:
            self.assertIn(f"{kpi}_value", Digest._fields)
        actions = Digest.search([], limit=1)._compute_kpis_actions(
            self.env.company, self.env.user
        )
        self.assertLessEqual(declared, set(actions))

    # ------------------------------------------------------------------
    # The dashboard's one entry point
    # ------------------------------------------------------------------
    def test_period_answers_are_get_answers_of_each_period(self):
        today = fields.Date.today()
        first = today.replace(day=1)
        before = first - relativedelta(months=1)
        periods = [
            [str(before), str(first - timedelta(days=1))],
            [str(first), str(today)],
        ]
        counted = self.review.get_period_answers(periods=periods)
        self.assertEqual(len(counted["periods"]), 2)
        for period in counted["periods"]:
            alone = self.review.get_answers(
                date_from=period["date_from"], date_to=period["date_to"]
            )
            self.assertEqual(period["answers"], alone["answers"])
        self.assertEqual(
            [row["answers"] for row in counted["by_rep"]],
            [row["answers"] for row in alone["by_rep"]],
        )
        self.assertEqual(counted["visits_by_class"], alone["visits_by_class"])
        self.assertEqual(counted["rejection_reasons"], alone["rejection_reasons"])
        for row in counted["by_rep"]:
            self.assertEqual(
                set(row["domains"]), {answer.key for answer in catalogue.ANSWERS}
            )

    def test_period_answers_refuse_bad_periods(self):
        for periods, message in (
            ("2026-01-01", "pairs of dates"),
            ([], "pairs of dates"),
            ([["2026-01-01"]], "pairs of dates"),
            ([["2026-01-01", "2026-01-31"]] * 121, "pairs of dates"),
            ([["2026-01-01", "31/01/2026"]], "YYYY-MM-DD"),
            ([["2026-01-01", False]], "YYYY-MM-DD"),
            ([["2026-02-01", "2026-01-31"]], "starts"),
            ([["0001-01-01", "0001-01-31"]], "Dates are given"),
            (
                [["2026-01-01", "2026-01-31"], ["2026-02-02", "2026-02-28"]],
                "the day after",
            ),
        ):
            with (
                self.subTest(periods=periods),
                self.assertRaisesMessage(UserError, message),
            ):
                self.review.get_period_answers(periods=periods)
        with self.assertRaisesMessage(UserError, "number of months"):
            self.review.get_period_answers(months=0)
        with self.assertRaisesMessage(UserError, "user ids"):
            self.review.get_period_answers(user_ids=["1"])

    def test_a_rep_counts_only_his_own_through_the_entry_point(self):
        counted = (
            self.env["solis.sales.review"]
            .with_user(self.rep)
            .get_period_answers(user_ids=[self.other_rep.id])
        )
        self.assertEqual(counted["user_ids"], [self.rep.id])
        self.assertEqual([row["user_id"] for row in counted["by_rep"]], self.rep.ids)

    def test_the_dashboard_calls_no_private_method_of_the_review(self):
        """The dashboard asks the review model through its public entry point
        only (its source names no private method of it)."""
        source = (ADDON / "models" / "solis_sales_dashboard.py").read_text()
        tree = ast.parse(source)
        review_names = {
            node.targets[0].id
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Subscript)
            and getattr(node.value.slice, "value", None) == "solis.sales.review"
        }
        calls = set()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            owner = node.value
            if (isinstance(owner, ast.Name) and owner.id in review_names) or (
                isinstance(owner, ast.Subscript)
                and getattr(owner.slice, "value", None) == "solis.sales.review"
            ):
                calls.add(node.attr)
        self.assertTrue(calls)
        self.assertEqual({call for call in calls if call.startswith("_")}, set())
