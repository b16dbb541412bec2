import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { patchTranslations, patchWithCleanup } from "@web/../tests/web_test_helpers";
import { localization } from "@web/core/l10n/localization";
import { mockTimeZone } from "@odoo/hoot-mock";
import {
    filterArguments,
    formatAnswer,
    formatChange,
    funnelWidth,
    readFilters,
    shiftPeriod,
    sortRows,
    sparklinePoints,
    trendText,
    workbookData,
} from "@solis_sales_process/dashboard/dashboard_utils";

describe.current.tags("headless");

// Figures written as an English reader's web client writes them.
beforeEach(() => {
    patchTranslations();
    patchWithCleanup(localization, { decimalPoint: ".", thousandsSep: ",", grouping: [3, 0] });
});

// The steps of the kinds of period, as the server gives them (get_choices).
const WEEK = { weeks: 1 };
const MONTH = { months: 1 };
const QUARTER = { months: 3 };
const YEAR = { years: 1 };

describe("periods", () => {
    test("a month steps to the month before and after, across a year", () => {
        expect(shiftPeriod("2026-12-01", MONTH, -1)).toBe("2026-11-01");
        expect(shiftPeriod("2026-12-01", MONTH, 1)).toBe("2027-01-01");
        expect(shiftPeriod("2026-01-01", MONTH, -1)).toBe("2025-12-01");
    });

    test("a week steps by seven days, across a month and a year", () => {
        expect(shiftPeriod("2026-12-07", WEEK, 1)).toBe("2026-12-14");
        expect(shiftPeriod("2026-12-28", WEEK, 1)).toBe("2027-01-04");
        expect(shiftPeriod("2026-03-02", WEEK, -1)).toBe("2026-02-23");
        // 2024 is a leap year.
        expect(shiftPeriod("2024-02-26", WEEK, 1)).toBe("2024-03-04");
    });

    test("a quarter steps by three months, a year by twelve", () => {
        expect(shiftPeriod("2026-10-01", QUARTER, 1)).toBe("2027-01-01");
        expect(shiftPeriod("2026-01-01", QUARTER, -1)).toBe("2025-10-01");
        expect(shiftPeriod("2024-01-01", YEAR, -1)).toBe("2023-01-01");
        expect(shiftPeriod("2026-01-01", YEAR, 1)).toBe("2027-01-01");
    });

    test("the reader's timezone never moves a period by a day", () => {
        for (const offset of [-11, 0, 14]) {
            mockTimeZone(offset);
            expect(shiftPeriod("2026-03-01", MONTH, -1)).toBe("2026-02-01");
            expect(shiftPeriod("2026-03-30", WEEK, -1)).toBe("2026-03-23");
        }
    });

    test("an unknown kind of period is refused", () => {
        expect(() => shiftPeriod("2026-12-01", undefined, 1)).toThrow(/Unknown period/);
        expect(() => shiftPeriod("2026-12-01", {}, 1)).toThrow(/Unknown period/);
    });
});

describe("filters", () => {
    test("the filters of a URL, anything malformed left to the default", () => {
        expect(
            readFilters(
                { period: "week", date: "2026-12-09", user_id: "7", months: "3" },
                ["week", "month"]
            )
        ).toEqual({ period: "week", date: "2026-12-09", user_id: 7, team_id: false, months: 3 });
        expect(
            readFilters({ period: "day", date: "09/12/2026", user_id: "-2", team_id: "x" }, [
                "week",
                "month",
            ])
        ).toEqual({ period: "month", date: false, user_id: false, team_id: false, months: false });
        expect(readFilters()).toEqual({
            period: "month",
            date: false,
            user_id: false,
            team_id: false,
            months: false,
        });
    });

    test("the server is asked with null for a filter not chosen", () => {
        expect(
            filterArguments({
                period: "year",
                date: false,
                user_id: 4,
                team_id: false,
                months: false,
            })
        ).toEqual({ period: "year", date: null, user_id: 4, team_id: null, months: null });
    });

    test("the workbook is asked for with the chosen filters only", () => {
        expect(
            workbookData({ period: "month", date: false, user_id: 4, team_id: false, months: 6 })
        ).toEqual({ period: "month", user_id: "4", months: "6" });
    });
});

