"""Trust III, over RPC as the users named: planned visits stay with whoever
may read them, in the calendar, in other hands, in the nightly jobs; bad
input gets a clear refusal."""

import importlib.util
import json
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tools import file_path, mute_logger

from .common import RPC_ACCESS_ERROR, RPC_USER_ERROR, RpcCallsMixin, SolisCase

CLIENT_PHONE = "+40 268 555 777"


@tagged("post_install", "-at_install")
class TestTrustVisitsRpc(RpcCallsMixin, HttpCase, SolisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._second_company_and_its_users("trust3")
        cls.outsider = cls.env["res.partner"].create(
            {"name": "Outsider", "email": "outsider@example.org"}
        )
        cls.client.write(
            {"street": "Strada Lunga 5", "city": "Brasov", "phone": CLIENT_PHONE}
        )
        cls.when = (datetime.now() + timedelta(days=3)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )

    # ------------------------------------------------------------------
    def _json_call(self, user, model, method, *args, **kwargs):
        """The error (name, message) of a JSON-RPC call, or its result."""
        self.env.flush_all()
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    user.id,
                    user.login,
                    model,
                    method,
                    list(args),
                    kwargs,
                ],
            },
        }
        try:
            with mute_logger("odoo.http"):
                response = self.url_open(
                    "/jsonrpc",
                    data=json.dumps(payload),
                    headers={"Content-Type": "application/json"},
                ).json()
        finally:
            self.env.invalidate_all()
        if "error" in response:
            data = response["error"]["data"]
            return data["name"], data["message"]
        return response["result"]

    def _plan(self, user=None, **values):
        user = user or self.rep
        visit_id = self._call(
            user,
            "solis.visit",
            "create",
            {
                "partner_id": self.client.id,
                "user_id": user.id,
                "visit_date": fields.Datetime.to_string(self.when),
                "type_id": self.type_premises.id,
                "state": "planned",
                "name": "Talk about the secret tender",
                **values,
            },
        )
        return self.env["solis.visit"].browse(visit_id)

    # ------------------------------------------------------------------
    # 1. A planned visit's event shows the visit only to who may read it
    # ------------------------------------------------------------------
    def test_visit_event_shows_busy_to_who_may_not_read_the_visit(self):
        event = self._plan().calendar_event_id
        self.assertTrue(event)
        fields_read = ["name", "description", "location", "partner_ids", "res_id"]
        for user in (self.other_rep, self.lead_2, self.internal_user):
            with self.subTest(user=user.login):
                [row] = self._call(
                    user,
                    "calendar.event",
                    "search_read",
                    [("id", "=", event.id)],
                    fields_read,
                )
                self.assertEqual(row["name"], "Busy")
                self.assertFalse(row["description"])
                self.assertFalse(row["location"])
                self.assertFalse(row["partner_ids"])
                self.assertFalse(row["res_id"])
                self.assertNotIn(CLIENT_PHONE, str(row))
                self.assertNotIn("Alpha", str(row))
        [row] = self._call(
            self.rep, "calendar.event", "read", [event.id], ["name", "description"]
        )
        self.assertIn("Alpha Industries", row["name"])
        self.assertIn(CLIENT_PHONE, row["description"])

    def test_visit_event_attendees_change_only_through_the_visit(self):
        visit = self._plan()
        event = visit.calendar_event_id
        # Nobody may invite anybody or take the event over, not even its rep:
        # his visit decides.
        for user in (self.other_rep, self.rep):
            for values in (
                {"partner_ids": [(4, self.outsider.id, 0)]},
                {"partner_ids": [(4, user.partner_id.id, 0)]},
                {"user_id": self.other_rep.id},
                {"privacy": "public"},
            ):
                with self.subTest(user=user.login, values=values):
                    code, text = self._fault(
                        user, "calendar.event", "write", [event.id], values
                    )
                    self.assertEqual(code, RPC_USER_ERROR, text)
                    self.assertIn("change with the visit", text)
        # A colleague may not edit it at all (a private event of another).
        code, text = self._fault(
            self.other_rep, "calendar.event", "write", [event.id], {"name": "Mine"}
        )
        self.assertEqual(code, RPC_ACCESS_ERROR, text)
        code, text = self._fault(
            self.rep,
            "calendar.attendee",
            "create",
            {"event_id": event.id, "partner_id": self.outsider.id},
        )
        self.assertEqual(code, RPC_USER_ERROR, text)
        [attendee] = event.attendee_ids.ids
        code, text = self._fault(
            self.other_rep, "calendar.attendee", "unlink", [attendee]
        )
        self.assertEqual(code, RPC_USER_ERROR, text)
        self.assertEqual(event.partner_ids, self.rep.partner_id)
        self.assertEqual(event.user_id, self.rep)
        self.assertEqual(event.privacy, "private")
        # What stays his: answering, and moving the visit in his calendar.
        self._call(
            self.rep, "calendar.attendee", "write", [attendee], {"state": "accepted"}
        )
        later = self.when + timedelta(days=1)
        self._call(
            self.rep,
            "calendar.event",
            "write",
            [event.id],
            {
                "start": fields.Datetime.to_string(later),
                "stop": fields.Datetime.to_string(later + timedelta(hours=1)),
            },
        )
        self.assertEqual(visit.visit_date, later)
        # Given to another rep through the visit, the event follows.
        self._call(
            self.sales_manager,
            "solis.visit",
            "write",
            [visit.id],
            {"user_id": self.other_rep.id},
        )
        self.assertEqual(event.user_id, self.other_rep)
        self.assertEqual(event.partner_ids, self.other_rep.partner_id)

    def test_upgrade_makes_existing_visit_events_private(self):
        visit = self._plan()
        event = visit.calendar_event_id
        # As 18.0.1.6.0 left it: Odoo's default privacy, and a colleague who
        # invited himself and an outside address.
        event.with_context(solis_calendar_sync=True).write(
            {
                "privacy": False,
                "partner_ids": [
                    (4, self.other_rep.partner_id.id, 0),
                    (4, self.outsider.id, 0),
                ],
            }
        )
        unrelated = self.env["calendar.event"].create(
            {
                "name": "Team lunch",
                "start": self.when,
                "stop": self.when + timedelta(hours=1),
                "partner_ids": [Command.set(self.outsider.ids)],
            }
        )
        self.env.flush_all()
        spec = importlib.util.spec_from_file_location(
            "post_trust",
            file_path("solis_sales_process/migrations/18.0.1.7.0/post-trust.py"),
        )
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.6.0")
        self.env.invalidate_all()
        self.assertEqual(event.privacy, "private")
        self.assertEqual(event.partner_ids, self.rep.partner_id)
        self.assertEqual(event.attendee_ids.partner_id, self.rep.partner_id)
        self.assertFalse(unrelated.privacy)
        self.assertEqual(unrelated.partner_ids, self.outsider)

    # ------------------------------------------------------------------
    # 2. A visit goes only to a sales rep of its company
    # ------------------------------------------------------------------
    def test_visit_goes_only_to_a_sales_rep_of_its_company(self):
        visit = self._plan()
        for user in (self.rep_2, self.internal_user):
            with self.subTest(user=user.login):
                code, text = self._fault(
                    self.rep, "solis.visit", "write", [visit.id], {"user_id": user.id}
                )
                self.assertEqual(code, RPC_USER_ERROR, text)
                self.assertIn("is not a sales rep of", text)
                wizard = self._call(
                    self.sales_manager,
                    "solis.visit.reassign",
                    "create",
                    {"visit_ids": [(6, 0, visit.ids)], "to_user_id": user.id},
                )
                code, text = self._fault(
                    self.sales_manager,
                    "solis.visit.reassign",
                    "action_reassign",
                    [wizard],
                )
                self.assertEqual(code, RPC_USER_ERROR, text)
                self.assertIn("is not a sales rep of", text)
                code, text = self._fault(
                    self.sales_manager,
                    "res.partner",
                    "write",
                    [self.client.id],
                    {"user_id": user.id},
                )
                self.assertEqual(code, RPC_USER_ERROR, text)
                self.assertIn("is not a sales rep of", text)
                result = self._call(
                    self.sales_manager,
                    "solis.visit",
                    "load",
                    ["partner_id/.id", "user_id/.id", "visit_date", "state"],
                    [
                        [
                            str(self.client.id),
                            str(user.id),
                            "2026-03-02 09:00:00",
                            "done",
                        ]
                    ],
                )
                self.assertFalse(result["ids"])
                self.assertIn("is not a sales rep of", str(result["messages"]))
        self.assertEqual(visit.user_id, self.rep)
        self.assertEqual(visit.calendar_event_id.user_id, self.rep)
        self.assertEqual(self.client.user_id, self.rep)
        # A client with no planned visit but an open follow-up: the follow-up
        # would go to the new rep, who could not open its visit.
        self._visit(
            self.other_client,
            user=self.other_rep,
            when="2026-03-02 09:00:00",
            next_contact_date="2026-03-20",
        )
        code, text = self._fault(
            self.sales_manager,
            "res.partner",
            "write",
            [self.other_client.id],
            {"user_id": self.internal_user.id},
        )
        self.assertEqual(code, RPC_USER_ERROR, text)
        self.assertIn("is not a sales rep of", text)
        self.assertEqual(self.other_client.user_id, self.other_rep)

    @freeze_time("2026-03-10 06:00:00")
    def test_daily_email_lists_only_what_its_recipient_may_read(self):
        # A rep of both companies is given a visit of the second one; then
        # the administrator takes the second company from him.
        self.rep.write({"company_ids": [(4, self.company_2.id, 0)], "tz": "UTC"})
        client_2 = self.env["res.partner"].create(
            {
                "name": "Gamma Of Second Co",
                "is_company": True,
                "phone": "+40 700 999 111",
                "company_id": self.company_2.id,
            }
        )
        Visit = self.env["solis.visit"].with_context(solis_calendar_sync=True)
        for client, company, name in (
            (self.client, self.company, "Mine to do"),
            (client_2, self.company_2, "No longer mine"),
        ):
            Visit.create(
                {
                    "partner_id": client.id,
                    "user_id": self.rep.id,
                    "company_id": company.id,
                    "visit_date": datetime(2026, 3, 10, 10),
                    "state": "planned",
                    "name": name,
                }
            )
        self.rep.write({"company_ids": [Command.unlink(self.company_2.id)]})
        self.env["res.users"].search(
            [("id", "!=", self.rep.id)]
        ).is_sales_digest_enabled = False
        self.rep.sales_digest_date = False
        before = self.env["mail.mail"].search([]).ids
        self.env["solis.sales.digest"]._cron_send_sales_digest()
        mail = self.env["mail.mail"].search(
            [("id", "not in", before), ("recipient_ids", "in", self.rep.partner_id.ids)]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("Mine to do", mail.body_html)
        self.assertNotIn("No longer mine", mail.body_html)
        self.assertNotIn("Gamma Of Second Co", mail.body_html)
        self.assertNotIn("+40 700 999 111", mail.body_html)

    # ------------------------------------------------------------------
    # 4. Clear refusals
    # ------------------------------------------------------------------
    def test_bad_input_gets_a_clear_refusal(self):
        for day, message in (
            ("yesterday", "YYYY-MM-DD"),
            ("2026-03-10T00:00", "YYYY-MM-DD"),
            ("9999-12-31", "Dates are given"),
        ):
            with self.subTest(day=day):
                code, text = self._fault(
                    self.rep,
                    "solis.my.day",
                    "get_my_day",
                    context={"solis_today": day},
                )
                self.assertEqual(code, RPC_USER_ERROR, text)
                self.assertIn(message, text)
        visit = self._plan(visit_date=fields.Datetime.to_string(fields.Datetime.now()))
        name, message = self._json_call(
            self.rep,
            "solis.visit",
            "action_check_in",
            [visit.id],
            10**400,
            26.0,
            10,
        )
        self.assertEqual(name, "odoo.exceptions.ValidationError", message)
        self.assertIn("latitude", message)
        for period in (
            {"date_from": "0001-01-01"},
            {"date_to": "9999-12-31"},
        ):
            with self.subTest(period=period):
                code, text = self._fault(
                    self.sales_manager,
                    "solis.visit.reassign",
                    "create",
                    {
                        "from_user_id": self.rep.id,
                        "to_user_id": self.other_rep.id,
                        **period,
                    },
                )
                self.assertEqual(code, RPC_USER_ERROR, text)
                self.assertIn("Dates are given", text)
                # As the form asks, before anything is saved.
                code, text = self._fault(
                    self.sales_manager,
                    "solis.visit.reassign",
                    "onchange",
                    [],
                    {"from_user_id": self.rep.id, **period},
                    list(period),
                    {
                        "from_user_id": {},
                        **{key: {} for key in period},
                        "visit_count": {},
                    },
                )
                self.assertEqual(code, RPC_USER_ERROR, text)
                self.assertIn("Dates are given", text)


@tagged("post_install", "-at_install")
class TestTrustPlannerRpc(RpcCallsMixin, HttpCase, SolisCase):
    """One client's setting stops no other client's plan."""

    def test_recurrence_is_bounded_and_a_bad_row_is_skipped(self):
        self.rep.groups_id = [(4, self.env.ref("base.group_partner_manager").id)]
        code_text = self._fault(
            self.rep,
            "res.partner",
            "write",
            [self.client.id],
            {"visit_recurrence_interval": 2147483647, "visit_recurrence_unit": "month"},
        )
        self.assertEqual(code_text[0], RPC_USER_ERROR, code_text)
        self.assertIn("1 to 60 months", code_text[1])
        # One written before the bound (or in SQL) is skipped, and logged;
        # the client after it is planned all the same.
        Partner = self.env["res.partner"]
        Visit = self.env["solis.visit"]
        planner = self.env["solis.visit.planner"]
        # What the database held before is planned first (or skipped).
        with mute_logger("odoo.addons.solis_sales_process.models.solis_visit_planner"):
            planner._plan_visits()
        broken = Partner.create(
            {"name": "Forever Client", "is_company": True, "user_id": self.rep.id}
        )
        self.env.cr.execute(
            """UPDATE res_partner SET visit_recurrence_interval = 2147483647,
                      visit_recurrence_unit = 'month' WHERE id = %s""",
            [broken.id],
        )
        self._visit(broken, when="2026-03-10 09:00:00", type_id=self.type_premises.id)
        fine = Partner.create(
            {
                "name": "Weekly Client",
                "is_company": True,
                "user_id": self.other_rep.id,
                "visit_recurrence_interval": 1,
                "visit_recurrence_unit": "week",
            }
        )
        self.env.invalidate_all()
        with self.assertLogs(
            "odoo.addons.solis_sales_process.models.solis_visit_planner", "WARNING"
        ) as logged:
            planner._cron_plan_visits()
        self.assertIn(f"skipped client {broken.id}", "\n".join(logged.output))
        self.assertEqual(
            Visit.search_count(
                [("partner_id", "=", fine.id), ("state", "=", "planned")]
            ),
            1,
        )
        self.assertFalse(
            Visit.search_count(
                [("partner_id", "=", broken.id), ("state", "=", "planned")]
            )
        )


@tagged("post_install", "-at_install")
class TestTrustImportRpc(RpcCallsMixin, HttpCase, SolisCase):
    """A file of a client's long history with one bad row is refused in one
    recount, not one per row."""

    FIELDS = ["partner_id/.id", "user_id/.id", "visit_date", "state", "duration"]

    def _rows(self, client, count, bad_row=None):
        return [
            [
                str(client.id),
                str(self.rep.id),
                f"2025-{1 + index % 12:02d}-{1 + index % 28:02d} 09:00:00",
                "done",
                "-1" if index == bad_row else "1",
            ]
            for index in range(count)
        ]

    def _load(self, rows):
        """Odoo's import over RPC as the team lead; with the calls of the
        clients' figures' recounts: the ORM's, and the addon's one in SQL."""
        Partner = self.env.registry["res.partner"]
        compute, fill = (
            Partner._compute_visit_figures,
            Partner._solis_fill_visit_figures,
        )
        recounted, filled = [], []

        def counting_compute(records):
            recounted.extend(records.ids)
            return compute(records)

        def counting_fill(records, partner_ids=None):
            filled.append(sorted(partner_ids or []))
            return fill(records, partner_ids)

        self.env.flush_all()
        with (
            patch.object(Partner, "_compute_visit_figures", counting_compute),
            patch.object(Partner, "_solis_fill_visit_figures", counting_fill),
            mute_logger("odoo.http"),
        ):
            result = self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self.sales_manager.id,
                self.sales_manager.login,
                "solis.visit",
                "load",
                [self.FIELDS, rows],
                {"context": {"import_file": True, "tz": "UTC"}},
            )
        self.env.invalidate_all()
        return result, recounted, filled

    def test_bad_row_reported_without_a_recount_per_row(self):
        before = self.env["solis.visit"].search_count([])
        result, recounted, filled = self._load(
            self._rows(self.client, 300, bad_row=150)
        )
        self.assertFalse(result["ids"])
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors, result["messages"])
        # The row's own error (Odoo repeats it for the whole file first).
        self.assertEqual(
            {m["message"] for m in errors}, {"A visit cannot last a negative time."}
        )
        self.assertIn(150, [m["rows"]["from"] for m in errors])
        # Odoo's import is all or nothing: no row of the file is kept.
        self.assertEqual(self.env["solis.visit"].search_count([]), before)
        self.assertEqual(self.client.visit_count, 0)
        self.assertFalse(recounted, "no recount of the client after each row")
        self.assertFalse(filled, "a refused file counts nothing")

    def test_good_file_recounts_each_client_once(self):
        self._visit(self.client, when="2024-05-06 09:00:00")
        rows = self._rows(self.client, 200) + self._rows(self.other_client, 100)
        result, recounted, filled = self._load(rows)
        self.assertEqual(len(result["ids"]), 300, result["messages"])
        self.assertEqual(
            filled, [sorted((self.client | self.other_client).ids)], "once per batch"
        )
        self.assertNotIn(self.client.id, recounted)
        self.assertEqual(self.client.visit_count, 201)
        self.assertEqual(self.other_client.visit_count, 100)
        self.assertEqual(str(self.client.last_contact_date), "2025-12-28 09:00:00")
        # The figures equal a full recount in SQL: nothing is left stale.
        self.assertEqual(self.env["res.partner"]._solis_fill_visit_figures(), 0)
