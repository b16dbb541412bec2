import logging
import threading

from odoo import api, models
from odoo.tools import str2bool

from ..tools.clock import rep_today, timezone
from ..tools.compat import USER_GROUPS
from ..tools.plural import count_text

_logger = logging.getLogger(__name__)


class SolisSalesDigest(models.AbstractModel):
    """The daily e-mail: which clients must I contact today, and which did I
    forget yesterday or before? What is due, and how late, is My Day's."""

    _name = "solis.sales.digest"
    _description = "Daily Sales E-mail"

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    def _setting(self, key):
        # Settings store a checked box as "True" and delete the unchecked one.
        # sudo: system parameters are the administrator's; every rep's e-mail
        # (and its preview) follows them.
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"solis_sales_process.{key}", "False")
        )
        return str2bool(value, default=False)

    @api.model
    def _recipients(self):
        salesmen = self.env.ref("sales_team.group_sale_salesman")
        # sudo: the job lists every rep of every company, whoever its user.
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("share", "=", False),
                    ("is_sales_digest_enabled", "=", True),
                    (USER_GROUPS, "in", salesmen.ids),
                ]
            )
        )

    @staticmethod
    def _user_today(user):
        return rep_today(user)

    # ------------------------------------------------------------------
    # Content
    # ------------------------------------------------------------------
    def _digest_values(self, user, day):
        """What goes into ``user``'s e-mail for ``day`` (his own calendar day).

        Read with the rights of the environment: the job reads as its
        recipient; a preview shows its user only what he may read himself."""
        # What is due and how late: My Day's rule, however late (an answered
        # follow-up is closed by the visit that answers it).
        rows = self._activity_rows(user, day) + self._planned_visit_rows(user, day)
        today = [row for row in rows if row["days_late"] == 0]
        yesterday = [row for row in rows if row["days_late"] == 1]
        earlier = [row for row in rows if row["days_late"] > 1]
        for section in (today, yesterday, earlier):
            section.sort(key=lambda row: (row["days_late"], row["client"]))
        values = {
            "day": day,
            "user_name": user.name,
            "today": today,
            "yesterday": yesterday,
            # The key the shipped template names this section by.
            "last_week": earlier,
            # The titles the template's own list does not hold (so that
            # every language's copy of the noupdate template gets them).
            "section_titles": {"last_week": self.env._("Forgotten earlier")},
            "important_overdue": 0,
            "important_overdue_url": False,
            "offers_waiting": 0,
            "offers_waiting_url": False,
        }
        if self._setting("digest_important_clients"):
            # Seen on the rep's own day (the preview's day included): the
            # client's rules, which the coverage report's rows are made of.
            values["important_overdue"] = (
                self.env["res.partner"]
                .with_context(solis_today=day, tz=timezone(user.tz).zone)
                .search_count(self._important_overdue_domain(user))
            )
            values["important_overdue_url"] = self._url(
                "/odoo/action-solis_sales_process.solis_client_coverage_report_action"
            )
        if self._setting("digest_waiting_offers"):
            values["offers_waiting"] = self.env["sale.order"].search_count(
                self._waiting_offers_domain(user, day)
            )
            values["offers_waiting_url"] = self._url(
                "/odoo/action-solis_sales_process.sale_order_action_offers"
            )
        values["important_overdue_text"] = count_text(
            self.env,
            values["important_overdue"],
            self.env._(
                "%(count)s important client has not been visited within the "
                "interval of his class."
            ),
            self.env._(
                "%(count)s important clients have not been visited within the "
                "interval of their class."
            ),
        )
        values["offers_waiting_text"] = count_text(
            self.env,
            values["offers_waiting"],
            self.env._(
                "%(count)s offer is waiting for the client's answer past its "
                "follow-up date."
            ),
            self.env._(
                "%(count)s offers are waiting for the client's answer past their "
                "follow-up date."
            ),
        )
        values["has_content"] = bool(
            today
            or yesterday
            or earlier
            or values["important_overdue"]
            or values["offers_waiting"]
        )
        return values

    def _important_overdue_domain(self, user):
        return [
            ("user_id", "=", user.id),
            ("is_sales_process_client", "=", True),
            ("is_important_client", "=", True),
            ("is_visit_overdue", "=", True),
        ]

    def _waiting_offers_domain(self, user, day):
        return [
            ("user_id", "=", user.id),
            ("is_open_offer", "=", True),
            ("offer_status_id", "!=", False),
            "|",
            ("postponed_until", "<", day),
            ("activity_ids.date_deadline", "<", day),
        ]

    def _activity_rows(self, user, day):
        my_day = self.env["solis.my.day"]
        activities = self.env["mail.activity"].search(
            my_day._due_followups_domain(user, day)
        )
        # One read per model for all the records behind the activities; a
        # preview leaves out those its user may not read (the job, as
        # superuser, reads them all).
        records = my_day._readable_records(activities)
        rows = []
        for activity in activities:
            record = records.get((activity.res_model, activity.res_id))
            if not record:
                continue
            client, contact = my_day._client_and_contact(record)
            rows.append(
                self._row(
                    client,
                    contact,
                    activity.summary or activity.activity_type_id.name,
                    activity.res_model,
                    activity.res_id,
                    my_day._days_late(day, activity.date_deadline),
                )
            )
        return rows

    def _planned_visit_rows(self, user, day):
        my_day = self.env["solis.my.day"]
        tz = timezone(user.tz)
        visits = self.env["solis.visit"].search(
            my_day._due_planned_visits_domain(user, tz, day)
        )
        return [
            self._row(
                visit.partner_id,
                visit.contact_id,
                visit.name or self.env._("Planned %(type)s", type=visit.type_id.name),
                "solis.visit",
                visit.id,
                my_day._days_late(day, my_day._planned_day(visit, tz)),
            )
            for visit in visits
        ]

    def _row(self, client, contact, what, model, res_id, days_late):
        reachable = contact or client
        return {
            "client": client.name or "",
            "contact": contact.name or "",
            "phone": reachable.phone or client.phone or "",
            "what": what or "",
            "url": self._url(f"/mail/view?model={model}&res_id={res_id}"),
            "res_model": model,
            "res_id": res_id,
            "days_late": days_late,
        }

    def _url(self, path):
        # sudo: the server's address is a system parameter.
        return (
            self.env["ir.config_parameter"].sudo().get_param("web.base.url", "") + path
        )

    # ------------------------------------------------------------------
    # Rendering and sending
    # ------------------------------------------------------------------
    def _template(self):
        return self.env.ref("solis_sales_process.mail_template_sales_digest")

    def _render(self, user, day):
        """The e-mail as ``(subject, body)``, in the rep's language."""
        values = self.with_context(lang=user.lang)._digest_values(user, day)
        # sudo: the template is the administrator's; rendering it (values
        # already read with the reader's rights) needs no template right.
        template = self._template().sudo().with_context(sales_digest=values)
        subject = template._render_field("subject", user.ids, compute_lang=True)[
            user.id
        ]
        body = template._render_field(
            "body_html", user.ids, compute_lang=True, options={"post_process": True}
        )[user.id]
        return values, subject, body

    def _send(self, user, day):
        """Queue the e-mail for ``user`` if it has something in it."""
        # Read with the recipient's own rights, in all his companies: his
        # e-mail lists only what he may open himself (not a visit of a
        # company he has left, nor one given to him by mistake).
        reader = self.with_user(user).with_context(
            lang=user.lang, allowed_company_ids=user.company_ids.ids
        )
        values = reader._digest_values(user, day)
        if values["has_content"] and user.email:
            # sudo: the template is the administrator's; the job sends it.
            self._template().sudo().with_context(sales_digest=values).send_mail(
                user.id,
                force_send=False,
                email_layout_xmlid="mail.mail_notification_light",
            )
        # sudo: the day handled is the job's bookkeeping on the user, which no
        # user writes (read-only to him).
        user.sudo().sales_digest_date = day
        return values["has_content"]

    @api.model
    def _cron_send_sales_digest(self, batch_size=50):
        """Send each rep his e-mail once per day (his day), in batches.

        Each batch is committed, so that an interrupted run resumes where it
        stopped and sends nobody a second mail; Odoo's cron calls the job
        again while ``remaining`` is not zero.
        """
        Cron = self.env["ir.cron"]
        # sudo: the job lists every rep of every company, whatever the cron's
        # user may read; each e-mail is read with its recipient's rights.
        digest = self.sudo()
        if not digest._setting("digest_enabled"):
            Cron._notify_progress(done=0, remaining=0)
            return
        pending = digest._recipients().filtered(
            lambda user: user.sales_digest_date != digest._user_today(user)
        )
        batch = pending[:batch_size]
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        for user in batch:
            day = digest._user_today(user)
            try:
                with digest.env.cr.savepoint():
                    digest._send(user, day)
            except Exception:
                # One rep's broken data must not keep the others from their mail.
                _logger.exception(
                    "The daily sales e-mail of %s could not be built.", user.login
                )
                user.sales_digest_date = day
        if auto_commit:
            # Each batch is kept, so that an interrupted run resumes and sends
            # nobody a second mail (Odoo's own crons commit per batch too).
            self.env.cr.commit()  # pylint: disable=invalid-commit
        Cron._notify_progress(done=len(batch), remaining=len(pending) - len(batch))
