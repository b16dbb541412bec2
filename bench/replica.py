"""The addon on a multi-worker Odoo server with a PostgreSQL read replica
(``tools/replica start DATABASE``): who serves what, what a user sees when the
replica lags or is down, many reps at once, and the daily e-mail with two cron
threads.

    python3 bench/replica.py setup  --database solis_r15 --reps 100
    python3 bench/replica.py demo   --database solis_r15 --url http://127.0.0.1:8069
    python3 bench/replica.py load   --database solis_r15 --url ... --reps 50
    python3 bench/replica.py digest --database solis_r15 --url ...

``setup`` adds to a database (demo data or not) the bench's reps
(``bench_rep_NNN``, password ``bench``), two clients each and a planned visit
today (so that each has a daily e-mail), a manager (``bench_manager``), turns
the daily e-mail on and Odoo's e-mail queue job off (the mails stay in the
database to be counted). The other commands talk to the server as the web
client does (JSON-RPC on ``/web/dataset/call_kw``, where Odoo routes the
methods marked ``@api.readonly`` to the replica; XML-RPC's ``execute_kw``
always uses the primary in Odoo 18) and read PostgreSQL's own statistics on
both clusters.
"""

import argparse
import functools
import os
import re
import statistics
import subprocess
import threading
import time
from datetime import datetime, timedelta

import psycopg2
import requests
from _odoo import REPO, add_db_arguments, open_registry

from odoo import SUPERUSER_ID, api

PASSWORD = "bench"
TABLES = ("solis_visit", "res_partner", "sale_order")


class RpcError(Exception):
    pass


class Client:
    """One browser session."""

    def __init__(self, url, database, login, password=PASSWORD):
        self.url = url
        self.session = requests.Session()
        self.uid = self._rpc(
            "/web/session/authenticate",
            {"db": database, "login": login, "password": password},
        )["uid"]

    def _rpc(self, path, params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            timeout=300,
        )
        response.raise_for_status()
        data = response.json()
        if "error" in data:
            error = data["error"].get("data", {})
            raise RpcError(
                f"{error.get('name', '?')}: {error.get('message', data['error'])}"
            )
        return data["result"]

    def call(self, model, method, *args, **kwargs):
        return self._rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


def connect(args, port):
    return psycopg2.connect(
        dbname=args.database,
        host=args.db_host,
        port=port,
        user=args.db_user or None,
        application_name="solis-bench",
    )


def sql(conn, query, params=None):
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(query, params)
        return cr.fetchall() if cr.description else None


def table_reads(conn):
    """Scans and inserts on the addon's main tables, as this cluster counts
    them: a standby counts the scans it serves itself, never the rows it
    replays."""
    rows = sql(
        conn,
        """SELECT COALESCE(sum(seq_scan + COALESCE(idx_scan, 0)), 0),
                  COALESCE(sum(n_tup_ins), 0)
             FROM pg_stat_user_tables WHERE relname = ANY(%s)""",
        [list(TABLES)],
    )
    # Statistics reach the shared counters when a backend goes idle.
    return rows[0]


def settle():
    time.sleep(1.2)


def visits_done(client, user_id):
    dashboard = client.call("solis.sales.dashboard", "get_dashboard", user_id=user_id)
    return next(
        card["value"]
        for section in dashboard["sections"]
        for card in section["cards"]
        if card["key"] == "visits_done"
    )


@functools.cache
def _registry(database):
    return open_registry(_registry.args)


def registry_of(args):
    """One registry per process (Odoo parses its configuration once)."""
    _registry.args = args
    return _registry(args.database)


def bench_users(args, registry=None):
    registry = registry or registry_of(args)
    with registry.cursor() as cr:
        cr.execute(
            """SELECT u.id, u.login, array_agg(p.id ORDER BY p.id)
                 FROM res_users u
                 JOIN res_partner p ON p.user_id = u.id AND p.is_company
                WHERE u.login LIKE 'bench_rep_%%'
             GROUP BY u.id, u.login ORDER BY u.login"""
        )
        return cr.fetchall()


def log_visit(client, user_id, partner_id):
    return client.call(
        "solis.visit",
        "create",
        {
            "partner_id": partner_id,
            "user_id": user_id,
            "visit_date": datetime.utcnow().replace(microsecond=0).isoformat(" "),
            "state": "done",
        },
    )


