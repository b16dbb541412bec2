"""Fill a database that has solis_sales_process installed with a large
company's history, in bulk SQL (INSERT ... SELECT generate_series).

Reference scale (--scale 1.0): 200 reps, 200,000 clients (a third prospects,
some of them without a rep), classes A/B/C, 50,000 contact persons,
2,000,000 visits over five years, about 300,000 quotations in every offer
status kind with renegotiation chains, their orders, and the follow-up
activities still open. The stored visit figures of the partners are then
filled in one SQL statement, by the addon's own method.

The run is repeatable: PostgreSQL's random() is seeded (--seed) and parallel
plans are switched off, so the same scale and seed give the same rows
(dates are relative to the day of the run).

    python3 bench/generate.py --database solis_bench --scale 0.01
    python3 bench/generate.py --database solis_bench_install --scale 1 --only partners
"""

import argparse
import time

from _odoo import add_db_arguments, open_registry

from odoo import SUPERUSER_ID, api

from odoo.addons.solis_sales_process.models.sale_order import fill_offer_chain_dates
from odoo.addons.solis_sales_process.models.solis_offer_status import (
    OFFER_STATUS_KINDS,
)
from odoo.addons.solis_sales_process.models.solis_visit_import import (
    fill_latest_offer_dates,
)

YEARS = 5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--seed", type=float, default=0.42, help="-1 to 1")
    parser.add_argument(
        "--only",
        choices=["partners"],
        help="partners only (and their reps), for the install benchmark",
    )
    parser.add_argument(
        "--resume-at-offers",
        action="store_true",
        help="finish a build interrupted after its visits",
    )
    add_db_arguments(parser)
    return parser.parse_args()


