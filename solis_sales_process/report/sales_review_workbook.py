"""The sales review as an Excel workbook: a summary sheet with every answer,
then one sheet per question with the rows behind it."""

import io
from datetime import date, datetime

import xlsxwriter


class _Workbook:
    def __init__(self, env, review):
        self.env = env
        self.review = review
        self.answers = review["answers"]
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True})
        add = self.book.add_format
        self.formats = {
            "title": add({"bold": True, "font_size": 14}),
            "header": add(
                {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
            ),
            "count": add({"num_format": "#,##0"}),
            "rate": add({"num_format": "0.0%"}),
            "days": add({"num_format": "0.0"}),
            "date": add({"num_format": "yyyy-mm-dd"}),
            "amount": add({"num_format": "#,##0.00"}),
            "text": None,
        }

    def _(self, text, **kwargs):
        return self.env._(text, **kwargs)

    def table(self, name, title, columns, rows):
        """columns: [(header, width, format)]; rows: lists of cell values."""
        sheet = self.book.add_worksheet(name[:31])
        sheet.write(0, 0, title, self.formats["title"])
        for col, (header, width, _fmt) in enumerate(columns):
            sheet.write(2, col, header, self.formats["header"])
            sheet.set_column(col, col, width)
        for row_index, row in enumerate(rows, start=3):
            for col, value in enumerate(row):
                self.cell(sheet, row_index, col, value, columns[col][2])
        sheet.freeze_panes(3, 0)
        sheet.autofilter(2, 0, 2 + len(rows), len(columns) - 1)
        return sheet

    def cell(self, sheet, row, col, value, fmt):
        if value is None or value is False:
            sheet.write_blank(row, col, None)
        elif isinstance(value, datetime | date):
            if not isinstance(value, datetime):
                value = datetime.combine(value, datetime.min.time())
            sheet.write_datetime(row, col, value, self.formats["date"])
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value, self.formats[fmt])
        else:
            sheet.write_string(row, col, str(value))

    def records(self, key, fields_):
        answer = self.answers[key]
        return self.env[answer["model"]].search_read(answer["domain"], fields_)

    @staticmethod
    def name(value):
        return value[1] if value else ""

    def build(self):
        self.summary()
        self.prospects()
        self.important_clients()
        self.visits()
        self.conversion_by_rep()
        self.offers()
        self.coverage()
        self.book.close()
        return self.buffer.getvalue()

    def summary(self):
        review = self.review
        answers = list(self.answers.values())
        sheet = self.table(
            self._("Summary"),
            self._(
                "Sales review %(start)s – %(end)s",
                start=review["date_from"],
                end=review["date_to"],
            ),
            [
                (self._("Question"), 10, "count"),
                (self._("Answer"), 60, "text"),
                (self._("Value"), 14, "count"),
            ],
            [[answer["question"], answer["label"], None] for answer in answers],
        )
        # Each answer is a count, a rate or a number of days: format per row.
        for row_index, answer in enumerate(answers, start=3):
            self.cell(sheet, row_index, 2, answer["value"], answer["kind"])

    def prospects(self):
        columns = [
            (self._("List"), 30, "text"),
            (self._("Client"), 36, "text"),
            (self._("Sales Rep"), 22, "text"),
            (self._("Client Class"), 12, "text"),
            (self._("City"), 18, "text"),
            (self._("Phone"), 18, "text"),
            (self._("Email"), 28, "text"),
            (self._("Rep Assigned On"), 14, "date"),
        ]
        rows = []
        for key in ("prospects_unassigned", "prospects_never_contacted"):
            label = self.answers[key]["label"]
            for partner in self.records(
                key,
                [
                    "name",
                    "user_id",
                    "client_class_id",
                    "city",
                    "phone",
                    "email",
                    "user_assigned_date",
                ],
            ):
                rows.append(
                    [
                        label,
                        partner["name"],
                        self.name(partner["user_id"]),
                        self.name(partner["client_class_id"]),
                        partner["city"] or "",
                        partner["phone"] or "",
                        partner["email"] or "",
                        partner["user_assigned_date"],
                    ]
                )
        self.table(
            self._("1 Prospects"), self._("Prospects never contacted"), columns, rows
        )

    def important_clients(self):
        columns = [
            (self._("Client"), 36, "text"),
            (self._("Sales Rep"), 22, "text"),
            (self._("Client Class"), 12, "text"),
            (self._("Last Visit in Person"), 16, "date"),
            (self._("Last Contact"), 16, "date"),
            (self._("Next Contact"), 16, "date"),
        ]
        rows = [
            [
                partner["name"],
                self.name(partner["user_id"]),
                self.name(partner["client_class_id"]),
                partner["last_visit_date"],
                partner["last_contact_date"],
                partner["next_contact_date"],
            ]
            for partner in self.records(
                "important_not_visited",
                [
                    "name",
                    "user_id",
                    "client_class_id",
                    "last_visit_date",
                    "last_contact_date",
                    "next_contact_date",
                ],
            )
        ]
        self.table(
            self._("2 Important clients"),
            self.answers["important_not_visited"]["label"],
            columns,
            rows,
        )

    def visits(self):
        columns = [
            (self._("Sales Rep"), 24, "text"),
            (self._("Client Class"), 14, "text"),
            (self._("Visits in Person"), 14, "count"),
            (self._("Calls and Remote"), 14, "count"),
            (self._("Total"), 10, "count"),
        ]
        rows = [
            [
                row["user"],
                row["client_class"],
                row["in_person"],
                row["remote"],
                row["in_person"] + row["remote"],
            ]
            for row in self.review["visits_by_class"]
        ]
        self.table(
            self._("3 Visits"),
            self._("Calls and visits per rep and client class"),
            columns,
            rows,
        )

    def conversion_by_rep(self):
        keys = [
            ("visits_done", "count"),
            ("leads", "count"),
            ("leads_with_offer", "count"),
            ("lead_to_offer_rate", "rate"),
            ("visits_with_offer", "count"),
            ("visit_to_offer_rate", "rate"),
            ("offers", "count"),
            ("offers_ordered", "count"),
            ("offer_to_order_rate", "rate"),
            ("offers_rejected", "count"),
            ("median_days_contact_to_offer", "days"),
            ("median_days_offer_to_order", "days"),
            ("prospects_never_contacted", "count"),
            ("clients_overdue", "count"),
        ]
        columns = [(self._("Sales Rep"), 24, "text")] + [
            (self.answers[key]["label"], 16, fmt) for key, fmt in keys
        ]
        rows = [[self._("All")] + [self.answers[key]["value"] for key, _fmt in keys]]
        rows += [
            [row["name"]] + [row["answers"].get(key) for key, _fmt in keys]
            for row in self.review["by_rep"]
        ]
        self.table(
            self._("4-6 By rep"),
            self._("Conversion and overall situation, per rep"),
            columns,
            rows,
        )

    def offers(self):
        columns = [
            (self._("Offer"), 14, "text"),
            (self._("Client"), 32, "text"),
            (self._("Sales Rep"), 22, "text"),
            (self._("Offer Status"), 18, "text"),
            (self._("Offer Date"), 14, "date"),
            (self._("Days Waiting"), 12, "count"),
            (self._("Untaxed Amount"), 16, "amount"),
            (self._("Currency"), 10, "text"),
        ]
        today = datetime.now()
        rows = [
            [
                order["name"],
                self.name(order["partner_id"]),
                self.name(order["user_id"]),
                self.name(order["offer_status_id"]) or self._("Not sent"),
                order["offer_date"],
                (today - order["offer_date"]).days,
                order["amount_untaxed"],
                self.name(order["currency_id"]),
            ]
            for order in self.records(
                "offers_not_confirmed",
                [
                    "name",
                    "partner_id",
                    "user_id",
                    "offer_status_id",
                    "offer_date",
                    "amount_untaxed",
                    "currency_id",
                ],
            )
        ]
        sheet = self.table(
            self._("5 Offers"),
            self._("Offers not confirmed by the client"),
            columns,
            rows,
        )
        start = len(rows) + 5
        sheet.write(
            start, 0, self._("Rejected offers by reason"), self.formats["title"]
        )
        for index, reason in enumerate(
            self.review["rejection_reasons"], start=start + 1
        ):
            sheet.write_string(index, 0, reason["name"])
            sheet.write_number(index, 1, reason["value"], self.formats["count"])

    def coverage(self):
        columns = [
            (self._("Sales Rep"), 24, "text"),
            (self._("Client Class"), 14, "text"),
            (self._("Clients"), 10, "count"),
            (self._("Visited in Time"), 14, "count"),
            (self._("Overdue"), 10, "count"),
            (self._("Coverage"), 10, "rate"),
        ]
        rows = [
            [
                row["user"],
                row["client_class"],
                row["clients"],
                row["covered"],
                row["overdue"],
                row["rate"],
            ]
            for row in self.review["coverage"]
        ]
        sheet = self.table(
            self._("7 Coverage"),
            self._("Coverage per rep and client class"),
            columns,
            rows,
        )
        start = len(rows) + 5
        sheet.write(start, 0, self._("Prospect funnel"), self.formats["title"])
        stages = [key for key in self.answers if key.startswith("funnel_")]
        for index, key in enumerate(stages, start=start + 1):
            sheet.write_string(index, 0, self.answers[key]["label"])
            sheet.write_number(
                index, 1, self.answers[key]["value"], self.formats["count"]
            )


def build_workbook(env, review):
    """Return the .xlsx bytes of a review from ``solis.sales.review.get_answers``."""
    return _Workbook(env, review).build()
