import { Component, markup, onMounted, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { escape } from "@web/core/utils/strings";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { formatFloat, formatInteger, formatPercentage } from "@web/views/fields/formatters";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const PERIODS = ["week", "month", "quarter", "year"];
// The filters kept in the URL, so that a dashboard can be bookmarked and shared.
const URL_KEYS = ["period", "date", "user_id", "team_id", "months"];

function positiveInteger(value) {
    const number = parseInt(value, 10);
    return Number.isInteger(number) && number > 0 ? number : false;
}

export class SalesDashboard extends Component {
    static template = "solis_sales_process.SalesDashboard";
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.ui = useService("ui");
        const action = this.props.action;
        const given = {
            ...(action.context?.params || {}),
            ...(action.params || {}),
            ...(this.props.state?.filters || {}),
        };
        this.state = useState({
            filters: {
                period: PERIODS.includes(given.period) ? given.period : "month",
                date: /^\d{4}-\d{2}-\d{2}$/.test(given.date || "") ? given.date : false,
                user_id: positiveInteger(given.user_id),
                team_id: positiveInteger(given.team_id),
                months: positiveInteger(given.months),
            },
            choices: { reps: [], teams: [] },
            data: null,
            loading: true,
            sort: { key: "name", descending: false },
        });
        this.request = 0;
        useSetupAction({ getLocalState: () => ({ filters: { ...this.state.filters } }) });
        onWillStart(async () => {
            const [choices] = await Promise.all([
                this.orm.call("solis.sales.dashboard", "get_choices", []),
                this.load(),
            ]);
            this.state.choices = choices;
        });
        onMounted(() => this.pushUrl());
    }

    get periodChoices() {
        return [
            ["week", _t("Week")],
            ["month", _t("Month")],
            ["quarter", _t("Quarter")],
            ["year", _t("Year")],
        ];
    }

    async load() {
        const request = ++this.request;
        this.state.loading = true;
        const { period, date, user_id, team_id, months } = this.state.filters;
        const data = await this.orm.call("solis.sales.dashboard", "get_dashboard", [], {
            period,
            date: date || null,
            user_id: user_id || null,
            team_id: team_id || null,
            months: months || null,
        });
        if (request !== this.request) {
            return; // a later change of the filters is on its way
        }
        this.state.data = data;
        this.state.loading = false;
        this.pushUrl();
    }

    pushUrl() {
        const state = {};
        for (const key of URL_KEYS) {
            state[key] = this.state.filters[key] || undefined;
        }
        this.props.updateActionState?.(state);
    }

    async setFilter(key, value) {
        const filters = this.state.filters;
        filters[key] = value;
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
        return this.setFilter("months", months && Math.min(months, 1200));
    }

    move(step) {
        const [year, month, day] = this.state.data.date_from.split("-").map(Number);
        const first = new Date(Date.UTC(year, month - 1, day));
        const period = this.state.filters.period;
        if (period === "week") {
            first.setUTCDate(first.getUTCDate() + 7 * step);
        } else {
            const months = { month: 1, quarter: 3, year: 12 }[period];
            first.setUTCMonth(first.getUTCMonth() + months * step);
        }
        return this.setFilter("date", first.toISOString().slice(0, 10));
    }

    format(value, kind) {
        if (value === false || value === null || value === undefined) {
            return "–";
        }
        if (kind === "rate") {
            return formatPercentage(value, { digits: [16, 0] });
        }
        if (kind === "median") {
            return formatFloat(value, { digits: [16, 1] });
        }
        if (kind === "days") {
            return _t("%(days)s days", { days: formatFloat(value, { digits: [16, 1] }) });
        }
        return formatInteger(value);
    }

    formatChange(card) {
        if (card.change === false) {
            return "";
        }
        const sign = card.change > 0 ? "+" : card.change < 0 ? "−" : "±";
        const size = Math.abs(card.change);
        if (card.kind === "rate") {
            // Percentage points: a rate's change is not a percentage of it.
            return _t("%(sign)s%(points)s pp", {
                sign,
                points: formatFloat(size * 100, { digits: [16, 0] }),
            });
        }
        if (card.kind === "days") {
            return `${sign}${formatFloat(size, { digits: [16, 1] })}`;
        }
        return `${sign}${formatInteger(size)}`;
    }

    sparkline(trend) {
        const values = trend.map((value) => (value === false ? 0 : value));
        const high = Math.max(...values, 0) || 1;
        const step = values.length > 1 ? 100 / (values.length - 1) : 100;
        return values
            .map((value, index) => `${(index * step).toFixed(1)},${(22 - (value / high) * 20).toFixed(1)}`)
            .join(" ");
    }

    trendTitle(card) {
        const labels = this.state.data.trend_labels;
        return card.trend
            .map((value, index) => `${labels[index]}: ${this.format(value, card.kind)}`)
            .join("\n");
    }

    funnelWidth(stage) {
        const high = Math.max(...this.state.data.funnel.map((s) => s.value), 1);
        return `${Math.max((stage.value / high) * 100, stage.value ? 1 : 0)}%`;
    }

    openList(name, model, domain) {
        if (!model || !domain) {
            return;
        }
        const coverage = model === "solis.client.coverage.report";
        return this.action.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: model,
            domain,
            views: coverage ? [[false, "list"]] : [[false, "list"], [false, "form"]],
            target: "current",
            context: { create: false },
            // A figure of 0 lists nothing: say so, instead of the greyed
            // sample records Odoo shows in an empty list.
            useSampleModel: false,
            help: this.emptyListHelp(name, model),
        });
    }

    emptyListHelp(name, model) {
        const nothing = {
            "solis.visit": _t(
                "No visit or call is counted here for the rep or team and the period chosen on the dashboard."
            ),
            "sale.order": _t(
                "No offer or quotation is counted here for the rep or team and the period chosen on the dashboard."
            ),
        }[model] ||
            _t(
                "No client is counted here for the rep or team and the period chosen on the dashboard."
            );
        const title = _t("%(list)s: none", { list: name });
        return markup(
            `<p class="o_view_nocontent_empty_folder">${escape(title)}</p><p>${escape(nothing)}</p>`
        );
    }

    openCard(card, previous = false) {
        const name = previous ? `${card.label} (${this.state.data.previous_label})` : card.label;
        return this.openList(name, card.model, previous ? card.previous_domain : card.domain);
    }

    openRepCell(row, column) {
        const domain = row.domains[column.key];
        if (!domain) {
            return;
        }
        return this.openList(`${column.label} – ${row.name}`, column.model, domain);
    }

    openRep(row) {
        this.state.filters.team_id = false;
        return this.setFilter("user_id", row.user_id);
    }

    sortBy(key) {
        const sort = this.state.sort;
        sort.descending = sort.key === key ? !sort.descending : key !== "name";
        sort.key = key;
    }

    get sortedReps() {
        const { key, descending } = this.state.sort;
        const value = (row) => (key === "name" ? row.name : row.values[key]);
        const rows = [...this.state.data.reps.rows];
        rows.sort((a, b) => {
            const [x, y] = [value(a), value(b)];
            const order = x === y ? 0 : x === false ? 1 : y === false ? -1 : x < y ? -1 : 1;
            return descending ? -order : order;
        });
        return rows;
    }

    get workbookUrl() {
        const { period, date, user_id, team_id, months } = this.state.filters;
        const query = new URLSearchParams({ period });
        for (const [key, value] of Object.entries({ date, user_id, team_id, months })) {
            if (value) {
                query.set(key, value);
            }
        }
        return `/solis_sales_process/workbook?${query}`;
    }

    async previewDigest() {
        const userId = this.state.filters.user_id || this.state.data.user_id || user.userId;
        const action = await this.orm.call("res.users", "action_preview_sales_digest", [
            [userId],
        ]);
        return this.action.doAction(action);
    }
}

registry.category("actions").add("solis_sales_dashboard", SalesDashboard);
