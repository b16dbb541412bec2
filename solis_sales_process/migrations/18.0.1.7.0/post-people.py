"""18.0.1.7.0 takes a client's next contact from a planned visit on the day
the visit is planned for in its rep's timezone, no longer on its day in UTC
(a visit at 00:30 in Bucharest was the day before). Only the clients with a
planned visit may change: their figures are recomputed in one SQL statement,
the one the install and the imports use."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute("SELECT DISTINCT partner_id FROM solis_visit WHERE state = 'planned'")
    partner_ids = [partner_id for (partner_id,) in cr.fetchall()]
    if partner_ids:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["res.partner"]._solis_fill_visit_figures(partner_ids)
