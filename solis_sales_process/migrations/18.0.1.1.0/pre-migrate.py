"""18.0.1.1.0 stores each client's offer stage on the partner (the funnel
reads it instead of every quotation). Create and fill the column here, in
one statement, so that the upgrade does not recompute it partner by partner.

The SQL is this version's own, not imported from the models: a later change
of the models must not change what this upgrade does."""

from odoo.tools.sql import column_exists, create_column


def migrate(cr, version):
    if not version or column_exists(cr, "res_partner", "offer_stage"):
        return
    create_column(cr, "res_partner", "offer_stage", "varchar")
    cr.execute(
        """UPDATE res_partner p
              SET offer_stage = s.offer_stage
             FROM (SELECT sp.commercial_partner_id AS partner_id,
                          CASE WHEN bool_or(so.state = 'sale') THEN 'order'
                               ELSE 'offer' END AS offer_stage
                     FROM sale_order so JOIN res_partner sp ON sp.id = so.partner_id
                    WHERE sp.commercial_partner_id IS NOT NULL
                    GROUP BY sp.commercial_partner_id) s
            WHERE p.id = s.partner_id"""
    )
