from collections import Counter
from datetime import timedelta
from urllib.parse import quote_plus

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .solis_sales_review import day_start_utc, solis_today, solis_tz

# A rep with years of forgotten follow-ups still gets a readable day: the
# rest is counted and listed in the visits' activity view.
MY_DAY_LIMIT = 60


class SolisMyDay(models.AbstractModel):
    """Where a rep starts his day: his planned visits and the follow-ups due,
    overdue first, each with what he needs to reach the client. It reads
    and writes nothing else: opening it creates no record."""

    _name = "solis.my.day"
    _description = "My Day"

    @api.model
    @api.readonly
    def get_my_day(self):
        """The rep's visits to make and follow-ups due by the end of his day.

        :return: ``{"today", "items", "more", "more_domain", "is_home"}``; ``items`` sorted
            overdue first, then today's (planned visits by hour first)
        """
        # A portal user, who may not read visits, has no day here.
        self.env["solis.visit"].check_access("read")
        tz, today = solis_tz(self.env), self._today()
        planned, planned_count = self._planned_items(tz, today)
        followups, followup_count = self._followup_items(today)
        items = planned + followups
        items.sort(
            key=lambda item: (
                item["days_late"] <= 0,
                item["due"],
                item["kind"] != "planned",
                item["visit_date"] if item["kind"] == "planned" else "",
                item["client"]["name"],
            )
        )
        shown = items[:MY_DAY_LIMIT]
        self._add_client_details(shown)
        return {
            "today": fields.Date.to_string(today),
            "items": shown,
            "more": max(planned_count + followup_count - len(shown), 0),
            "more_domain": [
                "|",
                ("my_activity_date_deadline", "<=", fields.Date.to_string(today)),
                "&",
                ("user_id", "=", self.env.uid),
                "&",
                ("state", "=", "planned"),
                (
                    "visit_date",
                    "<",
                    fields.Datetime.to_string(
                        day_start_utc(tz, today + timedelta(days=1))
                    ),
                ),
            ],
            "is_home": self.env.user.action_id.id == self._my_day_action().id,
        }

    def _today(self):
        """The day shown: the user's today, or the context's ``solis_today``
        checked as the dashboard checks its day."""
        review = self.env["solis.sales.review"]
        try:
            review._strict_date(self.env.context.get("solis_today") or None)
        except (TypeError, ValueError) as error:
            raise UserError(
                self.env._("The day must be given as a date (YYYY-MM-DD).")
            ) from error
        today = solis_today(self.env)
        review._check_day_in_range(today)
        return today

    def _my_day_action(self):
        return self.env.ref("solis_sales_process.solis_my_day_action")

    def _planned_items(self, tz, today):
        domain = [
            ("user_id", "=", self.env.uid),
            ("state", "=", "planned"),
            ("visit_date", "<", day_start_utc(tz, today + timedelta(days=1))),
        ]
        Visit = self.env["solis.visit"]
        visits = Visit.search(domain, order="visit_date, id", limit=MY_DAY_LIMIT)
        items = []
        for visit in visits:
            day = pytz.utc.localize(visit.visit_date).astimezone(tz).date()
            items.append(
                self._item(
                    visit,
                    "planned",
                    day,
                    (today - day).days,
                    visit.name or visit.type_id.name,
                )
            )
        count = (
            len(visits) if len(visits) < MY_DAY_LIMIT else Visit.search_count(domain)
        )
        return items, count

    def _followup_items(self, today):
        domain = [
            ("user_id", "=", self.env.uid),
            ("res_model", "=", "solis.visit"),
            (
                "activity_type_id",
                "=",
                self.env.ref("solis_sales_process.mail_activity_type_followup").id,
            ),
            ("date_deadline", "<=", today),
        ]
        Activity = self.env["mail.activity"]
        activities = Activity.search(
            domain, order="date_deadline, id", limit=MY_DAY_LIMIT
        )
        # Those of visits the rep may no longer read (a client moved to
        # another rep) are left out.
        visits = self.env["solis.visit"].search(
            [("id", "in", activities.mapped("res_id"))]
        )
        visits_by_id = {visit.id: visit for visit in visits}
        items = []
        for activity in activities:
            visit = visits_by_id.get(activity.res_id)
            if visit:
                items.append(
                    self._item(
                        visit,
                        "followup",
                        activity.date_deadline,
                        (today - activity.date_deadline).days,
                        activity.summary or visit.next_contact_note,
                    )
                )
        count = (
            len(items)
            if len(activities) < MY_DAY_LIMIT
            else Activity.search_count(domain) - (len(activities) - len(items))
        )
        return items, count

    def _item(self, visit, kind, day, days_late, what):
        return {
            "key": f"{kind}-{visit.id}",
            "kind": kind,
            "visit_id": visit.id,
            "visit_date": fields.Datetime.to_string(visit.visit_date),
            "due": fields.Date.to_string(day),
            "days_late": days_late,
            "what": what or "",
            "contact": visit.contact_id.name or "",
            "client": {"id": visit.partner_id.id, "name": visit.partner_id.name or ""},
            "_contact": visit.contact_id,
        }

    def _add_client_details(self, items):
        """Phone, address, last contact and open offers of the clients, with
        one read of the offers for all of them."""
        clients = self.env["res.partner"].browse(
            {item["client"]["id"] for item in items}
        )
        offers = self.env["sale.order"].search(
            [
                ("partner_id", "child_of", clients.ids),
                ("is_open_offer", "=", True),
            ]
        )
        open_offers = Counter(offers.partner_id.commercial_partner_id.ids)
        for item in items:
            contact = item.pop("_contact")
            client = clients.browse(item["client"]["id"])
            address = ", ".join(
                line.strip()
                for line in client._display_address(without_company=True).split("\n")
                if line.strip()
            )
            item["client"].update(
                {
                    "phone": self._phone(contact, client),
                    "address": address,
                    "map_url": self._map_url(client, address),
                    "last_contact": fields.Datetime.to_string(client.last_contact_date)
                    if client.last_contact_date
                    else False,
                    "open_offers": open_offers[client.id],
                }
            )

    @staticmethod
    def _phone(contact, client):
        for partner in (contact, client):
            if partner.mobile or partner.phone:
                return partner.mobile or partner.phone
        return ""

    @staticmethod
    def _map_url(client, address):
        """Where the client is on OpenStreetMap, which every phone opens in
        its browser: his coordinates when known, else his address."""
        if client.partner_latitude or client.partner_longitude:
            lat, lon = client.partner_latitude, client.partner_longitude
            return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
        if address:
            return f"https://www.openstreetmap.org/search?query={quote_plus(address)}"
        return ""

    @api.model
    def action_make_my_home(self):
        """Open My Day when the user logs in, instead of Discuss."""
        user = self.env.user
        if user.share:
            raise AccessError(self.env._("Only internal users have a home page here."))
        self.env["solis.visit"].check_access("read")
        # action_id is one of the fields a user may write on himself.
        user.write({"action_id": self._my_day_action().id})
        return True
