from odoo import fields, models
from odoo.exceptions import AccessError

from ..answers import catalogue

# Each KPI of the periodic e-mail is an answer of the sales process
# (solis.sales.review), counted by the same rule: the catalogue names the
# KPI field of the answers it shows. The list a KPI opens, by the model of
# its answer.
KPI_ACTIONS = {
    "solis.visit": "solis_sales_process.solis_visit_report_action",
    "sale.order": "solis_sales_process.solis_offer_report_action",
    "res.partner": "solis_sales_process.res_partner_action_prospects",
}
# A value is the count for one period, recipient and company: cached apart,
# it is never another recipient's number read again in the same transaction.
KPI_CONTEXT = ("start_datetime", "end_datetime", "uid", "company")


class DigestDigest(models.Model):
    _inherit = "digest.digest"

    kpi_solis_visits_done = fields.Boolean(
        string="Visits and Calls Made",
        help="Visits and calls done in the period, in person or remote.",
    )
    kpi_solis_visits_done_value = fields.Integer(
        compute="_compute_kpi_solis_visits_done_value", depends_context=KPI_CONTEXT
    )
    kpi_solis_offers = fields.Boolean(
        string="Offers Made",
        help="Quotations sent in the period; a renegotiated offer counts "
        "once, on the date of its first version.",
    )
    kpi_solis_offers_value = fields.Integer(
        compute="_compute_kpi_solis_offers_value", depends_context=KPI_CONTEXT
    )
    kpi_solis_offers_ordered = fields.Boolean(
        string="Offers Turned into Orders",
        help="Offers made in the period that the client has since ordered.",
    )
    kpi_solis_offers_ordered_value = fields.Integer(
        compute="_compute_kpi_solis_offers_ordered_value", depends_context=KPI_CONTEXT
    )
    kpi_solis_leads = fields.Boolean(
        string="Prospects First Contacted",
        help="Prospects contacted for the first time in the period (leads).",
    )
    kpi_solis_leads_value = fields.Integer(
        compute="_compute_kpi_solis_leads_value", depends_context=KPI_CONTEXT
    )

    def _compute_kpi_solis_visits_done_value(self):
        self._compute_solis_kpi("kpi_solis_visits_done")

    def _compute_kpi_solis_offers_value(self):
        self._compute_solis_kpi("kpi_solis_offers")

    def _compute_kpi_solis_offers_ordered_value(self):
        self._compute_solis_kpi("kpi_solis_offers_ordered")

    def _compute_kpi_solis_leads_value(self):
        self._compute_solis_kpi("kpi_solis_leads")

    def _compute_solis_kpi(self, kpi):
        """Count the answer behind ``kpi`` for the e-mail's period and each
        digest's company, as the sales process's overview counts it."""
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            # Odoo's KPI e-mail leaves out a KPI its recipient may not see.
            raise AccessError(
                self.env._("Only salespeople see the sales process's numbers.")
            )
        answer = catalogue.DIGEST_KPIS[kpi]
        # Whose figures, as the answers give them: a rep who sees only his
        # own documents counts his own.
        rep_ids = None
        if not self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            rep_ids = [self.env.uid]
        for digest in self:
            start, end, companies = digest._get_kpi_compute_parameters()
            if not (start and end):
                # Read outside the e-mail: no period to count.
                digest[f"{kpi}_value"] = 0
                continue
            # The record rules follow the digest's company, not the one the
            # recipient last worked in; the companies are also a condition
            # of the count, so that it holds where no record rule applies
            # (the superuser).
            model = self.env[answer.model].with_context(
                allowed_company_ids=companies.ids
            )
            domain = catalogue.list_domain(
                answer,
                fields.Datetime.to_datetime(start),
                fields.Datetime.to_datetime(end),
                rep_ids,
            )
            if "company_id" in model._fields:
                domain.append(("company_id", "in", [*companies.ids, False]))
            digest[f"{kpi}_value"] = model.search_count(domain)

    def _compute_kpis_actions(self, company, user):
        actions = super()._compute_kpis_actions(company, user)
        menu = self.env.ref("solis_sales_process.solis_menu_root").id
        actions.update(
            {
                kpi: f"{KPI_ACTIONS[answer.model]}?menu_id={menu}"
                for kpi, answer in catalogue.DIGEST_KPIS.items()
            }
        )
        return actions
