import importlib.util
from datetime import datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.misc import file_path
from odoo.tools.sql import column_exists

from .common import SolisCase


@tagged("post_install", "-at_install")
class TestCalendar(SolisCase):
    """A planned visit is an event of its rep's calendar, and the two move,
    change hands and disappear together."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client.write(
            {"street": "Strada Lunga 5", "city": "Brasov", "phone": "+40 268 000 111"}
        )
        cls.when = (datetime.now() + timedelta(days=3)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )

    def _plan(self, user=None, when=None, **values):
        return (
            self.env["solis.visit"]
            .with_user(user or self.rep)
            .create(
                {
                    "partner_id": self.client.id,
                    "user_id": (user or self.rep).id,
                    "visit_date": when or self.when,
                    "type_id": self.type_premises.id,
                    "status_id": self.status_contact.id,
                    "state": "planned",
                    **values,
                }
            )
        )

    def _mails_to(self, user):
        return (
            self.env["mail.mail"]
            .sudo()
            .search_count([("recipient_ids", "in", user.partner_id.ids)])
        )

    def test_planned_visit_is_an_event_of_its_rep(self):
        mails_before = self._mails_to(self.rep)
        visit = self._plan(duration=1.5)
        event = visit.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.user_id, self.rep)
        self.assertEqual(event.partner_ids, self.rep.partner_id)
        self.assertEqual(event.start, self.when)
        self.assertEqual(event.stop, self.when + timedelta(hours=1.5))
        self.assertIn("Alpha Industries", event.name)
        self.assertIn("Brasov", event.location)
        self.assertIn("+40 268 000 111", event.description)
        # The event links back to the visit, as calendar shows it.
        self.assertEqual((event.res_model, event.res_id), ("solis.visit", visit.id))
        # The rep planned it himself: no invitation mailed, and no "Meeting"
        # activity doubling the visit in his activities.
        self.assertEqual(self._mails_to(self.rep), mails_before)
        self.assertFalse(
            visit.activity_ids.filtered(
                lambda activity: activity.activity_type_id.category == "meeting"
            )
        )

    def test_done_and_imported_visits_have_no_event(self):
        done = self._plan(state="done")
        self.assertFalse(done.calendar_event_id)
        imported = (
            self.env["solis.visit"]
            .with_context(import_file=True)
            .create(
                {
                    "partner_id": self.client.id,
                    "user_id": self.rep.id,
                    "visit_date": self.when,
                    "state": "planned",
                }
            )
        )
        self.assertFalse(imported.calendar_event_id)

    def test_moving_the_event_moves_the_visit(self):
        visit = self._plan()
        later = self.when + timedelta(days=1, hours=2)
        visit.calendar_event_id.with_user(self.rep).write(
            {"start": later, "stop": later + timedelta(hours=2)}
        )
        self.assertEqual(visit.visit_date, later)
        self.assertEqual(visit.duration, 2.0)

    def test_moving_the_visit_moves_the_event(self):
        visit = self._plan()
        later = self.when + timedelta(days=2)
        visit.with_user(self.rep).write({"visit_date": later, "duration": 0.5})
        self.assertEqual(visit.calendar_event_id.start, later)
        self.assertEqual(visit.calendar_event_id.stop, later + timedelta(minutes=30))

    def test_cancelling_the_visit_deletes_the_event(self):
        visit = self._plan()
        event = visit.calendar_event_id
        visit.with_user(self.rep).action_cancel()
        self.assertFalse(event.exists())
        self.assertFalse(visit.calendar_event_id)
        # Planned again, it is back in the calendar.
        visit.with_user(self.rep).action_plan()
        self.assertEqual(visit.calendar_event_id.start, self.when)

    def test_deleting_the_event_cancels_the_visit(self):
        visit = self._plan()
        visit.calendar_event_id.with_user(self.rep).unlink()
        self.assertEqual(visit.state, "cancelled")
        self.assertFalse(visit.calendar_event_id)

    def test_archiving_the_event_cancels_the_visit(self):
        visit = self._plan()
        visit.calendar_event_id.with_user(self.rep).action_archive()
        self.assertEqual(visit.state, "cancelled")

    def test_reassigning_the_visit_moves_the_event_to_the_new_rep(self):
        visit = self._plan()
        event = visit.calendar_event_id.sudo()
        visit.with_user(self.sales_manager).write({"user_id": self.other_rep.id})
        self.assertEqual(visit.sudo().calendar_event_id, event)
        self.assertEqual(event.user_id, self.other_rep)
        self.assertEqual(event.partner_ids, self.other_rep.partner_id)
        # A private event of another rep now: its first rep sees him busy.
        event.invalidate_recordset(["name"])
        self.assertEqual(event.with_user(self.rep).name, "Busy")

    def test_done_visit_keeps_its_event_which_no_longer_moves_it(self):
        visit = self._plan()
        event = visit.calendar_event_id
        visit.with_user(self.rep).action_mark_done()
        self.assertEqual(visit.calendar_event_id, event)
        # What happened is not rewritten by the calendar...
        event.with_user(self.rep).write(
            {
                "start": self.when + timedelta(days=5),
                "stop": self.when + timedelta(days=5, hours=1),
            }
        )
        self.assertEqual(visit.visit_date, self.when)
        # ...while correcting the visit's date corrects the calendar.
        visit.with_user(self.rep).write({"visit_date": self.when - timedelta(hours=1)})
        self.assertEqual(event.start, self.when - timedelta(hours=1))
        # Deleting the event of a done visit leaves the visit done.
        event.with_user(self.rep).unlink()
        self.assertEqual(visit.state, "done")

    def test_another_rep_cannot_move_a_visit_through_the_calendar(self):
        visit = self._plan()
        event = visit.calendar_event_id.with_user(self.other_rep)
        with self.assertRaises(AccessError):
            event.write(
                {
                    "start": self.when + timedelta(days=1),
                    "stop": self.when + timedelta(days=1, hours=1),
                }
            )
        with self.assertRaises(AccessError):
            event.unlink()
        self.assertEqual(visit.state, "planned")
        self.assertEqual(visit.visit_date, self.when)

    def test_the_link_is_not_set_by_hand(self):
        visit = self._plan()
        other = self._plan(user=self.other_rep, partner_id=self.other_client.id)
        with self.assertRaises(AccessError):
            visit.with_user(self.rep).write(
                {"calendar_event_id": other.calendar_event_id.id}
            )

    def _linked(self, visit):
        """The visit's event as the visit reads it, checked against the
        visits its events read back (the one link, from both sides)."""
        event = visit.calendar_event_id
        if event:
            self.assertEqual(event._solis_visits(), visit)
            self.assertEqual(
                (event.sudo().res_model, event.sudo().res_id), ("solis.visit", visit.id)
            )
        found = self.env["solis.visit"].search(
            [("id", "=", visit.id), ("calendar_event_id", "in", event.ids)]
        )
        self.assertEqual(found, visit if event else found.browse())
        without = self.env["solis.visit"].search(
            [("id", "=", visit.id), ("calendar_event_id", "=", False)]
        )
        self.assertEqual(without, found.browse() if event else visit)
        return event

    def test_one_link_from_both_sides(self):
        visit = self._plan()
        event = self._linked(visit)
        self.assertTrue(event)
        # Searched by the event's name, as a custom filter does.
        Visit = self.env["solis.visit"].with_user(self.rep)
        for operator, found in (("ilike", visit), ("not ilike", Visit)):
            self.assertEqual(
                Visit.search(
                    [("id", "=", visit.id), ("calendar_event_id", operator, "Alpha")]
                ),
                found,
            )
        # Moved on the visit's side, then on the event's: the same event.
        visit.with_user(self.rep).write({"visit_date": self.when + timedelta(days=1)})
        self.assertEqual(self._linked(visit), event)
        later = self.when + timedelta(days=2)
        event.with_user(self.rep).write(
            {"start": later, "stop": later + timedelta(hours=1)}
        )
        self.assertEqual(self._linked(visit), event)
        self.assertEqual(visit.visit_date, later)
        # Cancelled and planned again: a new event, the old one gone.
        visit.with_user(self.rep).action_cancel()
        self.assertFalse(self._linked(visit))
        self.assertFalse(event.exists())
        visit.with_user(self.rep).action_plan()
        event = self._linked(visit)
        self.assertTrue(event)
        # Deleted from the calendar: the visit has no event left.
        event.with_user(self.rep).unlink()
        self.assertFalse(self._linked(visit))
        self.assertEqual(visit.state, "cancelled")

    def test_a_meeting_about_the_visit_is_not_its_event(self):
        """An event a user links to a visit himself (a meeting planned from
        the visit's activity) has the visit as its document, and no more:
        it neither moves nor cancels the visit."""
        visit = self._plan()
        event = visit.calendar_event_id
        meeting = (
            self.env["calendar.event"]
            .with_user(self.rep)
            .create(
                {
                    "name": "Prepare the visit",
                    "start": self.when - timedelta(days=1),
                    "stop": self.when - timedelta(days=1, hours=-1),
                    "res_model_id": self.env["ir.model"]._get_id("solis.visit"),
                    "res_id": visit.id,
                }
            )
        )
        self.assertEqual((meeting.res_model, meeting.res_id), ("solis.visit", visit.id))
        self.assertEqual(visit.calendar_event_id, event)
        meeting.write(
            {
                "start": self.when + timedelta(days=4),
                "stop": self.when + timedelta(days=4, hours=1),
            }
        )
        meeting.unlink()
        self.assertEqual((visit.state, visit.visit_date), ("planned", self.when))
        self.assertEqual(self._linked(visit), event)
        # Nor can a user make his own event a visit's.
        with self.assertRaises(AccessError):
            self.env["calendar.event"].with_user(self.rep).create(
                {
                    "name": "Mine",
                    "start": self.when,
                    "stop": self.when + timedelta(hours=1),
                    "res_model_id": self.env["ir.model"]._get_id("solis.visit"),
                    "res_id": visit.id,
                    "solis_visit_event": True,
                }
            )

    def test_upgrade_keeps_every_visit_and_its_event(self):
        """18.0.1.8.0 moves the link from the visit's column to the event:
        every pair is kept, and a meeting merely about a visit stays one."""
        first = self._plan()
        second = self._plan(when=self.when + timedelta(days=1))
        unplanned = self._plan(state="done")
        pairs = {first: first.calendar_event_id, second: second.calendar_event_id}
        meeting = self.env["calendar.event"].create(
            {
                "name": "About the visit",
                "start": self.when,
                "stop": self.when + timedelta(hours=1),
                "res_model_id": self.env["ir.model"]._get_id("solis.visit"),
                "res_id": first.id,
            }
        )
        self.env.flush_all()
        # As 18.0.1.7.0 left them: the visit's column held the link, and the
        # event's document could say otherwise.
        cr = self.env.cr
        cr.execute("ALTER TABLE solis_visit ADD COLUMN calendar_event_id int4")
        for visit, event in pairs.items():
            cr.execute(
                "UPDATE solis_visit SET calendar_event_id = %s WHERE id = %s",
                [event.id, visit.id],
            )
        cr.execute(
            """UPDATE calendar_event SET solis_visit_event = NULL, res_id = %s
                WHERE id = ANY(%s)""",
            [unplanned.id, [event.id for event in pairs.values()]],
        )
        spec = importlib.util.spec_from_file_location(
            "post_visit_event",
            file_path("solis_sales_process/migrations/18.0.1.8.0/post-visit-event.py"),
        )
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(cr, "18.0.1.7.0")
        self.env.invalidate_all()
        self.assertFalse(column_exists(cr, "solis_visit", "calendar_event_id"))
        for visit, event in pairs.items():
            self.assertEqual(self._linked(visit), event)
        self.assertFalse(self._linked(unplanned))
        self.assertFalse(meeting.solis_visit_event)
        self.assertEqual(
            self.env["solis.visit"].search(
                [
                    ("id", "in", (first + second + unplanned).ids),
                    ("calendar_event_id", "!=", False),
                ]
            ),
            first + second,
        )

    def test_deleting_the_visit_deletes_the_event(self):
        visit = self._plan()
        event = visit.calendar_event_id
        visit.with_user(self.rep).unlink()
        self.assertFalse(event.exists())

    def test_existing_planned_visits_get_events_from_today_on(self):
        # Those of a database where the addon was upgraded before: not ours.
        self.env["solis.visit"]._plan_missing_calendar_events()
        Visit = self.env["solis.visit"].with_context(solis_calendar_sync=True)
        values = {
            "partner_id": self.client.id,
            "user_id": self.rep.id,
            "state": "planned",
        }
        future = Visit.create({**values, "visit_date": self.when})
        past = Visit.create({**values, "visit_date": self.when - timedelta(days=30)})
        self.assertFalse(future.calendar_event_id)
        self.assertEqual(self.env["solis.visit"]._plan_missing_calendar_events(), 1)
        self.assertEqual(future.calendar_event_id.start, self.when)
        self.assertFalse(past.calendar_event_id)

    def _count_queries(self, function):
        self.env.flush_all()
        start = self.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.cr.sql_log_count - start

    def _plan_many(self, count, calendar=True):
        values = [
            {
                "partner_id": self.client.id,
                "user_id": self.rep.id,
                "visit_date": self.when + timedelta(days=day),
                "type_id": self.type_premises.id,
                "status_id": self.status_contact.id,
                "state": "planned",
            }
            for day in range(count)
        ]
        # The addon's own flag, set while it mirrors one side onto the
        # other: here, visits created without their events, to measure what
        # the events cost.
        return (
            self.env["solis.visit"]
            .with_user(self.rep)
            .with_context(solis_calendar_sync=not calendar)
            .create(values)
        )

    def _calendar_cost(self, count):
        self.env.invalidate_all()
        without = self._count_queries(lambda: self._plan_many(count, calendar=False))
        self.env.invalidate_all()
        with_events = self._count_queries(lambda: self._plan_many(count))
        return with_events - without

    def test_planning_many_visits_creates_their_events_together(self):
        self._plan_many(2)  # warms the registry's caches
        self._plan_many(2, calendar=False)
        ten = self._calendar_cost(10)
        fifty = self._calendar_cost(50)
        self.assertGreater(ten, 0)
        self.assertLessEqual(
            fifty - ten, 3, "the events' cost must not grow with the visits"
        )
        visits = self.env["solis.visit"].search(
            [("user_id", "=", self.rep.id), ("calendar_event_id", "!=", False)]
        )
        self.assertEqual(len(visits), 62)
        self.assertEqual(len(visits.calendar_event_id), 62)
