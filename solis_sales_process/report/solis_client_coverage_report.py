from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.clock import user_today, user_tz
from .solis_report_mixin import CLIENT_IMPORTANCE, CLIENT_LIFECYCLE

FUNNEL_STAGES = [
    ("unassigned", "Prospect never contacted, no rep"),
    ("never_contacted", "Prospect assigned, never contacted"),
    ("contacted", "Contacted, no offer"),
    ("offer", "Offer, no order"),
    ("order", "Order"),
]
# Each stage of the funnel is a rule of the client (res.partner), tried in
# the funnel's order: the report's column and the answers' counts read them.
FUNNEL_RULES = {
    "unassigned": "is_funnel_unassigned",
    "never_contacted": "is_funnel_never_contacted",
    "contacted": "is_funnel_contacted",
    "offer": "is_funnel_offer",
    "order": "is_funnel_order",
}
# The report's yes/no columns that are rules of the client, under another name.
RULE_COLUMNS = {"is_covered": "is_visit_covered", "is_overdue": "is_visit_overdue"}


class SolisClientCoverageReport(models.Model):
    """One row per client: is he visited as often as his class asks, and how
    far did he go in the funnel?"""

    _name = "solis.client.coverage.report"
    _inherit = "solis.report.mixin"
    _auto = False
    _description = "Client Coverage Analysis"
    _rec_name = "partner_id"
    _order = "days_since_visit desc nulls first"

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Sales Rep", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    client_class_id = fields.Many2one("solis.client.class", readonly=True)
    is_important = fields.Boolean(string="Important Client", readonly=True)
    is_prospect = fields.Boolean(string="Prospect", readonly=True)
    visit_interval_days = fields.Integer(
        string="Target Interval (days)", readonly=True, aggregator="avg"
    )
    first_contact_date = fields.Datetime(readonly=True)
    last_contact_date = fields.Datetime(readonly=True)
    last_visit_date = fields.Datetime(string="Last Visit in Person", readonly=True)
    user_assigned_date = fields.Datetime(string="Rep Assigned On", readonly=True)
    days_since_visit = fields.Integer(readonly=True, aggregator="avg")
    is_covered = fields.Boolean(
        string="Visited in Time",
        readonly=True,
        help="Visited in person within the target interval of his class.",
    )
    is_overdue = fields.Boolean(
        string="Visit Overdue",
        readonly=True,
        help="Has a class, and no visit in person within its target interval.",
    )
    coverage_status = fields.Selection(
        [
            ("covered", "Visited in time"),
            ("overdue", "Overdue"),
            ("no_target", "No target interval"),
        ],
        string="Coverage",
        readonly=True,
        help="Visited in person within the target interval of his class, "
        "overdue, or without a class (and so without a target).",
    )
    coverage_percent = fields.Float(
        string="Visited in Time (%)",
        readonly=True,
        aggregator="avg",
        help="The share of the clients of a class visited in person within "
        "its target interval; clients without a class are not counted.",
    )
    importance = fields.Selection(CLIENT_IMPORTANCE, readonly=True)
    lifecycle = fields.Selection(
        CLIENT_LIFECYCLE, string="Prospect or Client", readonly=True
    )
    # group_expand: every stage is a group, the empty ones too, in the
    # funnel's order (see also read_group and _read_group_orderby).
    funnel_stage = fields.Selection(
        FUNNEL_STAGES,
        readonly=True,
        group_expand=True,
        help="Prospects never contacted first (without or with a rep), then "
        "how far the others went: contacted, offer, order. A client with "
        "neither contact nor offer is in no stage.",
    )
    days_to_first_contact = fields.Float(
        string="Days from Assignment to First Contact",
        readonly=True,
        aggregator="avg",
    )

    def _select(self):
        # No clock of the database's: "today" is the user's day (or the day
        # a preview asks for), as in the client's rules read below.
        today = user_today(self.env)
        tz = user_tz(self.env).zone
        rule = self._client_rule_sql
        covered, overdue = SQL("r.is_covered"), SQL("r.is_overdue")
        funnel_stage = SQL(
            "CASE %s END",
            SQL(" ").join(
                SQL("WHEN %s THEN %s", rule(FUNNEL_RULES[stage]), stage)
                for stage, _label in FUNNEL_STAGES
            ),
        )
        return SQL(
            """
            p.id,
            p.id AS partner_id,
            p.user_id,
            p.company_id,
            p.client_class_id,
            COALESCE(c.is_important, FALSE) AS is_important,
            COALESCE(p.is_prospect, FALSE) AS is_prospect,
            c.visit_interval_days,
            p.first_contact_date,
            p.last_contact_date,
            p.last_visit_date,
            p.user_assigned_date,
            (%(today)s::date
                - (p.last_visit_date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
            ) AS days_since_visit,
            %(covered)s AS is_covered,
            %(overdue)s AS is_overdue,
            CASE
                WHEN %(covered)s THEN 'covered'
                WHEN %(overdue)s THEN 'overdue'
                ELSE 'no_target'
            END AS coverage_status,
            -- 0 or 100 per client of a class: its average over any group of
            -- clients is the share of them visited in time.
            CASE
                WHEN %(covered)s THEN 100.0
                WHEN %(overdue)s THEN 0.0
            END AS coverage_percent,
            CASE WHEN c.is_important THEN 'important' ELSE 'other' END AS importance,
            CASE WHEN p.is_prospect THEN 'prospect' ELSE 'client' END AS lifecycle,
            %(funnel_stage)s AS funnel_stage,
            EXTRACT(EPOCH FROM p.rep_first_contact_date - p.user_assigned_date)
                / 86400.0 AS days_to_first_contact
            """,
            today=today,
            tz=tz,
            covered=covered,
            overdue=overdue,
            funnel_stage=funnel_stage,
        )

    def _client_rule_sql(self, name):
        """The client's rule ``name`` on the report's row of the client."""
        return self.env["res.partner"]._solis_rule_sql(name, "p")

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        # Only lazy grouping expands the groups (group_expand), and the graph
        # and pivot views group eagerly: grouped by the funnel stage alone,
        # they get the lazy result, every stage with its count.
        groupby_list = [groupby] if isinstance(groupby, str) else list(groupby)
        if lazy or groupby_list != ["funnel_stage"]:
            return super().read_group(
                domain, fields, groupby, offset, limit, orderby, lazy
            )
        groups = super().read_group(
            domain, fields, groupby_list, offset, limit, orderby, lazy=True
        )
        for group in groups:
            group["__count"] = group.pop("funnel_stage_count")
        return groups

    @api.model
    def _web_read_group(
        self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True
    ):
        # The graph groups eagerly, and by the stage it draws the funnel: a
        # client neither contacted nor offered anything is in no stage, and
        # would make a "None" bar. A list (lazy) still shows him.
        groups = super()._web_read_group(
            domain, fields, groupby, limit, offset, orderby, lazy
        )
        groupby_list = [groupby] if isinstance(groupby, str) else list(groupby)
        if lazy or "funnel_stage" not in groupby_list:
            return groups
        return [group for group in groups if group["funnel_stage"]]

    @api.model
    def _read_group_orderby(self, order, groupby_terms, query):
        # The stages in the funnel's order, not in their keys' alphabetical one.
        if "funnel_stage" in groupby_terms:
            stage_rank = SQL(
                "array_position(%s::varchar[], %s)",
                [stage for stage, _label in FUNNEL_STAGES],
                groupby_terms["funnel_stage"],
            )
            groupby_terms = dict(groupby_terms, funnel_stage=stage_rank)
        return super()._read_group_orderby(order, groupby_terms, query)

    # The fields of a row that are its client's own, under the same name.
    _CLIENT_FIELDS = ("user_id", "company_id", "client_class_id")

    def _partner_audience(self):
        """The rows the caller may read, as a domain on res.partner (the
        report's clients and its record rules), so that the answers about
        them ride on the pass over the partners instead of reading every
        client once more. None when this cannot be said exactly: the report
        changed by another addon (its rows, or its ``_search``: its list
        would not be these rows), or a record rule testing a column of the
        report's own."""
        self.check_access("read")
        if type(self)._search is not models.BaseModel._search:
            return None
        rules = (
            []
            if self.env.su
            else self.env["ir.rule"]._compute_domain(self._name, "read")
        )
        rules = self._as_partner_domain(rules or [])
        if rules is None:
            return None
        return [*self._partner_rows_domain(), *rules]

    def _as_partner_domain(self, domain):
        """``domain`` on this report as the same rows' domain on res.partner,
        or None when it tests something the partner does not hold as such."""
        cls = SolisClientCoverageReport
        if any(
            getattr(type(self), name) is not getattr(cls, name)
            for name in ("_select", "_from", "_where")
        ):
            return None
        conditions = self._partner_conditions()
        translated = []
        for term in expression.normalize_domain(domain):
            if isinstance(term, str):
                translated.append(term)
                continue
            term = tuple(term)
            field = term[0]
            if field in ("funnel_stage", *RULE_COLUMNS):
                condition = (
                    conditions.get(term) if isinstance(term[2], str | bool) else None
                )
                if condition is None:
                    return None
                translated += condition
            elif not isinstance(field, str):
                translated.append(term)  # (1, "=", 1) and its opposite
            elif field.split(".")[0] in self._CLIENT_FIELDS:
                translated.append(term)
            elif field in ("id", "partner_id"):
                translated.append(("id", *term[1:]))
            else:
                return None
        return translated

    def _partner_rows_domain(self):
        # _where, as a domain.
        return [("is_sales_process_client", "=", True)]

    def _partner_conditions(self):
        """``{term of this report: the same rows' domain on res.partner}``
        for the terms the answers count: the client's rules the columns
        are made of."""
        conditions = {
            (column, "=", True): [(rule, "=", True)]
            for column, rule in RULE_COLUMNS.items()
        }
        conditions.update(
            {
                ("funnel_stage", "=", stage): [(rule, "=", True)]
                for stage, rule in FUNNEL_RULES.items()
            }
        )
        return conditions

    def _from(self):
        # The client's coverage rules, made once per row for the columns
        # that read them.
        return SQL(
            """
            res_partner p
            LEFT JOIN solis_client_class c ON c.id = p.client_class_id
            CROSS JOIN LATERAL (
                SELECT COALESCE(%s, FALSE) AS is_covered,
                       COALESCE(%s, FALSE) AS is_overdue
            ) r
            """,
            self._client_rule_sql("is_visit_covered"),
            self._client_rule_sql("is_visit_overdue"),
        )

    def _where(self):
        # The clients the sales process is about: prospects, customers,
        # whoever was given a class or a rep, was contacted or made an offer
        # (a prospect who orders stays, though only invoices raise his rank).
        return self._client_rule_sql("is_sales_process_client")
