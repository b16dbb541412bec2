import { registry } from "@web/core/registry";

// A rep logs a visit at the client's premises from his phone; the test fixes
// the browser's position (or refuses it) through the browser's DevTools and
// creates the client "Tour Geo Client SRL", located.
function logInPersonVisit(name, waitForPosition, verdict) {
    return [
        {
            content: "Choose the client",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "click",
        },
        {
            content: "Pick him",
            trigger:
                ".modal .o_kanban_record:contains('Tour Geo Client SRL'), .o-autocomplete--dropdown-item:contains('Tour Geo Client SRL')",
            run: "click",
        },
        {
            content: "A phone call asks no position",
            trigger: ".o_form_view:not(:has(.o_solis_checkin))",
        },
        {
            content: "Choose a visit in person",
            trigger: ".o_field_widget[name=type_id] input",
            run: "click",
        },
        {
            content: "At the client's premises",
            trigger:
                ".modal .o_kanban_record:contains('At the client'), .o-autocomplete--dropdown-item:contains('At the client')",
            run: "click",
        },
        waitForPosition,
        {
            content: "What was said",
            trigger: ".o_field_widget[name=name] input",
            run: `edit ${name}`,
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        verdict,
    ];
}

const positionTaken = {
    content: "The position is taken without a tap",
    trigger: ".o_solis_checkin_ready",
};

registry.category("web_tour.tours").add("solis_checkin_on_site_tour", {
    steps: () =>
        logInPersonVisit("Checked in next door", positionTaken, {
            content: "The visit is verified on site",
            trigger: ".o_solis_checkin_verdict[data-status=verified]:contains(Verified on site)",
        }),
});

registry.category("web_tour.tours").add("solis_checkin_away_tour", {
    steps: () =>
        logInPersonVisit("Checked in across town", positionTaken, {
            content: "The visit is away, with the distance",
            trigger: ".o_solis_checkin_verdict[data-status=away]:contains(Away, 2.2 km)",
        }),
});

registry.category("web_tour.tours").add("solis_checkin_refused_tour", {
    steps: () =>
        logInPersonVisit(
            "Checked in without position",
            {
                content: "The rep is told his position was refused",
                trigger: ".o_solis_checkin_problem:contains(Location refused)",
            },
            {
                content: "The visit has no position",
                trigger: ".o_solis_checkin_verdict[data-status=no_position]:contains(No position)",
            }
        ),
});

// A planned visit opened on arrival: one tap checks in.
registry.category("web_tour.tours").add("solis_checkin_button_tour", {
    steps: () => [
        {
            content: "Check in here",
            trigger: "button.o_solis_check_in_here",
            run: "click",
        },
        {
            content: "The visit is verified on site",
            trigger: ".o_solis_checkin_verdict[data-status=verified]:contains(Verified on site)",
        },
        {
            content: "No second check-in is offered",
            trigger: ".o_solis_checkin:not(:has(button.o_solis_check_in_here))",
        },
    ],
});

// At the client's, from his card: the Log a Visit dialog sends the position
// with the visit.
registry.category("web_tour.tours").add("solis_checkin_dialog_tour", {
    steps: () => [
        {
            content: "Open the client's card",
            trigger: ".o_data_cell:contains('Tour Geo Client SRL')",
            run: "click",
        },
        {
            content: "Log a visit",
            trigger: "button[name=action_log_visit]",
            run: "click",
        },
        {
            content: "A visit in person",
            trigger: ".modal .o_field_widget[name=type_id] input",
            run: "edit At the client",
        },
        {
            content: "At the client's premises",
            trigger: ".o-autocomplete--dropdown-item:contains('At the client')",
            run: "click",
        },
        {
            content: "The position is taken without a tap",
            trigger: ".modal .o_solis_checkin_ready",
        },
        {
            content: "What was said",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Logged from the card",
        },
        {
            content: "Save the visit",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
