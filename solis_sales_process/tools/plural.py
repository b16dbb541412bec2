"""Counts written as words agree with their number, in the reader's language.

Odoo's translations have one text per source text, no plural forms. A phrase
about a count therefore has two source texts, the singular and the plural,
each translated, and the number is written in the reader's own format.
Romanian puts "de" between a number and its noun from twenty on (20, 100,
1,000, but not 101 to 119): "20 de clienți", "101 clienți".
"""

from odoo.tools.misc import formatLang


def _romanian_takes_de(count):
    count = abs(int(count))
    return count != 0 and (count % 100 == 0 or count % 100 >= 20)


def count_text(env, count, singular, plural):
    """``singular`` or ``plural`` (already translated, each holding
    ``%(count)s``) with ``count`` written in ``env``'s language."""
    number = formatLang(env, count, digits=0)
    lang = env.lang or "en_US"
    if count != 1 and lang.split("_")[0] == "ro" and _romanian_takes_de(count):
        number = f"{number} de"
    return (singular if count == 1 else plural) % {"count": number}
