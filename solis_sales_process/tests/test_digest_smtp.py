import email
import socket
from email import policy
from unittest.mock import patch

from aiosmtpd.controller import Controller
from freezegun import freeze_time

import odoo

from .common import SolisCase


class _Inbox:
    """An SMTP handler that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (
                envelope.rcpt_tos,
                email.message_from_bytes(envelope.content, policy=policy.default),
            )
        )
        return "250 OK"


class TestDigestDelivery(SolisCase):
    """The queued daily e-mail really reaches an SMTP server on 127.0.0.1."""

    def setUp(self):
        super().setUp()
        self.inbox = _Inbox()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.smtp = Controller(self.inbox, hostname="127.0.0.1", port=port)
        self.smtp.start()
        self.addCleanup(self.smtp.stop)
        self.env["ir.mail_server"].search([]).active = False
        self.env["ir.mail_server"].create(
            {
                "name": "Test SMTP",
                "smtp_host": "127.0.0.1",
                "smtp_port": self.smtp.port,
                "smtp_encryption": "none",
                "sequence": 1,
            }
        )
        self.env["res.users"].search(
            [("id", "!=", self.rep.id)]
        ).is_sales_digest_enabled = False

    @freeze_time("2026-03-10 06:00:00")
    def test_queued_mail_is_delivered(self):
        self._visit(
            self.client,
            when="2026-03-02 09:00:00",
            next_contact_date="2026-03-10",
            next_contact_note="Ask about the tender",
        )
        self.env["solis.sales.digest"]._cron_send_sales_digest()
        mail = self.env["mail.mail"].search(
            [("subject", "like", "Your clients"), ("state", "=", "outgoing")]
        )
        self.assertEqual(len(mail), 1)
        # Odoo never connects to a mail server while a test runs; this one does.
        with patch.object(odoo.modules.module, "current_test", None):
            mail.send(raise_exception=True)
        digests = [
            (recipients, message)
            for recipients, message in self.inbox.messages
            if "Your clients for" in message["Subject"]
        ]
        self.assertEqual(len(digests), 1)
        recipients, message = digests[0]
        self.assertEqual(recipients, ["rep.one@example.com"])
        self.assertEqual(message["To"], "Rep One <rep.one@example.com>")
        html = message.get_body(("html",)).get_content()
        self.assertIn("Ask about the tender", html)
        self.assertIn("Alpha Industries", html)
