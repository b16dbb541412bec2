import { Component } from "@odoo/owl";
import { formatAnswer } from "../dashboard_utils";
import { DashboardCard } from "../dashboard_card/dashboard_card";
import { DashboardFunnel } from "../funnel/funnel";

// The question each of the dashboard's extra parts is shown under. The server
// numbers the questions but does not say where these parts go.
const QUESTION_OF = { visitsByClass: 3, rejectionReasons: 5, funnel: 7 };

/**
 * One of the product's questions: its title, the cards of its answers and,
 * under some questions, a closer look (visits by client class, reasons of
 * rejection, the prospects' funnel).
 */
export class DashboardSection extends Component {
    static template = "solis_sales_process.DashboardSection";
    static components = { DashboardCard, DashboardFunnel };
    static props = {
        section: Object,
        previousLabel: String,
        trendLabels: Array,
        visitsByClass: Array,
        rejectionReasons: Array,
        funnel: Array,
        // (card, previous) => opens the list behind a card's figure.
        onOpenCard: Function,
        // (label, model, domain) => opens a list.
        openList: Function,
    };

    shows(part) {
        return this.props.section.question === QUESTION_OF[part];
    }

    count(value) {
        return formatAnswer(value, "count");
    }

    openVisitsByClass(row, inPerson) {
        const domain = [...row.domain, ["type_id.is_in_person", "=", inPerson]];
        return this.props.openList(row.client_class, "solis.visit", domain);
    }

    openReason(reason) {
        return this.props.openList(reason.name, "sale.order", reason.domain);
    }
}
