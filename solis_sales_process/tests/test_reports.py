from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from ..report.solis_client_coverage_report import FUNNEL_RULES, FUNNEL_STAGES
from .common import SolisCase


class TestReports(SolisCase):
    """What a manager reads in the analysis reports: labelled groups, the
    coverage percentage, the funnel in order, the last 12 months by month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="UTC"))
        cls.env.user.tz = "UTC"
        Partner = cls.env["res.partner"]
        cls.key_class = cls.env["solis.client.class"].create(
            {"name": "Key accounts", "visit_interval_days": 30, "is_important": True}
        )
        cls.small_class = cls.env["solis.client.class"].create(
            {"name": "Small accounts", "visit_interval_days": 30}
        )

        def client(name, user, client_class=None, **values):
            return Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "user_id": user.id if user else False,
                    "client_class_id": client_class.id if client_class else False,
                    **values,
                }
            )

        # Rep One: one client of a class, visited in time (1 of 1).
        cls.covered_one = client("Covered One", cls.rep, cls.key_class)
        # Rep Two: three clients of a class, one visited in time (1 of 3),
        # and one without a class, which has no target.
        cls.covered_two = client("Covered Two", cls.other_rep, cls.small_class)
        cls.late_two = client("Late Two", cls.other_rep, cls.small_class)
        cls.never_two = client("Never Two", cls.other_rep, cls.small_class)
        cls.classless_two = client("Classless Two", cls.other_rep)
        # The funnel's first stages: prospects never contacted.
        cls.prospect_free = client("Prospect Free", None, is_prospect=True)
        cls.prospect_mine = client("Prospect Mine", cls.rep, is_prospect=True)
        cls.seeded = (
            cls.covered_one
            | cls.covered_two
            | cls.late_two
            | cls.never_two
            | cls.classless_two
            | cls.prospect_free
            | cls.prospect_mine
        )
        cls.in_person = cls._visit(
            cls.covered_one, when=cls._days_ago(3), type_id=cls.type_premises.id
        )
        cls._visit(cls.covered_one, when=cls._days_ago(2))
        cls._visit(cls.covered_one, when=cls._days_ago(1))
        cls._visit(
            cls.covered_two,
            user=cls.other_rep,
            when=cls._days_ago(5),
            type_id=cls.type_premises.id,
        )
        cls._visit(
            cls.late_two,
            user=cls.other_rep,
            when=cls._days_ago(60),
            type_id=cls.type_premises.id,
        )
        product = cls.env["product.product"].create(
            {"name": "Pallet truck", "list_price": 100.0, "taxes_id": False}
        )
        cls.offer = cls.env["sale.order"].create(
            {
                "partner_id": cls.covered_one.id,
                "user_id": cls.rep.id,
                "offer_date": cls._days_ago(3),
                "visit_ids": [(6, 0, cls.in_person.ids)],
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        cls.offer.action_quotation_sent()
        # The reports read the tables in SQL.
        cls.env.flush_all()

    @classmethod
    def _days_ago(cls, days):
        day = fields.Date.context_today(cls.env["res.partner"]) - timedelta(days=days)
        return datetime.combine(day, time(10, 0))

    def _labelled_groups(self, model, domain, groupby, measure="__count"):
        """{label shown in the pivot: measure} of the groups of ``groupby``."""
        Report = self.env[model]
        labels = dict(Report.fields_get([groupby])[groupby]["selection"])
        groups = Report.read_group(domain, [measure], [groupby], lazy=False)
        return {
            labels.get(group[groupby], group[groupby]): group[measure]
            for group in groups
        }

    def _action_context(self, xmlid):
        return safe_eval(self.env.ref(f"solis_sales_process.{xmlid}").context)

    # ------------------------------------------------------------------
    # Groups named after what they mean
    # ------------------------------------------------------------------
    def test_visit_report_groups_say_what_they_mean(self):
        domain = [("partner_id", "in", self.covered_one.ids)]
        context = self._action_context("solis_visit_report_action")
        # What the pivot opens with: the rep's visits in person and remote.
        self.assertIn("presence", context["pivot_column_groupby"])
        self.assertEqual(
            self._labelled_groups("solis.visit.report", domain, "presence"),
            {"In person": 1, "Remote": 2},
        )
        self.assertEqual(
            self._labelled_groups("solis.visit.report", domain, "offer_outcome"),
            {"Led to an offer": 1, "No offer": 2},
        )
        self.assertEqual(
            self._labelled_groups("solis.visit.report", domain, "importance"),
            {"Important client": 3},
        )
        self.assertEqual(
            self._labelled_groups("solis.visit.report", domain, "lifecycle"),
            {"Client": 3},
        )
        # The filters on the flags count the same visits.
        Report = self.env["solis.visit.report"]
        self.assertEqual(
            Report.search(domain + [("is_in_person", "=", True)]),
            Report.search(domain + [("presence", "=", "in_person")]),
        )
        self.assertEqual(
            Report.search(domain + [("has_offer", "=", True)]).visit_id,
            self.in_person,
        )

    def test_offer_report_groups_say_what_they_mean(self):
        domain = [("order_id", "=", self.offer.id)]
        self.assertEqual(
            self._labelled_groups("solis.offer.report", domain, "origin"),
            {"From a visit": 1},
        )
        self.assertEqual(
            self._labelled_groups("solis.offer.report", domain, "order_outcome"),
            {"No order": 1},
        )
        self.offer.action_confirm()
        self.env.flush_all()
        self.assertEqual(
            self._labelled_groups("solis.offer.report", domain, "order_outcome"),
            {"Became an order": 1},
        )

    def test_coverage_groups_say_what_they_mean(self):
        # The Group By menu offers the coverage, named.
        search = etree.fromstring(
            self.env["solis.client.coverage.report"].get_views([(False, "search")])[
                "views"
            ]["search"]["arch"]
        )
        self.assertIn(
            "{'group_by': 'coverage_status'}",
            [node.get("context") for node in search.iter("filter")],
        )
        domain = [("partner_id", "in", self.seeded.ids)]
        self.assertEqual(
            self._labelled_groups(
                "solis.client.coverage.report", domain, "coverage_status"
            ),
            {"Visited in time": 2, "Overdue": 2, "No target interval": 3},
        )
        Coverage = self.env["solis.client.coverage.report"]
        self.assertEqual(
            Coverage.search(domain + [("is_overdue", "=", True)]).partner_id,
            self.late_two | self.never_two,
        )
        self.assertEqual(
            Coverage.search(domain + [("is_covered", "=", True)]).partner_id,
            self.covered_one | self.covered_two,
        )

    def test_coverage_rows_and_columns_are_the_client_rules(self):
        """Each row of the coverage report is a client the rule "client of
        the sales process" holds for, and each of its yes/no columns and
        funnel stages is a rule of that client: a contact, an archived
        client or a partner the process knows nothing about has no row."""
        Partner = self.env["res.partner"].with_context(active_test=False)
        Coverage = self.env["solis.client.coverage.report"]
        contact = Partner.create({"name": "Ana Contact", "parent_id": self.late_two.id})
        archived = Partner.create(
            {
                "name": "Gone SRL",
                "is_company": True,
                "is_prospect": True,
                "active": False,
            }
        )
        stranger = Partner.create({"name": "Stranger SRL", "is_company": True})
        self._visit(self.covered_two, when=datetime.now() - timedelta(days=3))
        partners = self.seeded | contact | archived | stranger
        domain = [("partner_id", "in", partners.ids)]
        self.assertEqual(
            Coverage.search(domain).partner_id,
            Partner.search(
                [("id", "in", partners.ids), ("is_sales_process_client", "=", True)]
            ),
        )
        self.assertEqual(Coverage.search(domain).partner_id, self.seeded)
        columns = {
            ("is_covered", True): "is_visit_covered",
            ("is_overdue", True): "is_visit_overdue",
            **{("funnel_stage", stage): rule for stage, rule in FUNNEL_RULES.items()},
        }
        for (column, value), rule in columns.items():
            with self.subTest(column=column, value=value):
                rows = Coverage.search([*domain, (column, "=", value)]).partner_id
                self.assertEqual(
                    rows,
                    Partner.search([("id", "in", self.seeded.ids), (rule, "=", True)]),
                )
                # The answers count the column as the same rows' rule.
                self.assertEqual(
                    Coverage._as_partner_domain([(column, "=", value)]),
                    [(rule, "=", True)],
                )

    # ------------------------------------------------------------------
    # Coverage in percent
    # ------------------------------------------------------------------
    def test_coverage_percent_is_the_share_of_clients_visited_in_time(self):
        Coverage = self.env["solis.client.coverage.report"]
        self.assertIn(
            "coverage_percent",
            self._action_context("solis_client_coverage_report_action")[
                "pivot_measures"
            ],
        )
        domain = [("partner_id", "in", self.seeded.ids)]
        by_rep = {
            group["user_id"][0]: group["coverage_percent"]
            for group in Coverage.read_group(
                domain, ["coverage_percent"], ["user_id"], lazy=False
            )
            if group["user_id"]
        }
        self.assertAlmostEqual(by_rep[self.rep.id], 100.0)
        self.assertAlmostEqual(by_rep[self.other_rep.id], 100.0 / 3)
        # The pivot's total: 2 clients visited in time of 4 with a class, not
        # the mean of the reps' 100 % and 33 %.
        [total] = Coverage.read_group(domain, ["coverage_percent"], [])
        self.assertAlmostEqual(total["coverage_percent"], 50.0)
        # ... which is what the overview's coverage rows count.
        rows = [
            row
            for row in self.env["solis.sales.review"]._coverage_rows(
                [self.rep.id, self.other_rep.id]
            )
            if row["client_class_id"] in (self.key_class | self.small_class).ids
        ]
        covered = sum(row["covered"] for row in rows)
        clients = sum(row["clients"] for row in rows)
        self.assertAlmostEqual(total["coverage_percent"], 100.0 * covered / clients)

    # ------------------------------------------------------------------
    # The funnel
    # ------------------------------------------------------------------
    def test_funnel_shows_every_stage_in_order(self):
        Coverage = self.env["solis.client.coverage.report"]
        labels = dict(
            Coverage.fields_get(["funnel_stage"])["funnel_stage"]["selection"]
        )
        stages = [
            labels[stage]
            for stage in (
                "unassigned",
                "never_contacted",
                "contacted",
                "offer",
                "order",
            )
        ]
        self.assertEqual(list(labels.values()), stages)
        graph = etree.fromstring(
            Coverage.get_views([(False, "graph")])["views"]["graph"]["arch"]
        )
        self.assertEqual(
            [field.get("name") for field in graph.iter("field")], ["funnel_stage"]
        )
        # Only prospects never contacted and clients contacted without offer:
        # the offer and order stages still show, empty, in their place.
        domain = [("partner_id", "in", (self.prospect_free | self.prospect_mine).ids)]
        for lazy in (False, True):
            with self.subTest(lazy=lazy):
                # The graph (eager) and a grouped list (lazy).
                groups = Coverage.web_read_group(
                    domain, ["__count"], ["funnel_stage"], lazy=lazy
                )["groups"]
                count = "__count" if not lazy else "funnel_stage_count"
                self.assertEqual(
                    [(labels[group["funnel_stage"]], group[count]) for group in groups],
                    list(zip(stages, [1, 1, 0, 0, 0], strict=True)),
                )
                # Each bar opens its own clients.
                self.assertEqual(
                    Coverage.search(groups[1]["__domain"]).partner_id,
                    self.prospect_mine,
                )
                self.assertFalse(Coverage.search(groups[3]["__domain"]))
        # Grouped by stage and rep (a pivot), the stages keep the funnel's order.
        domain = [("partner_id", "in", self.seeded.ids)]
        groups = Coverage.read_group(
            domain, ["__count"], ["funnel_stage", "user_id"], lazy=False
        )
        seen = [
            labels[group["funnel_stage"]] for group in groups if group["funnel_stage"]
        ]
        self.assertEqual(seen, sorted(seen, key=stages.index))
        self.assertEqual(
            seen[:3], [stages[0], stages[1], stages[2]], "no rep, rep, contacted"
        )

    def test_funnel_graph_has_no_bar_for_clients_in_no_stage(self):
        Coverage = self.env["solis.client.coverage.report"]
        domain = [("partner_id", "in", self.seeded.ids)]
        # Clients never contacted and without an offer are in no stage...
        self.assertEqual(
            Coverage.search([*domain, ("funnel_stage", "=", False)]).partner_id,
            self.never_two | self.classless_two,
        )
        # ...and the graph (grouped eagerly by stage) shows the five stages
        # only, in order, each with its clients: no "None" bar.
        groups = Coverage.web_read_group(
            domain, ["__count"], ["funnel_stage"], lazy=False
        )["groups"]
        stages = [stage for stage, _label in FUNNEL_STAGES]
        self.assertEqual([group["funnel_stage"] for group in groups], stages)
        for group in groups:
            self.assertEqual(
                group["__count"],
                Coverage.search_count([*domain, *group["__domain"]]),
                group["funnel_stage"],
            )
        # A list grouped by stage still shows every client.
        groups = Coverage.web_read_group(domain, ["__count"], ["funnel_stage"])
        self.assertEqual(
            sum(group["funnel_stage_count"] for group in groups["groups"]),
            len(self.seeded),
        )

    # ------------------------------------------------------------------
    # Visits of the last 12 months, by month
    # ------------------------------------------------------------------
    def _default_domain(self, action_xmlid, model, today):
        """The domain of the filters the action turns on, evaluated on
        ``today`` as the web client does."""
        context = self._action_context(action_xmlid)
        search = etree.fromstring(
            self.env[model].get_views([(False, "search")])["views"]["search"]["arch"]
        )
        names = {
            key.removeprefix("search_default_")
            for key, value in context.items()
            if key.startswith("search_default_") and value
        }
        filters = [node for node in search.iter("filter") if node.get("name") in names]
        self.assertEqual(len(filters), len(names), "every default filter exists")
        evaluation = {
            "context_today": lambda: today,
            "relativedelta": relativedelta,
            "datetime": datetime,
        }
        return expression.AND(
            [safe_eval(node.get("domain"), evaluation) for node in filters]
        )

    def test_default_filter_is_the_last_12_months_whatever_the_day(self):
        domain = self._default_domain(
            "solis_visit_report_action", "solis.visit.report", date(2026, 3, 15)
        )
        self.assertIn(("visit_date", ">=", "2025-04-01"), domain)
        domain = self._default_domain(
            "solis_visit_report_action", "solis.visit.report", date(2027, 1, 31)
        )
        self.assertIn(("visit_date", ">=", "2026-02-01"), domain)

    def test_visit_graph_shows_the_last_12_months_by_month(self):
        today = fields.Date.context_today(self.env["solis.visit"])
        first_month = today.replace(day=1) - relativedelta(months=11)
        for when in (
            first_month - relativedelta(months=1),  # 13 months ago: left out
            first_month,
            today.replace(day=1) - relativedelta(months=4),
            today,
        ):
            self._visit(
                self.never_two,
                user=self.other_rep,
                when=datetime.combine(when, time(0, 30)),
            )
        self.env.flush_all()
        context = self._action_context("solis_visit_report_action")
        graph = etree.fromstring(
            self.env["solis.visit.report"].get_views([(False, "graph")])["views"][
                "graph"
            ]["arch"]
        )
        arch_groupbys = [
            f"{field.get('name')}:{field.get('interval')}"
            if field.get("interval")
            else field.get("name")
            for field in graph.iter("field")
        ]
        groupbys = context.get("graph_groupbys", arch_groupbys)
        self.assertEqual(groupbys[0], "visit_date:month")
        self.assertEqual(arch_groupbys[0], "visit_date:month")
        domain = expression.AND(
            [
                self._default_domain(
                    "solis_visit_report_action", "solis.visit.report", today
                ),
                [("partner_id", "in", (self.seeded).ids)],
            ]
        )
        # As the graph asks: by month, the months without visits filled in.
        Report = self.env["solis.visit.report"].with_context(fill_temporal=True)
        groups = Report.web_read_group(domain, ["__count"], groupbys[:1], lazy=False)[
            "groups"
        ]
        months = [
            fields.Date.to_date(group["__range"]["visit_date:month"]["from"][:10])
            for group in groups
        ]
        self.assertEqual(
            months, [first_month + relativedelta(months=n) for n in range(12)]
        )
        # Three visits of Covered One, one of Covered Two, one of Late Two,
        # three of Never Two within the 12 months.
        self.assertEqual(sum(group["__count"] for group in groups), 3 + 1 + 1 + 3)
