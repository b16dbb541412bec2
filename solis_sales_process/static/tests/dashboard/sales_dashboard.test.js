import { describe, expect, test } from "@odoo/hoot";
import { click, queryAllTexts, queryAttribute, queryOne } from "@odoo/hoot-dom";
import { Deferred, animationFrame } from "@odoo/hoot-mock";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import {
    getService,
    mountWebClient,
    onRpc,
    patchWithCleanup,
} from "@web/../tests/web_test_helpers";
import { download } from "@web/core/network/download";

defineMailModels();
describe.current.tags("desktop");

const LABELS = {
    week: "Week of 7 Dec 2026",
    month: "December 2026",
    quarter: "Q4 2026",
    year: "2026",
};

/** The kinds of period as the server offers them, named in the reader's language. */
const PERIODS = [
    { kind: "week", label: "Week", step: { weeks: 1 } },
    { kind: "month", label: "Month", step: { months: 1 } },
    { kind: "quarter", label: "Quarter", step: { months: 3 } },
    { kind: "year", label: "Year", step: { years: 1 } },
];

/** How the server says each model's lists are opened. */
const LISTS = {
    "solis.visit": {
        views: [
            [false, "list"],
            [false, "form"],
        ],
        help: "No visit here.",
    },
    "res.partner": {
        views: [
            [false, "list"],
            [false, "form"],
        ],
        help: "No client here.",
    },
    "solis.client.coverage.report": { views: [[false, "list"]], help: "No client here." },
};

/** What the server answers, cut down to one section of one card. */
function answer({ period = "month", visits = 2 } = {}) {
    return {
        period,
        date: "2026-12-09",
        date_from: "2026-12-01",
        date_to: "2026-12-31",
        period_label: LABELS[period],
        previous_label: "November 2026",
        trend_labels: ["October 2026", "November 2026", "December 2026"],
        user_id: false,
        user_name: false,
        team_id: false,
        months: false,
        can_choose_rep: true,
        sections: [
            {
                question: 3,
                title: "How many visits?",
                breakdowns: [],
                funnel: false,
                cards: [
                    {
                        key: "visits_done",
                        label: "Visits done",
                        kind: "count",
                        value: visits,
                        model: "solis.visit",
                        domain: [["id", "in", [1, 2]]],
                        dated: true,
                        previous: 1,
                        previous_domain: [["id", "=", 3]],
                        trend: [0, 1, visits],
                        change: visits - 1,
                    },
                ],
            },
        ],
        rep_section_title: "The reps side by side",
        funnel: [],
        visits_by_class: [],
        rejection_reasons: [],
        reps: {
            columns: [
                {
                    key: "visits_done",
                    label: "Visits done",
                    kind: "count",
                    model: "solis.visit",
                    median: 2.5,
                },
            ],
            rows: [
                { user_id: 7, name: "Bea", values: { visits_done: 2 }, domains: {} },
                { user_id: 8, name: "Al", values: { visits_done: 3 }, domains: {} },
            ],
            pool: false,
        },
        lists: LISTS,
    };
}

async function openDashboard(params = {}) {
    await mountWebClient();
    await getService("action").doAction({
        type: "ir.actions.client",
        tag: "solis_sales_dashboard",
        params,
    });
    await animationFrame();
}

function answerEachCall(answers, periods = PERIODS) {
    const calls = [];
    onRpc("solis.sales.dashboard", "get_choices", () => ({ periods, reps: [], teams: [] }));
    onRpc("solis.sales.dashboard", "get_dashboard", ({ kwargs }) => {
        calls.push(kwargs);
        return answers(kwargs, calls.length);
    });
    return calls;
}

