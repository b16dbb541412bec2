from .common import SolisCase


class TestOfferStage(SolisCase):
    """The client's stored offer stage, which the funnel counts, follows his
    quotations and his contacts' through every change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Solar panel", "list_price": 100.0}
        )

    def _quotation(self, partner, user=None, sent=True):
        """A quotation for ``partner``, sent (Mark as Sent) unless told."""
        order = (
            self.env["sale.order"]
            .with_user(user or self.env.user)
            .create(
                {
                    "partner_id": partner.id,
                    "user_id": partner.user_id.id,
                    "order_line": [(0, 0, {"product_id": self.product.id})],
                }
            )
        )
        if sent:
            order.action_quotation_sent()
        return order

    def _stage(self, partner):
        """The stage as stored in the database, as reports read it."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT offer_stage FROM res_partner WHERE id = %s", [partner.id]
        )
        return self.env.cr.fetchone()[0]

    def test_a_contacts_quotation_then_order(self):
        self.assertIsNone(self._stage(self.client))
        order = self._quotation(self.client_contact, user=self.rep)
        self.assertEqual(self._stage(self.client), "offer")
        self.assertIsNone(self._stage(self.client_contact), "a contact has no stage")
        order.action_confirm()
        self.assertEqual(self._stage(self.client), "order")
        self.assertTrue(self.client.has_sale_order)

    def test_a_quotation_counts_once_sent(self):
        """A quotation never sent is not an offer: the stage comes with the
        sending, or with an offer status given to the draft."""
        order = self._quotation(self.client_contact, sent=False)
        self.assertIsNone(self._stage(self.client))
        self.assertFalse(self.client.has_sale_order)
        order.action_quotation_sent()
        self.assertEqual(self._stage(self.client), "offer")
        order.write({"state": "draft", "offer_status_id": False})
        self.assertIsNone(self._stage(self.client), "a draft again, no status")
        order.action_offer_follow_up()
        self.assertEqual(self._stage(self.client), "offer")

    def test_moved_cancelled_deleted(self):
        order = self._quotation(self.client)
        order.partner_id = self.other_client
        self.assertIsNone(self._stage(self.client), "the quotation moved away")
        self.assertEqual(self._stage(self.other_client), "offer")
        order.action_confirm()
        self.assertEqual(self._stage(self.other_client), "order")
        order._action_cancel()
        self.assertEqual(
            self._stage(self.other_client), "offer", "a cancelled order was an offer"
        )
        order.unlink()
        self.assertIsNone(self._stage(self.other_client))
        self.assertFalse(self.other_client.has_sale_order)

    def test_contact_moves_to_another_company(self):
        self._quotation(self.client_contact)
        self.client_contact.parent_id = self.other_client
        self.assertIsNone(self._stage(self.client))
        self.assertEqual(self._stage(self.other_client), "offer")

    def test_a_client_that_becomes_a_contact_of_another(self):
        self._quotation(self.other_client)
        self.other_client.write({"is_company": False, "parent_id": self.client.id})
        self.assertIsNone(self._stage(self.other_client), "no longer a client")
        self.assertEqual(self._stage(self.client), "offer", "his new company's")

    def test_another_reps_quotation_counts(self):
        """The stage is the client's: a quotation the rep may not read still
        moves his client on, and the rep sees it."""
        self._quotation(self.client, user=self.sales_admin)
        self.assertEqual(self._stage(self.client), "offer")
        self.assertTrue(self.client.with_user(self.rep).has_sale_order)

    def test_sql_fill_matches_the_orm(self):
        """The SQL fill the install and the upgrade run gives what the ORM
        keeps up to date, and writes nothing when nothing changed."""
        self._quotation(self.client_contact).action_confirm()
        self._quotation(self.other_client)
        self._quotation(self.other_client, sent=False)
        self._quotation(self.sales_admin.partner_id, sent=False)
        Partner = self.env["res.partner"]
        self.assertEqual(Partner._solis_fill_offer_stage(), 0)
        self.env.cr.execute(
            "UPDATE res_partner SET offer_stage = NULL WHERE id IN %s",
            [(self.client.id, self.other_client.id)],
        )
        self.env.cr.execute(
            "UPDATE res_partner SET offer_stage = 'order' WHERE id = %s",
            [self.client_contact.id],
        )
        self.assertEqual(Partner._solis_fill_offer_stage(), 3)
        self.assertEqual(self._stage(self.client), "order")
        self.assertEqual(self._stage(self.other_client), "offer")
        self.assertIsNone(self._stage(self.client_contact))