# ----------------------------------------------------------------------
# setup
# ----------------------------------------------------------------------
def setup(args):
    registry = registry_of(args)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        salesman = env.ref("sales_team.group_sale_salesman")
        Users = env["res.users"].with_context(no_reset_password=True)
        if not Users.search([("login", "=", "bench_manager")]):
            Users.create(
                {
                    "name": "Bench Manager",
                    "login": "bench_manager",
                    "password": PASSWORD,
                    "tz": "UTC",
                    "groups_id": [
                        (4, env.ref("sales_team.group_sale_salesman_all_leads").id)
                    ],
                }
            )
        existing = set(Users.search([("login", "like", "bench_rep_")]).mapped("login"))
        today = datetime.utcnow().replace(hour=12, minute=0, second=0, microsecond=0)
        for number in range(1, args.reps + 1):
            login = f"bench_rep_{number:03d}"
            if login in existing:
                continue
            rep = Users.create(
                {
                    "name": f"Bench Rep {number:03d}",
                    "login": login,
                    "password": PASSWORD,
                    "email": f"{login}@example.com",
                    "tz": "UTC",
                    "groups_id": [(4, salesman.id)],
                }
            )
            clients = env["res.partner"].create(
                [
                    {"name": f"Bench Client {number:03d}-{k}", "is_company": True}
                    | {"user_id": rep.id}
                    for k in (1, 2)
                ]
            )
            env["solis.visit"].create(
                {
                    "partner_id": clients[0].id,
                    "user_id": rep.id,
                    "visit_date": today,
                    "state": "planned",
                }
            )
        env["ir.config_parameter"].set_param(
            "solis_sales_process.digest_enabled", "True"
        )
        env.ref("mail.ir_cron_mail_scheduler_action").active = False
        cr.commit()
    print(f"{len(bench_users(args, registry))} bench reps, bench_manager; ready.")


