"""18.0.1.4.0 puts the sales process's numbers in Odoo's periodic KPI e-mail.
The default digest turns them on from its noupdate data, which only an
install loads: a database upgraded from an earlier version gets them here,
once."""

from odoo import SUPERUSER_ID, api

from odoo.addons.solis_sales_process.models.digest_digest import SOLIS_KPI_ANSWERS


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    digest = env.ref("digest.digest_digest_default", raise_if_not_found=False)
    if digest:
        digest.write(dict.fromkeys(SOLIS_KPI_ANSWERS, True))
