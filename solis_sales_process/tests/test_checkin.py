from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from ..models.solis_visit_checkin import checkin_status
from ..tools.geometry import distance_in_meters
from .common import SolisCase

# The client's office, and two places where his rep may stand: 111 m north
# of it, and across town, 2.2 km away.
CLIENT = (44.4465, 26.0970)
NEXT_DOOR = (44.4475, 26.0970)
ACROSS_TOWN = (44.4268, 26.1025)
TODAY = "2026-06-15"


class TestCheckinDistance(SolisCase):
    def test_distance_on_the_earths_surface(self):
        # One degree of a meridian, and half the way round the Earth.
        self.assertAlmostEqual(distance_in_meters(0, 0, 1, 0), 111195, delta=1)
        self.assertAlmostEqual(distance_in_meters(0, 0, 0, 180), 20015087, delta=1000)
        self.assertAlmostEqual(distance_in_meters(*CLIENT, *NEXT_DOOR), 111, delta=1)
        self.assertAlmostEqual(
            distance_in_meters(*CLIENT, *ACROSS_TOWN), 2234, delta=10
        )
        self.assertEqual(distance_in_meters(*CLIENT, *CLIENT), 0)

    def test_what_a_position_proves(self):
        self.assertEqual(checkin_status(None, 5, 300), "no_position")
        self.assertEqual(checkin_status(300, 0, 300), "verified")
        self.assertEqual(checkin_status(300.5, 0, 300), "away")
        self.assertEqual(checkin_status(100, 20, 300), "verified")
        # A computer placed by its network within 2 km: near or far, unproven.
        self.assertEqual(checkin_status(100, 2000, 300), "no_position")
        self.assertEqual(checkin_status(1500, 2000, 300), "no_position")
        # Even its nearest point is away.
        self.assertEqual(checkin_status(5000, 2000, 300), "away")


