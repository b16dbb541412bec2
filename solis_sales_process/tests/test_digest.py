from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from ..models.solis_sales_digest import SolisSalesDigest
from .common import SolisCase


class TestDigest(SolisCase):
    """The daily e-mail, with the time frozen on Tuesday 10 March 2026."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep.tz = "Europe/Bucharest"
        cls.other_rep.tz = "UTC"
        cls.Digest = cls.env["solis.sales.digest"]
        # Only this story's reps receive e-mails here.
        cls.env["res.users"].search(
            [("id", "not in", (cls.rep | cls.other_rep).ids)]
        ).is_sales_digest_enabled = False
        cls.client.phone = "+40 21 000 0001"
        cls._visit(
            cls.client,
            when="2026-03-02 09:00:00",
            next_contact_date="2026-03-10",
            next_contact_note="Ask about the tender",
        )
        cls._visit(
            cls.client,
            when="2026-03-02 10:00:00",
            next_contact_date="2026-03-09",
            next_contact_note="Send the catalogue",
            contact_id=cls.client_contact.id,
        )
        cls._visit(
            cls.client,
            when="2026-03-02 11:00:00",
            next_contact_date="2026-03-06",
            next_contact_note="Call back after holiday",
        )
        cls._visit(
            cls.client,
            when="2026-02-20 11:00:00",
            next_contact_date="2026-02-25",
            next_contact_note="Too old to remind",
        )
        cls._visit(
            cls.client,
            when="2026-03-10 10:00:00",
            state="planned",
            name="Demo at the warehouse",
        )
        cls.mails_before = cls.env["mail.mail"].search([]).ids

    def _new_mails(self):
        return self.env["mail.mail"].search(
            [("id", "not in", self.mails_before), ("subject", "like", "Your clients")]
        )

    @freeze_time("2026-03-10 06:00:00")
    def test_content_of_a_reps_day(self):
        values = self.Digest._digest_values(self.rep, date(2026, 3, 10))
        today = [(row["client"], row["what"]) for row in values["today"]]
        self.assertEqual(
            sorted(today),
            [
                ("Alpha Industries", "Ask about the tender"),
                ("Alpha Industries", "Demo at the warehouse"),
            ],
        )
        self.assertEqual(
            [
                (row["what"], row["contact"], row["days_late"])
                for row in values["yesterday"]
            ],
            [("Send the catalogue", "Ana Pop", 1)],
        )
        self.assertEqual(
            [(row["what"], row["days_late"]) for row in values["last_week"]],
            [("Call back after holiday", 4)],
        )
        self.assertEqual(values["today"][0]["phone"], "+40 21 000 0001")
        self.assertIn("/mail/view?model=solis.visit&res_id=", values["today"][0]["url"])
        self.assertEqual(
            values["important_overdue"], 1, "class A client, not visited in person"
        )

    def test_today_is_the_reps_own_day(self):
        with freeze_time("2026-03-09 22:30:00"):
            self.assertEqual(self.Digest._user_today(self.rep), date(2026, 3, 10))
            self.assertEqual(self.Digest._user_today(self.other_rep), date(2026, 3, 9))
        # A visit planned at 00:30 in Bucharest is on the 10th there, the 9th in UTC.
        self._visit(
            self.client, when="2026-03-09 22:30:00", state="planned", name="Early call"
        )
        values = self.Digest._digest_values(self.rep, date(2026, 3, 10))
        self.assertIn("Early call", [row["what"] for row in values["today"]])

    @freeze_time("2026-03-10 06:00:00")
    def test_cron_queues_one_mail_per_rep_once_a_day(self):
        self.Digest._cron_send_sales_digest()
        mails = self._new_mails()
        self.assertEqual(len(mails), 1, "the other rep has nothing to do")
        self.assertEqual(mails.state, "outgoing")
        self.assertEqual(mails.recipient_ids, self.rep.partner_id)
        self.assertIn("Ask about the tender", mails.body_html)
        self.assertIn("Send the catalogue", mails.body_html)
        self.assertNotIn("Too old to remind", mails.body_html)
        self.assertEqual(self.rep.sales_digest_date, date(2026, 3, 10))
        self.Digest._cron_send_sales_digest()
        self.assertEqual(self._new_mails(), mails, "a second run sends nothing twice")

    @freeze_time("2026-03-10 06:00:00")
    def test_opted_out_rep_and_disabled_digest_get_nothing(self):
        self.rep.with_user(self.rep).is_sales_digest_enabled = False
        self.Digest._cron_send_sales_digest()
        self.assertFalse(self._new_mails())
        self.rep.is_sales_digest_enabled = True
        self.env["ir.config_parameter"].set_param(
            "solis_sales_process.digest_enabled", False
        )
        self.Digest._cron_send_sales_digest()
        self.assertFalse(self._new_mails())

    @freeze_time("2026-03-10 06:00:00")
    def test_admin_chooses_the_important_clients_line(self):
        _values, _subject, body = self.Digest._render(self.rep, date(2026, 3, 10))
        self.assertIn(
            "1 important client has not been visited within the interval of his class.",
            body,
        )
        self.env["ir.config_parameter"].set_param(
            "solis_sales_process.digest_important_clients", False
        )
        _values, _subject, body = self.Digest._render(self.rep, date(2026, 3, 10))
        self.assertNotIn("important client", body)

    @freeze_time("2026-03-10 06:00:00")
    def test_one_reps_failure_leaves_the_others_mails_queued(self):
        self._visit(
            self.other_client,
            user=self.other_rep,
            when="2026-03-01 09:00:00",
            next_contact_date="2026-03-10",
            next_contact_note="Other rep's call",
        )
        original = SolisSalesDigest._send

        def failing_send(digest, user, day):
            if user == self.rep:
                raise ValueError("broken data")
            return original(digest, user, day)

        with (
            patch.object(SolisSalesDigest, "_send", failing_send),
            mute_logger("odoo.addons.solis_sales_process.models.solis_sales_digest"),
        ):
            self.Digest._cron_send_sales_digest()
        mails = self._new_mails()
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.other_rep.partner_id)
        self.assertIn("Beta Trading", mails.body_html)

    @freeze_time("2026-03-10 06:00:00")
    def test_batches_resume_without_sending_twice(self):
        self._visit(
            self.other_client,
            user=self.other_rep,
            when="2026-03-01 09:00:00",
            next_contact_date="2026-03-10",
        )
        self.Digest._cron_send_sales_digest(batch_size=1)
        self.assertEqual(len(self._new_mails()), 1)
        self.Digest._cron_send_sales_digest(batch_size=1)
        self.assertEqual(len(self._new_mails()), 2)
        self.Digest._cron_send_sales_digest(batch_size=1)
        self.assertEqual(len(self._new_mails()), 2)

    @freeze_time("2026-03-10 06:00:00")
    def test_mail_in_the_reps_language(self):
        self.env["res.lang"]._activate_lang("ro_RO")
        self.env["ir.module.module"]._load_module_terms(
            ["solis_sales_process"], ["ro_RO"]
        )
        self.rep.lang = "ro_RO"
        _values, subject, body = self.Digest._render(self.rep, date(2026, 3, 10))
        self.assertIn("Clienții", subject)
        self.assertIn("Ask about the tender", body)
        self.assertIn("Contactați azi", body)
        # The count and its words agree, in the rep's language.
        self.assertIn(
            "1 client important nu a fost vizitat în intervalul clasei sale.", body
        )

    def test_manager_previews_a_reps_mail_without_sending(self):
        preview = (
            self.env["solis.sales.digest.preview"]
            .with_user(self.sales_manager)
            .create({"user_id": self.rep.id, "date": "2026-03-10"})
        )
        self.assertTrue(preview.has_content)
        self.assertIn("Ask about the tender", preview.body_html)
        self.assertIn("10", preview.subject)
        self.assertFalse(self._new_mails())
        other_preview = self.env["solis.sales.digest.preview"].with_user(self.other_rep)
        with self.assertRaises(AccessError):
            other_preview.create({"user_id": self.rep.id, "date": "2026-03-10"}).read(
                ["body_html"]
            )
