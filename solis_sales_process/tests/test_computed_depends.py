"""Every computed field of the addon follows what it reads: each row of
``DEPENDENCIES`` builds a record, reads the fields (so that their values are
cached, as a screen that showed them has them), changes one dependency in
the same transaction and reads the fields again. A second test checks that
every computed field of the addon's models, and each of its declared
dependencies, has its row: a new field without one fails."""

from collections import defaultdict
from datetime import date, datetime

from freezegun import freeze_time

from odoo.models import BaseModel
from odoo.tests import new_test_user

from .common import SolisCase

NOW = datetime(2026, 3, 10, 10, 0)
ADDON = "odoo.addons.solis_sales_process"


def _figures(**changes):
    """The client's visit figures of ``_figured_client``, with ``changes``."""
    return {
        "visit_count": 1,
        "is_lead": True,
        "first_contact_date": datetime(2026, 2, 10, 9, 0),
        "last_contact_date": datetime(2026, 2, 10, 9, 0),
        "last_visit_date": False,
        "next_contact_date": date(2026, 3, 20),
        "rep_first_contact_date": datetime(2026, 2, 10, 9, 0),
        **changes,
    }


def _kinds(*kinds):
    return lambda test, record: test.env["solis.offer.status"].search(
        [("kind", "in", kinds), ("company_id", "in", [False, record.company_id.id])]
    )


def _amount_change(test, order):
    previous = order.previous_offer_id
    return order.amount_total - previous.currency_id._convert(
        previous.amount_total, order.currency_id, order.company_id, order.date_order
    )


def _fresh_preview(name):
    return lambda test, preview: preview.create(
        {"user_id": preview.user_id.id, "date": preview.date}
    )[name]


PREVIEW = {
    name: _fresh_preview(name) for name in ("subject", "body_html", "has_content")
}
KPIS = {
    "kpi_solis_visits_done_value": 1,
    "kpi_solis_offers_value": 1,
    "kpi_solis_offers_ordered_value": 1,
    "kpi_solis_leads_value": 1,
}

