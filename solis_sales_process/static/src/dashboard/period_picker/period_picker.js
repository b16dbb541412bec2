import { Component } from "@odoo/owl";

/**
 * The kind of period (week, month, quarter, year: the server's, with their
 * names) and the steps to the previous and next one. The period's name comes
 * from the server, written in the reader's language.
 */
export class DashboardPeriodPicker extends Component {
    static template = "solis_sales_process.DashboardPeriodPicker";
    static props = {
        period: String,
        // [{kind, label}], in the order they are offered.
        periods: Array,
        // The period shown, once the server has named it: until then there is
        // nothing to step from.
        label: { type: String, optional: true },
        onPeriod: Function,
        onMove: Function,
    };
}
