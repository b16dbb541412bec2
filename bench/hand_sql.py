"""The best SQL we could write by hand for each answer of get_answers (the
whole team, no record rule): the physical limit the addon is measured
against. Each query returns the count in its first column; the benchmark
checks that it equals the addon's number."""

import re
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
# A quotation sent (or given a status), or a later version: an offer.
SENT = """(so.offer_status_id IS NOT NULL OR so.state IN ('sent', 'sale')
    OR so.offer_origin_id IS NOT NULL)"""
OFFERS = f"{CHAINS} AND {SENT}"
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
HAS_OFFER = f"""EXISTS (SELECT 1 FROM sale_order so JOIN res_partner sp
                 ON sp.id = so.partner_id
              WHERE sp.commercial_partner_id = p.id AND {SENT})"""

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
    "visits_verified": f"""
        SELECT count(*) FROM solis_visit v WHERE {VISITS_DONE}
           AND v.checkin_status = 'verified'""",
    "leads": f"SELECT count(*) FROM res_partner p WHERE {LEADS}",
    "leads_with_offer": f"""
        SELECT count(*) FROM res_partner p WHERE {LEADS} AND {HAS_OFFER}""",
    "visits_with_offer": f"""
        SELECT count(*) FROM solis_visit v WHERE {VISITS_DONE}
           AND EXISTS (SELECT 1 FROM solis_visit_sale_order_rel r
                         JOIN sale_order so ON so.id = r.order_id
                         LEFT JOIN sale_order o ON o.id = so.offer_origin_id
                        WHERE r.visit_id = v.id AND {SENT}
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


def dashboard_params(env, board):
    """The bounds of the dashboard's periods (made with tz UTC)."""
    starts = [fields.Date.to_date(day) for day in _trend_starts(board)]
    end = fields.Date.to_date(board["date_to"]) + timedelta(days=1)
    bounds = [datetime.combine(day, time.min) for day in [*starts, end]]
    today = fields.Date.to_date(board["date"])
    return {
        "bounds": bounds,
        "start": bounds[0],
        "end": bounds[-1],
        "today": datetime.combine(today, time.min),
        "since_30_days": datetime.combine(today - timedelta(days=30), time.min),
    }


def _trend_starts(board):
    """The first day of each period of the trend: monthly periods only."""
    last = fields.Date.to_date(board["date_from"])
    count = len(board["trend_labels"])
    return [
        last.replace(
            year=last.year + (last.month - 1 - back) // 12,
            month=(last.month - 1 - back) % 12 + 1,
        )
        for back in range(count - 1, -1, -1)
    ]


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


# ---------------------------------------------------------------------------
# The manager's dashboard: the whole team's answers of 12 consecutive periods
# (the current one, the previous one and the trend), the undated answers, the
# funnel and the medians, per rep too (its comparison table), in one pass over
# the clients, one over the span's visits and one over the span's offers.
# Written from the README's definitions, on the stored columns the schema
# offers (a client's offer stage, first and last contact, a visit's latest
# offer date, a quotation's first version's offer date); the `answers` part
# checks those columns against recounts from the raw quotations and visits.
# Parameters: %(bounds)s (n + 1 UTC
# datetimes), %(start)s and %(end)s (the first and last bound), %(today)s,
# %(since_30_days)s.
# ---------------------------------------------------------------------------
def _bucket(column):
    return (
        f"CASE WHEN {column} >= %(start)s AND {column} < %(end)s "
        f"THEN width_bucket({column}, %(bounds)s::timestamp[]) END"
    )


