"""18.0.1.5.0 gives the managers' questions as search filters, which are
translated, instead of shared favourites, whose names are not (a Romanian
user saw them in English). The favourites the addon shipped are removed
unless an administrator changed their rule; they are noupdate, so without
this an upgrade would keep them beside the new filters."""

SHIPPED = {
    "ir_filters_prospects_unassigned": "[('parent_id', '=', False), "
    "('is_prospect', '=', True), ('user_id', '=', False)]",
    "ir_filters_prospects_never_contacted": "[('is_never_contacted_prospect', '=', True)]",
    "ir_filters_important_not_visited_3_months": "[('is_important_client', '=', True), "
    "('is_visit_overdue', '=', True)]",
    "ir_filters_important_not_contacted_30_days": "[('is_important_client', '=', True), "
    "('is_contacted_30_days', '=', False)]",
    "ir_filters_offers_not_confirmed": "[('is_last_version', '=', True), "
    "('is_unconfirmed_offer', '=', True)]",
    "ir_filters_visits_with_offer": "[('state', '=', 'done'), "
    "('is_offer_origin', '=', True)]",
}


def migrate(cr, version):
    if not version:
        return
    for name, domain in SHIPPED.items():
        cr.execute(
            """WITH gone AS (
                   DELETE FROM ir_filters f
                    USING ir_model_data d
                    WHERE d.module = 'solis_sales_process' AND d.name = %s
                      AND d.model = 'ir.filters' AND f.id = d.res_id
                      AND f.domain = %s
                RETURNING f.id)
               DELETE FROM ir_model_data
                WHERE module = 'solis_sales_process' AND name = %s
                  AND EXISTS (SELECT 1 FROM gone)""",
            [name, domain, name],
        )
