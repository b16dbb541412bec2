from odoo.tests import TransactionCase


class TestDemoStory(TransactionCase):
    """tools/test installs the addon with demo data: the story it tells must
    give every report something to show right after install."""

    def _demo(self, name):
        record = self.env.ref(f"solis_sales_process.{name}", raise_if_not_found=False)
        self.assertTrue(
            record, "the tests run on a database with demo data (tools/test)"
        )
        return record

    def test_offers_in_every_status_with_a_renegotiation_chain(self):
        offers = self.env["sale.order"].search(
            [
                (
                    "partner_id.name",
                    "in",
                    [
                        "Carpați Industrial SA",
                        "Dunărea Logistic SRL",
                        "Transilvania Food SRL",
                        "Banat Agro SRL",
                        "Moldova Print SRL",
                        "Oltenia Energy SRL",
                        "Dobrogea Wind SRL",
                    ],
                )
            ]
        )
        self.assertEqual(
            set(offers.mapped("offer_status_kind")) - {False},
            {
                "initiated",
                "confirmed",
                "followup",
                "renegotiated",
                "accepted",
                "rejected",
                "postponed",
            },
        )
        chain = self._demo("offer_chain_demo")
        self.assertEqual(len(chain.offer_version_ids), 2)
        self.assertEqual(self._demo("offer_accepted_demo").state, "sale")

    def test_the_answers_are_meaningful_after_install(self):
        self._demo("partner_carpati_demo")
        reps = (
            self._demo("user_rep_ioana_demo") | self._demo("user_rep_andrei_demo")
        ).ids
        review = self.env["solis.sales.review"].get_answers(
            date_from="2000-01-01", user_ids=reps
        )
        values = {key: answer["value"] for key, answer in review["answers"].items()}
        for key in (
            "prospects_never_contacted",
            "important_not_visited",
            "visits_done",
            "leads_with_offer",
            "offers_ordered",
            "offers_rejected",
            "clients_overdue",
        ):
            with self.subTest(answer=key):
                self.assertGreater(values[key], 0)
        unassigned = self.env["solis.sales.review"].get_answers()["answers"][
            "prospects_unassigned"
        ]
        self.assertGreaterEqual(unassigned["value"], 2)
        rows = {row["name"]: row["answers"]["visits_done"] for row in review["by_rep"]}
        self.assertGreater(rows["Ioana Popescu"], 0)
        self.assertGreater(rows["Andrei Ionescu"], 0)

    def test_reps_have_follow_ups_today_and_forgotten_ones(self):
        ioana = self._demo("user_rep_ioana_demo")
        day = self.env["solis.sales.digest"]._user_today(ioana)
        values = self.env["solis.sales.digest"]._digest_values(ioana, day)
        self.assertTrue(values["today"])
        self.assertTrue(values["last_week"])
