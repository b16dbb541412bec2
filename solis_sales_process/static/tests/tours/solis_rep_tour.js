import { registry } from "@web/core/registry";

// A rep opens his client, logs a visit with a follow-up, makes an offer from
// it and sends it. The test creates the client "Tour Client SRL".
registry.category("web_tour.tours").add("solis_rep_tour", {
    url: "/odoo/action-solis_sales_process.res_partner_action_clients",
    steps: () => [
        {
            content: "Open the client's card",
            trigger: ".o_data_cell:contains('Tour Client SRL')",
            run: "click",
        },
        {
            content: "Log a visit",
            trigger: "button[name=action_log_visit]",
            run: "click",
        },
        {
            content: "Say what the visit was about",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Presented the spring range",
        },
        {
            content: "Plan the follow-up",
            trigger: ".modal .o_field_widget[name=next_contact_date] input",
            run: "edit 01/15/2030",
        },
        {
            content: "Say what comes next",
            trigger: ".modal .o_field_widget[name=next_contact_note] input",
            run: "edit Send the price list",
        },
        {
            content: "Save the visit",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The client now counts one visit",
            trigger: "button[name=action_open_visits] .o_stat_value:contains(1)",
            run: "click",
        },
        {
            content: "Open the visit",
            trigger: ".o_data_cell:contains('Presented the spring range')",
            run: "click",
        },
        {
            content: "The follow-up is planned as an activity",
            trigger: ".o-mail-Activity:contains('Send the price list')",
        },
        {
            content: "Make an offer from the visit",
            trigger: "button[name=action_create_offer]",
            run: "click",
        },
        {
            content: "The quotation is for the visited client",
            trigger: ".o_field_widget[name=partner_id] input:value(Tour Client SRL)",
        },
        {
            content: "Save the quotation",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Send it by e-mail",
            trigger: "button[name=action_quotation_send]:not(:disabled)",
            run: "click",
        },
        {
            content: "Send the e-mail",
            trigger: ".modal-footer button.btn-primary:contains(Send)",
            run: "click",
        },
        {
            content: "The offer is now initiated",
            trigger: ".o_field_widget[name=offer_status_id] .o_arrow_button_current:contains(Initiated)",
        },
    ],
});

// A manager opens the dashboard, chooses a rep (the figures follow without a
// click on Refresh), opens the list behind a number and comes back to the
// same dashboard: at desktop and at phone size.
function managerSteps() {
    const hisFiguresOnly =
        ".o_solis_rep_table tbody:not(:has(tr:contains('Second Seller'))) tr:contains('Tour Rep')";
    return [
        {
            content: "The dashboard opens on the whole team, its questions as headings",
            trigger: ".o_solis_dashboard .o_solis_section[data-question='1'] h2",
        },
        {
            content: "The reps are compared side by side",
            trigger: ".o_solis_rep_table tbody tr:contains('Second Seller')",
        },
        {
            content: "No card is wider than the screen",
            trigger: ".o_solis_card[data-key=visits_done]",
            run() {
                const right = this.anchor.getBoundingClientRect().right;
                if (right > document.documentElement.clientWidth + 1) {
                    throw new Error(`A card overflows the screen (${right}px)`);
                }
            },
        },
        {
            content: "Choose one rep",
            trigger: "select.o_solis_rep",
            run: "selectByLabel Tour Rep",
        },
        {
            content: "The figures are his at once",
            trigger: hisFiguresOnly,
        },
        {
            content: "He made two visits this month",
            trigger: ".o_solis_card[data-key=visits_done] .o_solis_value",
            run() {
                const text = this.anchor.textContent.trim();
                if (text !== "2") {
                    throw new Error(`Expected his 2 visits, got ${text}`);
                }
            },
        },
        {
            content: "Open the list behind the number",
            trigger: ".o_solis_card[data-key=visits_done] .o_solis_value",
            run: "click",
        },
        {
            content: "His visits are listed",
            trigger: ".o_list_view .o_data_row:contains('Tour manager visit')",
        },
        {
            content: "Only his",
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Second seller visit')))",
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_back_button, .o_breadcrumb .breadcrumb-item:not(.active) a",
            run: "click",
        },
        {
            content: "The same rep is still chosen, and in the URL",
            trigger: hisFiguresOnly,
            async run() {
                const select = document.querySelector("select.o_solis_rep");
                if (!select.value.startsWith("user:")) {
                    throw new Error(`The rep was lost: ${select.value}`);
                }
                // The web client writes the URL of the action it went back
                // to just after showing it: give it a moment (up to 5 s).
                for (let tries = 0; tries < 50; tries++) {
                    if (window.location.search.includes("user_id=")) {
                        break;
                    }
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                if (!window.location.search.includes("user_id=")) {
                    throw new Error(`The rep is not in the URL: ${window.location.href}`);
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("solis_manager_tour", {
    url: "/odoo/sales-process",
    steps: managerSteps,
});

registry.category("web_tour.tours").add("solis_manager_phone_tour", {
    url: "/odoo/sales-process",
    steps: managerSteps,
});

// On a phone: the rep logs a visit from the Visits menu in a few taps.
registry.category("web_tour.tours").add("solis_mobile_tour", {
    url: "/odoo/action-solis_sales_process.solis_visit_action",
    steps: () => [
        {
            content: "The visits show as cards",
            trigger: ".o_kanban_view .o_kanban_record",
        },
        {
            content: "New visit",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            content: "Choose the client",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "click",
        },
        {
            content: "Pick him in the list",
            trigger: ".modal .o_kanban_record:contains('Tour Client SRL'), .o-autocomplete--dropdown-item:contains('Tour Client SRL')",
            run: "click",
        },
        {
            content: "What was said",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Quick call from the road",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved, .o_form_view .o_form_status_indicator_buttons.invisible, .o_breadcrumb:contains('Quick call')",
        },
    ],
});
