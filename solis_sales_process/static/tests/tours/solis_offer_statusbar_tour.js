import { registry } from "@web/core/registry";

// A rep opens an offer whose status ("Waiting for the budget") was archived
// since: the status bar still shows it. The bar offers no Postponed step:
// he follows the offer up with a click, then postpones it with the button,
// which asks for the day. The test creates the offer and checks the result.
registry.category("web_tour.tours").add("solis_offer_statusbar_tour", {
    steps: () => [
        {
            content: "The archived status is the offer's current step",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Waiting for the budget)",
        },
        {
            content: "Postponed and Rejected are not steps of the status bar",
            trigger:
                ".o_statusbar_status:not(:has(button:contains(Postponed))):not(:has(button:contains(Rejected)))",
        },
        {
            content: "Follow the offer up with a click on the status bar",
            trigger: ".o_statusbar_status button.o_arrow_button:contains(In follow-up)",
            run: "click",
        },
        {
            content: "It is in follow-up",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(In follow-up)",
        },
        {
            content: "Postpone it with the button",
            trigger: ".o_form_statusbar button[name=action_offer_postpone]:visible",
            run: "click",
        },
        {
            content: "The dialog asks for the day",
            trigger: ".modal .o_field_widget[name=postponed_until] input",
            run: "edit 05/04/2030",
        },
        {
            content: "Postpone",
            trigger: ".modal button[name=action_postpone]",
            run: "click",
        },
        {
            content: "The dialog is closed: open the offer's follow-up",
            trigger: "body:not(:has(.modal)) .o_notebook a.nav-link:contains(Offer Follow-up)",
            run: "click",
        },
        {
            content: "The offer is postponed to that day",
            trigger: ".o_field_widget[name=postponed_until] input:value(05/04/2030)",
        },
    ],
});
