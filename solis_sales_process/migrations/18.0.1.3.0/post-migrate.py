"""Shipped records of 18.0.1.3.0 that an upgrade would otherwise keep as they
were (they are noupdate): pre-migrate lets the upgrade rewrite them, this
puts them back under the administrator's hand."""

# The shipped records whose meaning 18.0.1.3.0 changed: the saved filters
# follow the answers' definitions, and a rep's coverage shows the unassigned.
REWRITTEN_RECORDS = (
    "ir_filters_prospects_never_contacted",
    "ir_filters_important_not_visited_3_months",
    "ir_filters_important_not_contacted_30_days",
    "ir_filters_offers_not_confirmed",
    "ir_filters_visits_with_offer",
    "solis_client_coverage_report_rule_personal",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """UPDATE ir_model_data SET noupdate = TRUE
            WHERE module = 'solis_sales_process' AND name = ANY(%s)""",
        [list(REWRITTEN_RECORDS)],
    )
