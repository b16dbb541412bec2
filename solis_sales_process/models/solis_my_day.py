from collections import Counter
from datetime import timedelta
from urllib.parse import quote_plus

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.clock import asked_day, day_start_utc, local_day, user_tz
from ..tools.compat import contact_phone

# A rep with years of forgotten follow-ups still gets a readable day: the
# rest is counted and listed in the visits' activity view.
MY_DAY_LIMIT = 60
# The follow-ups a rep is reminded of: a visit's next contact and a
# postponed offer's day.
FOLLOWUP_ACTIVITY_TYPES = (
    "solis_sales_process.mail_activity_type_followup",
    "solis_sales_process.mail_activity_type_offer_followup",
)


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
        tz, today = user_tz(self.env), self._today()
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
        return asked_day(
            self.env,
            self.env.context.get("solis_today") or None,
            self.env._("The day must be given as a date (YYYY-MM-DD)."),
        )

    def _my_day_action(self):
        return self.env.ref("solis_sales_process.solis_my_day_action")

    # ------------------------------------------------------------------
    # What is due: the one rule of My Day and the daily e-mail
    # ------------------------------------------------------------------
    @api.model
    def _due_planned_visits_domain(self, user, tz, today):
        """The visits ``user`` planned by the end of ``today`` (his day in
        ``tz``) and has not made yet, however late."""
        return [
            ("user_id", "=", user.id),
            ("state", "=", "planned"),
            ("visit_date", "<", day_start_utc(tz, today + timedelta(days=1))),
        ]

    @api.model
    def _due_followups_domain(self, user, today):
        """The follow-ups of ``user`` due by ``today`` and still open, however
        late (a visit that answers one closes it)."""
        return [
            ("user_id", "=", user.id),
            (
                "activity_type_id",
                "in",
                [self.env.ref(xmlid).id for xmlid in FOLLOWUP_ACTIVITY_TYPES],
            ),
            ("date_deadline", "<=", today),
        ]

    @staticmethod
    def _planned_day(visit, tz):
        """The day a visit is planned for, in its rep's day ``tz``."""
        return local_day(tz, visit.visit_date)

    @staticmethod
    def _days_late(today, day):
        """Days past the day something was due: 0 on the day itself."""
        return (today - day).days

    def _planned_items(self, tz, today):
        domain = self._due_planned_visits_domain(self.env.user, tz, today)
        Visit = self.env["solis.visit"]
        visits = Visit.search(domain, order="visit_date, id", limit=MY_DAY_LIMIT)
        items = []
        for visit in visits:
            day = self._planned_day(visit, tz)
            items.append(
                self._item(
                    "planned",
                    visit,
                    day,
                    self._days_late(today, day),
                    visit.name or visit.type_id.name,
                )
            )
        count = (
            len(visits) if len(visits) < MY_DAY_LIMIT else Visit.search_count(domain)
        )
        return items, count

    def _followup_items(self, today):
        domain = self._due_followups_domain(self.env.user, today)
        Activity = self.env["mail.activity"]
        activities = Activity.search(
            domain, order="date_deadline, id", limit=MY_DAY_LIMIT
        )
        # Those of records the rep may no longer read (a client moved to
        # another rep) are left out.
        records = self._readable_records(activities)
        items = []
        for activity in activities:
            record = records.get((activity.res_model, activity.res_id))
            if record:
                kind = "followup" if record._name == "solis.visit" else "offer_followup"
                items.append(
                    self._item(
                        kind,
                        record,
                        activity.date_deadline,
                        self._days_late(today, activity.date_deadline),
                        activity.summary
                        or (kind == "followup" and record.next_contact_note)
                        or activity.activity_type_id.name,
                    )
                )
        count = (
            len(items)
            if len(activities) < MY_DAY_LIMIT
            else Activity.search_count(domain) - (len(activities) - len(items))
        )
        return items, count

    @api.model
    def _readable_records(self, activities):
        """``{(model, id): record}`` behind the activities, one read per
        model; as the superuser (the daily e-mail's job) all of them, else
        those the user may read."""
        records = {}
        for model in set(activities.mapped("res_model")):
            ids = activities.filtered(lambda a, m=model: a.res_model == m).mapped(
                "res_id"
            )
            Model = self.env[model]
            readable = (
                Model.browse(ids).exists()
                if self.env.su
                else Model.search([("id", "in", ids)])
            )
            records.update(((model, record.id), record) for record in readable)
        return records

    @staticmethod
    def _client_and_contact(record):
        """The client a visit or an offer is about, and the person met or
        written to when it is not the client himself."""
        if record._name == "solis.visit":
            return record.partner_id, record.contact_id
        client = record.partner_id.commercial_partner_id
        contact = record.partner_id
        return client, (contact if contact != client else contact.browse())

    def _item(self, kind, record, day, days_late, what):
        client, contact = self._client_and_contact(record)
        is_visit = record._name == "solis.visit"
        return {
            "key": f"{kind}-{record.id}",
            "kind": kind,
            "res_model": record._name,
            "res_id": record.id,
            "visit_id": record.id if is_visit else False,
            "visit_date": fields.Datetime.to_string(record.visit_date)
            if is_visit
            else False,
            "due": fields.Date.to_string(day),
            "days_late": days_late,
            "what": what or "",
            "contact": contact.name or "",
            "client": {"id": client.id, "name": client.name or ""},
            "_contact": contact,
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
            if contact_phone(partner):
                return contact_phone(partner)
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
