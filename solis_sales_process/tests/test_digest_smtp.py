from unittest.mock import patch

from freezegun import freeze_time

from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .common import SolisCase


@freeze_time("2026-03-10 06:00:00")
class TestDigestDelivery(SolisCase, MockEmail):
    """The queued daily e-mail goes out through Odoo's mail gateway to its
    rep; a mail server that cannot be reached keeps it to be retried. The
    SMTP connection is Odoo's own test mock: nothing leaves the machine."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.users"].search(
            [("id", "!=", cls.rep.id)]
        ).is_sales_digest_enabled = False
        cls._visit(
            cls.client,
            when="2026-03-02 09:00:00",
            next_contact_date="2026-03-10",
            next_contact_note="Ask about the tender",
        )

    def _queued_digest(self):
        self.env["solis.sales.digest"]._cron_send_sales_digest()
        mail = self.env["mail.mail"].search(
            [("subject", "like", "Your clients"), ("state", "=", "outgoing")]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.rep.partner_id)
        return mail

    def test_queued_mail_is_delivered(self):
        mail = self._queued_digest()
        with self.mock_mail_gateway():
            mail.send(raise_exception=True)
        self.assertEqual(mail.state, "sent")
        # The message as built for the gateway: to the rep, with his day.
        self.assertSentEmail(
            mail.email_from,
            [self.rep.partner_id],
            subject=mail.subject,
            body_content="Ask about the tender",
        )
        self.assertSentEmail(
            mail.email_from, [self.rep.partner_id], body_content="Alpha Industries"
        )
        # The SMTP envelope and headers: the rep, and only him.
        self.assertSMTPEmailsSent(smtp_to_list=["rep.one@example.com"])
        self.assertEqual(len(self.emails), 1)
        self.assertIn("rep.one@example.com", self.emails[0]["msg_to"])
        self.assertIn("Rep One", self.emails[0]["msg_to"])

    def test_unreachable_mail_server_keeps_the_mail(self):
        mail = self._queued_digest()
        with (
            self.mock_mail_gateway(),
            # Inside Odoo's mock: the server refuses the connection.
            patch("smtplib.SMTP", side_effect=ConnectionRefusedError(111, "refused")),
            mute_logger(
                "odoo.addons.mail.models.mail_mail",
                "odoo.addons.base.models.ir_mail_server",
            ),
        ):
            mail.send()
        self.assertEqual(mail.state, "exception", "failed, and kept")
        self.assertIn("refused", mail.failure_reason)
        self.assertFalse(self.emails, "nothing reached a server")