describe("sparklines", () => {
    test("the periods spread from left to right, the highest at the top", () => {
        expect(sparklinePoints([0, 5, 10])).toBe("0.0,22.0 50.0,12.0 100.0,2.0");
    });

    test("a period without a value is drawn at 0", () => {
        expect(sparklinePoints([4, false, 2])).toBe("0.0,2.0 50.0,22.0 100.0,12.0");
    });

    test("a flat line of zeros lies at the bottom", () => {
        expect(sparklinePoints([0, 0, 0, 0, 0])).toBe(
            "0.0,22.0 25.0,22.0 50.0,22.0 75.0,22.0 100.0,22.0"
        );
    });

    test("a single period and twelve periods", () => {
        expect(sparklinePoints([3])).toBe("0.0,2.0");
        const twelve = sparklinePoints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).split(" ");
        expect(twelve).toHaveLength(12);
        expect(twelve[0]).toBe("0.0,20.3");
        expect(twelve[11]).toBe("100.0,2.0");
    });

    test("rates between 0 and 1 use the whole height", () => {
        expect(sparklinePoints([0.25, 0.5])).toBe("0.0,12.0 100.0,2.0");
    });

    test("a trend read out, one period a line", () => {
        expect(trendText([0.5, false], ["Nov 2026", "Dec 2026"], "rate")).toBe(
            "Nov 2026: 50%\nDec 2026: –"
        );
    });
});

describe("figures", () => {
    test("a figure as its kind is written", () => {
        expect(formatAnswer(1234, "count")).toBe("1,234");
        expect(formatAnswer(0.256, "rate")).toBe("26%");
        expect(formatAnswer(2.26, "median")).toBe("2.3");
        expect(formatAnswer(3, "days")).toBe("3.0 days");
        expect(formatAnswer(false, "count")).toBe("–");
        expect(formatAnswer(null, "rate")).toBe("–");
        expect(formatAnswer(0, "count")).toBe("0");
    });

    test("a change since the previous period, signed", () => {
        expect(formatChange(3, "count")).toBe("+3");
        expect(formatChange(-1200, "count")).toBe("−1,200");
        expect(formatChange(0, "count")).toBe("±0");
        // A rate changes by percentage points, not by a percentage of itself.
        expect(formatChange(-0.124, "rate")).toBe("−12 pp");
        expect(formatChange(1.5, "days")).toBe("+1.5");
        expect(formatChange(false, "count")).toBe("");
    });

    test("a funnel stage's bar, as a share of the largest", () => {
        expect(funnelWidth(50, [200, 50, 0])).toBe("25%");
        expect(funnelWidth(200, [200, 50, 0])).toBe("100%");
        // A stage with clients keeps a sliver; an empty one has none.
        expect(funnelWidth(1, [1000, 1])).toBe("1%");
        expect(funnelWidth(0, [0, 0])).toBe("0%");
    });
});

describe("reps", () => {
    const rows = [
        { name: "Bob", values: { visits: 3 } },
        { name: "Ana", values: { visits: false } },
        { name: "Cid", values: { visits: 7 } },
    ];
    const names = (sorted) => sorted.map((row) => row.name);

    test("sorted by name or by a figure, either way", () => {
        expect(names(sortRows(rows, "name", false))).toEqual(["Ana", "Bob", "Cid"]);
        expect(names(sortRows(rows, "name", true))).toEqual(["Cid", "Bob", "Ana"]);
        expect(names(sortRows(rows, "visits", true))).toEqual(["Ana", "Cid", "Bob"]);
        expect(names(sortRows(rows, "visits", false))).toEqual(["Bob", "Cid", "Ana"]);
        // The server's order is left alone.
        expect(names(rows)).toEqual(["Bob", "Ana", "Cid"]);
    });
});
