import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestRpc(HttpCase):
    """What a rep can reach over XML-RPC is what the record rules let him see."""

    def setUp(self):
        super().setUp()
        self.rep = new_test_user(
            self.env,
            login="rpc_rep",
            password="rpc_rep_pw",
            groups="sales_team.group_sale_salesman",
        )
        other_rep = new_test_user(
            self.env, login="rpc_other", groups="sales_team.group_sale_salesman"
        )
        Partner = self.env["res.partner"]
        mine = Partner.create({"name": "Mine SRL", "user_id": self.rep.id})
        theirs = Partner.create({"name": "Theirs SRL", "user_id": other_rep.id})
        Visit = self.env["solis.visit"]
        self.my_visit = Visit.create({"partner_id": mine.id, "user_id": self.rep.id})
        self.their_visit = Visit.create(
            {"partner_id": theirs.id, "user_id": other_rep.id}
        )
        self.models = self.xmlrpc_object

    def _call(self, method, *args, **kwargs):
        return self.models.execute_kw(
            self.env.cr.dbname,
            self.rep.id,
            "rpc_rep_pw",
            "solis.visit",
            method,
            list(args),
            kwargs,
        )

    @mute_logger("odoo.http")
    def test_rep_reads_only_his_visits_over_rpc(self):
        found = self._call(
            "search", [("id", "in", [self.my_visit.id, self.their_visit.id])]
        )
        self.assertEqual(found, [self.my_visit.id])
        with self.assertRaisesRegex(xmlrpc.client.Fault, "AccessError|access"):
            self._call("read", [self.their_visit.id], fields=["partner_id"])
        with self.assertRaisesRegex(xmlrpc.client.Fault, "AccessError|access"):
            self._call("write", [self.their_visit.id], {"name": "taken over"})
        self.assertFalse(self.their_visit.name)

    def test_rep_gets_his_own_answers_over_rpc(self):
        review = self.models.execute_kw(
            self.env.cr.dbname,
            self.rep.id,
            "rpc_rep_pw",
            "solis.sales.review",
            "get_answers",
            [],
            {"date_from": "2000-01-01", "user_ids": False},
        )
        self.assertEqual(review["user_ids"], [self.rep.id])
        self.assertEqual(review["answers"]["visits_done"]["value"], 1)
        self.assertEqual(review["answers"]["visits_done"]["model"], "solis.visit")
        self.assertEqual(
            review["answers"]["median_days_offer_to_order"]["value"], False
        )

    @mute_logger("odoo.http")
    def test_portal_user_is_refused_over_rpc(self):
        portal = new_test_user(
            self.env,
            login="rpc_portal",
            password="rpc_portal_pw",
            groups="base.group_portal",
        )
        calls = [
            ("solis.sales.review", "get_answers", [], {}),
            ("solis.visit", "search_read", [[]], {"fields": ["name"]}),
            ("solis.visit", "action_followup_done", [[self.my_visit.id]], {}),
            ("solis.visit.report", "read_group", [[], ["user_id"], ["user_id"]], {}),
            ("solis.sales.dashboard", "get_dashboard", [], {}),
        ]
        for model, method, args, kwargs in calls:
            with (
                self.subTest(method=f"{model}.{method}"),
                self.assertRaisesRegex(
                    xmlrpc.client.Fault, "AccessError|access|not allowed"
                ),
            ):
                self.models.execute_kw(
                    self.env.cr.dbname,
                    portal.id,
                    "rpc_portal_pw",
                    model,
                    method,
                    args,
                    kwargs,
                )

    @mute_logger("odoo.http")
    def test_rep_cannot_act_on_another_reps_visit_over_rpc(self):
        for method in ("action_followup_done", "action_cancel", "action_create_offer"):
            with (
                self.subTest(method=method),
                self.assertRaisesRegex(
                    xmlrpc.client.Fault, "AccessError|access|not allowed"
                ),
            ):
                self._call(method, [self.their_visit.id])
        self.assertEqual(self.their_visit.state, "done")
