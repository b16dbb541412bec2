"""18.0.1.1.0 stores each client's offer stage on the partner (the funnel
reads it instead of every quotation). Create and fill the column here, in
one statement, so that the upgrade does not recompute it partner by partner."""

from odoo.tools import SQL

from odoo.addons.solis_sales_process.models.res_partner import fill_offer_stage


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL("ALTER TABLE res_partner ADD COLUMN IF NOT EXISTS offer_stage varchar")
    )
    fill_offer_stage(cr)