class TestCheckin(SolisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client.write(
            {"partner_latitude": CLIENT[0], "partner_longitude": CLIENT[1]}
        )
        cls.portal = new_test_user(
            cls.env, login="solis_checkin_portal", groups="base.group_portal"
        )

    def _in_person(self, partner=None, user=None, **values):
        return self._visit(
            partner or self.client,
            user=user,
            when=fields.Datetime.now(),
            type_id=self.type_premises.id,
            **values,
        )

    def _check_in(self, visit, position, accuracy=12.0, user=None):
        return visit.with_user(user or self.rep).action_check_in(*position, accuracy)

    def test_rep_checks_in_at_the_client(self):
        visit = self._in_person()
        self.assertEqual(visit.checkin_status, "no_position")
        self.assertTrue(visit.with_user(self.rep).can_check_in)
        self._check_in(visit, NEXT_DOOR)
        self.assertEqual(visit.checkin_status, "verified")
        self.assertAlmostEqual(visit.checkin_distance, 111, delta=1)
        self.assertEqual(
            (visit.checkin_latitude, visit.checkin_longitude, visit.checkin_accuracy),
            (*NEXT_DOOR, 12.0),
        )
        self.assertTrue(visit.checkin_date)
        with self.assertRaisesMessage(UserError, "verified on site already"):
            self._check_in(visit, ACROSS_TOWN)
        self.assertEqual(visit.checkin_status, "verified")

    def test_rep_checks_in_away_then_on_site(self):
        visit = self._in_person()
        self._check_in(visit, ACROSS_TOWN)
        self.assertEqual(visit.checkin_status, "away")
        self.assertAlmostEqual(visit.checkin_distance, 2234, delta=10)
        # He arrives: checking in again proves it.
        self._check_in(visit, NEXT_DOOR)
        self.assertEqual(visit.checkin_status, "verified")

    def test_the_distance_is_the_administrators(self):
        self.env["ir.config_parameter"].set_param(
            "solis_sales_process.checkin_radius", "50"
        )
        visit = self._in_person()
        self._check_in(visit, NEXT_DOOR, accuracy=5)
        self.assertEqual(visit.checkin_status, "away")

    def test_client_without_location(self):
        visit = self._in_person(partner=self.other_client, user=self.other_rep)
        self._check_in(visit, NEXT_DOOR, user=self.other_rep)
        self.assertEqual(visit.checkin_status, "no_position")
        self.assertEqual(visit.checkin_latitude, NEXT_DOOR[0])
        self.assertTrue(visit.checkin_date)

    def test_a_vague_position_proves_nothing(self):
        visit = self._in_person()
        self._check_in(visit, NEXT_DOOR, accuracy=2500)
        self.assertEqual(visit.checkin_status, "no_position")

    def test_new_visit_sent_with_its_position(self):
        """What the visit form sends when the rep logs his visit."""
        visit = (
            self.env["solis.visit"]
            .with_user(self.rep)
            .create(
                {
                    "partner_id": self.client.id,
                    "type_id": self.type_premises.id,
                    "checkin_position": {
                        "latitude": NEXT_DOOR[0],
                        "longitude": NEXT_DOOR[1],
                        "accuracy": 8,
                    },
                }
            )
        )
        self.assertEqual(visit.checkin_status, "verified")
        self.assertFalse(visit.checkin_position)
        with self.assertRaisesMessage(ValidationError, "not a visit in person"):
            self.env["solis.visit"].with_user(self.rep).create(
                {
                    "partner_id": self.client.id,
                    "type_id": self.type_phone.id,
                    "checkin_position": {
                        "latitude": NEXT_DOOR[0],
                        "longitude": NEXT_DOOR[1],
                        "accuracy": 8,
                    },
                }
            )

    def test_a_remote_visit_has_no_check_in(self):
        visit = self._visit(self.client)
        self.assertFalse(visit.with_user(self.rep).can_check_in)
        with self.assertRaisesMessage(ValidationError, "not a visit in person"):
            self._check_in(visit, NEXT_DOOR)
        self.assertFalse(visit.checkin_date)

    def test_changing_the_type_judges_the_position_again(self):
        visit = self._in_person()
        self._check_in(visit, NEXT_DOOR)
        visit.with_user(self.rep).type_id = self.type_phone
        self.assertEqual(visit.checkin_status, "no_position")
        visit.with_user(self.rep).type_id = self.type_premises
        self.assertEqual(visit.checkin_status, "verified")
        visit.with_user(self.rep).partner_id = self.other_client
        self.assertEqual(visit.checkin_status, "no_position")

    def test_bad_positions_are_refused(self):
        visit = self._in_person()
        for position in (
            (91, 26, 10),
            (-90.5, 26, 10),
            (44, 180.1, 10),
            (44, -181, 10),
            (44, 26, -1),
            ("north", 26, 10),
            (None, 26, 10),
            (True, 26, 10),
            (float("nan"), 26, 10),
            (44, 26, float("inf")),
            ([44], 26, 10),
        ):
            with self.subTest(position=position):
                with self.assertRaises(ValidationError):
                    visit.with_user(self.rep).action_check_in(*position)
        self.assertFalse(visit.checkin_date)
        # The edges are on the Earth.
        visit.with_user(self.rep).action_check_in(-90, 180, 0)
        self.assertEqual(visit.checkin_status, "away")

    def test_only_the_visits_rep_checks_in(self):
        visit = self._in_person()
        with self.assertRaises(AccessError):
            self._check_in(visit, NEXT_DOOR, user=self.other_rep)
        with self.assertRaises(AccessError):
            self._check_in(visit, NEXT_DOOR, user=self.portal)
        with self.assertRaises(AccessError):
            self._check_in(visit, NEXT_DOOR, user=self.internal_user)
        # A team lead may write the visit, but stands elsewhere.
        self.assertFalse(visit.with_user(self.sales_manager).can_check_in)
        with self.assertRaisesMessage(UserError, "the visit's sales rep"):
            self._check_in(visit, NEXT_DOOR, user=self.sales_manager)
        self.assertFalse(visit.checkin_date)

    def test_the_verdict_is_not_written_by_hand(self):
        visit = self._in_person()
        with self.assertRaises(AccessError):
            visit.with_user(self.rep).write({"checkin_status": "verified"})
        with self.assertRaises(AccessError):
            visit.with_user(self.rep).write({"checkin_distance": 0})
        with self.assertRaises(AccessError):
            self.env["solis.visit"].with_user(self.rep).create(
                {
                    "partner_id": self.client.id,
                    "type_id": self.type_premises.id,
                    "checkin_status": "verified",
                }
            )
        self.assertEqual(visit.checkin_status, "no_position")

    def test_a_visit_is_checked_in_on_its_day(self):
        """Logged the day after, or planned for next week: where the rep is
        now says nothing of it."""
        now = fields.Datetime.now()
        for when in (now - timedelta(hours=13), now + timedelta(days=7)):
            with self.subTest(when=when):
                visit = self._in_person(visit_date=when)
                self.assertFalse(visit.with_user(self.rep).can_check_in)
                with self.assertRaisesMessage(UserError, "when it takes place"):
                    self._check_in(visit, NEXT_DOOR)
        later_today = self._in_person(visit_date=now + timedelta(hours=3))
        self.assertTrue(later_today.with_user(self.rep).can_check_in)
        self._check_in(later_today, NEXT_DOOR)
        self.assertEqual(later_today.checkin_status, "verified")

    def test_a_cancelled_visit_is_not_checked_in(self):
        visit = self._in_person(state="cancelled")
        self.assertFalse(visit.with_user(self.rep).can_check_in)
        with self.assertRaisesMessage(UserError, "cancelled"):
            self._check_in(visit, NEXT_DOOR)

    def test_administrator_turns_check_in_off_and_on(self):
        admin = self.env.ref("base.user_admin")
        Settings = self.env["res.config.settings"].with_user(admin)
        settings = Settings.create({})
        self.assertTrue(settings.solis_checkin_enabled)
        self.assertEqual(settings.solis_checkin_radius, 300)
        settings.solis_checkin_enabled = False
        settings.execute()
        self.assertFalse(Settings.create({}).solis_checkin_enabled)
        visit = self._in_person()
        self.assertFalse(visit.with_user(self.rep).can_check_in)
        with self.assertRaisesMessage(UserError, "turned off"):
            self._check_in(visit, NEXT_DOOR)
        settings = Settings.create({"solis_checkin_enabled": True})
        settings.execute()
        self.assertTrue(Settings.create({}).solis_checkin_enabled)
        visit.invalidate_recordset(["can_check_in"])
        self.assertTrue(visit.with_user(self.rep).can_check_in)
        with self.assertRaises(ValidationError):
            Settings.create({"solis_checkin_radius": 0})


class TestCheckinCounts(SolisCase):
    """The verified visits in Visit Analysis and on the dashboard, per rep."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.rep, cls.other_rep, cls.sales_manager):
            user.tz = "UTC"
        cls.client.write(
            {"partner_latitude": CLIENT[0], "partner_longitude": CLIENT[1]}
        )
        cls.other_client.write(
            {"partner_latitude": CLIENT[0], "partner_longitude": CLIENT[1]}
        )
        checkins = (
            (cls.rep, cls.client, NEXT_DOOR),
            (cls.rep, cls.client, NEXT_DOOR),
            (cls.rep, cls.client, ACROSS_TOWN),
            (cls.other_rep, cls.other_client, NEXT_DOOR),
        )
        for user, partner, position in checkins:
            visit = cls._visit(
                partner,
                user=user,
                when=fields.Datetime.now(),
                type_id=cls.type_premises.id,
            )
            visit.with_user(user).action_check_in(*position, 10)
            # Counted in the dashboard's fixed month.
            visit.visit_date = "2026-06-10 09:00:00"
        cls._visit(cls.client, when="2026-06-11 09:00:00")

    def test_visit_analysis_counts_the_verified_visits(self):
        reps = [self.rep.id, self.other_rep.id]
        rows = self.env["solis.visit.report"].read_group(
            [("user_id", "in", reps)], ["verified_count:sum"], ["user_id"]
        )
        verified = {row["user_id"][0]: row["verified_count"] for row in rows}
        self.assertEqual(verified, {self.rep.id: 2, self.other_rep.id: 1})
        statuses = self.env["solis.visit.report"].read_group(
            [("user_id", "=", self.rep.id)], [], ["checkin_status"]
        )
        counts = {
            row["checkin_status"]: row["checkin_status_count"] for row in statuses
        }
        self.assertEqual(counts, {"verified": 2, "away": 1, "no_position": 1})

    def test_the_dashboard_compares_the_reps_verified_visits(self):
        dashboard = (
            self.env["solis.sales.dashboard"]
            .with_user(self.sales_manager)
            .with_context(solis_today=TODAY)
            .get_dashboard()
        )
        rows = {row["user_id"]: row for row in dashboard["reps"]["rows"]}
        self.assertEqual(rows[self.rep.id]["values"]["visits_verified"], 2)
        self.assertEqual(rows[self.other_rep.id]["values"]["visits_verified"], 1)
        column = next(
            c for c in dashboard["reps"]["columns"] if c["key"] == "visits_verified"
        )
        verified = self.env[column["model"]].search(
            rows[self.rep.id]["domains"]["visits_verified"]
        )
        self.assertEqual(len(verified), 2)
        self.assertEqual(set(verified.mapped("checkin_status")), {"verified"})
