"""18.0.1.2.0 dates each offer by its own offer date rather than by when its
record was created. Create the column and fill it from the creation date
here, in one statement: left to the ORM, every existing offer would be
dated on the day of the upgrade (rows written by SQL without a creation
date get their order date).

The SQL is this version's own, not imported from the models."""

from odoo.tools.sql import column_exists, create_column


def migrate(cr, version):
    if not version or column_exists(cr, "sale_order", "offer_date"):
        return
    create_column(cr, "sale_order", "offer_date", "timestamp")
    cr.execute(
        """UPDATE sale_order SET offer_date = COALESCE(create_date, date_order)
            WHERE offer_date IS NULL"""
    )
