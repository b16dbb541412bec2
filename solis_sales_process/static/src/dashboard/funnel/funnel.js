import { Component } from "@odoo/owl";
import { formatAnswer, funnelWidth } from "../dashboard_utils";

/** The prospects' funnel: one bar a stage, as wide as its share of the largest. */
export class DashboardFunnel extends Component {
    static template = "solis_sales_process.DashboardFunnel";
    static props = {
        stages: Array,
        // (label, model, domain) => opens the stage's clients.
        openList: Function,
    };

    width(stage) {
        return funnelWidth(
            stage.value,
            this.props.stages.map((s) => s.value)
        );
    }

    count(stage) {
        return formatAnswer(stage.value, "count");
    }
}
