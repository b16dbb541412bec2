from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from ..models.res_partner import fill_offer_stage
from ..models.sale_order import fill_offer_statuses, unflag_prospects_with_orders
from .common import SolisCase

TODAY = date(2026, 6, 15)


class TestTrueNumbers(SolisCase):
    """Each answer as the seed asks it, whatever reps, admins, imports and
    clocks do (issue #12). Answers are taken for a fixed "today"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # Demo data holds prospects and offers of its own: not this story's.
        Partner.search([("is_prospect", "=", True)]).is_prospect = False
        cls.product = cls.env["product.product"].create(
            {"name": "Crane", "list_price": 1000.0, "taxes_id": False}
        )
        cls.reason_price = cls.env.ref(
            "solis_sales_process.offer_rejection_reason_price"
        )

    def _prospect(self, name, user=None, **values):
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "is_prospect": True,
                "user_id": user and user.id,
                **values,
            }
        )

    def _offer(self, partner, when, user=None):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": (user or self.rep).id,
                "offer_date": when,
                "order_line": [(0, 0, {"product_id": self.product.id})],
            }
        )

    def _answers(self, user=None, today=TODAY, **kwargs):
        review = (
            self.env["solis.sales.review"]
            .with_user(user or self.sales_manager)
            .with_context(solis_today=today, tz="UTC")
        )
        kwargs.setdefault("date_from", "2026-06-01")
        kwargs.setdefault("date_to", "2026-06-30")
        return review.get_answers(**kwargs)

    def _values(self, **kwargs):
        return {
            key: answer["value"]
            for key, answer in self._answers(**kwargs)["answers"].items()
        }

    def _list(self, answer, today=TODAY):
        model = self.env[answer["model"]].with_context(solis_today=today, tz="UTC")
        return model.search(answer["domain"])

    # ------------------------------------------------------------------
    # The questions as the seed asks them
    # ------------------------------------------------------------------
    def test_prospects_never_contacted_add_up(self):
        base = self._values()
        unassigned = self._prospect("Nobody's")
        assigned = self._prospect("Rep's, silent", self.rep)
        contacted_unassigned = self._prospect("Called, nobody's")
        self._visit(contacted_unassigned, when="2026-06-02 10:00:00")
        values = self._values()
        gained = {
            key: values[key] - base[key]
            for key in (
                "prospects_never_contacted",
                "prospects_never_contacted_unassigned",
                "prospects_never_contacted_assigned",
                "funnel_unassigned",
                "funnel_never_contacted",
                "prospects_unassigned",
            )
        }
        self.assertEqual(
            gained,
            {
                "prospects_never_contacted": 2,
                "prospects_never_contacted_unassigned": 1,
                "prospects_never_contacted_assigned": 1,
                "funnel_unassigned": 1,
                "funnel_never_contacted": 1,
                "prospects_unassigned": 2,
            },
        )
        self.assertEqual(
            values["prospects_never_contacted"],
            values["prospects_never_contacted_unassigned"]
            + values["prospects_never_contacted_assigned"],
        )
        self.assertEqual(
            values["funnel_unassigned"], values["prospects_never_contacted_unassigned"]
        )
        answers = self._answers()["answers"]
        listed = self._list(answers["prospects_never_contacted"])
        self.assertIn(unassigned, listed)
        self.assertIn(assigned, listed)
        self.assertNotIn(contacted_unassigned, listed)
        self.assertEqual(
            answers["funnel_unassigned"]["label"],
            answers["prospects_never_contacted_unassigned"]["label"],
        )

    def test_follow_up_visits_did_not_turn_into_the_offer(self):
        prospect = self._prospect("Gamma", self.rep)
        first = self._visit(prospect, when="2026-06-03 09:00:00")
        offer = self._offer(prospect, datetime(2026, 6, 3, 15, 0))
        offer.action_quotation_sent()
        offer.visit_ids = first
        follow_up = self._visit(prospect, when="2026-06-10 09:00:00")
        offer.visit_ids |= follow_up
        answers = self._answers(user_ids=[self.rep.id])["answers"]
        self.assertEqual(self._list(answers["visits_with_offer"]), first)
        self.assertEqual(answers["visits_with_offer"]["value"], 1)
        self.assertEqual(answers["visits_done"]["value"], 2)
        self.assertEqual(answers["visit_to_offer_rate"]["value"], 0.5)
        report = self.env["solis.visit.report"].search(
            [("visit_id", "in", (first | follow_up).ids), ("has_offer", "=", True)]
        )
        self.assertEqual(report.visit_id, first, "the pivot counts the same")

    def test_a_renegotiation_chain_is_one_offer(self):
        client = self._prospect("Delta", self.rep)
        first = self._offer(client, datetime(2026, 5, 28, 10, 0))
        first.action_quotation_sent()
        second = self.env["sale.order"].browse(
            first.action_offer_renegotiate()["res_id"]
        )
        second.offer_date = datetime(2026, 6, 5, 10, 0)
        may = self._answers(
            user_ids=[self.rep.id], date_from="2026-05-01", date_to="2026-05-31"
        )["answers"]
        june = self._answers(user_ids=[self.rep.id])["answers"]
        self.assertEqual(
            self._list(may["offers"]), second, "on the first version's day"
        )
        self.assertFalse(self._list(june["offers"]))
        self.assertEqual(may["offers_renegotiated"]["value"], 1)
        second.action_confirm()
        may = self._answers(
            user_ids=[self.rep.id], date_from="2026-05-01", date_to="2026-05-31"
        )["answers"]
        self.assertEqual(may["offers"]["value"], 1)
        self.assertEqual(
            may["offers_ordered"]["value"], 1, "the last version's outcome"
        )
        self.assertEqual(may["offer_to_order_rate"]["value"], 1.0)
        # The renegotiated version cannot come back as a second order.
        with self.assertRaisesMessage(UserError, "renegotiated as"):
            first.action_draft()
        with self.assertRaisesMessage(UserError, "latest version"):
            first.action_confirm()
        self.assertEqual(first.state, "cancel")

    def test_a_lead_is_a_prospect_first_contacted(self):
        old_client = self.env["res.partner"].create(
            {"name": "Bought for years", "is_company": True, "user_id": self.rep.id}
        )
        prospect = self._prospect("New one", self.rep)
        self._visit(old_client, when="2026-06-04 10:00:00")
        self._visit(prospect, when="2026-06-04 11:00:00")
        self._offer(prospect, datetime(2026, 6, 6, 10, 0)).action_confirm()
        self.assertFalse(prospect.is_prospect, "his order made him a client")
        self._visit(prospect, when="2026-06-08 11:00:00")
        leads = self._list(self._answers(user_ids=[self.rep.id])["answers"]["leads"])
        self.assertIn(prospect, leads, "still the lead he was when first contacted")
        self.assertNotIn(old_client, leads)
        answers = self._answers(user_ids=[self.rep.id])["answers"]
        self.assertIn(prospect, self._list(answers["leads_with_offer"]))
        self.assertIn(prospect, self._list(answers["funnel_order"]).partner_id)

    def test_drafts_never_sent_are_not_offers(self):
        client = self._prospect("Epsilon", self.rep)
        draft = self._offer(client, datetime(2026, 6, 2, 10, 0))
        sent = self._offer(client, datetime(2026, 6, 2, 11, 0))
        sent.action_quotation_sent()
        answers = self._answers(user_ids=[self.rep.id])["answers"]
        self.assertEqual(self._list(answers["offers_not_confirmed"]), sent)
        self.assertEqual(self._list(answers["offers"]), sent)
        self.assertEqual(self._list(answers["quotations_not_sent"]), draft)

    def test_same_question_same_number_for_rep_and_lead(self):
        self._prospect("Shared pool")
        self._prospect("Mine", self.rep)
        self._visit(self.client, when="2026-06-02 10:00:00")
        mine = self._answers(user=self.rep)
        asked = self._answers(user=self.sales_manager, user_ids=[self.rep.id])
        for key, answer in mine["answers"].items():
            with self.subTest(answer=key):
                self.assertEqual(answer["value"], asked["answers"][key]["value"])
        self.assertGreaterEqual(mine["answers"]["funnel_unassigned"]["value"], 1)

    def test_each_rule_and_its_negation_split_the_records(self):
        """A rule searched as false finds exactly the records it does not
        hold for (never-contacted clients included, where a date is empty)."""
        self._prospect("Silent", self.rep)
        self._prospect("Nobody's")
        self._visit(self.client, when=datetime.now() - timedelta(days=2))
        self._offer(self.client, datetime(2026, 6, 1)).action_quotation_sent()
        self._offer(self.other_client, datetime(2026, 6, 1))
        self._visit(self.other_client, when="2026-06-02 10:00:00")
        self._visit(
            self.other_client, when="2026-06-03 10:00:00", type_id=self.type_premises.id
        )
        for model in ("res.partner", "sale.order", "solis.visit"):
            Model = self.env[model].with_context(active_test=False)
            everything = Model.search([])
            for rule in Model._solis_rules():
                with self.subTest(rule=rule):
                    holds = Model.search([(rule, "=", True)])
                    fails = Model.search([(rule, "=", False)])
                    self.assertFalse(holds & fails)
                    self.assertEqual(holds | fails, everything)
                    self.assertEqual(Model.search([(rule, "!=", True)]), fails)
                    self.assertTrue(holds, "the story gives each rule a record")

    def test_negations_are_derived_from_the_rules(self):
        """A rule's opposite is made from the rule, term by term, as plain
        conditions that keep the empty values; a term without a plain
        opposite (a path through an optional link) leaves it to the search."""
        Partner, Order = self.env["res.partner"], self.env["sale.order"]
        [(_field, _op, since)] = Partner._solis_rule_domain("is_contacted_30_days")
        self.assertEqual(
            Partner._solis_rule_plain_negation("is_contacted_30_days"),
            ["|", ("last_contact_date", "=", False), ("last_contact_date", "<", since)],
        )
        self.assertEqual(
            Order._solis_rule_plain_negation("is_offer_sent"),
            [
                "&",
                "&",
                ("offer_status_id", "=", False),
                ("state", "not in", ("sent", "sale")),
                ("offer_origin_id", "=", False),
            ],
        )
        self.assertEqual(
            self.env["solis.visit"]._solis_rule_plain_negation("is_in_person"),
            [("type_id.is_in_person", "!=", True)],
        )
        self.assertIsNone(Partner._solis_rule_plain_negation("is_important_client"))

    # ------------------------------------------------------------------
    # One clock
    # ------------------------------------------------------------------
    def test_one_clock_for_every_day_boundary(self):
        """Bucharest is UTC+3 in summer: 00:30 there on 16 May is 21:30 UTC
        on 15 May. Visited on 16 May, the client is visited "in the last 30
        days" on 15 June and covered within a 30-day interval, in every
        answer of the same call."""
        self.env.user.tz = "Europe/Bucharest"
        client_class = self.env["solis.client.class"].create(
            {"name": "Monthly", "is_important": True, "visit_interval_days": 30}
        )
        client = self.env["res.partner"].create(
            {
                "name": "Zeta",
                "is_company": True,
                "user_id": self.rep.id,
                "client_class_id": client_class.id,
            }
        )
        self._visit(client, when="2026-05-15 21:30:00", type_id=self.type_premises.id)
        review = (
            self.env["solis.sales.review"]
            .with_user(self.sales_manager)
            .with_context(solis_today=TODAY, tz="Europe/Bucharest")
        )
        answers = review.get_answers(user_ids=[self.rep.id])["answers"]

        def listed(key):
            model = self.env[answers[key]["model"]].with_context(
                solis_today=TODAY, tz="Europe/Bucharest"
            )
            found = model.search(answers[key]["domain"])
            return found.partner_id if key == "clients_overdue" else found

        self.assertIn(client, listed("important_visited_30_days"))
        self.assertNotIn(client, listed("important_not_visited"))
        self.assertNotIn(client, listed("clients_overdue"))
        a_day_later = review.with_context(solis_today=TODAY + timedelta(days=1))
        later = a_day_later.get_answers(user_ids=[self.rep.id])["answers"]
        overdue = (
            self.env["solis.client.coverage.report"]
            .with_context(solis_today=TODAY + timedelta(days=1), tz="Europe/Bucharest")
            .search(later["clients_overdue"]["domain"])
            .partner_id
        )
        self.assertIn(client, overdue)
        self.assertIn(
            client,
            self.env["res.partner"].search(later["important_not_visited"]["domain"]),
        )

    # ------------------------------------------------------------------
    # Data the company already has
    # ------------------------------------------------------------------
    def test_existing_quotations_get_the_status_their_state_implies(self):
        client = self._prospect("Eta", self.rep)
        draft = self._offer(client, datetime(2026, 6, 1))
        sent = self._offer(client, datetime(2026, 6, 1))
        sent.action_quotation_sent()
        cancelled = self._offer(client, datetime(2026, 6, 1))
        cancelled.action_cancel()
        ordered = self._offer(client, datetime(2026, 6, 1))
        ordered.action_confirm()
        orders = draft | sent | cancelled | ordered
        self.env.flush_all()
        # As before the addon: no status, and the client still a prospect.
        self.env.cr.execute(
            """UPDATE sale_order SET offer_status_id = NULL, offer_status_kind = NULL,
                      rejection_reason_id = NULL WHERE id = ANY(%s)""",
            [orders.ids],
        )
        self.env.cr.execute(
            "UPDATE res_partner SET is_prospect = TRUE WHERE id = %s", [client.id]
        )
        self.env.invalidate_all()
        fill_offer_statuses(self.env.cr)
        unflag_prospects_with_orders(self.env.cr)
        self.env.invalidate_all()
        self.assertEqual(
            [order.offer_status_kind for order in orders],
            [False, "initiated", "rejected", "accepted"],
        )
        self.assertTrue(cancelled.rejection_reason_id)
        self.assertFalse(client.is_prospect)

    # ------------------------------------------------------------------
    # Stored figures stay true
    # ------------------------------------------------------------------
    def _assert_figures_exact(self):
        """The ORM-maintained figures equal a full SQL recomputation."""
        Partner = self.env["res.partner"]
        self.assertEqual(Partner._solis_fill_visit_figures(), 0)
        self.env.flush_all()
        self.assertEqual(fill_offer_stage(self.env), 0)

    def test_figures_follow_every_kind_of_change(self):
        self._visit(
            self.client, when="2026-06-01 10:00:00", type_id=self.type_premises.id
        )
        self._assert_figures_exact()
        self.assertTrue(self.client.last_visit_date)
        self.type_premises.is_in_person = False
        self._assert_figures_exact()
        self.assertFalse(self.client.last_visit_date, "no visit in person left")
        self.type_premises.is_in_person = True
        self.assertEqual(self.client.last_visit_date, datetime(2026, 6, 1, 10, 0))
        # A contact's contact, two levels down.
        assistant = self.env["res.partner"].create(
            {"name": "Assistant", "parent_id": self.client_contact.id}
        )
        self.assertEqual(assistant.commercial_partner_id, self.client)
        self._offer(assistant, datetime(2026, 6, 2)).action_quotation_sent()
        self._assert_figures_exact()
        self.assertEqual(self.client.offer_stage, "offer")
        # A bulk import of visits, as Odoo's import makes them.
        self.env["solis.visit"].load(
            ["partner_id/.id", "visit_date", "type_id/.id", "status_id/.id", "state"],
            [
                [
                    str(self.other_client.id),
                    "2026-06-03 10:00:00",
                    str(self.type_phone.id),
                    str(self.status_contact.id),
                    "done",
                ],
                [
                    str(self.other_client.id),
                    "2026-06-05 10:00:00",
                    str(self.type_premises.id),
                    str(self.status_contact.id),
                    "done",
                ],
            ],
        )
        self._assert_figures_exact()
        self.assertEqual(self.other_client.visit_count, 2)

    def test_a_visit_keeps_the_class_it_was_made_in(self):
        visit = self._visit(self.client, when="2026-06-01 10:00:00")
        self.assertEqual(visit.client_class_id, self.class_a)
        self.client.client_class_id = self.env.ref("solis_sales_process.client_class_c")
        self.assertEqual(visit.client_class_id, self.class_a)
        rows = self._answers(user_ids=[self.rep.id])["visits_by_class"]
        self.assertEqual([row["client_class"] for row in rows], ["A"])

    # ------------------------------------------------------------------
    # Configuration never breaks Odoo
    # ------------------------------------------------------------------
    def test_statuses_and_states_never_contradict(self):
        order = self._offer(self.client, datetime(2026, 6, 1))
        accepted = self.env.ref("solis_sales_process.offer_status_accepted")
        with self.assertRaisesMessage(ValidationError, "cannot be"):
            order.offer_status_id = accepted
        order.action_confirm()
        self.assertEqual(order.offer_status_kind, "accepted")
        self.assertNotIn("rejected", order.allowed_offer_status_ids.mapped("kind"))
        rejected = self.env.ref("solis_sales_process.offer_status_rejected")
        with self.assertRaisesMessage(ValidationError, "cannot be"):
            order.write(
                {
                    "offer_status_id": rejected.id,
                    "rejection_reason_id": self.reason_price.id,
                }
            )

    def test_the_last_status_of_a_kind_stays(self):
        initiated = self.env["solis.offer.status"].search([("kind", "=", "initiated")])
        with self.assertRaisesMessage(UserError, "last active offer status"):
            initiated.action_archive()
        with self.assertRaises(UserError):
            initiated.unlink()
        # Taken out of reach all the same (another company's only): sending
        # and confirming still work, the automatic change is skipped.
        other_company = self.env["res.company"].create({"name": "Elsewhere SRL"})
        (
            initiated
            | self.env["solis.offer.status"].search([("kind", "=", "accepted")])
        ).write({"company_id": other_company.id})
        order = self._offer(self.client, datetime(2026, 6, 1))
        with mute_logger("odoo.addons.solis_sales_process.models.sale_order"):
            order.with_user(self.rep).action_quotation_sent()
            self.assertEqual(order.state, "sent")
            order.with_user(self.rep).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.offer_status_id)

    # ------------------------------------------------------------------
    # The daily e-mail: forgotten means not answered
    # ------------------------------------------------------------------
    def test_a_done_visit_closes_the_follow_ups_it_answers(self):
        asked = self._visit(
            self.client, when="2026-06-01 10:00:00", next_contact_date="2026-06-08"
        )
        later = self._visit(
            self.client, when="2026-06-01 11:00:00", next_contact_date="2026-06-20"
        )
        self._visit(self.client, when="2026-06-09 10:00:00")
        self.assertTrue(asked.is_followup_done)
        self.assertFalse(asked.activity_ids, "the rep sees it closed")
        self.assertFalse(later.is_followup_done, "not due yet: not answered")
        Digest = self.env["solis.sales.digest"]
        values = Digest._digest_values(self.rep, fields.Date.to_date("2026-06-10"))
        self.assertFalse(values["yesterday"] + values["last_week"])
