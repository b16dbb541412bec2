import logging
import re
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import SolisCase
from .test_tour import SolisTourCase

TODAY = "2026-03-10"


class TestMyDay(SolisCase):
    """The rep's day: what he must do today and what he forgot, and the one
    tap that answers each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client.write(
            {
                "phone": "+40 21 000 11 22",
                "street": "Strada Lunga 5",
                "city": "Brasov",
            }
        )
        cls.second_client = cls.env["res.partner"].create(
            {
                "name": "Gamma Foods",
                "is_company": True,
                "user_id": cls.rep.id,
                "partner_latitude": 45.6427,
                "partner_longitude": 25.5887,
            }
        )
        cls.late_followup = cls._visit(
            cls.client,
            when="2026-03-01 09:00:00",
            contact_id=cls.client_contact.id,
            next_contact_date=date(2026, 3, 5),
            next_contact_note="Send the price list",
        )
        cls.planned_today = cls._visit(
            cls.second_client,
            when="2026-03-10 14:00:00",
            state="planned",
            name="Show the new catalogue",
        )
        # Not his day: tomorrow's visit, next week's follow-up, another
        # rep's follow-up due today.
        cls._visit(cls.second_client, when="2026-03-11 09:00:00", state="planned")
        cls._visit(
            cls.second_client,
            when="2026-03-09 09:00:00",
            next_contact_date=date(2026, 3, 20),
        )
        cls._visit(
            cls.other_client,
            user=cls.other_rep,
            when="2026-03-09 09:00:00",
            next_contact_date=date(2026, 3, 10),
        )
        product = cls.env["product.product"].create({"name": "Panel"})
        cls.offer = cls.env["sale.order"].create(
            {
                "partner_id": cls.client_contact.id,
                "user_id": cls.rep.id,
                "order_line": [fields.Command.create({"product_id": product.id})],
            }
        )
        cls.offer.action_quotation_sent()

    def _my_day(self, user=None):
        return (
            self.env["solis.my.day"]
            .with_user(user or self.rep)
            .with_context(solis_today=TODAY, tz="UTC")
            .get_my_day()
        )

    def test_overdue_follow_up_first_then_todays_visit(self):
        day = self._my_day()
        self.assertEqual(day["today"], TODAY)
        self.assertEqual(
            [
                (item["kind"], item["visit_id"], item["days_late"])
                for item in day["items"]
            ],
            [
                ("followup", self.late_followup.id, 5),
                ("planned", self.planned_today.id, 0),
            ],
        )
        self.assertEqual(day["more"], 0)

    def test_each_item_says_how_to_reach_the_client(self):
        followup, planned = self._my_day()["items"]
        self.assertEqual(followup["what"], "Send the price list")
        self.assertEqual(followup["contact"], "Ana Pop")
        client = followup["client"]
        # Ana Pop has no phone of her own: her company's is called.
        self.assertEqual(client["phone"], "+40 21 000 11 22")
        self.assertIn("Strada Lunga 5", client["address"])
        self.assertIn("Brasov", client["map_url"])
        self.assertTrue(client["map_url"].startswith("https://www.openstreetmap.org/"))
        self.assertEqual(client["last_contact"], "2026-03-01 09:00:00")
        self.assertEqual(client["open_offers"], 1)
        # Known coordinates point the map at the client, not at a search.
        self.assertIn("mlat=45.6427", planned["client"]["map_url"])
        self.assertEqual(planned["client"]["open_offers"], 0)
        self.assertEqual(planned["what"], "Show the new catalogue")

    def test_opening_it_creates_nothing(self):
        models = ("solis.visit", "mail.activity", "mail.message", "sale.order")
        before = {model: self.env[model].sudo().search_count([]) for model in models}
        self._my_day()
        self.env.flush_all()
        after = {model: self.env[model].sudo().search_count([]) for model in models}
        self.assertEqual(after, before)

    def test_logging_the_answer_closes_the_follow_up(self):
        action = self.late_followup.with_user(self.rep).action_log_answer()
        self.assertEqual(action["target"], "new")
        self.assertNotIn("res_id", action)
        with Form(
            self.env["solis.visit"]
            .with_user(self.rep)
            .with_context(**action["context"])
        ) as dialog:
            self.assertEqual(dialog.partner_id, self.client)
            self.assertEqual(dialog.contact_id, self.client_contact)
            dialog.name = "Sent it"
            dialog.visit_date = datetime(2026, 3, 10, 10, 0)
        self.assertTrue(self.late_followup.is_followup_done)
        self.assertEqual(
            [item["kind"] for item in self._my_day()["items"]], ["planned"]
        )

    def test_logging_a_planned_visit_opens_it_to_mark_it_done(self):
        action = self.planned_today.with_user(self.rep).action_log_answer()
        self.assertEqual(
            (action["res_id"], action["target"]), (self.planned_today.id, "new")
        )
        self.planned_today.with_user(self.rep).action_mark_done()
        self.assertNotIn(
            self.planned_today.id,
            [item["visit_id"] for item in self._my_day()["items"]],
        )

    def test_another_reps_visit_is_not_logged_from_here(self):
        other_visit = self.env["solis.visit"].search(
            [("partner_id", "=", self.other_client.id)]
        )
        with self.assertRaises(AccessError):
            other_visit.with_user(self.rep).action_log_answer()

    def test_a_long_forgotten_list_is_cut_and_counted(self):
        for day in range(1, 66):
            self._visit(
                self.second_client,
                when=datetime(2025, 1, 1) + timedelta(days=day),
                state="planned",
            )
        day = self._my_day()
        self.assertEqual(len(day["items"]), 60)
        self.assertEqual(day["more"], 7)
        self.assertTrue(all(item["days_late"] > 0 for item in day["items"]))
        rest = self.env["solis.visit"].with_user(self.rep).search(day["more_domain"])
        self.assertEqual(len(rest), 67)

    def test_rep_makes_it_his_home_page(self):
        self.assertFalse(self._my_day()["is_home"])
        self.env["solis.my.day"].with_user(self.rep).action_make_my_home()
        self.assertEqual(
            self.rep.action_id.id,
            self.env.ref("solis_sales_process.solis_my_day_action").id,
        )
        self.assertTrue(self._my_day()["is_home"])

    def test_the_app_opens_on_my_day(self):
        root = self.env.ref("solis_sales_process.solis_menu_root")
        my_day = self.env.ref("solis_sales_process.solis_my_day_action")
        overview = self.env.ref("solis_sales_process.solis_sales_overview_menu")
        for user in (self.rep, self.sales_admin):
            menus = self.env["ir.ui.menu"].with_user(user).load_web_menus(False)
            with self.subTest(user=user.login):
                self.assertEqual(menus[root.id]["actionID"], my_day.id)
                self.assertIn(overview.id, menus[root.id]["children"])


class ConsoleLines(logging.Handler):
    """The browser's console, as the test's logger receives it."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@tagged("post_install", "-at_install")
