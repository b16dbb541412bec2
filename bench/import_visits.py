"""Time Odoo's own import (base_import, as the Import records screen runs it)
of visits from a CSV file on a benchmark database, then check the clients'
figures against a full recomputation in SQL. Everything is rolled back.

    python3 bench/import_visits.py --database solis_bench --rows 100000
    python3 bench/import_visits.py --database solis_bench --rows 2000 --clients 1 --bad-row

``--bad-row``: one row in the middle that only the visit's create refuses (a
negative duration): Odoo then retries the rows one by one, and the user waits
for the row's error.
"""

import argparse
import csv
import io
import time
import tracemalloc

from _odoo import add_db_arguments, open_registry

from odoo import SUPERUSER_ID, api

OPTIONS = {
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
COLUMNS = [
    "Client",
    "Date",
    "Type",
    "Status",
    "State",
    "Sales Rep",
    "Next Contact",
    "Duration",
]
FIELDS = [
    "partner_id",
    "visit_date",
    "type_id",
    "status_id",
    "state",
    "user_id",
    "next_contact_date",
    "duration",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_db_arguments(parser)
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument(
        "--by-name",
        action="store_true",
        help="give the clients by name (Odoo looks each one up) rather than "
        "by database id, as a migration from another system would",
    )
    parser.add_argument(
        "--bad-row",
        action="store_true",
        help="one row in the middle with a negative duration, which only the "
        "visit's create refuses",
    )
    return parser.parse_args()


def make_csv(env, rows, n_clients, by_name, bad_row=False):
    """Visits to clients of the database, by name, as a spreadsheet holds
    them: one in ten with a next contact."""
    env.cr.execute(
        """SELECT p.id, p.name, u.login FROM res_partner p JOIN res_users u ON u.id = p.user_id
            WHERE p.parent_id IS NULL AND p.is_company
            ORDER BY p.id LIMIT %s""",
        [n_clients],
    )
    clients = env.cr.fetchall()
    logins = {login for _id, _name, login in clients}
    names = dict(
        env["res.users"]
        .search([("login", "in", list(logins))])
        .mapped(lambda user: (user.login, user.name))
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for index in range(rows):
        client_id, name, login = clients[index % len(clients)]
        month, day = 1 + index % 12, 1 + index % 28
        writer.writerow(
            [
                name if by_name else client_id,
                f"2024-{month:02d}-{day:02d} {8 + index % 10:02d}:00:00",
                "Phone" if index % 3 else "At the client's premises",
                "Contact",
                "Done",
                names[login],
                f"2025-{month:02d}-{day:02d}" if index % 10 == 0 else "",
                "-1" if bad_row and index == rows // 2 else "1",
            ]
        )
    return buffer.getvalue().encode()


def main():
    args = parse_args()
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tz": "UTC"})
        content = make_csv(env, args.rows, args.clients, args.by_name, args.bad_row)
        fields = list(FIELDS)
        if not args.by_name:
            fields[0] = "partner_id/.id"
        cr.execute("SELECT count(*) FROM solis_visit")
        before = cr.fetchone()[0]
        wizard = env["base_import.import"].create(
            {
                "res_model": "solis.visit",
                "file": content,
                "file_name": "visits.csv",
                "file_type": "text/csv",
            }
        )
        tracemalloc.start()
        started = time.perf_counter()
        result = wizard.execute_import(fields, COLUMNS, dict(OPTIONS))
        env.flush_all()
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        errors = [m for m in result["messages"] if m["type"] == "error"]
        cr.execute("SELECT count(*) FROM solis_visit")
        imported = cr.fetchone()[0] - before
        stale = env["res.partner"]._solis_fill_visit_figures()
        print(
            f"| import | {args.rows:,} visits of {args.clients:,} clients through "
            f"base_import, clients by {'name' if args.by_name else 'database id'} "
            f"| {elapsed:.1f} s | {args.rows / elapsed:,.0f} rows/s | "
            f"peak {peak / 2**20:,.0f} MiB | imported {imported:,} | errors "
            f"{len(errors)} | figures left stale {stale} |"
            + (f" first error: {errors[0]['message'][:80]}" if errors else "")
        )
        cr.rollback()


if __name__ == "__main__":
    main()
