from datetime import datetime

from freezegun import freeze_time

from odoo.tests import Form

from ..models.res_partner import fill_offer_stage
from ..models.solis_visit import fill_latest_offer_dates
from .common import SolisCase

JUNE = {"date_from": "2026-06-01", "date_to": "2026-06-30"}


class TestOfferDefinition(SolisCase):
    """A quotation never sent is not an offer, in every answer and screen
    that mentions offers (issue #23, point 1)."""

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
        form = Form(self.env["sale.order"].with_user(self.rep).with_context(context))
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
