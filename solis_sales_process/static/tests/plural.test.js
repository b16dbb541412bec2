import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { patchTranslations, patchWithCleanup } from "@web/../tests/web_test_helpers";
import { localization } from "@web/core/l10n/localization";
import { countText, romanianTakesDe } from "@solis_sales_process/plural";

describe.current.tags("headless");

// Figures written as an English reader's web client writes them.
beforeEach(() => {
    patchTranslations();
    patchWithCleanup(localization, { decimalPoint: ".", thousandsSep: ",", grouping: [3, 0] });
});

/**
 * The server's rule (plural.py), written out once more here on purpose: the
 * browser's plural rules are used only because they agree with it.
 */
function serverTakesDe(count) {
    const whole = Math.abs(Math.trunc(count));
    return whole !== 0 && (whole % 100 === 0 || whole % 100 >= 20);
}

test("the browser knows Romanian's plural rules", () => {
    expect(new Intl.PluralRules("ro").resolvedOptions().locale).toBe("ro");
});

test("the browser's Romanian plural agrees with the server for every count", () => {
    const disagree = [];
    for (let count = -120; count <= 2500; count++) {
        if (romanianTakesDe(count) !== serverTakesDe(count)) {
            disagree.push(count);
        }
    }
    expect(disagree).toEqual([]);
    for (const count of [10000, 100000, 1000019, 1000020]) {
        expect(romanianTakesDe(count)).toBe(serverTakesDe(count));
    }
});

test("Romanian: one, a few, and 'de' from twenty on", () => {
    const reps = (count) => countText(count, "%(count)s agent", "%(count)s agenți", "ro_RO");
    // The same counts as the server's test of plural.py.
    expect(reps(1)).toBe("1 agent");
    expect(reps(2)).toBe("2 agenți");
    expect(reps(19)).toBe("19 agenți");
    expect(reps(20)).toBe("20 de agenți");
    expect(reps(100)).toBe("100 de agenți");
    expect(reps(101)).toBe("101 agenți");
    expect(reps(119)).toBe("119 agenți");
    expect(reps(120)).toBe("120 de agenți");
    expect(reps(0)).toBe("0 agenți");
    // Romanian groups thousands with a dot.
    patchWithCleanup(localization, { decimalPoint: ",", thousandsSep: "." });
    expect(reps(1000)).toBe("1.000 de agenți");
    expect(reps(1019)).toBe("1.019 agenți");
});

test("other languages: singular for one, plural otherwise, no 'de'", () => {
    const days = (count, lang) =>
        countText(count, "%(count)s day late", "%(count)s days late", lang);
    expect(days(1, "en-US")).toBe("1 day late");
    expect(days(0, "en-US")).toBe("0 days late");
    expect(days(20, "en-US")).toBe("20 days late");
    expect(days(1200, "fr-FR")).toBe("1,200 days late");
    // The web client writes its language with a dash, the server with an
    // underscore: both are Romanian.
    expect(days(20, "ro-RO")).toBe("20 de days late");
});
