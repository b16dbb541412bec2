import inspect
import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

ADDON_MODULE = "odoo.addons.solis_sales_process."
# Odoo's XML-RPC fault code for an AccessError.
RPC_ACCESS_ERROR = 4


def addon_public_methods(env):
    """``{(model, method): is_model_method}`` of every ``action_*`` and
    ``get_*`` method the addon defines, found in the registry's classes so
    that a method added later is tested without being listed here."""
    found = {}
    for name in env.registry:
        for cls in type(env[name]).__mro__:
            if not cls.__module__.startswith(ADDON_MODULE):
                continue
            for attr, member in vars(cls).items():
                if attr.startswith(("action_", "get_")) and inspect.isfunction(member):
                    found[name, attr] = getattr(member, "_api", None) == "model"
    return found


@tagged("post_install", "-at_install")
class TestPublicMethodsOverRpc(HttpCase):
    """Each public method of the addon, called over XML-RPC by a user who
    should not use it, is refused with an access error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep = new_test_user(
            cls.env, login="rpc_method_rep", groups="sales_team.group_sale_salesman"
        )
        cls.other_rep = new_test_user(
            cls.env, login="rpc_method_other", groups="sales_team.group_sale_salesman"
        )
        cls.portal = new_test_user(
            cls.env, login="rpc_method_portal", groups="base.group_portal"
        )
        cls.team_lead = new_test_user(
            cls.env,
            login="rpc_method_lead",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        Partner = cls.env["res.partner"]
        cls.their_client = Partner.create(
            {"name": "Theirs SRL", "is_company": True, "user_id": cls.other_rep.id}
        )
        cls.their_visit = cls.env["solis.visit"].create(
            {
                "partner_id": cls.their_client.id,
                "user_id": cls.other_rep.id,
                "next_contact_date": "2099-01-01",
            }
        )
        product = cls.env["product.product"].create({"name": "Panel"})
        cls.their_offer = cls.env["sale.order"].create(
            {
                "partner_id": cls.their_client.id,
                "user_id": cls.other_rep.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        cls.their_offer.action_quotation_sent()
        # The other rep's own screens: wizards belong to whoever made them.
        as_other = cls.env(user=cls.other_rep)
        cls.their_records = {
            "solis.visit": cls.their_visit,
            "sale.order": cls.their_offer,
            "solis.offer.reject": as_other["solis.offer.reject"].create(
                {
                    "order_ids": [(6, 0, cls.their_offer.ids)],
                    "rejection_reason_id": cls.env.ref(
                        "solis_sales_process.offer_rejection_reason_price"
                    ).id,
                }
            ),
            "solis.offer.postpone": as_other["solis.offer.postpone"].create(
                {
                    "order_ids": [(6, 0, cls.their_offer.ids)],
                    "postponed_until": "2099-01-01",
                }
            ),
            # A team lead's: reps may not move visits at all.
            "solis.visit.reassign": cls.env(user=cls.team_lead)[
                "solis.visit.reassign"
            ].create({"from_user_id": cls.other_rep.id, "to_user_id": cls.rep.id}),
            "res.partner": cls.their_client,
            "res.users": cls.other_rep,
        }
        cls.methods = addon_public_methods(cls.env)

    def _refused(self, user, model, method, record):
        args = [] if self.methods[model, method] else [record.ids]
        try:
            with mute_logger("odoo.http"):
                self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname, user.id, user.login, model, method, args, {}
                )
        except xmlrpc.client.Fault as fault:
            return fault.faultCode == RPC_ACCESS_ERROR or fault.faultString
        return False

    def test_the_methods_are_found(self):
        self.assertIn(("solis.sales.review", "get_answers"), self.methods)
        self.assertIn(("solis.sales.review", "get_period_answers"), self.methods)
        self.assertIn(("sale.order", "action_offer_renegotiate"), self.methods)
        self.assertIn(("solis.visit", "action_followup_done"), self.methods)
        self.assertTrue(self.methods["solis.sales.dashboard", "get_dashboard"])

    def test_a_rep_gets_his_own_answers(self):
        """Asked for nobody in particular, a rep gets his own figures, in
        values XML-RPC can carry (no None)."""
        review = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.other_rep.id,
            self.other_rep.login,
            "solis.sales.review",
            "get_answers",
            [],
            {"date_from": "2000-01-01", "user_ids": False},
        )
        self.assertEqual(review["user_ids"], [self.other_rep.id])
        answers = review["answers"]
        self.assertEqual(answers["visits_done"]["value"], 1)
        self.assertEqual(answers["visits_done"]["model"], "solis.visit")
        self.assertEqual(answers["median_days_offer_to_order"]["value"], False)

    def test_portal_user_is_refused_every_method(self):
        for model, method in sorted(self.methods):
            record = self.their_records.get(model, self.env[model])
            if model == "res.users":
                record = self.portal  # even on his own user
            with self.subTest(method=f"{model}.{method}"):
                self.assertIs(self._refused(self.portal, model, method, record), True)

    def test_rep_is_refused_every_method_on_another_reps_records(self):
        """Except what only opens a list or a form filtered by the record
        rules (a client's visits, a rep's e-mail preview, his dashboard):
        the rep sees there what he may see, and nothing of the other rep's."""
        harmless = {
            ("res.partner", "action_open_visits"),
            ("res.partner", "action_log_visit"),
            ("res.users", "action_preview_sales_digest"),
            ("solis.sales.review", "get_answers"),
            ("solis.sales.review", "get_period_answers"),
            # His own figures, whatever rep he asks for.
            ("solis.sales.dashboard", "get_dashboard"),
            ("solis.sales.dashboard", "get_choices"),
            ("solis.sales.dashboard", "get_workbook_review"),
            # His own day, and his own home page.
            ("solis.my.day", "get_my_day"),
            ("solis.my.day", "action_make_my_home"),
            # The import templates of records he may create (static files).
            ("res.partner", "get_import_templates"),
            ("sale.order", "get_import_templates"),
            ("solis.visit", "get_import_templates"),
        }
        for model, method in sorted(set(self.methods) - harmless):
            with self.subTest(method=f"{model}.{method}"):
                self.assertIs(
                    self._refused(self.rep, model, method, self.their_records[model]),
                    True,
                )
        self.assertFalse(self.their_visit.is_followup_done)
        self.assertEqual(self.their_visit.state, "done")
        self.assertEqual(self.their_offer.offer_status_kind, "initiated")
