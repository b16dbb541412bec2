"""18.0.1.2.0 dates each offer by its own offer date rather than by when its
record was created. Create the column and fill it from the creation date
here, in one statement: left to the ORM, every existing offer would be
dated on the day of the upgrade."""

from odoo.tools import SQL

from odoo.addons.solis_sales_process.models.sale_order import fill_offer_dates


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL("ALTER TABLE sale_order ADD COLUMN IF NOT EXISTS offer_date timestamp")
    )
    fill_offer_dates(cr)
