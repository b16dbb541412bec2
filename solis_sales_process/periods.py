"""Periods and days written in the reader's language: "December 2026",
"decembrie 2026", "Q4 2026", "trim. IV 2026", days in his language's date
format. The dashboard and the workbook name their periods here."""

import re
from datetime import timedelta

from babel.dates import format_skeleton
from dateutil.relativedelta import relativedelta

from odoo.tools.misc import babel_locale_parse, format_date, get_lang

# strftime's directives of a language's date format, as Excel writes them.
EXCEL_DATE_CODES = {
    "%d": "dd",
    "%e": "d",
    "%m": "mm",
    "%b": "mmm",
    "%B": "mmmm",
    "%y": "yy",
    "%Y": "yyyy",
    "%a": "ddd",
    "%A": "dddd",
}


def period_kind(first, last):
    """``year``, ``quarter``, ``month`` or ``week`` (Monday to Sunday) when
    the days from ``first`` to ``last`` are exactly one, else None."""
    after = last + timedelta(days=1)
    if first.day == 1 and first.month == 1 and after == first + relativedelta(years=1):
        return "year"
    if first.day == 1 and after == first + relativedelta(months=1):
        return "month"
    if (
        first.day == 1
        and first.month % 3 == 1
        and after == first + relativedelta(months=3)
    ):
        return "quarter"
    if first.weekday() == 0 and after == first + timedelta(weeks=1):
        return "week"
    return None


def period_label(env, first, last, kind=None):
    """The period from ``first`` to ``last`` (of ``kind``, found when not
    given) as the reader's language writes it."""
    kind = kind or period_kind(first, last)
    locale = babel_locale_parse(get_lang(env).code)
    skeleton = {"year": "y", "quarter": "yQQQ", "month": "yMMMM"}.get(kind)
    if skeleton:
        return format_skeleton(skeleton, first, locale=locale)
    if kind == "week":
        return env._("Week of %(day)s", day=format_date(env, first))
    return env._(
        "%(start)s to %(end)s",
        start=format_date(env, first),
        end=format_date(env, last),
    )


def excel_date_format(env):
    """The reader's date format as an Excel number format (``yyyy-mm-dd``
    where his language's has a directive Excel has no code for)."""
    parts = re.split(r"(%.)", get_lang(env).date_format)
    codes, texts = parts[1::2], parts[0::2]
    if not codes or any(code not in EXCEL_DATE_CODES for code in codes):
        return "yyyy-mm-dd"
    # Words between the directives ("%d de %B") are quoted: Excel would
    # read their letters as codes.
    texts = [f'"{text}"' if re.search(r"[^\W\d_]", text) else text for text in texts]
    excel = [texts[0]]
    for code, text in zip(codes, texts[1:], strict=True):
        excel += [EXCEL_DATE_CODES[code], text]
    return "".join(excel)
