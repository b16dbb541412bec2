"""What an outside reviewer tried over RPC with legitimate low-privilege
accounts, each on a running server: reps, team leads, a second company, a
portal user. Each test is one way in that is now closed."""

from datetime import datetime, time, timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import RPC_ACCESS_ERROR, RPC_USER_ERROR, RpcCallsMixin, SolisCase


@tagged("post_install", "-at_install")
class TestTrustRpc(RpcCallsMixin, HttpCase, SolisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls._second_company_and_its_users("trust")
        cls.client_2 = cls.env["res.partner"].create(
            {
                "name": "Secret Client Of Second Co",
                "is_company": True,
                "phone": "+40 700 000 222",
                "user_id": cls.rep_2.id,
                "company_id": cls.company_2.id,
            }
        )
        cls.class_2 = cls.env["solis.client.class"].create(
            {"name": "Class Of Second Co", "company_id": cls.company_2.id}
        )
        noon = datetime.combine(cls.today, time(12, 0))
        cls.visit_2 = (
            cls.env["solis.visit"]
            .with_company(cls.company_2)
            .create(
                {
                    "partner_id": cls.client_2.id,
                    "user_id": cls.rep_2.id,
                    "company_id": cls.company_2.id,
                    "state": "planned",
                    "visit_date": noon,
                    "name": "Secret plan of Second Co",
                }
            )
        )
        cls.own_visit = cls._visit(
            cls.client, when=noon, state="planned", name="Plan for Alpha"
        )
        cls.their_visit = cls._visit(
            cls.other_client, user=cls.other_rep, name="Their talk"
        )
        product = cls.env["product.product"].create({"name": "Solar Panel"})
        cls.their_offer = cls.env["sale.order"].create(
            {
                "partner_id": cls.other_client.id,
                "user_id": cls.other_rep.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        cls.own_offer = cls.env["sale.order"].create(
            {
                "partner_id": cls.client.id,
                "user_id": cls.rep.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        cls.portal = new_test_user(
            cls.env, login="trust_portal", groups="base.group_portal"
        )
        cls.portal.partner_id.client_class_id = cls.class_a
        cls.portal_offer = cls.env["sale.order"].create(
            {
                "partner_id": cls.portal.partner_id.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        cls.portal_offer.message_subscribe(cls.portal.partner_id.ids)
        cls.portal_offer.action_quotation_sent()

    # ------------------------------------------------------------------
    def assertRefused(self, code, user, model, method, *args, **kwargs):
        self.assertEqual(self._fault(user, model, method, *args, **kwargs)[0], code)

    def _preview_body(self, user, rep, day=None):
        preview = self._call(
            user,
            "solis.sales.digest.preview",
            "create",
            {"user_id": rep.id, "date": str(day or self.today)},
        )
        return self._call(
            user, "solis.sales.digest.preview", "read", [preview], ["body_html"]
        )[0]["body_html"]

    # ------------------------------------------------------------------
    # 1. The daily e-mail preview stays within the lead's companies and rights
    # ------------------------------------------------------------------
    def test_lead_previews_no_rep_of_another_company(self):
        for lead, rep in ((self.sales_manager, self.rep_2), (self.lead_2, self.rep)):
            with self.subTest(lead=lead.login):
                preview = self._call(
                    lead,
                    "solis.sales.digest.preview",
                    "create",
                    {"user_id": rep.id, "date": str(self.today)},
                )
                self.assertRefused(
                    RPC_ACCESS_ERROR,
                    lead,
                    "solis.sales.digest.preview",
                    "read",
                    [preview],
                    ["body_html"],
                )
                self.assertRefused(
                    RPC_ACCESS_ERROR,
                    lead,
                    "solis.sales.digest.preview",
                    "onchange",
                    [],
                    {"user_id": rep.id, "date": str(self.today)},
                    ["user_id"],
                    {"user_id": {}, "date": {}, "body_html": {}},
                )

    def test_lead_previews_only_what_he_may_read(self):
        """The rep works for both companies; his lead, in the first only,
        sees his plans there and nothing of the second company."""
        self.rep.company_ids = [Command.link(self.company_2.id)]
        self.visit_2.user_id = self.rep
        body = self._preview_body(self.sales_manager, self.rep)
        self.assertIn("Plan for Alpha", body)
        self.assertNotIn("Secret", body)
        self.assertNotIn("+40 700 000 222", body)
        # The rep himself, without any privilege, previews his own e-mail.
        self.assertIn("Plan for Alpha", self._preview_body(self.rep, self.rep))

    # ------------------------------------------------------------------
    # 2. A rep takes no client of another rep
    # ------------------------------------------------------------------
    def test_rep_cannot_take_another_reps_client(self):
        self.assertRefused(
            RPC_ACCESS_ERROR,
            self.rep,
            "res.partner",
            "write",
            [self.other_client.id],
            {"user_id": self.rep.id},
        )
        self.assertEqual(self.other_client.user_id, self.other_rep)
        self.assertFalse(
            self._call(
                self.rep,
                "solis.visit",
                "search",
                [("id", "=", self.their_visit.id)],
            ),
            "the other rep's visits stay out of his reach",
        )
        # His own client he cannot hand over either; an unassigned one he takes.
        self.assertRefused(
            RPC_ACCESS_ERROR,
            self.rep,
            "res.partner",
            "write",
            [self.client.id],
            {"user_id": self.other_rep.id},
        )
        unassigned = self.env["res.partner"].create(
            {"name": "Free SRL", "is_company": True}
        )
        self._call(
            self.rep, "res.partner", "write", [unassigned.id], {"user_id": self.rep.id}
        )
        self.assertEqual(unassigned.user_id, self.rep)
        # The team lead reassigns; the visit's own rep keeps his visit.
        self._call(
            self.sales_manager,
            "res.partner",
            "write",
            [self.other_client.id],
            {"user_id": self.rep.id},
        )
        self.assertEqual(self.other_client.user_id, self.rep)
        self.assertTrue(
            self._call(
                self.other_rep,
                "solis.visit",
                "search",
                [("id", "=", self.their_visit.id)],
            )
        )

    # ------------------------------------------------------------------
    # 3. No class of another company; one bad record breaks no report
    # ------------------------------------------------------------------
    def test_client_class_of_another_company_refused(self):
        shared_client = self.env["res.partner"].create(
            {"name": "Shared SRL", "is_company": True, "user_id": self.rep.id}
        )
        own_company_client = self.env["res.partner"].create(
            {"name": "Local SRL", "is_company": True, "company_id": self.company.id}
        )
        for user, model, record in (
            (self.rep, "res.partner", shared_client),
            (self.sales_admin, "res.partner", own_company_client),
        ):
            with self.subTest(model=model, user=user.login):
                self.assertRefused(
                    RPC_USER_ERROR,
                    user,
                    model,
                    "write",
                    [record.id],
                    {"client_class_id": self.class_2.id},
                )
        self.assertRefused(
            RPC_ACCESS_ERROR,
            self.rep,
            "solis.visit",
            "write",
            [self.own_visit.id],
            {"client_class_id": self.class_2.id},
        )
        self.assertEqual(self.client.client_class_id, self.class_a)

    def test_a_record_the_lead_cannot_read_breaks_no_report(self):
        """Data damaged before the checks existed (written in SQL here): the
        team lead's answers, dashboard and workbook still open, and name it."""
        self._visit(self.client, when=datetime.combine(self.today, time(9, 0)))
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE solis_visit SET client_class_id = %s WHERE partner_id = %s",
            (self.class_2.id, self.client.id),
        )
        self.env.cr.execute(
            "UPDATE res_partner SET client_class_id = %s WHERE id = %s",
            (self.class_2.id, self.client.id),
        )
        self.env.invalidate_all()
        review = self._call(
            self.sales_manager,
            "solis.sales.review",
            "get_answers",
            date_from=str(self.today - timedelta(days=1)),
            date_to=str(self.today),
        )
        self.assertIn(
            "Class Of Second Co",
            [row["client_class"] for row in review["visits_by_class"]],
        )
        dashboard = self._call(
            self.sales_manager, "solis.sales.dashboard", "get_dashboard"
        )
        self.assertIn(
            "Class Of Second Co",
            [row["client_class"] for row in dashboard["visits_by_class"]],
        )
        self.authenticate(self.sales_manager.login, self.sales_manager.login)
        response = self.url_open("/solis_sales_process/workbook?period=month")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"), "an xlsx (zip) file")

    def test_no_visit_takes_a_class_of_another_company(self):
        """A client damaged before the checks existed (written in SQL here)
        gets no visit carrying another company's class."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET client_class_id = %s WHERE id = %s",
            (self.class_2.id, self.client.id),
        )
        self.env.invalidate_all()
        code, text = self._fault(
            self.rep, "solis.visit", "create", {"partner_id": self.client.id}
        )
        self.assertEqual(code, RPC_USER_ERROR, text)
        self.assertIn("belongs to another company", text)
        self.assertEqual(
            self.env["solis.visit"].search_count([("partner_id", "=", self.client.id)]),
            1,
            "only the visit made before",
        )

    # ------------------------------------------------------------------
    # 4. Figures are the addon's to write
    # ------------------------------------------------------------------
    def test_figures_refused(self):
        attempts = [
            ("sale.order", self.own_offer, {"offer_status_kind": "rejected"}),
            ("sale.order", self.own_offer, {"offer_version": 7}),
            (
                "sale.order",
                self.own_offer,
                {"offer_chain_date": "2020-01-01 00:00:00"},
            ),
            ("solis.visit", self.own_visit, {"status_kind": "initial"}),
            ("res.partner", self.client, {"last_visit_date": "2031-01-01 00:00:00"}),
            ("res.partner", self.client, {"visit_count": 99}),
            ("res.partner", self.client, {"offer_stage": "order"}),
            ("res.partner", self.client, {"user_assigned_date": "2020-01-01"}),
        ]
        for model, record, values in attempts:
            with self.subTest(model=model, values=values):
                self.assertRefused(
                    RPC_ACCESS_ERROR, self.rep, model, "write", [record.id], values
                )
        self.assertRefused(
            RPC_ACCESS_ERROR,
            self.rep,
            "res.partner",
            "create",
            {"name": "Backdated SRL", "visit_count": 5},
        )
        self.assertFalse(self.own_offer.offer_status_kind)
        self.assertEqual(self.client.visit_count, 0)
        self.assertFalse(self.client.offer_stage == "order")

    def test_offer_date_only_while_the_offer_is_open(self):
        self._call(
            self.rep,
            "sale.order",
            "write",
            [self.own_offer.id],
            {"offer_date": "2026-01-05 10:00:00"},
        )
        self.assertEqual(str(self.own_offer.offer_date), "2026-01-05 10:00:00")
        self.own_offer.action_confirm()
        self.assertRefused(
            RPC_USER_ERROR,
            self.rep,
            "sale.order",
            "write",
            [self.own_offer.id],
            {"offer_date": "2025-01-05 10:00:00"},
        )
        self.assertEqual(str(self.own_offer.offer_date), "2026-01-05 10:00:00")

    def test_rep_merges_a_duplicate_into_his_client(self):
        """Odoo's merge of contacts writes every stored field it finds,
        the assignment date included: it still works for a rep."""
        duplicate = self.env["res.partner"].create(
            {"name": "Alpha Industries (copy)", "is_company": True}
        )
        wizard = self._call(
            self.rep,
            "base.partner.merge.automatic.wizard",
            "create",
            {
                "partner_ids": [(6, 0, [duplicate.id, self.client.id])],
                "dst_partner_id": self.client.id,
            },
        )
        self._call(
            self.rep, "base.partner.merge.automatic.wizard", "action_merge", [wizard]
        )
        self.assertFalse(duplicate.exists())
        self.assertEqual(self.client.user_id, self.rep)

    # ------------------------------------------------------------------
    # 5. A visit stays in the rep's companies
    # ------------------------------------------------------------------
    def test_rep_cannot_move_his_visit_to_another_company(self):
        self.assertRefused(
            RPC_ACCESS_ERROR,
            self.rep,
            "solis.visit",
            "write",
            [self.own_visit.id],
            {"company_id": self.company_2.id},
        )
        self.assertEqual(self.own_visit.company_id, self.company)

    # ------------------------------------------------------------------
    # 6. The dashboard's domains are data, never evaluated
    # ------------------------------------------------------------------
    def test_dashboard_domains_are_data(self):
        dashboard = self._call(
            self.sales_manager, "solis.sales.dashboard", "get_dashboard"
        )
        cards = [card for section in dashboard["sections"] for card in section["cards"]]
        self.assertTrue(cards)
        for card in cards:
            self.assertIsInstance(card["domain"], list, card["key"])
        # Nothing of the dashboard is stored, so nothing a user could write
        # is ever read back as a domain: the only inputs are checked values.
        fault = self._fault(
            self.sales_manager,
            "solis.sales.dashboard",
            "get_dashboard",
            period="sum(range(2*10**7))",
        )
        self.assertEqual(fault[0], RPC_USER_ERROR)

    # ------------------------------------------------------------------
    # 7. Clear refusals instead of server errors
    # ------------------------------------------------------------------
    def test_bad_input_gets_a_clear_refusal(self):
        cases = [
            ({"months": 100000}, "number of months"),
            ({"months": True}, "number of months"),
            ({"date_from": "0001-01-01", "date_to": "0001-01-31"}, "Dates are given"),
            ({"date_from": "9999-12-01", "date_to": "9999-12-31"}, "Dates are given"),
            ({"date_from": "2026-W01-1"}, "YYYY-MM-DD"),
            ({"user_ids": [True]}, "user ids"),
        ]
        for kwargs, message in cases:
            with self.subTest(kwargs=kwargs):
                code, text = self._fault(
                    self.sales_manager, "solis.sales.review", "get_answers", **kwargs
                )
                self.assertEqual(code, RPC_USER_ERROR, text)
                self.assertIn(message, text)
        for day in ("0001-01-01", "9999-12-31"):
            with self.subTest(day=day):
                code, text = self._fault(
                    self.rep,
                    "solis.sales.digest.preview",
                    "onchange",
                    [],
                    {"user_id": self.rep.id, "date": day},
                    ["date"],
                    {"user_id": {}, "date": {}, "body_html": {}},
                )
                self.assertEqual(code, RPC_USER_ERROR, text)
                self.assertIn("Dates are given", text)

    # ------------------------------------------------------------------
    # 8. Portal users read no internal sales data about themselves
    # ------------------------------------------------------------------
    def test_portal_user_reads_no_internal_sales_data(self):
        partner = self.portal.partner_id
        self.assertTrue(
            self._call(self.portal, "res.partner", "read", [partner.id], ["name"])
        )
        for name in ("client_class_id", "visit_count", "offer_stage", "is_prospect"):
            with self.subTest(field=name):
                self.assertRefused(
                    RPC_ACCESS_ERROR,
                    self.portal,
                    "res.partner",
                    "read",
                    [partner.id],
                    [name],
                )
        offer = self.portal_offer
        self.assertTrue(
            self._call(self.portal, "sale.order", "read", [offer.id], ["name"])
        )
        for name in ("offer_status_id", "offer_status_kind", "rejection_reason_id"):
            with self.subTest(field=name):
                self.assertRefused(
                    RPC_ACCESS_ERROR,
                    self.portal,
                    "sale.order",
                    "read",
                    [offer.id],
                    [name],
                )
        self.assertRefused(
            RPC_ACCESS_ERROR,
            self.portal,
            "sale.order",
            "read",
            [offer.id],
            ["visit_ids"],
        )

    # ------------------------------------------------------------------
    # 9. Reject and postpone refuse offers the caller may not touch
    # ------------------------------------------------------------------
    def test_reject_and_postpone_refuse_another_reps_offer(self):
        reason = self.env.ref("solis_sales_process.offer_rejection_reason_price")
        wizards = {
            "solis.offer.reject": (
                {"rejection_reason_id": reason.id},
                "action_reject",
            ),
            "solis.offer.postpone": (
                {"postponed_until": str(self.today + timedelta(days=10))},
                "action_postpone",
            ),
        }
        for model, (values, method) in wizards.items():
            with self.subTest(model=model):
                wizard = self._call(
                    self.rep,
                    model,
                    "create",
                    {"order_ids": [(6, 0, self.their_offer.ids)], **values},
                )
                self.assertRefused(RPC_ACCESS_ERROR, self.rep, model, method, [wizard])
        self.assertEqual(self.their_offer.state, "draft")
        self.assertFalse(self.their_offer.offer_status_id)
        self.assertFalse(self.their_offer.activity_ids)

    def test_reject_and_postpone_own_offers(self):
        reason = self.env.ref("solis_sales_process.offer_rejection_reason_price")
        later = self.env["sale.order"].create(
            {"partner_id": self.client.id, "user_id": self.rep.id}
        )
        wizard = self._call(
            self.rep,
            "solis.offer.postpone",
            "create",
            {
                "order_ids": [(6, 0, later.ids)],
                "postponed_until": str(self.today + timedelta(days=10)),
                "note": "Budget in March",
            },
        )
        self._call(self.rep, "solis.offer.postpone", "action_postpone", [wizard])
        self.assertEqual(later.offer_status_kind, "postponed")
        self.assertEqual(later.activity_ids.summary, "Budget in March")
        wizard = self._call(
            self.rep,
            "solis.offer.reject",
            "create",
            {
                "order_ids": [(6, 0, self.own_offer.ids)],
                "rejection_reason_id": reason.id,
            },
        )
        self._call(self.rep, "solis.offer.reject", "action_reject", [wizard])
        self.assertEqual(self.own_offer.offer_status_kind, "rejected")
        self.assertEqual(self.own_offer.state, "cancel")
