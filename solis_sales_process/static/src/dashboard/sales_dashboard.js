import { Component, markup, onMounted, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { download } from "@web/core/network/download";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { KeepLast } from "@web/core/utils/concurrency";
import { useService } from "@web/core/utils/hooks";
import { escape } from "@web/core/utils/strings";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { DashboardSection } from "./dashboard_section/dashboard_section";
import {
    FILTER_KEYS,
    MAX_MONTHS,
    filterArguments,
    positiveInteger,
    readFilters,
    shiftPeriod,
    workbookData,
} from "./dashboard_utils";
import { DashboardPeriodPicker } from "./period_picker/period_picker";
import { DashboardRepsTable } from "./reps_table/reps_table";

export const WORKBOOK_URL = "/solis_sales_process/workbook";

/**
 * The manager's dashboard (client action ``solis_sales_dashboard``): the
 * filters, kept in the URL and the breadcrumbs, and what the server answers
 * for them, drawn by the section, card, funnel and reps' table components.
 * Every figure opens the list it counts.
 */
export class SalesDashboard extends Component {
    static template = "solis_sales_process.SalesDashboard";
    static components = { Layout, DashboardPeriodPicker, DashboardRepsTable, DashboardSection };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        const action = this.props.action;
        const given = {
            ...(action.context?.params || {}),
            ...(action.params || {}),
            ...(this.props.state?.filters || {}),
        };
        this.state = useState({
            // Read once the server has said which kinds of period it offers.
            filters: readFilters(given),
            choices: { periods: [], reps: [], teams: [] },
            data: null,
            loading: true,
        });
        // The filters may change again before the server answers: only the
        // answer to the latest change is shown, however late the others come.
        this.keepLast = new KeepLast();
        useSetupAction({ getLocalState: () => ({ filters: { ...this.state.filters } }) });
        onWillStart(async () => {
            const choices = await this.orm.call("solis.sales.dashboard", "get_choices", []);
            this.state.choices = choices;
            this.state.filters = readFilters(
                given,
                choices.periods.map(({ kind }) => kind)
            );
            await this.load();
        });
        onMounted(() => this.pushUrl());
    }

    async load() {
        this.state.loading = true;
        const data = await this.keepLast.add(
            this.orm.call(
                "solis.sales.dashboard",
                "get_dashboard",
                [],
                filterArguments(this.state.filters)
            )
        );
        this.state.data = data;
        this.state.loading = false;
        this.pushUrl();
    }

    pushUrl() {
        const state = {};
        for (const key of FILTER_KEYS) {
            state[key] = this.state.filters[key] || undefined;
        }
        this.props.updateActionState?.(state);
    }

    async setFilter(key, value) {
        const filters = this.state.filters;
        filters[key] = value;
        // A rep or a team, not both.
        if (key === "user_id" && value) {
            filters.team_id = false;
        } else if (key === "team_id" && value) {
            filters.user_id = false;
        }
        await this.load();
    }

    onRepChange(ev) {
        const [kind, id] = ev.target.value.split(":");
        const value = positiveInteger(id);
        if (kind === "team") {
            this.state.filters.user_id = false;
            return this.setFilter("team_id", value);
        }
        this.state.filters.team_id = false;
        return this.setFilter("user_id", value);
    }

    get repValue() {
        const { user_id, team_id } = this.state.filters;
        return team_id ? `team:${team_id}` : user_id ? `user:${user_id}` : "";
    }

    onMonthsChange(ev) {
        const months = positiveInteger(ev.target.value);
        return this.setFilter("months", months && Math.min(months, MAX_MONTHS));
    }

    onPeriod(period) {
        return this.setFilter("period", period);
    }

    onMove(count) {
        const { date_from } = this.state.data;
        const { period } = this.state.filters;
        const { step } = this.state.choices.periods.find(({ kind }) => kind === period) || {};
        return this.setFilter("date", shiftPeriod(date_from, step, count));
    }

    openList(name, model, domain) {
        if (!model || !domain) {
            return;
        }
        // How a list of this model is shown: the server says it.
        const { views, help } = this.state.data.lists[model];
        return this.action.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: model,
            domain,
            views,
            target: "current",
            context: { create: false },
            // A figure of 0 lists nothing: say so, instead of the greyed
            // sample records Odoo shows in an empty list.
            useSampleModel: false,
            help: this.emptyListHelp(name, help),
        });
    }

    emptyListHelp(name, nothing) {
        const title = _t("%(list)s: none", { list: name });
        return markup(
            `<p class="o_view_nocontent_empty_folder">${escape(title)}</p><p>${escape(nothing)}</p>`
        );
    }

    openCard(card, previous = false) {
        const name = previous ? `${card.label} (${this.state.data.previous_label})` : card.label;
        return this.openList(name, card.model, previous ? card.previous_domain : card.domain);
    }

    openRep(row) {
        this.state.filters.team_id = false;
        return this.setFilter("user_id", row.user_id);
    }

    downloadWorkbook() {
        return download({ url: WORKBOOK_URL, data: workbookData(this.state.filters) });
    }

    async previewDigest() {
        const userId = this.state.filters.user_id || this.state.data.user_id || user.userId;
        const action = await this.orm.call("res.users", "action_preview_sales_digest", [[userId]]);
        return this.action.doAction(action);
    }
}

registry.category("actions").add("solis_sales_dashboard", SalesDashboard);
