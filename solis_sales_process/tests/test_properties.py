from datetime import datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import fields

from .common import SolisCase

VISIT = st.tuples(
    st.integers(0, 60),  # days ago
    st.sampled_from(["done", "planned", "cancelled"]),
    st.booleans(),  # in person
    st.sampled_from(["rep", "other"]),
)
CLIENT = st.fixed_dictionaries(
    {
        "rep": st.sampled_from([None, "rep", "other"]),
        "client_class": st.sampled_from([None, "a", "c"]),
        "prospect": st.booleans(),
        "visits": st.lists(VISIT, max_size=4),
    }
)


class TestAnswersProperties(SolisCase):
    """Random small histories: every count of the answers equals a plain
    Python count over the same records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only the random clients belong to the two reps here.
        (cls.client | cls.other_client).user_id = False
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.classes = {
            "a": cls.env.ref("solis_sales_process.client_class_a"),
            "c": cls.env.ref("solis_sales_process.client_class_c"),
        }

    def _at(self, days_ago):
        return datetime.combine(self.today - timedelta(days=days_ago), time(10, 0))

    def _build(self, clients):
        """Visits at 10:00 UTC: the same day in every timezone drawn."""
        users = {"rep": self.rep, "other": self.other_rep}
        for index, spec in enumerate(clients):
            partner = self.env["res.partner"].create(
                {
                    "name": f"Random client {index}",
                    "is_company": True,
                    "is_prospect": spec["prospect"],
                    "user_id": users[spec["rep"]].id if spec["rep"] else False,
                    "client_class_id": self.classes[spec["client_class"]].id
                    if spec["client_class"]
                    else False,
                }
            )
            for days_ago, state, in_person, by in spec["visits"]:
                self._visit(
                    partner,
                    user=users[by],
                    when=self._at(days_ago),
                    state=state,
                    type_id=(self.type_premises if in_person else self.type_phone).id,
                )

    def _expected(self, clients, reps, start, end):
        def in_period(days_ago):
            return start <= self.today - timedelta(days=days_ago) <= end

        mine = [c for c in clients if c["rep"] in reps]
        done = {id(c): [v for v in c["visits"] if v[1] == "done"] for c in clients}
        all_visits = [v for c in clients for v in c["visits"]]
        intervals = {"a": 30, "c": 180}

        def overdue(client):
            seen = [v[0] for v in done[id(client)] if v[2]]
            return not seen or min(seen) > intervals[client["client_class"]]

        return {
            "visits_done": sum(
                1
                for v in all_visits
                if v[1] == "done" and v[3] in reps and in_period(v[0])
            ),
            "visits_in_person": sum(
                1
                for v in all_visits
                if v[1] == "done" and v[2] and v[3] in reps and in_period(v[0])
            ),
            "prospects": sum(1 for c in mine if c["prospect"]),
            "prospects_never_contacted_assigned": sum(
                1 for c in mine if c["prospect"] and not done[id(c)]
            ),
            "leads": sum(
                1
                for c in mine
                if c["prospect"]
                and done[id(c)]
                and in_period(max(v[0] for v in done[id(c)]))
            ),
            "important_clients": sum(1 for c in mine if c["client_class"] == "a"),
            "important_not_contacted_30_days": sum(
                1
                for c in mine
                if c["client_class"] == "a"
                and (not done[id(c)] or min(v[0] for v in done[id(c)]) > 30)
            ),
            "clients_overdue": sum(1 for c in mine if c["client_class"] and overdue(c)),
        }

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
        ],
    )
    @given(
        clients=st.lists(CLIENT, min_size=1, max_size=4),
        offset=st.integers(0, 40),
        length=st.integers(0, 30),
        reps=st.sampled_from([("rep",), ("other",), ("rep", "other")]),
        tz=st.sampled_from(["UTC", "Europe/Bucharest", "America/New_York"]),
        today_shift=st.integers(0, 20),
        reclassify=st.booleans(),
        flip_in_person=st.booleans(),
    )
    def test_answers_match_a_plain_count(
        self, clients, offset, length, reps, tz, today_shift, reclassify, flip_in_person
    ):
        """Random histories, then random admin changes (the classes swapped,
        a visit type no longer in person, its name changed), asked in a
        random timezone on a random "today"."""
        savepoint = self.env.cr.savepoint()
        real_today = self.today
        try:
            self.today = real_today - timedelta(days=today_shift)
            clients = [
                {**c, "visits": [v for v in c["visits"] if v[0] >= 0]} for c in clients
            ]
            self._build(clients)
            if reclassify:
                swap = {"a": "c", "c": "a", None: None}
                partners = self.env["res.partner"].search(
                    [("name", "=like", "Random client %")]
                )
                for partner in partners:
                    current = next(
                        (
                            k
                            for k, v in self.classes.items()
                            if v == partner.client_class_id
                        ),
                        None,
                    )
                    partner.client_class_id = self.classes.get(swap[current], False)
                clients = [
                    {**c, "client_class": swap[c["client_class"]]} for c in clients
                ]
            if flip_in_person:
                self.type_premises.write({"is_in_person": False, "name": "Renamed"})
                clients = [
                    {**c, "visits": [(v[0], v[1], False, v[3]) for v in c["visits"]]}
                    for c in clients
                ]
            end = self.today - timedelta(days=offset)
            start = end - timedelta(days=length)
            users = {"rep": self.rep, "other": self.other_rep}
            review = (
                self.env["solis.sales.review"]
                .with_user(self.sales_manager)
                .with_context(tz=tz, solis_today=self.today)
                .get_answers(
                    date_from=fields.Date.to_string(start),
                    date_to=fields.Date.to_string(end),
                    user_ids=[users[rep].id for rep in reps],
                )
            )
            expected = self._expected(clients, reps, start, end)
            answers = review["answers"]
            actual = {key: answers[key]["value"] for key in expected}
            self.assertEqual(actual, expected)
            self.assertEqual(
                answers["prospects_never_contacted"]["value"],
                expected["prospects_never_contacted_assigned"]
                + answers["prospects_never_contacted_unassigned"]["value"],
            )
        finally:
            self.today = real_today
            savepoint.close(rollback=True)
            self.env.invalidate_all()
