from datetime import date
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2.extras import Json

from odoo.exceptions import AccessError
from odoo.modules.migration import load_script
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
            [("Call back after holiday", 4), ("Too old to remind", 13)],
        )
        self.assertEqual(values["today"][0]["phone"], "+40 21 000 0001")
        self.assertIn("/mail/view?model=solis.visit&res_id=", values["today"][0]["url"])
        self.assertEqual(
            values["important_overdue"], 1, "class A client, not visited in person"
        )

    @freeze_time("2026-03-10 06:00:00")
    def test_important_overdue_clients_are_the_client_rules(self):
        """The e-mail counts the rep's important clients overdue by the
        client's rules, on his own day: the coverage report's rows say the
        same, a client archived or made a contact leaves both."""
        Coverage = self.env["solis.client.coverage.report"]
        late = self.env["res.partner"].create(
            {
                "name": "Late Company",
                "is_company": True,
                "user_id": self.rep.id,
                "client_class_id": self.client.client_class_id.id,
            }
        )
        self.assertTrue(self.client.client_class_id.is_important)
        day = date(2026, 3, 10)
        for change in (None, {"active": False}, {"parent_id": self.client.id}):
            if change:
                late.write(change)
            with self.subTest(change=change):
                values = self.Digest._digest_values(self.rep, day)
                own_day = self.env["res.partner"].with_context(
                    solis_today=day, tz=self.rep.tz
                )
                self.assertEqual(
                    values["important_overdue"],
                    own_day.search_count(
                        self.Digest._important_overdue_domain(self.rep)
                    ),
                )
                self.assertEqual(
                    values["important_overdue"],
                    Coverage.with_context(solis_today=day, tz=self.rep.tz).search_count(
                        [
                            ("user_id", "=", self.rep.id),
                            ("is_important", "=", True),
                            ("is_overdue", "=", True),
                        ]
                    ),
                )
                self.assertEqual(values["important_overdue"], 2 if not change else 1)

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
    def test_the_mail_lists_what_my_day_lists(self):
        """Issue #23, point 7: the same follow-ups and planned visits are due,
        and as late, on My Day and in the e-mail, however late."""
        day = date(2026, 3, 10)
        product = self.env["product.product"].create({"name": "Panel"})
        offer = self.env["sale.order"].create(
            {
                "partner_id": self.client_contact.id,
                "user_id": self.rep.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        offer.action_quotation_sent()
        with freeze_time("2026-02-20 09:00:00"):
            offer.with_user(self.rep)._postpone_offer(
                date(2026, 2, 27), "Ask again about the budget"
            )
        self._visit(
            self.client, when="2026-02-16 10:00:00", state="planned", name="Forgot"
        )
        values = self.Digest._digest_values(self.rep, day)
        mailed = {
            (row["res_model"], row["res_id"], row["days_late"])
            for section in ("today", "yesterday", "last_week")
            for row in values[section]
        }
        my_day = (
            self.env["solis.my.day"]
            .with_user(self.rep)
            .with_context(tz=self.rep.tz)
            .get_my_day()
        )
        listed = {
            (item["res_model"], item["res_id"], item["days_late"])
            for item in my_day["items"]
        }
        self.assertEqual(mailed, listed)
        self.assertIn(("sale.order", offer.id, 11), listed)
        earlier = {row["what"]: row["days_late"] for row in values["last_week"]}
        self.assertEqual(
            earlier,
            {
                "Call back after holiday": 4,
                "Too old to remind": 13,
                "Ask again about the budget": 11,
                "Forgot": 22,
            },
        )
        offer_item = next(i for i in my_day["items"] if i["kind"] == "offer_followup")
        self.assertEqual(
            (offer_item["what"], offer_item["contact"], offer_item["visit_id"]),
            ("Ask again about the budget", "Ana Pop", False),
        )
        self.assertEqual(offer_item["client"]["name"], "Alpha Industries")

    @freeze_time("2026-03-10 06:00:00")
    def test_upgrade_gives_each_language_the_earlier_section(self):
        script = load_script(
            "solis_sales_process/migrations/18.0.1.7.0/post-people.py",
            "solis_post_people",
        )
        template = self.env.ref("solis_sales_process.mail_template_sales_digest")
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("SELECT body_html FROM mail_template WHERE id = %s", [template.id])
        body = cr.fetchone()[0]["en_US"]
        shipped = body.replace(script.HEADING, script.SHIPPED_HEADING).replace(
            "Forgotten earlier", "Forgotten last week"
        )
        # As 18.0.1.6.0 shipped it, in English and in an edited language.
        bodies = {"en_US": shipped, "fr_FR": shipped.replace("Hello", "Bonjour")}
        cr.execute(
            "UPDATE mail_template SET body_html = %s WHERE id = %s",
            [Json(bodies), template.id],
        )
        template.invalidate_recordset(["body_html"])
        script.migrate(cr, "18.0.1.6.0")
        cr.execute("SELECT body_html FROM mail_template WHERE id = %s", [template.id])
        migrated = cr.fetchone()[0]
        self.assertEqual(set(migrated), {"en_US", "fr_FR"})
        for lang, text in migrated.items():
            self.assertIn(script.HEADING, text, lang)
        self.assertIn("Bonjour", migrated["fr_FR"])
        template.invalidate_recordset(["body_html"])
        _values, _subject, body = self.Digest._render(self.rep, date(2026, 3, 10))
        self.assertIn("Forgotten earlier", body)
        self.assertNotIn("Forgotten last week", body)

    @freeze_time("2026-03-10 06:00:00")
    def test_cron_queues_one_mail_per_rep_once_a_day(self):
        self.Digest._cron_send_sales_digest()
        mails = self._new_mails()
        self.assertEqual(len(mails), 1, "the other rep has nothing to do")
        self.assertEqual(mails.state, "outgoing")
        self.assertEqual(mails.recipient_ids, self.rep.partner_id)
        self.assertIn("Ask about the tender", mails.body_html)
        self.assertIn("Send the catalogue", mails.body_html)
        # Still open after two weeks: still forgotten, as on My Day.
        self.assertIn("Too old to remind", mails.body_html)
        self.assertIn("Forgotten earlier", mails.body_html)
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