# ----------------------------------------------------------------------
# demo
# ----------------------------------------------------------------------
def demo(args):
    primary, replica = connect(args, args.db_port), connect(args, args.replica_port)
    manager = Client(args.url, args.database, "bench_manager")
    rep_id, login, partner_ids = bench_users(args)[0]
    rep = Client(args.url, args.database, login)
    print(f"## Who serves what ({args.url}, replica on port {args.replica_port})\n")

    def measure(label, action):
        settle()
        before_p, before_r = table_reads(primary), table_reads(replica)
        action()
        settle()
        after_p, after_r = table_reads(primary), table_reads(replica)
        print(
            f"| {label} | {after_p[0] - before_p[0]:.0f} | {after_r[0] - before_r[0]:.0f} "
            f"| {after_p[1] - before_p[1]:.0f} | {after_r[1] - before_r[1]:.0f} |"
        )

    # Each worker's first requests load its registry's caches (menus, rights,
    # the routing map) on the primary: not what is measured.
    for _ in range(args.workers * 3):
        manager.call("solis.sales.dashboard", "get_dashboard")
        manager.call(
            "solis.visit.report", "web_read_group", [], ["__count"], ["user_id"]
        )
    print(
        "| 10 calls of | table scans on the primary | on the replica "
        "| rows inserted on the primary | on the replica |\n|---|---|---|---|---|"
    )
    measure(
        "`get_dashboard` (whole team)",
        lambda: [
            manager.call("solis.sales.dashboard", "get_dashboard") for _ in range(10)
        ],
    )
    measure(
        "visit analysis pivot (`web_read_group`, rep x type)",
        lambda: [
            manager.call(
                "solis.visit.report",
                "web_read_group",
                [],
                ["__count"],
                ["user_id", "type_id"],
                lazy=False,
            )
            for _ in range(10)
        ],
    )
    measure(
        "list behind a card (`web_search_read`)",
        lambda: [
            manager.call(
                "solis.visit",
                "web_search_read",
                [("state", "=", "done")],
                {"display_name": {}, "visit_date": {}},
                limit=80,
            )
            for _ in range(10)
        ],
    )
    measure(
        "`solis.visit.create` (a rep logs a visit)",
        lambda: [log_visit(rep, rep_id, partner_ids[0]) for _ in range(10)],
    )
    count = """SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name LIKE 'odoo-%%'"""
    print(
        f"\nOdoo's connections (its workers' pools): {sql(primary, count)[0][0]} to "
        f"the primary, {sql(replica, count)[0][0]} to the replica.\n"
    )

    print("## A visit logged, then the dashboard\n")
    before = visits_done(manager, rep_id)
    log_visit(rep, rep_id, partner_ids[0])
    lsn = sql(primary, "SELECT pg_current_wal_lsn()")[0][0]
    started = time.perf_counter()
    while not sql(replica, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])[0][
        0
    ]:
        time.sleep(0.001)
    replayed = (time.perf_counter() - started) * 1000
    print(
        f"- replica running: visit committed on the primary, replayed on the "
        f"replica {replayed:.1f} ms later; dashboard before {before}, after "
        f"{visits_done(manager, rep_id)}"
    )
    sql(replica, "SELECT pg_wal_replay_pause()")
    try:
        before = visits_done(manager, rep_id)
        log_visit(rep, rep_id, partner_ids[0])
        stale = visits_done(manager, rep_id)
        print(
            f"- replica lagging (replay paused): visit logged (write on the primary "
            f"OK); dashboard before {before}, right after {stale} "
            f"({'stale' if stale == before else 'up to date'})"
        )
    finally:
        sql(replica, "SELECT pg_wal_replay_resume()")
    lsn = sql(primary, "SELECT pg_current_wal_lsn()")[0][0]
    while not sql(replica, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])[0][
        0
    ]:
        time.sleep(0.01)
    print(f"- replay resumed: dashboard {visits_done(manager, rep_id)}\n")

    print("## The replica down\n")
    replica.close()
    replica_tool = os.path.join(REPO, "tools", "replica")
    subprocess.run([replica_tool, "standby-stop"], check=True)
    log_size = os.path.getsize(args.odoo_log) if args.odoo_log else 0
    outcomes = []
    for _ in range(args.workers * 3):
        try:
            started = time.perf_counter()
            value = visits_done(manager, rep_id)
            outcomes.append(
                f"ok {value} ({(time.perf_counter() - started) * 1000:.0f} ms)"
            )
        except (RpcError, requests.RequestException) as error:
            outcomes.append(f"error: {str(error)[:100]}")
    print(f"- {len(outcomes)} dashboard calls with the standby stopped:")
    for outcome, count in sorted(
        {o: outcomes.count(o) for o in set(outcomes)}.items(), key=lambda i: -i[1]
    ):
        print(f"  - {count} x {outcome}")
    try:
        log_visit(rep, rep_id, partner_ids[0])
        print("- a visit logged: ok (primary)")
    except RpcError as error:
        print(f"- a visit logged: {error}")
    if args.odoo_log:
        with open(args.odoo_log, encoding="utf-8", errors="replace") as log:
            log.seek(log_size)
            lines = [
                re.sub(r"^\S+ \S+ ", "", line.rstrip())
                for line in log
                if " WARNING " in line or " ERROR " in line
            ]
        print("- the server's log meanwhile:")
        for line in sorted(set(lines))[:12]:
            print(f"  - `{line[:220]}`")
    subprocess.run([replica_tool, "standby-start"], check=True)
    replica = connect(args, args.replica_port)
    settle()
    before_p, before_r = table_reads(primary), table_reads(replica)
    for _ in range(args.workers * 3):
        visits_done(manager, rep_id)
    settle()
    after_p, after_r = table_reads(primary), table_reads(replica)
    print(
        f"- standby started again: {args.workers * 3} dashboard calls scan "
        f"{after_p[0] - before_p[0]:.0f} times on the primary, "
        f"{after_r[0] - before_r[0]:.0f} on the replica (each worker keeps to the "
        "primary for 20 minutes after a failure, or until it is restarted)"
    )


