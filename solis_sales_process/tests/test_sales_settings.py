from lxml import etree

from odoo.tests import new_test_user
from odoo.tools.convert import convert_file

from .common import SolisCase

SETTINGS = (
    "solis_digest_enabled",
    "solis_digest_important_clients",
    "solis_digest_waiting_offers",
    "solis_plan_important_visits",
    "solis_plan_important_pending",
)
CHECKIN_SETTINGS = ("solis_checkin_enabled", "solis_checkin_radius")


class TestSalesSettings(SolisCase):
    """The daily e-mail's settings are found where Odoo users look: Settings,
    Sales (the Sales app, sale_management, shows that section)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            login="solis_settings_admin",
            groups="base.group_system,sales_team.group_sale_manager",
            name="Settings Admin",
        )
        cls.Settings = cls.env["res.config.settings"].with_user(cls.admin)

    def test_settings_are_in_the_sales_section(self):
        views = self.Settings.get_views([(False, "form")])
        form = etree.fromstring(views["views"]["form"]["arch"])
        sales = form.xpath("//app[@name='sale_management']")
        self.assertEqual(len(sales), 1)
        # An app marked notApp="1" is not rendered by the settings screen:
        # sale alone marks it so, the Sales app (sale_management) does not.
        self.assertNotEqual(sales[0].get("notApp"), "1")
        block = sales[0].xpath(
            ".//block[@name='solis_sales_process_setting_container']"
        )
        self.assertEqual(len(block), 1, "the addon's block is inside the Sales app")
        self.assertEqual(block[0].get("title"), "Sales Process")
        self.assertCountEqual(
            block[0].xpath(".//field/@name"), [*SETTINGS, *CHECKIN_SETTINGS]
        )

    def test_settings_are_saved(self):
        Digest = self.env["solis.sales.digest"]
        self.Settings.create(
            {
                "solis_digest_enabled": True,
                "solis_digest_important_clients": False,
                "solis_digest_waiting_offers": True,
                "solis_plan_important_visits": True,
            }
        ).execute()
        self.assertTrue(Digest._setting("digest_enabled"))
        self.assertFalse(Digest._setting("digest_important_clients"))
        self.assertTrue(Digest._setting("digest_waiting_offers"))
        shown = self.Settings.create({})
        self.assertTrue(self.env["solis.visit.planner"]._coverage_planning_enabled())
        self.assertEqual(
            [shown[name] for name in SETTINGS[:4]],
            [True, False, True, True],
            "the settings screen opens on what was saved",
        )
        shown.solis_digest_enabled = False
        shown.execute()
        self.assertFalse(Digest._setting("digest_enabled"))

    def test_an_upgrade_keeps_a_setting_turned_off(self):
        self.Settings.create({"solis_digest_enabled": False}).execute()
        convert_file(
            self.env,
            "solis_sales_process",
            "data/ir_config_parameter_data.xml",
            {},
            mode="update",
            noupdate=True,
        )
        self.assertFalse(
            self.env["solis.sales.digest"]._setting("digest_enabled"),
            "the upgrade's data must not turn the daily e-mail on again",
        )