class Generator:
    def __init__(self, env, scale, seed):
        self.env = env
        self.cr = env.cr
        self.scale = scale
        self.seed = seed
        self.n_reps = max(2, round(200 * scale))
        self.n_clients = max(10, round(200_000 * scale))
        self.n_contacts = self.n_clients // 4
        self.n_visits = round(2_000_000 * scale)
        self.n_offers = round(300_000 * scale)
        self.rep_ids = []

    # -- helpers ---------------------------------------------------------
    def sql(self, query, params=None):
        self.cr.execute(query, params)
        return self.cr.rowcount

    def reseed(self, step):
        # One seed per step: a step gives the same rows whatever ran before.
        self.sql("SELECT setseed(%s)", [((self.seed + step * 0.0123) % 2) - 1])

    def step(self, label, function):
        started = time.monotonic()
        count = function()
        self.cr.commit()
        print(
            f"{label:<28} {count:>9} rows {time.monotonic() - started:7.1f} s",
            flush=True,
        )

    def xmlid(self, xmlid):
        return self.env.ref(xmlid).id

    # -- the data --------------------------------------------------------
    def run(self, partners_only=False, resume_at_offers=False):
        """Each step is committed: a build interrupted after the visits is
        finished with --resume-at-offers."""
        self.sql("SET max_parallel_workers_per_gather = 0")
        self.sql("SET synchronous_commit = off")
        self.step("reps (res.users)", self.make_reps)
        if not resume_at_offers:
            self.step("clients (res.partner)", self.make_clients)
            self.step("contact persons", self.make_contacts)
        if not partners_only:
            if not resume_at_offers:
                self.step("visits", self.make_visits)
                self.step("follow-up activities", self.make_activities)
            self.step("offers (sale.order)", self.make_offers)
            self.step("renegotiated versions", self.make_versions)
            self.step("partner figures (SQL)", self.fill_figures)
            self.step("partner offer stages (SQL)", self.fill_offer_stages)
            self.step(
                "offers' first version dates, visits' latest offer dates (SQL)",
                self.fill_offer_dates,
            )
        self.step("analyze (tables)", self.analyze)

    def make_reps(self):
        company = self.env.company
        groups = [
            self.xmlid("base.group_user"),
            self.xmlid("sales_team.group_sale_salesman"),
        ]
        Users = (
            self.env["res.users"]
            .with_context(no_reset_password=True, tracking_disable=True)
            .sudo()
        )
        existing = Users.search([("login", "=like", "bench.rep.%")])
        missing = [
            {
                "name": f"Bench Rep {index:03d}",
                "login": f"bench.rep.{index:03d}",
                "email": f"bench.rep.{index:03d}@example.com",
                "tz": ("Europe/Bucharest", "UTC", "Europe/Paris")[index % 3],
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "groups_id": [(6, 0, groups)],
            }
            for index in range(1, self.n_reps + 1)
            if f"bench.rep.{index:03d}" not in set(existing.mapped("login"))
        ]
        users = existing | Users.create(missing)
        self.env.flush_all()
        self.rep_ids = sorted(users.ids)[: self.n_reps]
        return len(missing)

    def has_addon(self):
        return "is_prospect" in self.env["res.partner"]._fields

    def make_clients(self):
        """Companies; without the addon installed (the install benchmark),
        only Odoo's own columns are filled."""
        self.reseed(1)
        addon_columns, addon_values, params = "", "", {}
        if self.has_addon():
            addon_columns = "is_prospect, client_class_id, user_assigned_date,"
            addon_values = """
                   g.r1 < 1 / 3.0,
                   CASE WHEN g.r4 < 0.05 THEN %(a)s WHEN g.r4 < 0.20 THEN %(b)s
                        WHEN g.r4 < 0.50 THEN %(c)s END,
                   CASE WHEN g.r1 < 1 / 3.0 AND g.r3 < 0.2 THEN NULL
                        WHEN g.r1 >= 1 / 3.0 AND g.r3 < 0.02 THEN NULL
                        ELSE now() at time zone 'UTC'
                             - g.r6 * interval '%(years)s years' END,"""
            params = {
                key: self.xmlid(f"solis_sales_process.client_class_{key}")
                for key in ("a", "b", "c")
            }
        count = self.sql(
            f"""
            INSERT INTO res_partner (
                name, complete_name, is_company, active, type, lang, email, phone,
                city, user_id, {addon_columns} customer_rank, supplier_rank,
                autopost_bills, create_date, write_date, create_uid, write_uid)
            SELECT 'Bench Client ' || g.i, 'Bench Client ' || g.i, TRUE, TRUE,
                   'contact', 'en_US', 'client' || g.i || '@bench.example.com',
                   '+40 7' || lpad(g.i::text, 8, '0'),
                   (ARRAY['Bucuresti', 'Cluj', 'Iasi', 'Timisoara', 'Brasov'])
                       [1 + floor(g.r5 * 5)::int],
                   CASE WHEN g.r1 < 1 / 3.0 AND g.r3 < 0.2 THEN NULL
                        WHEN g.r1 >= 1 / 3.0 AND g.r3 < 0.02 THEN NULL
                        ELSE (%(reps)s::int[])[1 + floor(g.r2 * %(n_reps)s)::int]
                   END, {addon_values}
                   CASE WHEN g.r1 < 1 / 3.0 THEN 0 ELSE 1 END, 0,
                   'ask', now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
              FROM (SELECT i, random() r1, random() r2, random() r3, random() r4,
                           random() r5, random() r6
                      FROM generate_series(1, %(n)s) i) g
            """,
            dict(
                params,
                reps=self.rep_ids,
                n_reps=len(self.rep_ids),
                years=YEARS,
                n=self.n_clients,
            ),
        )
        self.sql(
            """
            UPDATE res_partner SET commercial_partner_id = id
             WHERE name LIKE 'Bench Client %%' AND commercial_partner_id IS NULL
            """
        )
        addon = "client_class_id, is_prospect"
        if not self.has_addon():
            addon = "NULL::int AS client_class_id, customer_rank = 0 AS is_prospect"
        self.sql("DROP TABLE IF EXISTS bench_client")
        self.sql(
            f"""
            CREATE TEMP TABLE bench_client AS
            SELECT row_number() OVER (ORDER BY id) AS rn, id, user_id, {addon}
              FROM res_partner WHERE name LIKE 'Bench Client %%'
               AND parent_id IS NULL
            """
        )
        self.sql("CREATE UNIQUE INDEX ON bench_client (rn)")
        return count

    def make_contacts(self):
        self.reseed(2)
        return self.sql(
            """
            INSERT INTO res_partner (
                name, complete_name, parent_id, commercial_partner_id, is_company,
                active, type, lang, email, phone, user_id, customer_rank,
                supplier_rank, autopost_bills, create_date, write_date, create_uid,
                write_uid)
            SELECT 'Bench Contact ' || g.i, 'Bench Contact ' || g.i, c.id, c.id,
                   FALSE, TRUE, 'contact', 'en_US',
                   'contact' || g.i || '@bench.example.com',
                   '+40 2' || lpad(g.i::text, 8, '0'), c.user_id, 0, 0, 'ask',
                   now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
              FROM (SELECT i, random() r FROM generate_series(1, %(n)s) i) g
              JOIN bench_client c ON c.rn = 1 + floor(g.r * %(clients)s)::int
            """,
            {"n": self.n_contacts, "clients": self.n_clients},
        )

    def make_visits(self):
        self.reseed(3)
        # Half of the prospects and 5 % of the clients were never contacted.
        self.sql("DROP TABLE IF EXISTS bench_visited")
        self.sql(
            """
            CREATE TEMP TABLE bench_visited AS
            SELECT row_number() OVER (ORDER BY id) AS rn, id, user_id, client_class_id,
                   is_prospect
              FROM bench_client
             WHERE (is_prospect AND random() >= 0.5)
                OR (NOT is_prospect AND random() >= 0.05)
            """
        )
        self.sql("CREATE UNIQUE INDEX ON bench_visited (rn)")
        self.cr.execute("SELECT count(*) FROM bench_visited")
        n_visited = self.cr.fetchone()[0]
        types = [
            self.xmlid(f"solis_sales_process.visit_type_{name}")
            for name in ("phone", "premises", "telepresence", "offer_request")
        ]
        statuses = [
            self.xmlid(f"solis_sales_process.visit_status_{name}")
            for name in ("initial_contact", "contact", "offer", "offer_followup")
        ]
        # Some clients have a long history: the partner is drawn with a skew.
        return self.sql(
            """
            INSERT INTO solis_visit (
                name, partner_id, user_id, company_id, visit_date, type_id,
                status_id, status_kind, state, duration, client_class_id,
                client_was_prospect, next_contact_date, is_followup_done, checkin_status,
                create_date, write_date, create_uid, write_uid)
            SELECT NULL, p.id,
                   COALESCE(CASE WHEN g.rf < 0.9 THEN p.user_id END,
                            (%(reps)s::int[])[1 + floor(g.rg * %(n_reps)s)::int]),
                   %(company)s, g.visit_date,
                   (%(types)s::int[])[CASE WHEN g.rd < 0.5 THEN 1 WHEN g.rd < 0.75 THEN 2
                                           WHEN g.rd < 0.9 THEN 3 ELSE 4 END],
                   (%(statuses)s::int[])[g.status],
                   (ARRAY['initial_contact', 'contact', 'offer', 'offer_followup'])
                       [g.status],
                   CASE WHEN g.visit_date > g.now THEN 'planned'
                        WHEN g.rc < 0.05 THEN 'cancelled'
                        WHEN g.visit_date > g.now - interval '10 days'
                             AND g.rc < 0.3 THEN 'planned'
                        ELSE 'done' END,
                   round((0.25 + g.rc * 2)::numeric, 2), p.client_class_id,
                   p.is_prospect,
                   CASE WHEN g.rh < 0.15
                        THEN g.visit_date::date + 7 + floor(g.rh * 160)::int END,
                   g.visit_date::date + 7 + floor(g.rh * 160)::int
                       < current_date - 7,
                   -- Visits at the premises of the last year were checked in:
                   -- most on site, some away, the rest without a position.
                   CASE WHEN g.rd >= 0.5 AND g.rd < 0.75 AND g.rc >= 0.05
                             AND g.visit_date < g.now - interval '10 days'
                             AND g.visit_date > g.now - interval '1 year'
                        THEN CASE WHEN g.rh < 0.7 THEN 'verified'
                                  WHEN g.rh < 0.85 THEN 'away'
                                  ELSE 'no_position' END
                        ELSE 'no_position' END,
                   g.visit_date, g.visit_date, 1, 1
              FROM (SELECT i, random() ra, random() rc, random() rd, random() rf,
                           random() rg, random() rh,
                           1 + floor(random() * 4)::int AS status,
                           now() at time zone 'UTC' AS now,
                           date_trunc('day', now() at time zone 'UTC')
                             - floor((random() - 0.01) * 365.25 * %(years)s)
                               * interval '1 day'
                             + (7 + floor(random() * 10)) * interval '1 hour'
                             + floor(random() * 4) * interval '15 minutes'
                             AS visit_date
                      FROM generate_series(1, %(n)s) i) g
              JOIN bench_visited p
                ON p.rn = 1 + floor(power(g.ra, 1.6) * %(n_visited)s)::int
            """,
            {
                "reps": self.rep_ids,
                "n_reps": len(self.rep_ids),
                "company": self.env.company.id,
                "types": types,
                "statuses": statuses,
                "years": YEARS,
                "n": self.n_visits,
                "n_visited": n_visited,
            },
        )

    def make_activities(self):
        activity_type = self.xmlid("solis_sales_process.mail_activity_type_followup")
        model_id = self.env["ir.model"]._get_id("solis.visit")
        return self.sql(
            """
            INSERT INTO mail_activity (
                res_model_id, res_model, res_id, res_name, activity_type_id,
                user_id, date_deadline, summary, automated, active,
                create_date, write_date, create_uid, write_uid)
            SELECT %(model_id)s, 'solis.visit', v.id, p.name, %(type)s, v.user_id,
                   v.next_contact_date, 'Contact ' || p.name, TRUE, TRUE,
                   v.create_date, v.create_date, 1, 1
              FROM solis_visit v JOIN res_partner p ON p.id = v.partner_id
             WHERE v.next_contact_date IS NOT NULL AND NOT v.is_followup_done
               AND v.state != 'cancelled'
            """,
            {"model_id": model_id, "type": activity_type},
        )

    def offer_statuses(self):
        return {
            kind: self.xmlid(f"solis_sales_process.offer_status_{kind}")
            for kind, _label in OFFER_STATUS_KINDS
        }

    # The final status of an offer: kind, state, from a random number r.
    FINAL_STATUS = """
        CASE WHEN {r} < 0.15 THEN 'initiated' WHEN {r} < 0.25 THEN 'confirmed'
             WHEN {r} < 0.35 THEN 'followup' WHEN {r} < 0.70 THEN 'accepted'
             WHEN {r} < 0.85 THEN 'rejected' WHEN {r} < 0.92 THEN 'postponed'
        END
    """

    def offer_insert(self, source):
        """INSERT of sale orders from ``source`` rows (partner_id, user_id,
        created, r, reason, previous_id, origin_id, version, amount)."""
        kind = self.FINAL_STATUS.format(r="s.r")
        return f"""
            INSERT INTO sale_order (
                name, partner_id, partner_invoice_id, partner_shipping_id,
                company_id, currency_id, currency_rate, date_order, state, user_id,
                offer_status_id, offer_status_kind, rejection_reason_id,
                postponed_until, amount_untaxed, amount_tax, amount_total,
                offer_version, previous_offer_id, offer_origin_id, offer_date,
                create_date, write_date, create_uid, write_uid)
            SELECT 'BQ' || lpad(nextval('bench_offer_seq')::text, 7, '0'),
                   s.partner_id, s.partner_id, s.partner_id, %(company)s,
                   %(currency)s, 1.0,
                   CASE WHEN k.kind = 'accepted'
                        THEN s.created + s.r * interval '60 days' ELSE s.created END,
                   CASE WHEN k.kind = 'accepted' THEN 'sale'
                        WHEN k.kind = 'rejected' THEN 'cancel'
                        WHEN k.kind IS NULL THEN 'draft' ELSE 'sent' END,
                   s.user_id, (%(statuses)s::jsonb ->> k.kind)::int, k.kind,
                   CASE WHEN k.kind = 'rejected' THEN s.reason END,
                   CASE WHEN k.kind = 'postponed'
                        THEN s.created::date + 30 END,
                   s.amount, round(s.amount * 0.19, 2), round(s.amount * 1.19, 2),
                   s.version, s.previous_id, s.origin_id, s.created, s.created,
                   s.created, 1, 1
              FROM ({source}) s
              CROSS JOIN LATERAL (SELECT {kind} AS kind) k
        """

    def make_offers(self):
        import json

        self.reseed(4)
        self.sql("DROP SEQUENCE IF EXISTS bench_offer_seq")
        self.sql("CREATE SEQUENCE bench_offer_seq")
        self.offer_params = {
            "company": self.env.company.id,
            "currency": self.env.company.currency_id.id,
            "statuses": json.dumps(self.offer_statuses()),
        }
        reasons = self.env["solis.offer.rejection.reason"].search([]).ids
        first_versions = round(self.n_offers / 1.15)
        # Offers come from done visits; one in ten goes to a contact person.
        self.sql("DROP TABLE IF EXISTS bench_offer_visit")
        self.sql(
            """
            CREATE TEMP TABLE bench_offer_visit AS
            SELECT picked.*,
                   picked.visit_date + random() * interval '5 days' AS created,
                   random() AS r, random() AS r2,
                   round((100 + random() * 20000)::numeric, 2) AS amount
              FROM (SELECT v.id AS visit_id, v.partner_id AS client_id, v.user_id,
                           v.visit_date
                      FROM solis_visit v
                     WHERE v.state = 'done' AND v.name IS NULL
                     ORDER BY random() LIMIT %s) picked
            """,
            [first_versions],
        )
        self.sql("DROP TABLE IF EXISTS bench_first_contact")
        self.sql(
            """
            CREATE TEMP TABLE bench_first_contact AS
            SELECT parent_id AS client_id, min(id) AS contact_id FROM res_partner
             WHERE parent_id IS NOT NULL GROUP BY parent_id
            """
        )
        source = f"""
            SELECT COALESCE(CASE WHEN b.r2 < 0.1 THEN fc.contact_id END,
                            b.client_id) AS partner_id,
                   b.user_id, b.created, b.r,
                   (%(reasons)s::int[])[1 + floor(b.r2 * {len(reasons)})::int]
                       AS reason,
                   NULL::int AS previous_id, NULL::int AS origin_id, 1 AS version,
                   b.amount, b.visit_id
              FROM bench_offer_visit b
              LEFT JOIN bench_first_contact fc ON fc.client_id = b.client_id
             ORDER BY b.visit_id
        """
        count = self.sql(
            self.offer_insert(source) + " RETURNING id",
            dict(self.offer_params, reasons=reasons),
        )
        self.sql(
            """
            INSERT INTO solis_visit_sale_order_rel (visit_id, order_id)
            SELECT b.visit_id, so.id
              FROM bench_offer_visit b
              JOIN sale_order so ON so.create_date = b.created
               AND so.user_id = b.user_id AND so.offer_version = 1
               AND so.name LIKE 'BQ%%'
            ON CONFLICT DO NOTHING
            """
        )
        self.reasons = reasons
        return count

    def make_versions(self):
        """One offer in eight is renegotiated, one version in five of those
        once more: chains of two and three versions."""
        total = 0
        renegotiated = self.offer_statuses()["renegotiated"]
        for round_, share in ((5, 8), (6, 5)):
            self.reseed(round_)
            version = round_ - 3
            source = f"""
                SELECT so.partner_id, so.user_id,
                       so.create_date + (1 + random() * 20) * interval '1 day'
                           AS created,
                       random() AS r,
                       (%(reasons)s::int[])[1 + floor(random()
                           * {len(self.reasons)})::int] AS reason,
                       so.id AS previous_id, COALESCE(so.offer_origin_id, so.id)
                           AS origin_id,
                       {version} AS version,
                       round((so.amount_untaxed * (0.8 + random() * 0.15))::numeric, 2) AS amount
                  FROM sale_order so
                 WHERE so.name LIKE 'BQ%%' AND so.offer_version = {version - 1}
                   AND so.id %% {share} = 0
                   AND so.create_date < now() at time zone 'UTC' - interval '21 days'
                 ORDER BY so.id
            """
            total += self.sql(
                self.offer_insert(source), dict(self.offer_params, reasons=self.reasons)
            )
            self.sql(
                """
                UPDATE sale_order so
                   SET offer_status_id = %s, offer_status_kind = 'renegotiated',
                       state = 'cancel', rejection_reason_id = NULL,
                       postponed_until = NULL, date_order = so.create_date
                  FROM sale_order nxt
                 WHERE nxt.previous_offer_id = so.id AND nxt.offer_version = %s
                """,
                [renegotiated, version],
            )
            self.sql(
                """
                INSERT INTO solis_visit_sale_order_rel (visit_id, order_id)
                SELECT rel.visit_id, nxt.id
                  FROM sale_order nxt
                  JOIN solis_visit_sale_order_rel rel
                    ON rel.order_id = nxt.previous_offer_id
                 WHERE nxt.offer_version = %s
                ON CONFLICT DO NOTHING
                """,
                [version],
            )
        # A client who ordered is no longer a prospect.
        self.sql(
            """
            UPDATE res_partner p SET is_prospect = FALSE, customer_rank = 1
             WHERE p.is_prospect AND EXISTS (
                   SELECT 1 FROM sale_order so JOIN res_partner sp
                     ON sp.id = so.partner_id
                    WHERE sp.commercial_partner_id = p.id AND so.state = 'sale')
            """
        )
        return total

    def fill_figures(self):
        return self.env["res.partner"]._solis_fill_visit_figures()

    def fill_offer_stages(self):
        return self.env["res.partner"]._solis_fill_offer_stage()

    def fill_offer_dates(self):
        return fill_offer_chain_dates(self.env.cr) + fill_latest_offer_dates(self.env)

    def analyze(self):
        tables = ["res_partner", "res_users", "sale_order", "mail_activity"]
        if self.has_addon():
            tables += ["solis_visit", "solis_visit_sale_order_rel"]
        for table in tables:
            self.sql(f"ANALYZE {table}")
        return len(tables)


def main():
    args = parse_args()
    registry = open_registry(args)
    started = time.monotonic()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Generator(env, args.scale, args.seed).run(
            partners_only=args.only == "partners",
            resume_at_offers=args.resume_at_offers,
        )
    print(f"{'total':<28} {'':>9}      {time.monotonic() - started:7.1f} s")


if __name__ == "__main__":
    main()
