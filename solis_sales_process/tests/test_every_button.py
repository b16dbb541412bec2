from odoo.tests import tagged

from .test_tour import SolisTourCase

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
