"""18.0.1.7.0 keeps the events of the visits private to their reps: they
name the client, his address, contact and phone. The events made before are
made private here, with their organizer and their only attendee the visit's
rep, as the addon now keeps them (a colleague may have added himself, or an
outside address, before)."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """UPDATE calendar_event e
              SET privacy = 'private', user_id = v.user_id
             FROM solis_visit v
            WHERE v.calendar_event_id = e.id
              AND (e.privacy IS DISTINCT FROM 'private'
                   OR e.user_id IS DISTINCT FROM v.user_id)"""
    )
    events = cr.rowcount
    cr.execute(
        """DELETE FROM calendar_event_res_partner_rel r
            USING solis_visit v JOIN res_users u ON u.id = v.user_id
            WHERE r.calendar_event_id = v.calendar_event_id
              AND r.res_partner_id != u.partner_id"""
    )
    cr.execute(
        """DELETE FROM calendar_attendee a
            USING solis_visit v JOIN res_users u ON u.id = v.user_id
            WHERE a.event_id = v.calendar_event_id
              AND a.partner_id != u.partner_id"""
    )
    attendees = cr.rowcount
    _logger.info(
        "Visits' events made private: %s; other attendees removed: %s",
        events,
        attendees,
    )
