from odoo.tools.sql import column_exists, create_column

from .models.sale_order import (
    fill_offer_chain_dates,
    fill_offer_dates,
    fill_offer_statuses,
    unflag_prospects_with_orders,
)

# Stored computed fields the addon adds to tables that may already be large.
# Creating their columns before the ORM sees them keeps it from recomputing
# them record by record on install: at that time no visit exists and no
# quotation has an offer status, so NULL is the right value for all but the
# offer date and the first version's offer date, which the hook fills from
# the quotations already there, and the offer stage, filled once the
# quotations have the statuses that make them offers.
PRECREATED_COLUMNS = {
    "res_partner": {
        "first_contact_date": "timestamp",
        "last_contact_date": "timestamp",
        "last_visit_date": "timestamp",
        "next_contact_date": "date",
        "rep_first_contact_date": "timestamp",
        "visit_count": "integer",
        "is_lead": "boolean",
        "offer_stage": "varchar",
    },
    "sale_order": {
        "offer_status_kind": "varchar",
        "offer_date": "timestamp",
        "offer_chain_date": "timestamp",
    },
}


def pre_init_hook(env):
    for table, columns in PRECREATED_COLUMNS.items():
        for column, column_type in columns.items():
            if not column_exists(env.cr, table, column):
                create_column(env.cr, table, column, column_type)
    fill_offer_dates(env.cr)
    fill_offer_chain_dates(env.cr)


def post_init_hook(env):
    # The quotations and orders already there get the status their state
    # implies, once the shipped statuses exist.
    fill_offer_statuses(env.cr)
    unflag_prospects_with_orders(env.cr)
    env["res.partner"]._solis_fill_offer_stage()
    # Visits planned before the addon had calendars (reinstalled on a kept
    # table, or the demo's) are put in their reps' calendars from today on.
    env["solis.visit"]._plan_missing_calendar_events()


def uninstall_hook(env):
    # Uninstalling drops the visits' table anyway; emptying it first lets Odoo
    # delete the shipped visit types and statuses, which visits would pin.
    env.cr.execute("DELETE FROM solis_visit")
