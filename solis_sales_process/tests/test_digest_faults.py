from unittest.mock import patch

from freezegun import freeze_time

from ..models.solis_sales_digest import SolisSalesDigest
from .common import SolisCase


@freeze_time("2026-03-10 06:00:00")
class TestDigestFaults(SolisCase):
    """The daily e-mail job survives broken reps and interruptions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.third_rep = cls.env["res.users"].create(
            {
                "name": "Rep Three",
                "login": "solis_third_rep",
                "email": "rep.three@example.com",
                "groups_id": [
                    (6, 0, [cls.env.ref("sales_team.group_sale_salesman").id])
                ],
            }
        )
        reps = cls.rep | cls.other_rep | cls.third_rep
        cls.env["res.users"].search(
            [("id", "not in", reps.ids)]
        ).is_sales_digest_enabled = False
        for user in reps:
            partner = cls.env["res.partner"].create(
                {"name": f"Client of {user.name}", "user_id": user.id}
            )
            cls._visit(
                partner,
                user=user,
                when="2026-03-02 09:00:00",
                next_contact_date="2026-03-10",
                next_contact_note=f"Call for {user.name}",
            )
        cls.Digest = cls.env["solis.sales.digest"]
        cls.mails_before = cls.env["mail.mail"].search([]).ids

    def _digests(self):
        """The recipient of each daily e-mail queued, once per e-mail."""
        mails = self.env["mail.mail"].search(
            [("id", "not in", self.mails_before), ("subject", "like", "Your clients")]
        )
        return sorted(mail.recipient_ids.name for mail in mails)

    def test_rep_without_email_and_archived_rep(self):
        self.other_rep.partner_id.email = False
        self.third_rep.action_archive()
        self.Digest._cron_send_sales_digest()
        self.assertEqual(self._digests(), ["Rep One"])
        self.assertEqual(
            str(self.other_rep.sales_digest_date),
            "2026-03-10",
            "handled, not retried all day",
        )

    def test_interrupted_run_resumes_and_sends_nobody_twice(self):
        self.Digest._cron_send_sales_digest(batch_size=1)
        self.assertEqual(len(self._digests()), 1)

        def crash(digest, user, day):
            raise KeyboardInterrupt  # the worker is killed in the middle of a batch

        with (
            patch.object(SolisSalesDigest, "_send", crash),
            self.assertRaises(KeyboardInterrupt),
        ):
            self.Digest._cron_send_sales_digest(batch_size=1)
        self.assertEqual(len(self._digests()), 1)
        self.Digest._cron_send_sales_digest(batch_size=1)
        self.assertEqual(len(self._digests()), 2, "the next batch resumes")
        for _run in range(3):
            # More runs than reps left: the last ones find nobody to send to.
            self.Digest._cron_send_sales_digest(batch_size=1)
        self.assertEqual(self._digests(), ["Rep One", "Rep Three", "Rep Two"])
