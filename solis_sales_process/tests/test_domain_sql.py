from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.compat import boolean_search
from ..tools.domain_sql import domain_sql, query_sql
from .common import SolisCase


class TestDomainSql(SolisCase):
    """A domain turned into SQL in one place means what a search by it
    means; the rules' search fields answer true or false, nothing else."""

    def _ids_by_sql(self, model, condition, alias):
        self.env.flush_all()
        return set(
            row[0]
            for row in self.env.execute_query(
                SQL(
                    "SELECT %s FROM %s AS %s WHERE %s",
                    SQL.identifier(alias, "id"),
                    model._table_sql,
                    SQL.identifier(alias),
                    condition,
                )
            )
        )

    def test_domain_sql_selects_what_the_search_does(self):
        self._visit(self.client)
        cases = [
            ("res.partner", [("is_important_client", "=", True)]),
            ("res.partner", [("is_never_contacted_prospect", "=", False)]),
            (
                "res.partner",
                ["|", ("user_id", "=", self.rep.id), ("name", "ilike", "beta")],
            ),
            # Through a relation: a subquery of the comodel.
            ("res.partner", [("visit_ids.type_id.is_in_person", "=", False)]),
            # Through the _inherits join of users and their partners.
            ("res.users", [("name", "=", "Rep One")]),
            ("res.users", [("id", "in", [])]),
            ("res.users", []),
        ]
        for model_name, domain in cases:
            with self.subTest(model=model_name, domain=domain):
                model = self.env[model_name].sudo().with_context(active_test=False)
                self.assertEqual(
                    self._ids_by_sql(model, domain_sql(model, domain, "r"), "r"),
                    set(model.search(domain).ids),
                )

    def test_a_search_as_a_condition_keeps_the_readers_rules(self):
        Partner = self.env["res.partner"].with_user(self.rep)
        query = Partner._search([("is_company", "=", True)])
        seen = self._ids_by_sql(Partner, query_sql(query, "res_partner"), "res_partner")
        self.assertEqual(seen, set(Partner.search([("is_company", "=", True)]).ids))

    def test_a_rule_through_a_join_is_a_subquery(self):
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        # Before, the rules' SQL refused a condition that needs a join.
        condition = domain_sql(Users, [("email", "=", "rep.one@example.com")], "u")
        self.assertEqual(self._ids_by_sql(Users, condition, "u"), {self.rep.id})

    def test_rule_fields_answer_true_or_false_only(self):
        Partner = self.env["res.partner"]
        important = Partner.search([("is_important_client", "=", True)])
        self.assertIn(self.client, important)
        for operator, value in (("!=", False), ("in", [True]), ("not in", [False])):
            with self.subTest(operator=operator, value=value):
                self.assertEqual(
                    Partner.search([("is_important_client", operator, value)]),
                    important,
                )
        self.assertEqual(
            Partner.search([("is_important_client", "in", [True, False])]),
            Partner.search([]),
        )
        self.assertFalse(Partner.search([("is_important_client", "in", [])]))
        searches = [
            ("res.partner", "is_important_client", "ilike", "yes"),
            ("res.partner", "is_visit_overdue", "=", "1"),
            ("res.partner", "has_sale_order", ">", 0),
            ("sale.order", "is_open_offer", "=", 2),
            ("solis.visit", "is_offer_origin", "like", True),
        ]
        for model, field, operator, value in searches:
            with self.subTest(field=field, operator=operator):
                with self.assertRaisesRegex(UserError, "is searched as true or false"):
                    self.env[model].search([(field, operator, value)])

    def test_search_methods_return_not_implemented(self):
        """As 19.0 expects; 18.0 gets the refusal above from the shim."""
        self.assertIs(boolean_search("ilike", "x", list, list), NotImplemented)
        for model, method in (
            ("res.partner", "_search_is_important_client"),
            ("res.partner", "_search_has_sale_order"),
            ("sale.order", "_search_is_offer_sent"),
            ("solis.visit", "_search_is_offer_origin"),
        ):
            with self.subTest(method=method):
                undecorated = getattr(type(self.env[model]), method).__wrapped__
                self.assertIs(
                    undecorated(self.env[model], "ilike", "x"), NotImplemented
                )
