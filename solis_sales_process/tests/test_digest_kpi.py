from datetime import datetime

from freezegun import freeze_time
from lxml import etree

from odoo.tests import new_test_user

from .common import SolisCase

KPIS = {
    "kpi_solis_visits_done": "visits_done",
    "kpi_solis_offers": "offers",
    "kpi_solis_offers_ordered": "offers_ordered",
    "kpi_solis_leads": "leads",
}
LABELS = (
    "Visits and Calls Made",
    "Offers Made",
    "Offers Turned into Orders",
    "Prospects First Contacted",
)
# The week counted: 3 to 9 March 2025, in UTC (the users' timezone here).
WEEK_START = datetime(2025, 3, 3)
WEEK_END = datetime(2025, 3, 10)


class TestDigestKpi(SolisCase):
    """The sales process's numbers in Odoo's periodic KPI e-mail, for a week
    of two companies' history (away from the demo data's dates)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Second Solis Co"})
        both = [cls.company.id, cls.company_b.id]
        cls.manager = new_test_user(
            cls.env,
            login="solis_kpi_manager",
            groups="sales_team.group_sale_salesman_all_leads",
            name="Both Companies' Lead",
            email="lead@example.com",
            company_id=cls.company.id,
            company_ids=[(6, 0, both)],
            tz="UTC",
        )
        cls.rep_b = new_test_user(
            cls.env,
            login="solis_kpi_rep_b",
            groups="sales_team.group_sale_salesman",
            name="Rep of the Second Company",
            email="rep.b@example.com",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
            tz="UTC",
        )
        cls.rep.tz = "UTC"
        cls.product = cls.env["product.product"].create(
            {"name": "Pallet Rack", "list_price": 100.0, "taxes_id": False}
        )
        Partner = cls.env["res.partner"]
        prospect_a = Partner.create(
            {
                "name": "Prospect of the First Co",
                "is_company": True,
                "is_prospect": True,
                "user_id": cls.rep.id,
                "company_id": cls.company.id,
            }
        )
        client_b = Partner.create(
            {
                "name": "Client of the Second Co",
                "is_company": True,
                "is_prospect": True,
                "user_id": cls.rep_b.id,
                "company_id": cls.company_b.id,
            }
        )
        # First company: the rep's 3 visits and calls of the week (one the
        # first contact of a prospect), another rep's call, one visit the
        # week before, one still planned.
        cls._visit(cls.client, when="2025-03-04 09:00:00")
        cls._visit(cls.client, when="2025-03-07 15:00:00", type_id=cls.type_premises.id)
        cls._visit(prospect_a, when="2025-03-06 10:00:00")
        cls._visit(cls.other_client, user=cls.other_rep, when="2025-03-05 11:00:00")
        cls._visit(cls.client, when="2025-02-25 09:00:00")
        cls._visit(cls.client, when="2025-03-08 09:00:00", state="planned")
        # Its offers of the week: one renegotiated (a chain counts once),
        # one ordered; one made the week before, one quotation never sent.
        renegotiated = cls._offer(cls.client, cls.rep, "2025-03-04 12:00:00")
        second = renegotiated.action_offer_renegotiate()["res_id"]
        cls.env["sale.order"].browse(second).offer_date = "2025-03-08 12:00:00"
        cls._offer(cls.client, cls.rep, "2025-03-05 12:00:00").action_confirm()
        cls._offer(cls.client, cls.rep, "2025-02-26 12:00:00")
        cls._offer(cls.client, cls.rep, "2025-03-06 12:00:00", sent=False)
        # Second company: one first contact, one offer ordered.
        cls._visit(
            client_b,
            user=cls.rep_b,
            when="2025-03-05 09:00:00",
            company_id=cls.company_b.id,
        )
        cls._offer(
            client_b, cls.rep_b, "2025-03-05 12:00:00", company=cls.company_b
        ).action_confirm()
        Digest = cls.env["digest.digest"]
        enabled = dict.fromkeys(KPIS, True)
        cls.digest_a = Digest.create(
            {"name": "First Co Weekly", "company_id": cls.company.id, **enabled}
        )
        cls.digest_b = Digest.create(
            {"name": "Second Co Weekly", "company_id": cls.company_b.id, **enabled}
        )

    @classmethod
    def _offer(cls, partner, user, when, company=None, sent=True):
        company = company or cls.company
        order = (
            cls.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "company_id": company.id,
                    "offer_date": when,
                    "order_line": [
                        (0, 0, {"product_id": cls.product.id, "product_uom_qty": 1})
                    ],
                }
            )
        )
        if sent:
            order.action_quotation_sent()
        return order

    def _week_values(self, digest, user):
        """The KPI values of ``digest`` for the week, as its e-mail computes
        them for ``user`` (Odoo's _compute_kpis reads them the same way)."""
        digest = digest.with_user(user).with_context(
            start_datetime=WEEK_START, end_datetime=WEEK_END
        )
        return {kpi: digest[f"{kpi}_value"] for kpi in KPIS}

    def _week_answers(self, user, company):
        review = (
            self.env["solis.sales.review"]
            .with_user(user)
            .with_context(allowed_company_ids=company.ids)
        )
        answers = review.get_answers(date_from="2025-03-03", date_to="2025-03-09")
        return {kpi: answers["answers"][key]["value"] for kpi, key in KPIS.items()}

    def test_each_company_counts_its_own_week(self):
        expected_a = {
            "kpi_solis_visits_done": 4,
            "kpi_solis_offers": 2,
            "kpi_solis_offers_ordered": 1,
            "kpi_solis_leads": 1,
        }
        expected_b = dict.fromkeys(KPIS, 1)
        self.assertEqual(self._week_values(self.digest_a, self.manager), expected_a)
        self.assertEqual(self._week_values(self.digest_b, self.manager), expected_b)
        self.assertEqual(self._week_values(self.digest_b, self.rep_b), expected_b)

    def test_kpis_are_the_overviews_answers(self):
        for digest, user, company in (
            (self.digest_a, self.manager, self.company),
            (self.digest_b, self.manager, self.company_b),
            (self.digest_a, self.rep, self.company),
            (self.digest_b, self.rep_b, self.company_b),
        ):
            with self.subTest(digest=digest.name, user=user.name):
                self.assertEqual(
                    self._week_values(digest, user), self._week_answers(user, company)
                )
        self.assertEqual(
            self._week_values(self.digest_a, self.rep)["kpi_solis_visits_done"],
            3,
            "a rep's e-mail counts his own visits, as his overview does",
        )

    def test_a_company_the_recipient_is_not_in_is_left_out(self):
        values = self.digest_b._compute_kpis(self.company, self.rep)
        self.assertFalse(
            {kpi["kpi_name"] for kpi in values} & set(KPIS),
            "the rep is not in the second company: no number of it",
        )

    def test_non_sales_user_gets_no_sales_kpi(self):
        values = self.digest_a._compute_kpis(self.company, self.internal_user)
        self.assertFalse({kpi["kpi_name"] for kpi in values} & set(KPIS))

    @freeze_time("2025-03-10 00:00:00")
    def test_kpi_email_shows_the_numbers(self):
        kpis = {
            kpi["kpi_name"]: kpi
            for kpi in self.digest_a._compute_kpis(self.company, self.manager)
        }
        self.assertEqual(
            {kpi: kpis[kpi]["kpi_col2"]["value"] for kpi in KPIS},
            {
                "kpi_solis_visits_done": 4,
                "kpi_solis_offers": 2,
                "kpi_solis_offers_ordered": 1,
                "kpi_solis_leads": 1,
            },
            "the column of the last 7 days is the week",
        )
        self.assertEqual(kpis["kpi_solis_offers"]["kpi_fullname"], "Offers Made")
        self.assertIn(
            "solis_sales_process.solis_offer_report_action",
            kpis["kpi_solis_offers"]["kpi_action"],
        )
        mails_before = self.env["mail.mail"].search([])
        self.digest_a._action_send_to_user(self.manager)
        mail = self.env["mail.mail"].search([]) - mails_before
        self.assertEqual(mail.state, "outgoing")
        self.assertEqual(mail.email_to, self.manager.email_formatted)
        for label in LABELS:
            self.assertIn(label, mail.body_html)
        self.assertIn(
            "/odoo/action-solis_sales_process.solis_visit_report_action",
            mail.body_html,
        )

    def test_default_digest_has_the_kpis(self):
        default = self.env.ref("digest.digest_digest_default")
        self.assertTrue(all(default[kpi] for kpi in KPIS))

    def test_digest_form_shows_them_under_sales_process(self):
        admin = new_test_user(
            self.env,
            login="solis_kpi_admin",
            groups="base.group_system,sales_team.group_sale_manager",
        )
        views = self.env["digest.digest"].with_user(admin).get_views([(False, "form")])
        form = etree.fromstring(views["views"]["form"]["arch"])
        groups = form.xpath("//group[@name='kpis']/group[@string='Sales Process']")
        self.assertEqual(len(groups), 1, "beside the other apps' KPIs")
        self.assertEqual(
            groups[0].xpath("./field/@name"), list(KPIS), "in the e-mail's order"
        )
