from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form

from ..models.sale_order import fill_offer_dates
from .common import SolisCase


class TestOffer(SolisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {
                "name": "Pallet racking",
                "list_price": 100.0,
                "type": "consu",
                "taxes_id": False,
            }
        )
        cls.reason_price = cls.env.ref(
            "solis_sales_process.offer_rejection_reason_price"
        )

    def _offer(self, partner=None, user=None, price=100.0, **values):
        return self.env["sale.order"].create(
            {
                "partner_id": (partner or self.client).id,
                "user_id": (user or self.rep).id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": 10,
                            "price_unit": price,
                        },
                    )
                ],
                **values,
            }
        )

    def test_offer_created_from_a_visit_carries_client_rep_and_link(self):
        visit = self._visit(self.client, contact_id=self.client_contact.id)
        action = visit.with_user(self.rep).action_create_offer()
        env = self.env(user=self.rep, context=action["context"])
        with Form(env["sale.order"]) as form:
            with form.order_line.new() as line:
                line.product_id = self.product
        offer = form.record
        self.assertEqual(offer.partner_id, self.client_contact)
        self.assertEqual(offer.user_id, self.rep)
        self.assertEqual(offer.visit_ids, visit)
        self.assertEqual(visit.offer_ids, offer)
        self.assertEqual(visit.offer_count, 1)
        self.assertFalse(offer.offer_status_id, "not sent yet")

    def test_offer_cannot_be_linked_to_another_clients_visit(self):
        foreign_visit = self._visit(self.other_client, user=self.other_rep)
        offer = self._offer()
        with self.assertRaisesMessage(ValidationError, "cannot be linked"):
            offer.visit_ids = foreign_visit
        with self.assertRaisesMessage(ValidationError, "cannot be linked"):
            foreign_visit.offer_ids = offer
        own_visit = self._visit(self.client)
        own_visit.offer_ids = offer
        self.assertEqual(offer.visit_ids, own_visit)

    def test_sending_by_email_sets_initiated(self):
        offer = self._offer()
        offer.with_context(mark_so_as_sent=True).message_post(body="Your quotation")
        self.assertEqual(offer.state, "sent")
        self.assertEqual(offer.offer_status_kind, "initiated")

    def test_mark_as_sent_sets_initiated(self):
        offer = self._offer()
        offer.action_quotation_sent()
        self.assertEqual(offer.offer_status_kind, "initiated")

    def test_portal_view_sets_confirmed(self):
        offer = self._offer()
        offer.action_quotation_sent()
        offer.sudo().message_post(
            body="Quotation viewed by customer",
            message_type="notification",
            subtype_xmlid="sale.mt_order_viewed",
        )
        self.assertEqual(offer.offer_status_kind, "confirmed")

    def test_rep_confirms_receipt_and_follows_up(self):
        offer = self._offer()
        offer.with_user(self.rep).action_offer_confirm_receipt()
        self.assertEqual(offer.offer_status_kind, "confirmed")
        offer.with_user(self.rep).action_offer_follow_up()
        self.assertEqual(offer.offer_status_kind, "followup")

    def test_confirming_the_order_accepts_the_offer_and_the_prospect(self):
        self.client.is_prospect = True
        offer = self._offer()
        offer.action_quotation_sent()
        offer.with_user(self.rep).action_confirm()
        self.assertEqual(offer.state, "sale")
        self.assertEqual(offer.offer_status_kind, "accepted")
        self.assertFalse(self.client.is_prospect)
        with self.assertRaisesMessage(UserError, "no longer an open offer"):
            offer.action_offer_follow_up()

    def test_rejection_needs_a_reason_exactly_for_the_rejected_kind(self):
        offer = self._offer()
        rejected = self.env.ref("solis_sales_process.offer_status_rejected")
        with self.assertRaisesMessage(ValidationError, "cannot be “Rejected”"):
            offer.offer_status_id = rejected
        offer.action_cancel()
        with self.assertRaisesMessage(ValidationError, "say why"):
            offer.offer_status_id = rejected
        offer.action_draft()
        wizard = (
            self.env["solis.offer.reject"]
            .with_user(self.rep)
            .create(
                {
                    "order_ids": [(6, 0, offer.ids)],
                    "rejection_reason_id": self.reason_price.id,
                    "note": "Competitor 8% cheaper",
                }
            )
        )
        wizard.action_reject()
        self.assertEqual(offer.offer_status_kind, "rejected")
        self.assertEqual(offer.rejection_reason_id, self.reason_price)
        self.assertEqual(offer.state, "cancel", "a rejected quotation is cancelled")
        self.assertEqual(offer.amount_total, 1000.0, "and stays readable")
        self.assertIn("Competitor 8% cheaper", offer.message_ids[0].body)
        with self.assertRaisesMessage(ValidationError, "cannot be “In follow-up”"):
            offer.offer_status_id = self.env.ref(
                "solis_sales_process.offer_status_followup"
            )
        offer.action_draft()
        self.assertEqual(offer.offer_status_kind, "initiated", "open again")
        self.assertFalse(offer.rejection_reason_id, "no reason outside rejection")

    @freeze_time("2026-03-10")
    def test_postponed_offer_plans_the_follow_up_for_the_rep(self):
        offer = self._offer()
        wizard = (
            self.env["solis.offer.postpone"]
            .with_user(self.rep)
            .create(
                {
                    "order_ids": [(6, 0, offer.ids)],
                    "postponed_until": "2026-04-15",
                    "note": "Budget approved in April",
                }
            )
        )
        wizard.action_postpone()
        self.assertEqual(offer.offer_status_kind, "postponed")
        self.assertEqual(offer.postponed_until, date(2026, 4, 15))
        activity_type = self.env.ref(
            "solis_sales_process.mail_activity_type_offer_followup"
        )
        activity = offer.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertEqual(activity.date_deadline, date(2026, 4, 15))
        self.assertEqual(activity.user_id, self.rep)
        self.assertEqual(activity.summary, "Budget approved in April")
        with self.assertRaisesMessage(ValidationError, "after today"):
            self.env["solis.offer.postpone"].create(
                {"order_ids": [(6, 0, offer.ids)], "postponed_until": "2026-03-10"}
            )

    def test_renegotiation_keeps_both_versions_linked(self):
        visit = self._visit(self.client)
        first = self._offer(visit_ids=[(6, 0, visit.ids)])
        first.action_quotation_sent()
        action = first.with_user(self.rep).action_offer_renegotiate()
        second = self.env["sale.order"].browse(action["res_id"])
        self.assertNotEqual(second, first)
        self.assertEqual(first.offer_status_kind, "renegotiated")
        self.assertEqual(first.state, "cancel")
        self.assertEqual(second.state, "draft")
        self.assertEqual(second.previous_offer_id, first)
        self.assertEqual(second.offer_version, 2)
        self.assertEqual(second.visit_ids, visit)
        self.assertEqual(len(second.order_line), 1)
        second.order_line.price_unit = 90.0
        self.assertEqual(second.amount_change, -100.0)
        third = self.env["sale.order"].browse(
            second.action_offer_renegotiate()["res_id"]
        )
        self.assertEqual(third.offer_version, 3)
        self.assertEqual(third.offer_origin_id, first)
        chain = [first, second, third]
        for version in chain:
            self.assertEqual(
                version.offer_version_ids.sorted("offer_version").ids,
                [v.id for v in chain],
            )
        with self.assertRaisesMessage(UserError, "no longer an open offer"):
            first.action_offer_renegotiate()

    def test_offer_status_in_use_cannot_be_deleted(self):
        offer = self._offer()
        offer.action_offer_follow_up()
        with self.assertRaisesMessage(UserError, "Archive it instead"):
            offer.offer_status_id.unlink()

    def test_offers_made_before_the_addon_are_dated_when_created(self):
        """What the install and the 18.0.1.2.0 upgrade run on the quotations
        already there: each gets its creation date as offer date, or its
        order date when a bulk import left the creation date empty."""
        created, imported, dated = self._offer(), self._offer(), self._offer()
        self.env.flush_all()
        # As before the upgrade: the column there, still empty (rolled back).
        self.env.cr.execute("ALTER TABLE sale_order ALTER offer_date DROP NOT NULL")
        self.env.cr.execute(
            """UPDATE sale_order SET offer_date = NULL,
                      create_date = '2024-05-06 07:08:09',
                      date_order = '2024-05-01 10:00:00'
                WHERE id IN %s""",
            [(created.id, imported.id)],
        )
        self.env.cr.execute(
            "UPDATE sale_order SET create_date = NULL WHERE id = %s", [imported.id]
        )
        before = dated.offer_date
        self.assertEqual(fill_offer_dates(self.env.cr), 2)
        self.env.invalidate_all()
        self.assertEqual(str(created.offer_date), "2024-05-06 07:08:09")
        self.assertEqual(str(imported.offer_date), "2024-05-01 10:00:00")
        self.assertEqual(dated.offer_date, before, "an offer date is never replaced")
