"""The best SQL we could write by hand for each answer of get_answers (the
whole team, no record rule): the physical limit the addon is measured
against. Each query returns the count in its first column; the benchmark
checks that it equals the addon's number."""

from datetime import datetime, time, timedelta

import _odoo  # noqa: F401  (makes the addon importable)

from odoo import fields

from odoo.addons.solis_sales_process.models.solis_offer_status import (
    OFFER_STATUS_KINDS,
)

CLIENTS = "p.parent_id IS NULL AND p.active"
PROSPECTS = f"{CLIENTS} AND p.is_prospect"
IMPORTANT = (
    f"{CLIENTS} AND p.client_class_id IN "
    "(SELECT id FROM solis_client_class WHERE is_important)"
)
VISITS_DONE = (
    "v.state = 'done' AND v.visit_date >= %(start)s AND v.visit_date < %(end)s"
)
# The last version of each offer chain, on its first version's offer date.
CHAINS = """NOT EXISTS (SELECT 1 FROM sale_order n WHERE n.previous_offer_id = so.id)
    AND ((so.offer_origin_id IS NULL
          AND so.offer_date >= %(start)s AND so.offer_date < %(end)s)
         OR so.offer_origin_id IN (SELECT o.id FROM sale_order o
                                    WHERE o.offer_date >= %(start)s
                                      AND o.offer_date < %(end)s))"""
OFFERS = f"""{CHAINS} AND (so.offer_status_id IS NOT NULL
    OR so.state IN ('sent', 'sale') OR so.offer_origin_id IS NOT NULL)"""
LEADS = (
    f"{CLIENTS} AND p.is_lead AND p.first_contact_date >= %(start)s "
    "AND p.first_contact_date < %(end)s"
)
# The rows of the coverage report: clients the sales process is about.
COVERED = (
    f"{CLIENTS} AND (p.is_prospect OR p.customer_rank > 0 "
    "OR p.client_class_id IS NOT NULL OR p.user_id IS NOT NULL "
    "OR p.offer_stage IS NOT NULL OR p.first_contact_date IS NOT NULL)"
)
NEVER_CONTACTED = f"{PROSPECTS} AND p.last_contact_date IS NULL"
HAS_ORDER = """EXISTS (SELECT 1 FROM sale_order so JOIN res_partner sp
                 ON sp.id = so.partner_id
              WHERE sp.commercial_partner_id = p.id AND so.state = 'sale')"""
HAS_OFFER = """EXISTS (SELECT 1 FROM sale_order so JOIN res_partner sp
                 ON sp.id = so.partner_id WHERE sp.commercial_partner_id = p.id)"""

