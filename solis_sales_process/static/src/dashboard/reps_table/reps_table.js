import { Component, useState } from "@odoo/owl";
import { formatAnswer, medianKind, sortRows } from "../dashboard_utils";

/**
 * The reps side by side, one column an answer (the server says which), the
 * team's median below; sorted by any column, a rep's name opens his own
 * dashboard, a figure the rep's list.
 */
export class DashboardRepsTable extends Component {
    static template = "solis_sales_process.DashboardRepsTable";
    static props = {
        reps: {
            type: Object,
            shape: {
                columns: Array,
                rows: Array,
                pool: { type: [Object, Boolean], optional: true },
                "*": true,
            },
        },
        title: String,
        // (label, model, domain) => opens a list.
        openList: Function,
        // (row) => the rep's own dashboard.
        onOpenRep: Function,
    };

    setup() {
        this.sort = useState({ key: "name", descending: false });
    }

    get rows() {
        return sortRows(this.props.reps.rows, this.sort.key, this.sort.descending);
    }

    sortBy(key) {
        // A figure is first read highest first, a name from A.
        this.sort.descending = this.sort.key === key ? !this.sort.descending : key !== "name";
        this.sort.key = key;
    }

    sortIcon() {
        return this.sort.descending ? "fa fa-caret-down" : "fa fa-caret-up";
    }

    format(value, column) {
        return formatAnswer(value, column.kind);
    }

    formatMedian(column) {
        return formatAnswer(column.median, medianKind(column.kind));
    }

    openCell(row, column) {
        const domain = row.domains[column.key];
        if (!domain) {
            return;
        }
        return this.props.openList(`${column.label} – ${row.name}`, column.model, domain);
    }

    openPool() {
        const { label, model, domain } = this.props.reps.pool;
        return this.props.openList(label, model, domain);
    }
}