# (model, dependency, method of the test that makes the record, change
#  (returns the record to read again, if another), expected values: a value
#  or a function of the test and the record)
DEPENDENCIES = [
    # -- the client's visit figures (stored, one SQL query) --------------
    (
        "res.partner",
        "visit_ids.state",
        "_figured_client",
        lambda t, client: t.done_visit.write({"state": "cancelled"}),
        _figures(
            visit_count=0,
            is_lead=False,
            first_contact_date=False,
            last_contact_date=False,
            rep_first_contact_date=False,
            next_contact_date=date(2026, 3, 30),
        ),
    ),
    (
        "res.partner",
        "visit_ids.visit_date",
        "_figured_client",
        lambda t, client: t.done_visit.write({"visit_date": "2026-02-12 09:00:00"}),
        _figures(
            first_contact_date=datetime(2026, 2, 12, 9, 0),
            last_contact_date=datetime(2026, 2, 12, 9, 0),
            rep_first_contact_date=datetime(2026, 2, 12, 9, 0),
        ),
    ),
    (
        "res.partner",
        "visit_ids.type_id.is_in_person",
        "_figured_client",
        lambda t, client: t.done_visit.type_id.write({"is_in_person": True}),
        _figures(last_visit_date=datetime(2026, 2, 10, 9, 0)),
    ),
    (
        "res.partner",
        "visit_ids.client_was_prospect",
        "_figured_client",
        lambda t, client: t.done_visit.sudo().write({"client_was_prospect": False}),
        _figures(is_lead=False),
    ),
    (
        "res.partner",
        "visit_ids.next_contact_date",
        "_figured_client",
        lambda t, client: t.done_visit.write({"next_contact_date": "2026-03-25"}),
        _figures(next_contact_date=date(2026, 3, 25)),
    ),
    (
        "res.partner",
        "visit_ids.is_followup_done",
        "_figured_client",
        lambda t, client: t.done_visit.write({"is_followup_done": True}),
        _figures(next_contact_date=date(2026, 3, 30)),
    ),
    (
        "res.partner",
        "visit_ids.user_id.tz",
        "_client_planned_after_midnight",
        # 01:00 in UTC is still the day before in New York.
        lambda t, client: client.visit_ids.user_id.write({"tz": "America/New_York"}),
        _figures(
            visit_count=0,
            is_lead=False,
            first_contact_date=False,
            last_contact_date=False,
            rep_first_contact_date=False,
            next_contact_date=date(2026, 3, 29),
        ),
    ),
    (
        "res.partner",
        "user_assigned_date",
        "_figured_client",
        lambda t, client: client.sudo().write({"user_assigned_date": "2026-02-11"}),
        _figures(rep_first_contact_date=False),
    ),
    # -- the client's open follow-ups (read by a contact too) -------------
    (
        "res.partner",
        "commercial_partner_id",
        "_contact_with_followup",
        lambda t, contact: contact.write({"parent_id": t.other_client.id}),
        {"open_followup_ids": lambda t, contact: t.env["solis.visit"]},
    ),
    (
        "res.partner",
        "commercial_partner_id.visit_ids.next_contact_date",
        "_contact_with_followup",
        lambda t, contact: t.done_visit.write({"next_contact_date": False}),
        {"open_followup_ids": lambda t, contact: t.env["solis.visit"]},
    ),
    (
        "res.partner",
        "commercial_partner_id.visit_ids.is_followup_done",
        "_contact_with_followup",
        lambda t, contact: t.done_visit.write({"is_followup_done": True}),
        {"open_followup_ids": lambda t, contact: t.env["solis.visit"]},
    ),
    (
        "res.partner",
        "commercial_partner_id.visit_ids.state",
        "_contact_with_followup",
        lambda t, contact: t.done_visit.write({"state": "cancelled"}),
        {"open_followup_ids": lambda t, contact: t.env["solis.visit"]},
    ),
    # -- the client's offer stage -----------------------------------------
    (
        "res.partner",
        "commercial_partner_id",
        "_contact_with_order",
        lambda t, contact: contact.write({"parent_id": False}),
        {"offer_stage": "order", "has_sale_order": True},
    ),
    (
        "res.partner",
        "sale.order state (the order's write recomputes it)",
        "_client_with_offer",
        lambda t, client: client.sale_order_ids.action_confirm(),
        {"offer_stage": "order", "has_sale_order": True},
    ),
    (
        "res.partner",
        "offer_stage",
        "_new_client",
        lambda t, client: t._sent_offer(client).action_confirm(),
        {"offer_stage": "order", "has_sale_order": True},
    ),
    # -- the client's rules -----------------------------------------------
    (
        "res.partner",
        "parent_id",
        "_never_contacted_prospect",
        lambda t, client: client.write({"parent_id": t.other_client.id}),
        {
            "is_never_contacted_prospect": False,
            "is_funnel_never_contacted": False,
            "is_sales_process_client": False,
        },
    ),
    (
        "res.partner",
        "is_prospect",
        "_never_contacted_prospect",
        lambda t, client: client.write({"is_prospect": False}),
        {"is_never_contacted_prospect": False, "is_funnel_never_contacted": False},
    ),
    (
        "res.partner",
        "last_contact_date",
        "_never_contacted_prospect",
        lambda t, client: t._visit(client, when="2026-03-09 09:00:00"),
        {
            "is_never_contacted_prospect": False,
            "is_contacted_30_days": True,
            "is_funnel_never_contacted": False,
            "is_funnel_contacted": True,
        },
    ),
    (
        "res.partner",
        "user_id",
        "_never_contacted_prospect",
        lambda t, client: client.write({"user_id": False}),
        {"is_funnel_never_contacted": False, "is_funnel_unassigned": True},
    ),
    (
        "res.partner",
        "parent_id",
        "_pool_prospect",
        lambda t, client: client.write({"parent_id": t.other_client.id}),
        {"is_funnel_unassigned": False},
    ),
    (
        "res.partner",
        "is_prospect",
        "_pool_prospect",
        lambda t, client: client.write({"is_prospect": False}),
        {"is_funnel_unassigned": False, "is_sales_process_client": False},
    ),
    (
        "res.partner",
        "last_contact_date",
        "_pool_prospect",
        lambda t, client: t._visit(client, when="2026-03-09 09:00:00"),
        {"is_funnel_unassigned": False, "is_funnel_contacted": True},
    ),
    (
        "res.partner",
        "user_id",
        "_pool_prospect",
        lambda t, client: client.write({"user_id": t.rep.id}),
        {"is_funnel_unassigned": False, "is_funnel_never_contacted": True},
    ),
    (
        "res.partner",
        "active",
        "_new_client",
        lambda t, client: client.write({"active": False}),
        {"is_sales_process_client": False},
    ),
    (
        "res.partner",
        "user_id",
        "_new_client",
        lambda t, client: client.write({"user_id": False}),
        {"is_sales_process_client": False},
    ),
    (
        "res.partner",
        "customer_rank",
        "_bare_company",
        lambda t, client: client.write({"customer_rank": 1}),
        {"is_sales_process_client": True},
    ),
    (
        "res.partner",
        "client_class_id",
        "_bare_company",
        lambda t, client: client.write({"client_class_id": t._client_class(30).id}),
        {"is_sales_process_client": True},
    ),
    (
        "res.partner",
        "offer_stage",
        "_bare_company",
        lambda t, client: t._sent_offer(client),
        {"is_sales_process_client": True, "is_funnel_offer": True},
    ),
    (
        "res.partner",
        "first_contact_date",
        "_bare_company",
        lambda t, client: t._visit(client, when="2026-03-09 09:00:00"),
        {"is_sales_process_client": True, "is_funnel_contacted": True},
    ),
    (
        "res.partner",
        "parent_id",
        "_contacted_client",
        lambda t, client: client.write({"parent_id": t.other_client.id}),
        {"is_funnel_contacted": False},
    ),
    (
        "res.partner",
        "offer_stage",
        "_contacted_client",
        lambda t, client: t._sent_offer(client),
        {"is_funnel_contacted": False, "is_funnel_offer": True},
    ),
    (
        "res.partner",
        "parent_id",
        "_client_with_offer",
        lambda t, client: client.write({"parent_id": t.other_client.id}),
        {"is_funnel_offer": False},
    ),
    (
        "res.partner",
        "offer_stage",
        "_client_with_offer",
        lambda t, client: client.sale_order_ids.action_confirm(),
        {"is_funnel_offer": False, "is_funnel_order": True},
    ),
    (
        "res.partner",
        "is_prospect",
        "_client_with_offer",
        lambda t, client: client.write({"is_prospect": True}),
        {"is_funnel_offer": False},
    ),
    (
        "res.partner",
        "last_contact_date",
        "_prospect_with_offer",
        lambda t, client: t._visit(client, when="2026-03-09 09:00:00"),
        {"is_funnel_offer": True, "is_funnel_order": False},
    ),
    (
        "res.partner",
        "parent_id",
        "_client_with_order",
        lambda t, client: client.write({"parent_id": t.other_client.id}),
        {"is_funnel_order": False},
    ),
    (
        "res.partner",
        "is_prospect",
        "_client_with_order",
        lambda t, client: client.write({"is_prospect": True}),
        {"is_funnel_order": False},
    ),
    (
        "res.partner",
        "parent_id",
        "_important_client",
        lambda t, client: client.write({"parent_id": t.other_client.id}),
        {"is_important_client": False},
    ),
    (
        "res.partner",
        "client_class_id.is_important",
        "_important_client",
        lambda t, client: client.client_class_id.write({"is_important": False}),
        {"is_important_client": False},
    ),
    (
        "res.partner",
        "last_visit_date",
        "_overdue_client",
        lambda t, client: t._visit(
            client, when="2026-03-05 09:00:00", type_id=t.type_premises.id
        ),
        {
            "is_visited_30_days": True,
            "is_contacted_30_days": True,
            "is_visit_overdue": False,
            "is_visit_covered": True,
        },
    ),
    (
        "res.partner",
        "parent_id",
        "_covered_client",
        lambda t, client: client.write({"parent_id": t.other_client.id}),
        {"is_visit_covered": False},
    ),
    (
        "res.partner",
        "active",
        "_covered_client",
        lambda t, client: client.write({"active": False}),
        {"is_visit_covered": False},
    ),
    (
        "res.partner",
        "client_class_id",
        "_covered_client",
        lambda t, client: client.write({"client_class_id": t._client_class(1).id}),
        {"is_visit_covered": False, "is_visit_overdue": True},
    ),
    (
        "res.partner",
        "client_class_id.visit_interval_days",
        "_covered_client",
        lambda t, client: client.client_class_id.write({"visit_interval_days": 1}),
        {"is_visit_covered": False, "is_visit_overdue": True},
    ),
    (
        "res.partner",
        "parent_id",
        "_overdue_client",
        lambda t, client: client.write({"parent_id": t.other_client.id}),
        {"is_visit_overdue": False},
    ),
    (
        "res.partner",
        "active",
        "_overdue_client",
        lambda t, client: client.write({"active": False}),
        {"is_visit_overdue": False},
    ),
    (
        "res.partner",
        "client_class_id",
        "_overdue_client",
        lambda t, client: client.write({"client_class_id": t._client_class(365).id}),
        {"is_visit_overdue": False},
    ),
    (
        "res.partner",
        "client_class_id.visit_interval_days",
        "_overdue_client",
        lambda t, client: client.client_class_id.write({"visit_interval_days": 365}),
        {"is_visit_overdue": False},
    ),
    # -- the quotation ----------------------------------------------------
    (
        "sale.order",
        "offer_date",
        "_sent_offer",
        lambda t, offer: offer.write({"offer_date": "2026-03-02 08:00:00"}),
        {"offer_chain_date": datetime(2026, 3, 2, 8, 0)},
    ),
    (
        "sale.order",
        "offer_origin_id.offer_date",
        "_second_version",
        lambda t, second: second.offer_origin_id.write(
            {"offer_date": "2026-03-02 08:00:00"}
        ),
        {"offer_chain_date": datetime(2026, 3, 2, 8, 0)},
    ),
    (
        "sale.order",
        "offer_status_id",
        "_quotation",
        lambda t, order: order.write({"offer_status_id": t.status("followup").id}),
        {
            "is_offer_statusbar_shown": True,
            "is_offer_sent": True,
            "is_unconfirmed_offer": False,
        },
    ),
    (
        "sale.order",
        "offer_status_id",
        "_sent_offer",
        lambda t, offer: offer.action_offer_confirm_receipt(),
        {"is_unconfirmed_offer": False, "is_offer_statusbar_shown": True},
    ),
    (
        "sale.order",
        "state",
        "_sent_offer",
        lambda t, offer: offer._action_cancel(),
        {
            "is_offer_statusbar_shown": False,
            "is_offer_sent": True,
            "is_open_offer": False,
            "is_unconfirmed_offer": False,
            "allowed_offer_status_ids": _kinds("renegotiated", "accepted"),
        },
    ),
    (
        "sale.order",
        "state",
        "_quotation",
        lambda t, order: order.action_quotation_sent(),
        {"is_offer_sent": True, "is_unconfirmed_offer": True},
    ),
    (
        "sale.order",
        "state",
        "_sent_offer",
        lambda t, offer: offer.action_confirm(),
        {"allowed_offer_status_ids": _kinds("accepted"), "is_open_offer": False},
    ),
    (
        "sale.order",
        "offer_origin_id",
        "_quotation",
        lambda t, order: order.write({"offer_origin_id": t._sent_offer().id}),
        {
            "is_offer_sent": True,
            "is_unconfirmed_offer": True,
            "offer_version_ids": lambda t, order: order | order.offer_origin_id,
        },
    ),
    (
        "sale.order",
        "offer_status_kind",
        "_offer_of_own_status",
        lambda t, offer: offer.offer_status_id.write({"kind": "confirmed"}),
        {"is_unconfirmed_offer": False, "is_open_offer": True},
    ),
    (
        "sale.order",
        "offer_status_kind",
        "_offer_of_own_status",
        lambda t, offer: offer.offer_status_id.write({"kind": "accepted"}),
        {"is_open_offer": False, "is_unconfirmed_offer": False},
    ),
    (
        "sale.order",
        "next_offer_ids",
        "_sent_offer",
        lambda t, offer: offer.action_offer_renegotiate(),
        {
            "is_last_version": False,
            "offer_version_ids": lambda t, offer: offer | offer.next_offer_ids,
        },
    ),
    (
        "sale.order",
        "later_version_ids",
        "_sent_offer",
        lambda t, offer: offer.action_offer_renegotiate(),
        {"offer_version_ids": lambda t, offer: offer | offer.next_offer_ids},
    ),
    (
        "sale.order",
        "offer_origin_id.later_version_ids",
        "_second_version",
        lambda t, second: second.action_offer_renegotiate(),
        {
            "offer_version_ids": lambda t, second: (
                second.offer_origin_id | second | second.next_offer_ids
            )
        },
    ),
    (
        "sale.order",
        "company_id",
        "_quotation",
        lambda t, order: order.write({"company_id": t.company_b.id, "team_id": False}),
        {"allowed_offer_status_ids": _kinds("initiated", "confirmed", "followup")},
    ),
    (
        "sale.order",
        "visit_ids",
        "_sent_offer",
        lambda t, offer: offer.write({"visit_ids": [(4, t._visit(t.client).id)]}),
        {"visit_count": 1},
    ),
    (
        "sale.order",
        "amount_total",
        "_second_version",
        lambda t, second: second.order_line.write({"price_unit": 150.0}),
        {"amount_change": _amount_change},
    ),
    (
        "sale.order",
        "currency_id",
        "_second_version",
        lambda t, second: second.write({"currency_id": t.currency.id}),
        {"amount_change": _amount_change},
    ),
    (
        "sale.order",
        "company_id",
        "_second_version",
        lambda t, second: second.write(
            {"company_id": t.company_b.id, "team_id": False}
        ),
        {"amount_change": _amount_change},
    ),
    (
        "sale.order",
        "date_order",
        "_second_version",
        lambda t, second: second.write({"date_order": "2026-02-01 10:00:00"}),
        {"amount_change": _amount_change},
    ),
    (
        "sale.order",
        "previous_offer_id.amount_total",
        "_second_version",
        lambda t, second: second.previous_offer_id.order_line.write(
            {"price_unit": 80.0}
        ),
        {"amount_change": _amount_change},
    ),
    (
        "sale.order",
        "previous_offer_id.currency_id",
        "_second_version",
        lambda t, second: second.previous_offer_id.write(
            {"currency_id": second.currency_id.id}
        ),
        {"amount_change": 200.0},
    ),
    # -- the visit --------------------------------------------------------
    (
        "solis.visit",
        "user_id",
        "_team_visit",
        lambda t, visit: visit.write({"user_id": t.other_rep.id}),
        {"team_id": lambda t, visit: t.team_b, "can_check_in": False},
    ),
    (
        "solis.visit",
        "partner_id",
        "_new_visit",
        lambda t, visit: visit.write({"partner_id": t.other_client.id}),
        {"client_class_id": lambda t, visit: t.env["solis.client.class"]},
    ),
    (
        "solis.visit",
        "partner_id",
        "_prospect_visit",
        lambda t, visit: visit.write({"partner_id": t.other_client.id}),
        {"client_was_prospect": False},
    ),
    (
        "solis.visit",
        "offer_ids.offer_date",
        "_visit_with_offer",
        lambda t, visit: visit.offer_ids.write({"offer_date": "2026-03-11 09:00:00"}),
        {"latest_offer_date": datetime(2026, 3, 11, 9, 0), "is_offer_origin": True},
    ),
    (
        "solis.visit",
        "offer_ids.state",
        "_visit_with_draft_offer",
        lambda t, visit: visit.offer_ids.action_quotation_sent(),
        {"latest_offer_date": datetime(2026, 3, 10, 9, 0)},
    ),
    (
        "solis.visit",
        "offer_ids.offer_status_id",
        "_visit_with_draft_offer",
        lambda t, visit: visit.offer_ids.write(
            {"offer_status_id": _kinds("initiated")(t, visit.offer_ids)[:1].id}
        ),
        {"latest_offer_date": datetime(2026, 3, 10, 9, 0)},
    ),
    (
        "solis.visit",
        "offer_ids.offer_origin_id",
        "_visit_with_draft_offer",
        # A later version of an offer sent is an offer, on its first
        # version's day.
        lambda t, visit: visit.offer_ids.sudo().write(
            {"offer_origin_id": t._sent_offer(offer_date="2026-03-05 09:00:00").id}
        ),
        {"latest_offer_date": datetime(2026, 3, 5, 9, 0)},
    ),
    (
        "solis.visit",
        "offer_ids.offer_origin_id.offer_date",
        "_visit_with_renegotiated_offer",
        lambda t, visit: visit.offer_ids.offer_origin_id.write(
            {"offer_date": "2026-03-11 09:00:00"}
        ),
        {"latest_offer_date": datetime(2026, 3, 11, 9, 0)},
    ),
    (
        "solis.visit",
        "latest_offer_date",
        "_new_visit",
        lambda t, visit: visit.write({"offer_ids": [(4, t._sent_offer().id)]}),
        {"is_offer_origin": True, "offer_count": 1},
    ),
    (
        "solis.visit",
        "offer_ids",
        "_new_visit",
        lambda t, visit: visit.write({"offer_ids": [(4, t._sent_offer().id)]}),
        {"offer_count": 1, "latest_offer_date": datetime(2026, 3, 10, 9, 0)},
    ),
    (
        "solis.visit",
        "visit_date",
        "_visit_with_offer",
        lambda t, visit: visit.write({"visit_date": "2026-03-11 08:00:00"}),
        {"is_offer_origin": False},
    ),
    (
        "solis.visit",
        "type_id.is_in_person",
        "_check_in_visit",
        lambda t, visit: visit.type_id.sudo().write({"is_in_person": False}),
        {"can_check_in": False, "is_in_person": False},
    ),
    (
        "solis.visit",
        "user_id",
        "_check_in_visit",
        lambda t, visit: visit.sudo().write({"user_id": t.other_rep.id}),
        {"can_check_in": False},
    ),
    (
        "solis.visit",
        "state",
        "_check_in_visit",
        lambda t, visit: visit.sudo().write({"state": "cancelled"}),
        {"can_check_in": False},
    ),
    (
        "solis.visit",
        "visit_date",
        "_check_in_visit",
        lambda t, visit: visit.sudo().write({"visit_date": "2026-03-12 09:00:00"}),
        {"can_check_in": False},
    ),
    (
        "solis.visit",
        "the event's own link to the visit (calendar.event's document and flag)",
        "_check_in_visit",
        lambda t, visit: visit.calendar_event_id.action_archive(),
        {"calendar_event_id": lambda t, visit: t.env["calendar.event"]},
    ),
    (
        "solis.visit",
        "nothing: a position sent once is kept nowhere",
        "_check_in_visit",
        lambda t, visit: None,
        {"checkin_position": False},
    ),
    (
        "solis.visit",
        "partner_id.name",
        "_new_visit",
        lambda t, visit: visit.partner_id.write({"name": "Renamed SRL"}),
        {"display_name": "Renamed SRL – Presented the range"},
    ),
    (
        "solis.visit",
        "name",
        "_new_visit",
        lambda t, visit: visit.write({"name": False}),
        {"display_name": lambda t, visit: f"{t.client.name} – {visit.type_id.name}"},
    ),
    (
        "solis.visit",
        "type_id.name",
        "_unnamed_visit",
        lambda t, visit: visit.type_id.write({"name": "Video call"}),
        {"display_name": lambda t, visit: f"{t.client.name} – Video call"},
    ),
    # -- the wizards ------------------------------------------------------
    (
        "solis.visit.reassign",
        "from_user_id",
        "_reassign",
        lambda t, wizard: wizard.write({"from_user_id": t._fresh_rep().id}),
        {"visit_count": 0},
    ),
    (
        "solis.visit.reassign",
        "date_from",
        "_reassign",
        lambda t, wizard: wizard.write({"date_from": "2026-03-15"}),
        {"visit_count": 1},
    ),
    (
        "solis.visit.reassign",
        "date_to",
        "_reassign",
        lambda t, wizard: wizard.write({"date_to": "2026-03-15"}),
        {"visit_count": 1},
    ),
    (
        "solis.visit.reassign",
        "visit_ids.state",
        "_reassign_chosen",
        lambda t, wizard: wizard.visit_ids[:1].write({"state": "cancelled"}),
        {"visit_count": 1},
    ),
    (
        "solis.sales.digest.preview",
        "user_id",
        "_preview",
        lambda t, preview: preview.write({"user_id": t.other_rep.id}),
        PREVIEW,
    ),
    (
        "solis.sales.digest.preview",
        "date",
        "_preview",
        lambda t, preview: preview.write({"date": "2026-03-02"}),
        PREVIEW,
    ),
    (
        "res.config.settings",
        "the clients to plan, counted on each opening of the settings",
        "_settings",
        lambda t, settings: t._client_to_plan() and t.env["res.config.settings"].new(),
        {
            "solis_plan_important_pending": lambda t, settings: t.env[
                "solis.visit.planner"
            ]._count_clients_to_plan()
        },
    ),
    (
        "digest.digest",
        "the e-mail's period (start_datetime, end_datetime in the context)",
        "_digest_before_the_week",
        lambda t, digest: digest.with_context(
            start_datetime=datetime(2025, 6, 2), end_datetime=datetime(2025, 6, 9)
        ),
        KPIS,
    ),
]


