from odoo.tests import HttpCase, new_test_user, tagged

from .test_checkin import ACROSS_TOWN, CLIENT, NEXT_DOOR

NEW_VISIT_URL = "/odoo/action-solis_sales_process.solis_visit_action/new"


class CheckinTourCase(HttpCase):
    """Headless Chromium with its position fixed through the DevTools
    protocol (or refused), as the rep's browser."""

    def setUp(self):
        super().setUp()
        self.rep = new_test_user(
            self.env,
            login="checkin_rep",
            name="Checkin Rep",
            groups="sales_team.group_sale_salesman",
            tz="UTC",
        )
        self.client_partner = self.env["res.partner"].create(
            {
                "name": "Tour Geo Client SRL",
                "is_company": True,
                "user_id": self.rep.id,
                "partner_latitude": CLIENT[0],
                "partner_longitude": CLIENT[1],
            }
        )
        self.browser_position = None
        self.positions_set = 0

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        if browser:
            # Before the first page loads: the browser answers as a phone
            # standing there would, or refuses as a rep who said no.
            self._set_browser_position(browser)
        return session

    def _set_browser_position(self, browser):
        origin = self.base_url()
        if self.browser_position is None:
            browser._websocket_request(
                "Browser.setPermission",
                params={
                    "permission": {"name": "geolocation"},
                    "setting": "denied",
                    "origin": origin,
                },
            )
        else:
            latitude, longitude = self.browser_position
            browser._websocket_request(
                "Browser.grantPermissions",
                params={"permissions": ["geolocation"], "origin": origin},
            )
            browser._websocket_request(
                "Emulation.setGeolocationOverride",
                params={"latitude": latitude, "longitude": longitude, "accuracy": 15},
            )
        self.positions_set += 1

    def _run(self, tour, position, url=NEW_VISIT_URL):
        self.browser_position = position
        self.start_tour(url, tour, login="checkin_rep")
        # The browser really was told where it stands (or to refuse).
        self.assertEqual(self.positions_set, 1)

    def _logged_visit(self, name):
        visit = self.env["solis.visit"].search(
            [("name", "=", name), ("partner_id", "=", self.client_partner.id)]
        )
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.user_id, self.rep)
        return visit


@tagged("post_install", "-at_install")
class TestCheckinTour(CheckinTourCase):
    """The rep's phone logs visits in person."""

    browser_size = "375x667"
    touch_enabled = True

    def test_rep_logs_a_visit_at_the_client(self):
        self._run("solis_checkin_on_site_tour", NEXT_DOOR)
        visit = self._logged_visit("Checked in next door")
        self.assertEqual(visit.checkin_status, "verified")
        self.assertAlmostEqual(visit.checkin_latitude, NEXT_DOOR[0], places=5)
        self.assertAlmostEqual(visit.checkin_longitude, NEXT_DOOR[1], places=5)
        self.assertEqual(visit.checkin_accuracy, 15)
        self.assertAlmostEqual(visit.checkin_distance, 111, delta=1)

    def test_rep_logs_a_visit_across_town(self):
        self._run("solis_checkin_away_tour", ACROSS_TOWN)
        visit = self._logged_visit("Checked in across town")
        self.assertEqual(visit.checkin_status, "away")
        self.assertAlmostEqual(visit.checkin_distance, 2234, delta=10)

    def test_rep_refuses_his_position(self):
        self._run("solis_checkin_refused_tour", None)
        visit = self._logged_visit("Checked in without position")
        self.assertEqual(visit.checkin_status, "no_position")
        self.assertFalse(visit.checkin_date)
        self.assertFalse(visit.checkin_latitude)

    def test_rep_checks_in_on_a_planned_visit(self):
        visit = self.env["solis.visit"].create(
            {
                "name": "Planned at the client",
                "partner_id": self.client_partner.id,
                "user_id": self.rep.id,
                "type_id": self.env.ref("solis_sales_process.visit_type_premises").id,
                "state": "planned",
            }
        )
        self._run(
            "solis_checkin_button_tour",
            NEXT_DOOR,
            url=f"/odoo/action-solis_sales_process.solis_visit_action/{visit.id}",
        )
        self.assertEqual(visit.checkin_status, "verified")
        self.assertTrue(visit.checkin_date)


@tagged("post_install", "-at_install")
class TestCheckinDialogTour(CheckinTourCase):
    """From the client's card, in the Log a Visit dialog."""

    def test_rep_logs_a_visit_from_the_clients_card(self):
        self._run(
            "solis_checkin_dialog_tour",
            NEXT_DOOR,
            url="/odoo/action-solis_sales_process.res_partner_action_clients",
        )
        visit = self._logged_visit("Logged from the card")
        self.assertEqual(visit.checkin_status, "verified")
        self.assertAlmostEqual(visit.checkin_distance, 111, delta=1)