test("the dashboard draws its cards, sparklines and reps from the server's answer", async () => {
    answerEachCall(() => answer());
    await openDashboard();
    expect(".o_solis_period_label").toHaveText("December 2026");
    expect(".o_solis_card[data-key=visits_done] .o_solis_value").toHaveText("2");
    expect(".o_solis_card[data-key=visits_done] .o_solis_change").toHaveText("+1");
    expect(".o_solis_card[data-key=visits_done] .o_solis_change").toHaveClass("text-success");
    expect(queryAttribute(".o_solis_sparkline polyline", "points")).toBe(
        "0.0,22.0 50.0,12.0 100.0,2.0"
    );
    expect(".o_solis_sparkline title").toHaveText(
        "October 2026: 0\nNovember 2026: 1\nDecember 2026: 2"
    );
    expect(queryAllTexts(".o_solis_rep_table tbody td:first-child")).toEqual(["Al", "Bea"]);
    expect(".o_solis_team_median td:last-child").toHaveText("2.5");
    expect(".o_solis_loading").toHaveCount(0);
});

test("a late answer to an older choice never replaces the newer one", async () => {
    const week = new Deferred();
    const quarter = new Deferred();
    answerEachCall(({ period }) => {
        if (period === "week") {
            return week;
        }
        if (period === "quarter") {
            return quarter;
        }
        return answer({ period });
    });
    await openDashboard();
    await click(".o_solis_period button[data-period=week]");
    await click(".o_solis_period button[data-period=quarter]");
    await animationFrame();
    expect(".o_solis_loading").toHaveCount(1);

    quarter.resolve(answer({ period: "quarter", visits: 9 }));
    await animationFrame();
    expect(".o_solis_period_label").toHaveText("Q4 2026");
    expect(".o_solis_loading").toHaveCount(0);

    // The week's answer comes last: it is dropped.
    week.resolve(answer({ period: "week", visits: 4 }));
    await animationFrame();
    expect(".o_solis_period_label").toHaveText("Q4 2026");
    expect(".o_solis_card[data-key=visits_done] .o_solis_value").toHaveText("9");
});

test("the arrows ask for the period before and after the one shown", async () => {
    const calls = answerEachCall(({ period }) => answer({ period }));
    await openDashboard();
    await click(".o_solis_previous_period");
    await animationFrame();
    await click(".o_solis_next_period");
    await animationFrame();
    expect(calls.map(({ period, date }) => [period, date])).toEqual([
        ["month", null],
        ["month", "2026-11-01"],
        ["month", "2027-01-01"],
    ]);
});

test("the kinds of period are the server's, named as it names them", async () => {
    const named = PERIODS.map((period) => ({ ...period, label: `~${period.label}~` }));
    const calls = answerEachCall(({ period }) => answer({ period }), named.slice(1));
    // A kind the server does not offer is read as the default.
    await openDashboard({ period: "week" });
    expect(queryAllTexts(".o_solis_period button")).toEqual(["~Month~", "~Quarter~", "~Year~"]);
    expect(".o_solis_period button[data-period=month]").toHaveClass("btn-primary");
    // A quarter steps by the server's step of a quarter.
    await click(".o_solis_period button[data-period=quarter]");
    await animationFrame();
    await click(".o_solis_next_period");
    await animationFrame();
    expect(calls.map(({ period, date }) => [period, date])).toEqual([
        ["month", null],
        ["quarter", null],
        ["quarter", "2027-03-01"],
    ]);
});

test("sorting the reps by a figure, then by name", async () => {
    answerEachCall(() => answer());
    await openDashboard();
    await click(".o_solis_rep_table th[data-key=visits_done]");
    await animationFrame();
    expect(queryAllTexts(".o_solis_rep_table tbody td:first-child")).toEqual(["Al", "Bea"]);
    await click(".o_solis_rep_table th[data-key=visits_done]");
    await animationFrame();
    expect(queryAllTexts(".o_solis_rep_table tbody td:first-child")).toEqual(["Bea", "Al"]);
    expect(".o_solis_rep_table th[data-key=visits_done] i").toHaveClass("fa-caret-up");
});

test("the workbook is downloaded through the web client's helper, with the filters", async () => {
    answerEachCall(() => answer());
    const asked = [];
    patchWithCleanup(download, {
        _download: (options) => {
            asked.push(options);
            return Promise.resolve();
        },
    });
    await openDashboard();
    await click(".o_solis_months");
    queryOne(".o_solis_months").value = "6";
    queryOne(".o_solis_months").dispatchEvent(new Event("change"));
    await animationFrame();
    await click("button.o_solis_download");
    await animationFrame();
    expect(asked).toEqual([
        { url: "/solis_sales_process/workbook", data: { period: "month", months: "6" } },
    ]);
});

