import { user } from "@web/core/user";
import { formatInteger } from "@web/views/fields/formatters";

/**
 * A count written in words, agreeing with its number: the same rule as the
 * server's plural.py. Odoo's translations have one text per source text, so
 * a phrase about a count comes as a singular and a plural text (each already
 * translated, each holding %(count)s); Romanian puts "de" between a number
 * and its noun from twenty on (20, 100, but not 101 to 119).
 */
export function countText(count, singular, plural) {
    let number = formatInteger(count);
    const rest = Math.abs(count) % 100;
    const romanian = (user.lang || "").split("-")[0] === "ro";
    if (count !== 1 && romanian && count !== 0 && (rest === 0 || rest >= 20)) {
        number = `${number} de`;
    }
    return String(count === 1 ? singular : plural).replace("%(count)s", number);
}
