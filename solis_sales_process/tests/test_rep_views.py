import base64
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import file_open
from odoo.tools.safe_eval import safe_eval

from .common import SolisCase


class TestLogVisitStatus(SolisCase):
    """The Log a Visit dialog proposes the status the client's history calls
    for: an initial contact the first time, a contact after."""

    def _log_visit_form(self, partner, user=None):
        action = partner.with_user(user or self.rep).action_log_visit()
        return Form(
            self.env["solis.visit"]
            .with_user(user or self.rep)
            .with_context(**action["context"])
        )

    def test_first_contact_then_contact(self):
        form = self._log_visit_form(self.client)
        self.assertEqual(form.status_id, self.status_initial)
        form.name = "First call"
        form.save()
        form = self._log_visit_form(self.client)
        self.assertEqual(form.status_id, self.status_contact)

    def test_logged_from_a_contact_person_follows_his_company(self):
        self._visit(self.client)
        form = self._log_visit_form(self.client_contact)
        self.assertEqual(form.partner_id, self.client)
        self.assertEqual(form.status_id, self.status_contact)

    def test_planned_or_cancelled_visits_are_no_contact_yet(self):
        self._visit(self.client, state="planned")
        self._visit(self.client, state="cancelled")
        self.assertEqual(
            self._log_visit_form(self.client).status_id, self.status_initial
        )

    def test_another_reps_visit_is_history_too(self):
        # Whether or not the rep may read it, the client was contacted.
        self._visit(self.client, user=self.other_rep)
        self.assertEqual(
            self._log_visit_form(self.client).status_id, self.status_contact
        )

    def test_renamed_and_reordered_statuses_are_still_found(self):
        # An administrator renames the shipped statuses and puts the initial
        # contact last: the default still goes by what they are.
        self.status_initial.write({"name": "Prima întâlnire", "sequence": 99})
        self.status_contact.write({"name": "Follow-on talk", "sequence": 98})
        self.assertEqual(
            self._log_visit_form(self.client).status_id, self.status_initial
        )
        self._visit(self.client)
        self.assertEqual(
            self._log_visit_form(self.client).status_id, self.status_contact
        )

    def test_choosing_the_client_in_a_new_visit_sets_his_status(self):
        self._visit(self.client)
        form = Form(self.env["solis.visit"].with_user(self.rep))
        form.partner_id = self.client
        self.assertEqual(form.status_id, self.status_contact)
        never_contacted = self.env["res.partner"].create(
            {"name": "Gamma Logistics", "is_company": True, "user_id": self.rep.id}
        )
        form.partner_id = never_contacted
        self.assertEqual(form.status_id, self.status_initial)

    def test_a_logged_visit_keeps_its_status_when_its_client_changes(self):
        visit = self._visit(self.other_client, status_id=self.status_contact.id)
        with Form(visit) as form:
            form.partner_id = self.client
        self.assertEqual(visit.status_id, self.status_contact)

    def test_created_without_status_by_a_program(self):
        # An RPC client or an import that gives no status gets the same one.
        Visit = self.env["solis.visit"].with_user(self.rep)
        first = Visit.create({"partner_id": self.client.id})
        second = Visit.create({"partner_id": self.client.id})
        self.assertEqual(first.status_id, self.status_initial)
        self.assertEqual(second.status_id, self.status_contact)


