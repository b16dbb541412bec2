import { Component } from "@odoo/owl";
import { formatAnswer } from "../dashboard_utils";
import { DashboardCard } from "../dashboard_card/dashboard_card";
import { DashboardFunnel } from "../funnel/funnel";

/**
 * One of the product's questions: its title, the cards of its answers and,
 * under the cards, what the server says the section shows of its answers'
 * lists (its breakdowns: visits by client class, reasons of rejection) and
 * the prospects' funnel.
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

    shows(breakdown) {
        return this.props.section.breakdowns.includes(breakdown);
    }

    count(value) {
        return formatAnswer(value, "count");
    }

    openVisitsByClass(row, inPerson) {
        const domain = inPerson ? row.in_person_domain : row.remote_domain;
        return this.props.openList(row.client_class, row.model, domain);
    }

    openReason(reason) {
        return this.props.openList(reason.name, reason.model, reason.domain);
    }
}