HAND_SQL = {
    "prospects": f"SELECT count(*) FROM res_partner p WHERE {PROSPECTS}",
    "prospects_unassigned": (
        f"SELECT count(*) FROM res_partner p WHERE {PROSPECTS} AND p.user_id IS NULL"
    ),
    "prospects_never_contacted": (
        f"SELECT count(*) FROM res_partner p WHERE {NEVER_CONTACTED}"
    ),
    "prospects_never_contacted_unassigned": f"""
        SELECT count(*) FROM res_partner p WHERE {NEVER_CONTACTED}
           AND p.user_id IS NULL""",
    "prospects_never_contacted_assigned": f"""
        SELECT count(*) FROM res_partner p WHERE {NEVER_CONTACTED}
           AND p.user_id IS NOT NULL""",
    "important_clients": f"SELECT count(*) FROM res_partner p WHERE {IMPORTANT}",
    "important_not_visited": f"""
        SELECT count(*) FROM res_partner p
          JOIN solis_client_class c ON c.id = p.client_class_id AND c.is_important
         WHERE {CLIENTS} AND (p.last_visit_date IS NULL
               OR p.last_visit_date
                  < %(today)s - c.visit_interval_days * interval '1 day')""",
    "important_visited_30_days": f"""
        SELECT count(*) FROM res_partner p WHERE {IMPORTANT}
           AND p.last_visit_date >= %(since_30_days)s""",
    "important_contacted_30_days": f"""
        SELECT count(*) FROM res_partner p WHERE {IMPORTANT}
           AND p.last_contact_date >= %(since_30_days)s""",
    "important_not_contacted_30_days": f"""
        SELECT count(*) FROM res_partner p WHERE {IMPORTANT}
           AND (p.last_contact_date IS NULL
                OR p.last_contact_date < %(since_30_days)s)""",
    "visits_done": f"SELECT count(*) FROM solis_visit v WHERE {VISITS_DONE}",
    "visits_in_person": f"""
        SELECT count(*) FROM solis_visit v WHERE {VISITS_DONE}
           AND v.type_id IN (SELECT id FROM solis_visit_type WHERE is_in_person)""",
    "visits_remote": f"""
        SELECT count(*) FROM solis_visit v WHERE {VISITS_DONE}
           AND v.type_id IN (SELECT id FROM solis_visit_type
                              WHERE is_in_person IS NOT TRUE)""",
    "leads": f"SELECT count(*) FROM res_partner p WHERE {LEADS}",
    "leads_with_offer": f"""
        SELECT count(*) FROM res_partner p WHERE {LEADS} AND {HAS_OFFER}""",
    "visits_with_offer": f"""
        SELECT count(*) FROM solis_visit v WHERE {VISITS_DONE}
           AND EXISTS (SELECT 1 FROM solis_visit_sale_order_rel r
                         JOIN sale_order so ON so.id = r.order_id
                         LEFT JOIN sale_order o ON o.id = so.offer_origin_id
                        WHERE r.visit_id = v.id
                          AND v.visit_date::date
                              <= COALESCE(o.offer_date, so.offer_date)::date)""",
    "offers": f"SELECT count(*) FROM sale_order so WHERE {OFFERS}",
    "offers_ordered": f"""
        SELECT count(*) FROM sale_order so WHERE {OFFERS} AND so.state = 'sale'""",
    "quotations_not_sent": f"""
        SELECT count(*) FROM sale_order so WHERE {CHAINS}
           AND so.state IN ('draft', 'cancel') AND so.offer_status_id IS NULL
           AND so.offer_origin_id IS NULL""",
    "offers_not_confirmed": f"""
        SELECT count(*) FROM sale_order so WHERE {OFFERS}
           AND so.state IN ('draft', 'sent')
           AND (so.offer_status_kind IS NULL
                OR so.offer_status_kind = 'initiated')""",
    "clients_overdue": f"""
        SELECT count(*) FROM res_partner p
          JOIN solis_client_class c ON c.id = p.client_class_id
         WHERE {COVERED} AND p.user_id IS NOT NULL
           AND (p.last_visit_date IS NULL
                OR p.last_visit_date < %(today)s::date - c.visit_interval_days)""",
    "funnel_unassigned": f"""
        SELECT count(*) FROM res_partner p WHERE {NEVER_CONTACTED}
           AND p.user_id IS NULL""",
    "funnel_never_contacted": f"""
        SELECT count(*) FROM res_partner p WHERE {NEVER_CONTACTED}
           AND p.user_id IS NOT NULL""",
    "funnel_contacted": f"""
        SELECT count(*) FROM res_partner p WHERE {COVERED}
           AND p.last_contact_date IS NOT NULL AND NOT {HAS_OFFER}""",
    "funnel_offer": f"""
        SELECT count(*) FROM res_partner p WHERE {COVERED}
           AND NOT ({NEVER_CONTACTED}) AND {HAS_OFFER} AND NOT {HAS_ORDER}""",
    "funnel_order": f"""
        SELECT count(*) FROM res_partner p WHERE {COVERED}
           AND NOT ({NEVER_CONTACTED}) AND {HAS_ORDER}""",
}
for _kind, _label in OFFER_STATUS_KINDS:
    HAND_SQL[f"offers_{_kind}"] = (
        f"SELECT count(*) FROM sale_order so WHERE {OFFERS} AND so.offer_origin_id IS NOT NULL"
        if _kind == "renegotiated"
        else f"""
        SELECT count(*) FROM sale_order so WHERE {OFFERS}
           AND so.offer_status_kind = '{_kind}'"""
    )

# The pivot: visits done in 12 months by rep and client class, with the
# totals of the rows, the columns and the whole, in one pass.
PIVOT_SQL = """
    SELECT v.user_id, v.client_class_id, count(*), sum(v.duration)
      FROM solis_visit v
     WHERE v.visit_date >= %(start)s AND v.state = 'done'
     GROUP BY GROUPING SETS ((), (v.user_id), (v.client_class_id),
                             (v.user_id, v.client_class_id))
"""


def hand_params(env, review):
    """The bounds get_answers used (the review is made with tz UTC)."""
    date_from = fields.Date.to_date(review["date_from"])
    date_to = fields.Date.to_date(review["date_to"])
    today = fields.Date.context_today(env["res.users"])
    return {
        "start": datetime.combine(date_from, time.min),
        "end": datetime.combine(date_to + timedelta(days=1), time.min),
        "today": datetime.combine(today, time.min),
        "since_30_days": datetime.combine(today - timedelta(days=30), time.min),
    }


# The order of each list, as the model sorts it, for the page of 80 rows.
LIST_ORDER = {
    "prospects_never_contacted": ("p.id", "p.complete_name ASC, p.id DESC"),
    "important_not_visited": ("p.id", "p.complete_name ASC, p.id DESC"),
    "visits_done": ("v.id", "v.visit_date DESC, v.id DESC"),
    "offers_not_confirmed": ("so.id", "so.date_order DESC, so.id DESC"),
    "clients_overdue": (
        "p.id",
        "(%(today)s::date - p.last_visit_date::date) DESC NULLS FIRST, p.id",
    ),
}


def list_page_sql(key):
    """The first page of the list behind ``key``, sorted as the model is."""
    column, order = LIST_ORDER[key]
    query = HAND_SQL[key].replace("count(*)", column, 1)
    return f"{query} ORDER BY {order} LIMIT 80"