# ----------------------------------------------------------------------
# load
# ----------------------------------------------------------------------
def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def load_check(args, created, started_at, log_size):
    # Nothing lost: every visit the server acknowledged is in the database,
    # no other one was made, and every client's figures equal a full
    # recomputation (rolled back).
    registry = registry_of(args)
    with registry.cursor() as cr:
        cr.execute(
            """SELECT count(*), count(*) FILTER (WHERE v.id = ANY(%s))
                 FROM solis_visit v JOIN res_users u ON u.id = v.create_uid
                WHERE u.login LIKE 'bench_rep_%%' AND v.create_date >= %s""",
            [created, started_at],
        )
        in_database, acknowledged = cr.fetchone()
        env = api.Environment(cr, SUPERUSER_ID, {})
        stale = env["res.partner"]._solis_fill_visit_figures()
        cr.rollback()
    retried = errors_logged = 0
    if args.odoo_log:
        with open(args.odoo_log, encoding="utf-8", errors="replace") as log:
            log.seek(log_size)
            for line in log:
                retried += "tries left" in line
                errors_logged += " ERROR " in line
    return (
        f"visits acknowledged {len(created)}, in the database {in_database} "
        f"(of them acknowledged {acknowledged}); clients' figures left stale "
        f"{stale}; concurrency retries in the server's log {retried}; ERROR "
        f"lines {errors_logged}"
    )


def print_load(args, results, elapsed, summary):
    mode = "replica" if args.replica else "primary only"
    for kind, rows in sorted(results.items()):
        latencies = [latency * 1000 for latency, error in rows if not error]
        errors = [error for _latency, error in rows if error]
        print(
            f"| {mode} | {args.reps} | {args.managers} | {kind} | {len(rows)} "
            f"| {len(rows) / elapsed:.1f}/s | {statistics.median(latencies) if latencies else float('nan'):.0f} ms "
            f"| {percentile(latencies, 0.95):.0f} ms | {len(errors)} |"
        )
        for error in sorted(set(errors))[:3]:
            print(f"|  |  |  | error: {error} |")
    print(f"\n{summary}; {elapsed:.0f} s")


def timed_call(results, lock, kind, func):
    """Call ``func``, keep its latency and error under ``kind``."""
    started = time.perf_counter()
    error = result = None
    try:
        result = func()
    except (RpcError, requests.RequestException) as exc:
        error = str(exc)[:120]
    with lock:
        results.setdefault(kind, []).append((time.perf_counter() - started, error))
    return result


