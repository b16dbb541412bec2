import { user } from "@web/core/user";
import { formatInteger } from "@web/views/fields/formatters";

// Romanian's plural rules as the browser knows them (CLDR). Their "other"
// category, for a whole number, is exactly the server's "takes de" rule
// (plural.py): neither 0, nor 1, nor 2 to 19 after the hundreds.
const romanianPlurals = new Intl.PluralRules("ro");

/**
 * Whether Romanian writes "de" between ``count`` and its noun: "20 de
 * clienți", "101 clienți". The server says the same of the same counts.
 */
export function romanianTakesDe(count) {
    const whole = Math.trunc(Math.abs(count));
    return romanianPlurals.select(whole) === "other";
}

/**
 * A count written in words, agreeing with its number: the same rule as the
 * server's plural.py. Odoo's translations have one text per source text, so
 * a phrase about a count comes as a singular and a plural text (each already
 * translated, each holding %(count)s); Romanian puts "de" between a number
 * and its noun from twenty on (20, 100, but not 101 to 119).
 */
export function countText(count, singular, plural, lang = user.lang) {
    let number = formatInteger(count);
    const romanian = (lang || "").split(/[-_]/)[0] === "ro";
    if (count !== 1 && romanian && romanianTakesDe(count)) {
        number = `${number} de`;
    }
    return String(count === 1 ? singular : plural).replace("%(count)s", number);
}
