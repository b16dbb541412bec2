"""18.0.1.7.0 closes an open offer when its quotation is cancelled: it is
rejected (for "Other reasons" when cancelled by Odoo's own Cancel). Offers
cancelled before and left open (initiated, confirmed, in follow-up,
postponed) kept counting as open: they are rejected for other reasons here,
in SQL, as the install does for the orders it finds cancelled."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        WITH status AS (
            SELECT id FROM solis_offer_status
             WHERE active AND kind = 'rejected' AND company_id IS NULL
             ORDER BY sequence, id LIMIT 1
        ), reason AS (
            SELECT res_id AS id FROM ir_model_data
             WHERE module = 'solis_sales_process'
               AND name = 'offer_rejection_reason_other'
        )
        UPDATE sale_order so
           SET offer_status_id = status.id,
               offer_status_kind = 'rejected',
               rejection_reason_id = (SELECT id FROM reason)
          FROM status
         WHERE so.state = 'cancel'
           AND so.offer_status_kind IN ('initiated', 'confirmed', 'followup',
                                        'postponed')
        """
    )
    if cr.rowcount:
        _logger.info(
            "Cancelled offers left open, now rejected for other reasons: %s",
            cr.rowcount,
        )
