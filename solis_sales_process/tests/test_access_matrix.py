from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import SolisCase

OPERATIONS = ("read", "write", "create", "unlink")


class TestAccessMatrix(SolisCase):
    """Who may do what, model by model, through the ORM as each user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="solis_portal", groups="base.group_portal"
        )
        cls.users = {
            "portal": cls.portal,
            "internal": cls.internal_user,
            "own_documents": cls.rep,
            "all_documents": cls.sales_manager,
            "administrator": cls.sales_admin,
        }
        cls.own_visit = cls._visit(cls.client, user=cls.rep)
        cls.foreign_visit = cls._visit(cls.other_client, user=cls.other_rep)

    def _try(self, user, model, operation, record=None):
        Model = self.env[model].with_user(user)
        try:
            with self.env.cr.savepoint():
                if operation == "create":
                    Model.create(self._create_values(model))
                elif operation == "read":
                    record.with_user(user).read(["display_name"])
                elif operation == "write":
                    record.with_user(user).write({"name": "Renamed"})
                else:
                    record.with_user(user).unlink()
                self.env.flush_all()
                raise _Undo
        except _Undo:
            return True
        except AccessError:
            return False
        finally:
            self.env.invalidate_all()

    def _create_values(self, model):
        if model == "solis.visit":
            return {"partner_id": self.client.id, "user_id": self.rep.id}
        return {"name": "New constant"}

    def _matrix(self, model, record):
        return {
            (role, operation): self._try(user, model, operation, record)
            for role, user in self.users.items()
            for operation in OPERATIONS
        }

    def _expected(self, allowed):
        return {
            (role, operation): operation in allowed.get(role, ())
            for role in self.users
            for operation in OPERATIONS
        }

    def test_visits_of_the_reps_own_clients(self):
        self.assertEqual(
            self._matrix("solis.visit", self.own_visit),
            self._expected(
                {
                    "own_documents": OPERATIONS,
                    "all_documents": OPERATIONS,
                    "administrator": OPERATIONS,
                }
            ),
        )

    def test_visits_of_another_reps_clients(self):
        self.assertEqual(
            self._matrix("solis.visit", self.foreign_visit),
            self._expected(
                {
                    "own_documents": ("create",),
                    "all_documents": OPERATIONS,
                    "administrator": OPERATIONS,
                }
            ),
        )

    def test_constants(self):
        models = (
            "solis.visit.type",
            "solis.visit.status",
            "solis.offer.status",
            "solis.offer.rejection.reason",
            "solis.client.class",
        )
        readers = ("read",)
        for model in models:
            with self.subTest(model=model):
                record = self.env[model].create({"name": "Spare"})
                self.assertEqual(
                    self._matrix(model, record),
                    self._expected(
                        {
                            "internal": readers,
                            "own_documents": readers,
                            "all_documents": readers,
                            "administrator": OPERATIONS,
                        }
                    ),
                )

    def test_report_models_are_read_only_and_follow_the_rules(self):
        reports = (
            "solis.visit.report",
            "solis.client.coverage.report",
            "solis.offer.report",
        )
        for model in reports:
            for role, user in self.users.items():
                with self.subTest(model=model, role=role):
                    Report = self.env[model].with_user(user)
                    may_read = role in (
                        "own_documents",
                        "all_documents",
                        "administrator",
                    )
                    if not may_read:
                        with self.assertRaises(AccessError):
                            Report.search([], limit=1)
                        continue
                    Report.search([], limit=1)
                    with self.assertRaises(AccessError):
                        Report.check_access("write")
        self.assertFalse(
            self.env["solis.visit.report"]
            .with_user(self.rep)
            .search([("id", "=", self.foreign_visit.id)]),
            "a rep's pivot does not count another rep's visits",
        )

    def test_partner_figures_readable_by_internal_users(self):
        client = self.client.with_user(self.internal_user)
        self.assertEqual(client.client_class_id, self.class_a)
        self.assertEqual(client.visit_count, 1)
        with self.assertRaises(AccessError):
            client.write({"client_class_id": False})

    def test_answers_refused_to_users_without_sales_rights(self):
        for user in (self.portal, self.internal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["solis.sales.review"].with_user(user).get_answers()


class TestPrivilegedPaths(SolisCase):
    """Each sudo() of the addon, from the side of a user without the right."""

    def test_figures_count_visits_the_rep_cannot_see(self):
        self._visit(self.other_client, user=self.other_rep, when="2026-03-01 09:00:00")
        Visit = self.env["solis.visit"].with_user(self.rep)
        self.assertFalse(Visit.search([("partner_id", "=", self.other_client.id)]))
        Visit.create({"partner_id": self.other_client.id, "user_id": self.rep.id})
        self.assertEqual(
            self.other_client.visit_count, 2, "his visit and the one he cannot see"
        )

    def test_rep_without_partner_rights_turns_a_prospect_into_a_client(self):
        self.assertFalse(self.rep.has_group("base.group_partner_manager"))
        self.client.is_prospect = True
        order = (
            self.env["sale.order"]
            .with_user(self.rep)
            .create({"partner_id": self.client.id})
        )
        order.action_confirm()
        self.assertFalse(self.client.is_prospect)


class _Undo(Exception):
    """Raised to roll a successful attempt back."""