DASHBOARD_CLIENTS = f"""
    SELECT s.user_id, s.b,
           count(*) FILTER (WHERE s.prospect) AS prospects,
           count(*) FILTER (WHERE s.prospect AND s.user_id IS NULL)
               AS prospects_unassigned,
           count(*) FILTER (WHERE s.never) AS prospects_never_contacted,
           count(*) FILTER (WHERE s.never AND s.user_id IS NULL)
               AS prospects_never_contacted_unassigned,
           count(*) FILTER (WHERE s.never AND s.user_id IS NOT NULL)
               AS prospects_never_contacted_assigned,
           count(*) FILTER (WHERE s.never AND s.user_id IS NULL) AS funnel_unassigned,
           count(*) FILTER (WHERE s.never AND s.user_id IS NOT NULL)
               AS funnel_never_contacted,
           count(*) FILTER (WHERE s.important) AS important_clients,
           count(*) FILTER (WHERE s.important AND s.overdue) AS important_not_visited,
           count(*) FILTER (WHERE s.important AND s.visited_30)
               AS important_visited_30_days,
           count(*) FILTER (WHERE s.important AND s.contacted_30)
               AS important_contacted_30_days,
           count(*) FILTER (WHERE s.important AND NOT s.contacted_30)
               AS important_not_contacted_30_days,
           count(*) FILTER (WHERE s.covered AND s.overdue AND s.user_id IS NOT NULL)
               AS clients_overdue,
           count(*) FILTER (WHERE s.covered AND NOT s.never AND s.contacted
                              AND s.offer_stage IS NULL) AS funnel_contacted,
           count(*) FILTER (WHERE s.covered AND NOT s.never
                              AND s.offer_stage = 'offer') AS funnel_offer,
           count(*) FILTER (WHERE s.covered AND NOT s.never
                              AND s.offer_stage = 'order') AS funnel_order,
           count(*) FILTER (WHERE s.lead) AS leads,
           count(*) FILTER (WHERE s.lead AND s.offer_stage IS NOT NULL)
               AS leads_with_offer
      FROM (SELECT p.user_id, {_bucket("p.first_contact_date")} AS b,
                   p.is_prospect IS TRUE AS prospect,
                   p.is_prospect IS TRUE AND p.last_contact_date IS NULL AS never,
                   c.is_important IS TRUE AS important,
                   c.id IS NOT NULL AND (p.last_visit_date IS NULL
                       OR p.last_visit_date
                          < %(today)s::date - c.visit_interval_days) AS overdue,
                   (p.is_prospect OR p.customer_rank > 0
                    OR p.client_class_id IS NOT NULL OR p.user_id IS NOT NULL
                    OR p.offer_stage IS NOT NULL
                    OR p.first_contact_date IS NOT NULL) IS TRUE AS covered,
                   p.last_visit_date >= %(since_30_days)s IS TRUE AS visited_30,
                   p.last_contact_date >= %(since_30_days)s IS TRUE AS contacted_30,
                   p.last_contact_date IS NOT NULL AS contacted,
                   p.offer_stage,
                   p.is_lead IS TRUE AND p.first_contact_date >= %(start)s
                       AND p.first_contact_date < %(end)s AS lead
              FROM res_partner p
              LEFT JOIN solis_client_class c ON c.id = p.client_class_id
             WHERE p.parent_id IS NULL AND p.active) s
     GROUP BY s.user_id, s.b
"""

# The visits by rep, client class and kind of contact (question 3's table)
# are a grouping set of the same pass.
DASHBOARD_VISITS = f"""
    SELECT s.user_id, s.client_class_id, s.b,
           count(*) AS visits_done,
           count(*) FILTER (WHERE s.in_person) AS visits_in_person,
           count(*) FILTER (WHERE s.remote) AS visits_remote,
           count(*) FILTER (WHERE s.with_offer) AS visits_with_offer,
           count(*) FILTER (WHERE s.verified) AS visits_verified
      FROM (SELECT v.user_id, v.client_class_id, {_bucket("v.visit_date")} AS b,
                   v.checkin_status = 'verified' AS verified,
                   t.is_in_person IS TRUE AS in_person,
                   t.id IS NOT NULL AND t.is_in_person IS NOT TRUE AS remote,
                   v.latest_offer_date IS NOT NULL
                   AND v.visit_date::date <= v.latest_offer_date::date AS with_offer
              FROM solis_visit v
              LEFT JOIN solis_visit_type t ON t.id = v.type_id
             WHERE v.state = 'done'
               AND v.visit_date >= %(start)s AND v.visit_date < %(end)s) s
     GROUP BY s.user_id, s.client_class_id, s.b
"""


def _summed(inner, keys, flags, sets):
    """A pass counted in one plain GROUP BY over ``keys`` (which PostgreSQL
    can split among parallel workers, as the addon's passes are), then summed
    into its grouping ``sets`` (a few thousand rows); ``flags``: ``{key:
    column}`` telling which rows add up all values of the key."""
    head = inner.split("FROM (", 1)[0]
    counts = re.findall(r"\bAS (\w+)", head)
    columns = [f"GROUPING(g.{key}) = 1 AS {flag}" for key, flag in flags.items()]
    columns += [f"g.{key}" for key in keys]
    columns += [f"sum(g.{name})::bigint AS {name}" for name in counts]
    return f"""
    SELECT {", ".join(columns)}
      FROM ({inner}) g
     GROUP BY GROUPING SETS ({sets})
"""


DASHBOARD_CLIENTS = _summed(
    DASHBOARD_CLIENTS,
    ("user_id", "b"),
    {"user_id": "all_reps", "b": "all_periods"},
    "(g.user_id, g.b), (g.b), (g.user_id), ()",
)
DASHBOARD_VISITS = _summed(
    DASHBOARD_VISITS,
    ("user_id", "client_class_id", "b"),
    {"user_id": "all_reps", "client_class_id": "all_classes"},
    "(g.b), (g.b, g.user_id), (g.b, g.user_id, g.client_class_id)",
)


