from datetime import date

from odoo.modules.migration import load_script

from .common import SolisCase


class TestFollowup(SolisCase):
    def _followup(self, visit):
        activity_type = self.env.ref("solis_sales_process.mail_activity_type_followup")
        return visit.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        )

    def test_next_contact_plans_an_activity_for_the_rep(self):
        visit = self._visit(
            self.client,
            next_contact_date="2026-03-17",
            next_contact_note="Back from holiday: ask about the budget",
        )
        activity = self._followup(visit)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.rep)
        self.assertEqual(activity.date_deadline, date(2026, 3, 17))
        self.assertEqual(activity.summary, "Back from holiday: ask about the budget")
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 17))

        visit.next_contact_date = "2026-03-24"
        self.assertEqual(self._followup(visit).date_deadline, date(2026, 3, 24))
        visit.user_id = self.other_rep
        self.assertEqual(self._followup(visit).user_id, self.other_rep)
        visit.next_contact_date = False
        self.assertFalse(self._followup(visit))
        self.assertFalse(self.client.next_contact_date)

    def test_follow_up_marked_done_from_the_visit(self):
        visit = self._visit(self.client, next_contact_date="2026-03-17")
        visit.with_user(self.rep).action_followup_done()
        self.assertTrue(visit.is_followup_done)
        self.assertFalse(self._followup(visit))
        self.assertFalse(self.client.next_contact_date)

    def test_follow_up_marked_done_from_the_activity(self):
        visit = self._visit(self.client, next_contact_date="2026-03-17")
        self._followup(visit).with_user(self.rep).action_feedback(feedback="Called")
        self.assertTrue(visit.is_followup_done)
        self.assertFalse(self.client.next_contact_date)

    def test_earliest_open_follow_up_is_the_next_contact(self):
        self._visit(self.client, next_contact_date="2026-04-02")
        self._visit(self.client, next_contact_date="2026-03-25")
        self._visit(self.client, when="2026-03-30 10:00:00", state="planned")
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 25))

    def test_cancelled_visit_drops_its_follow_up(self):
        visit = self._visit(self.client, next_contact_date="2026-03-17")
        visit.action_cancel()
        self.assertFalse(self._followup(visit))
        self.assertFalse(self.client.next_contact_date)

    def test_next_contact_is_the_planned_day_in_the_reps_timezone(self):
        """Issue #23, point 8: a visit planned for 00:30 in Bucharest is the
        next contact of that day, not of the day before."""
        self.rep.tz = "Europe/Bucharest"
        self.other_rep.tz = "UTC"
        visit = self._visit(self.client, when="2026-03-09 22:30:00", state="planned")
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 10))
        # The rep's own day on every screen: his client's card as he reads it.
        card = self.client.with_user(self.rep).read(["next_contact_date"])[0]
        self.assertEqual(card["next_contact_date"], date(2026, 3, 10))
        # Handed to a rep in UTC, it is on his 9 March.
        visit.user_id = self.other_rep
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 9))
        # The rep moves: the day follows his timezone.
        self.other_rep.tz = "Asia/Tokyo"
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 10))
        # A timezone the database might not know counts as UTC.
        self.env.cr.execute(
            "UPDATE res_partner SET tz = 'Mars/Olympus' WHERE id = %s",
            [self.other_rep.partner_id.id],
        )
        self.env["res.partner"]._solis_fill_visit_figures(self.client.ids)
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 9))

    def test_upgrade_moves_the_next_contact_to_the_reps_day(self):
        self.rep.tz = "Europe/Bucharest"
        self._visit(self.client, when="2026-03-09 22:30:00", state="planned")
        self.env.flush_all()
        # As 18.0.1.6.0 stored it: the UTC day.
        self.env.cr.execute(
            "UPDATE res_partner SET next_contact_date = '2026-03-09' WHERE id = %s",
            [self.client.id],
        )
        self.client.invalidate_recordset(["next_contact_date"])
        script = load_script(
            "solis_sales_process/migrations/18.0.1.7.0/post-people.py",
            "solis_post_people",
        )
        script.migrate(self.env.cr, "18.0.1.6.0")
        self.client.invalidate_recordset(["next_contact_date"])
        self.assertEqual(self.client.next_contact_date, date(2026, 3, 10))
