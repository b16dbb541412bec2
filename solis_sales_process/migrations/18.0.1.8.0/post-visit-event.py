"""18.0.1.8.0 keeps one link between a planned visit and its calendar event:
the event's own document (res_model, res_id), which calendar shows as a
button to the visit, with the flag that says the event is the visit itself.
The visit's column that pointed at its event, a second copy of the same
link, is read here once and dropped."""

import logging

from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version or not column_exists(cr, "solis_visit", "calendar_event_id"):
        return
    # An event pointed at by two visits (none was made so, but the column
    # allowed it) stays the event of the first.
    cr.execute(
        """WITH pairs AS (
               SELECT DISTINCT ON (v.calendar_event_id)
                      v.calendar_event_id AS event_id, v.id AS visit_id
                 FROM solis_visit v
                WHERE v.calendar_event_id IS NOT NULL
                ORDER BY v.calendar_event_id, v.id)
           UPDATE calendar_event e
              SET solis_visit_event = TRUE,
                  res_model = 'solis.visit',
                  res_model_id = (SELECT id FROM ir_model WHERE model = 'solis.visit'),
                  res_id = pairs.visit_id
             FROM pairs
            WHERE e.id = pairs.event_id"""
    )
    events = cr.rowcount
    cr.execute(
        """SELECT count(*) FROM solis_visit v
            WHERE v.calendar_event_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM calendar_event e
                               WHERE e.res_id = v.id AND e.solis_visit_event
                                 AND e.res_model = 'solis.visit')"""
    )
    [shared] = cr.fetchone()
    cr.execute("ALTER TABLE solis_visit DROP COLUMN calendar_event_id")
    _logger.info(
        "Visits' events linked by their document: %s; visits sharing another's "
        "event left without one: %s",
        events,
        shared,
    )
