import { Component } from "@odoo/owl";
import { sparklinePoints } from "../dashboard_utils";

/** A trend as a line too small for axes: its periods read out as its title. */
export class DashboardSparkline extends Component {
    static template = "solis_sales_process.DashboardSparkline";
    static props = {
        values: Array,
        title: String,
    };

    get points() {
        return sparklinePoints(this.props.values);
    }
}
