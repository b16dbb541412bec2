"""18.0.1.4.0 stores on each client his first contact since the current rep
was given him (the median from assignment to first contact reads it instead
of looking through every client's visits), and on each visit the date of the
latest offer made from it ("led to an offer" compares two dates of the row),
and on each quotation the offer date of its chain's first version (the
period of an offer, by index instead of through its first version).
The columns are created and filled here, one statement each: left to the
ORM, every client and visit would be recomputed one by one. The SQL is this
script's own, as it stands for this version."""

from odoo.tools.sql import column_exists, create_column

# The Overview wizard gave way to the dashboard: its rules were noupdate,
# which an upgrade never removes, and would be left without a model.
REMOVED_RULES = ("solis_sales_overview_rule_own", "solis_sales_overview_line_rule_own")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """WITH gone AS (
               DELETE FROM ir_model_data
                WHERE module = 'solis_sales_process' AND model = 'ir.rule'
                  AND name = ANY(%s)
            RETURNING res_id)
           DELETE FROM ir_rule WHERE id IN (SELECT res_id FROM gone)""",
        [list(REMOVED_RULES)],
    )
    if not column_exists(cr, "res_partner", "rep_first_contact_date"):
        create_column(cr, "res_partner", "rep_first_contact_date", "timestamp")
    cr.execute(
        """UPDATE res_partner p SET rep_first_contact_date = first.visit_date
             FROM (SELECT v.partner_id, min(v.visit_date) AS visit_date
                     FROM solis_visit v JOIN res_partner c ON c.id = v.partner_id
                    WHERE v.state = 'done' AND v.visit_date >= c.user_assigned_date
                    GROUP BY v.partner_id) first
            WHERE p.id = first.partner_id"""
    )
    if not column_exists(cr, "solis_visit", "latest_offer_date"):
        create_column(cr, "solis_visit", "latest_offer_date", "timestamp")
    cr.execute(
        """UPDATE solis_visit v SET latest_offer_date = found.offer_date
             FROM (SELECT r.visit_id,
                          max(COALESCE(origin.offer_date, so.offer_date)) AS offer_date
                     FROM solis_visit_sale_order_rel r
                     JOIN sale_order so ON so.id = r.order_id
                     LEFT JOIN sale_order origin ON origin.id = so.offer_origin_id
                    GROUP BY r.visit_id) found
            WHERE v.id = found.visit_id"""
    )
    if not column_exists(cr, "sale_order", "offer_chain_date"):
        create_column(cr, "sale_order", "offer_chain_date", "timestamp")
    cr.execute("UPDATE sale_order SET offer_chain_date = offer_date")
    cr.execute(
        """UPDATE sale_order so SET offer_chain_date = origin.offer_date
             FROM sale_order origin
            WHERE origin.id = so.offer_origin_id"""
    )
