import { registry } from "@web/core/registry";

// The taps a rep needs on a phone, from his client's card to an offer marked
// as sent. Every click step is a tap, the typing steps are "the text". The
// last step logs the taps before the visit is logged and after it, which the
// test holds to the limits the README states. The test creates the client
// "Tour Client SRL" and opens his card.
function fewerTapsSteps() {
    const visitLogged = {
        content: "The visit is logged: the quotation made from it opens, for the client",
        trigger: ".o_form_view .o_field_widget[name=partner_id] input:value(Tour Client SRL)",
    };
    const steps = [
        {
            content: "The client's card is open",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(Tour Client SRL)",
        },
        {
            content: "Log a visit, in sight on the card",
            trigger: ".o_solis_phone_actions button[name=action_log_visit]",
            run: "click",
        },
        {
            content: "Say what the visit was about",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Asked for an offer on the spring range",
        },
        {
            content: "Make an offer from it: the visit is saved on the way",
            trigger: ".modal button[name=action_create_offer]",
            run: "click",
        },
        visitLogged,
        {
            content: "Mark it as sent, in sight on the quotation",
            trigger: ".o_solis_phone_actions button[name=action_quotation_sent]",
            run: "click",
        },
        {
            content: "One status bar: the offer's, now initiated",
            trigger: ".o_form_view:not(:has(.o_field_widget[name=state]:visible)) .o_field_widget[name=offer_status_id]:contains(Initiated)",
        },
    ];
    const split = steps.indexOf(visitLogged);
    const taps = (part) => part.filter((step) => step.run === "click").length;
    steps.push({
        content: "Count the taps",
        trigger: ".o_form_view",
        run() {
            const logVisit = taps(steps.slice(0, split));
            const offer = taps(steps.slice(split));
            console.info(`solis-taps log_visit=${logVisit} offer=${offer}`);
        },
    });
    return steps;
}

registry.category("web_tour.tours").add("solis_fewer_taps_tour", {
    steps: fewerTapsSteps,
});

// A rep opens the app on his phone: his day, the overdue follow-up first,
// and logs the visit that answers it in one tap and the text.
registry.category("web_tour.tours").add("solis_my_day_tour", {
    steps: () => [
        {
            content: "The app opens on his day, the overdue follow-up first",
            trigger: ".o_solis_my_day .o_solis_my_day_item:first:has(.o_solis_late):contains(Tour Client SRL)",
        },
        {
            content: "It is his home page already: no button to make it one",
            trigger: ".o_solis_my_day_summary:not(:has(.o_solis_make_home))",
        },
        {
            content: "The client's phone is one tap away",
            trigger: ".o_solis_my_day_item:first a.o_solis_phone[href^='tel:']",
        },
        {
            content: "And his address, on a map",
            trigger: ".o_solis_my_day_item:first a.o_solis_map[href*='openstreetmap']",
        },
        {
            content: "Log the visit that answers the follow-up",
            trigger: ".o_solis_my_day_item:first .o_solis_log_visit",
            run: "click",
        },
        {
            content: "Say what was said",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Called back about the price list",
        },
        {
            content: "Save the visit",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The follow-up is answered: it leaves his day",
            trigger: ".o_solis_my_day:not(:has(.o_solis_my_day_item[data-kind=followup]))",
        },
    ],
});
