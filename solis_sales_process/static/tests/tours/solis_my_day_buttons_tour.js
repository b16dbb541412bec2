import { registry } from "@web/core/registry";

// Every button and link of My Day, at desktop and at phone size: each opens
// what it says and comes back; the phone and map links are checked by their
// address, not followed. The test gives the tour's rep an overdue follow-up
// and a visit planned today at "Tour Client SRL" (with an open offer), and
// more follow-ups than My Day shows.

const BACK = ".o_back_button, .o_breadcrumb .breadcrumb-item:not(.active) a";
const FIRST = ".o_solis_my_day_item:first";

function opensAndComesBack(content, link, shown) {
    return [
        { content, trigger: link, run: "click" },
        { content: "It opens", trigger: shown },
        { content: "Back to My Day", trigger: BACK, run: "click" },
        { content: "My Day again", trigger: `.o_solis_my_day ${FIRST}` },
    ];
}

function myDaySteps() {
    return [
        {
            content: "The overdue follow-up first",
            trigger: `.o_solis_my_day ${FIRST}[data-kind=followup]:has(.o_solis_late):contains(Tour Client SRL)`,
        },
        {
            content: "Then the visit planned today",
            trigger: ".o_solis_my_day_item:eq(1)[data-kind=planned]:contains(Tour Client SRL)",
        },
        {
            content: "The client's phone calls him",
            trigger: `${FIRST} a.o_solis_phone[href='tel:0721000111']`,
        },
        {
            content: "His address opens a map in a new tab",
            trigger: `${FIRST} a.o_solis_map[target=_blank][href*='openstreetmap'][href*='Cluj']`,
        },
        ...opensAndComesBack(
            "Open the client",
            `${FIRST} .o_solis_client`,
            ".o_form_view .o_field_widget[name=name]:contains(Tour Client SRL), .o_form_view .o_field_widget[name=name] input:value(Tour Client SRL)"
        ),
        ...opensAndComesBack(
            "Open the visit of the follow-up",
            `${FIRST} .o_solis_what`,
            ".o_form_view .o_field_widget[name=next_contact_note]:contains(Send the price list), .o_form_view .o_field_widget[name=next_contact_note] input:value(Send the price list)"
        ),
        ...opensAndComesBack(
            "Open the client's open offers",
            `${FIRST} a.o_solis_open_offers:contains(1)`,
            ".o_kanban_record:contains(Tour Client SRL), .o_data_row:contains(Tour Client SRL)"
        ),
        {
            content: "Log the visit that answers the follow-up",
            trigger: `${FIRST} .o_solis_log_visit`,
            run: "click",
        },
        {
            content: "A new visit to the client opens",
            trigger: ".modal .o_field_widget[name=partner_id] input:value(Tour Client SRL)",
        },
        {
            content: "Discard it",
            trigger: ".modal .o_form_button_cancel",
            run: "click",
        },
        {
            content: "The follow-up stays on his day",
            trigger: `body:not(:has(.modal)) .o_solis_my_day ${FIRST}[data-kind=followup]`,
        },
        {
            content: "Log the planned visit",
            trigger: ".o_solis_my_day_item:eq(1) .o_solis_log_visit",
            run: "click",
        },
        {
            content: "The planned visit opens, to be marked done",
            trigger: ".modal .o_form_view button[name=action_mark_done]",
        },
        {
            content: "Discard",
            trigger: ".modal .o_form_button_cancel",
            run: "click",
        },
        {
            content: "The planned visit stays on his day",
            trigger: "body:not(:has(.modal)) .o_solis_my_day_item:eq(1)[data-kind=planned]",
        },
        {
            content: "Make My Day his home page",
            trigger: ".o_solis_make_home",
            run: "click",
        },
        {
            content: "He is told",
            trigger: ".o_notification:contains(My Day now opens)",
        },
        {
            content: "And the button is gone",
            trigger: ".o_solis_my_day_summary:not(:has(.o_solis_make_home))",
        },
        ...opensAndComesBack(
            "The rest of his day: 3 more",
            ".o_solis_my_day_more:contains(3)",
            ".o_list_view:has(.o_data_row:eq(62)):not(:has(.o_data_row:eq(63)))"
        ),
    ];
}

registry.category("web_tour.tours").add("solis_my_day_buttons_tour", {
    steps: myDaySteps,
});

registry.category("web_tour.tours").add("solis_my_day_buttons_phone_tour", {
    steps: myDaySteps,
});
