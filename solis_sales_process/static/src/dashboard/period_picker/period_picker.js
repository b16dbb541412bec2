import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { PERIODS } from "../dashboard_utils";

/**
 * The kind of period (week, month, quarter, year) and the steps to the
 * previous and next one. The period's name comes from the server, written in
 * the reader's language.
 */
export class DashboardPeriodPicker extends Component {
    static template = "solis_sales_process.DashboardPeriodPicker";
    static props = {
        period: { type: String, validate: (period) => PERIODS.includes(period) },
        // The period shown, once the server has named it: until then there is
        // nothing to step from.
        label: { type: String, optional: true },
        onPeriod: Function,
        onMove: Function,
    };

    get choices() {
        const labels = {
            week: _t("Week"),
            month: _t("Month"),
            quarter: _t("Quarter"),
            year: _t("Year"),
        };
        return PERIODS.map((period) => ({ period, label: labels[period] }));
    }
}
