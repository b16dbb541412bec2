from datetime import datetime, time, timedelta

import pytz

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import SolisCase

TZ = pytz.timezone("Europe/Bucharest")


def working_day(day):
    """The planner moves a visit due on a weekend to the Monday after."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


class TestVisitPlans(SolisCase):
    """The nightly planner gives clients their next visit, once; handing a
    client or a rep's visits over moves what was planned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep.tz = cls.other_rep.tz = "Europe/Bucharest"
        # A rep with nothing planned but what a test plans for him.
        cls.holiday_rep = new_test_user(
            cls.env,
            login="solis_holiday_rep",
            groups="sales_team.group_sale_salesman",
            tz="Europe/Bucharest",
        )
        cls.Planner = cls.env["solis.visit.planner"]
        cls.Visit = cls.env["solis.visit"]
        cls.today = datetime.now(TZ).date()
        # Whatever the database already holds is planned first, so that each
        # test sees only what it makes.
        cls._set_coverage_planning(True)
        cls.Planner._plan_visits()
        cls._set_coverage_planning(False)

    @classmethod
    def _set_coverage_planning(cls, enabled):
        cls.env["ir.config_parameter"].set_param(
            "solis_sales_process.plan_important_visits", enabled
        )

    def _client(self, name, **values):
        return self.env["res.partner"].create(
            {"name": name, "is_company": True, "user_id": self.rep.id, **values}
        )

    def _visited(self, client, day, **values):
        """A done visit at the client's premises, at 10:00 on the rep's day."""
        when = TZ.localize(datetime.combine(day, time(10))).astimezone(pytz.utc)
        return self._visit(
            client,
            when=when.replace(tzinfo=None),
            type_id=self.type_premises.id,
            **values,
        )

    def _planned(self, client):
        return self.Visit.search(
            [("partner_id", "=", client.id), ("state", "=", "planned")]
        )

    def _local_start(self, visit):
        return pytz.utc.localize(visit.visit_date).astimezone(TZ)

    def test_recurrence_plans_the_next_visit_once(self):
        client = self._client(
            "Weekly Bakery", visit_recurrence_interval=2, visit_recurrence_unit="week"
        )
        last_visit = self.today - timedelta(days=3)
        self._visited(client, last_visit)
        self.Planner._cron_plan_visits()
        self.Planner._cron_plan_visits()
        planned = self._planned(client)
        self.assertEqual(len(planned), 1, "two runs, one planned visit")
        start = self._local_start(planned)
        self.assertEqual(start.date(), working_day(last_visit + timedelta(weeks=2)))
        self.assertEqual(start.hour, 9)
        self.assertEqual(planned.user_id, self.rep)
        self.assertEqual(planned.type_id, self.type_premises)
        self.assertEqual(planned.name, "Recurring visit")
        self.assertEqual(
            client.next_contact_date, planned.visit_date.date(), "the card shows it"
        )

    def test_recurrence_in_months_and_a_client_never_visited(self):
        monthly = self._client(
            "Monthly Mill", visit_recurrence_interval=1, visit_recurrence_unit="month"
        )
        self._visited(monthly, self.today - timedelta(days=10))
        new = self._client(
            "New Farm", visit_recurrence_interval=1, visit_recurrence_unit="week"
        )
        self.Planner._plan_visits()
        self.assertEqual(
            self._local_start(self._planned(monthly)).date(),
            working_day(fields.Date.add(self.today - timedelta(days=10), months=1)),
        )
        planned_new = self._planned(new)
        self.assertEqual(self._local_start(planned_new).date(), working_day(self.today))
        self.assertEqual(
            planned_new.status_id, self.status_initial, "his first contact"
        )

    def test_important_client_is_planned_before_his_interval_runs_out(self):
        self.assertTrue(self.class_a.is_important)
        self.assertEqual(self.class_a.visit_interval_days, 30)
        almost_due = self._client("Almost Due", client_class_id=self.class_a.id)
        self._visited(almost_due, self.today - timedelta(days=26))
        recent = self._client("Seen Last Week", client_class_id=self.class_a.id)
        self._visited(recent, self.today - timedelta(days=5))
        self.Planner._plan_visits()
        self.assertFalse(
            self._planned(almost_due), "planning of important clients is off"
        )
        self._set_coverage_planning(True)
        self.Planner._plan_visits()
        self.assertEqual(
            self._local_start(self._planned(almost_due)).date(),
            working_day(self.today),
            "past the week before his interval runs out: today",
        )
        self.assertEqual(
            self._local_start(self._planned(recent)).date(),
            working_day(self.today + timedelta(days=18)),
            "a week before his 30 days run out",
        )
        self.assertEqual(self._planned(almost_due).status_id, self.status_contact)
        self.assertEqual(
            self._planned(almost_due).name, "Visit within the class's interval"
        )

    def test_the_earlier_of_recurrence_and_class_target_is_planned(self):
        self._set_coverage_planning(True)
        both = self._client(
            "Both Rules",
            client_class_id=self.class_a.id,
            visit_recurrence_interval=1,
            visit_recurrence_unit="week",
        )
        self._visited(both, self.today - timedelta(days=2))
        self.Planner._plan_visits()
        planned = self._planned(both)
        self.assertEqual(len(planned), 1)
        self.assertEqual(
            self._local_start(planned).date(),
            working_day(self.today + timedelta(days=5)),
            "his weekly visit comes before his class's 30 days",
        )

    def test_client_with_a_planned_visit_or_without_rep_gets_none(self):
        self._set_coverage_planning(True)
        planned_already = self._client(
            "Planned Already", client_class_id=self.class_a.id
        )
        self._visited(planned_already, self.today - timedelta(days=40))
        self._visited(planned_already, self.today + timedelta(days=60), state="planned")
        no_rep = self._client(
            "Nobody's", client_class_id=self.class_a.id, user_id=False
        )
        unimportant = self._client(
            "Class C",
            client_class_id=self.env.ref("solis_sales_process.client_class_c").id,
        )
        self.Planner._plan_visits()
        self.assertEqual(len(self._planned(planned_already)), 1)
        self.assertFalse(self._planned(no_rep))
        self.assertFalse(self._planned(unimportant))

    def test_settings_tell_how_many_visits_the_first_run_plans(self):
        self._client("Overdue One", client_class_id=self.class_a.id)
        self._client("Overdue Two", client_class_id=self.class_a.id)
        settings = self.env["res.config.settings"].create({})
        self.assertFalse(settings.solis_plan_important_visits, "off until turned on")
        self.assertEqual(settings.solis_plan_important_pending, 2)

    def test_cron_queries_do_not_grow_with_clients(self):
        def queries_to_plan(count):
            for index in range(count):
                self._client(
                    f"Client {count}-{index}",
                    visit_recurrence_interval=1,
                    visit_recurrence_unit="week",
                )
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            visits, remaining = self.Planner._plan_visits()
            self.env.flush_all()
            self.assertEqual((len(visits), remaining), (count, 0))
            return self.env.cr.sql_log_count - before

        queries_to_plan(1)  # the caches warmed up
        few, many = queries_to_plan(2), queries_to_plan(20)
        self.assertEqual(few, many)

    def test_cron_runs_in_batches(self):
        clients = [
            self._client(
                f"Batch {index}",
                visit_recurrence_interval=1,
                visit_recurrence_unit="week",
            )
            for index in range(3)
        ]
        visits, remaining = self.Planner._plan_visits(limit=2)
        self.assertEqual((len(visits), remaining), (2, 1))
        visits, remaining = self.Planner._plan_visits(limit=2)
        self.assertEqual((len(visits), remaining), (1, 0))
        for client in clients:
            self.assertEqual(len(self._planned(client)), 1)

    def test_new_rep_takes_over_planned_visits_and_followups(self):
        client = self._client("Handed Over")
        done = self._visited(
            client,
            self.today - timedelta(days=2),
            next_contact_date=self.today + timedelta(days=5),
        )
        planned = self._visited(client, self.today + timedelta(days=3), state="planned")
        client.with_user(self.sales_admin).user_id = self.other_rep
        self.assertEqual(planned.user_id, self.other_rep)
        self.assertEqual(done.user_id, self.rep, "who made the visit stays")
        followup = done._followup_activities()
        self.assertEqual(followup.user_id, self.other_rep)
        done.next_contact_note = "Bring the catalogue"
        self.assertEqual(
            done._followup_activities().user_id,
            self.other_rep,
            "editing the follow-up does not give it back to the old rep",
        )
        self.assertEqual(
            self.Visit.with_user(self.other_rep).search(
                [("partner_id", "=", client.id), ("state", "=", "planned")]
            ),
            planned,
        )

    def test_other_reps_planned_visit_of_the_client_stays_his(self):
        client = self._client("Visited Jointly")
        joint = self._visited(
            client,
            self.today + timedelta(days=3),
            state="planned",
            user_id=self.sales_manager.id,
        )
        client.with_user(self.sales_admin).user_id = self.other_rep
        self.assertEqual(joint.user_id, self.sales_manager)

    def _rep_week(self):
        """Planned visits of the rep: two in the holiday week, one after,
        and a done one in the week."""
        monday = self.today + timedelta(days=7 - self.today.weekday())
        client = self._client("Holiday Week", user_id=self.holiday_rep.id)
        return (
            monday,
            self._visited(client, monday, state="planned", user_id=self.holiday_rep.id),
            self._visited(
                client,
                monday + timedelta(days=4),
                state="planned",
                user_id=self.holiday_rep.id,
            ),
            self._visited(
                client,
                monday + timedelta(days=8),
                state="planned",
                user_id=self.holiday_rep.id,
            ),
            self._visited(client, self.today, user_id=self.holiday_rep.id),
        )

    def test_team_lead_moves_a_reps_planned_visits_of_a_period(self):
        monday, first, friday, later, done = self._rep_week()
        wizard = (
            self.env["solis.visit.reassign"]
            .with_user(self.sales_manager)
            .create(
                {
                    "from_user_id": self.holiday_rep.id,
                    "date_from": monday,
                    "date_to": monday + timedelta(days=4),
                    "to_user_id": self.other_rep.id,
                }
            )
        )
        self.assertEqual(wizard.visit_count, 2)
        action = wizard.action_reassign()
        self.assertEqual((first | friday).user_id, self.other_rep)
        self.assertEqual(later.user_id, self.holiday_rep)
        self.assertEqual(done.user_id, self.holiday_rep)
        self.assertEqual(set(action["domain"][0][2]), set((first | friday).ids))
        self.assertEqual(
            first.partner_id.user_id, self.holiday_rep, "his clients stay his"
        )

    def test_team_lead_moves_the_selected_visits(self):
        monday, first, friday, later, done = self._rep_week()
        Wizard = self.env["solis.visit.reassign"].with_user(self.sales_manager)
        wizard = Wizard.with_context(
            active_model="solis.visit", active_ids=(first | later | done).ids
        ).create({"to_user_id": self.other_rep.id})
        self.assertEqual(wizard.visit_count, 2, "the done visit does not move")
        wizard.action_reassign()
        self.assertEqual((first | later).user_id, self.other_rep)
        self.assertEqual((friday | done).user_id, self.holiday_rep)
        with self.assertRaisesMessage(UserError, "no planned visit to move"):
            Wizard.create(
                {
                    "from_user_id": self.holiday_rep.id,
                    "to_user_id": self.other_rep.id,
                    "date_from": monday - timedelta(days=400),
                    "date_to": monday - timedelta(days=300),
                }
            ).action_reassign()

    def test_plain_rep_may_not_move_visits(self):
        _monday, first, *_ = self._rep_week()
        values = {"from_user_id": self.holiday_rep.id, "to_user_id": self.other_rep.id}
        for user in (self.holiday_rep, self.internal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["solis.visit.reassign"].with_user(user).create(values)
        wizard = (
            self.env["solis.visit.reassign"]
            .with_user(self.sales_manager)
            .create(values)
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.holiday_rep).action_reassign()
        # Reached without the wizard's access rights: the check refuses too.
        with self.assertRaisesMessage(AccessError, "Only a team lead"):
            self.env["solis.visit.reassign"].with_user(
                self.holiday_rep
            )._check_team_lead()
        self.assertEqual(first.user_id, self.holiday_rep)
