import importlib.util
from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tools.misc import file_path
from odoo.tools.safe_eval import safe_eval

from .common import SolisCase


@freeze_time("2026-03-10 10:00:00")
class TestOfferPaths(SolisCase):
    """Whichever of Odoo's buttons a user presses on an offer, it ends in a
    status the answers count right."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Shelving", "list_price": 50.0, "type": "consu", "taxes_id": False}
        )
        ref = cls.env.ref
        cls.reason_other = ref("solis_sales_process.offer_rejection_reason_other")
        cls.reason_price = ref("solis_sales_process.offer_rejection_reason_price")
        cls.status = {
            kind: ref(f"solis_sales_process.offer_status_{kind}")
            for kind in (
                "initiated",
                "confirmed",
                "followup",
                "postponed",
                "rejected",
                "renegotiated",
            )
        }

    def _quotation(self):
        return (
            self.env["sale.order"]
            .with_user(self.rep)
            .create(
                {
                    "partner_id": self.client.id,
                    "user_id": self.rep.id,
                    "order_line": [
                        (0, 0, {"product_id": self.product.id, "product_uom_qty": 2})
                    ],
                }
            )
        )

    def _offer(self, kind="initiated"):
        offer = self._quotation()
        offer.action_quotation_sent()
        if kind == "confirmed":
            offer.action_offer_confirm_receipt()
        elif kind == "followup":
            offer.action_offer_follow_up()
        elif kind == "postponed":
            offer._postpone_offer(date(2026, 4, 1))
        self.assertEqual(offer.offer_status_kind, kind)
        return offer

    def _cancel_with_odoos_wizard(self, offer):
        action = offer.action_cancel()
        self.assertEqual(action["res_model"], "sale.order.cancel", "a sent quotation")
        wizard = (
            self.env["sale.order.cancel"]
            .with_user(self.rep)
            .with_context(**action["context"])
            .create({})
        )
        wizard.action_cancel()

    def assertRejectedForOtherReasons(self, offer):
        self.assertEqual(offer.state, "cancel")
        self.assertEqual(offer.offer_status_kind, "rejected")
        self.assertEqual(offer.rejection_reason_id, self.reason_other)
        self.assertFalse(offer.is_open_offer)
        self.assertIn(
            "counts as rejected for “Other reasons”",
            offer.message_ids[:1].body,
            "the chatter says why the offer is rejected",
        )

    # ------------------------------------------------------------------
    # Odoo's Cancel (point 3)
    # ------------------------------------------------------------------
    def test_every_cancel_of_an_open_offer_rejects_it(self):
        paths = {
            "Cancel, then the wizard's Cancel": self._cancel_with_odoos_wizard,
            "action_cancel without the wizard": lambda offer: offer.with_context(
                disable_cancel_warning=True
            ).action_cancel(),
            "_action_cancel (the portal's Decline)": lambda offer: (
                offer.sudo()._action_cancel()
            ),
            "a write of the state": lambda offer: offer.write({"state": "cancel"}),
        }
        for kind in ("initiated", "confirmed", "followup", "postponed"):
            for path, cancel in paths.items():
                with self.subTest(kind=kind, path=path):
                    offer = self._offer(kind)
                    cancel(offer.with_user(self.rep))
                    self.assertRejectedForOtherReasons(offer)

    def test_cancelling_a_quotation_never_sent_only_cancels_it(self):
        quotation = self._quotation()
        self.assertFalse(quotation.is_offer_sent)
        quotation.action_cancel()
        self.assertEqual(quotation.state, "cancel")
        self.assertFalse(quotation.offer_status_id, "never an offer")
        self.assertFalse(quotation.rejection_reason_id)

    def test_cancelling_a_new_version_not_sent_yet_rejects_the_offer(self):
        offer = self._offer()
        action = offer.action_offer_renegotiate()
        second = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(offer.offer_status_kind, "renegotiated", "kept as it was")
        self.assertFalse(second.offer_status_id)
        self.assertTrue(second.is_open_offer and second.is_offer_sent)
        second.with_user(self.rep).action_cancel()
        self.assertRejectedForOtherReasons(second)

    def test_reject_keeps_its_reason_and_says_nothing_of_other_reasons(self):
        offer = self._offer("followup")
        self.env["solis.offer.reject"].with_user(self.rep).create(
            {
                "order_ids": [(6, 0, offer.ids)],
                "rejection_reason_id": self.reason_price.id,
            }
        ).action_reject()
        self.assertEqual(offer.state, "cancel")
        self.assertEqual(offer.offer_status_kind, "rejected")
        self.assertEqual(offer.rejection_reason_id, self.reason_price)
        self.assertFalse(
            offer.message_ids.filtered(lambda m: "Other reasons" in (m.body or ""))
        )

    def test_a_cancelled_offer_is_never_left_open(self):
        offer = self._offer()
        with self.assertRaisesMessage(ValidationError, "cannot be “Initiated”"):
            offer.write(
                {"state": "cancel", "offer_status_id": offer.offer_status_id.id}
            )
        self.assertEqual(offer.state, "sent")

    def test_set_to_quotation_reopens_the_offer(self):
        offer = self._offer("followup")
        self._cancel_with_odoos_wizard(offer)
        self.assertEqual(offer.offer_status_kind, "rejected")
        offer.with_user(self.rep).action_draft()
        self.assertEqual(offer.state, "draft")
        self.assertEqual(offer.offer_status_kind, "initiated")
        self.assertFalse(offer.rejection_reason_id)
        self.assertTrue(offer.is_open_offer and offer.is_offer_sent)
        self.assertTrue(offer.is_offer_statusbar_shown)
        quotation = self._quotation()
        quotation.action_cancel()
        quotation.action_draft()
        self.assertFalse(quotation.offer_status_id, "still never sent")

    # ------------------------------------------------------------------
    # The offer's status bar (points 4 and 5)
    # ------------------------------------------------------------------
    def _statusbar_statuses(self, offer):
        """The statuses the quotation's status bar shows, searched as Odoo's
        status bar widget does: the current one or those of its domain."""
        arch = offer.get_views([(False, "form")])["views"]["form"]["arch"]
        node = etree.fromstring(arch).xpath(
            "//header/field[@name='offer_status_id'][@widget='statusbar']"
        )[0]
        domain = safe_eval(
            node.get("domain"),
            {"allowed_offer_status_ids": offer.allowed_offer_status_ids.ids},
        )
        return self.env["solis.offer.status"].search(
            ["|", ("id", "=", offer.offer_status_id.id), *domain]
        )

    def test_status_bar_offers_no_status_that_needs_a_dialog(self):
        offer = self._offer("followup")
        clickable = self._statusbar_statuses(offer)
        self.assertEqual(
            set(clickable.mapped("kind")), {"initiated", "confirmed", "followup"}
        )
        postponed = self._offer("postponed")
        self.assertIn(
            self.status["postponed"],
            self._statusbar_statuses(postponed),
            "the current status shows",
        )

    def test_an_archived_status_still_shows_on_the_offer(self):
        waiting = self.env["solis.offer.status"].create(
            {"name": "Waiting for the budget", "kind": "followup", "sequence": 35}
        )
        offer = self._offer()
        offer.offer_status_id = waiting
        waiting.active = False
        self.assertEqual(offer.offer_status_id, waiting)
        self.assertIn(waiting, self._statusbar_statuses(offer))
        self.assertNotIn(
            waiting, self._statusbar_statuses(self._offer()), "nor offered to others"
        )

    def test_postponed_by_a_write_asks_for_its_day_and_reminds_the_rep(self):
        offer = self._offer("followup").with_user(self.rep)
        with self.assertRaisesMessage(ValidationError, "without the day"):
            offer.write({"offer_status_id": self.status["postponed"].id})
        with self.assertRaisesMessage(ValidationError, "after today"):
            offer.write(
                {
                    "offer_status_id": self.status["postponed"].id,
                    "postponed_until": "2026-03-01",
                }
            )
        self.assertEqual(offer.offer_status_kind, "followup")
        offer.write(
            {
                "offer_status_id": self.status["postponed"].id,
                "postponed_until": "2026-05-04",
            }
        )
        self.assertEqual(offer.offer_status_kind, "postponed")
        self.assertEqual(offer.postponed_until, date(2026, 5, 4))
        reminder = offer.activity_ids.filtered(
            lambda activity: (
                activity.activity_type_id
                == self.env.ref("solis_sales_process.mail_activity_type_offer_followup")
            )
        )
        self.assertEqual(reminder.date_deadline, date(2026, 5, 4))
        self.assertEqual(reminder.user_id, self.rep)
        with self.assertRaisesMessage(ValidationError, "say until when"):
            offer.postponed_until = False

    def _offer_followups(self, offer):
        followup_type = self.env.ref(
            "solis_sales_process.mail_activity_type_offer_followup"
        )
        return offer.activity_ids.filtered(
            lambda activity: activity.activity_type_id == followup_type
        )

    def _my_day_offers(self, day):
        my_day = self.env["solis.my.day"].with_user(self.rep)
        items = my_day.with_context(solis_today=day).get_my_day()["items"]
        return {item["res_id"] for item in items if item["res_model"] == "sale.order"}

    def test_a_closed_offer_leaves_no_reminder_to_take_it_up(self):
        rejected, ordered, taken_up = (self._offer("postponed") for _i in range(3))
        for offer in (rejected, ordered, taken_up):
            self.assertTrue(self._offer_followups(offer))
        self.assertEqual(
            self._my_day_offers("2026-04-01"),
            {*rejected.ids, *ordered.ids, *taken_up.ids},
        )
        rejected.with_user(self.rep)._reject_offer(self.reason_price)
        ordered.with_user(self.rep).action_confirm()
        taken_up.with_user(self.rep).action_offer_follow_up()
        self.assertFalse(self._offer_followups(rejected))
        self.assertFalse(self._offer_followups(ordered))
        # Still open: its rep still has to take it up.
        self.assertTrue(self._offer_followups(taken_up))
        self.assertEqual(self._my_day_offers("2026-04-01"), set(taken_up.ids))

    def test_the_day_to_take_up_an_offer_goes_with_its_postponement(self):
        offer = self._offer("postponed").with_user(self.rep)
        self.assertEqual(offer.postponed_until, date(2026, 4, 1))
        offer.action_offer_follow_up()
        self.assertFalse(offer.postponed_until)
        waiting = self.env["solis.sales.digest"]._waiting_offers_domain(
            self.rep, date(2026, 4, 2)
        )
        self._offer_followups(offer).action_feedback()
        self.assertNotIn(offer, self.env["sale.order"].search(waiting))

    def test_a_postponed_offer_is_never_created_without_its_day(self):
        with self.assertRaisesMessage(ValidationError, "say until when"):
            self.env["sale.order"].create(
                {
                    "partner_id": self.client.id,
                    "offer_status_id": self.status["postponed"].id,
                }
            )

    def test_rejected_by_a_write_needs_the_cancel_and_the_reason(self):
        offer = self._offer()
        with self.assertRaisesMessage(ValidationError, "cannot be “Rejected”"):
            offer.write(
                {
                    "offer_status_id": self.status["rejected"].id,
                    "rejection_reason_id": self.reason_price.id,
                }
            )
        with self.assertRaisesMessage(ValidationError, "say why"):
            offer.write(
                {"state": "cancel", "offer_status_id": self.status["rejected"].id}
            )
        self.assertEqual(offer.offer_status_kind, "initiated")

    def test_upgrade_rejects_the_offers_cancelled_and_left_open(self):
        left_open = self._offer("followup")
        never_sent = self._quotation()
        never_sent.action_cancel()
        self.env.flush_all()
        # As before 18.0.1.7.0: cancelled, still "In follow-up".
        self.env.cr.execute(
            "UPDATE sale_order SET state = 'cancel' WHERE id = %s", [left_open.id]
        )
        path = file_path("solis_sales_process/migrations/18.0.1.7.0/post-quotation.py")
        spec = importlib.util.spec_from_file_location("post_quotation", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.6.0")
        self.env.invalidate_all()
        self.assertEqual(left_open.offer_status_kind, "rejected")
        self.assertEqual(left_open.offer_status_id, self.status["rejected"])
        self.assertEqual(left_open.rejection_reason_id, self.reason_other)
        self.assertFalse(never_sent.offer_status_id, "never an offer")
