from odoo.tools import SQL

# Stored figures that res.partner gains. Creating their columns before the
# ORM sees them keeps it from recomputing them partner by partner on a large
# database: at install time no visit exists, so NULL is the right value.
PARTNER_FIGURE_COLUMNS = {
    "first_contact_date": "timestamp",
    "last_contact_date": "timestamp",
    "last_visit_date": "timestamp",
    "next_contact_date": "date",
    "visit_count": "integer",
}


def pre_init_hook(env):
    for column, column_type in PARTNER_FIGURE_COLUMNS.items():
        env.cr.execute(
            SQL(
                "ALTER TABLE res_partner ADD COLUMN IF NOT EXISTS %s %s",
                SQL.identifier(column),
                SQL(column_type),
            )
        )