class TestClientCard(SolisCase):
    def test_open_follow_ups_on_the_card(self):
        due = self._visit(
            self.client, next_contact_date="2026-03-20", next_contact_note="Call back"
        )
        done = self._visit(self.client, next_contact_date="2026-03-12")
        done.action_followup_done()
        self._visit(self.client, next_contact_date="2026-03-13", state="cancelled")
        later = self._visit(self.client, next_contact_date="2026-04-01")
        client = self.client.with_user(self.rep)
        self.assertEqual(client.open_followup_ids, due | later)
        self.assertEqual(client.open_followup_ids[:1], due, "earliest first")
        # A contact person's card shows his company's.
        self.assertEqual(
            self.client_contact.with_user(self.rep).open_followup_ids, due | later
        )
        # Another rep sees only those the rules let him read.
        self.assertFalse(self.client.with_user(self.other_rep).open_followup_ids)

    def test_class_and_contacts_are_on_the_sheet_not_on_a_tab(self):
        arch = etree.fromstring(
            self.env["res.partner"]
            .with_user(self.rep)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        summary = arch.xpath("//sheet/group[@name='solis_client_summary']")
        self.assertTrue(summary)
        for name in (
            "client_class_id",
            "last_contact_date",
            "next_contact_date",
            "open_followup_ids",
        ):
            self.assertTrue(summary[0].xpath(f".//field[@name='{name}']"), name)
        hidden_when = summary[0].get("invisible")

        def shown(partner):
            names = (
                "parent_id",
                "is_company",
                "user_id",
                "client_class_id",
                "is_prospect",
                "last_contact_date",
                "next_contact_date",
            )
            values = {name: partner[name] for name in names}
            return not safe_eval(hidden_when, values)

        Partner = self.env["res.partner"].with_user(self.rep)
        self.assertTrue(shown(self.client.with_user(self.rep)))
        self.assertTrue(
            shown(Partner.new({"name": "New Co", "is_company": True})), "a new company"
        )
        self.assertTrue(
            shown(Partner.new({"name": "Ion Ionescu", "user_id": self.rep.id})),
            "a person who is a client",
        )
        self.assertFalse(shown(self.client_contact.with_user(self.rep)))
        self.assertFalse(
            shown(Partner.new({"name": "The plumber"})),
            "a person the sales team has nothing to do with",
        )


class TestRepLists(SolisCase):
    def _search_arch(self, model, user):
        return etree.fromstring(
            self.env[model]
            .with_user(user)
            .get_views([(False, "search")])["views"]["search"]["arch"]
        )

    def _filter_domain(self, arch, name, user):
        node = arch.xpath(f"//filter[@name='{name}']")
        self.assertTrue(node, f"no filter {name}")
        today = fields.Date.context_today(self.env["res.users"].with_user(user))
        return safe_eval(
            node[0].get("domain"),
            {"uid": user.id, "context_today": lambda: today},
        )

    def test_clients_and_prospects_open_on_my_clients(self):
        prospect = self.env["res.partner"].create(
            {
                "name": "Delta Prospect",
                "is_company": True,
                "user_id": self.rep.id,
                "is_prospect": True,
            }
        )
        arch = self._search_arch("res.partner", self.sales_manager)
        for xmlid in ("res_partner_action_clients", "res_partner_action_prospects"):
            action = self.env.ref(f"solis_sales_process.{xmlid}")
            context = safe_eval(action.context)
            self.assertTrue(context.get("search_default_my_clients"), xmlid)
        Partner = self.env["res.partner"]
        mine = Partner.with_user(self.rep).search(
            self._filter_domain(arch, "my_clients", self.rep)
            + [("parent_id", "=", False)]
        )
        self.assertIn(self.client, mine)
        self.assertIn(prospect, mine)
        self.assertNotIn(self.other_client, mine)
        # A filter, not a limit: the team lead who removes it sees everyone's.
        self.assertIn(
            self.other_client,
            Partner.with_user(self.sales_manager).search([("parent_id", "=", False)]),
        )
        self.assertNotIn(
            self.other_client,
            Partner.with_user(self.sales_manager).search(
                self._filter_domain(arch, "my_clients", self.sales_manager)
            ),
        )

    def test_activity_menu_opens_the_visits_due(self):
        # The names the activity menu gives its Today and Late filters.
        with file_open("mail/static/src/core/web/activity_menu.js") as source:
            menu = source.read()
        for name in ("activities_today", "activities_overdue"):
            self.assertIn(f'"search_default_{name}"', menu)
        today = fields.Date.context_today(self.env["res.users"].with_user(self.rep))
        late = self._visit(self.client, next_contact_date=today - timedelta(days=2))
        due_today = self._visit(self.client, next_contact_date=today)
        later = self._visit(self.client, next_contact_date=today + timedelta(days=5))
        answered = self._visit(self.client, next_contact_date=today)
        answered.action_followup_done()
        # The menu's own domain: the visits with an activity of the user.
        Visit = self.env["solis.visit"].with_user(self.rep)
        base = [("activity_user_id", "=", self.rep.id)]
        arch = self._search_arch("solis.visit", self.rep)
        self.assertEqual(
            Visit.search(
                base + self._filter_domain(arch, "activities_today", self.rep)
            ),
            due_today,
        )
        self.assertEqual(
            Visit.search(
                base + self._filter_domain(arch, "activities_overdue", self.rep)
            ),
            late,
        )
        self.assertEqual(
            Visit.search(
                base + self._filter_domain(arch, "activities_upcoming_all", self.rep)
            ),
            later,
        )

    def test_dates_without_seconds_in_lists_and_cards(self):
        view_ids = (
            self.env["ir.model.data"]
            .search(
                [("module", "=", "solis_sales_process"), ("model", "=", "ir.ui.view")]
            )
            .mapped("res_id")
        )
        own = self.env["ir.ui.view"].search(
            [("id", "in", view_ids), ("type", "in", ("list", "kanban"))]
        )
        self.assertGreater(len(own), 5)
        checked = 0
        for view in own:
            model = self.env[view.model]
            arch = etree.fromstring(view.arch_db)
            for node in arch.iter("field"):
                field = model._fields.get(node.get("name"))
                if node.get("position") or not field or field.type != "datetime":
                    continue
                if node.getparent().tag == "list" and node.getparent() is not arch:
                    # A sub-list of another model (a one2many's rows).
                    continue
                checked += 1
                options = safe_eval(node.get("options") or "{}")
                self.assertTrue(
                    node.get("widget") == "date"
                    or options.get("show_seconds") is False,
                    f"{view.name}: {field.name} shows seconds",
                )
        self.assertGreater(checked, 5)

    def test_the_app_has_its_own_icon(self):
        menu = self.env.ref("solis_sales_process.solis_menu_root")
        self.assertEqual(
            menu.web_icon, "solis_sales_process,static/description/icon.png"
        )
        with file_open("solis_sales_process/static/description/icon.png", "rb") as icon:
            content = icon.read()
        self.assertTrue(content.startswith(b"\x89PNG"))
        self.assertEqual(base64.b64decode(menu.web_icon_data), content)


@tagged("post_install", "-at_install")
class TestLogVisitDialogTour(HttpCase):
    def test_discarded_dialog_saves_nothing_and_statuses_follow_history(self):
        rep = new_test_user(
            self.env,
            login="dialog_rep",
            name="Dialog Rep",
            email="dialog.rep@example.com",
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
            tz="UTC",
        )
        client = self.env["res.partner"].create(
            {
                "name": "Dialog Client SRL",
                "is_company": True,
                "user_id": rep.id,
                "client_class_id": self.env.ref(
                    "solis_sales_process.client_class_a"
                ).id,
            }
        )
        self.start_tour("/odoo", "solis_log_visit_dialog_tour", login="dialog_rep")
        visits = self.env["solis.visit"].search(
            [("partner_id", "=", client.id)], order="id"
        )
        # Discarding saved nothing: no visit "Not this one", none cancelled.
        self.assertEqual(visits.mapped("name"), ["First call", "Second call"])
        self.assertEqual(set(visits.mapped("state")), {"done"})
        self.assertEqual(
            visits.mapped("status_id.kind"), ["initial_contact", "contact"]
        )
