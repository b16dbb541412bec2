"""The sales review as an Excel workbook: a summary sheet with every answer
under its question, then one sheet per question with the rows behind it, and
charts of the funnel, the offers by status and the reps side by side."""

import io
import re
from datetime import date, datetime

import xlsxwriter

from odoo import fields

from ..answers import catalogue
from ..tools.clock import excel_date_format, period_label
from ..tools.plural import count_text

# What no file system accepts in a file name (Windows' list, the strictest),
# and control characters.
UNSAFE_IN_FILE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
MAX_FILE_NAME = 150


def review_scope(env, review):
    """Whose figures a review holds: the rep's name, the sales team's name
    when the reps are exactly its members, else the whole team or the number
    of reps."""
    user_ids = review["user_ids"]
    if not user_ids:
        return env._("Whole team")
    # sudo: names only, also of a rep the caller may not read (another of his
    # companies' users), as get_answers names them in by_rep.
    users = env["res.users"].sudo().browse(user_ids).exists()
    if len(users) == 1:
        return users.name
    teams = env["crm.team"].sudo().search([("member_ids", "in", users.ids)])
    team = teams.filtered(lambda team: team.member_ids == users)[:1]
    if team:
        return team.name
    return count_text(env, len(users), env._("%(count)s rep"), env._("%(count)s reps"))


def review_period_label(env, review):
    """The review's period in the reader's language ("iunie 2026")."""
    return period_label(
        env,
        fields.Date.to_date(review["date_from"]),
        fields.Date.to_date(review["date_to"]),
    )


def workbook_file_name(env, review):
    """The workbook's file name: whose figures, for which period."""
    name = env._(
        "Sales review - %(scope)s - %(period)s",
        scope=review_scope(env, review),
        period=review_period_label(env, review),
    )
    name = UNSAFE_IN_FILE_NAME.sub("-", name)
    name = re.sub(r"\s+", " ", name).strip(" .-")[:MAX_FILE_NAME].rstrip(" .-")
    return f"{name}.xlsx"


def rep_pool_text(env, count):
    """What the reps' table says of the shared pool of unassigned prospects
    (the dashboard's and the workbook's)."""
    return count_text(
        env,
        count,
        env._(
            "Prospects never contacted: %(count)s unassigned prospect is a "
            "shared pool, counted in every rep's row and once in the total."
        ),
        env._(
            "Prospects never contacted: %(count)s unassigned prospects are a "
            "shared pool, counted in every rep's row and once in the total."
        ),
    )


