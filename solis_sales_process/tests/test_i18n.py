from odoo.tests import TransactionCase


class TestRomanian(TransactionCase):
    """A Romanian user reads the addon in Romanian, in SOLIS's own words."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ro_RO")
        cls.env["ir.module.module"]._load_module_terms(
            ["solis_sales_process"], ["ro_RO"], overwrite=True
        )
        cls.env_ro = cls.env(context=dict(cls.env.context, lang="ro_RO"))

    def _name(self, xmlid):
        return self.env_ro.ref(f"solis_sales_process.{xmlid}").name

    def test_default_statuses_and_types_in_romanian(self):
        expected = {
            "visit_type_phone": "Telefon",
            "visit_type_premises": "La sediul clientului",
            "visit_type_telepresence": "Teleprezentare",
            "visit_status_initial_contact": "Contact inițial",
            "visit_status_offer_followup": "Urmărire ofertă",
            "offer_status_initiated": "Inițiată",
            "offer_status_confirmed": "Confirmată",
            "offer_status_followup": "În urmărire",
            "offer_status_renegotiated": "Renegociată",
            "offer_status_accepted": "Acceptată",
            "offer_status_rejected": "Respinsă",
            "offer_status_postponed": "Amânată",
            "offer_rejection_reason_competition": "Concurență",
        }
        for xmlid, name in expected.items():
            with self.subTest(xmlid=xmlid):
                self.assertEqual(self._name(xmlid), name)

    def test_menus_and_labels_in_romanian(self):
        self.assertEqual(self._name("solis_menu_root"), "Proces de vânzare")
        self.assertEqual(self._name("solis_visit_menu"), "Vizite")
        self.assertEqual(self._name("res_partner_prospects_menu"), "Clienți potențiali")
        fields_ = self.env_ro["solis.visit"].fields_get(
            ["next_contact_date", "user_id"]
        )
        self.assertEqual(fields_["next_contact_date"]["string"], "Următorul contact")
        self.assertEqual(fields_["user_id"]["string"], "Agent de vânzări")
        kinds = dict(
            self.env_ro["sale.order"].fields_get(["offer_status_kind"])[
                "offer_status_kind"
            ]["selection"]
        )
        self.assertEqual(kinds["rejected"], "Respinsă")
