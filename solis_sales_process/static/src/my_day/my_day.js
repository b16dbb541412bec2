import { Component, onWillStart, useState } from "@odoo/owl";
import { deserializeDate, deserializeDateTime, formatDate } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { countText } from "../plural";

export class MyDay extends Component {
    static template = "solis_sales_process.MyDay";
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.state = useState({ data: null, loading: true });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.loading = true;
        this.state.data = await this.orm.call("solis.my.day", "get_my_day", []);
        this.state.loading = false;
    }

    get lateCount() {
        return this.state.data.items.filter((item) => item.days_late > 0).length;
    }

    get todayCount() {
        return this.state.data.items.length - this.lateCount;
    }

    get todayLabel() {
        return formatDate(deserializeDate(this.state.data.today));
    }

    whenLabel(item) {
        if (item.days_late > 0) {
            return countText(
                item.days_late,
                _t("%(count)s day late"),
                _t("%(count)s days late")
            );
        }
        if (item.kind === "planned") {
            // The time as the user's language writes it (9:00 AM, 09:00).
            return _t("Today at %(time)s", {
                time: deserializeDateTime(item.visit_date).toLocaleString(
                    luxon.DateTime.TIME_SIMPLE
                ),
            });
        }
        return _t("Today");
    }

    kindLabel(item) {
        if (item.kind === "planned") {
            return _t("Planned visit");
        }
        return item.kind === "offer_followup" ? _t("Offer follow-up") : _t("Follow-up");
    }

    telUrl(phone) {
        // A dialer takes the digits and a leading +, not the spaces and dots
        // of a number written for reading.
        return `tel:${phone.replace(/[^0-9+]/g, "")}`;
    }

    lastContactLabel(item) {
        const last = item.client.last_contact;
        return last ? formatDate(deserializeDateTime(last)) : _t("never");
    }

    openRecord(model, id) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: model,
            res_id: id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    openOffers(item) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("Open Offers of %(client)s", { client: item.client.name }),
            res_model: "sale.order",
            domain: [
                ["partner_id", "child_of", item.client.id],
                ["is_open_offer", "=", true],
            ],
            views: [
                [false, "kanban"],
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }

    async logVisit(item) {
        if (!item.visit_id) {
            // A postponed offer's day: the offer itself, to call and update.
            return this.openRecord(item.res_model, item.res_id);
        }
        const action = await this.orm.call("solis.visit", "action_log_answer", [
            [item.visit_id],
        ]);
        return this.action.doAction(action, { onClose: () => this.load() });
    }

    openTheRest() {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("My Day"),
            res_model: "solis.visit",
            domain: this.state.data.more_domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }

    async makeHome() {
        await this.orm.call("solis.my.day", "action_make_my_home", []);
        this.state.data.is_home = true;
        this.notification.add(_t("My Day now opens when you log in."), { type: "success" });
    }
}

registry.category("actions").add("solis_my_day", MyDay);
