"""18.0.1.7.0:

- A client's next contact from a planned visit is the day the visit is
  planned for in its rep's timezone, no longer its day in UTC (a visit at
  00:30 in Bucharest was the day before). Only the clients with a planned
  visit may change: their figures are recomputed in one SQL statement, the
  one the install and the imports use.
- The daily e-mail lists what My Day lists, however late: its third section
  is no longer "last week" but everything forgotten before yesterday, and
  its title comes from the e-mail's values. The template is noupdate, which
  an upgrade never rewrites: each of its languages is given the new title's
  place here, where the shipped heading is still in place."""

from psycopg2.extras import Json

from odoo import SUPERUSER_ID, api

SHIPPED_HEADING = 't-out="section[1]"'
HEADING = "t-out=\"digest.get('section_titles', {}).get(section[0]) or section[1]\""


def migrate(cr, version):
    if not version:
        return
    _next_contact_on_the_reps_day(cr)
    _earlier_section_title(cr)


def _next_contact_on_the_reps_day(cr):
    cr.execute("SELECT DISTINCT partner_id FROM solis_visit WHERE state = 'planned'")
    partner_ids = [partner_id for (partner_id,) in cr.fetchall()]
    if partner_ids:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["res.partner"]._solis_fill_visit_figures(partner_ids)


def _earlier_section_title(cr):
    cr.execute(
        """SELECT t.id, t.body_html FROM mail_template t
             JOIN ir_model_data d ON d.res_id = t.id AND d.model = 'mail.template'
            WHERE d.module = 'solis_sales_process'
              AND d.name = 'mail_template_sales_digest'"""
    )
    row = cr.fetchone()
    if not row or not row[1]:
        return
    template_id, bodies = row
    changed = {
        lang: body.replace(SHIPPED_HEADING, HEADING)
        for lang, body in bodies.items()
        if body and SHIPPED_HEADING in body
    }
    if changed:
        cr.execute(
            "UPDATE mail_template SET body_html = %s WHERE id = %s",
            [Json({**bodies, **changed}), template_id],
        )
