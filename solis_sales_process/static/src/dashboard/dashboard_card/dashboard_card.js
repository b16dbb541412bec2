import { Component } from "@odoo/owl";
import { changeClass, formatAnswer, formatChange, trendText } from "../dashboard_utils";
import { DashboardSparkline } from "../sparkline/sparkline";

/**
 * One answer: its figure (a link to its list), its trend and, for an answer
 * about a period, the previous period's figure (a link to its own list).
 */
export class DashboardCard extends Component {
    static template = "solis_sales_process.DashboardCard";
    static components = { DashboardSparkline };
    static props = {
        card: Object,
        previousLabel: String,
        trendLabels: Array,
        // (card, previous) => opens the list behind the figure.
        onOpen: Function,
    };

    get card() {
        return this.props.card;
    }

    get value() {
        return formatAnswer(this.props.card.value, this.props.card.kind);
    }

    get previousValue() {
        return formatAnswer(this.props.card.previous, this.props.card.kind);
    }

    get change() {
        return formatChange(this.props.card.change, this.props.card.kind);
    }

    get changeClass() {
        return changeClass(this.props.card.change);
    }

    get trendTitle() {
        const { trend, kind } = this.props.card;
        return trendText(trend, this.props.trendLabels, kind);
    }
}
