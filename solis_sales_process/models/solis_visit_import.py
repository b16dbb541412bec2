from odoo import api, models
from odoo.tools import SQL

from .res_partner import VISIT_FIGURES

# Set by the visits' import: their clients' figures are counted once, after
# the file, not after each row (Odoo retries a failed file row by row, and a
# count after each row of a client's long history made the import outlast
# the request).
IMPORT_FIGURES_CONTEXT = "solis_import_figures_deferred"


def fill_latest_offer_dates(env):
    """Store every visit's latest offer date in one statement (offers by
    sale.order's rule ``is_offer_sent``: a quotation never sent is not one):
    what an upgrade and a bulk load call instead of the ORM's row-by-row
    compute."""
    env.cr.execute(
        SQL(
            """WITH found AS (
                   SELECT r.visit_id,
                          max(COALESCE(origin.offer_date, so.offer_date)) AS offer_date
                     FROM solis_visit_sale_order_rel r
                     JOIN sale_order so ON so.id = r.order_id
                     LEFT JOIN sale_order origin ON origin.id = so.offer_origin_id
                    WHERE %s
                    GROUP BY r.visit_id)
               UPDATE solis_visit v SET latest_offer_date = dated.offer_date
                 FROM (SELECT v2.id, found.offer_date
                         FROM solis_visit v2 LEFT JOIN found ON found.visit_id = v2.id
                        WHERE found.visit_id IS NOT NULL
                           OR v2.latest_offer_date IS NOT NULL) dated
                WHERE v.id = dated.id
                  AND v.latest_offer_date IS DISTINCT FROM dated.offer_date""",
            env["sale.order"]._solis_rule_sql("is_offer_sent", "so"),
        )
    )
    return env.cr.rowcount


# A concern of the visit in its own file, as Odoo core splits its large
# models: pylint-odoo would have one class.
# pylint: disable=consider-merging-classes-inherited
class SolisVisit(models.Model):
    """Visits loaded from a file: the clients' figures counted once."""

    _inherit = "solis.visit"

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("import_file"):
            # Imported history: nobody is told of each visit of the past, nor
            # e-mailed of each follow-up the file plans for him, and no
            # "created" note is logged on each.
            self = self.with_context(
                mail_activity_quick_update=True,
                mail_auto_subscribe_no_notify=True,
                mail_create_nolog=True,
                mail_notrack=True,
            )
        visits = super().create(vals_list)
        if self.env.context.get(IMPORT_FIGURES_CONTEXT):
            Partner = self.env["res.partner"]
            for name in VISIT_FIGURES:
                self.env.remove_to_compute(Partner._fields[name], visits.partner_id)
        return visits

    @api.model
    def load(self, fields, data):
        """Odoo's import, with the clients' figures counted once for the
        whole file (a file refused imports nothing, and counts nothing)."""
        result = super(
            SolisVisit, self.with_context(**{IMPORT_FIGURES_CONTEXT: True})
        ).load(fields, data)
        if result.get("ids"):
            # sudo: the figures count every visit of the client.
            clients = self.browse(result["ids"]).sudo().partner_id
            self.env["res.partner"]._solis_fill_visit_figures(clients.ids)
        return result

    @api.model
    def get_import_templates(self):
        # Offered to whoever may create such records: the import screen.
        self.check_access("create")
        return [
            *super().get_import_templates(),
            {
                "label": self.env._("Import Template for Visits"),
                "template": "/solis_sales_process/static/xls/solis_visits_import_template.csv",
            },
        ]
