from datetime import datetime, time, timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .test_tour import SolisTourCase

MY_DAY_ACTION = "solis_sales_process.solis_my_day_action"
# A tour that opens some sixty lists and comes back each time: more than the
# runner's default minute on a busy machine.
TOUR_TIMEOUT = 600


class DashboardButtonsCase(SolisTourCase):
    """The tour's rep has two visits this month and nothing else: some of his
    cards are 0, others are not."""

    def _press_every_button(self, tour):
        self._manager_story()
        self.start_tour(
            f"/odoo/sales-process?user_id={self.rep.id}",
            tour,
            login="admin",
            timeout=TOUR_TIMEOUT,
        )


@tagged("post_install", "-at_install")
class TestDashboardButtons(DashboardButtonsCase):
    def test_every_button_and_card_of_the_dashboard(self):
        self._press_every_button("solis_dashboard_buttons_tour")


@tagged("post_install", "-at_install")
class TestDashboardButtonsOnAPhone(DashboardButtonsCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_every_button_and_card_of_the_dashboard_on_a_phone(self):
        self._press_every_button("solis_dashboard_buttons_phone_tour")


class MyDayButtonsCase(SolisTourCase):
    """The tour's rep: an overdue follow-up and a visit planned today at his
    client, who has an open offer, and 61 follow-ups due today at another
    client: 63 things to do, 60 shown."""

    def _press_every_button(self, tour):
        self.client_partner.write({"phone": "0721 000 111", "city": "Cluj-Napoca"})
        now = fields.Datetime.now()
        today = now.date()
        Visit = self.env["solis.visit"]
        Visit.create(
            {
                "partner_id": self.client_partner.id,
                "user_id": self.rep.id,
                "name": "First meeting",
                "visit_date": now - timedelta(days=3),
                "next_contact_date": today - timedelta(days=1),
                "next_contact_note": "Send the price list",
            }
        )
        planned = Visit.create(
            {
                "partner_id": self.client_partner.id,
                "user_id": self.rep.id,
                "name": "Show the catalogue",
                "state": "planned",
                "visit_date": datetime.combine(today, time(0, 30)),
            }
        )
        other_client = self.env["res.partner"].create(
            {"name": "Busy Day SRL", "is_company": True, "user_id": self.rep.id}
        )
        Visit.create(
            [
                {
                    "partner_id": other_client.id,
                    "user_id": self.rep.id,
                    "name": f"Call {number}",
                    "visit_date": now - timedelta(days=2),
                    "next_contact_date": today,
                }
                for number in range(61)
            ]
        )
        product = self.env["product.product"].create({"name": "Tour Panel"})
        offer = self.env["sale.order"].create(
            {
                "partner_id": self.client_partner.id,
                "user_id": self.rep.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        offer.action_quotation_sent()
        self.start_tour("/odoo/my-day", tour, login="tour_rep")
        # Only the home page changed: the tour discarded what it opened.
        self.assertEqual(self.rep.action_id.id, self.env.ref(MY_DAY_ACTION).id)
        self.assertEqual(planned.state, "planned")
        self.assertEqual(Visit.search_count([("user_id", "=", self.rep.id)]), 63)


@tagged("post_install", "-at_install")
class TestMyDayButtons(MyDayButtonsCase):
    def test_every_button_of_my_day(self):
        self._press_every_button("solis_my_day_buttons_tour")


@tagged("post_install", "-at_install")
class TestMyDayButtonsOnAPhone(MyDayButtonsCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_every_button_of_my_day_on_a_phone(self):
        self._press_every_button("solis_my_day_buttons_phone_tour")
