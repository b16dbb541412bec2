import { registry } from "@web/core/registry";

// A rep opens the Log a Visit dialog, thinks better of it and discards it;
// then logs a first contact and a second one. The test creates the client
// "Dialog Client SRL", never contacted before.
registry.category("web_tour.tours").add("solis_log_visit_dialog_tour", {
    url: "/odoo/action-solis_sales_process.res_partner_action_clients",
    steps: () => [
        {
            content: "Open the client's card",
            trigger: ".o_data_cell:contains('Dialog Client SRL')",
            run: "click",
        },
        {
            content: "His class and contacts are at the top of his card",
            trigger: ".o_form_sheet .o_solis_client_summary .o_field_widget[name=client_class_id]",
        },
        {
            content: "Log a visit",
            trigger: "button[name=action_log_visit]",
            run: "click",
        },
        {
            content: "The unsaved visit offers no state buttons",
            trigger:
                ".modal .o_form_view:not(:has(.o_form_statusbar)):not(:has(button[name=action_cancel]))",
        },
        {
            content: "Start typing, then change one's mind",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Not this one",
        },
        {
            content: "Discard the dialog",
            trigger: ".modal .o_form_button_cancel",
            run: "click",
        },
        {
            content: "The dialog is closed, the client has no visit",
            trigger:
                "body:not(:has(.modal)) .o_form_view button[name=action_open_visits] .o_stat_value:contains(0)",
        },
        {
            content: "Log a visit again",
            trigger: "button[name=action_log_visit]",
            run: "click",
        },
        {
            content: "A first contact is an initial contact",
            trigger: ".modal .o_field_widget[name=status_id] input:value(Initial contact)",
        },
        {
            content: "Say what the first visit was about",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit First call",
        },
        {
            content: "Save the first visit",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The client counts one visit",
            trigger:
                "body:not(:has(.modal)) button[name=action_open_visits] .o_stat_value:contains(1)",
        },
        {
            content: "Log the next visit",
            trigger: "button[name=action_log_visit]",
            run: "click",
        },
        {
            content: "After the first contact, a visit is a contact",
            trigger: ".modal .o_field_widget[name=status_id] input:value(/^Contact$/)",
        },
        {
            content: "Say what the second visit was about",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Second call",
        },
        {
            content: "Plan the follow-up",
            trigger: ".modal .o_field_widget[name=next_contact_date] input",
            run: "edit 01/15/2030",
        },
        {
            content: "Say what comes next",
            trigger: ".modal .o_field_widget[name=next_contact_note] input",
            run: "edit Bring the samples",
        },
        {
            content: "Save the second visit",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The open follow-up is shown at the top of the card",
            trigger:
                "body:not(:has(.modal)) .o_solis_client_summary .o_data_cell:contains('Bring the samples')",
        },
    ],
});
