import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import column_exists

from ..tools.compat import search_method
from .solis_offer_status import OFFER_STATUS_KINDS

_logger = logging.getLogger(__name__)

# Once an offer reached one of these, the SOLIS follow-up buttons are done with it.
CLOSED_OFFER_KINDS = ("renegotiated", "rejected", "accepted")
OPEN_OFFER_KINDS = ("initiated", "confirmed", "followup", "postponed")
# The offer statuses an order's state allows (no status is always allowed):
# a cancelled offer was renegotiated, rejected or, as an order, accepted;
# never left open, where it would keep counting.
KINDS_BY_STATE = {
    "draft": OPEN_OFFER_KINDS,
    "sent": OPEN_OFFER_KINDS,
    "sale": ("accepted",),
    "cancel": CLOSED_OFFER_KINDS,
}
# Set only with their date or reason, by their buttons' dialogs: never a
# click on the status bar.
DIALOG_KINDS = ("postponed", "rejected")
# Set by the addon without anybody asking: never allowed to fail.
AUTOMATIC_KINDS = ("initiated", "confirmed", "accepted")
# Written by the addon only (related, or set when a version is made): a user
# who could write them would change what the answers count.
ADDON_WRITTEN_FIELDS = (
    "offer_status_kind",
    "offer_chain_date",
    "previous_offer_id",
    "offer_origin_id",
    "offer_version",
)


def fill_offer_dates(cr):
    """Date the offers made before the addon on the day they were created
    (rows written by SQL without a creation date: their order date), in SQL:
    the install and the upgrade that added the field call this."""
    cr.execute(
        SQL(
            """UPDATE sale_order SET offer_date = COALESCE(create_date, date_order)
                WHERE offer_date IS NULL"""
        )
    )
    return cr.rowcount


def fill_offer_chain_dates(cr):
    """Store on every quotation the offer date of its chain's first version,
    in SQL: the install, the upgrade that added the field and a bulk load
    call this instead of the ORM's row-by-row compute."""
    cr.execute(
        """UPDATE sale_order SET offer_chain_date = offer_date
            WHERE offer_chain_date IS DISTINCT FROM offer_date"""
    )
    filled = cr.rowcount
    if column_exists(cr, "sale_order", "offer_origin_id"):
        cr.execute(
            """UPDATE sale_order so SET offer_chain_date = origin.offer_date
                 FROM sale_order origin
                WHERE origin.id = so.offer_origin_id
                  AND so.offer_chain_date IS DISTINCT FROM origin.offer_date"""
        )
        filled += cr.rowcount
    return filled


def fill_offer_statuses(cr):
    """Give the quotations and orders made before the addon the offer status
    their state implies (sent: initiated, an order: accepted, cancelled:
    rejected for other reasons), in SQL: the install calls this. Drafts
    never sent are not offers yet."""
    cr.execute(
        SQL(
            """
        WITH status AS (
            SELECT DISTINCT ON (kind) id, kind FROM solis_offer_status
             WHERE active AND company_id IS NULL
             ORDER BY kind, sequence, id
        ), reason AS (
            SELECT res_id AS id FROM ir_model_data
             WHERE module = 'solis_sales_process'
               AND name = 'offer_rejection_reason_other'
        )
        UPDATE sale_order so
           SET offer_status_id = status.id,
               offer_status_kind = status.kind,
               rejection_reason_id = CASE WHEN status.kind = 'rejected'
                                          THEN (SELECT id FROM reason) END
          FROM status
         WHERE so.offer_status_id IS NULL
           AND status.kind = CASE so.state WHEN 'sent' THEN 'initiated'
                                           WHEN 'sale' THEN 'accepted'
                                           WHEN 'cancel' THEN 'rejected' END
            """
        )
    )
    return cr.rowcount


