from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..tools.clock import day_start_utc, tz_sql, user_today, user_tz
from ..tools.compat import boolean_search, search_method

VISIT_FIGURES = (
    "visit_count",
    "is_lead",
    "first_contact_date",
    "last_contact_date",
    "last_visit_date",
    "next_contact_date",
    "rep_first_contact_date",
)

OFFER_STAGES = [("offer", "Offer"), ("order", "Order")]
VISIT_RECURRENCE_UNITS = [("week", "Weeks"), ("month", "Months")]
# The longest recurrence, by unit: five years. Longer is no plan, and the
# planner's dates must stay within the calendar.
MAX_VISIT_RECURRENCE = {"week": 260, "month": 60}

# The client's figures: computed by the addon, never written by hand (a
# client "visited" in 2031 would count as covered for years).
ADDON_WRITTEN_FIELDS = (*VISIT_FIGURES, "offer_stage", "user_assigned_date")


def visit_figures_query(only):
    """``partner_id`` and the ``VISIT_FIGURES`` of every partner with a done,
    planned or followed-up visit; ``only`` narrows the visits read (an SQL
    condition starting with AND, on ``partner_id``). The ORM compute, the
    SQL fill and the upgrade all read the figures from here.

    The next contact is a day: a follow-up's own, or the day of a planned
    visit in its rep's timezone (UTC when he has none, or one PostgreSQL
    might not know), the day on his calendar, My Day and daily e-mail. A
    stored day cannot follow each reader's timezone: the rep's is the one
    the visit was planned in."""
    return SQL(
        """
        WITH done AS (
            SELECT v.partner_id, count(*) AS visit_count,
                   (array_agg(COALESCE(v.client_was_prospect, FALSE)
                              ORDER BY v.visit_date, v.id))[1] AS is_lead,
                   min(v.visit_date) AS first_contact_date,
                   max(v.visit_date) AS last_contact_date,
                   max(v.visit_date) FILTER (WHERE t.is_in_person) AS last_visit_date,
                   min(v.visit_date) FILTER (WHERE v.visit_date >= p.user_assigned_date)
                       AS rep_first_contact_date
              FROM solis_visit v JOIN solis_visit_type t ON t.id = v.type_id
              JOIN res_partner p ON p.id = v.partner_id
             WHERE v.state = 'done' %(only)s
             GROUP BY v.partner_id
        ), next_contact AS (
            SELECT partner_id, min(day) AS next_contact_date FROM (
                SELECT partner_id, next_contact_date AS day FROM solis_visit
                 WHERE next_contact_date IS NOT NULL
                   AND is_followup_done IS NOT TRUE AND state != 'cancelled' %(only)s
                UNION ALL
                SELECT planned.partner_id,
                       (planned.visit_date AT TIME ZONE 'UTC' AT TIME ZONE
                        %(rep_tz)s)::date
                  FROM (SELECT partner_id, user_id, visit_date FROM solis_visit
                         WHERE state = 'planned' %(only)s) planned
                  LEFT JOIN res_users u ON u.id = planned.user_id
                  LEFT JOIN res_partner rep ON rep.id = u.partner_id
            ) days GROUP BY partner_id
        )
        SELECT partner_id, done.visit_count, done.is_lead, done.first_contact_date,
               done.last_contact_date, done.last_visit_date,
               next_contact.next_contact_date, done.rep_first_contact_date
          FROM done FULL JOIN next_contact USING (partner_id)
        """,
        only=only,
        rep_tz=tz_sql(SQL("rep.tz")),
    )


def offer_stage_query(env, commercial_partner_filter):
    """``partner_id, offer_stage`` of the clients whose commercial partner
    id matches the filter (an SQL condition on it, e.g. ``= ANY(...)``):
    what their offers (sale.order's rule ``is_offer_sent``) reached. A
    quotation never sent is not an offer."""
    return SQL(
        """SELECT sp.commercial_partner_id AS partner_id,
                  CASE WHEN bool_or(so.state = 'sale') THEN 'order' ELSE 'offer' END
                      AS offer_stage
             FROM sale_order so JOIN res_partner sp ON sp.id = so.partner_id
            WHERE sp.commercial_partner_id %s AND %s
            GROUP BY sp.commercial_partner_id""",
        commercial_partner_filter,
        env["sale.order"]._solis_rule_sql("is_offer_sent", "so"),
    )


