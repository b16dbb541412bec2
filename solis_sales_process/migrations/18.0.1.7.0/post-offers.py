"""18.0.1.7.0: a quotation never sent is not an offer, in every answer. The
clients' furthest offer stage (the funnel, the leads with an offer) and the
visits' latest offer date (the visits that turned into offers) are stored and
counted any quotation, drafts included: both are filled again here, one SQL
statement each, by the addon's own fills, which read sale.order's rule
"offer sent". Left to the ORM, every client and visit would be recomputed one
by one."""

import logging

from odoo import SUPERUSER_ID, api

from odoo.addons.solis_sales_process.models.res_partner import fill_offer_stage
from odoo.addons.solis_sales_process.models.solis_visit_import import (
    fill_latest_offer_dates,
)

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    stages = fill_offer_stage(env)
    dates = fill_latest_offer_dates(env)
    _logger.info(
        "Offers are quotations sent: %s clients' offer stages and %s visits' "
        "latest offer dates changed",
        stages,
        dates,
    )