# The last version of each chain whose first version was made in the span
# (each quotation stores its first version's offer date; the `answers` part
# recounts the chains from the versions themselves). The rejection reasons
# (question 5's table) are a grouping set of the same pass.
DASHBOARD_OFFERS = """
    SELECT GROUPING(s.user_id) = 1 AS all_reps, GROUPING(s.reason) = 1 AS all_reasons,
           s.b, s.user_id, s.reason,
           count(*) FILTER (WHERE s.sent) AS offers,
           count(*) FILTER (WHERE s.sent AND s.state = 'sale') AS offers_ordered,
           count(*) FILTER (WHERE s.sent AND s.state IN ('draft', 'sent')
                              AND (s.kind IS NULL OR s.kind = 'initiated'))
               AS offers_not_confirmed,
           count(*) FILTER (WHERE NOT s.sent) AS quotations_not_sent,
           count(*) FILTER (WHERE s.sent AND s.kind = 'initiated') AS offers_initiated,
           count(*) FILTER (WHERE s.sent AND s.kind = 'confirmed') AS offers_confirmed,
           count(*) FILTER (WHERE s.sent AND s.kind = 'followup') AS offers_followup,
           count(*) FILTER (WHERE s.sent AND s.renegotiated) AS offers_renegotiated,
           count(*) FILTER (WHERE s.sent AND s.kind = 'accepted') AS offers_accepted,
           count(*) FILTER (WHERE s.sent AND s.kind = 'rejected') AS offers_rejected,
           count(*) FILTER (WHERE s.sent AND s.kind = 'postponed') AS offers_postponed,
           array_agg(s.order_days) FILTER (WHERE s.sent AND s.order_days IS NOT NULL)
               AS median_days_offer_to_order
      FROM (SELECT so.user_id, so.state, so.offer_status_kind AS kind,
                   so.rejection_reason_id AS reason,
                   width_bucket(so.offer_chain_date, %(bounds)s::timestamp[]) AS b,
                   so.offer_origin_id IS NOT NULL AS renegotiated,
                   (so.offer_status_id IS NOT NULL OR so.state IN ('sent', 'sale')
                    OR so.offer_origin_id IS NOT NULL) AS sent,
                   CASE WHEN so.state = 'sale'
                        THEN date_part('epoch', so.date_order - so.offer_chain_date)
                             / 86400.0 END AS order_days
              FROM sale_order so
             WHERE so.offer_chain_date >= %(start)s AND so.offer_chain_date < %(end)s
               AND NOT EXISTS (SELECT 1 FROM sale_order n
                                WHERE n.previous_offer_id = so.id)) s
     GROUP BY GROUPING SETS ((s.b), (s.b, s.user_id), (s.b, s.reason))
"""


def _with_medians(inner, groups, medians):
    """The pass's rows with each array of days (hash-aggregated, so that the
    pass needs no sort) turned into its median."""
    columns = re.findall(r"\bAS (\w+)", inner.split("FROM (", 1)[0])
    keep = [f"g.{name}" for name in columns if name not in medians]
    keep[2:2] = [f"g.{name}" for name in groups]
    keep += [
        f"(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FROM unnest(g.{name}) d)"
        f" AS {name}"
        for name in medians
    ]
    return f"SELECT {', '.join(keep)} FROM ({inner}) g"


DASHBOARD_OFFERS = _with_medians(
    DASHBOARD_OFFERS, ("b", "user_id", "reason"), ("median_days_offer_to_order",)
)
# The median from first contact to offer is over the leads with an offer
# only, a few thousand clients of the span: a query of its own, so that the
# pass over every client stays a hash aggregate.
DASHBOARD_LEAD_OFFER_DAYS = f"""
    SELECT GROUPING(s.user_id) = 1 AS all_reps, FALSE AS all_periods,
           s.b, s.user_id,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s.days)
               AS median_days_contact_to_offer
      FROM (SELECT p.user_id,
                   width_bucket(p.first_contact_date, %(bounds)s::timestamp[]) AS b,
                   (SELECT date_part('epoch', min(so.offer_date)
                                     - p.first_contact_date) / 86400.0
                      FROM sale_order so
                      JOIN res_partner sp ON sp.id = so.partner_id
                     WHERE sp.commercial_partner_id = p.id
                       AND so.offer_date >= p.first_contact_date
                       AND {SENT}) AS days
              FROM res_partner p
             WHERE p.parent_id IS NULL AND p.active AND p.is_lead
               AND p.offer_stage IS NOT NULL
               AND p.first_contact_date >= %(start)s
               AND p.first_contact_date < %(end)s) s
     GROUP BY GROUPING SETS ((s.b, s.user_id), (s.b))
"""
# The median from a rep's assignment to his first contact, per rep, over the
# clients with both dates (on their own index). The days of every median are
# floats (date_part), not numerics (EXTRACT), which sort several times slower.
DASHBOARD_ASSIGNMENT_DAYS = """
    SELECT GROUPING(p.user_id) = 1 AS all_reps, TRUE AS all_periods,
           NULL::int AS b, p.user_id,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part(
               'epoch', p.rep_first_contact_date - p.user_assigned_date) / 86400.0)
               AS median_days_assignment_to_contact
      FROM res_partner p
     WHERE p.parent_id IS NULL AND p.active AND p.user_assigned_date IS NOT NULL
       AND p.rep_first_contact_date IS NOT NULL
     GROUP BY GROUPING SETS ((p.user_id), ())
"""
DASHBOARD_PASSES = {
    "clients": DASHBOARD_CLIENTS,
    "visits": DASHBOARD_VISITS,
    "offers": DASHBOARD_OFFERS,
    "leads' first offer": DASHBOARD_LEAD_OFFER_DAYS,
    "assignment to contact": DASHBOARD_ASSIGNMENT_DAYS,
}
