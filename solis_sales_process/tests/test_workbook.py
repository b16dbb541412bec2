import io
import re
import zipfile
from datetime import datetime, time, timedelta

import openpyxl
from lxml import etree

from odoo import fields, http
from odoo.tests import HttpCase, tagged

from ..models.solis_offer_status import OFFER_STATUS_KINDS
from ..report.sales_review_workbook import build_workbook, workbook_file_name
from .common import SolisCase

CHART_NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


class TestWorkbook(SolisCase):
    """The Excel workbook a manager downloads: whose figures (its name), the
    questions in words, rows by rep, and charts of the funnel, the offers by
    status and the reps side by side."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "UTC"
        Partner = cls.env["res.partner"]
        cls.prospect_free = Partner.create(
            {"name": "Free Prospect", "is_company": True, "is_prospect": True}
        )
        cls.prospect_mine = Partner.create(
            {
                "name": "My Prospect",
                "is_company": True,
                "is_prospect": True,
                "user_id": cls.rep.id,
            }
        )
        cls._visit(cls.client, when=cls._days_ago(3), type_id=cls.type_premises.id)
        cls._visit(cls.client, when=cls._days_ago(2))
        cls._visit(cls.other_client, user=cls.other_rep, when=cls._days_ago(4))
        product = cls.env["product.product"].create(
            {"name": "Scissor lift", "list_price": 300.0, "taxes_id": False}
        )

        def offer(partner, user):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "offer_date": cls._days_ago(2),
                    "order_line": [(0, 0, {"product_id": product.id})],
                }
            )
            order.action_quotation_sent()
            return order

        offer(cls.client, cls.rep).action_confirm()
        offer(cls.client, cls.rep)
        offer(cls.other_client, cls.other_rep)
        cls.env.flush_all()
        cls.reps = [cls.rep.id, cls.other_rep.id]

    @classmethod
    def _days_ago(cls, days):
        day = fields.Date.context_today(cls.env["res.partner"]) - timedelta(days=days)
        return datetime.combine(day, time(10, 0))

    def _review(self, user_ids, **period):
        return (
            self.env["solis.sales.review"]
            .with_user(self.sales_manager)
            .get_answers(user_ids=user_ids, **period)
        )

    def _book(self, review):
        content = build_workbook(self.env(user=self.sales_manager), review)
        return content, openpyxl.load_workbook(io.BytesIO(content))

    @staticmethod
    def _column(sheet, col, first_row=4):
        return [
            sheet.cell(row, col).value for row in range(first_row, sheet.max_row + 1)
        ]

    @staticmethod
    def _charts(content):
        """{chart title: [{name, categories, values}] per series}, read from
        the chart parts of the xlsx (openpyxl does not load charts)."""
        charts = {}
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for part in archive.namelist():
                if not re.fullmatch(r"xl/charts/chart\d+\.xml", part):
                    continue
                root = etree.fromstring(archive.read(part))
                title = "".join(
                    root.xpath("//c:title//a:t/text()", namespaces=CHART_NS)
                )
                charts[title] = [
                    {
                        "name": "".join(
                            series.xpath("c:tx//c:v/text()", namespaces=CHART_NS)
                        ),
                        "categories": series.xpath(
                            "c:cat//c:pt/c:v/text()", namespaces=CHART_NS
                        ),
                        "values": [
                            float(value)
                            for value in series.xpath(
                                "c:val//c:pt/c:v/text()", namespaces=CHART_NS
                            )
                        ],
                    }
                    for series in root.xpath("//c:ser", namespaces=CHART_NS)
                ]
        return charts

    # ------------------------------------------------------------------
    # The file name
    # ------------------------------------------------------------------
    def test_file_name_says_whose_figures_and_when(self):
        env = self.env(user=self.sales_manager)
        june = {"date_from": "2026-06-01", "date_to": "2026-06-30"}
        one = self._review([self.rep.id], **june)
        self.assertEqual(
            workbook_file_name(env, one), "Sales review - Rep One - June 2026.xlsx"
        )
        self.assertEqual(
            workbook_file_name(env, self._review(None, **june)),
            "Sales review - Whole team - June 2026.xlsx",
        )
        self.assertEqual(
            workbook_file_name(env, self._review(self.reps, **june)),
            "Sales review - 2 reps - June 2026.xlsx",
        )
        self.env["crm.team"].create(
            {"name": "North", "member_ids": [(6, 0, self.reps)]}
        )
        self.assertEqual(
            workbook_file_name(env, self._review(self.reps, **june)),
            "Sales review - North - June 2026.xlsx",
        )
        # Any other period: its days, as the reader writes them (06/03/2026),
        # with the slashes no file name takes replaced.
        self.assertEqual(
            workbook_file_name(
                env,
                self._review(None, date_from="2026-06-03", date_to="2026-06-20"),
            ),
            "Sales review - Whole team - 06-03-2026 to 06-20-2026.xlsx",
        )

    def test_file_name_is_safe_whatever_the_rep_is_called(self):
        self.rep.name = 'Ana "Boss" Pop / Sales: North\t*'
        name = workbook_file_name(
            self.env(user=self.sales_manager), self._review([self.rep.id])
        )
        self.assertFalse(set(name) & set('\\/:*?"<>|\t'), name)
        self.assertTrue(name.startswith("Sales review - Ana -Boss- Pop - Sales- North"))
        self.assertTrue(name.endswith(".xlsx"))

    def test_dashboard_downloads_the_named_workbook(self):
        dashboard = self.env["solis.sales.dashboard"].with_user(self.sales_manager)
        review = dashboard.get_workbook_review(period="month", user_id=self.rep.id)
        name = dashboard._workbook_file_name(review)
        self.assertIn(" - Rep One - ", name)
        self.assertTrue(name.endswith(".xlsx"))

    # ------------------------------------------------------------------
    # The summary
    # ------------------------------------------------------------------
    def test_summary_gives_each_question_in_words_with_its_answers(self):
        review = self._review(self.reps)
        _content, book = self._book(review)
        summary = book["Summary"]
        self.assertIn("2 reps", summary["A1"].value)
        questions = self.env["solis.sales.review"]._question_texts()
        expected = []
        for number, text in sorted(questions.items()):
            answers = [
                answer
                for answer in review["answers"].values()
                if answer["question"] == number
            ]
            expected.append((text, None))
            if number == 6:
                expected.append(("Per rep: the sheet “4-6 By rep”", None))
            for answer in answers:
                value = answer["value"] if answer["value"] is not False else None
                expected.append((answer["label"], value))
        rows = list(
            zip(self._column(summary, 1), self._column(summary, 2), strict=True)
        )
        self.assertEqual(rows, expected)
        self.assertEqual(
            rows[0][0],
            "How many prospects were never contacted, and which ones? How many "
            "are not even assigned to a sales rep?",
        )
        # No bare question number left anywhere on the sheet.
        self.assertNotIn(1, self._column(summary, 1, first_row=1))

    def test_summary_says_n_months_when_asked(self):
        review = (
            self.env["solis.sales.review"]
            .with_user(self.sales_manager)
            .get_answers(user_ids=self.reps, months=6)
        )
        _content, book = self._book(review)
        self.assertIn(
            "Which important clients were not visited in the last 6 months? "
            "Were they visited or contacted in the last 30 days?",
            self._column(book["Summary"], 1),
        )

    # ------------------------------------------------------------------
    # Rows by rep
    # ------------------------------------------------------------------
    def test_one_rep_rows_are_his_own(self):
        review = self._review([self.rep.id])
        _content, book = self._book(review)
        by_rep = book["4-6 By rep"]
        self.assertEqual(self._column(by_rep, 1), ["Rep One"])
        self.assertEqual(
            by_rep.cell(4, 2).value, review["answers"]["visits_done"]["value"]
        )
        self.assertEqual(set(self._column(book["3 Visits"], 1)), {"Rep One"})
        for sheet in book.worksheets:
            with self.subTest(sheet=sheet.title):
                self.assertNotIn("All", self._column(sheet, 1))

    def test_team_rows_are_the_team_then_each_rep(self):
        review = self._review(None)
        _content, book = self._book(review)
        by_rep = book["4-6 By rep"]
        names = ["Whole team"] + [row["name"] for row in review["by_rep"]]
        column = self._column(by_rep, 1)
        self.assertEqual(column[: len(names)], names)
        self.assertIn("Rep Two", names)
        # Under the rows, what the prospects never contacted count.
        pool = review["answers"]["prospects_never_contacted_unassigned"]["value"]
        self.assertEqual(
            column[len(names) :],
            [
                None,
                f"Prospects never contacted: {pool} unassigned prospects are a "
                "shared pool, counted in every rep's row and once in the total.",
            ],
        )

    # ------------------------------------------------------------------
    # Charts
    # ------------------------------------------------------------------
    def test_charts_of_the_funnel_the_offers_and_the_reps(self):
        review = self._review(self.reps)
        answers = review["answers"]
        content, _book = self._book(review)
        charts = self._charts(content)
        self.assertEqual(
            set(charts),
            {
                "Prospect funnel",
                "Offers by status",
                "Visits, offers and orders per rep",
            },
        )
        funnel_keys = [
            "funnel_unassigned",
            "funnel_never_contacted",
            "funnel_contacted",
            "funnel_offer",
            "funnel_order",
        ]
        [funnel] = charts["Prospect funnel"]
        self.assertEqual(funnel["name"], "Clients")
        self.assertEqual(
            funnel["categories"], [answers[key]["label"] for key in funnel_keys]
        )
        self.assertEqual(
            funnel["values"], [answers[key]["value"] for key in funnel_keys]
        )
        self.assertGreaterEqual(funnel["values"][0], 1, "the free prospect")

        [offers] = charts["Offers by status"]
        kinds = [f"offers_{kind}" for kind, _label in OFFER_STATUS_KINDS]
        self.assertEqual(offers["name"], "Offers")
        self.assertEqual(offers["categories"], [answers[key]["label"] for key in kinds])
        self.assertEqual(offers["values"], [answers[key]["value"] for key in kinds])

        compared = charts["Visits, offers and orders per rep"]
        self.assertEqual(
            [series["name"] for series in compared],
            [
                answers[key]["label"]
                for key in ("visits_done", "offers", "offers_ordered")
            ],
        )
        self.assertEqual(compared[0]["categories"], ["Rep One", "Rep Two"])
        self.assertEqual(compared[0]["values"], [2, 1])
        self.assertEqual(compared[2]["values"], [1, 0])


@tagged("post_install", "-at_install")
class TestWorkbookDownload(HttpCase):
    """The dashboard's Excel button posts its filters through the web
    client's download helper, with the session's CSRF token."""

    def test_the_button_posts_its_filters_with_the_csrf_token(self):
        self.authenticate("admin", "admin")
        filters = {
            "period": "month",
            "user_id": str(self.env.ref("base.user_admin").id),
        }
        response = self.url_open(
            "/solis_sales_process/workbook",
            data={**filters, "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"), "an xlsx (zip) file")
        self.assertTrue(
            response.headers["Content-Disposition"].endswith(".xlsx"),
            "downloaded under the workbook's name",
        )
        # Without the token another site could have a manager's browser post
        # the form: refused.
        with self.assertLogs("odoo.http", "WARNING"):
            refused = self.url_open("/solis_sales_process/workbook", data=filters)
        self.assertEqual(refused.status_code, 400)
