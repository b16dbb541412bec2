"""18.0.1.3.0 keeps on each visit what the client was when it was made (a
prospect or not: the lead of question 4 is a prospect first contacted),
stores on the client whether his first contact was as a prospect, and gives
the quotations made before the addon the offer status their state implies.
Each column is created and filled here, in SQL, with its own statements:
left to the ORM, every visit and client would be recomputed one by one."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

# The shipped records whose meaning 18.0.1.3.0 changed: the saved filters
# follow the answers' definitions, and a rep's coverage shows the unassigned.
# They are noupdate, which an upgrade never rewrites: they are removed here
# and the upgrade creates them anew from the XML.
REWRITTEN_RECORDS = {
    "ir.filters": (
        "ir_filters_prospects_never_contacted",
        "ir_filters_important_not_visited_3_months",
        "ir_filters_important_not_contacted_30_days",
        "ir_filters_offers_not_confirmed",
        "ir_filters_visits_with_offer",
    ),
    "ir.rule": ("solis_client_coverage_report_rule_personal",),
}


def migrate(cr, version):
    if not version:
        return
    for model, names in REWRITTEN_RECORDS.items():
        cr.execute(
            """DELETE FROM ir_model_data
                WHERE module = 'solis_sales_process' AND model = %s AND name = ANY(%s)
            RETURNING res_id""",
            [model, list(names)],
        )
        ids = [row[0] for row in cr.fetchall()]
        if ids:
            table = SQL.identifier(model.replace(".", "_"))
            cr.execute(SQL("DELETE FROM %s WHERE id = ANY(%s)", table, ids))
    if not column_exists(cr, "solis_visit", "client_was_prospect"):
        create_column(cr, "solis_visit", "client_was_prospect", "boolean")
    # What was recorded before is the client's prospect flag of today.
    cr.execute(
        """UPDATE solis_visit v SET client_was_prospect = COALESCE(p.is_prospect, FALSE)
             FROM res_partner p WHERE p.id = v.partner_id"""
    )
    if not column_exists(cr, "res_partner", "is_lead"):
        create_column(cr, "res_partner", "is_lead", "boolean")
    cr.execute(
        """UPDATE res_partner p SET is_lead = first.client_was_prospect
             FROM (SELECT DISTINCT ON (partner_id) partner_id, client_was_prospect
                     FROM solis_visit WHERE state = 'done'
                    ORDER BY partner_id, visit_date, id) first
            WHERE p.id = first.partner_id"""
    )
    cr.execute(
        """WITH status AS (
               SELECT DISTINCT ON (kind) id, kind FROM solis_offer_status
                WHERE active AND company_id IS NULL
                ORDER BY kind, sequence, id
           ), reason AS (
               SELECT res_id AS id FROM ir_model_data
                WHERE module = 'solis_sales_process'
                  AND name = 'offer_rejection_reason_other'
           )
           UPDATE sale_order so
              SET offer_status_id = status.id,
                  offer_status_kind = status.kind,
                  rejection_reason_id = CASE WHEN status.kind = 'rejected'
                                             THEN (SELECT id FROM reason) END
             FROM status
            WHERE so.offer_status_id IS NULL
              AND status.kind = CASE so.state WHEN 'sent' THEN 'initiated'
                                              WHEN 'sale' THEN 'accepted'
                                              WHEN 'cancel' THEN 'rejected' END"""
    )
    cr.execute(
        """UPDATE res_partner p SET is_prospect = FALSE
            WHERE p.is_prospect AND EXISTS (
                SELECT 1 FROM sale_order so JOIN res_partner sp ON sp.id = so.partner_id
                 WHERE sp.commercial_partner_id = p.id AND so.state = 'sale')"""
    )