def unflag_prospects_with_orders(cr):
    """A client who has ordered is no longer a prospect (what confirming an
    order does from now on), in SQL: the install calls this."""
    cr.execute(
        SQL(
            """UPDATE res_partner p SET is_prospect = FALSE
                WHERE p.is_prospect AND EXISTS (
                    SELECT 1 FROM sale_order so JOIN res_partner sp ON sp.id = so.partner_id
                     WHERE sp.commercial_partner_id = p.id AND so.state = 'sale')"""
        )
    )
    return cr.rowcount


class SaleOrder(models.Model):
    """The quotation is the offer: the addon adds the SOLIS follow-up on top."""

    _name = "sale.order"
    _inherit = ["sale.order", "solis.addon.written.mixin", "solis.rule.mixin"]

    offer_status_id = fields.Many2one(
        "solis.offer.status",
        index="btree_not_null",
        tracking=True,
        copy=False,
        check_company=True,
        group_expand="_read_group_offer_status_ids",
        groups="base.group_user",
        help="Where the offer stands with the client. Sending, the client's "
        "viewing and confirming the quotation set it automatically.",
    )
    offer_date = fields.Datetime(
        default=fields.Datetime.now,
        required=True,
        copy=False,
        index=True,
        tracking=True,
        groups="base.group_user",
        help="When the offer was made to the client: the day the answers count "
        "it in. Set when the quotation is created; correct it for offers "
        "brought in from another system.",
    )
    offer_chain_date = fields.Datetime(
        string="First Version's Offer Date",
        compute="_compute_offer_chain_date",
        store=True,
        index=True,
        copy=False,
        groups="base.group_user",
        help="The offer date of the first version of this offer: the day a "
        "renegotiated offer is counted in.",
    )
    offer_status_kind = fields.Selection(
        related="offer_status_id.kind",
        store=True,
        index=True,
        readonly=True,
        groups="base.group_user",
    )
    # Which status bar the quotation shows: read by the form for everyone who
    # may open it, so without the offer fields' group.
    is_offer_statusbar_shown = fields.Boolean(
        compute="_compute_is_offer_statusbar_shown"
    )
    rejection_reason_id = fields.Many2one(
        "solis.offer.rejection.reason",
        tracking=True,
        copy=False,
        check_company=True,
        groups="base.group_user",
    )
    postponed_until = fields.Date(tracking=True, copy=False, groups="base.group_user")
    visit_ids = fields.Many2many(
        "solis.visit",
        "solis_visit_sale_order_rel",
        "order_id",
        "visit_id",
        string="Visits",
        copy=False,
        check_company=True,
        groups="base.group_user",
        help="The visits that led to this offer or followed it.",
    )
    visit_count = fields.Integer(
        compute="_compute_visit_count", groups="base.group_user"
    )
    previous_offer_id = fields.Many2one(
        "sale.order",
        string="Renegotiates",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
        help="The version of the offer this one replaced.",
    )
    offer_origin_id = fields.Many2one(
        "sale.order",
        string="First Version",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
    )
    offer_version = fields.Integer(
        default=1, readonly=True, copy=False, groups="base.group_user"
    )
    next_offer_ids = fields.One2many(
        "sale.order",
        "previous_offer_id",
        string="Renegotiated As",
        readonly=True,
        groups="base.group_user",
        help="The version that replaced this one.",
    )
    is_offer_sent = fields.Boolean(
        string="Offer Sent",
        compute="_compute_solis_rules",
        depends=["offer_status_id", "state", "offer_origin_id"],
        search="_search_is_offer_sent",
        groups="base.group_user",
        help="Sent to the client (or given an offer status), or the new version "
        "of an offer that was: a quotation never sent is not an offer yet.",
    )
    is_open_offer = fields.Boolean(
        string="Open Offer",
        compute="_compute_solis_rules",
        depends=["state", "offer_status_kind"],
        search="_search_is_open_offer",
        groups="base.group_user",
        help="A quotation not yet accepted, rejected or renegotiated.",
    )
    is_unconfirmed_offer = fields.Boolean(
        string="Sent, Not Confirmed by the Client",
        compute="_compute_solis_rules",
        depends=["offer_status_id", "state", "offer_origin_id", "offer_status_kind"],
        search="_search_is_unconfirmed_offer",
        groups="base.group_user",
        help="An open offer sent to the client, who has not confirmed it yet.",
    )
    is_last_version = fields.Boolean(
        string="Latest Version",
        compute="_compute_solis_rules",
        depends=["next_offer_ids"],
        search="_search_is_last_version",
        groups="base.group_user",
        help="Not renegotiated into a newer version: a renegotiation chain "
        "counts as one offer, its latest version.",
    )
    allowed_offer_status_ids = fields.Many2many(
        "solis.offer.status",
        compute="_compute_allowed_offer_status_ids",
        groups="base.group_user",
        help="The statuses a click on the status bar may set: those the "
        "order's state allows (a quotation is never accepted, a confirmed "
        "order never rejected), except Postponed and Rejected, which their "
        "buttons set with their day or reason.",
    )
    # What a new version changes on the first one, so that the versions
    # every version lists follow it.
    later_version_ids = fields.One2many(
        "sale.order",
        "offer_origin_id",
        string="Later Versions",
        readonly=True,
        groups="base.group_user",
    )
    offer_version_ids = fields.Many2many(
        "sale.order",
        string="Versions",
        compute="_compute_offer_version_ids",
        groups="base.group_user",
        help="Every version of this offer, the first one included.",
    )
    amount_change = fields.Monetary(
        string="Change vs Previous Version",
        compute="_compute_amount_change",
        groups="base.group_user",
        help="Total of this version minus the total of the version it replaced, "
        "in this version's currency.",
    )

    def init(self):
        result = super().init()
        # The offers of the dashboard's twelve months, counted and their
        # median days to the order: everything the passes read is in the
        # index, so that PostgreSQL answers from it without reading the table.
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS sale_order_solis_offer_period_index
                   ON sale_order (offer_chain_date)
                   INCLUDE (id, state, offer_status_id, offer_status_kind,
                            offer_origin_id, user_id, company_id, date_order,
                            rejection_reason_id)
                WHERE offer_chain_date IS NOT NULL"""
        )
        return result

    @api.model
    def _read_group_offer_status_ids(self, statuses, domain):
        # Every column of the kanban, the empty ones too: a few constants.
        return statuses.search([])  # pylint: disable=no-search-all

    def _solis_rules(self):
        sent = [
            "|",
            "|",
            ("offer_status_id", "!=", False),
            ("state", "in", ("sent", "sale")),
            ("offer_origin_id", "!=", False),
        ]
        open_offer = [
            ("state", "in", ("draft", "sent")),
            ("offer_status_kind", "not in", CLOSED_OFFER_KINDS),
        ]
        return {
            "is_offer_sent": sent,
            "is_open_offer": open_offer,
            "is_unconfirmed_offer": [
                *sent,
                *open_offer,
                ("offer_status_kind", "in", (False, "initiated")),
            ],
            "is_last_version": [("next_offer_ids", "=", False)],
        }

    @search_method
    def _search_is_offer_sent(self, operator, value):
        return self._solis_rule_search("is_offer_sent", operator, value)

    @search_method
    def _search_is_open_offer(self, operator, value):
        return self._solis_rule_search("is_open_offer", operator, value)

    @search_method
    def _search_is_unconfirmed_offer(self, operator, value):
        return self._solis_rule_search("is_unconfirmed_offer", operator, value)

    @search_method
    def _search_is_last_version(self, operator, value):
        return self._solis_rule_search("is_last_version", operator, value)

    @api.depends("state", "company_id")
    def _compute_allowed_offer_status_ids(self):
        # The active statuses are a handful of constants.
        statuses = self.env["solis.offer.status"].search([])  # pylint: disable=no-search-all
        for order in self:
            kinds = set(KINDS_BY_STATE.get(order.state, ())) - set(DIALOG_KINDS)
            order.allowed_offer_status_ids = statuses.filtered(
                lambda status, order=order, kinds=kinds: (
                    status.kind in kinds
                    and status.company_id
                    in (order.company_id, status.company_id.browse())
                )
            )

    @api.depends("offer_status_id", "state")
    def _compute_is_offer_statusbar_shown(self):
        for order in self:
            order.is_offer_statusbar_shown = bool(
                order.offer_status_id and order.state in ("draft", "sent")
            )

    @api.depends("visit_ids")
    def _compute_visit_count(self):
        for order in self:
            order.visit_count = len(order.visit_ids)

    @api.depends("offer_date", "offer_origin_id.offer_date")
    def _compute_offer_chain_date(self):
        for order in self:
            order.offer_chain_date = (order.offer_origin_id or order).offer_date

    @api.depends(
        "offer_origin_id", "later_version_ids", "offer_origin_id.later_version_ids"
    )
    def _compute_offer_version_ids(self):
        for order in self:
            first = order.offer_origin_id or order._origin
            later = first.later_version_ids
            order.offer_version_ids = (first | later) if later else False

    @api.depends(
        "amount_total",
        "currency_id",
        "company_id",
        "date_order",
        "previous_offer_id.amount_total",
        "previous_offer_id.currency_id",
    )
    def _compute_amount_change(self):
        for order in self:
            previous = order.previous_offer_id
            if not previous:
                order.amount_change = 0.0
                continue
            # A version may be priced in another currency than the one it
            # replaced: compare in this version's currency, at its date.
            previous_total = previous.currency_id._convert(
                previous.amount_total,
                order.currency_id,
                order.company_id,
                order.date_order or fields.Date.context_today(order),
            )
            order.amount_change = order.amount_total - previous_total

    @api.constrains("offer_status_id", "rejection_reason_id")
    def _check_rejection_reason(self):
        for order in self:
            if order.offer_status_kind == "rejected" and not order.rejection_reason_id:
                raise ValidationError(
                    self.env._(
                        "%(offer)s is rejected: say why (price, competition...) in "
                        "its rejection reason.",
                        offer=order.name,
                    )
                )

    @api.constrains("offer_status_id", "postponed_until")
    def _check_postponed_until(self):
        for order in self:
            if order.offer_status_kind == "postponed" and not order.postponed_until:
                raise ValidationError(
                    self.env._(
                        "%(offer)s is postponed: say until when in its "
                        "“Postponed Until” date.",
                        offer=order.name,
                    )
                )

    @api.constrains("state", "offer_status_id")
    def _check_offer_status_of_state(self):
        states = dict(self._fields["state"]._description_selection(self.env))
        for order in self:
            kind = order.offer_status_kind
            if kind and kind not in KINDS_BY_STATE.get(order.state, ()):
                raise ValidationError(
                    self.env._(
                        "%(offer)s is %(state)s: it cannot be “%(status)s”.",
                        offer=order.name,
                        state=states.get(order.state, order.state),
                        status=order.offer_status_id.name,
                    )
                )

    @api.constrains("partner_id", "visit_ids")
    def _check_visits_of_client(self):
        for order in self:
            for visit in order.visit_ids:
                visit._check_offer_of_client(order)

    def _check_addon_written_fields(self, vals):
        """Refuse what only the addon writes, and the offer date of a closed
        offer. The addon's own writes run as superuser or bypass ``write``."""
        if self.env.su:
            return
        self._refuse_addon_written_fields(vals, ADDON_WRITTEN_FIELDS)
        if "offer_date" in vals:
            closed = self.filtered(
                lambda order: (
                    order.state not in ("draft", "sent")
                    or order.offer_status_kind in CLOSED_OFFER_KINDS
                )
            )
            if closed:
                raise UserError(
                    self.env._(
                        "The offer date of %(offer)s can no longer be changed: it "
                        "is no longer an open offer.",
                        offer=closed[0].name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._refuse_addon_written_fields(
                vals, ("offer_status_kind", "offer_chain_date")
            )
        orders = super().create(vals_list)
        orders.partner_id._solis_recompute_offer_stage()
        return orders

    def unlink(self):
        partners = self.partner_id
        result = super().unlink()
        partners.exists()._solis_recompute_offer_stage()
        return result

    def write(self, vals):
        self._check_addon_written_fields(vals)
        orders, write_along = self._offer_paths_of_write(vals)
        if orders:
            (self - orders).write(vals)
            return write_along(vals)
        status = self.env["solis.offer.status"].browse(vals.get("offer_status_id"))
        before = self.partner_id if "partner_id" in vals else self.browse().partner_id
        if status and "rejection_reason_id" not in vals:
            if status.kind != "rejected":
                vals = dict(vals, rejection_reason_id=False)
        # A day to take the offer up again belongs to its postponement only:
        # kept after it, it would keep the offer "waiting past its date".
        if status and status.kind != "postponed" and "postponed_until" not in vals:
            vals = dict(vals, postponed_until=False)
        result = super().write(vals)
        # Sent, given a status, back to draft: the client's stage follows.
        if {"partner_id", *self._solis_rule_fields("is_offer_sent")} & set(vals):
            (before | self.partner_id)._solis_recompute_offer_stage()
        if {"state", "offer_status_id"} & set(vals):
            self._close_followups_of_closed_offers()
        if vals.get("state") == "sent":
            self.filtered(
                lambda order: not order.offer_status_id and order.state == "sent"
            )._set_offer_status("initiated")
        return result

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if kwargs.get("subtype_xmlid") == "sale.mt_order_viewed":
            self.filtered(
                lambda order: (
                    order.state in ("draft", "sent")
                    and order.offer_status_kind in (False, "initiated")
                )
            )._set_offer_status("confirmed")
        return message

    def _confirmation_error_message(self):
        # Only the latest version of a renegotiated offer can become an order.
        if self.next_offer_ids:
            return self.env._(
                "%(offer)s was renegotiated as %(next)s: confirm the latest "
                "version instead.",
                offer=self.name,
                next=self.next_offer_ids[:1].name,
            )
        return super()._confirmation_error_message()

    def _prepare_confirmation_values(self):
        # In the same write as the state, so that no order is ever both
        # confirmed and still "in follow-up".
        values = super()._prepare_confirmation_values()
        accepted = self._offer_status_of_kind("accepted", automatic=True)
        return {**values, "offer_status_id": accepted.id, "rejection_reason_id": False}

    def action_draft(self):
        superseded = self.filtered("next_offer_ids")
        if superseded:
            raise UserError(
                self.env._(
                    "%(offer)s was renegotiated as %(next)s: only the latest "
                    "version can be taken up again.",
                    offer=superseded[0].name,
                    next=superseded[0].next_offer_ids[:1].name,
                )
            )
        return super().action_draft()

    def _action_confirm(self):
        result = super()._action_confirm()
        # sudo: a rep confirms orders without the right to edit partners; the
        # client stops being a prospect all the same.
        self.partner_id.commercial_partner_id.sudo().filtered("is_prospect").write(
            {"is_prospect": False}
        )
        return result

    def _offer_status_of_kind(self, kind, automatic=False):
        """The status of ``kind`` for these orders' companies. When none is
        active, an automatic change (sending, viewing, confirming) is skipped
        and logged, so that Odoo's own flow never fails because of the
        addon's configuration; a rep's button says what is missing."""
        status = self.env["solis.offer.status"].search(
            [("kind", "=", kind), ("company_id", "in", [False, *self.company_id.ids])],
            limit=1,
        )
        if not status:
            label = dict(OFFER_STATUS_KINDS)[kind]
            if automatic:
                _logger.info(
                    "No active offer status of kind %s: %s left as they were.",
                    kind,
                    self.mapped("name"),
                )
            else:
                raise UserError(
                    self.env._(
                        "No offer status “%(kind)s” is active: ask a sales "
                        "administrator to restore one.",
                        kind=label,
                    )
                )
        return status

    def _set_offer_status(self, kind, **values):
        if not self:
            return
        status = self._offer_status_of_kind(kind, automatic=kind in AUTOMATIC_KINDS)
        if status:
            self.write({"offer_status_id": status.id, **values})

    def _offer_paths_of_write(self, vals):
        """The orders a write of ``vals`` moves along their offer's path, and
        the method that writes them: an open offer cancelled (whichever way:
        Odoo's Cancel, its wizard, the client declining on the portal) is
        closed; a closed one set back to quotation is open again; a postponed
        status written directly gets its day and reminder."""
        context = self.env.context
        if "offer_status_id" not in vals and vals.get("state") == "cancel":
            orders = self.filtered(
                lambda order: (
                    context.get("solis_offer_closing")
                    or (order.is_offer_sent and order.is_open_offer)
                )
            )
            return orders, orders._cancel_open_offers
        if "offer_status_id" not in vals and vals.get("state") == "draft":
            orders = self.filtered(
                lambda order: order.offer_status_kind in CLOSED_OFFER_KINDS
            )
            return orders, orders._reopen_closed_offers
        status = self.env["solis.offer.status"].browse(vals.get("offer_status_id"))
        if status.kind == "postponed" and not context.get("solis_postponing"):
            orders = self.filtered(lambda order: order.offer_status_kind != "postponed")
            return orders, orders._write_postponed_status
        return self.browse(), None

    def _reopen_closed_offers(self, vals):
        """A quotation again (Set to Quotation): the closed offer is an open
        one again, its closed status and reason no longer hold."""
        initiated = self._offer_status_of_kind("initiated")
        return self.write(
            {**vals, "offer_status_id": initiated.id, "rejection_reason_id": False}
        )

    def _cancel_open_offers(self, vals):
        """Cancel open offers with ``vals``, closed as their caller says in
        the context's ``solis_offer_closing`` (renegotiated, rejected for
        a reason), else as rejected for other reasons, which their chatter
        says: in the same write as the state, so that no cancelled offer is
        ever still open."""
        closing = self.env.context.get("solis_offer_closing")
        if closing:
            return self.write({**vals, **closing})
        reason = self._other_rejection_reason()
        rejected = self._offer_status_of_kind("rejected")
        self.write(
            {**vals, "offer_status_id": rejected.id, "rejection_reason_id": reason.id}
        )
        for order in self:
            order.message_post(
                body=self.env._(
                    "Cancelled while open: the offer counts as rejected for "
                    "“%(reason)s”. Reject it instead to give the client's reason.",
                    reason=reason.name,
                )
            )
        return True

    def _other_rejection_reason(self):
        reason = self.env.ref(
            "solis_sales_process.offer_rejection_reason_other",
            raise_if_not_found=False,
        )
        if not reason:
            raise UserError(
                self.env._(
                    "Cancelling an open offer rejects it for “Other reasons”, "
                    "which no longer exists: use Reject and give the reason."
                )
            )
        return reason

    def _close_followups_of_closed_offers(self):
        """An offer accepted, rejected or renegotiated needs no more taking
        up: its offer follow-ups are marked done, so that My Day and the daily
        e-mail stop listing them."""
        closed = self - self._solis_rule_filter("is_open_offer")
        if not closed:
            return
        followup_type = self.env.ref(
            "solis_sales_process.mail_activity_type_offer_followup",
            raise_if_not_found=False,
        )
        # sudo: whoever may close the offer closes its reminders, also those
        # of another user (the rep's, set by a team lead's postponement).
        activities = closed.sudo().activity_ids.filtered(
            lambda activity: activity.activity_type_id == followup_type
        )
        if activities:
            activities.action_feedback(
                feedback=self.env._("The offer is closed: no more follow-up.")
            )

    def _ensure_open_offer(self):
        closed = self - self._solis_rule_filter("is_open_offer")
        if closed:
            raise UserError(
                self.env._(
                    "%(offer)s is no longer an open offer.", offer=closed[0].name
                )
            )

    @api.model
    def get_import_templates(self):
        # Offered to whoever may create such records: the import screen.
        self.check_access("create")
        return [
            *super().get_import_templates(),
            {
                "label": self.env._("Import Template for Offers (Sales Process)"),
                "template": "/solis_sales_process/static/xls/solis_offers_import_template.csv",
            },
        ]

    def action_offer_confirm_receipt(self):
        self._ensure_open_offer()
        self._set_offer_status("confirmed")

    def action_offer_follow_up(self):
        self._ensure_open_offer()
        self._set_offer_status("followup")

    def action_offer_reject(self):
        self._ensure_open_offer()
        return self._open_offer_wizard("solis.offer.reject", self.env._("Reject Offer"))

    def action_offer_postpone(self):
        self._ensure_open_offer()
        return self._open_offer_wizard(
            "solis.offer.postpone", self.env._("Postpone Offer")
        )

    def _reject_offer(self, reason, note=False):
        """Cancel the quotations as rejected for ``reason`` (a rejection
        reason); they stay readable and count as rejected. ``note`` is posted
        on each offer, for whoever reads it later."""
        self.check_access("write")
        self._ensure_open_offer()
        rejected = self._offer_status_of_kind("rejected")
        self.with_context(
            solis_offer_closing={
                "offer_status_id": rejected.id,
                "rejection_reason_id": reason.id,
            }
        )._action_cancel()
        if note:
            for order in self:
                order.message_post(body=note)

    def _postpone_offer(self, until, note=False):
        """Postpone the offers to the day ``until`` (after today): their rep
        gets a follow-up activity on that day, about ``note``."""
        self.check_access("write")
        self._ensure_open_offer()
        if until <= fields.Date.context_today(self):
            raise ValidationError(
                self.env._("An offer is postponed to a day after today.")
            )
        self.with_context(solis_postponing=True)._set_offer_status(
            "postponed", postponed_until=until
        )
        for order in self:
            order.activity_schedule(
                "solis_sales_process.mail_activity_type_offer_followup",
                date_deadline=until,
                user_id=(order.user_id or self.env.user).id,
                summary=note
                or self.env._("Take up postponed offer %(offer)s", offer=order.name),
            )

    def _write_postponed_status(self, vals):
        """Postpone as the Postpone button does when the status is written
        directly (a call, an import of changes): to its day, with the rep's
        reminder."""
        until = fields.Date.to_date(vals.get("postponed_until"))
        if not until:
            raise ValidationError(
                self.env._(
                    "%(offer)s cannot be postponed without the day to take it up "
                    "again: use Postpone, which asks for it.",
                    offer=self[:1].name,
                )
            )
        others = {
            name: value
            for name, value in vals.items()
            if name not in ("offer_status_id", "postponed_until")
        }
        if others:
            self.write(others)
        self._postpone_offer(until)
        return True

    def _open_offer_wizard(self, model, title):
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def action_offer_renegotiate(self):
        """Close this version and open the next one, lines and visits carried over."""
        self.ensure_one()
        self._ensure_open_offer()
        next_version = self.copy(
            {
                "previous_offer_id": self.id,
                "offer_origin_id": (self.offer_origin_id or self).id,
                "offer_version": self.offer_version + 1,
                "visit_ids": [fields.Command.set(self.visit_ids.ids)],
            }
        )
        renegotiated = self._offer_status_of_kind("renegotiated")
        self.with_context(
            solis_offer_closing={"offer_status_id": renegotiated.id}
        )._action_cancel()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": next_version.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_open_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "solis_sales_process.solis_visit_action"
        )
        action["domain"] = [("id", "in", self.visit_ids.ids)]
        action["context"] = {
            "default_partner_id": self.partner_id.commercial_partner_id.id
        }
        return action