def load(args):
    reps = bench_users(args)[: args.reps]
    if len(reps) < args.reps:
        raise SystemExit(f"only {len(reps)} bench reps: run setup --reps {args.reps}")
    primary = connect(args, args.db_port)
    started_at = sql(primary, "SELECT now() AT TIME ZONE 'UTC'")[0][0]
    log_size = os.path.getsize(args.odoo_log) if args.odoo_log else 0
    results = {}  # kind -> list of (latency, error)
    created = []
    lock = threading.Lock()
    timed = functools.partial(timed_call, results, lock)
    # Sessions first: logging in is not what is measured.
    clients = {login: Client(args.url, args.database, login) for _i, login, _p in reps}
    managers = [
        Client(args.url, args.database, "bench_manager") for _ in range(args.managers)
    ]
    deadline = time.monotonic() + args.seconds
    start = threading.Barrier(len(reps) + len(managers))

    def rep_loop(user_id, login, partner_ids):
        client = clients[login]
        start.wait()
        k = 0
        while time.monotonic() < deadline:
            visit_id = timed(
                "log a visit",
                functools.partial(
                    log_visit, client, user_id, partner_ids[k % len(partner_ids)]
                ),
            )
            if visit_id:
                with lock:
                    created.append(visit_id)
            k += 1
            time.sleep(args.think)

    def manager_loop(client):
        start.wait()
        while time.monotonic() < deadline:
            timed(
                "dashboard",
                lambda: client.call("solis.sales.dashboard", "get_dashboard"),
            )
            timed(
                "pivot",
                lambda: client.call(
                    "solis.visit.report",
                    "web_read_group",
                    [],
                    ["__count"],
                    ["user_id", "type_id"],
                    lazy=False,
                ),
            )
            time.sleep(args.think)

    threads = [threading.Thread(target=rep_loop, args=rep) for rep in reps] + [
        threading.Thread(target=manager_loop, args=(m,)) for m in managers
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began

    summary = load_check(args, created, started_at, log_size)
    print_load(args, results, elapsed, summary)


# ----------------------------------------------------------------------
# digest
# ----------------------------------------------------------------------
def check_digest_done(registry):
    with registry.cursor() as cr:
        cr.execute(
            "SELECT count(*) FROM res_users WHERE sales_digest_date IS NULL "
            "AND login LIKE 'bench_rep_%%'"
        )
        return not cr.fetchone()[0]


def digest(args):
    registry = registry_of(args)
    cron_xmlid = "solis_sales_process.ir_cron_sales_digest"
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cron = env.ref(cron_xmlid)
        code = cron.code
        cr.execute("SELECT now() AT TIME ZONE 'UTC'")
        started_at = cr.fetchone()[0]
        # Every rep gets his e-mail again today; small batches, so that the
        # job runs in several pieces which the two cron threads take in turn.
        cr.execute("UPDATE res_users SET sales_digest_date = NULL")
        cron.write(
            {
                "code": f"model._cron_send_sales_digest(batch_size={args.batch})",
                "nextcall": datetime.utcnow() - timedelta(seconds=1),
                "active": True,
            }
        )
        cr.execute(
            """SELECT count(*) FROM res_users u
                WHERE u.active AND NOT u.share AND u.is_sales_digest_enabled
                  AND EXISTS (SELECT 1 FROM res_groups_users_rel r
                               WHERE r.uid = u.id AND r.gid = %s)""",
            [env.ref("sales_team.group_sale_salesman").id],
        )
        recipients = cr.fetchone()[0]
        cron._trigger()
        cr.commit()
    log_size = os.path.getsize(args.odoo_log) if args.odoo_log else 0
    admin = Client(args.url, args.database, "admin", args.admin_password)
    manual = []
    deadline = time.monotonic() + args.timeout
    next_manual = time.monotonic() + args.manual_every
    while time.monotonic() < deadline:
        # "Run Manually" from the cron's form, while the cron threads run it.
        if time.monotonic() < next_manual:
            pass
        elif not check_digest_done(registry):
            next_manual = time.monotonic() + args.manual_every
            try:
                admin._rpc(
                    "/web/dataset/call_button",
                    {
                        "model": "ir.cron",
                        "method": "method_direct_trigger",
                        "args": [[cron.id]],
                        "kwargs": {},
                    },
                )
                manual.append("ran")
            except RpcError as error:
                manual.append(str(error)[:120])
        if check_digest_done(registry):
            break
        time.sleep(0.5)
    time.sleep(2)
    with registry.cursor() as cr:
        cr.execute(
            """SELECT m.res_id, count(*) FROM mail_mail mm
                 JOIN mail_message m ON m.id = mm.mail_message_id
                WHERE m.model = 'res.users' AND m.create_date >= %s
                  AND m.subject LIKE 'Your clients for%%'
             GROUP BY m.res_id""",
            [started_at],
        )
        mails = dict(cr.fetchall())
        cr.execute(
            "SELECT count(*) FROM res_users WHERE login LIKE 'bench_rep_%%' "
            "AND sales_digest_date IS NOT NULL"
        )
        handled = cr.fetchone()[0]
        env = api.Environment(cr, SUPERUSER_ID, {})
        env.ref(cron_xmlid).code = code
        cr.commit()
    pids = {}
    if args.odoo_log:
        with open(args.odoo_log, encoding="utf-8", errors="replace") as log:
            log.seek(log_size)
            for line in log:
                if "daily e-mail to the sales reps" in line and "processed" in line:
                    pid = line.split()[2]
                    done = int(re.search(r"processed (\d+)", line).group(1))
                    pids[pid] = pids.get(pid, 0) + done
    print(
        f"reps with the e-mail on: {recipients}; bench reps handled {handled}; "
        f"mails queued {sum(mails.values())} to {len(mails)} reps; most mails "
        f"to one rep: {max(mails.values(), default=0)}"
    )
    print(f"reps handled by each cron process (pid: reps): {pids}")
    print(
        "'Run Manually' meanwhile: "
        + ", ".join(f"{manual.count(m)} x {m}" for m in sorted(set(manual)))
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["setup", "demo", "load", "digest"])
    add_db_arguments(parser)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--replica-port", type=int, default=5433)
    parser.add_argument("--no-replica", dest="replica", action="store_false")
    parser.add_argument("--odoo-log", help="the server's log file, to read")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--managers", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--batch", type=int, default=5)
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("--manual-every", type=float, default=5.0)
    parser.add_argument("--admin-password", default="admin")
    args = parser.parse_args()
    {"setup": setup, "demo": demo, "load": load, "digest": digest}[args.command](args)


if __name__ == "__main__":
    main()
