import io

import openpyxl

from odoo.osv import expression

from ..report.sales_review_workbook import build_workbook
from .common import SolisCase

TODAY = "2026-06-15"
PERIOD = {"date_from": "2026-06-01", "date_to": "2026-06-30"}


class SameNumbersCase(SolisCase):
    """A small month of two reps: prospects of each and a shared pool of
    unassigned ones, visits, offers, a lead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # Demo data holds prospects of its own: not this story's.
        Partner.search([("is_prospect", "=", True)]).is_prospect = False
        for user in (cls.rep, cls.other_rep, cls.sales_manager):
            user.tz = "UTC"

        def prospect(name, user=None):
            return Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "is_prospect": True,
                    "user_id": user and user.id,
                }
            )

        cls.pool = prospect("Nobody's A") | prospect("Nobody's B")
        cls.pool |= prospect("Nobody's C")
        cls.silent = prospect("Rep One's, silent", cls.rep)
        prospect("Rep Two's, silent", cls.other_rep)
        cls.lead = prospect("Rep One's lead", cls.rep)
        cls._visit(cls.lead, when="2026-06-03 09:00:00")
        cls._visit(cls.client, when="2026-06-04 09:00:00", type_id=cls.type_premises.id)
        cls._visit(cls.client, when="2026-06-05 09:00:00")
        cls._visit(cls.other_client, user=cls.other_rep, when="2026-06-06 09:00:00")
        product = cls.env["product.product"].create(
            {"name": "Crane", "list_price": 1000.0, "taxes_id": False}
        )
        cls.offers = cls.env["sale.order"]
        for partner, user in (
            (cls.lead, cls.rep),
            (cls.client, cls.rep),
            (cls.other_client, cls.other_rep),
        ):
            offer = cls.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "offer_date": "2026-06-08 10:00:00",
                    "order_line": [(0, 0, {"product_id": product.id})],
                }
            )
            offer.action_quotation_sent()
            cls.offers |= offer

    def _answers(self, user=None, **kwargs):
        return (
            self.env["solis.sales.review"]
            .with_user(user or self.sales_manager)
            .with_context(solis_today=TODAY)
            .get_answers(**PERIOD, **kwargs)
        )

    def _dashboard(self, user=None, **kwargs):
        return (
            self.env["solis.sales.dashboard"]
            .with_user(user or self.sales_manager)
            .with_context(solis_today=TODAY)
            .get_dashboard(date=TODAY, **kwargs)
        )


class TestRepRows(SameNumbersCase):
    """Issue #23, point 6: a rep's row counts what his own answers count."""

    def test_each_reps_row_is_his_own_answers(self):
        team = self._answers()
        rows = {row["user_id"]: row["answers"] for row in team["by_rep"]}
        self.assertIn(self.rep.id, rows)
        self.assertIn(self.other_rep.id, rows)
        for rep in (self.rep, self.other_rep):
            for asker in (self.sales_manager, rep):
                own = self._answers(user=asker, user_ids=[rep.id])["answers"]
                for key, answer in own.items():
                    with self.subTest(rep=rep.name, asker=asker.name, key=key):
                        self.assertEqual(rows[rep.id][key], answer["value"])
        # The pool is in each row, once in the team's total.
        self.assertEqual(rows[self.rep.id]["prospects_never_contacted"], 3 + 1)
        self.assertEqual(rows[self.other_rep.id]["prospects_never_contacted"], 3 + 1)
        self.assertEqual(team["answers"]["prospects_never_contacted"]["value"], 3 + 2)

    def test_two_reps_asked_for_each_get_their_own_row(self):
        both = self._answers(user_ids=[self.rep.id, self.other_rep.id])
        for row in both["by_rep"]:
            own = self._answers(user_ids=[row["user_id"]])["answers"]
            self.assertEqual(
                row["answers"],
                {key: answer["value"] for key, answer in own.items()},
            )

    def test_the_reps_table_says_the_pool_is_in_every_row(self):
        reps = self._dashboard()["reps"]
        rows = {row["user_id"]: row for row in reps["rows"]}
        mine = self._dashboard(user_id=self.rep.id)
        cards = {c["key"]: c for s in mine["sections"] for c in s["cards"]}
        row = rows[self.rep.id]
        for key in ("prospects_never_contacted", "visits_done", "offers", "leads"):
            self.assertEqual(row["values"][key], cards[key]["value"])
            # The list behind his cell is his card's list.
            listed = (
                self.env[cards[key]["model"]]
                .with_user(self.sales_manager)
                .with_context(solis_today=TODAY)
                .search_count(row["domains"][key])
            )
            self.assertEqual(listed, row["values"][key], key)
        self.assertEqual(reps["pool"]["value"], 3)
        self.assertEqual(
            reps["pool"]["text"],
            "Prospects never contacted: 3 unassigned prospects are a shared pool, "
            "counted in every rep's row and once in the total.",
        )
        self.assertEqual(
            self.env["res.partner"].search(reps["pool"]["domain"]), self.pool
        )

    def test_the_workbooks_rep_sheet_says_so_too(self):
        review = (
            self.env["solis.sales.dashboard"]
            .with_user(self.sales_manager)
            .with_context(solis_today=TODAY)
            .get_workbook_review(date=TODAY)
        )
        content = build_workbook(self.env(user=self.sales_manager), review)
        sheet = openpyxl.load_workbook(io.BytesIO(content))["4-6 By rep"]
        header = [cell.value for cell in sheet[3]]
        column = header.index("Prospects never contacted") + 1
        last = 3 + 1 + len(review["by_rep"])
        values = {
            sheet.cell(row, 1).value: sheet.cell(row, column).value
            for row in range(4, last + 1)
        }
        self.assertEqual(values["Whole team"], 5)
        self.assertEqual((values["Rep One"], values["Rep Two"]), (4, 4))
        texts = [sheet.cell(row, 1).value for row in range(last + 1, sheet.max_row + 1)]
        self.assertIn(
            "Prospects never contacted: 3 unassigned prospects are a shared pool, "
            "counted in every rep's row and once in the total.",
            texts,
        )