test("a card's figure opens its list, its previous period's figure the previous list", async () => {
    answerEachCall(() => answer());
    await openDashboard();
    const opened = [];
    patchWithCleanup(getService("action"), {
        doAction: (action) => opened.push(action),
    });
    await click(".o_solis_card[data-key=visits_done] .o_solis_value");
    await click(".o_solis_card[data-key=visits_done] .o_solis_previous a");
    expect(opened.map(({ name, res_model, domain }) => [name, res_model, domain])).toEqual([
        ["Visits done", "solis.visit", [["id", "in", [1, 2]]]],
        ["Visits done (November 2026)", "solis.visit", [["id", "=", 3]]],
    ]);
    // An empty list says what it would list, never Odoo's sample records.
    expect(opened[0].useSampleModel).toBe(false);
    expect(String(opened[0].help)).toInclude("Visits done: none");
    // The views and what an empty list says are the server's, by model.
    expect(opened[0].views).toEqual(LISTS["solis.visit"].views);
    expect(String(opened[0].help)).toInclude("No visit here.");
});

test("a list with no form, as the server says, opens without one", async () => {
    answerEachCall(() => {
        const data = answer();
        Object.assign(data.sections[0].cards[0], {
            model: "solis.client.coverage.report",
            label: "Covered <clients>",
        });
        return data;
    });
    await openDashboard();
    const opened = [];
    patchWithCleanup(getService("action"), {
        doAction: (action) => opened.push(action),
    });
    await click(".o_solis_card[data-key=visits_done] .o_solis_value");
    expect(opened[0].views).toEqual([[false, "list"]]);
    // The label is written as text, never read as markup.
    expect(String(opened[0].help)).toInclude("Covered &lt;clients&gt;: none");
    expect(String(opened[0].help)).toInclude("No client here.");
});

test("a section shows the breakdowns and the funnel the server says it holds", async () => {
    answerEachCall(() => {
        const data = answer();
        Object.assign(data.sections[0], { breakdowns: ["visits_by_class"], funnel: true });
        data.visits_by_class = [
            {
                user: "Bea",
                client_class: "A",
                in_person: 2,
                remote: 0,
                model: "solis.visit",
                domain: [["user_id", "=", 7]],
                in_person_domain: [["id", "in", [4, 5]]],
                remote_domain: [["id", "=", 6]],
            },
        ];
        data.rejection_reasons = [
            { name: "Price", value: 1, model: "sale.order", domain: [] },
        ];
        data.funnel = [
            { key: "funnel_a", label: "Prospects", value: 40, model: "res.partner", domain: [] },
            { key: "funnel_b", label: "Offered", value: 10, model: "res.partner", domain: [] },
        ];
        return data;
    });
    await openDashboard();
    expect(".o_solis_visits_by_class tbody tr").toHaveCount(1);
    // Not the rejection reasons: the section does not name them.
    expect(".o_solis_rejection_reasons").toHaveCount(0);
    expect(queryAllTexts(".o_solis_funnel_value")).toEqual(["40", "10"]);
    const bar = ".o_solis_funnel_stage[data-key=funnel_b] .o_solis_funnel_bar";
    expect(queryAttribute(bar, "style")).toBe("height: 1.1rem; width: 25%");
    const opened = [];
    patchWithCleanup(getService("action"), {
        doAction: (action) => opened.push(action),
    });
    // Each count opens the list the server gives for it, as it gives it.
    await click(".o_solis_visits_by_class tbody td:nth-child(3) a");
    await click(".o_solis_visits_by_class tbody td:nth-child(4) a");
    expect(opened.map(({ name, res_model, domain }) => [name, res_model, domain])).toEqual([
        ["A", "solis.visit", [["id", "in", [4, 5]]]],
        ["A", "solis.visit", [["id", "=", 6]]],
    ]);
});
