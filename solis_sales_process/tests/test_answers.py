import io
from datetime import datetime, time, timedelta

import openpyxl
from lxml import etree

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval

from ..report.sales_review_workbook import build_workbook
from .common import SolisCase


class TestAnswers(SolisCase):
    """A small known company, and every answer checked to the exact number.

    Dates are relative to today (the coverage report compares with the
    database's own date), and offers get their creation date set in SQL.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "UTC"
        Partner = cls.env["res.partner"]
        # Demo data may hold prospects of its own: they are not this story's.
        Partner.search([("is_prospect", "=", True)]).is_prospect = False
        cls.baseline = cls.env["solis.sales.review"].get_answers()["answers"]
        cls.today = fields.Date.context_today(Partner)
        ref = cls.env.ref
        cls.class_b = ref("solis_sales_process.client_class_b")
        cls.class_c = ref("solis_sales_process.client_class_c")
        cls.reason_price = ref("solis_sales_process.offer_rejection_reason_price")
        cls.product = cls.env["product.product"].create(
            {"name": "Forklift", "list_price": 500.0, "taxes_id": False}
        )
        cls.prospect_unassigned = Partner.create(
            {"name": "P Unassigned", "is_company": True, "is_prospect": True}
        )
        cls.prospect_never = Partner.create(
            {
                "name": "P Never Contacted",
                "is_company": True,
                "is_prospect": True,
                "user_id": cls.rep.id,
            }
        )
        cls.prospect_contacted = Partner.create(
            {
                "name": "P Contacted",
                "is_company": True,
                "is_prospect": True,
                "user_id": cls.rep.id,
                "client_class_id": cls.class_c.id,
                "user_assigned_date": cls._days_ago(20),
            }
        )
        # A prospect when first contacted, a client since his order.
        cls.client.is_prospect = True
        cls.important_b = Partner.create(
            {
                "name": "Important B",
                "is_company": True,
                "user_id": cls.rep.id,
                "client_class_id": cls.class_b.id,
            }
        )
        cls._visit(cls.prospect_contacted, when=cls._days_ago(14))
        cls.client_visit = cls._visit(
            cls.client, when=cls._days_ago(5), type_id=cls.type_premises.id
        )
        cls._visit(
            cls.important_b, when=cls._days_ago(100), type_id=cls.type_premises.id
        )
        cls._visit(cls.important_b, when=cls._days_ago(10))
        cls._visit(cls.other_client, user=cls.other_rep, when=cls._days_ago(3))

        cls.order_accepted = cls._offer(cls.client, cls.rep, cls._days_ago(4))
        cls.order_accepted.visit_ids = cls.client_visit
        cls.order_accepted.action_confirm()
        cls.order_accepted.date_order = cls._days_ago(2)
        cls.offer_sent = cls._offer(cls.other_client, cls.other_rep, cls._days_ago(2))
        cls.offer_sent.action_quotation_sent()
        cls.offer_rejected = cls._offer(
            cls.other_client, cls.other_rep, cls._days_ago(2)
        )
        cls.env["solis.offer.reject"].create(
            {
                "order_ids": [(6, 0, cls.offer_rejected.ids)],
                "rejection_reason_id": cls.reason_price.id,
            }
        ).action_reject()
        cls.offer_first_version = cls._offer(cls.important_b, cls.rep, cls._days_ago(6))
        second = cls.offer_first_version.action_offer_renegotiate()["res_id"]
        cls.offer_second_version = cls.env["sale.order"].browse(second)
        cls.offer_second_version.offer_date = cls._days_ago(1)
        cls.reps = [cls.rep.id, cls.other_rep.id]

    @classmethod
    def _days_ago(cls, days):
        day = fields.Date.context_today(cls.env["res.partner"]) - timedelta(days=days)
        return datetime.combine(day, time(10, 0))

    @classmethod
    def _offer(cls, partner, user, created):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "offer_date": created,
                "order_line": [
                    (0, 0, {"product_id": cls.product.id, "product_uom_qty": 1})
                ],
            }
        )
        return order

    def _answers(self, user=None, **kwargs):
        kwargs.setdefault("user_ids", self.reps)
        review = self.env["solis.sales.review"].with_user(user or self.sales_manager)
        return review.get_answers(**kwargs)

    def _values(self, review):
        return {key: answer["value"] for key, answer in review["answers"].items()}

    def _list(self, answer):
        return self.env[answer["model"]].search(answer["domain"])

    def test_prospects_never_contacted(self):
        review = self._answers()
        answers = review["answers"]
        self.assertEqual(
            answers["prospects_unassigned"]["value"],
            self.baseline["prospects_unassigned"]["value"] + 1,
        )
        self.assertIn(
            self.prospect_unassigned, self._list(answers["prospects_unassigned"])
        )
        self.assertEqual(answers["prospects"]["value"], 2)
        self.assertEqual(answers["prospects_never_contacted"]["value"], 2)
        self.assertEqual(
            self._list(answers["prospects_never_contacted"]),
            self.prospect_never | self.prospect_unassigned,
        )
        self.assertEqual(
            self._list(answers["prospects_never_contacted_assigned"]),
            self.prospect_never,
        )
        self.assertEqual(
            self._list(answers["prospects_never_contacted_unassigned"]),
            self.prospect_unassigned,
        )

    def test_important_clients_not_visited(self):
        values = self._values(self._answers())
        self.assertEqual(values["important_clients"], 2)
        self.assertEqual(values["important_not_visited"], 1, "B's 60 days are over")
        self.assertEqual(values["important_visited_30_days"], 1)
        self.assertEqual(values["important_contacted_30_days"], 2)
        self.assertEqual(values["important_not_contacted_30_days"], 0)
        three_months = self._answers(months=3)["answers"]["important_not_visited"]
        self.assertEqual(self._list(three_months), self.important_b)
        self.assertEqual(
            self._answers(months=4)["answers"]["important_not_visited"]["value"], 0
        )

    def test_visits_per_rep_and_class(self):
        review = self._answers()
        values = self._values(review)
        self.assertEqual(values["visits_done"], 4)
        self.assertEqual(values["visits_in_person"], 1)
        self.assertEqual(values["visits_remote"], 3)
        by_rep = {row["user_id"]: row["answers"] for row in review["by_rep"]}
        self.assertEqual(by_rep[self.rep.id]["visits_done"], 3)
        self.assertEqual(by_rep[self.other_rep.id]["visits_done"], 1)
        rows = {
            (row["user_id"], row["client_class"]): (row["in_person"], row["remote"])
            for row in review["visits_by_class"]
        }
        self.assertEqual(rows[(self.rep.id, "A")], (1, 0))
        self.assertEqual(rows[(self.rep.id, "B")], (0, 1))
        self.assertEqual(rows[(self.rep.id, "C")], (0, 1))
        self.assertEqual(rows[(self.other_rep.id, "No class")], (0, 1))

    def test_conversion(self):
        review = self._answers()
        values = self._values(review)
        self.assertEqual(values["leads"], 2, "the prospects, not Important B")
        self.assertEqual(values["leads_with_offer"], 1)
        self.assertAlmostEqual(values["lead_to_offer_rate"], 0.5)
        self.assertEqual(values["visits_with_offer"], 1)
        self.assertEqual(values["visit_to_offer_rate"], 0.25)
        self.assertEqual(values["offers"], 4, "a renegotiation chain is one offer")
        self.assertEqual(values["offers_ordered"], 1)
        self.assertEqual(values["offer_to_order_rate"], 0.25)
        self.assertEqual(values["median_days_contact_to_offer"], 1.0)
        self.assertEqual(values["median_days_offer_to_order"], 2.0)
        by_rep = {row["user_id"]: row["answers"] for row in review["by_rep"]}
        self.assertEqual(by_rep[self.rep.id]["leads"], 2)
        self.assertEqual(by_rep[self.rep.id]["offer_to_order_rate"], 0.5)
        self.assertEqual(by_rep[self.other_rep.id]["offers_ordered"], 0)
        self.assertEqual(by_rep[self.other_rep.id]["median_days_offer_to_order"], False)

    def test_offers_by_status(self):
        review = self._answers()
        values = self._values(review)
        not_confirmed = self._list(review["answers"]["offers_not_confirmed"])
        self.assertEqual(not_confirmed, self.offer_sent | self.offer_second_version)
        self.assertEqual(values["offers_initiated"], 1)
        self.assertEqual(values["offers_accepted"], 1)
        self.assertEqual(values["offers_rejected"], 1)
        self.assertEqual(values["offers_renegotiated"], 1)
        self.assertEqual(values["offers_postponed"], 0)
        reasons = {row["name"]: row["value"] for row in review["rejection_reasons"]}
        self.assertEqual(reasons, {"Price": 1})

    def test_coverage_and_funnel(self):
        review = self._answers()
        values = self._values(review)
        self.assertEqual(values["clients_overdue"], 2)
        coverage = {
            row["client_class"]: (row["clients"], row["covered"], row["rate"])
            for row in review["coverage"]
            if row["user_id"] == self.rep.id
        }
        self.assertEqual(
            coverage, {"A": (1, 1, 1.0), "B": (1, 0, 0.0), "C": (1, 0, 0.0)}
        )
        self.assertEqual(values["funnel_never_contacted"], 1)
        self.assertEqual(values["funnel_contacted"], 1)
        self.assertEqual(values["funnel_offer"], 2)
        self.assertEqual(values["funnel_order"], 1)
        self.assertEqual(
            values["funnel_unassigned"], self.baseline["funnel_unassigned"]["value"] + 1
        )
        self.assertEqual(values["median_days_assignment_to_contact"], 6.0)

    def test_period_filter(self):
        week = self._answers(
            date_from=fields.Date.to_string(self.today - timedelta(days=6)),
            date_to=fields.Date.to_string(self.today),
        )
        values = self._values(week)
        self.assertEqual(values["visits_done"], 2, "T-5 and T-3 only")
        self.assertEqual(values["leads"], 1, "Alpha, first contacted at T-5")
        with self.assertRaisesMessage(UserError, "starts"):
            self._answers(date_from="2026-02-01", date_to="2026-01-01")
        with self.assertRaisesMessage(UserError, "months"):
            self._answers(months=-2)

    def test_offers_count_on_their_offer_date(self):
        """An offer brought in from another system with last year's date is
        not one of this month's offers, though its record is new; a new
        version is made on the day of the renegotiation."""
        before = self._values(self._answers())["offers"]
        imported = self._offer(self.important_b, self.rep, self._days_ago(400))
        imported.action_quotation_sent()
        self.assertEqual(self._values(self._answers())["offers"], before)
        last_year = self._answers(
            date_from=fields.Date.to_string(self.today - timedelta(days=410)),
            date_to=fields.Date.to_string(self.today - timedelta(days=390)),
        )
        self.assertIn(imported, self._list(last_year["answers"]["offers"]))
        renewed = self.env["sale.order"].browse(
            imported.action_offer_renegotiate()["res_id"]
        )
        self.assertEqual(renewed.offer_date.date(), fields.Datetime.now().date())
        # Still the offer of last year: a chain counts on its first version.
        self.assertEqual(self._values(self._answers())["offers"], before)
        last_year = self._answers(
            date_from=fields.Date.to_string(self.today - timedelta(days=410)),
            date_to=fields.Date.to_string(self.today - timedelta(days=390)),
        )
        self.assertEqual(
            self._list(last_year["answers"]["offers"]) & (imported | renewed), renewed
        )

    def test_team_totals_count_what_has_no_rep(self):
        """For the whole team each number is its list's length, records
        without a rep included (they are a group of their own when the
        answers count by rep)."""
        review = self._answers(user_ids=None)
        self.assertIn(
            self.prospect_unassigned,
            self._list(review["answers"]["prospects"]),
        )
        for key, answer in review["answers"].items():
            if answer["kind"] == "count":
                with self.subTest(answer=key):
                    self.assertEqual(
                        answer["value"],
                        self.env[answer["model"]].search_count(answer["domain"]),
                    )

    def test_rep_only_ever_sees_his_own_figures(self):
        review = self._answers(user=self.rep, user_ids=[self.other_rep.id])
        self.assertEqual(review["user_ids"], [self.rep.id])
        values = self._values(review)
        self.assertEqual(values["visits_done"], 3)
        self.assertEqual(values["offers"], 2)
        self.assertEqual([row["user_id"] for row in review["by_rep"]], [self.rep.id])
        Report = self.env["solis.visit.report"].with_user(self.rep)
        self.assertEqual(set(Report.search([]).mapped("user_id").ids), {self.rep.id})
        Coverage = self.env["solis.client.coverage.report"].with_user(self.rep)
        self.assertNotIn(self.other_client, Coverage.search([]).partner_id)
        offers = self.env["solis.offer.report"].with_user(self.rep).search([])
        self.assertNotIn(self.offer_sent, offers.order_id)

    def test_report_pivot_counts_match_the_answers(self):
        Visits = self.env["solis.visit.report"]
        groups = Visits._read_group(
            [
                ("state", "=", "done"),
                ("user_id", "in", self.reps),
                ("visit_date", ">=", self._days_ago(29).replace(hour=0)),
            ],
            ["user_id"],
            ["__count"],
        )
        self.assertEqual(
            {user.id: count for user, count in groups},
            {self.rep.id: 3, self.other_rep.id: 1},
        )

    def test_workbook_matches_the_overview(self):
        review = self._answers()
        book = openpyxl.load_workbook(io.BytesIO(build_workbook(self.env, review)))
        self.assertEqual(
            book.sheetnames,
            [
                "Summary",
                "1 Prospects",
                "2 Important clients",
                "3 Visits",
                "4-6 By rep",
                "5 Offers",
                "7 Coverage",
            ],
        )
        summary = book["Summary"]
        summary_values = {
            summary.cell(row, 1).value: summary.cell(row, 2).value
            for row in range(4, summary.max_row + 1)
        }
        for answer in review["answers"].values():
            expected = answer["value"] if answer["value"] is not False else None
            self.assertEqual(summary_values[answer["label"]], expected, answer["label"])
        rate_cell = next(
            row
            for row in range(4, summary.max_row + 1)
            if summary.cell(row, 1).value
            == review["answers"]["offer_to_order_rate"]["label"]
        )
        self.assertEqual(summary.cell(rate_cell, 2).number_format, "0.0%")
        prospects = book["1 Prospects"]
        self.assertEqual(prospects.freeze_panes, "A4")
        names = [
            prospects.cell(row, 2).value for row in range(4, prospects.max_row + 1)
        ]
        self.assertIn("P Never Contacted", names)
        self.assertIn("P Unassigned", names)

    def test_dashboard_opens_the_list_behind_each_number(self):
        dashboard = (
            self.env["solis.sales.dashboard"]
            .with_user(self.sales_manager)
            .get_dashboard(period="month", user_id=self.rep.id)
        )
        cards = {
            card["key"]: card
            for section in dashboard["sections"]
            for card in section["cards"]
        }
        for key, card in cards.items():
            listed = (
                self.env[card["model"]]
                .with_user(self.sales_manager)
                .search(card["domain"])
            )
            if card["kind"] == "count":
                self.assertEqual(len(listed), card["value"], key)
        overdue = cards["clients_overdue"]
        rows = self.env[overdue["model"]].search(overdue["domain"])
        self.assertEqual(rows.partner_id, self.important_b | self.prospect_contacted)

    def test_answers_domains_are_plain_values(self):
        review = self._answers()
        for answer in review["answers"].values():
            for term in answer["domain"]:
                if isinstance(term, list):
                    self.assertIsInstance(
                        term[2], (str, int, float, bool, list, type(None))
                    )
        # a domain read back as the overview stores it gives the same list
        answer = review["answers"]["important_not_visited"]
        self.assertEqual(
            self.env["res.partner"].search(safe_eval(repr(answer["domain"]))),
            self._list(answer),
        )

    def _search_filter_domain(self, model, name):
        arch = self.env[model].get_views([(False, "search")])["views"]["search"]["arch"]
        node = etree.fromstring(arch).find(f".//filter[@name='{name}']")
        self.assertIsNotNone(node, f"{model} has no search filter {name}")
        return safe_eval(node.get("domain"))

    def test_question_filters_find_the_same_records(self):
        """The questions' search filters (translated, unlike saved
        favourites) find what their answers count."""
        answers = self._answers()["answers"]
        pairs = {
            ("res.partner", "never_contacted"): "prospects_never_contacted_assigned",
            ("res.partner", "important_visit_overdue"): "important_not_visited",
            (
                "res.partner",
                "important_not_contacted_30_days",
            ): "important_not_contacted_30_days",
            ("sale.order", "offer_not_confirmed"): "offers_not_confirmed",
        }
        for (model, name), key in pairs.items():
            with self.subTest(filter=name):
                domain = self._search_filter_domain(model, name)
                found = self.env[model].search(domain + [("user_id", "in", self.reps)])
                self.assertEqual(found, self._list(answers[key]))
