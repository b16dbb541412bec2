from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..tools.clock import user_tz
from ..tools.compat import boolean_search, search_method

VISIT_STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class SolisVisit(models.Model):
    """One contact with a client: a call, a meeting, a video call, a request.

    Together the visits of a client are the history of the relationship, and
    the next contact date of a visit is the follow-up that keeps a postponed
    talk alive: it is planned as an activity of the rep.
    """

    _name = "solis.visit"
    _description = "Visit"
    _inherit = ["mail.thread", "mail.activity.mixin", "solis.addon.written.mixin"]
    _order = "visit_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        check_company=True,
        domain="[('parent_id', '=', partner_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Sales Rep",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    visit_date = fields.Datetime(
        string="Date",
        required=True,
        index=True,
        tracking=True,
        default=fields.Datetime.now,
    )
    type_id = fields.Many2one(
        "solis.visit.type",
        required=True,
        tracking=True,
        check_company=True,
        default=lambda self: self._default_type_id(),
    )
    status_id = fields.Many2one(
        "solis.visit.status",
        required=True,
        tracking=True,
        check_company=True,
        default=lambda self: self._default_status_id(),
    )
    status_kind = fields.Selection(related="status_id.kind", store=True, readonly=True)
    state = fields.Selection(
        VISIT_STATES, required=True, default="done", index=True, tracking=True
    )
    duration = fields.Float(help="Duration of the contact, in hours.")
    description = fields.Html(string="What Was Said")
    # What the client was when the visit was made: reclassifying him, or
    # his first order, does not rewrite last year's visits.
    client_class_id = fields.Many2one(
        "solis.client.class",
        compute="_compute_client_snapshot",
        store=True,
        precompute=True,
        readonly=True,
        index="btree_not_null",
        check_company=True,
        help="The client's class when the visit was made.",
    )
    client_was_prospect = fields.Boolean(
        string="Prospect at the Time",
        compute="_compute_client_snapshot",
        store=True,
        precompute=True,
        readonly=True,
        help="The client was a prospect when the visit was made.",
    )
    # Stored so that "led to an offer" compares two dates of the visit's own
    # row: the rule depends on the reader's timezone and cannot be stored.
    latest_offer_date = fields.Datetime(
        string="Latest Offer's Date",
        compute="_compute_latest_offer_date",
        store=True,
        readonly=True,
        copy=False,
        help="The offer date of the latest offer made from this visit (for a "
        "renegotiated offer: of its first version). A quotation never sent is "
        "not an offer.",
    )
    is_offer_origin = fields.Boolean(
        string="Led to an Offer",
        compute="_compute_is_offer_origin",
        search="_search_is_offer_origin",
        help="An offer was made from this visit: it is linked to an offer "
        "made on the day of the visit or later (the follow-up visits of an "
        "offer did not lead to it).",
    )
    offer_ids = fields.Many2many(
        "sale.order",
        "solis_visit_sale_order_rel",
        "visit_id",
        "order_id",
        string="Offers",
        copy=False,
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    offer_count = fields.Integer(compute="_compute_offer_count")

    def init(self):
        result = super().init()
        # A client's figures are aggregated from his done (or planned)
        # visits by date: one index range per client, whatever his history.
        create_index(
            self.env.cr,
            "solis_visit_partner_state_date_index",
            self._table,
            ["partner_id", "state", "visit_date"],
        )
        # A rep's visits of a period: the daily e-mail, his own answers.
        create_index(
            self.env.cr,
            "solis_visit_user_date_index",
            self._table,
            ["user_id", "visit_date"],
        )
        # A period's visits counted for the dashboard and its trends (a year
        # of them): everything the counts read is in the index, so that
        # PostgreSQL answers from it without reading the table.
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS solis_visit_period_index
                   ON solis_visit (visit_date)
                   INCLUDE (id, state, user_id, type_id, company_id, partner_id,
                            client_class_id, latest_offer_date, checkin_status)"""
        )
        return result

    def _default_type_id(self):
        return self.env["solis.visit.type"].search(
            [("company_id", "in", [False, self.env.company.id])], limit=1
        )

    def _default_status_id(self):
        client = self.env["res.partner"].browse(
            self.env.context.get("default_partner_id")
        )
        return self._status_for_client(client)

    def _status_for_client(self, client):
        """The status of a new visit to ``client``: an initial contact while
        nobody has contacted him yet, a contact after."""
        client = client.exists().commercial_partner_id
        statuses = self._statuses_for_clients(client.ids)
        return statuses.get(client.id, statuses[False])

    def _statuses_for_clients(self, client_ids):
        """``{client id: status}`` for new visits to these clients, and under
        False the status of a visit to a client not known yet. Statuses are
        found by their kind, so that one renamed by an administrator is still
        the one chosen; one query for all the clients (an import)."""
        contacted = set()
        if client_ids:
            # sudo: another rep's visit (or another company's) is history
            # all the same, even if this rep may not read it.
            contacted = {
                client.id
                for [client] in self.sudo()._read_group(
                    [("partner_id", "in", client_ids), ("state", "=", "done")],
                    ["partner_id"],
                )
            }
        statuses = self.env["solis.visit.status"].search(
            [("company_id", "in", [False, self.env.company.id])]
        )

        def of_kind(kind):
            return (
                statuses.filtered(lambda status: status.kind == kind)[:1]
                or statuses[:1]
            )

        initial, contact = of_kind("initial_contact"), of_kind("contact")
        return {
            False: initial,
            **{
                client_id: contact if client_id in contacted else initial
                for client_id in client_ids
            },
        }

    @api.depends("user_id")
    def _compute_team_id(self):
        for visit in self:
            visit.team_id = visit.user_id.sale_team_id

    @api.depends("partner_id")
    def _compute_client_snapshot(self):
        for visit in self:
            visit.client_class_id = visit.partner_id.client_class_id
            visit.client_was_prospect = visit.partner_id.is_prospect

    def _offer_origin_sql(self):
        """The ids of the visits an offer came from: linked to an offer whose
        chain began on the visit's day or later (the user's days)."""
        return SQL(
            "SELECT v.id FROM solis_visit v WHERE %s",
            self._offer_origin_condition("v"),
        )

    def _offer_origin_condition(self, alias):
        """Whether the visit row ``alias`` led to an offer: the two dates of
        the row, compared on the user's days."""
        tz = user_tz(self.env).zone
        return SQL(
            """%(offer)s IS NOT NULL
               AND (%(visit)s AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                <= (%(offer)s AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date""",
            offer=SQL.identifier(alias, "latest_offer_date"),
            visit=SQL.identifier(alias, "visit_date"),
            tz=tz,
        )

    def _answer_pass_row_conditions(self, alias):
        """``{domain term: SQL}``: the terms a pass over the visits tests on
        the row itself, the same visits as the term's search finds among them
        (its search looks the row up in the table again)."""
        return {("is_offer_origin", "=", True): self._offer_origin_condition(alias)}

    @api.depends(
        "offer_ids.offer_date",
        "offer_ids.offer_origin_id.offer_date",
        # What makes a quotation an offer (sale.order's rule is_offer_sent).
        "offer_ids.state",
        "offer_ids.offer_status_id",
        "offer_ids.offer_origin_id",
    )
    def _compute_latest_offer_date(self):
        sent = self.env["sale.order"]._solis_rule_domain("is_offer_sent")
        for visit in self:
            # sudo: an offer of the visit the user may not read (another
            # rep's, another company's) still dates it for everybody.
            dates = [
                offer.offer_origin_id.offer_date or offer.offer_date
                for offer in visit.sudo().offer_ids.filtered_domain(sent)
            ]
            visit.latest_offer_date = max(filter(None, dates), default=False)

    @api.depends("latest_offer_date", "visit_date")
    @api.depends_context("tz", "uid")
    def _compute_is_offer_origin(self):
        origins = set()
        if self.ids:
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM (%s) o WHERE id = ANY(%s)",
                    self._offer_origin_sql(),
                    self.ids,
                )
            )
            origins = {row[0] for row in self.env.cr.fetchall()}
        for visit in self:
            visit.is_offer_origin = visit.id in origins

    @search_method
    def _search_is_offer_origin(self, operator, value):
        return boolean_search(
            operator,
            value,
            lambda: [("id", "in", SQL("(%s)", self._offer_origin_sql()))],
            lambda: [("id", "not in", SQL("(%s)", self._offer_origin_sql()))],
        )

    @api.depends("offer_ids")
    def _compute_offer_count(self):
        for visit in self:
            visit.offer_count = len(visit.offer_ids)

    @api.depends("partner_id.name", "name", "type_id.name")
    def _compute_display_name(self):
        for visit in self:
            parts = [visit.partner_id.name, visit.name or visit.type_id.name]
            visit.display_name = " – ".join(part for part in parts if part)

    @api.constrains("user_id", "company_id")
    def _check_rep(self):
        # The rep reads his visit in his list, calendar and daily e-mail:
        # one who may not read it is not given it, on any path (a form, an
        # import, a team lead's move, the client's new rep).
        for visit in self:
            visit._check_rep_may_hold(visit.user_id)

    def _check_rep_may_hold(self, user):
        """Refuse ``user`` as the rep of these visits, or of their follow-ups,
        unless he has sales rights in each visit's company."""
        for visit in self:
            if not user._solis_is_sales_rep_of(visit.company_id):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a sales rep of %(company)s: a visit goes "
                        "to a user with sales rights in the visit's company.",
                        user=user.sudo().display_name,
                        company=visit.company_id.sudo().display_name,
                    )
                )

    @api.constrains("duration")
    def _check_duration(self):
        if any(visit.duration < 0 for visit in self):
            raise ValidationError(self.env._("A visit cannot last a negative time."))

    @api.constrains("partner_id", "contact_id")
    def _check_contact_of_client(self):
        for visit in self:
            if visit.contact_id and (
                visit.contact_id.commercial_partner_id
                != visit.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact person of %(client)s.",
                        contact=visit.contact_id.name,
                        client=visit.partner_id.name,
                    )
                )

    @api.constrains("partner_id", "offer_ids")
    def _check_offers_of_client(self):
        for visit in self:
            for order in visit.offer_ids:
                visit._check_offer_of_client(order)

    def _check_offer_of_client(self, order):
        client = order.partner_id.commercial_partner_id
        if client != self.partner_id.commercial_partner_id:
            raise ValidationError(
                self.env._(
                    "Offer %(offer)s is for %(offer_client)s; it cannot be linked to "
                    "a visit to %(visit_client)s.",
                    offer=order.name,
                    offer_client=client.name,
                    visit_client=self.partner_id.name,
                )
            )

    @api.constrains("client_class_id", "company_id")
    def _check_client_class_company(self):
        for visit in self:
            # sudo: the class of another company is what is looked for, and
            # its user may not read it.
            client_class = visit.sudo().client_class_id
            if client_class.company_id not in (
                client_class.company_id.browse(),
                visit.company_id,
            ):
                raise ValidationError(
                    self.env._(
                        "The client class of %(client)s belongs to another "
                        "company than the visit.",
                        client=visit.partner_id.display_name,
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id.parent_id:
            self.contact_id = self.partner_id
            self.partner_id = self.partner_id.commercial_partner_id
        elif self.contact_id and self.contact_id.parent_id != self.partner_id:
            self.contact_id = False
        if not self._origin and self.partner_id:
            # A new visit follows its client's history; a logged one keeps
            # the status its rep gave it.
            self.status_id = self._status_for_client(self.partner_id)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._refuse_addon_written_fields(
                vals, self._addon_written_fields(creating=True)
            )
            if not vals.get("partner_id"):
                raise ValidationError(self.env._("A visit needs a client."))
            self._split_client_and_contact(vals)
        without_status = [vals for vals in vals_list if not vals.get("status_id")]
        if without_status:
            statuses = self._statuses_for_clients(
                list({vals["partner_id"] for vals in without_status})
            )
            for vals in without_status:
                vals["status_id"] = statuses[vals["partner_id"]].id
        return super().create(vals_list)

    def write(self, vals):
        self._refuse_addon_written_fields(vals, self._addon_written_fields())
        if (
            vals.get("company_id")
            and not self.env.su
            and vals["company_id"] not in self.env.user.company_ids.ids
        ):
            # Record rules are checked on the visit as it is, not as it
            # becomes: without this a rep could move it out of his reach.
            raise AccessError(
                self.env._("A visit cannot be moved to a company you are not in.")
            )
        if "partner_id" in vals:
            if not vals["partner_id"]:
                raise ValidationError(self.env._("A visit needs a client."))
            self._split_client_and_contact(vals)
        return super().write(vals)

    def _addon_written_fields(self, creating=False):
        """The fields the addon keeps by itself, refused to users: taken
        from the visit's status and client (the answers count visits by
        them), and what each concern of the visit adds. ``creating``: those
        refused on a new visit (the client's snapshot is taken then)."""
        if creating:
            return ("status_kind", "latest_offer_date")
        return (
            "status_kind",
            "client_class_id",
            "client_was_prospect",
            "latest_offer_date",
        )

    def _split_client_and_contact(self, vals):
        """A contact person chosen as client becomes the contact of his company."""
        partner = self.env["res.partner"].browse(vals["partner_id"])
        if partner.parent_id:
            vals["partner_id"] = partner.commercial_partner_id.id
            vals.setdefault("contact_id", partner.id)

    def action_mark_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_plan(self):
        self.write({"state": "planned"})

    def action_create_offer(self):
        """One click from the visit to a quotation for the same client and rep."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_partner_id": (self.contact_id or self.partner_id).id,
                "default_user_id": self.user_id.id,
                "default_team_id": self.team_id.id,
                "default_company_id": self.company_id.id,
                "default_visit_ids": [fields.Command.set(self.ids)],
            },
        }

    def action_open_offers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "solis_sales_process.sale_order_action_offers"
        )
        action["domain"] = [("id", "in", self.offer_ids.ids)]
        action["context"] = {"default_visit_ids": [fields.Command.set(self.ids)]}
        return action
