import { _t } from "@web/core/l10n/translation";
import { formatFloat, formatInteger, formatPercentage } from "@web/views/fields/formatters";

const { DateTime } = luxon;

/**
 * What the dashboard computes on its own, without the server: the filters it
 * reads from a URL, the period before or after, how a figure is written, the
 * sparkline of a trend. Plain functions, so that unit tests can pin them.
 */

// The period shown when none is asked for, as the server's own default. The
// kinds of period themselves are the server's (get_choices).
export const DEFAULT_PERIOD = "month";
// The filters kept in the URL, so that a dashboard can be bookmarked and shared.
export const FILTER_KEYS = ["period", "date", "user_id", "team_id", "months"];
// The server refuses more (100 years).
export const MAX_MONTHS = 1200;
// The box a sparkline is drawn in (its SVG viewBox is 100 x 24): a 2-unit
// margin at the top and bottom so that the stroke is not cut.
const SPARKLINE_WIDTH = 100;
const SPARKLINE_BOTTOM = 22;
const SPARKLINE_HEIGHT = 20;

export function positiveInteger(value) {
    const number = parseInt(value, 10);
    return Number.isInteger(number) && number > 0 ? number : false;
}

/**
 * The filters of a dashboard from what its action, URL or breadcrumbs give;
 * anything malformed falls back to the default (this month, whole team).
 * ``periods``: the kinds of period the server offers.
 */
export function readFilters(given = {}, periods = []) {
    return {
        period: periods.includes(given.period) ? given.period : DEFAULT_PERIOD,
        date: /^\d{4}-\d{2}-\d{2}$/.test(given.date || "") ? given.date : false,
        user_id: positiveInteger(given.user_id),
        team_id: positiveInteger(given.team_id),
        months: positiveInteger(given.months),
    };
}

/** The filters as the server's methods take them (null: not chosen). */
export function filterArguments(filters) {
    const { period, date, user_id, team_id, months } = filters;
    return {
        period,
        date: date || null,
        user_id: user_id || null,
        team_id: team_id || null,
        months: months || null,
    };
}

/**
 * The filters as the workbook's form sends them: only those chosen, so that
 * the server applies its defaults to the rest.
 */
export function workbookData(filters) {
    const data = {};
    for (const key of FILTER_KEYS) {
        if (filters[key]) {
            data[key] = String(filters[key]);
        }
    }
    return data;
}

/**
 * The first day of the period ``count`` periods after (or before, if
 * negative) the one starting on ``dateFrom`` (YYYY-MM-DD), a period being as
 * long as ``step`` (the server's duration of its kind, e.g. ``{months: 3}``).
 * A calendar date, not an instant: no timezone may move it by a day.
 */
export function shiftPeriod(dateFrom, step, count) {
    if (!step || !Object.keys(step).length) {
        throw new Error(`Unknown period: ${JSON.stringify(step)}`);
    }
    const duration = Object.fromEntries(
        Object.entries(step).map(([unit, size]) => [unit, size * count])
    );
    return DateTime.fromISO(dateFrom, { zone: "utc" }).plus(duration).toISODate();
}

/** A figure as the dashboard writes it; "–" when there is none. */
export function formatAnswer(value, kind) {
    if (value === false || value === null || value === undefined) {
        return "–";
    }
    if (kind === "rate") {
        return formatPercentage(value, { digits: [16, 0] });
    }
    if (kind === "median") {
        return formatFloat(value, { digits: [16, 1] });
    }
    if (kind === "days") {
        return _t("%(days)s days", { days: formatFloat(value, { digits: [16, 1] }) });
    }
    return formatInteger(value);
}

/** A team median: a median of counts may fall between two counts. */
export function medianKind(kind) {
    return kind === "count" ? "median" : kind;
}

/** The change since the previous period, signed; "" when there is none. */
export function formatChange(change, kind) {
    if (change === false || change === null || change === undefined) {
        return "";
    }
    const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
    const size = Math.abs(change);
    if (kind === "rate") {
        // Percentage points: a rate's change is not a percentage of it.
        return _t("%(sign)s%(points)s pp", {
            sign,
            points: formatFloat(size * 100, { digits: [16, 0] }),
        });
    }
    if (kind === "days") {
        return `${sign}${formatFloat(size, { digits: [16, 1] })}`;
    }
    return `${sign}${formatInteger(size)}`;
}

/** The colour of a change: neither good nor bad when there is none. */
export function changeClass(change) {
    return change > 0 ? "text-success" : change < 0 ? "text-danger" : "text-muted";
}

/**
 * The points of a trend's polyline: the periods spread evenly from left to
 * right, the highest value at the top; a period without a value (false) is
 * drawn at 0.
 */
export function sparklinePoints(trend) {
    const values = trend.map((value) => (value === false || value === null ? 0 : value));
    const high = Math.max(...values, 0) || 1;
    const step = values.length > 1 ? SPARKLINE_WIDTH / (values.length - 1) : SPARKLINE_WIDTH;
    return values
        .map((value, index) => {
            const x = (index * step).toFixed(1);
            const y = (SPARKLINE_BOTTOM - (value / high) * SPARKLINE_HEIGHT).toFixed(1);
            return `${x},${y}`;
        })
        .join(" ");
}

/** A trend read out, one period a line ("May 2026: 3"). */
export function trendText(trend, labels, kind) {
    return trend.map((value, index) => `${labels[index]}: ${formatAnswer(value, kind)}`).join("\n");
}

/**
 * How wide a funnel stage's bar is, as a share of the largest stage; a stage
 * with clients keeps a sliver even next to a much larger one.
 */
export function funnelWidth(value, values) {
    const high = Math.max(...values, 1);
    return `${Math.max((value / high) * 100, value ? 1 : 0)}%`;
}

/**
 * The reps' rows sorted by name or by a column's value. A rep without a value
 * (false) sorts as if above every value: last going up, first going down.
 */
export function sortRows(rows, key, descending) {
    const value = (row) => (key === "name" ? row.name : row.values[key]);
    return [...rows].sort((a, b) => {
        const [x, y] = [value(a), value(b)];
        let order = 1;
        if (x === y) {
            order = 0;
        } else if (y === false || (x !== false && x < y)) {
            order = -1;
        }
        return descending ? -order : order;
    });
}
