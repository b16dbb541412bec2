import xmlrpc.client
from contextlib import contextmanager
from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user
from odoo.tests import common as odoo_test_common
from odoo.tools import mute_logger

# Chromium writes its DevTools port within two seconds here, but once, on a
# busy CI machine, not within the ten seconds Odoo waits: Odoo then skips the
# tour, which tools/test counts as a failure. The tours wait up to thirty.
odoo_test_common.CHECK_BROWSER_ITERATIONS = max(
    odoo_test_common.CHECK_BROWSER_ITERATIONS, 300
)


# Odoo's XML-RPC fault codes: a UserError (or ValidationError), an AccessError.
RPC_USER_ERROR = 2
RPC_ACCESS_ERROR = 4


class RpcCallsMixin:
    """Calls over XML-RPC as a given user, for an HttpCase: what an outside
    client of the running server can do."""

    def _call(self, user, model, method, *args, **kwargs):
        # What the test wrote goes to the database before the server reads it.
        self.env.flush_all()
        try:
            with mute_logger("odoo.http"):
                return self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname, user.id, user.login, model, method, args, kwargs
                )
        finally:
            self.env.invalidate_all()

    def _fault(self, user, model, method, *args, **kwargs):
        """The fault code (and message) of a call expected to be refused."""
        try:
            self._call(user, model, method, *args, **kwargs)
        except xmlrpc.client.Fault as fault:
            return fault.faultCode, fault.faultString
        self.fail(f"{model}.{method}{args} by {user.login} was not refused")


class SolisCase(TransactionCase):
    """Two reps with a client each, a manager who sees all, an administrator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.rep = new_test_user(
            cls.env,
            login="solis_rep",
            groups="sales_team.group_sale_salesman",
            name="Rep One",
            email="rep.one@example.com",
        )
        cls.other_rep = new_test_user(
            cls.env,
            login="solis_other_rep",
            groups="sales_team.group_sale_salesman",
            name="Rep Two",
            email="rep.two@example.com",
        )
        cls.sales_manager = new_test_user(
            cls.env,
            login="solis_all_docs",
            groups="sales_team.group_sale_salesman_all_leads",
            name="Team Lead",
        )
        cls.sales_admin = new_test_user(
            cls.env,
            login="solis_admin",
            groups="sales_team.group_sale_manager",
            name="Sales Admin",
        )
        cls.internal_user = new_test_user(
            cls.env,
            login="solis_internal",
            groups="base.group_user",
            name="Clerk",
        )
        ref = cls.env.ref
        cls.type_phone = ref("solis_sales_process.visit_type_phone")
        cls.type_premises = ref("solis_sales_process.visit_type_premises")
        cls.status_contact = ref("solis_sales_process.visit_status_contact")
        cls.status_initial = ref("solis_sales_process.visit_status_initial_contact")
        cls.class_a = ref("solis_sales_process.client_class_a")
        Partner = cls.env["res.partner"]
        cls.client = Partner.create(
            {
                "name": "Alpha Industries",
                "is_company": True,
                "user_id": cls.rep.id,
                "client_class_id": cls.class_a.id,
            }
        )
        cls.client_contact = Partner.create(
            {"name": "Ana Pop", "parent_id": cls.client.id}
        )
        cls.other_client = Partner.create(
            {"name": "Beta Trading", "is_company": True, "user_id": cls.other_rep.id}
        )

    @classmethod
    def _visit(cls, partner, user=None, when="2026-03-10 09:00:00", **values):
        values = {
            "partner_id": partner.id,
            "user_id": (user or cls.rep).id,
            "visit_date": when
            if isinstance(when, datetime)
            else datetime.fromisoformat(when),
            "type_id": cls.type_phone.id,
            "status_id": cls.status_contact.id,
            **values,
        }
        return cls.env["solis.visit"].create(values)

    @classmethod
    def _second_company_and_its_users(cls, login_prefix):
        """Another company with a rep and a team lead of its own; the first
        company's reps and team lead get Odoo's default "Contact Creation"
        right, as users created with the default settings have it."""
        partner_manager = cls.env.ref("base.group_partner_manager")
        for user in (cls.rep, cls.other_rep, cls.sales_manager):
            user.groups_id = [Command.link(partner_manager.id)]
        cls.company_2 = cls.env["res.company"].create({"name": "Second Co"})

        def user_of_company_2(login, group, name):
            return new_test_user(
                cls.env,
                login=f"{login_prefix}_{login}",
                groups=group,
                name=name,
                company_id=cls.company_2.id,
                company_ids=[Command.set(cls.company_2.ids)],
            )

        cls.rep_2 = user_of_company_2(
            "rep_2", "sales_team.group_sale_salesman", "Rep Of Second Co"
        )
        cls.lead_2 = user_of_company_2(
            "lead_2", "sales_team.group_sale_salesman_all_leads", "Lead Of Second Co"
        )

    @contextmanager
    def assertRaisesMessage(self, exception, text):
        """assertRaises (which rolls the failed change back) that also reads
        the message the user gets."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))
