"""18.0.1.7.0 keeps the events of the visits private to their reps: they
name the client, his address, contact and phone. The events made before are
made private here, with their organizer and their only attendee the visit's
rep, as the addon now keeps them (a colleague may have added himself, or an
outside address, before)."""

import logging

from odoo.tools import SQL
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)


def _visit_events(cr):
    """The visits' events and their reps: through the visits' column until
    18.0.1.8.0 (an upgrade from an older version runs this first), through
    the event's own document after."""
    if column_exists(cr, "solis_visit", "calendar_event_id"):
        return SQL(
            """SELECT v.calendar_event_id AS event_id, v.user_id
                 FROM solis_visit v WHERE v.calendar_event_id IS NOT NULL"""
        )
    return SQL(
        """SELECT e.id AS event_id, v.user_id
             FROM calendar_event e JOIN solis_visit v ON v.id = e.res_id
            WHERE e.solis_visit_event AND e.res_model = 'solis.visit'"""
    )


def migrate(cr, version):
    if not version:
        return
    visit_events = _visit_events(cr)
    cr.execute(
        SQL(
            """UPDATE calendar_event e
                  SET privacy = 'private', user_id = v.user_id
                 FROM (%s) v
                WHERE v.event_id = e.id
                  AND (e.privacy IS DISTINCT FROM 'private'
                       OR e.user_id IS DISTINCT FROM v.user_id)""",
            visit_events,
        )
    )
    events = cr.rowcount
    cr.execute(
        SQL(
            """DELETE FROM calendar_event_res_partner_rel r
                USING (%s) v JOIN res_users u ON u.id = v.user_id
                WHERE r.calendar_event_id = v.event_id
                  AND r.res_partner_id != u.partner_id""",
            visit_events,
        )
    )
    cr.execute(
        SQL(
            """DELETE FROM calendar_attendee a
                USING (%s) v JOIN res_users u ON u.id = v.user_id
                WHERE a.event_id = v.event_id
                  AND a.partner_id != u.partner_id""",
            visit_events,
        )
    )
    attendees = cr.rowcount
    _logger.info(
        "Visits' events made private: %s; other attendees removed: %s",
        events,
        attendees,
    )
