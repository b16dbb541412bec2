"""The hot paths keep a fixed number of queries whatever the history, and the
partner's stored figures stay right however his visits change."""

from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import SolisCase

FIGURES = (
    "visit_count",
    "first_contact_date",
    "last_contact_date",
    "last_visit_date",
    "next_contact_date",
)


@tagged("post_install", "-at_install")
class TestPerformance(SolisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.small_client = Partner.create(
            {"name": "Small History", "is_company": True, "user_id": cls.rep.id}
        )
        cls.large_client = Partner.create(
            {"name": "Large History", "is_company": True, "user_id": cls.rep.id}
        )
        cls._visit(cls.small_client, when="2025-01-10 09:00:00")
        start = datetime(2024, 1, 1, 9, 0)
        cls.env["solis.visit"].create(
            [
                {
                    "partner_id": cls.large_client.id,
                    "user_id": cls.rep.id,
                    "visit_date": start + timedelta(days=7 * week),
                    "type_id": (cls.type_phone | cls.type_premises)[week % 2].id,
                    "status_id": cls.status_contact.id,
                }
                for week in range(30)
            ]
        )

    # ------------------------------------------------------------------
    # Query counts
    # ------------------------------------------------------------------
    def _count_queries(self, function):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _log_visit(self, client):
        return (
            self.env["solis.visit"]
            .with_user(self.rep)
            .create(
                {
                    "partner_id": client.id,
                    "type_id": self.type_premises.id,
                    "status_id": self.status_contact.id,
                    "visit_date": "2026-03-10 10:00:00",
                    "next_contact_date": "2026-03-20",
                }
            )
        )

    def test_log_visit_query_count_flat_in_history(self):
        """Logging a visit updates the client's figures in the same number of
        queries for a client with 1 and with 30 past visits."""
        # Warm the registry's caches (rules, access rights, templates) the
        # way they are measured: from an empty record cache.
        for client in (self.small_client, self.large_client):
            self.env.invalidate_all()
            self._count_queries(lambda c=client: self._log_visit(c))
        self.env.invalidate_all()
        small = self._count_queries(lambda: self._log_visit(self.small_client))
        self.env.invalidate_all()
        large = self._count_queries(lambda: self._log_visit(self.large_client))
        self.assertEqual(small, large, "the cost must not grow with the history")
        self.env.invalidate_all()
        with self.assertQueryCount(LOG_VISIT_QUERIES):
            self._log_visit(self.large_client)
        self.assertEqual(self.small_client.visit_count, 3)
        self.assertEqual(self.large_client.visit_count, 33)

    def test_answers_query_count_flat_in_reps_and_visits(self):
        """get_answers runs a fixed number of queries: more reps, clients and
        visits do not add any."""
        Review = self.env["solis.sales.review"].with_user(self.sales_manager)
        Partner = self.env["res.partner"]

        reps = self.env["res.users"]

        def add_reps(indexes):
            nonlocal reps
            for index in indexes:
                rep = new_test_user(
                    self.env,
                    login=f"solis_perf_rep_{index}",
                    groups="sales_team.group_sale_salesman",
                    name=f"Perf Rep {index}",
                )
                reps |= rep
                client = Partner.create(
                    {
                        "name": f"Perf Client {index}",
                        "is_company": True,
                        "user_id": rep.id,
                        "client_class_id": self.class_a.id,
                    }
                )
                for days in (1, 3, 5):
                    self._visit(
                        client,
                        user=rep,
                        when=fields.Datetime.now() - timedelta(days=days),
                    )
            # Only these reps: demo data, if any, adds no group to read.
            Review.get_answers(user_ids=reps.ids)  # new users cleared the caches
            self.env.invalidate_all()
            return self._count_queries(lambda: Review.get_answers(user_ids=reps.ids))

        before = add_reps(range(1))
        after = add_reps(range(1, 6))
        self.assertEqual(before, after)
        self.env.invalidate_all()
        with self.assertQueryCount(ANSWERS_QUERIES):
            Review.get_answers(user_ids=reps.ids)

    def test_answers_leave_the_transaction_settings_as_they_were(self):
        """The passes tune PostgreSQL (JIT, memory, parallel workers) for
        themselves only: what runs after them in the same transaction (the
        daily e-mail's next rep, a server action) gets the settings it had."""
        names = ("jit", "work_mem", "parallel_setup_cost", "parallel_tuple_cost")

        def settings():
            self.env.cr.execute(
                "SELECT " + ", ".join(f"current_setting('{name}')" for name in names)
            )
            return self.env.cr.fetchone()

        self.env.cr.execute("SET LOCAL work_mem = '5MB'")
        before = settings()
        self.env["solis.sales.review"].with_user(self.sales_manager).get_answers()
        self.assertEqual(settings(), before)
        self.assertEqual(before[1], "5MB")

    # ------------------------------------------------------------------
    # Stored figures
    # ------------------------------------------------------------------
    def assertFigures(self, partner, visit_count, last_contact, last_visit=False):
        partner.invalidate_recordset(FIGURES)
        self.assertEqual(partner.visit_count, visit_count)
        self.assertEqual(
            partner.last_contact_date,
            last_contact and fields.Datetime.to_datetime(last_contact),
        )
        self.assertEqual(
            partner.last_visit_date,
            last_visit and fields.Datetime.to_datetime(last_visit),
        )

    def test_daily_email_query_count_flat_in_followups_and_history(self):
        """A rep's daily e-mail costs the same queries with one due follow-up
        as with twenty, and whatever his clients' history."""
        Digest = self.env["solis.sales.digest"]
        day = datetime(2026, 3, 10).date()
        self._visit(
            self.small_client, when="2026-03-02 09:00:00", next_contact_date=day
        )

        def send():
            self.env.invalidate_all()
            return self._count_queries(lambda: Digest._send(self.rep, day))

        send()  # the first mail of the test also fills Odoo's own caches
        one = send()
        for client in (self.small_client, self.large_client) * 10:
            self._visit(client, when="2026-03-03 09:00:00", next_contact_date=day)
        twenty = send()
        self.assertEqual(one, twenty, "the cost must not grow with the follow-ups")
        self.assertEqual(len(Digest._digest_values(self.rep, day)["today"]), 21)
        self.env.invalidate_all()
        with self.assertQueryCount(DAILY_EMAIL_QUERIES):
            Digest._send(self.rep, day)

    def test_figures_follow_visits(self):
        client, other = self.small_client, self.other_client
        self.assertFigures(client, 1, "2025-01-10 09:00:00")
        visit = self._visit(
            client, when="2025-06-01 10:00:00", type_id=self.type_premises.id
        )
        self.assertFigures(client, 2, "2025-06-01 10:00:00", "2025-06-01 10:00:00")
        self.assertEqual(client.first_contact_date, datetime(2025, 1, 10, 9, 0))

        # Moved to another client: both sets of figures follow.
        visit.partner_id = other
        self.assertFigures(client, 1, "2025-01-10 09:00:00")
        self.assertFigures(other, 1, "2025-06-01 10:00:00", "2025-06-01 10:00:00")

        # Cancelled: no longer a contact.
        visit.action_cancel()
        self.assertFigures(other, 0, False)

        # Planned: the next contact, not a contact made.
        visit.action_plan()
        self.assertFigures(other, 0, False)
        self.assertEqual(other.next_contact_date, fields.Date.to_date("2025-06-01"))
        visit.action_mark_done()
        self.assertFigures(other, 1, "2025-06-01 10:00:00", "2025-06-01 10:00:00")
        self.assertFalse(other.next_contact_date)

        # Deleted: gone from the figures.
        visit.unlink()
        self.assertFigures(other, 0, False)
        self.assertFalse(other.first_contact_date)

    def test_sql_fill_matches_the_orm(self):
        """The SQL fill used on install and by bulk imports gives the ORM's
        figures, and writes nothing when they are already right."""
        self._visit(
            self.small_client,
            when="2025-02-01 09:00:00",
            next_contact_date="2025-03-01",
        )
        self._visit(self.large_client, when="2026-01-01 09:00:00", state="planned")
        partners = (
            self.small_client | self.large_client | self.client | self.other_client
        )
        Partner = self.env["res.partner"]
        self.env.flush_all()
        expected = {
            partner.id: [partner[name] for name in FIGURES] for partner in partners
        }
        self.assertEqual(Partner._solis_fill_visit_figures(), 0)
        self.env.cr.execute(
            "UPDATE res_partner SET visit_count = NULL, first_contact_date = NULL, "
            "last_contact_date = NULL, last_visit_date = NULL, "
            "next_contact_date = NULL WHERE id = ANY(%s)",
            [partners.ids],
        )
        self.assertEqual(Partner._solis_fill_visit_figures(partners.ids), len(partners))
        for partner in partners:
            self.assertEqual([partner[name] for name in FIGURES], expected[partner.id])

    def test_important_not_visited_counts_every_class(self):
        """Each important class is counted against its own interval."""
        Partner = self.env["res.partner"]
        class_b = self.env.ref("solis_sales_process.client_class_b")
        late_a = Partner.create(
            {
                "name": "Late A",
                "is_company": True,
                "user_id": self.rep.id,
                "client_class_id": self.class_a.id,
            }
        )
        late_b = Partner.create(
            {
                "name": "Late B",
                "is_company": True,
                "user_id": self.rep.id,
                "client_class_id": class_b.id,
            }
        )
        now = fields.Datetime.now()
        self._visit(
            late_a, when=now - timedelta(days=45), type_id=self.type_premises.id
        )
        self._visit(
            late_b, when=now - timedelta(days=45), type_id=self.type_premises.id
        )
        answer = self.env["solis.sales.review"].get_answers(user_ids=[self.rep.id])[
            "answers"
        ]["important_not_visited"]
        listed = Partner.search(answer["domain"])
        self.assertIn(late_a, listed, "A's 30 days are over")
        self.assertNotIn(late_b, listed, "B's 60 days are not")

    def test_has_sale_order(self):
        """A client has an offer when he or one of his contacts has one;
        searching for it is the semi-join the answers count leads with."""
        Partner = self.env["res.partner"]
        self.env["sale.order"].create(
            {"partner_id": self.client_contact.id}
        ).action_quotation_sent()
        self.env["sale.order"].create({"partner_id": self.other_client.id})
        found = Partner.search(
            [("has_sale_order", "=", True), ("id", "in", self.partners.ids)]
        )
        self.assertEqual(found, self.client)
        self.assertEqual(
            Partner.search(
                [("has_sale_order", "=", False), ("id", "in", self.partners.ids)]
            ),
            self.partners - self.client,
        )
        self.assertEqual(
            self.partners.mapped("has_sale_order"),
            [partner == self.client for partner in self.partners],
        )

    @property
    def partners(self):
        return self.client | self.other_client | self.small_client


# The query counts pinned above; a change that adds queries to these paths
# must be deliberate.
LOG_VISIT_QUERIES = 21
# Each model's answers in one pass: 19 queries since 18.0.1.6.0 (20 in
# 18.0.1.5.0, 33 before); room left for the cache states of the two runners.
# One more since 18.0.1.8.0: the coverage rows read the classes' intervals,
# their columns being the client's rules (visited in time, overdue).
ANSWERS_QUERIES = 22
# One more since the calendar is a dependency: calendar's res.users.write looks
# up the Default User Template on every write, here the day marked as handled.
# Three more since 18.0.1.7.0: each e-mail is read with its recipient's own
# rights, in his companies (which are read), and Odoo filters his follow-ups
# by the records he may open, then My Day's rule reads those records.
# One more since 18.0.1.8.0: the important clients overdue are counted by the
# client's rule, which reads the classes' intervals.
DAILY_EMAIL_QUERIES = 29