class _Workbook:
    def __init__(self, env, review):
        self.env = env
        self.review = review
        self.answers = review["answers"]
        self.scope = review_scope(env, review)
        self.is_one_rep = len(review["user_ids"] or []) == 1
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True})
        add = self.book.add_format
        self.formats = {
            "title": add({"bold": True, "font_size": 14}),
            "question": add(
                {"bold": True, "bg_color": "#F2F2F2", "text_wrap": True, "top": 1}
            ),
            "header": add(
                {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
            ),
            "count": add({"num_format": "#,##0"}),
            "rate": add({"num_format": "0.0%"}),
            "days": add({"num_format": "0.0"}),
            "date": add({"num_format": excel_date_format(env)}),
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

    def rep_name(self, name):
        return name or self._("No rep")

    def column_chart(self, title, series, categories):
        """A column chart of ``series`` [(name, [sheet, row, col, last_row,
        last_col])] over the ``categories`` range."""
        chart = self.book.add_chart({"type": "column"})
        for name, values in series:
            chart.add_series(
                {
                    "name": name,
                    "categories": categories,
                    "values": values,
                    "data_labels": {"value": True},
                }
            )
        chart.set_title({"name": title})
        chart.set_legend({"position": "bottom" if len(series) > 1 else "none"})
        chart.set_size({"width": 640, "height": 360})
        return chart

    @property
    def sheet_by_rep(self):
        return self._("4-6 By rep")

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
        """Each question in words, with its answers under it."""
        review = self.review
        sheet = self.book.add_worksheet(self._("Summary"))
        sheet.write(
            0,
            0,
            self._(
                "Sales review – %(scope)s – %(period)s",
                scope=self.scope,
                period=review_period_label(self.env, review),
            ),
            self.formats["title"],
        )
        sheet.set_column(0, 0, 70)
        sheet.set_column(1, 1, 14)
        sheet.write(2, 0, self._("Answer"), self.formats["header"])
        sheet.write(2, 1, self._("Value"), self.formats["header"])
        by_question = {}
        for answer in self.answers.values():
            by_question.setdefault(answer["question"], []).append(answer)
        questions = catalogue.question_texts(self.env, review["months"])
        row = 3
        for number, text in sorted(questions.items()):
            # Question 6 is answered by a sheet of its own, one row per rep.
            answers = by_question.get(number) or ([None] if number == 6 else [])
            if not answers:
                continue
            sheet.merge_range(row, 0, row, 1, text, self.formats["question"])
            sheet.set_row(row, 30)
            row += 1
            for answer in answers:
                if answer is None:
                    sheet.write_string(
                        row,
                        0,
                        self._(
                            "Per rep: the sheet “%(sheet)s”", sheet=self.sheet_by_rep
                        ),
                    )
                else:
                    sheet.write_string(row, 0, answer["label"])
                    # A count, a rate or a number of days: formatted per row.
                    self.cell(sheet, row, 1, answer["value"], answer["kind"])
                row += 1
        sheet.freeze_panes(3, 0)

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
        for answer in catalogue.WORKBOOK[catalogue.SHEET_PROSPECTS]:
            key = answer.key
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
        (listed,) = catalogue.WORKBOOK[catalogue.SHEET_IMPORTANT]
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
                listed.key,
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
            self.answers[listed.key]["label"],
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
                self.rep_name(row["user"]),
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
            (answer.key, answer.format)
            for answer in catalogue.WORKBOOK[catalogue.SHEET_BY_REP]
        ]
        columns = [(self._("Sales Rep"), 24, "text")] + [
            (self.answers[key]["label"], 16, fmt) for key, fmt in keys
        ]
        # One rep: his own figures, as the summary gives them. Several: their
        # total, named after them (the whole team, a team), then each rep.
        rows = [[self.scope] + [self.answers[key]["value"] for key, _fmt in keys]]
        if not self.is_one_rep:
            rows += [
                [row["name"]] + [row["answers"].get(key) for key, _fmt in keys]
                for row in self.review["by_rep"]
            ]
        sheet = self.table(
            self.sheet_by_rep,
            self._("Conversion and overall situation, per rep"),
            columns,
            rows,
        )
        # The reps side by side (one rep: his own figures).
        first = 4 if len(rows) > 1 else 3
        last = 2 + len(rows)
        pool = self.answers[catalogue.REPS_POOL.key]["value"]
        if len(rows) > 1 and pool:
            last_note = last + 2
            sheet.write_string(last_note, 0, rep_pool_text(self.env, pool))
        else:
            last_note = last
        compared = {answer.key for answer in catalogue.WORKBOOK[catalogue.CHART_BY_REP]}
        series = [
            (
                self.answers[key]["label"],
                [sheet.name, first, col, last, col],
            )
            for col, (key, _fmt) in enumerate(keys, start=1)
            if key in compared
        ]
        chart = self.column_chart(
            self._("Visits, offers and orders per rep"),
            series,
            [sheet.name, first, 0, last, 0],
        )
        sheet.insert_chart(last_note + 2, 0, chart)

    def offers(self):
        (listed,) = catalogue.WORKBOOK[catalogue.SHEET_OFFERS]
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
                listed.key,
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
        start += len(self.review["rejection_reasons"]) + 3
        kinds = [a.key for a in catalogue.WORKBOOK[catalogue.CHART_OFFERS]]
        self.charted_answers(
            sheet, start, self._("Offers by status"), self._("Offers"), kinds
        )

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
                self.rep_name(row["user"]),
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
        stages = [a.key for a in catalogue.WORKBOOK[catalogue.CHART_COVERAGE]]
        self.charted_answers(
            sheet, start, self._("Prospect funnel"), self._("Clients"), stages
        )

    def charted_answers(self, sheet, start, title, series, keys):
        """Under ``title`` at row ``start``, the answers of ``keys`` (in that
        order) with their values, and a column chart of them beside."""
        keys = [key for key in keys if key in self.answers]
        sheet.write(start, 0, title, self.formats["title"])
        for index, key in enumerate(keys, start=start + 1):
            sheet.write_string(index, 0, self.answers[key]["label"])
            sheet.write_number(
                index, 1, self.answers[key]["value"], self.formats["count"]
            )
        last = start + len(keys)
        chart = self.column_chart(
            title,
            [(series, [sheet.name, start + 1, 1, last, 1])],
            [sheet.name, start + 1, 0, last, 0],
        )
        sheet.insert_chart(start, 3, chart)


def build_workbook(env, review):
    """Return the .xlsx bytes of a review from ``solis.sales.review.get_answers``."""
    return _Workbook(env, review).build()