def fill_offer_stage(env):
    """Bring every partner's stored offer stage up to date in SQL: the
    install, the upgrades that change it, and bulk imports call this rather
    than recompute it partner by partner through the ORM."""
    env.cr.execute(
        SQL(
            """UPDATE res_partner p
                  SET offer_stage = s.offer_stage
                 FROM (SELECT p2.id, f.offer_stage
                         FROM res_partner p2
                         LEFT JOIN (%s) f ON f.partner_id = p2.id
                        WHERE f.partner_id IS NOT NULL
                           OR p2.offer_stage IS NOT NULL) s
                WHERE p.id = s.id
                  AND p.offer_stage IS DISTINCT FROM s.offer_stage""",
            offer_stage_query(env, SQL("IS NOT NULL")),
        )
    )
    return env.cr.rowcount


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "solis.addon.written.mixin", "solis.rule.mixin"]

    client_class_id = fields.Many2one(
        "solis.client.class",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        groups="base.group_user",
    )
    is_prospect = fields.Boolean(
        string="Prospect",
        index=True,
        help="A potential client: in the database, not buying yet. Confirming "
        "an order for him makes him a client.",
        groups="base.group_user",
    )
    user_assigned_date = fields.Datetime(
        string="Rep Assigned On",
        readonly=True,
        copy=False,
        help="When the current sales rep was given this client.",
        groups="base.group_user",
    )
    visit_ids = fields.One2many(
        "solis.visit", "partner_id", string="Visits", groups="base.group_user"
    )
    visit_count = fields.Integer(
        string="Visits Done",
        compute="_compute_visit_figures",
        store=True,
        groups="base.group_user",
    )
    is_lead = fields.Boolean(
        string="First Contacted as a Prospect",
        compute="_compute_visit_figures",
        store=True,
        groups="base.group_user",
        help="He was a prospect when he was first contacted: a lead in the "
        "period of his first contact. A client who had bought before is not.",
    )
    first_contact_date = fields.Datetime(
        string="First Contact",
        compute="_compute_visit_figures",
        store=True,
        index="btree_not_null",
        help="The first done visit: when the prospect became a lead in contact.",
        groups="base.group_user",
    )
    last_contact_date = fields.Datetime(
        string="Last Contact",
        compute="_compute_visit_figures",
        store=True,
        index="btree_not_null",
        help="The last done visit of any type.",
        groups="base.group_user",
    )
    last_visit_date = fields.Datetime(
        string="Last Visit in Person",
        compute="_compute_visit_figures",
        store=True,
        index="btree_not_null",
        help="The last done visit of a type met in person.",
        groups="base.group_user",
    )
    next_contact_date = fields.Date(
        string="Next Contact",
        compute="_compute_visit_figures",
        store=True,
        index="btree_not_null",
        help="The earliest planned visit or open follow-up: the day of a "
        "planned visit in its sales rep's timezone.",
        groups="base.group_user",
    )
    # Stored so that the median from assignment to first contact is read,
    # not searched for in every client's visits.
    rep_first_contact_date = fields.Datetime(
        string="First Contact Since the Rep's Assignment",
        compute="_compute_visit_figures",
        store=True,
        help="The first done visit since the current sales rep was given this client.",
        groups="base.group_user",
    )
    open_followup_ids = fields.Many2many(
        "solis.visit",
        string="Open Follow-ups",
        compute="_compute_open_followup_ids",
        groups="sales_team.group_sale_salesman",
        help="The follow-ups of this client's visits that are still to be done.",
    )

    offer_stage = fields.Selection(
        OFFER_STAGES,
        string="Furthest Offer Stage",
        compute="_compute_offer_stage",
        store=True,
        index="btree_not_null",
        help="Whether the client, or one of his contacts, has an offer (a "
        "quotation sent), or a confirmed order; empty when he has neither (a "
        "quotation never sent is not an offer).",
        groups="base.group_user",
    )
    has_sale_order = fields.Boolean(
        string="Has an Offer",
        compute="_compute_has_sale_order",
        search="_search_has_sale_order",
        help="The client, or one of his contacts, has an offer (a quotation "
        "sent) or an order.",
        groups="base.group_user",
    )

    is_never_contacted_prospect = fields.Boolean(
        string="Prospect Never Contacted",
        compute="_compute_solis_rules",
        depends=["parent_id", "is_prospect", "last_contact_date"],
        search="_search_is_never_contacted_prospect",
        groups="base.group_user",
        help="A prospect with no visit done, ever.",
    )
    is_important_client = fields.Boolean(
        string="Important Client",
        compute="_compute_solis_rules",
        depends=["parent_id", "client_class_id.is_important"],
        search="_search_is_important_client",
        groups="base.group_user",
        help="A client whose class is important.",
    )
    is_contacted_30_days = fields.Boolean(
        string="Contacted in the Last 30 Days",
        compute="_compute_solis_rules",
        depends=["last_contact_date"],
        depends_context=("tz", "uid"),
        search="_search_is_contacted_30_days",
        groups="base.group_user",
        help="A visit of any type done since midnight 30 days ago (your days).",
    )
    is_visited_30_days = fields.Boolean(
        string="Visited in the Last 30 Days",
        compute="_compute_solis_rules",
        depends=["last_visit_date"],
        depends_context=("tz", "uid"),
        search="_search_is_visited_30_days",
        groups="base.group_user",
        help="A visit in person done since midnight 30 days ago (your days).",
    )
    is_visit_overdue = fields.Boolean(
        string="Visit Overdue",
        compute="_compute_solis_rules",
        depends=[
            "parent_id",
            "active",
            "client_class_id",
            "client_class_id.visit_interval_days",
            "last_visit_date",
        ],
        depends_context=("tz", "uid"),
        search="_search_is_visit_overdue",
        groups="base.group_user",
        help="Has a class, and no visit in person within its target interval.",
    )

    is_visit_covered = fields.Boolean(
        string="Visited in Time",
        compute="_compute_solis_rules",
        depends=[
            "parent_id",
            "active",
            "client_class_id",
            "client_class_id.visit_interval_days",
            "last_visit_date",
        ],
        depends_context=("tz", "uid"),
        search="_search_is_visit_covered",
        groups="base.group_user",
        help="Visited in person within the target interval of his class.",
    )
    # The clients the coverage report is about, and the stages of the
    # prospect funnel: the report's rows and columns are these rules.
    is_sales_process_client = fields.Boolean(
        string="Client of the Sales Process",
        compute="_compute_solis_rules",
        depends=[
            "parent_id",
            "active",
            "is_prospect",
            "customer_rank",
            "client_class_id",
            "user_id",
            "offer_stage",
            "first_contact_date",
        ],
        search="_search_is_sales_process_client",
        groups="base.group_user",
        help="A company, not archived, that is a prospect or a customer, or "
        "was given a class or a sales rep, contacted or made an offer.",
    )
    is_funnel_unassigned = fields.Boolean(
        string="Funnel: Never Contacted, No Rep",
        compute="_compute_solis_rules",
        depends=["parent_id", "is_prospect", "last_contact_date", "user_id"],
        search="_search_is_funnel_unassigned",
        groups="base.group_user",
        help="A prospect never contacted, not assigned to a sales rep.",
    )
    is_funnel_never_contacted = fields.Boolean(
        string="Funnel: Assigned, Never Contacted",
        compute="_compute_solis_rules",
        depends=["parent_id", "is_prospect", "last_contact_date", "user_id"],
        search="_search_is_funnel_never_contacted",
        groups="base.group_user",
        help="A prospect assigned to a sales rep, never contacted.",
    )
    is_funnel_contacted = fields.Boolean(
        string="Funnel: Contacted, No Offer",
        compute="_compute_solis_rules",
        depends=["parent_id", "offer_stage", "last_contact_date"],
        search="_search_is_funnel_contacted",
        groups="base.group_user",
        help="Contacted, and neither an offer nor an order yet.",
    )
    is_funnel_offer = fields.Boolean(
        string="Funnel: Offer, No Order",
        compute="_compute_solis_rules",
        depends=["parent_id", "is_prospect", "last_contact_date", "offer_stage"],
        search="_search_is_funnel_offer",
        groups="base.group_user",
        help="An offer, no order yet (a prospect never contacted is still in "
        "the funnel's first stages).",
    )
    is_funnel_order = fields.Boolean(
        string="Funnel: Order",
        compute="_compute_solis_rules",
        depends=["parent_id", "is_prospect", "last_contact_date", "offer_stage"],
        search="_search_is_funnel_order",
        groups="base.group_user",
        help="An order (a prospect never contacted is still in the funnel's "
        "first stages).",
    )

    # Plain columns without a default: adding them to a large table writes
    # no row.
    visit_recurrence_interval = fields.Integer(
        string="Visit Every",
        help="Plan a visit of this client every so many weeks or months: the "
        "next one is planned for his rep once the last is done. Empty: no "
        "recurring visit.",
        groups="base.group_user",
    )
    visit_recurrence_unit = fields.Selection(
        VISIT_RECURRENCE_UNITS,
        groups="base.group_user",
    )

    def init(self):
        result = super().init()
        # The rep's clients: record rules, his answers, his daily e-mail.
        create_index(
            self.env.cr, "res_partner_solis_user_id_index", self._table, ["user_id"]
        )
        # The median from a rep's assignment to his first contact, per rep:
        # read from this index alone, in the reps' order, not from the table.
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS res_partner_solis_assignment_index
                   ON res_partner (user_id)
              INCLUDE (user_assigned_date, rep_first_contact_date, active,
                       partner_share, company_id)
                WHERE parent_id IS NULL AND user_assigned_date IS NOT NULL
                  AND rep_first_contact_date IS NOT NULL"""
        )
        # The clients' pass of the answers and the dashboard: every column it
        # tests (and the shipped record rules') is in the index, a tenth of
        # the table's size, so that PostgreSQL reads the index alone.
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS res_partner_solis_answers_index
                   ON res_partner (user_id)
              INCLUDE (parent_id, active, partner_share, company_id, is_prospect,
                       is_lead, customer_rank, client_class_id, offer_stage,
                       first_contact_date, last_contact_date, last_visit_date)
                WHERE parent_id IS NULL"""
        )

        # A quotation of a contact at any depth counts for his company, which no
        # dependency path can follow: sale.order's create, write and unlink and
        # a partner's move (write of parent_id, is_company) call
        # _solis_recompute_offer_stage instead.
        return result

    @api.depends("commercial_partner_id")
    def _compute_offer_stage(self):
        """Counts every offer of the client, also those the user who
        triggers the recompute may not read: it is the client's stage, not
        the user's view of it."""
        partners = self.filtered("id")
        stages = {}
        if partners:
            self.env["sale.order"].flush_model()
            self.flush_model(["commercial_partner_id"])
            self.env.cr.execute(
                SQL(
                    "SELECT partner_id, offer_stage FROM (%s) stages",
                    offer_stage_query(self.env, SQL("= ANY(%s)", partners.ids)),
                )
            )
            stages = dict(self.env.cr.fetchall())
        for partner in self:
            partner.offer_stage = stages.get(partner.id, False)

    @api.depends("offer_stage")
    def _compute_has_sale_order(self):
        for partner in self:
            partner.has_sale_order = bool(partner.offer_stage)

    def _solis_rules(self):
        since_30_days = day_start_utc(
            user_tz(self.env), user_today(self.env) - timedelta(days=30)
        )
        never_contacted = [
            ("parent_id", "=", False),
            ("is_prospect", "=", True),
            ("last_contact_date", "=", False),
        ]
        # Past the first stages: how far the offers went.
        contacted_or_client = [
            ("parent_id", "=", False),
            "|",
            ("is_prospect", "!=", True),
            ("last_contact_date", "!=", False),
        ]
        return {
            "is_never_contacted_prospect": never_contacted,
            "is_important_client": [
                ("parent_id", "=", False),
                ("client_class_id.is_important", "=", True),
            ],
            "is_contacted_30_days": [("last_contact_date", ">=", since_30_days)],
            "is_visited_30_days": [("last_visit_date", ">=", since_30_days)],
            "is_visit_overdue": self._visit_overdue_domain,
            "is_visit_covered": self._visit_covered_domain,
            "is_sales_process_client": [
                ("parent_id", "=", False),
                ("active", "=", True),
                "|",
                "|",
                "|",
                "|",
                "|",
                ("is_prospect", "=", True),
                ("customer_rank", ">", 0),
                ("client_class_id", "!=", False),
                ("user_id", "!=", False),
                ("offer_stage", "!=", False),
                ("first_contact_date", "!=", False),
            ],
            "is_funnel_unassigned": [*never_contacted, ("user_id", "=", False)],
            "is_funnel_never_contacted": [*never_contacted, ("user_id", "!=", False)],
            "is_funnel_contacted": [
                ("parent_id", "=", False),
                ("offer_stage", "=", False),
                ("last_contact_date", "!=", False),
            ],
            "is_funnel_offer": [*contacted_or_client, ("offer_stage", "=", "offer")],
            "is_funnel_order": [*contacted_or_client, ("offer_stage", "=", "order")],
        }

    def _class_visit_limits(self):
        """``[(class id, limit)]`` of every class: the UTC time from which a
        visit in person is within its target interval, counted in the
        user's days (None: a class without an interval)."""
        tz, today = user_tz(self.env), user_today(self.env)
        # sudo: every class dates its clients, also one the reader may not
        # read (the coverage report covers them all).
        classes = (
            self.env["solis.client.class"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("id", "!=", False)], ["visit_interval_days"])
        )
        return [
            (
                client_class.id,
                client_class.visit_interval_days
                and day_start_utc(
                    tz, today - timedelta(days=client_class.visit_interval_days)
                ),
            )
            for client_class in classes
        ]

    def _per_class_domain(self, condition):
        """The top-level clients, not archived, of a class for which
        ``condition(limit)`` holds, one limit per class: plain conditions on
        the partner, so that neither a search nor the report's SQL reads the
        classes for each client."""
        per_class = [
            ["&", ("client_class_id", "=", class_id), *condition(limit)]
            for class_id, limit in self._class_visit_limits()
        ]
        if not per_class:
            return [("id", "=", False)]
        domain = ["|"] * (len(per_class) - 1)
        for class_domain in per_class:
            domain += class_domain
        return [("parent_id", "=", False), ("active", "=", True), *domain]

    def _visit_overdue_domain(self):
        """A class, and no visit in person within its interval."""

        def not_visited(limit):
            if not limit:
                return [("last_visit_date", "=", False)]
            return [
                "|",
                ("last_visit_date", "=", False),
                ("last_visit_date", "<", limit),
            ]

        return self._per_class_domain(not_visited)

    def _visit_covered_domain(self):
        """A visit in person within the interval of his class."""

        def visited(limit):
            return [("last_visit_date", ">=", limit)] if limit else [("id", "=", False)]

        return self._per_class_domain(visited)

    @search_method
    def _search_is_never_contacted_prospect(self, operator, value):
        return self._solis_rule_search("is_never_contacted_prospect", operator, value)

    @search_method
    def _search_is_important_client(self, operator, value):
        return self._solis_rule_search("is_important_client", operator, value)

    @search_method
    def _search_is_contacted_30_days(self, operator, value):
        return self._solis_rule_search("is_contacted_30_days", operator, value)

    @search_method
    def _search_is_visited_30_days(self, operator, value):
        return self._solis_rule_search("is_visited_30_days", operator, value)

    @search_method
    def _search_is_visit_overdue(self, operator, value):
        return self._solis_rule_search("is_visit_overdue", operator, value)

    @search_method
    def _search_is_visit_covered(self, operator, value):
        return self._solis_rule_search("is_visit_covered", operator, value)

    @search_method
    def _search_is_sales_process_client(self, operator, value):
        return self._solis_rule_search("is_sales_process_client", operator, value)

    @search_method
    def _search_is_funnel_unassigned(self, operator, value):
        return self._solis_rule_search("is_funnel_unassigned", operator, value)

    @search_method
    def _search_is_funnel_never_contacted(self, operator, value):
        return self._solis_rule_search("is_funnel_never_contacted", operator, value)

    @search_method
    def _search_is_funnel_contacted(self, operator, value):
        return self._solis_rule_search("is_funnel_contacted", operator, value)

    @search_method
    def _search_is_funnel_offer(self, operator, value):
        return self._solis_rule_search("is_funnel_offer", operator, value)

    @search_method
    def _search_is_funnel_order(self, operator, value):
        return self._solis_rule_search("is_funnel_order", operator, value)

    @search_method
    def _search_has_sale_order(self, operator, value):
        return boolean_search(
            operator,
            value,
            lambda: [("offer_stage", "!=", False)],
            lambda: [("offer_stage", "=", False)],
        )

    @api.model
    def _solis_fill_offer_stage(self):
        """Set the stored offer stage of every partner in one SQL statement:
        what the install and a bulk import of quotations call instead of the
        ORM's row-by-row recompute.

        :return: the number of partners updated
        """
        self.env.flush_all()
        count = fill_offer_stage(self.env)
        self.invalidate_model(["offer_stage", "has_sale_order"])
        return count

    @api.depends(
        "visit_ids.state",
        "visit_ids.visit_date",
        "visit_ids.type_id.is_in_person",
        "visit_ids.client_was_prospect",
        "visit_ids.next_contact_date",
        "visit_ids.is_followup_done",
        "visit_ids.user_id.tz",
        "user_assigned_date",
    )
    def _compute_visit_figures(self):
        """Aggregated in the database, so that the cost does not grow with
        history. The figures count every visit of the client, also those the
        user who triggers the recompute may not read (another rep's)."""
        partners = self.filtered("id")
        figures = {}
        if partners:
            self.env["solis.visit"].flush_model()
            self.env["solis.visit.type"].flush_model(["is_in_person"])
            self.flush_model(["user_assigned_date", "tz"])
            self.env.cr.execute(
                visit_figures_query(SQL("AND partner_id = ANY(%s)", partners.ids))
            )
            figures = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            values = figures.get(partner.id, (0, *[False] * (len(VISIT_FIGURES) - 1)))
            for name, value in zip(VISIT_FIGURES, values, strict=True):
                partner[name] = value or (0 if name == "visit_count" else False)

    @api.depends(
        "commercial_partner_id",
        "commercial_partner_id.visit_ids.next_contact_date",
        "commercial_partner_id.visit_ids.is_followup_done",
        "commercial_partner_id.visit_ids.state",
    )
    @api.depends_context("uid")
    def _compute_open_followup_ids(self):
        # Searched with the reader's rights: he is shown the follow-ups he
        # may open, the record rules decide which.
        clients = self._origin.commercial_partner_id
        followups = self.env["solis.visit"]
        if clients:
            followups = followups.search(
                [
                    ("partner_id", "in", clients.ids),
                    ("next_contact_date", "!=", False),
                    ("is_followup_done", "=", False),
                    ("state", "!=", "cancelled"),
                ],
                order="next_contact_date, id",
            )
        by_client = defaultdict(lambda: self.env["solis.visit"])
        for followup in followups:
            by_client[followup.partner_id.id] |= followup
        for partner in self:
            partner.open_followup_ids = by_client[
                partner._origin.commercial_partner_id.id
            ]

    @api.model
    def _solis_fill_visit_figures(self, partner_ids=None):
        """Recompute the stored visit figures in one SQL statement, for every
        partner (``partner_ids`` None) or some: what the install, an upgrade
        or a bulk import of visits calls instead of the ORM's row-by-row
        recompute. Only the rows whose figures change are written.

        :return: the number of partners updated
        """
        self.env.flush_all()
        if partner_ids is None:
            only = SQL("")
            current = SQL(
                """SELECT id AS partner_id FROM res_partner
                    WHERE visit_count > 0 OR first_contact_date IS NOT NULL
                       OR next_contact_date IS NOT NULL"""
            )
        else:
            only = SQL("AND partner_id = ANY(%s)", list(partner_ids))
            current = SQL(
                "SELECT id AS partner_id FROM res_partner WHERE id = ANY(%s)",
                list(partner_ids),
            )
        # The partners with visits, and those whose stored figures may be
        # stale because they have none left.
        self.env.cr.execute(
            SQL(
                """
            WITH found AS (%(figures)s),
            figures AS (
                SELECT touched.partner_id,
                       COALESCE(found.visit_count, 0) AS visit_count,
                       COALESCE(found.is_lead, FALSE) AS is_lead,
                       found.first_contact_date, found.last_contact_date,
                       found.last_visit_date, found.next_contact_date,
                       found.rep_first_contact_date
                  FROM (SELECT partner_id FROM found UNION %(current)s) touched
                  LEFT JOIN found ON found.partner_id = touched.partner_id
            )
            UPDATE res_partner p
               SET visit_count = f.visit_count,
                   is_lead = f.is_lead,
                   first_contact_date = f.first_contact_date,
                   last_contact_date = f.last_contact_date,
                   last_visit_date = f.last_visit_date,
                   next_contact_date = f.next_contact_date,
                   rep_first_contact_date = f.rep_first_contact_date
              FROM figures f
             WHERE p.id = f.partner_id
               AND (p.visit_count IS DISTINCT FROM f.visit_count
                    OR COALESCE(p.is_lead, FALSE) IS DISTINCT FROM f.is_lead
                    OR p.first_contact_date IS DISTINCT FROM f.first_contact_date
                    OR p.last_contact_date IS DISTINCT FROM f.last_contact_date
                    OR p.last_visit_date IS DISTINCT FROM f.last_visit_date
                    OR p.next_contact_date IS DISTINCT FROM f.next_contact_date
                    OR p.rep_first_contact_date
                       IS DISTINCT FROM f.rep_first_contact_date)
                """,
                figures=visit_figures_query(only),
                current=current,
            )
        )
        count = self.env.cr.rowcount
        self.invalidate_model(list(VISIT_FIGURES))
        return count

    @api.ondelete(at_uninstall=False)
    def _unlink_except_visited(self):
        # sudo: refuse on any visit, not only those the deleting user may read.
        visited = (
            self.env["solis.visit"]
            .sudo()
            .search([("partner_id", "in", self.ids)], limit=1)
        )
        if visited:
            raise UserError(
                self.env._(
                    "%(client)s has visits: archive the client instead, so that "
                    "his history stays in the reports.",
                    client=visited.partner_id.display_name,
                )
            )

    @api.constrains("visit_recurrence_interval", "visit_recurrence_unit")
    def _check_visit_recurrence(self):
        for partner in self:
            interval = partner.visit_recurrence_interval
            unit = partner.visit_recurrence_unit
            if interval < 0 or (unit and interval > MAX_VISIT_RECURRENCE[unit]):
                raise ValidationError(
                    self.env._(
                        "%(client)s: visits recur every 1 to %(weeks)s weeks or "
                        "1 to %(months)s months.",
                        client=partner.display_name,
                        weeks=MAX_VISIT_RECURRENCE["week"],
                        months=MAX_VISIT_RECURRENCE["month"],
                    )
                )
            if interval and not unit:
                raise ValidationError(
                    self.env._(
                        "%(client)s: say whether his visits recur in weeks or months.",
                        client=partner.display_name,
                    )
                )

    @api.onchange("visit_recurrence_interval")
    def _onchange_visit_recurrence_interval(self):
        if self.visit_recurrence_interval and not self.visit_recurrence_unit:
            self.visit_recurrence_unit = "week"

    @api.constrains("client_class_id", "company_id")
    def _check_client_class_company(self):
        # Odoo checks check_company fields of partners in the form only: a
        # class of one company on a client of another (or of none) would hide
        # the class from the other company's managers and break their answers.
        self._check_company(["client_class_id"])

    def _check_addon_written_fields(self, vals):
        """Refuse the figures, which the addon computes (as superuser or in
        SQL). ``vals`` without the assignment date where it changes nothing
        or comes with the rep (the addon dates the assignment itself), as
        Odoo's merge of contacts writes it."""
        if self.env.su:
            return vals
        date = vals.get("user_assigned_date")
        if "user_assigned_date" in vals and (
            "user_id" in vals
            or all(
                partner.user_assigned_date == fields.Datetime.to_datetime(date)
                for partner in self
            )
        ):
            vals = {k: v for k, v in vals.items() if k != "user_assigned_date"}
        self._refuse_addon_written_fields(vals, ADDON_WRITTEN_FIELDS)
        return vals

    def _check_rep_change(self, new_user_id):
        """Team leads (All Documents) give clients to reps; anybody else may
        only take an unassigned client for himself: taking another rep's
        client would give him that rep's visits of the client."""
        if self.env.su or self.env.user.has_group(
            "sales_team.group_sale_salesman_all_leads"
        ):
            return
        changed = self.filtered(lambda partner: partner.user_id.id != new_user_id)
        if changed and (new_user_id != self.env.uid or changed.user_id):
            raise AccessError(
                self.env._(
                    "Only a team lead changes the sales rep of %(client)s; you may "
                    "only take an unassigned client for yourself.",
                    client=changed[0].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            self._refuse_addon_written_fields(vals, ADDON_WRITTEN_FIELDS)
            if vals.get("user_id"):
                vals.setdefault("user_assigned_date", now)
        return super().create(vals_list)

    def _solis_recompute_offer_stage(self):
        """Recompute the offer stage of these clients, whatever the depth
        of the contacts whose quotations changed it."""
        clients = self.commercial_partner_id
        if clients:
            self.env.add_to_compute(self._fields["offer_stage"], clients)
            # What reads the stage (has_sale_order) follows it.
            clients.modified(["offer_stage"])

    def write(self, vals):
        vals = self._check_addon_written_fields(vals)
        moved = self.browse()
        previous_reps = {}
        if "parent_id" in vals or "is_company" in vals:
            moved = self.commercial_partner_id
        if "user_id" in vals:
            new_user_id = vals["user_id"] or False
            self._check_rep_change(new_user_id)
            reassigned = self.filtered(lambda p: p.user_id.id != new_user_id)
            previous_reps = {partner.id: partner.user_id.id for partner in reassigned}
            if reassigned:
                super(ResPartner, reassigned).write(
                    {"user_assigned_date": new_user_id and fields.Datetime.now()}
                )
        result = super().write(vals)
        if previous_reps and vals["user_id"]:
            self._solis_hand_over_plans(previous_reps, vals["user_id"])
        if moved:
            (moved | self)._solis_recompute_offer_stage()
        return result

    def _solis_hand_over_plans(self, previous_reps, new_user_id):
        """The clients' new rep takes over what their previous rep still had
        to do for them: the planned visits (a missed one too: left with a
        rep who is gone, it would keep the client from being planned again)
        and the open follow-ups of their visits. The visits done stay his
        who made them."""
        # sudo: the write of the rep was allowed; the visits of the client
        # may be the previous rep's, which the writer may not read.
        Visit = self.env["solis.visit"].sudo()
        client_ids = list(previous_reps)
        planned = Visit.search(
            [("partner_id", "in", client_ids), ("state", "=", "planned")]
        ).filtered(lambda visit: visit.user_id.id == previous_reps[visit.partner_id.id])
        if planned:
            planned.write({"user_id": new_user_id})
        followed_up = Visit.search(
            [
                ("partner_id", "in", client_ids),
                ("state", "=", "done"),
                ("next_contact_date", "!=", False),
                ("is_followup_done", "=", False),
            ]
        )
        activities = followed_up._followup_activities().filtered(
            lambda activity: (
                activity.user_id.id
                == previous_reps[Visit.browse(activity.res_id).partner_id.id]
            )
        )
        if activities:
            # The follow-ups are the visits' as much as the planned visits:
            # they go to whom may read them, or the client does not.
            Visit.browse(activities.mapped("res_id"))._check_rep_may_hold(
                self.env["res.users"].browse(new_user_id)
            )
            activities.write({"user_id": new_user_id})

    @api.model
    def get_import_templates(self):
        # Offered to whoever may create such records: the import screen.
        self.check_access("create")
        return [
            *super().get_import_templates(),
            {
                "label": self.env._("Import Template for Clients (Sales Process)"),
                "template": "/solis_sales_process/static/xls/solis_clients_import_template.csv",
            },
        ]

    def action_open_visits(self):
        self.ensure_one()
        self.env["solis.visit"].check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "solis_sales_process.solis_visit_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {
            "default_partner_id": self.commercial_partner_id.id,
            "search_default_partner_id": False,
        }
        return action

    def action_log_visit(self):
        """Two clicks from the client's card: open a new visit for him."""
        self.ensure_one()
        self.env["solis.visit"].check_access("create")
        client = self.commercial_partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Visit"),
            "res_model": "solis.visit",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_partner_id": client.id,
                "default_contact_id": self.id if self != client else False,
            },
        }
