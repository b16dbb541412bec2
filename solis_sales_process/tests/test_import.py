import csv
import io

from odoo.tools.misc import file_open

from .common import SolisCase

IMPORT_OPTIONS = {
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
    "encoding": "utf-8",
    "separator": ",",
    "quoting": '"',
    "date_format": "%Y-%m-%d",
    "datetime_format": "%Y-%m-%d %H:%M:%S",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "advanced": True,
    "has_headers": True,
    "keep_matches": False,
    "skip": 0,
}


# Rows of the history imported in CI: every tenth row cancelled, so that the
# first client's rows are all cancelled (a multiple of ten clients).
IMPORT_ROWS = 300
IMPORT_CLIENTS = 30


class TestImport(SolisCase):
    """A company coming from SOLIS or a spreadsheet brings its history in
    through Odoo's own Import records (base_import), with the templates the
    addon offers."""

    def _import(self, model, content):
        """Import ``content`` (CSV bytes) into ``model`` as the import
        screen does: preview, the columns it matched, execute.

        :return: the import's result (``ids``, ``messages``)
        """
        wizard = self.env["base_import.import"].create(
            {
                "res_model": model,
                "file": content,
                "file_name": "import.csv",
                "file_type": "text/csv",
            }
        )
        preview = wizard.parse_preview(dict(IMPORT_OPTIONS))
        self.assertFalse(preview.get("error"), preview.get("error"))
        fields = ["/".join(match) for match in preview["matches"].values()]
        self.assertEqual(
            len(fields), len(preview["headers"]), "every column is recognised"
        )
        return wizard.execute_import(fields, preview["headers"], dict(IMPORT_OPTIONS))

    def test_templates_are_offered_and_import_as_they_are(self):
        # The file's times are the importing user's local times.
        self.env.user.tz = "UTC"
        for model, template in (
            ("res.partner", "solis_clients_import_template.csv"),
            ("solis.visit", "solis_visits_import_template.csv"),
            ("sale.order", "solis_offers_import_template.csv"),
        ):
            with self.subTest(model=model):
                offered = self.env[model].get_import_templates()
                self.assertIn(
                    f"/solis_sales_process/static/xls/{template}",
                    [entry["template"] for entry in offered],
                )
                with file_open(f"solis_sales_process/static/xls/{template}", "rb") as f:
                    result = self._import(model, f.read())
                self.assertFalse(result["messages"], result["messages"])
                self.assertEqual(len(result["ids"]), 3)
        steel = self.env["res.partner"].search([("name", "=", "Template Steel SRL")])
        self.assertEqual(steel.client_class_id, self.class_a)
        self.assertEqual(steel.visit_count, 2)
        self.assertFalse(steel.next_contact_date, "his follow-up was answered")
        logistics = self.env["res.partner"].search(
            [("name", "=", "Template Logistics SA")]
        )
        self.assertEqual(str(logistics.next_contact_date), "2025-09-01")
        self.assertTrue(logistics.is_lead, "a prospect when first contacted")
        offers = self.env["sale.order"].search(
            [("partner_id.name", "like", "Template %")], order="offer_date"
        )
        self.assertEqual(
            offers.mapped("offer_status_kind"), ["initiated", "followup", "postponed"]
        )
        self.assertEqual(str(offers[0].offer_date), "2025-03-20 12:00:00")

    def test_a_history_of_visits_from_a_csv(self):
        """A few hundred rows prove what a large file does (bench/run.py
        --only import times 10,000): nobody is notified of each visit, and
        the clients' figures the import leaves equal a full recount."""
        Partner = self.env["res.partner"]
        clients = Partner.create(
            [
                {"name": f"Imported Client {index:03d}", "is_company": True}
                for index in range(IMPORT_CLIENTS)
            ]
        )
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            ["Client", "Date", "Type", "Status", "State", "Sales Rep", "Next Contact"]
        )
        for index in range(IMPORT_ROWS):
            client = clients[index % IMPORT_CLIENTS]
            day = 1 + index % 28
            writer.writerow(
                [
                    client.name,
                    f"2025-{1 + index % 12:02d}-{day:02d} {8 + index % 10:02d}:00:00",
                    "Phone" if index % 3 else "At the client's premises",
                    "Contact",
                    "Done" if index % 10 else "Cancelled",
                    self.rep.name,
                    # The client's last row plans his follow-up.
                    "2026-01-15" if index >= IMPORT_ROWS - IMPORT_CLIENTS else "",
                ]
            )
        Notification = self.env["mail.notification"]
        notified = [("res_partner_id", "=", self.rep.partner_id.id)]
        before = Notification.search_count(notified)
        mails = [("recipient_ids", "in", self.rep.partner_id.ids)]
        mails_before = self.env["mail.mail"].search_count(mails)
        result = self._import("solis.visit", buffer.getvalue().encode())
        self.assertFalse(result["messages"], result["messages"][:3])
        self.assertEqual(len(result["ids"]), IMPORT_ROWS)
        self.assertEqual(
            Notification.search_count(notified),
            before,
            "the rep is not told of each visit of his imported history",
        )
        self.assertEqual(
            self.env["mail.mail"].search_count(mails),
            mails_before,
            "nor e-mailed of each follow-up the file plans for him",
        )
        followups = self.env["mail.activity"].search(
            [("res_model", "=", "solis.visit"), ("res_id", "in", result["ids"])]
        )
        self.assertEqual(
            (len(followups), followups.user_id),
            (IMPORT_CLIENTS * 9 // 10, self.rep),
            "his follow-ups are planned (not those of cancelled visits)",
        )
        # The figures the import left equal a full recomputation in SQL.
        self.assertEqual(Partner._solis_fill_visit_figures(), 0)
        per_client = IMPORT_ROWS // IMPORT_CLIENTS
        self.assertEqual(clients[1].visit_count, per_client)
        self.assertEqual(
            clients[0].visit_count, 0, f"his {per_client} visits were cancelled"
        )
        self.assertEqual(sum(clients.mapped("visit_count")), IMPORT_ROWS * 9 // 10)

    def test_a_bad_row_imports_nothing(self):
        before = self.env["solis.visit"].search_count([])
        content = (
            "Client,Date,Type,Status,State\n"
            f"{self.client.name},2025-02-03 09:00:00,Phone,Contact,Done\n"
            "Nobody We Know SRL,2025-02-04 09:00:00,Phone,Contact,Done\n"
        ).encode()
        result = self._import("solis.visit", content)
        self.assertTrue(
            any(message["type"] == "error" for message in result["messages"]),
            "Odoo's import reports the unknown client",
        )
        self.assertFalse(result["ids"])
        self.assertEqual(self.env["solis.visit"].search_count([]), before)
        self.assertFalse(self.client.visit_count)