class TestMyDayOnAPhone(SolisTourCase):
    browser_size = "390x844"
    touch_enabled = True

    # What the README promises: from the client's card, a visit logged in
    # at most 4 taps plus the text, and an offer from it marked as sent in
    # at most 3 more.
    MAX_TAPS_LOG_VISIT = 4
    MAX_TAPS_OFFER = 3

    def test_rep_lands_on_his_day_and_answers_a_follow_up(self):
        self.client_partner.write({"phone": "0721 000 111", "city": "Cluj-Napoca"})
        now = fields.Datetime.now()
        followup = self.env["solis.visit"].create(
            {
                "partner_id": self.client_partner.id,
                "user_id": self.rep.id,
                "name": "First meeting",
                "visit_date": now - timedelta(days=3),
                "next_contact_date": (now - timedelta(days=1)).date(),
                "next_contact_note": "Send the price list",
            }
        )
        self.env["solis.my.day"].with_user(self.rep).action_make_my_home()
        self.start_tour("/odoo", "solis_my_day_tour", login="tour_rep")
        self.assertTrue(followup.is_followup_done)
        self.assertTrue(
            self.env["solis.visit"].search(
                [
                    ("partner_id", "=", self.client_partner.id),
                    ("name", "=", "Called back about the price list"),
                    ("state", "=", "done"),
                ]
            )
        )

    def test_from_the_card_to_an_offer_sent_in_few_taps(self):
        url = (
            "/odoo/action-solis_sales_process.res_partner_action_clients/"
            f"{self.client_partner.id}"
        )
        console = ConsoleLines()
        browser_logger = logging.getLogger(f"{self._logger.name}.browser")
        browser_logger.addHandler(console)
        try:
            self.start_tour(url, "solis_fewer_taps_tour", login="tour_rep")
        finally:
            browser_logger.removeHandler(console)
        counts = [
            re.search(r"solis-taps log_visit=(\d+) offer=(\d+)", line)
            for line in console.lines
        ]
        found = next(filter(None, counts), None)
        self.assertTrue(found, f"The tour counted no taps: {console.lines}")
        log_visit, offer_taps = map(int, found.groups())
        self.assertLessEqual(log_visit, self.MAX_TAPS_LOG_VISIT)
        self.assertLessEqual(offer_taps, self.MAX_TAPS_OFFER)
        visit = self.env["solis.visit"].search(
            [("partner_id", "=", self.client_partner.id)]
        )
        self.assertEqual(visit.name, "Asked for an offer on the spring range")
        self.assertEqual(visit.state, "done")
        offer = visit.offer_ids
        self.assertEqual(offer.state, "sent")
        self.assertEqual(offer.offer_status_kind, "initiated")
