"""18.0.1.4.0 puts the sales process's numbers in Odoo's periodic KPI e-mail.
The default digest turns them on from its noupdate data, which only an
install loads: a database upgraded from an earlier version gets them here,
once. The KPI fields are this version's, written here (a migration does not
import the addon's code, which later versions change)."""

from odoo import SUPERUSER_ID, api

KPIS = (
    "kpi_solis_visits_done",
    "kpi_solis_offers",
    "kpi_solis_offers_ordered",
    "kpi_solis_leads",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    digest = env.ref("digest.digest_digest_default", raise_if_not_found=False)
    if digest:
        digest.write(dict.fromkeys(KPIS, True))
