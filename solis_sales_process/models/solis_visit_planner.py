import logging
from datetime import time, timedelta

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.clock import local_day, local_to_utc, timezone
from .res_partner import MAX_VISIT_RECURRENCE

_logger = logging.getLogger(__name__)

# Planned this many days before the class's interval runs out, so that the
# rep has a week to fit the visit in (half the interval when it is short).
COVERAGE_LEAD_DAYS = 7
# The hour of the rep's day a planned visit starts at.
PLANNED_HOUR = 9
PLANNING_SETTING = "solis_sales_process.plan_important_visits"
# What refuses one client's planned visit: his data, not the job's.
PLANNING_ERRORS = (UserError, ValueError, OverflowError, psycopg2.DataError)


class SolisVisitPlanner(models.AbstractModel):
    """Plans the next visit of the clients who should have one: those given
    a recurrence, and (when the setting is on) the clients of an important
    class, before their class's interval runs out."""

    _name = "solis.visit.planner"
    _description = "Visit Planner"

    @api.model
    def _coverage_planning_enabled(self):
        # sudo: a system parameter, read for every rep alike.
        value = self.env["ir.config_parameter"].sudo().get_param(PLANNING_SETTING)
        return value not in (False, "", "False", "0")

    @api.model
    def _clients_to_plan_query(self, coverage, limit=None):
        """The clients with a rep and no planned visit who need one, with
        what dates their next visit; ``total`` is how many there are in all,
        whatever ``limit`` keeps."""
        return SQL(
            """
            SELECT p.id AS partner_id, p.user_id,
                   COALESCE(p.company_id, c.company_id, u.company_id) AS company_id,
                   p.last_visit_date,
                   p.visit_recurrence_interval, p.visit_recurrence_unit,
                   CASE WHEN %(coverage)s AND c.is_important AND c.active
                        THEN c.visit_interval_days END AS coverage_days,
                   up.tz, count(*) OVER () AS total
              FROM res_partner p
              JOIN res_users u ON u.id = p.user_id AND u.active AND NOT u.share
              JOIN res_partner up ON up.id = u.partner_id
              LEFT JOIN solis_client_class c ON c.id = p.client_class_id
             WHERE p.parent_id IS NULL AND p.active
               AND (p.visit_recurrence_interval > 0
                    OR (%(coverage)s AND c.is_important AND c.active))
               AND NOT EXISTS (SELECT 1 FROM solis_visit v
                                WHERE v.partner_id = p.id AND v.state = 'planned')
             ORDER BY p.id
             %(limit)s
            """,
            coverage=bool(coverage),
            limit=SQL("LIMIT %s", limit) if limit else SQL(""),
        )

    @api.model
    def _count_clients_to_plan(self, coverage=True):
        """How many clients the next run would plan a visit for: what the
        settings show before the administrator turns planning on."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM (%s) clients",
                self._clients_to_plan_query(coverage),
            )
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _next_visit_day(self, row, today):
        """The day of the client's next visit: the earlier of his recurrence
        and his class's target, never before today.

        :return: (the day, whether his recurrence set it)
        """
        tz = timezone(row["tz"])
        last = row["last_visit_date"]
        last_visit_day = last and local_day(tz, last)
        candidates = []
        interval = row["visit_recurrence_interval"]
        if interval and interval > 0:
            step = (
                relativedelta(months=interval)
                if row["visit_recurrence_unit"] == "month"
                else relativedelta(weeks=interval)
            )
            candidates.append((last_visit_day + step if last_visit_day else today, 0))
        days = row["coverage_days"]
        if days:
            lead = min(COVERAGE_LEAD_DAYS, days // 2)
            due = (
                last_visit_day + timedelta(days=days - lead)
                if last_visit_day
                else today
            )
            candidates.append((due, 1))
        day, rule = min(candidates)
        day = max(day, today)
        # Reps visit clients on working days.
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        return day, rule == 0

    def _planned_visit_type(self):
        """The type of the planned visits (met in person): the shipped one,
        else the first shared one."""
        Type = self.env["solis.visit.type"]
        visit_type = self.env.ref(
            "solis_sales_process.visit_type_premises", raise_if_not_found=False
        )
        if not visit_type or not visit_type.active or visit_type.company_id:
            visit_type = Type.search(
                [("company_id", "=", False), ("is_in_person", "=", True)], limit=1
            ) or Type.search([("company_id", "=", False)], limit=1)
        return visit_type

    @api.model
    def _plan_visits(self, limit=None):
        """Plan the next visit of up to ``limit`` clients who need one: one
        read of the clients, one creation of all their visits.

        :return: (the visits planned, how many clients still need one)
        """
        self.env.flush_all()
        self.env.cr.execute(
            self._clients_to_plan_query(self._coverage_planning_enabled(), limit)
        )
        rows = self.env.cr.dictfetchall()
        if not rows:
            return self.env["solis.visit"], 0
        visit_type = self._planned_visit_type()
        if not visit_type:
            return self.env["solis.visit"], 0
        now = fields.Datetime.now()
        names = {
            True: self.env._("Recurring visit"),
            False: self.env._("Visit within the class's interval"),
        }
        reps = {}
        vals_list = []
        for row in rows:
            try:
                values = self._planned_visit_values(row, now, reps)
            except (ValueError, OverflowError) as error:
                self._skip(row, error)
                continue
            recurring = values.pop("recurring")
            vals_list.append(
                {**values, "type_id": visit_type.id, "name": names[recurring]}
            )
        visits = self._create_planned_visits(vals_list)
        return visits, rows[0]["total"] - len(rows)

    @api.model
    def _planned_visit_values(self, row, now, reps):
        """The planned visit of one client's row; ``reps`` caches whether
        each rep may hold visits of each company.

        :raise ValueError, OverflowError: the row cannot be
            planned (its rep may not hold the visit, its date is out of the
            calendar)
        """
        key = (row["user_id"], row["company_id"])
        if key not in reps:
            rep = self.env["res.users"].browse(row["user_id"])
            company = self.env["res.company"].browse(row["company_id"])
            reps[key] = rep._solis_is_sales_rep_of(company)
        if not reps[key]:
            raise ValueError("the client's rep has no sales rights in its company")
        longest = MAX_VISIT_RECURRENCE.get(
            row["visit_recurrence_unit"], MAX_VISIT_RECURRENCE["week"]
        )
        if (row["visit_recurrence_interval"] or 0) > longest:
            raise ValueError("the recurrence is longer than the longest allowed")
        tz = timezone(row["tz"])
        today = local_day(tz, now)
        day, recurring = self._next_visit_day(row, today)
        return {
            "partner_id": row["partner_id"],
            "user_id": row["user_id"],
            "company_id": row["company_id"],
            "state": "planned",
            "visit_date": local_to_utc(tz, day, time(PLANNED_HOUR)),
            # The status (initial contact or contact) is the one every new
            # visit gets from the client's history.
            "recurring": recurring,
        }

    @api.model
    def _skip(self, row, error):
        """One client that cannot be planned is logged for the administrator
        and left out; the others are planned all the same."""
        _logger.warning(
            "The visit planner skipped client %s: %s", row["partner_id"], error
        )

    @api.model
    def _create_planned_visits(self, vals_list):
        """Create the visits together; if that fails, one by one, so that one
        client's refusal keeps no other from being planned."""
        # Planned by the addon in bulk: no note is logged on each, and the
        # reps are not subscribed one visit at a time (the visits are in
        # their lists, calendars and daily e-mail).
        Visit = self.env["solis.visit"].sudo().with_context(tracking_disable=True)
        if not vals_list:
            return Visit.browse()
        try:
            with self.env.cr.savepoint():
                return Visit.create(vals_list)
        except PLANNING_ERRORS as error:
            _logger.info(
                "The visit planner plans its batch client by client: %s", error
            )
        visits = Visit.browse()
        for values in vals_list:
            try:
                with self.env.cr.savepoint():
                    visits |= Visit.create([values])
            except PLANNING_ERRORS as error:
                self._skip(values, error)
        return visits

    @api.model
    def _cron_plan_visits(self, batch_size=1000):
        """Plan the next visit of every client who needs one, in batches:
        Odoo's cron commits each and calls the job again while ``remaining``
        is not zero; a client planned in a committed batch is not planned
        twice (he has a planned visit)."""
        visits, remaining = self._plan_visits(limit=batch_size)
        self.env["ir.cron"]._notify_progress(done=len(visits), remaining=remaining)
