import random
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form

from ..models.res_partner import fill_offer_stage
from ..models.solis_offer_status import OFFER_STATUS_KINDS
from ..models.solis_visit_import import fill_latest_offer_dates
from .common import SolisCase

JUNE = {"date_from": "2026-06-01", "date_to": "2026-06-30"}


class TestOfferDefinition(SolisCase):
    """A quotation never sent is not an offer, in every answer and screen
    that mentions offers; the Offer Analysis counts offers as the answers
    do (issue #23, points 1 and 2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="UTC"))
        cls.env.user.tz = "UTC"
        cls.product = cls.env["product.product"].create(
            {"name": "Heat pump", "list_price": 1000.0, "taxes_id": False}
        )
        cls.reason_price = cls.env.ref(
            "solis_sales_process.offer_rejection_reason_price"
        )

    def _answers(self, user_ids, date_from, date_to):
        return (
            self.env["solis.sales.review"]
            .with_user(self.sales_manager)
            .with_context(tz="UTC")
            .get_answers(date_from=date_from, date_to=date_to, user_ids=user_ids)
        )

    def _quotation_from(self, visit):
        """A quotation as the visit's New Offer makes it, saved as a draft."""
        context = visit.with_user(self.rep).action_create_offer()["context"]
        form = Form(self.env["sale.order"].with_user(self.rep).with_context(**context))
        with form.order_line.new() as line:
            line.product_id = self.product
        return form.save().sudo()

    def _offer_figures(self, prospect, visit):
        """Everything that says whether the prospect has an offer, as each
        screen shows it."""
        self.env.flush_all()
        self.env.invalidate_all()
        answers = self._answers([self.rep.id], **JUNE)["answers"]
        coverage = self.env["solis.client.coverage.report"].search(
            [("partner_id", "=", prospect.id)]
        )
        visit_row = self.env["solis.visit.report"].search([("visit_id", "=", visit.id)])
        return {
            "offers": answers["offers"]["value"],
            "leads_with_offer": answers["leads_with_offer"]["value"],
            "visits_with_offer": answers["visits_with_offer"]["value"],
            "funnel_offer": answers["funnel_offer"]["value"],
            "has_median": answers["median_days_contact_to_offer"]["value"] is not False,
            "offer_stage": prospect.offer_stage,
            "has_sale_order": prospect.has_sale_order,
            "visit_led_to_offer": visit.is_offer_origin,
            "visit_report_has_offer": visit_row.has_offer,
            "funnel_stage": coverage.funnel_stage,
            "offer_analysis_rows": self.env["solis.offer.report"].search_count(
                [("partner_id", "=", prospect.id)]
            ),
        }

    @staticmethod
    def _expected(has_offer):
        return {
            "offers": int(has_offer),
            "leads_with_offer": int(has_offer),
            "visits_with_offer": int(has_offer),
            "funnel_offer": int(has_offer),
            "has_median": has_offer,
            "offer_stage": "offer" if has_offer else False,
            "has_sale_order": has_offer,
            "visit_led_to_offer": has_offer,
            "visit_report_has_offer": has_offer,
            "funnel_stage": "offer" if has_offer else "contacted",
            "offer_analysis_rows": int(has_offer),
        }

    def _not_sent(self):
        answers = self._answers([self.rep.id], **JUNE)["answers"]
        return answers["quotations_not_sent"]["value"]

    def _is_offer(self, order):
        return bool(
            order.search_count([("id", "=", order.id), ("is_offer_sent", "=", True)])
        )

    # ------------------------------------------------------------------
    # Point 1: a quotation never sent is not an offer, anywhere
    # ------------------------------------------------------------------
    @freeze_time("2026-06-03 15:00:00")
    def test_a_draft_from_a_visit_is_no_offer_until_sent(self):
        prospect = self.env["res.partner"].create(
            {
                "name": "Visited Once",
                "is_company": True,
                "is_prospect": True,
                "user_id": self.rep.id,
            }
        )
        visit = self._visit(prospect, when="2026-06-03 10:00:00")
        draft = self._quotation_from(visit)
        self.assertEqual(draft.visit_ids, visit)
        self.assertEqual(self._offer_figures(prospect, visit), self._expected(False))
        self.assertEqual(self._not_sent(), 1)
        self.assertFalse(visit.latest_offer_date)

        # Mark as Sent: now it is an offer, on every screen at once.
        draft.action_quotation_sent()
        self.assertEqual(self._offer_figures(prospect, visit), self._expected(True))
        self.assertEqual(self._not_sent(), 0)
        answers = self._answers([self.rep.id], **JUNE)["answers"]
        self.assertEqual(answers["median_days_contact_to_offer"]["value"], 0.2)

        # A new draft from the same visit changes nothing but the drafts.
        with freeze_time("2026-06-04 09:00:00"):
            second = self._quotation_from(visit)
        self.assertEqual(self._offer_figures(prospect, visit), self._expected(True))
        self.assertEqual(self._not_sent(), 1)
        self.assertEqual(
            visit.latest_offer_date,
            datetime(2026, 6, 3, 15, 0),
            "the draft made later does not date the visit",
        )

        # Back to draft with Odoo's own button: the screens follow whatever
        # the rule says of it, together.
        draft.action_draft()
        self.assertEqual(
            self._offer_figures(prospect, visit), self._expected(self._is_offer(draft))
        )
        # Back to a draft without an offer status, as an import puts it:
        # no offer left, as before it was sent.
        draft.write({"state": "draft", "offer_status_id": False})
        self.assertFalse(self._is_offer(draft))
        self.assertEqual(self._offer_figures(prospect, visit), self._expected(False))
        self.assertEqual(self._not_sent(), 2)

        # An offer status set on a draft (the kanban, the status bar) makes
        # the draft an offer; a new version of a chain is one too.
        second.action_offer_follow_up()
        self.assertEqual(self._offer_figures(prospect, visit), self._expected(True))
        second.write({"offer_status_id": False})
        self.assertEqual(self._offer_figures(prospect, visit), self._expected(False))

    def test_sql_fills_follow_the_rule(self):
        """The SQL the install and the upgrade run stores what the ORM
        keeps up to date: a draft neither stages a client nor dates a
        visit, whatever was stored before."""
        visit = self._visit(self.client, when="2026-06-03 10:00:00")
        draft = self._quotation_from(visit)
        sent = self._quotation_from(self._visit(self.other_client, user=self.rep))
        sent.action_quotation_sent()
        self.env.flush_all()
        self.assertEqual(fill_offer_stage(self.env), 0)
        self.assertEqual(fill_latest_offer_dates(self.env), 0)
        # What the versions before 18.0.1.7.0 stored: any quotation counted.
        self.env.cr.execute(
            "UPDATE res_partner SET offer_stage = 'offer' WHERE id = %s",
            [self.client.id],
        )
        self.env.cr.execute(
            "UPDATE solis_visit SET latest_offer_date = %s WHERE id = %s",
            [draft.offer_date, visit.id],
        )
        self.assertEqual(fill_offer_stage(self.env), 1)
        self.assertEqual(fill_latest_offer_dates(self.env), 1)
        self.env.invalidate_all()
        self.assertFalse(self.client.offer_stage)
        self.assertFalse(visit.latest_offer_date)
        self.assertEqual(self.other_client.offer_stage, "offer")

    def test_the_rule_in_sql_is_the_rule_searched(self):
        """The SQL the fills and reports read holds for the quotations the
        rule's search finds, in every state and status."""
        orders = self.env["sale.order"]
        for state in ("draft", "sent", "sale", "cancel"):
            for kind in (False, "initiated", "followup", "rejected"):
                order = self.env["sale.order"].create(
                    {"partner_id": self.client.id, "user_id": self.rep.id}
                )
                status = kind and self.env["solis.offer.status"].search(
                    [("kind", "=", kind)], limit=1
                )
                # Every combination, possible or not: the rule's reading of it.
                self.env.cr.execute(
                    "UPDATE sale_order SET state = %s, offer_status_id = %s "
                    "WHERE id = %s",
                    [state, status.id if status else None, order.id],
                )
                orders |= order
        orders.invalidate_recordset()
        Order = self.env["sale.order"]
        searched = Order.search(
            [("id", "in", orders.ids), ("is_offer_sent", "=", True)]
        )
        query = Order._search([("id", "in", orders.ids)])
        self.env.cr.execute(
            query.select(
                "sale_order.id",
                Order._solis_rule_sql("is_offer_sent", "sale_order"),
            )
        )
        in_sql = Order.browse(row[0] for row in self.env.cr.fetchall() if row[1])
        self.assertEqual(in_sql, searched)
        self.assertEqual(
            len(searched), 14, "all but drafts and cancelled without a status"
        )

    def test_open_offer_is_checked_and_shown_by_its_rule(self):
        """The offer buttons' refusal, the follow-ups closed with an offer
        and the form's buttons all mean the rule "open offer": in every
        state and status, an order is refused exactly when a search by the
        rule leaves it out, also before it is saved."""
        Order = self.env["sale.order"]
        orders = Order
        for state in ("draft", "sent", "sale", "cancel"):
            for kind in (False, "initiated", "postponed", "accepted", "rejected"):
                order = Order.create(
                    {"partner_id": self.client.id, "user_id": self.rep.id}
                )
                status = kind and self.env["solis.offer.status"].search(
                    [("kind", "=", kind)], limit=1
                )
                self.env.flush_all()
                self.env.cr.execute(
                    "UPDATE sale_order SET state = %s, offer_status_id = %s, "
                    "offer_status_kind = %s WHERE id = %s",
                    [state, status.id if status else None, kind or None, order.id],
                )
                orders |= order
        orders.invalidate_recordset()
        searched = Order.search(
            [("id", "in", orders.ids), ("is_open_offer", "=", True)]
        )
        self.assertEqual(len(searched), 2 * 3, "drafts and sent, not closed")
        for order in orders:
            with self.subTest(state=order.state, kind=order.offer_status_kind):
                refused = False
                try:
                    order._ensure_open_offer()
                except UserError:
                    refused = True
                self.assertEqual(refused, order not in searched)
                self.assertEqual(order.is_open_offer, order in searched)
                # A form's unsaved copy holds the same values.
                unsaved = Order.new(
                    {"state": order.state, "offer_status_id": order.offer_status_id.id},
                    origin=order,
                )
                self.assertEqual(unsaved.is_open_offer, order in searched)
        form = Order.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("not is_open_offer", form)
        self.assertNotIn("offer_status_kind in ('renegotiated'", form)

    # ------------------------------------------------------------------
    # Point 2: the Offer Analysis counts offers as the answers do
    # ------------------------------------------------------------------
    def test_a_chain_offered_in_may_ordered_in_june(self):
        with freeze_time("2026-05-10 10:00:00"):
            first = self.env["sale.order"].create(
                {
                    "partner_id": self.client.id,
                    "user_id": self.rep.id,
                    "order_line": [(0, 0, {"product_id": self.product.id})],
                }
            )
            first.action_quotation_sent()
        with freeze_time("2026-06-05 10:00:00"):
            second = first.browse(first.action_offer_renegotiate()["res_id"])
        with freeze_time("2026-06-20 10:00:00"):
            second.action_confirm()
        self.env.flush_all()
        Report = self.env["solis.offer.report"].with_user(self.sales_manager)
        rows = Report.search([("partner_id", "=", self.client.id)])
        self.assertEqual(rows.order_id, second, "one offer: its last version")
        self.assertEqual(rows.date, datetime(2026, 5, 10, 10, 0), "offered in May")
        self.assertTrue(rows.is_order)
        self.assertEqual(rows.offer_status_kind, "accepted")
        self.assertTrue(rows.is_renegotiated)
        self.assertEqual(rows.offer_version, 2)
        self.assertAlmostEqual(rows.days_to_order, 41.0, msg="from May's date")
        # The pivot by month: one offer in May, ordered; nothing cancelled.
        groups = Report.read_group(
            [("partner_id", "=", self.client.id)],
            ["__count", "days_to_order"],
            ["date:month", "offer_status_kind"],
            lazy=False,
        )
        self.assertEqual(
            [(g["date:month"], g["offer_status_kind"], g["__count"]) for g in groups],
            [("May 2026", "accepted", 1)],
        )
        may = self._answers([self.rep.id], "2026-05-01", "2026-05-31")["answers"]
        self.assertEqual(may["offers"]["value"], 1)
        self.assertEqual(may["offers_ordered"]["value"], 1)
        self.assertAlmostEqual(may["median_days_offer_to_order"]["value"], 41.0)
        june = self._answers([self.rep.id], **JUNE)["answers"]
        self.assertEqual(june["offers"]["value"], 0)

    def _history(self, count):
        """``count`` quotations of both reps from May to mid-July, each left
        at one of every outcome: drafts, offers in each status, orders,
        renegotiation chains, Odoo's own Cancel."""
        rng = random.Random(23)
        clients = self.client | self.client_contact | self.other_client
        postpone_to = date.today() + timedelta(days=10)
        outcomes = {
            "draft": None,
            "sent": lambda order: None,
            "confirmed": lambda order: order.action_offer_confirm_receipt(),
            "followup": lambda order: order.action_offer_follow_up(),
            "postponed": lambda order: order._postpone_offer(postpone_to),
            "rejected": lambda order: order._reject_offer(self.reason_price),
            "ordered": lambda order: order.action_confirm(),
            "cancelled": lambda order: order._action_cancel(),
        }
        plays = [(False, name) for name in outcomes] + [
            (True, name) for name in ("sent", "ordered", "rejected", "followup")
        ]
        for number in range(count):
            order = self.env["sale.order"].create(
                {
                    "partner_id": rng.choice(clients).id,
                    "user_id": rng.choice(self.rep | self.other_rep).id,
                    "offer_date": datetime(2026, 5, 1, 8, 0)
                    + timedelta(days=rng.randrange(75), hours=rng.randrange(12)),
                    "order_line": [(0, 0, {"product_id": self.product.id})],
                }
            )
            renegotiated, outcome = plays[number % len(plays)]
            if outcome == "draft":
                if number // len(plays) % 2:
                    # A status given to a draft: an offer all the same.
                    order.action_offer_follow_up()
                continue
            order.action_quotation_sent()
            if renegotiated:
                order = order.browse(order.action_offer_renegotiate()["res_id"])
            outcomes[outcome](order)

    def test_offer_analysis_totals_equal_the_answers(self):
        """A small history of every kind of outcome: per rep and period, the
        pivot's totals are the dashboard's."""
        self._history(48)
        reps = self.rep | self.other_rep
        self.env.flush_all()
        Report = self.env["solis.offer.report"].with_user(self.sales_manager)
        kinds = [kind for kind, _label in OFFER_STATUS_KINDS]
        for date_from, date_to in (
            ("2026-05-01", "2026-05-31"),
            ("2026-06-01", "2026-06-30"),
            ("2026-05-01", "2026-07-31"),
        ):
            for rep in reps:
                answers = self._answers([rep.id], date_from, date_to)["answers"]
                domain = [
                    ("user_id", "=", rep.id),
                    ("date", ">=", date_from),
                    ("date", "<", date.fromisoformat(date_to) + timedelta(days=1)),
                ]
                rows = Report.search(domain)
                pivot = {
                    group["offer_status_kind"]: group["__count"]
                    for group in Report.read_group(
                        domain, ["__count"], ["offer_status_kind"], lazy=False
                    )
                }
                totals = {
                    "offers": len(rows),
                    "offers_ordered": len(rows.filtered("is_order")),
                    "offers_renegotiated": len(rows.filtered("is_renegotiated")),
                    **{
                        f"offers_{kind}": pivot.get(kind, 0)
                        for kind in kinds
                        if kind != "renegotiated"
                    },
                }
                with self.subTest(period=date_from, rep=rep.name):
                    self.assertTrue(totals["offers"], "the history has offers here")
                    self.assertEqual(
                        totals, {key: answers[key]["value"] for key in totals}
                    )
                    self.assertEqual(sum(pivot.values()), answers["offers"]["value"])
                    listed = self.env["sale.order"].search(answers["offers"]["domain"])
                    self.assertEqual(rows.order_id, listed, "the same offers")
