from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.tools import SQL

from ..tools import clock
from .common import SolisCase

UNKNOWN = "Mars/Olympus_Mons"
DAY = "2026-03-10"


class TestClock(SolisCase):
    """One clock: the reader's day, his timezone, period bounds and names.
    An unknown timezone is UTC on every path, as in Odoo's own
    ``context_today``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 23:30 UTC: the 9th and the 10th in UTC, the 10th and the 11th in
        # Tokyo, so that each path below tells the two apart.
        cls._visit(cls.client, when="2026-03-09 23:30:00")
        cls._visit(
            cls.client,
            when="2026-03-10 23:30:00",
            state="planned",
            name="Bring the samples",
        )
        cls._visit(
            cls.client, when="2026-03-01 09:00:00", next_contact_date=date(2026, 3, 10)
        )

    def _set_tz(self, users, name):
        """``name`` as the users' timezone, written as an old tzdata or a
        hand-made import leaves it (the ORM refuses an unknown one)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET tz = %s WHERE id = ANY(%s)",
                name,
                users.partner_id.ids,
            )
        )
        self.env.invalidate_all()

    def _every_path(self, name):
        """What the rep and his manager read, their timezone being
        ``name`` and none given by the context."""
        self._set_tz(self.rep | self.sales_manager, name)
        rep_env = self.env(user=self.rep, context={"solis_today": DAY})
        manager_env = self.env(user=self.sales_manager, context={"solis_today": DAY})
        digest = self.env["solis.sales.digest"].with_user(self.rep)
        with freeze_time("2026-03-09 22:30:00"):
            rep_today = digest._user_today(self.rep)
            reader_today = clock.user_today(self.env(user=self.rep))
        return {
            "get_answers": rep_env["solis.sales.review"].get_answers(
                "2026-03-09", "2026-03-09"
            ),
            "My Day": rep_env["solis.my.day"].get_my_day(),
            "daily e-mail": digest._digest_values(self.rep, date(2026, 3, 10)),
            "daily e-mail's day": rep_today,
            "reader's day": reader_today,
            "dashboard": manager_env["solis.sales.dashboard"].get_dashboard(
                period="week", date="2026-03-09"
            ),
            "moving planned visits": manager_env["solis.visit.reassign"]
            .new(
                {
                    "from_user_id": self.rep.id,
                    "date_from": date(2026, 3, 10),
                    "date_to": date(2026, 3, 10),
                }
            )
            .visit_count,
            "coverage": manager_env["solis.client.coverage.report"].search_read(
                [], ["partner_id", "is_overdue", "days_since_visit"]
            ),
        }

    def test_unknown_timezone_is_utc_on_every_path(self):
        in_utc = self._every_path("UTC")
        in_tokyo = self._every_path("Asia/Tokyo")
        unknown = self._every_path(UNKNOWN)
        for path, seen in unknown.items():
            with self.subTest(path=path):
                self.assertEqual(seen, in_utc[path])
        # Each path reads the timezone: Tokyo's day is another one.
        for path in (
            "get_answers",
            "My Day",
            "daily e-mail",
            "daily e-mail's day",
            "reader's day",
            "moving planned visits",
        ):
            with self.subTest(path=path):
                self.assertNotEqual(in_tokyo[path], in_utc[path])

    def test_unknown_timezone_of_the_context_is_utc(self):
        review = self.env["solis.sales.review"].with_user(self.sales_manager)
        in_utc = review.with_context(tz="UTC").get_answers("2026-03-09", "2026-03-09")
        for name in (UNKNOWN, 5, "../etc/passwd"):
            with self.subTest(tz=name):
                seen = review.with_context(tz=name).get_answers(
                    "2026-03-09", "2026-03-09"
                )
                self.assertEqual(seen, in_utc)
        tokyo = review.with_context(tz="Asia/Tokyo").get_answers(
            "2026-03-09", "2026-03-09"
        )
        self.assertNotEqual(tokyo, in_utc)

    def test_the_addons_day_is_odoos_day(self):
        with freeze_time("2026-03-09 22:30:00"):
            for name in (UNKNOWN, "Asia/Tokyo", "UTC"):
                with self.subTest(tz=name):
                    user = self.env.user.with_context(tz=name)
                    self.assertEqual(
                        clock.user_today(user.env),
                        fields.Date.context_today(user),
                    )

    def test_sql_reads_a_timezone_as_python_does(self):
        for name in ("UTC", "Europe/Bucharest", "Asia/Tokyo", UNKNOWN, "", None):
            with self.subTest(tz=name):
                self.env.cr.execute(
                    SQL(
                        "SELECT (TIMESTAMP '2026-03-09 23:30' AT TIME ZONE 'UTC'"
                        " AT TIME ZONE %s)::date",
                        clock.tz_sql(SQL("%s::varchar", name)),
                    )
                )
                self.assertEqual(
                    self.env.cr.fetchone()[0],
                    clock.local_day(
                        clock.timezone(name),
                        fields.Datetime.to_datetime("2026-03-09 23:30:00"),
                    ),
                )

    def test_periods(self):
        day = date(2024, 2, 29)
        self.assertEqual(
            clock.period_of("week", day), (date(2024, 2, 26), date(2024, 3, 3))
        )
        self.assertEqual(
            clock.period_of("quarter", day), (date(2024, 1, 1), date(2024, 3, 31))
        )
        self.assertEqual(
            clock.trailing_periods("month", day, 3),
            [
                (date(2023, 12, 1), date(2023, 12, 31)),
                (date(2024, 1, 1), date(2024, 1, 31)),
                (date(2024, 2, 1), date(2024, 2, 29)),
            ],
        )
        self.assertEqual(
            clock.trailing_periods("quarter", day, 2),
            [
                (date(2023, 10, 1), date(2023, 12, 31)),
                (date(2024, 1, 1), date(2024, 3, 31)),
            ],
        )
        self.assertEqual(
            clock.trailing_periods("year", day, 2)[0],
            (date(2023, 1, 1), date(2023, 12, 31)),
        )
        self.assertEqual(
            clock.trailing_periods("week", day, 2)[0],
            (date(2024, 2, 19), date(2024, 2, 25)),
        )
        for kind in clock.PERIOD_STEPS:
            for first, last in clock.trailing_periods(kind, day, 12):
                with self.subTest(kind=kind, first=first):
                    self.assertEqual(clock.period_kind(first, last), kind)
        self.assertIsNone(clock.period_kind(date(2024, 2, 1), date(2024, 2, 28)))
        self.assertIsNone(clock.period_kind(date(2024, 2, 27), date(2024, 3, 4)))

    def test_day_bounds_in_utc(self):
        tz = clock.timezone("Europe/Bucharest")
        # Summer time starts on 29 March 2026 in Bucharest: a 23-hour day.
        start, end = clock.utc_bounds(tz, date(2026, 3, 29), date(2026, 3, 29))
        self.assertEqual(str(start), "2026-03-28 22:00:00")
        self.assertEqual(str(end), "2026-03-29 21:00:00")
