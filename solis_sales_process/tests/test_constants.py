from odoo.exceptions import UserError, ValidationError

from .common import SolisCase


class TestConstants(SolisCase):
    def test_defaults_are_installed_with_their_kinds(self):
        def names(model):
            return set(self.env[model].search([]).mapped("name"))

        self.assertLessEqual(
            {"Phone", "At the client's premises", "Telepresence", "Offer request"},
            names("solis.visit.type"),
        )
        statuses = self.env["solis.visit.status"].search([])
        self.assertEqual(
            {"initial_contact", "contact", "offer", "offer_followup"},
            set(statuses.mapped("kind")),
        )
        offer_kinds = set(self.env["solis.offer.status"].search([]).mapped("kind"))
        self.assertEqual(
            {
                "initiated",
                "confirmed",
                "followup",
                "renegotiated",
                "accepted",
                "rejected",
                "postponed",
            },
            offer_kinds,
        )
        self.assertLessEqual(
            {"Price", "Competition", "Other reasons"},
            names("solis.offer.rejection.reason"),
        )
        important = self.env["solis.client.class"].search([("is_important", "=", True)])
        self.assertEqual({"A", "B"}, set(important.mapped("name")))
        self.assertTrue(self.type_premises.is_in_person)
        self.assertFalse(self.type_phone.is_in_person)

    def test_archived_type_keeps_old_visits_readable(self):
        visit = self._visit(self.client, type_id=self.type_premises.id)
        self.type_premises.action_archive()
        visit.invalidate_recordset()
        self.assertEqual(visit.type_id, self.type_premises)
        self.assertEqual(visit.type_id.name, "At the client's premises")
        self.assertNotIn(self.type_premises, self.env["solis.visit.type"].search([]))

    def test_constant_in_use_cannot_be_deleted(self):
        self._visit(self.client, status_id=self.status_initial.id)
        with self.assertRaisesMessage(UserError, "Archive it instead"):
            self.status_initial.unlink()
        self.assertTrue(self.status_initial.exists())
        with self.assertRaisesMessage(UserError, "Archive it instead"):
            self.class_a.unlink()

    def test_unused_constant_can_be_deleted(self):
        spare = self.env["solis.visit.type"].create({"name": "Trade fair"})
        spare.unlink()
        self.assertFalse(spare.exists())

    def test_target_interval_must_be_positive(self):
        with self.assertRaisesMessage(ValidationError, "at least one day"):
            self.env["solis.client.class"].create(
                {"name": "Z", "visit_interval_days": 0}
            )
