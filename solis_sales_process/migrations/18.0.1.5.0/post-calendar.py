"""18.0.1.5.0 puts the planned visits in their reps' calendars. The visits
planned from today on, made before, join them here; past ones are history,
not a plan. Through the ORM, so that calendar's attendees and Google or
Outlook sync see ordinary events, but with this version's values written
here (a migration does not import the addon's code, which later versions
change)."""

import logging
from datetime import datetime, time, timedelta

from odoo import SUPERUSER_ID, api, fields

_logger = logging.getLogger(__name__)

# A calendar years ahead is no plan: the nearest visits are enough.
LIMIT = 20000
BATCH = 500
QUIET = {
    "solis_calendar_sync": True,
    "no_mail_to_attendees": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, QUIET)
    today = datetime.combine(fields.Date.today(), time.min)
    visits = env["solis.visit"].search(
        [
            ("state", "=", "planned"),
            ("calendar_event_id", "=", False),
            ("visit_date", ">=", today),
        ],
        order="visit_date, id",
        limit=LIMIT,
    )
    model_id = env["ir.model"]._get_id("solis.visit")
    for start in range(0, len(visits), BATCH):
        batch = visits[start : start + BATCH]
        env["calendar.event"].create(
            [
                {
                    "name": visit.display_name,
                    "start": visit.visit_date,
                    "stop": visit.visit_date + timedelta(hours=visit.duration or 1.0),
                    "allday": False,
                    "user_id": visit.user_id.id,
                    "partner_ids": [fields.Command.set(visit.user_id.partner_id.ids)],
                    "location": ", ".join(
                        line.strip()
                        for line in visit.partner_id._display_address(
                            without_company=True
                        ).splitlines()
                        if line.strip()
                    )
                    or False,
                    "res_model_id": model_id,
                    "res_model": "solis.visit",
                    "res_id": visit.id,
                    # The link as 18.0.1.8.0 keeps it: the event's document.
                    "solis_visit_event": True,
                }
                for visit in batch
            ]
        )
        env.flush_all()
        env.invalidate_all()
    if visits:
        _logger.info("Planned visits put in their reps' calendars: %s", len(visits))