class TestSearchOverride(SameNumbersCase):
    """Issue #23, point 10: a card's number is its list's, also when another
    addon narrows partners, visits or quotations by overriding ``_search``
    (as multi-company and territory addons do) rather than by a record rule.
    The override here is a real one, on the registry's classes: every search
    of a user who is not the superuser leaves out one territory."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hidden = {
            "res.partner": (cls.pool[:1] | cls.silent | cls.lead | cls.client).ids,
            "solis.visit": cls.env["solis.visit"]
            .search([("partner_id", "=", cls.client.id)], limit=1)
            .ids,
            "sale.order": cls.offers[:1].ids,
        }

    def _narrow(self, model_name):
        cls = type(self.env[model_name])
        original = cls._search
        hidden = self.hidden[model_name]

        def _search(model, domain, *args, **kwargs):
            if not model.env.su:
                domain = expression.AND([domain or [], [("id", "not in", hidden)]])
            return original(model, domain, *args, **kwargs)

        self.patch(cls, "_search", _search)

    def _count(self, user, model, domain):
        return (
            self.env[model]
            .with_user(user)
            .with_context(solis_today=TODAY)
            .search_count(domain)
        )

    def _check_cards_equal_their_lists(self, user, rep=None):
        dashboard = self._dashboard(user=user, user_id=rep and rep.id)
        cards = [c for s in dashboard["sections"] for c in s["cards"]]
        cards += dashboard["funnel"]
        counted = 0
        for card in cards:
            if card.get("kind", "count") != "count":
                continue
            listed = self._count(user, card["model"], card["domain"])
            with self.subTest(user=user.name, card=card["key"]):
                self.assertEqual(card["value"], listed)
            counted += 1
        answers = self._answers(user=user, user_ids=rep and rep.ids)["answers"]
        for key, answer in answers.items():
            if answer["kind"] != "count":
                continue
            listed = self._count(user, answer["model"], answer["domain"])
            with self.subTest(user=user.name, answer=key):
                self.assertEqual(answer["value"], listed)
        return counted

    def test_every_card_equals_its_list_under_a_search_override(self):
        before = self._answers()["answers"]
        for model_name in self.hidden:
            self._narrow(model_name)
        after = self._answers()["answers"]
        # The override does hide records from the cards...
        for key in ("prospects_never_contacted", "visits_done", "offers", "leads"):
            self.assertLess(after[key]["value"], before[key]["value"], key)
        # ... and every card counts its list, for a team lead and for a rep.
        self.assertTrue(self._check_cards_equal_their_lists(self.sales_manager))
        self._check_cards_equal_their_lists(self.sales_manager, self.rep)
        self._check_cards_equal_their_lists(self.rep)
