import xmlrpc.client

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SolisCase

OPERATIONS = ("read", "write", "create", "unlink")
READ = ("read",)
SALES = ("own_documents", "all_documents", "administrator")

CONSTANT_MODELS = (
    "solis.visit.type",
    "solis.visit.status",
    "solis.offer.status",
    "solis.offer.rejection.reason",
    "solis.client.class",
)
REPORT_MODELS = (
    "solis.visit.report",
    "solis.client.coverage.report",
    "solis.offer.report",
)

# What each group may do, by model: the specification both matrices check.
OWN_VISIT = dict.fromkeys(SALES, OPERATIONS)
FOREIGN_VISIT = {
    "own_documents": ("create",),
    "all_documents": OPERATIONS,
    "administrator": OPERATIONS,
}
CONSTANT = {
    "internal": READ,
    "own_documents": READ,
    "all_documents": READ,
    "administrator": OPERATIONS,
}
REPORT = dict.fromkeys(SALES, READ)


class AccessMatrixMixin:
    """The matrix of who may do what; each test class says how an attempt is
    made (through the ORM, over RPC). Not a test case itself, so that no
    runner collects it without a way to attempt."""

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

    def _attempt(self, user, model, operation, record, values=None):
        """True when ``user`` may do ``operation``, False when refused.
        ``values``: the fields to read, or the values to write or create."""
        raise NotImplementedError

    def _create_values(self, model):
        if model == "solis.visit":
            return {"partner_id": self.client.id, "user_id": self.rep.id}
        return {"name": "New constant"}

    def _matrix(self, model, make_record, values=None):
        """Each attempt on a record of its own, so that a deletion allowed to
        one group does not hide the record from the next. ``values``: what
        to create and write, by operation."""
        values = values or {}
        return {
            (role, operation): self._attempt(
                user, model, operation, make_record(), values.get(operation)
            )
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
            self._matrix("solis.visit", lambda: self._visit(self.client)),
            self._expected(OWN_VISIT),
        )

    def test_visits_of_another_reps_clients(self):
        self.assertEqual(
            self._matrix(
                "solis.visit",
                lambda: self._visit(self.other_client, user=self.other_rep),
            ),
            self._expected(FOREIGN_VISIT),
        )

    def test_constants(self):
        for model in CONSTANT_MODELS:
            with self.subTest(model=model):
                self.assertEqual(
                    self._matrix(
                        model, lambda m=model: self.env[m].create({"name": "Spare"})
                    ),
                    self._expected(CONSTANT),
                )

    def test_wizards_belong_to_whoever_made_them(self):
        """Salesmen open the addon's wizards; nobody reads, changes or runs
        a wizard another user made, not even the sales administrator."""
        offer = self.env["sale.order"].create(
            {"partner_id": self.client.id, "user_id": self.rep.id}
        )
        reason = self.env.ref("solis_sales_process.offer_rejection_reason_price")
        wizards = {
            "solis.offer.reject": (
                {"order_ids": [(6, 0, offer.ids)], "rejection_reason_id": reason.id},
                {"rejection_reason_id": reason.id},
            ),
            "solis.offer.postpone": (
                {"order_ids": [(6, 0, offer.ids)], "postponed_until": "2099-01-01"},
                {"postponed_until": "2099-02-01"},
            ),
            "solis.sales.digest.preview": ({}, {"date": "2099-01-01"}),
        }
        for model, (create_values, write_values) in wizards.items():
            with self.subTest(model=model):
                self.assertEqual(
                    self._matrix(
                        model,
                        lambda m=model, v=create_values: self.env[m].create(v),
                        {"create": create_values, "write": write_values},
                    ),
                    self._expected(dict.fromkeys(SALES, ("create",))),
                )

    def test_moving_planned_visits_is_for_team_leads(self):
        """A plain rep may not hand another rep's planned visits over: he
        does not even open the wizard."""
        values = {"from_user_id": self.rep.id, "to_user_id": self.other_rep.id}
        self.assertEqual(
            self._matrix(
                "solis.visit.reassign",
                lambda: self.env["solis.visit.reassign"].create(values),
                {"create": values, "write": {"to_user_id": self.rep.id}},
            ),
            self._expected(
                dict.fromkeys(("all_documents", "administrator"), ("create",))
            ),
        )

    def test_report_rows_follow_the_visit_rules(self):
        """A rep reads his own rows of the visit analysis, not another rep's:
        the SQL view is no way around the record rules."""
        own = self._visit(self.client)
        foreign = self._visit(self.other_client, user=self.other_rep)
        Report = self.env["solis.visit.report"]
        self.assertEqual(
            {
                (role, name): self._attempt(
                    user, Report._name, "read", Report.browse(visit.id)
                )
                for role, user in self.users.items()
                for name, visit in (("own", own), ("foreign", foreign))
            },
            {
                (role, name): role in SALES
                and (name == "own" or role != "own_documents")
                for role in self.users
                for name in ("own", "foreign")
            },
        )

    def test_partner_fields(self):
        """The addon's fields on the client are read by every internal user
        and written by those Odoo lets edit contacts (of these groups, the
        sales administrator): the addon grants no partner right of its own."""
        self._visit(self.client)
        fields_added = [
            "client_class_id",
            "is_prospect",
            "user_assigned_date",
            "visit_count",
            "first_contact_date",
            "last_contact_date",
            "last_visit_date",
            "next_contact_date",
            "offer_stage",
        ]
        changes = {"client_class_id": False, "is_prospect": True}
        self.assertEqual(
            {
                (role, operation): self._attempt(
                    user,
                    "res.partner",
                    operation,
                    self.client,
                    fields_added if operation == "read" else changes,
                )
                for role, user in self.users.items()
                for operation in ("read", "write")
            },
            {
                (role, operation): role != "portal"
                and (operation == "read" or role == "administrator")
                for role in self.users
                for operation in ("read", "write")
            },
        )

    def test_rep_of_another_company_reads_nothing(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign_rep = new_test_user(
            self.env,
            login="solis_foreign_rep",
            groups="sales_team.group_sale_salesman_all_leads",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        visit = self._visit(self.client)
        private_type = self.env["solis.visit.type"].create(
            {"name": "Our own type", "company_id": self.company.id}
        )
        self.client.company_id = self.company
        for model, record in (
            ("solis.visit", visit),
            ("solis.visit.type", private_type),
            ("solis.visit.report", self.env["solis.visit.report"].browse(visit.id)),
            ("res.partner", self.client),
        ):
            with self.subTest(model=model):
                self.assertFalse(self._attempt(foreign_rep, model, "read", record))


class TestAccessMatrix(AccessMatrixMixin, SolisCase):
    """Who may do what, model by model, through the ORM as each user."""

    # Odoo's runner only runs the test methods a class defines itself.
    allow_inherited_tests_method = True

    def _attempt(self, user, model, operation, record, values=None):
        Model = self.env[model].with_user(user)
        try:
            with self.env.cr.savepoint():
                if operation == "create":
                    Model.create(
                        self._create_values(model) if values is None else values
                    )
                elif operation == "read":
                    record.with_user(user).read(values or ["display_name"])
                elif operation == "write":
                    record.with_user(user).write(values or {"name": "Renamed"})
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

    def test_report_models_are_read_only_and_follow_the_rules(self):
        foreign_visit = self._visit(self.other_client, user=self.other_rep)
        for model in REPORT_MODELS:
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
            .search([("id", "=", foreign_visit.id)]),
            "a rep's pivot does not count another rep's visits",
        )

    def test_each_user_finds_the_visits_he_may_read(self):
        """A search finds what the matrix lets each user read, and a rep's
        client's visits include those a colleague made there."""
        own_visit = self._visit(self.client)
        colleague_on_my_client = self._visit(self.client, user=self.other_rep)
        other_visit = self._visit(self.other_client, user=self.other_rep)
        visits = own_visit | colleague_on_my_client | other_visit
        expected = {
            "internal": None,
            "portal": None,
            "own_documents": own_visit | colleague_on_my_client,
            "all_documents": visits,
            "administrator": visits,
        }
        for role, user in self.users.items():
            with self.subTest(role=role):
                Visit = self.env["solis.visit"].with_user(user)
                if expected[role] is None:
                    with self.assertRaises(AccessError):
                        Visit.search([("id", "in", visits.ids)])
                    continue
                self.assertEqual(
                    Visit.search([("id", "in", visits.ids)]), expected[role]
                )
        self.assertEqual(
            self.env["solis.visit"]
            .with_user(self.other_rep)
            .search([("id", "in", visits.ids)]),
            colleague_on_my_client | other_visit,
            "the other rep finds his own visit at our client, not ours",
        )
        # What he finds, he may change, as for his own visits.
        self.assertTrue(
            self._attempt(self.rep, "solis.visit", "write", colleague_on_my_client)
        )

    def test_partner_figures_readable_by_internal_users(self):
        self._visit(self.client)
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

    def test_constant_used_only_in_another_company_stays(self):
        """The sales administrator of one company cannot read the visits of
        another; a visit type they use is still not deleted under them."""
        other_company = self.env["res.company"].create({"name": "Other Co"})
        shared_type = self.env["solis.visit.type"].create({"name": "Fair stand"})
        # A visit goes to a rep of its company.
        self.other_rep.company_ids = [(4, other_company.id)]
        self.env["solis.visit"].with_company(other_company).create(
            {
                "partner_id": self.other_client.id,
                "user_id": self.other_rep.id,
                "company_id": other_company.id,
                "type_id": shared_type.id,
            }
        )
        admin = self.sales_admin
        self.assertEqual(admin.company_ids, self.company)
        self.assertFalse(
            self.env["solis.visit"]
            .with_user(admin)
            .search([("type_id", "=", shared_type.id)])
        )
        with self.assertRaisesMessage(UserError, "Archive it instead"):
            shared_type.with_user(admin).unlink()
        self.assertTrue(shared_type.exists())


@tagged("post_install", "-at_install")
class TestAccessMatrixRpc(AccessMatrixMixin, HttpCase, SolisCase):
    """The same matrix over XML-RPC on the running server: what the web
    client, the mobile app and integrations go through."""

    allow_inherited_tests_method = True

    def _attempt(self, user, model, operation, record, values=None):
        if operation == "create":
            args, kwargs = (
                [self._create_values(model) if values is None else values],
                {},
            )
        elif operation == "read":
            args, kwargs = [record.ids], {"fields": values or ["display_name"]}
        elif operation == "write":
            args, kwargs = [record.ids, values or {"name": "Renamed"}], {}
        else:
            args, kwargs = [record.ids], {}
        try:
            with mute_logger("odoo.http"):
                self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname,
                    user.id,
                    user.login,
                    model,
                    operation,
                    args,
                    kwargs,
                )
        except xmlrpc.client.Fault as fault:
            if fault.faultCode == RPC_ACCESS_ERROR:
                return False
            raise
        finally:
            self.env.invalidate_all()
        return True


# Odoo's XML-RPC fault code for an AccessError.
RPC_ACCESS_ERROR = 4


class _Undo(Exception):
    """Raised to roll a successful attempt back."""
