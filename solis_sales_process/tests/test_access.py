from odoo.exceptions import AccessError

from .common import SolisCase


class TestAccess(SolisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_visit = cls._visit(cls.client, user=cls.rep)
        cls.colleague_on_my_client = cls._visit(cls.client, user=cls.other_rep)
        cls.other_visit = cls._visit(cls.other_client, user=cls.other_rep)

    def _visible(self, user, visit):
        return bool(
            self.env["solis.visit"].with_user(user).search([("id", "=", visit.id)])
        )

    def test_who_sees_which_visit(self):
        expected = {
            (self.rep, self.own_visit): True,
            (self.rep, self.colleague_on_my_client): True,
            (self.rep, self.other_visit): False,
            (self.other_rep, self.own_visit): False,
            (self.other_rep, self.colleague_on_my_client): True,
            (self.other_rep, self.other_visit): True,
            (self.sales_manager, self.other_visit): True,
            (self.sales_admin, self.own_visit): True,
        }
        for (user, visit), visible in expected.items():
            with self.subTest(user=user.login, visit=visit.display_name):
                self.assertEqual(self._visible(user, visit), visible)

    def test_rep_cannot_read_or_change_another_reps_visit(self):
        visit = self.other_visit.with_user(self.rep)
        with self.assertRaises(AccessError):
            visit.read(["name"])
        with self.assertRaises(AccessError):
            visit.write({"name": "mine now"})
        with self.assertRaises(AccessError):
            visit.unlink()

    def test_user_without_sales_rights_sees_no_visit(self):
        with self.assertRaises(AccessError):
            self.env["solis.visit"].with_user(self.internal_user).search([])

    def test_rep_of_another_company_sees_nothing(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign_rep = self.env["res.users"].create(
            {
                "name": "Foreign Rep",
                "login": "solis_foreign_rep",
                "company_id": other_company.id,
                "company_ids": [(6, 0, other_company.ids)],
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("sales_team.group_sale_salesman_all_leads").id,
                        ],
                    )
                ],
            }
        )
        self.assertFalse(
            self.env["solis.visit"]
            .with_user(foreign_rep)
            .search([("id", "in", (self.own_visit | self.other_visit).ids)])
        )
        private_type = self.env["solis.visit.type"].create(
            {"name": "Our own type", "company_id": self.company.id}
        )
        self.assertFalse(
            self.env["solis.visit.type"]
            .with_user(foreign_rep)
            .search([("id", "=", private_type.id)])
        )
