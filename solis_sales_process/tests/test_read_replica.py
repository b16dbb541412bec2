from contextlib import contextmanager
from datetime import datetime
from unittest.mock import patch

from odoo.service import model as service_model
from odoo.tests import HttpCase, tagged

from .common import SolisCase


@tagged("post_install", "-at_install")
class TestReadReplica(HttpCase, SolisCase):
    """On a server with a read replica (``db_replica_host``), Odoo serves a
    request on a read-only cursor, on the replica, when its route or RPC
    method is marked read-only, and moves it to the primary, with a warning,
    when it writes after all. Each read path of the addon must run once on a
    read-only transaction and never be moved; each write must go to the
    primary. Under the test runner a read-only request runs in a
    ``SET TRANSACTION READ ONLY`` transaction: a read path that wrote would be
    retried and show up here as ``[True, False]``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.rep, cls.sales_manager):
            user.tz = "UTC"
        cls.visit = cls._visit(cls.client, when=datetime.now().replace(microsecond=0))

    @contextmanager
    def _transactions(self):
        """The read-only flag of each transaction a request is served in."""
        read_only = []
        retrying = service_model.retrying

        def spy(func, env):
            read_only.append(env.cr.readonly)
            return retrying(func, env)

        with patch.object(service_model, "retrying", spy):
            yield read_only

    def _call(self, model, method, args=(), kwargs=None, route="call_kw"):
        with self._transactions() as read_only:
            result = self.make_jsonrpc_request(
                f"/web/dataset/{route}",
                {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs or {},
                },
            )
        return result, read_only

    def test_every_read_path_runs_on_a_read_only_cursor(self):
        self.authenticate(self.sales_manager.login, self.sales_manager.login)
        dashboard, read_only = self._call(
            "solis.sales.dashboard", "get_dashboard", [], {"user_id": self.rep.id}
        )
        self.assertEqual(read_only, [True])
        card = next(
            card
            for section in dashboard["sections"]
            for card in section["cards"]
            if card["key"] == "visits_done"
        )
        self.assertEqual(card["value"], 1)
        for model, method, args, kwargs in (
            ("solis.sales.dashboard", "get_choices", [], {}),
            ("solis.sales.dashboard", "get_workbook_review", [], {}),
            ("solis.sales.review", "get_answers", [], {}),
            # The list behind a card, as the web client opens it.
            (
                card["model"],
                "web_search_read",
                [card["domain"]],
                {"specification": {"display_name": {}}},
            ),
            # The visit analysis pivot, by rep and visit type.
            (
                "solis.visit.report",
                "web_read_group",
                [[], ["__count"], ["user_id", "type_id"]],
                {"lazy": False},
            ),
            (
                "solis.visit.report",
                "read_group",
                [[], ["__count"], ["user_id"]],
                {"lazy": False},
            ),
            (
                "solis.client.coverage.report",
                "web_read_group",
                [[], ["__count"], ["client_class_id"]],
                {},
            ),
            (
                "solis.offer.report",
                "web_read_group",
                [[], ["__count"], ["user_id"]],
                {},
            ),
        ):
            with self.subTest(model=model, method=method):
                result, read_only = self._call(model, method, args, kwargs)
                self.assertTrue(result)
                self.assertEqual(read_only, [True])
        with self._transactions() as read_only:
            response = self.url_open("/solis_sales_process/workbook?period=month")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:2], b"PK")
        self.assertEqual(read_only, [True])

    def test_the_email_preview_is_read_only_and_saves_nothing(self):
        self.authenticate(self.sales_manager.login, self.sales_manager.login)
        Preview = self.env["solis.sales.digest.preview"]
        before = Preview.search_count([])
        action, read_only = self._call(
            "res.users",
            "action_preview_sales_digest",
            [[self.rep.id]],
            route="call_button",
        )
        self.assertEqual(read_only, [True])
        self.assertEqual(action["res_model"], "solis.sales.digest.preview")
        preview, read_only = self._call(
            "solis.sales.digest.preview",
            "onchange",
            [[], {}, [], {"user_id": {}, "date": {}, "subject": {}, "body_html": {}}],
            {"context": action["context"]},
        )
        self.assertEqual(read_only, [True])
        self.assertEqual(preview["value"]["user_id"], self.rep.id)
        self.assertIn("Rep One", preview["value"]["body_html"])
        self.assertEqual(Preview.search_count([]), before)

    def test_writes_go_to_the_primary_and_are_seen_by_the_next_read(self):
        self.authenticate(self.rep.login, self.rep.login)
        visit_id, read_only = self._call(
            "solis.visit",
            "create",
            [
                {
                    "partner_id": self.client.id,
                    "user_id": self.rep.id,
                    "visit_date": datetime.now().replace(microsecond=0).isoformat(" "),
                    "type_id": self.type_phone.id,
                    "status_id": self.status_contact.id,
                }
            ],
        )
        self.assertEqual(read_only, [False])
        self.assertTrue(self.env["solis.visit"].browse(visit_id).exists())
        _result, read_only = self._call(
            "solis.visit", "write", [[visit_id], {"name": "Second call"}]
        )
        self.assertEqual(read_only, [False])
        offer_id, read_only = self._call(
            "sale.order", "create", [{"partner_id": self.client.id}]
        )
        self.assertEqual(read_only, [False])
        _result, read_only = self._call(
            "sale.order", "write", [[offer_id], {"client_order_ref": "PO-17"}]
        )
        self.assertEqual(read_only, [False])
        self.assertEqual(
            self.env["sale.order"].browse(offer_id).client_order_ref, "PO-17"
        )
        self.authenticate(self.sales_manager.login, self.sales_manager.login)
        dashboard, read_only = self._call(
            "solis.sales.dashboard", "get_dashboard", [], {"user_id": self.rep.id}
        )
        self.assertEqual(read_only, [True])
        visits_done = next(
            card["value"]
            for section in dashboard["sections"]
            for card in section["cards"]
            if card["key"] == "visits_done"
        )
        self.assertEqual(visits_done, 2)
