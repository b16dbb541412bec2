import { download } from "@web/core/network/download";
import { registry } from "@web/core/registry";

// Every button and every link of the manager's dashboard, at desktop and at
// phone size. Each number opens its list (of the card's model); a number of
// 0 opens an empty list that says what it would list, never Odoo's greyed
// sample records. The workbook is downloaded through the web client's helper.

const WAIT_LIMIT = 20000;
// A step that opens the lists of a part of the dashboard, one by one (the
// most a tour step may take).
const LOOP_LIMIT = 60000;
// The dashboard's sections, by the question each answers.
const QUESTIONS = [1, 2, 3, 4, 5, 7];

async function waitFor(what, find) {
    const start = Date.now();
    for (;;) {
        const found = find();
        if (found) {
            return found;
        }
        if (Date.now() - start > WAIT_LIMIT) {
            throw new Error(`Still waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

const one = (selector, root = document) => root.querySelector(selector);
const all = (selector, root = document) => [...root.querySelectorAll(selector)];
const digits = (text) => text.replace(/[^0-9]/g, "");

function dashboardShown() {
    const dashboard = one(".o_solis_dashboard");
    return dashboard && !one(".o_solis_loading") && one(".o_solis_card", dashboard);
}

// What the tour saw: a list with records and an empty one at least.
const seen = { empty: 0, filled: 0 };

/**
 * Click the link found by ``find`` on a fresh dashboard, check the list it
 * opens, and come back.
 */
async function openAndCheck(label, find, { model, value, kind }) {
    const what = label.replace(/\s+/g, " ").trim();
    const link = await waitFor(`the dashboard, for ${what}`, () => dashboardShown() && find());
    link.click();
    const list = await waitFor(`the list of ${what}`, () => !one(".o_solis_dashboard") && one(".o_list_view"));
    await waitFor(`${what} listed as ${model} in the URL`, () =>
        window.location.pathname.endsWith(`/${model}`)
    );
    if (one(".o_view_sample_data")) {
        throw new Error(`${what}: the list shows sample records`);
    }
    const rows = all(".o_data_row", list).length;
    const nothing = value === "0" || value === "0%" || value === "–";
    if (nothing && kind !== "days") {
        const help = one(".o_view_nocontent .o_view_nocontent_empty_folder", list);
        if (rows || !help) {
            throw new Error(`${what} is 0: expected an empty list that says so, got ${rows} rows`);
        }
        if (!help.textContent.replace(/\s+/g, " ").includes(what.split(" (")[0])) {
            throw new Error(`${what}: the empty list says "${help.textContent}"`);
        }
        seen.empty++;
    } else if (!nothing) {
        if (!rows) {
            throw new Error(`${what} is ${value}: its list is empty`);
        }
        const total = one(".o_pager_limit", list);
        if (kind === "count" && digits(total ? total.textContent : String(rows)) !== digits(value)) {
            throw new Error(`${what} is ${value}: its list holds ${total?.textContent || rows}`);
        }
        seen.filled++;
    }
    one(".o_back_button, .o_breadcrumb .breadcrumb-item:not(.active) a").click();
    await waitFor(`the dashboard back after ${what}`, dashboardShown);
}

async function everyCard(question) {
    const section = `.o_solis_section[data-question='${question}']`;
    const keys = all(`${section} .o_solis_card`).map((card) => card.dataset.key);
    for (const key of keys) {
        const card = () => one(`.o_solis_card[data-key='${key}']`);
        const label = one(".o_solis_card_label", card()).textContent.trim();
        const model = card().dataset.model;
        const value = one(".o_solis_value", card()).textContent.trim();
        const kind = card().dataset.kind;
        await openAndCheck(label, () => one(".o_solis_value", card()), { model, value, kind });
        const previous = one(".o_solis_previous a", card());
        if (previous) {
            const before = previous.textContent.split(":").pop().trim();
            await openAndCheck(
                `${label} (${previous.textContent.split(":")[0].trim()})`,
                () => one(".o_solis_previous a", card()),
                { model, value: before, kind }
            );
        }
    }
}

async function everyFunnelStage() {
    const keys = all(".o_solis_funnel_stage").map((stage) => stage.dataset.key);
    if (keys.length !== 5) {
        throw new Error(`The funnel shows ${keys.length} stages, not 5`);
    }
    for (const key of keys) {
        const stage = () => one(`.o_solis_funnel_stage[data-key='${key}']`);
        await openAndCheck(
            one(".o_solis_funnel_label", stage()).textContent.trim(),
            () => one(".o_solis_funnel_value", stage()),
            {
                model: stage().dataset.model,
                value: one(".o_solis_funnel_value", stage()).textContent.trim(),
                kind: "count",
            }
        );
    }
}

async function everyOtherLink() {
    // The visits per rep and class (each list named after the class), the
    // rejection reasons (after the reason).
    const links = [
        ...all(".o_solis_visits_by_class tbody a").map((link, index) => ({
            find: () => all(".o_solis_visits_by_class tbody a")[index],
            what: link.closest("tr").children[1].textContent.trim(),
            model: link.dataset.model,
            value: link.textContent.trim(),
        })),
        ...all(".o_solis_rejection_reasons a").map((link, index) => ({
            find: () => all(".o_solis_rejection_reasons a")[index],
            what: link.textContent.split(":")[0].trim(),
            model: link.dataset.model,
            value: link.textContent.split(":").pop().trim(),
        })),
    ];
    for (const { find, what, model, value } of links) {
        await openAndCheck(what, find, { model, value, kind: "count" });
    }
}

async function everyRepColumn() {
    // Each figure of the first rep (the medians have no list behind them).
    const rep = one(".o_solis_rep_table tbody tr td:first-child").textContent.trim();
    const columns = all(".o_solis_rep_table thead th[data-key]");
    for (const [index, column] of columns.entries()) {
        const cell = () => one(`.o_solis_rep_table tbody tr td:nth-child(${index + 2}) a`);
        if (!cell()) {
            continue;
        }
        await openAndCheck(`${column.textContent.trim()} – ${rep}`, cell, {
            model: column.dataset.model,
            value: cell().textContent.trim(),
            kind: column.dataset.kind,
        });
    }
}

function dashboardSteps(phone) {
    const layoutButton = (selector) =>
        phone
            ? [
                  {
                      content: "On a phone, the dashboard's buttons are under the control panel's menu",
                      trigger: ".o_control_panel_collapsed_create.dropdown-toggle",
                      run: "click",
                  },
                  { content: "The button shows", trigger: selector },
              ]
            : [{ content: "The button shows", trigger: selector }];
    return [
        {
            content: "The dashboard opens on the tour's rep",
            trigger: ".o_solis_dashboard .o_solis_card[data-key=visits_done] .o_solis_value:contains(2)",
        },
        ...layoutButton(".o_solis_preview"),
        {
            content: "Preview the rep's daily e-mail",
            trigger: ".o_solis_preview",
            run: "click",
        },
        {
            content: "His e-mail shows in a dialog",
            trigger: ".modal .o_field_widget[name=body_html]:contains(Tour Rep)",
        },
        {
            content: "Close it",
            trigger: ".modal-footer button:contains(Close)",
            run: "click",
        },
        ...layoutButton(".o_solis_download"),
        {
            content: "The workbook's button downloads this period's workbook of the rep",
            trigger: "button.o_solis_download",
            timeout: WAIT_LIMIT,
            async run() {
                // The web client's download helper asks the server and saves
                // the file it answers: see what it asked for and got (a
                // failed download rejects).
                const save = download._download;
                let downloading = null;
                download._download = (options) =>
                    (downloading = save(options).then((fileName) => ({ options, fileName })));
                try {
                    this.anchor.click();
                    await waitFor("the workbook's download", () => downloading);
                    const { options, fileName } = await downloading;
                    const { period, user_id } = options.data;
                    if (period !== "month" || !user_id || !(fileName || "").endsWith(".xlsx")) {
                        throw new Error(
                            `The workbook did not download: ${JSON.stringify(options.data)} ${fileName}`
                        );
                    }
                } finally {
                    download._download = save;
                }
            },
        },
        ...(phone
            ? [
                  {
                      content: "Close the menu",
                      trigger: ".o_solis_section h2",
                      run: "click",
                  },
              ]
            : []),
        ...QUESTIONS.map((question) => ({
            content: `Every card of question ${question} opens its list, and so does its previous period`,
            trigger: `.o_solis_section[data-question='${question}'] .o_solis_card`,
            run: () => everyCard(question),
            timeout: LOOP_LIMIT,
        })),
        {
            content: "Every stage of the funnel opens its clients",
            trigger: ".o_solis_funnel",
            run: everyFunnelStage,
            timeout: LOOP_LIMIT,
        },
        {
            content: "The visits per class and the rejection reasons open their lists",
            trigger: ".o_solis_dashboard .o_solis_section[data-question='3']",
            run: everyOtherLink,
            timeout: LOOP_LIMIT,
        },
        {
            content: "Each figure of the reps' table opens the rep's list",
            trigger: ".o_solis_rep_table tbody tr",
            run: everyRepColumn,
            timeout: LOOP_LIMIT,
        },
        {
            content: "The tour saw empty lists and lists with records",
            trigger: ".o_solis_dashboard",
            run() {
                console.log(`Lists opened: ${seen.empty} empty, ${seen.filled} with records`);
                if (!seen.empty || !seen.filled) {
                    throw new Error(`Empty lists seen: ${seen.empty}, with records: ${seen.filled}`);
                }
            },
        },
        {
            content: "Sort the reps by each column",
            trigger: ".o_solis_rep_table thead th.o_solis_sort",
            async run() {
                for (const index of all(".o_solis_rep_table thead th.o_solis_sort").keys()) {
                    all(".o_solis_rep_table thead th.o_solis_sort")[index].click();
                    await waitFor("the sorted column", () =>
                        one(`.o_solis_rep_table thead th.o_solis_sort:nth-child(${index + 1}) i.fa`)
                    );
                }
            },
        },
        {
            content: "By week",
            trigger: ".o_solis_period button[data-period=week]",
            run: "click",
        },
        {
            content: "The week is named in the reader's language",
            trigger: ".o_solis_period_label:contains(Week of)",
        },
        {
            content: "By quarter",
            trigger: ".o_solis_period button[data-period=quarter]",
            run: "click",
        },
        {
            content: "The quarter is named",
            trigger: ".o_solis_period_label:contains(Q)",
        },
        {
            content: "By year",
            trigger: ".o_solis_period button[data-period=year]",
            run: "click",
        },
        {
            content: "The year is named",
            trigger: ".o_solis_period_label:not(:contains(Q))",
        },
        {
            content: "The year before",
            trigger: ".o_solis_previous_period",
            run: "click",
        },
        {
            content: "The year before is shown",
            trigger: `.o_solis_period_label:contains(${new Date().getFullYear() - 1})`,
        },
        {
            content: "And back",
            trigger: ".o_solis_next_period",
            run: "click",
        },
        {
            content: "By month again",
            trigger: ".o_solis_period button[data-period=month]",
            run: "click",
        },
        {
            content: "The month is named in words, not 2026-12",
            trigger: ".o_solis_period_label:not(:contains(-))",
        },
        {
            content: "Important clients not visited in 3 months",
            trigger: "input.o_solis_months",
            run() {
                this.anchor.value = "3";
                this.anchor.dispatchEvent(new Event("change"));
            },
        },
        {
            content: "The card follows",
            trigger: ".o_solis_card[data-key=important_not_visited] .o_solis_card_label:contains(3 months)",
        },
        {
            content: "The whole team",
            trigger: "select.o_solis_rep",
            run: "selectByLabel Whole team",
        },
        {
            content: "Every rep is compared",
            trigger: ".o_solis_rep_table tbody tr:contains(Tour Rep)",
        },
        {
            content: "A rep's name opens his own dashboard",
            trigger: ".o_solis_rep_table tbody tr:contains(Tour Rep) td:first-child a",
            run: "click",
        },
        {
            content: "His figures only",
            trigger: ".o_solis_rep_table tbody:not(:has(tr:not(:contains(Tour Rep))))",
        },
    ];
}

// Started by the test on the dashboard of its rep (its URL names him).
registry.category("web_tour.tours").add("solis_dashboard_buttons_tour", {
    steps: () => dashboardSteps(false),
});

registry.category("web_tour.tours").add("solis_dashboard_buttons_phone_tour", {
    steps: () => dashboardSteps(true),
});
