from datetime import date

from odoo.exceptions import UserError, ValidationError

from .common import SolisCase


class TestBadInput(SolisCase):
    """Each bad input gets a clear error, loses nothing, and reaches no SQL."""

    def test_invalid_visits_are_refused_with_a_clear_message(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign_type = self.env["solis.visit.type"].create(
            {"name": "Their type", "company_id": other_company.id}
        )
        cases = [
            ({"partner_id": False}, ValidationError, "needs a client"),
            ({"duration": -1}, ValidationError, "negative"),
            ({"next_contact_date": "2026-03-01"}, ValidationError, "cannot be before"),
            (
                {"contact_id": self.env["res.partner"].create({"name": "Stranger"}).id},
                ValidationError,
                "not a contact person",
            ),
            ({"type_id": foreign_type.id}, UserError, "compan"),
        ]
        visit = self._visit(self.client, when="2026-03-10 09:00:00")
        for values, error, message in cases:
            with self.subTest(values=values), self.assertRaisesMessage(error, message):
                visit.write(values)
        self.assertEqual(visit.partner_id, self.client)
        self.assertEqual(visit.duration, 0)

    def test_offer_status_of_the_wrong_kind_needs_its_reason(self):
        order = self.env["sale.order"].create({"partner_id": self.client.id})
        order._action_cancel()
        rejected = self.env.ref("solis_sales_process.offer_status_rejected")
        with self.assertRaisesMessage(ValidationError, "rejection reason"):
            order.offer_status_id = rejected
        self.assertFalse(order.offer_status_id)

    def test_very_long_text_is_kept_whole(self):
        text = "Long notes " * 5000
        visit = self._visit(self.client, name=text[:2000], description=f"<p>{text}</p>")
        self.assertEqual(len(visit.name), 2000)
        self.assertIn(text.strip(), visit.description)

    def test_script_in_text_is_escaped_in_the_daily_email(self):
        hostile = "<script>alert('x')</script>"
        self.client.name = f"Evil {hostile} SRL"
        self._visit(
            self.client,
            when="2026-03-09 09:00:00",
            next_contact_date="2026-03-10",
            next_contact_note=hostile,
        )
        _values, _subject, body = self.env["solis.sales.digest"]._render(
            self.rep, date(2026, 3, 10)
        )
        self.assertNotIn("<script>", body)
        self.assertIn("&lt;script&gt;", body)

    def test_script_in_the_visit_description_is_sanitized(self):
        visit = self._visit(
            self.client, description="<p>ok</p><script>alert(1)</script>"
        )
        self.assertNotIn("<script>", visit.description)

    def test_hostile_values_never_reach_sql(self):
        Review = self.env["solis.sales.review"]
        hostile = [
            ({"months": "1; DROP TABLE res_partner"}, "months"),
            ({"months": 0}, "months"),
            ({"date_from": "2026-01-01'; DELETE FROM solis_visit; --"}, "dates"),
            ({"date_to": "yesterday"}, "dates"),
            ({"user_ids": ["1 OR 1=1"]}, "user ids"),
            ({"date_from": "2026-05-01", "date_to": "2026-04-01"}, "starts"),
        ]
        visits_before = self.env["solis.visit"].search_count([])
        for kwargs, message in hostile:
            with (
                self.subTest(kwargs=kwargs),
                self.assertRaisesMessage(UserError, message),
            ):
                Review.with_user(self.sales_manager).get_answers(**kwargs)
        self.assertEqual(self.env["solis.visit"].search_count([]), visits_before)
        self.assertTrue(self.env["res.partner"].search_count([]))


class TestNothingLost(SolisCase):
    def test_client_with_visits_is_archived_not_deleted(self):
        self._visit(self.client)
        with self.assertRaisesMessage(UserError, "archive the client instead"):
            self.client.unlink()
        self.client.action_archive()
        self.assertFalse(self.client.active)
        self.assertEqual(self.client.visit_count, 1)

    def test_client_without_visits_can_be_deleted(self):
        stranger = self.env["res.partner"].create({"name": "Typo SRL"})
        stranger.unlink()
        self.assertFalse(stranger.exists())


class TestAmountsAndCurrencies(SolisCase):
    """Offers priced in another currency than the company's, or than the
    version they replace, are compared and summed in one currency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company_currency = cls.company.currency_id
        cls.foreign = cls.env.ref(
            "base.EUR" if company_currency.name != "EUR" else "base.USD"
        )
        cls.foreign.active = True
        cls.env["res.currency.rate"].create(
            {
                "currency_id": cls.foreign.id,
                "company_id": cls.company.id,
                "name": "2020-01-01",
                "rate": 2.0 * company_currency.rate,
            }
        )
        cls.foreign_pricelist = cls.env["product.pricelist"].create(
            {"name": "Foreign prices", "currency_id": cls.foreign.id}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Inverter", "list_price": 100.0, "taxes_id": [(5, 0, 0)]}
        )

    def _offer(self, price, **values):
        return self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "user_id": self.rep.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "price_unit": price})
                ],
                **values,
            }
        )

    def test_amount_change_across_currencies(self):
        first = self._offer(100.0)
        first.action_quotation_sent()
        second = self.env["sale.order"].browse(
            first.action_offer_renegotiate()["res_id"]
        )
        second.pricelist_id = self.foreign_pricelist
        second.order_line.price_unit = 150.0
        self.assertEqual(second.currency_id, self.foreign)
        # 100 in the company's currency is 200 in the foreign one.
        self.assertAlmostEqual(second.amount_change, -50.0)

    def test_offer_analysis_sums_in_the_company_currency(self):
        home = self._offer(100.0)
        abroad = self._offer(300.0, pricelist_id=self.foreign_pricelist.id)
        (home | abroad).action_quotation_sent()
        self.env.flush_all()
        Report = self.env["solis.offer.report"]
        amounts = dict(
            Report.search([("order_id", "in", (home | abroad).ids)]).mapped(
                lambda row: (row.order_id, row.amount_untaxed)
            )
        )
        self.assertAlmostEqual(amounts[home], 100.0)
        self.assertAlmostEqual(amounts[abroad], 150.0)
