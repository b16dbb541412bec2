from odoo.tests import HttpCase, new_test_user, tagged


class SolisTourCase(HttpCase):
    def setUp(self):
        super().setUp()
        self.rep = new_test_user(
            self.env,
            login="tour_rep",
            name="Tour Rep",
            email="tour.rep@example.com",
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
            tz="UTC",
        )
        self.client_partner = self.env["res.partner"].create(
            {
                "name": "Tour Client SRL",
                "is_company": True,
                "user_id": self.rep.id,
                "email": "buyer@tour-client.example.com",
            }
        )

    def _manager_story(self):
        """Two visits of the tour's rep this month, one of another rep."""
        other = new_test_user(
            self.env,
            login="tour_second_seller",
            name="Second Seller",
            groups="sales_team.group_sale_salesman",
            tz="UTC",
        )
        Visit = self.env["solis.visit"]
        for name in ("Tour manager visit", "Tour follow-up call"):
            Visit.create(
                {
                    "partner_id": self.client_partner.id,
                    "user_id": self.rep.id,
                    "name": name,
                }
            )
        Visit.create(
            {
                "partner_id": self.client_partner.id,
                "user_id": other.id,
                "name": "Second seller visit",
            }
        )


@tagged("post_install", "-at_install")
class TestTours(SolisTourCase):
    def test_rep_logs_a_visit_and_sends_an_offer(self):
        self.start_tour("/odoo", "solis_rep_tour", login="tour_rep")
        visit = self.env["solis.visit"].search(
            [("partner_id", "=", self.client_partner.id)]
        )
        self.assertEqual(visit.name, "Presented the spring range")
        self.assertEqual(str(visit.next_contact_date), "2030-01-15")
        offer = visit.offer_ids
        self.assertEqual(offer.offer_status_kind, "initiated")
        self.assertEqual(offer.state, "sent")

    def test_manager_clicks_through_the_dashboard(self):
        self._manager_story()
        self.start_tour("/odoo", "solis_manager_tour", login="admin")


@tagged("post_install", "-at_install")
class TestMobileTour(SolisTourCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_manager_reads_the_dashboard_on_a_phone(self):
        self._manager_story()
        self.start_tour("/odoo", "solis_manager_phone_tour", login="admin")

    def test_rep_logs_a_visit_from_the_phone(self):
        self.env["solis.visit"].create(
            {
                "partner_id": self.client_partner.id,
                "user_id": self.rep.id,
                "name": "Earlier call",
            }
        )
        self.start_tour("/odoo", "solis_mobile_tour", login="tour_rep")
        self.assertTrue(
            self.env["solis.visit"].search(
                [
                    ("name", "=", "Quick call from the road"),
                    ("partner_id", "=", self.client_partner.id),
                ]
            )
        )


@tagged("post_install", "-at_install")
class TestOfferStatusbarTour(SolisTourCase):
    def test_status_bar_shows_an_archived_status_and_never_skips_a_dialog(self):
        waiting = self.env["solis.offer.status"].create(
            {"name": "Waiting for the budget", "kind": "followup", "sequence": 35}
        )
        offer = self.env["sale.order"].create(
            {"partner_id": self.client_partner.id, "user_id": self.rep.id}
        )
        offer.action_quotation_sent()
        offer.offer_status_id = waiting
        waiting.active = False
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{offer.id}",
            "solis_offer_statusbar_tour",
            login="tour_rep",
        )
        self.assertEqual(offer.offer_status_kind, "postponed")
        self.assertEqual(str(offer.postponed_until), "2030-05-04")
        self.assertEqual(
            offer.activity_ids.activity_type_id,
            self.env.ref("solis_sales_process.mail_activity_type_offer_followup"),
        )
