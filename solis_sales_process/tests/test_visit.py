from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import Form

from .common import SolisCase


class TestVisit(SolisCase):
    def test_logged_visit_updates_client_figures(self):
        self.assertEqual(self.client.visit_count, 0)
        self.assertFalse(self.client.last_contact_date)
        self._visit(self.client, when="2026-03-10 09:00:00")
        self._visit(
            self.client, when="2026-03-12 15:00:00", type_id=self.type_premises.id
        )
        self._visit(self.client, when="2026-03-20 11:00:00")
        self.assertEqual(self.client.visit_count, 3)
        self.assertEqual(self.client.last_contact_date, datetime(2026, 3, 20, 11, 0))
        self.assertEqual(
            self.client.last_visit_date,
            datetime(2026, 3, 12, 15, 0),
            "only visits in person count as the last visit",
        )

    def test_rep_logs_a_visit_from_the_client_card(self):
        action = self.client.with_user(self.rep).action_log_visit()
        self.assertEqual(action["res_model"], "solis.visit")
        env = self.env(user=self.rep, context=action["context"])
        with Form(env["solis.visit"]) as form:
            form.visit_date = datetime(2026, 4, 1, 10, 0)
            form.name = "Call about spring stock"
        visit = form.record
        self.assertEqual(visit.partner_id, self.client)
        self.assertEqual(visit.user_id, self.rep)
        self.assertEqual(visit.state, "done")
        self.assertEqual(self.client.visit_count, 1)
        self.assertEqual(self.client.last_contact_date, datetime(2026, 4, 1, 10, 0))

    def test_contact_person_chosen_as_client_becomes_the_contact(self):
        visit = self._visit(self.client_contact)
        self.assertEqual(visit.partner_id, self.client)
        self.assertEqual(visit.contact_id, self.client_contact)
        self.assertEqual(self.client.visit_count, 1)

    def test_visit_without_client_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "needs a client"):
            self.env["solis.visit"].create({"type_id": self.type_phone.id})
        visit = self._visit(self.client)
        with self.assertRaisesMessage(ValidationError, "needs a client"):
            visit.partner_id = False
        self.assertEqual(visit.partner_id, self.client)

    def test_next_contact_before_the_visit_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "cannot be before the visit"):
            self._visit(
                self.client,
                when="2026-03-10 09:00:00",
                next_contact_date="2026-03-09",
            )
        visit = self._visit(self.client, when="2026-03-10 09:00:00")
        visit.next_contact_date = "2026-03-10"
        self.assertEqual(visit.next_contact_date, date(2026, 3, 10))

    def test_negative_duration_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "negative"):
            self._visit(self.client, duration=-0.5)

    def test_contact_of_another_client_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "not a contact person of"):
            self._visit(self.other_client, contact_id=self.client_contact.id)

    def test_rep_assignment_date_is_kept(self):
        prospect = self.env["res.partner"].create(
            {"name": "Gamma", "is_company": True, "is_prospect": True}
        )
        self.assertFalse(prospect.user_assigned_date)
        prospect.user_id = self.rep
        first = prospect.user_assigned_date
        self.assertTrue(first)
        prospect.write({"user_id": self.rep.id, "phone": "+40 700 000 000"})
        self.assertEqual(prospect.user_assigned_date, first, "same rep, same date")
        prospect.user_id = False
        self.assertFalse(prospect.user_assigned_date)
