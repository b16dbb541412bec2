import io

import openpyxl

from odoo.tests import TransactionCase, new_test_user

from ..report.sales_review_workbook import build_workbook, workbook_file_name
from ..tools.plural import count_text


class RomanianCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ro_RO")
        cls.env["ir.module.module"]._load_module_terms(
            ["solis_sales_process"], ["ro_RO"], overwrite=True
        )
        cls.env_ro = cls.env(context=dict(cls.env.context, lang="ro_RO"))


class TestRomanian(RomanianCase):
    """A Romanian user reads the addon in Romanian, in SOLIS's own words."""

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


class TestCountsInWords(RomanianCase):
    """A count written in words agrees with its number, in Romanian too."""

    def _reps(self, lang, count):
        env = self.env(context=dict(self.env.context, lang=lang))
        return count_text(env, count, env._("%(count)s rep"), env._("%(count)s reps"))

    def test_english_singular_and_plural(self):
        self.assertEqual(self._reps("en_US", 1), "1 rep")
        self.assertEqual(self._reps("en_US", 2), "2 reps")
        self.assertEqual(self._reps("en_US", 0), "0 reps")
        self.assertEqual(self._reps("en_US", 1200), "1,200 reps")

    def test_romanian_one_few_and_de(self):
        self.assertEqual(self._reps("ro_RO", 1), "1 agent")
        self.assertEqual(self._reps("ro_RO", 2), "2 agenți")
        self.assertEqual(self._reps("ro_RO", 19), "19 agenți")
        self.assertEqual(self._reps("ro_RO", 20), "20 de agenți")
        self.assertEqual(self._reps("ro_RO", 101), "101 agenți")
        self.assertEqual(self._reps("ro_RO", 120), "120 de agenți")
        # Romanian groups thousands with a dot.
        self.assertEqual(self._reps("ro_RO", 1000), "1.000 de agenți")


class TestPeriodsInRomanian(RomanianCase):
    """A Romanian reader reads the dashboard's periods and the workbook's
    period and days as Romanian writes them, not as ISO dates."""

    def _dashboard(self, period):
        return (
            self.env_ro["solis.sales.dashboard"]
            .with_context(solis_today="2026-12-09")
            .get_dashboard(period=period)
        )

    def test_dashboard_periods_in_romanian(self):
        month = self._dashboard("month")
        self.assertEqual(month["period_label"], "decembrie 2026")
        self.assertEqual(month["previous_label"], "noiembrie 2026")
        self.assertEqual(month["trend_labels"][0], "ianuarie 2026")
        self.assertEqual(self._dashboard("quarter")["period_label"], "trim. IV 2026")
        self.assertEqual(
            self._dashboard("week")["period_label"], "Săptămâna din 07.12.2026"
        )
        self.assertEqual(self._dashboard("year")["period_label"], "2026")

    def test_workbook_period_and_days_in_romanian(self):
        rep = new_test_user(
            self.env,
            login="ro_rep",
            name="Ioana",
            groups="sales_team.group_sale_salesman",
        )
        self.env["res.partner"].create(
            {"name": "Prospect Nou", "is_prospect": True, "user_id": rep.id}
        )
        review = self.env_ro["solis.sales.review"].get_answers(
            date_from="2026-12-01", date_to="2026-12-31", user_ids=rep.ids
        )
        # (The words around the period are new: translated after this test.)
        self.assertTrue(
            workbook_file_name(self.env_ro, review).endswith(
                " - Ioana - decembrie 2026.xlsx"
            )
        )
        book = openpyxl.load_workbook(io.BytesIO(build_workbook(self.env_ro, review)))
        summary, prospects = book.worksheets[:2]
        self.assertTrue(summary["A1"].value.endswith("Ioana – decembrie 2026"))
        # The prospect's "Rep Assigned On": a date cell, in Romanian's format.
        row = next(
            row for row in prospects.iter_rows() if row[1].value == "Prospect Nou"
        )
        self.assertTrue(row[7].is_date)
        self.assertEqual(row[7].number_format, "dd.mm.yyyy")
        other = self.env_ro["solis.sales.review"].get_answers(
            date_from="2026-12-03", date_to="2026-12-20", user_ids=rep.ids
        )
        name = workbook_file_name(self.env_ro, other)
        self.assertRegex(name, r" - Ioana - 03\.12\.2026 .+ 20\.12\.2026\.xlsx$")