@freeze_time(NOW)
class TestComputedDepends(SolisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep.tz = cls.other_rep.tz = "UTC"
        cls.env = cls.env(context=dict(cls.env.context, tz="UTC"))
        cls.product = cls.env["product.product"].create(
            {"name": "Racking", "list_price": 100.0, "type": "consu", "taxes_id": False}
        )
        cls.company_b = cls.env["res.company"].create({"name": "Solis Depends Co"})
        cls.currency = cls.env["res.currency"].create(
            {"name": "XSD", "symbol": "§", "rounding": 0.01}
        )
        for day, rate in (("2026-01-01", 2.0), ("2026-03-01", 4.0)):
            for company in (cls.company, cls.company_b):
                cls.env["res.currency.rate"].create(
                    {
                        "name": day,
                        "rate": rate,
                        "currency_id": cls.currency.id,
                        "company_id": company.id,
                    }
                )
        cls.team_a = cls.env["crm.team"].create(
            {"name": "Depends North", "member_ids": [(6, 0, cls.rep.ids)]}
        )
        cls.team_b = cls.env["crm.team"].create(
            {"name": "Depends South", "member_ids": [(6, 0, cls.other_rep.ids)]}
        )
        cls.rep.company_ids |= cls.company_b
        cls.digest_manager = new_test_user(
            cls.env,
            login="solis_depends_lead",
            groups="sales_team.group_sale_salesman_all_leads",
            name="Depends Lead",
            tz="UTC",
        )

    def status(self, kind):
        return self.env.ref(f"solis_sales_process.offer_status_{kind}")

    # -- records the rows start from ---------------------------------------
    def _new_client(self, **values):
        return self.env["res.partner"].create(
            {"name": "Gamma SRL", "is_company": True, "user_id": self.rep.id, **values}
        )

    def _client_class(self, interval, important=False):
        return self.env["solis.client.class"].create(
            {
                "name": f"Every {interval} days",
                "visit_interval_days": interval,
                "is_important": important,
            }
        )

    def _visit_type(self, in_person):
        return self.env["solis.visit.type"].create(
            {"name": "Own type", "is_in_person": in_person}
        )

    def _figured_client(self):
        client = self._new_client(is_prospect=True)
        client.sudo().user_assigned_date = datetime(2026, 1, 1)
        self.done_visit = self._visit(
            client,
            when="2026-02-10 09:00:00",
            type_id=self._visit_type(False).id,
            next_contact_date="2026-03-20",
        )
        self._visit(client, when="2026-03-30 09:00:00", state="planned")
        return client

    def _client_planned_after_midnight(self):
        client = self._new_client()
        self._visit(
            client,
            when="2026-03-30 01:00:00",
            state="planned",
            user=self._fresh_rep(),
        )
        return client

    def _contact_with_followup(self):
        client = self._new_client()
        self.done_visit = self._visit(
            client, when="2026-03-02 09:00:00", next_contact_date="2026-03-20"
        )
        contact = self.env["res.partner"].create(
            {"name": "Dan Pop", "parent_id": client.id}
        )
        self.assertEqual(contact.open_followup_ids, self.done_visit)
        return contact

    def _contact_with_order(self):
        client = self._new_client()
        contact = self.env["res.partner"].create(
            {"name": "Dan Pop", "parent_id": client.id}
        )
        self._sent_offer(contact).action_confirm()
        self.assertEqual(client.offer_stage, "order")
        self.assertFalse(contact.offer_stage, "a contact has no stage")
        return contact

    def _client_with_offer(self):
        client = self._new_client()
        self._sent_offer(client)
        self.assertEqual(client.offer_stage, "offer")
        return client

    def _never_contacted_prospect(self):
        client = self._new_client(is_prospect=True)
        self.assertTrue(client.is_never_contacted_prospect)
        return client

    def _pool_prospect(self):
        client = self._new_client(is_prospect=True, user_id=False)
        self.assertTrue(client.is_funnel_unassigned)
        return client

    def _bare_company(self):
        client = self._new_client(user_id=False)
        self.assertFalse(client.is_sales_process_client)
        return client

    def _contacted_client(self):
        client = self._new_client()
        self._visit(client, when="2026-03-02 09:00:00")
        self.assertTrue(client.is_funnel_contacted)
        return client

    def _prospect_with_offer(self):
        client = self._new_client(is_prospect=True)
        self._sent_offer(client)
        self.assertEqual(client.offer_stage, "offer")
        self.assertTrue(client.is_funnel_never_contacted)
        return client

    def _client_with_order(self):
        client = self._client_with_offer()
        client.sale_order_ids.action_confirm()
        self.assertTrue(client.is_funnel_order)
        return client

    def _covered_client(self):
        client = self._new_client(client_class_id=self._client_class(30).id)
        self._visit(client, when="2026-03-05 09:00:00", type_id=self.type_premises.id)
        self.assertTrue(client.is_visit_covered)
        return client

    def _important_client(self):
        client = self._new_client(client_class_id=self._client_class(30, True).id)
        self.assertTrue(client.is_important_client)
        return client

    def _overdue_client(self):
        client = self._new_client(client_class_id=self._client_class(30).id)
        self._visit(client, when="2026-01-05 09:00:00", type_id=self.type_premises.id)
        self.assertTrue(client.is_visit_overdue)
        return client

    def _quotation(self, partner=None, **values):
        return self.env["sale.order"].create(
            {
                "partner_id": (partner or self.client).id,
                "user_id": self.rep.id,
                "offer_date": "2026-03-10 09:00:00",
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": 10,
                            "price_unit": 100.0,
                        },
                    )
                ],
                **values,
            }
        )

    def _sent_offer(self, partner=None, **values):
        offer = self._quotation(partner, **values)
        offer.action_quotation_sent()
        return offer

    def _second_version(self):
        first = self._sent_offer()
        first.write({"currency_id": self.currency.id})
        second = self.env["sale.order"].browse(
            first.action_offer_renegotiate()["res_id"]
        )
        second.write({"currency_id": self.env.company.currency_id.id})
        second.order_line.write({"price_unit": 120.0})
        return second

    def _offer_of_own_status(self):
        own = self.env["solis.offer.status"].create(
            {"name": "Sent by post", "kind": "initiated", "sequence": 15}
        )
        offer = self._sent_offer()
        offer.offer_status_id = own
        return offer

    def _new_visit(self):
        return self._visit(
            self.client, when="2026-03-10 08:00:00", name="Presented the range"
        )

    def _unnamed_visit(self):
        return self._visit(self.client, type_id=self._visit_type(False).id)

    def _prospect_visit(self):
        self.assertFalse(self.other_client.is_prospect)
        return self._visit(self._new_client(is_prospect=True))

    def _team_visit(self):
        visit = self._visit(self.client, when="2026-03-20 09:00:00", state="planned")
        self.assertEqual(visit.team_id, self.team_a)
        return visit

    def _visit_with_offer(self):
        visit = self._new_visit()
        visit.offer_ids = self._sent_offer()
        return visit

    def _visit_with_draft_offer(self):
        visit = self._new_visit()
        visit.offer_ids = self._quotation()
        self.assertFalse(visit.latest_offer_date)
        return visit

    def _visit_with_renegotiated_offer(self):
        visit = self._visit_with_offer()
        visit.offer_ids.action_offer_renegotiate()
        self.assertEqual(len(visit.offer_ids), 2)
        return visit

    def _check_in_visit(self):
        visit = self._visit(
            self.client,
            when="2026-03-10 09:30:00",
            state="planned",
            type_id=self._visit_type(True).id,
        ).with_user(self.rep)
        self.assertTrue(visit.can_check_in)
        return visit

    def _fresh_rep(self):
        self.reps_made = getattr(self, "reps_made", 0) + 1
        return new_test_user(
            self.env,
            login=f"solis_depends_rep_{self.reps_made}",
            groups="sales_team.group_sale_salesman",
            tz="UTC",
        )

    def _reassign(self):
        rep = self._fresh_rep()
        for when in ("2026-03-12 09:00:00", "2026-03-20 09:00:00"):
            self._visit(self.client, user=rep, when=when, state="planned")
        return self.env["solis.visit.reassign"].create(
            {"from_user_id": rep.id, "to_user_id": self.other_rep.id}
        )

    def _reassign_chosen(self):
        visits = self._visit(
            self.client, when="2026-03-12 09:00:00", state="planned"
        ) | self._visit(self.client, when="2026-03-20 09:00:00", state="planned")
        return self.env["solis.visit.reassign"].create(
            {"visit_ids": [(6, 0, visits.ids)], "to_user_id": self.other_rep.id}
        )

    def _preview(self):
        return (
            self.env["solis.sales.digest.preview"]
            .with_user(self.sales_manager)
            .create({"user_id": self.rep.id, "date": "2026-03-10"})
        )

    def _settings(self):
        return self.env["res.config.settings"].new()

    def _client_to_plan(self):
        return self._new_client(client_class_id=self._client_class(30, True).id)

    def _digest_before_the_week(self):
        prospect = self._new_client(is_prospect=True)
        self._visit(prospect, when="2025-06-04 09:00:00")
        offer = self._quotation(prospect, offer_date="2025-06-04 12:00:00")
        offer.action_quotation_sent()
        offer.action_confirm()
        digest = self.env["digest.digest"].create(
            {"name": "Depends weekly", "company_id": self.company.id}
        )
        return digest.with_user(self.digest_manager).with_context(
            start_datetime=datetime(2025, 5, 26), end_datetime=datetime(2025, 6, 2)
        )

    # -- the tests -----------------------------------------------------------
    def test_each_dependency_recomputes_the_field(self):
        for model, dependency, make, change, expected in DEPENDENCIES:
            with (
                self.subTest(model=model, dependency=dependency, record=make),
                self.env.cr.savepoint(),
            ):
                record = getattr(self, make)()
                before = {name: record[name] for name in expected}
                changed = change(self, record)
                if isinstance(changed, BaseModel) and changed._name == model:
                    record = changed
                for name, value in expected.items():
                    want = value(self, record) if callable(value) else value
                    self.assertEqual(
                        record[name],
                        want,
                        f"{model}.{name} after a change of {dependency} "
                        f"(it was {before[name]!r})",
                    )

    def test_every_computed_field_has_its_rows(self):
        """Each computed field of the addon (not the reports, which are SQL
        views) is in the table, and with it each dependency it declares."""
        changed = defaultdict(set)
        for model, dependency, _make, _change, expected in DEPENDENCIES:
            for name in expected:
                changed[model, name].add(dependency)
        missing = []
        for model_name, model in self.env.registry.items():
            if not model._auto:
                continue
            for name, field in model._fields.items():
                compute = field.compute
                if isinstance(compute, str):
                    compute = getattr(model, compute, None)
                if not compute or not getattr(compute, "__module__", "").startswith(
                    ADDON
                ):
                    continue
                declared = set(self.env.registry.field_depends[field])
                if (model_name, name) not in changed:
                    missing.append(f"{model_name}.{name}")
                missing += [
                    f"{model_name}.{name} on {dependency}"
                    for dependency in sorted(declared - changed[model_name, name])
                ]
        self.assertFalse(missing, "computed fields or dependencies without a row")
