"""18.0.1.5.0 writes the daily e-mail's counts as whole sentences whose noun
and verb agree with the number ("1 important client has...", "2 important
clients have...", in Romanian "20 de clienți..."). The template is noupdate,
which an upgrade never rewrites: each of its languages gets the new lines
here, where the shipped ones are still in place. An administrator's own
wording of those lines is left as it is."""

import re

from psycopg2.extras import Json

LINES = {
    "important_overdue": "2 important clients have not been visited within the "
    "interval of their class.",
    "offers_waiting": "3 offers are waiting for the client's answer past their "
    "follow-up date.",
}


def migrate(cr, version):
    if not version:
        return
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
    changed = False
    for lang, body in bodies.items():
        for key, sample in LINES.items():
            # The shipped line: the count in a <t> inside the link, the rest
            # of the sentence after it.
            shipped = re.compile(
                rf"<a t-att-href=\"digest\.get\('{key}_url'\)\">\s*<t t-out=\"digest"
                rf"\.get\('{key}'\)\">[^<]*</t>[^<]*</a>[^<]*"
            )
            line = (
                f"<a t-att-href=\"digest.get('{key}_url')\" "
                f"t-out=\"digest.get('{key}_text')\">{sample}</a>\n    "
            )
            body, count = shipped.subn(lambda _match, line=line: line, body)
            changed = changed or bool(count)
        bodies[lang] = body
    if changed:
        cr.execute(
            "UPDATE mail_template SET body_html = %s WHERE id = %s",
            [Json(bodies), template_id],
        )
