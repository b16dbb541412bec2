"""The one clock of the sales process.

Every screen, answer, report, e-mail and job of the addon reads here whose
day it is, where a day starts in UTC (as Odoo stores datetimes), the bounds
of a week, month, quarter or year, and how a period is named in the
reader's language.

An unknown timezone (a name pytz does not know: an RPC caller's typo in
the context's ``tz``, a zone a tzdata update renamed, a value written to
the database by hand) is read as UTC, everywhere: as Odoo's own
``fields.Date.context_today`` and ``context_timestamp`` read it, so that the
addon's "today" is always the day of Odoo's defaults and date widgets, and
the nightly jobs (daily e-mail, visit planner) and stored figures never stop
on one rep's setting. ``tz_sql`` is the same rule inside SQL.
"""

import re
from datetime import date, datetime, time, timedelta

import pytz
from babel.dates import format_skeleton
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools import SQL, date_utils
from odoo.tools.misc import babel_locale_parse, format_date, get_lang
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# The days every screen, answer and e-mail accepts: the calendar arithmetic
# of a period (a week before year 1, a day after 9999) and UTC datetimes
# work in these years.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(9998, 12, 31)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# The names of the timezones known here, as SQL compares them.
KNOWN_ZONES = tuple(sorted(pytz.all_timezones))

# The kinds of period the dashboard steps by, each a granularity of
# ``odoo.tools.date_utils``, with its length.
PERIOD_STEPS = {
    "week": {"weeks": 1},
    "month": {"months": 1},
    "quarter": {"months": 3},
    "year": {"years": 1},
}
# Their names, as the dashboard's period picker offers them, in this order.
PERIOD_NAMES = {
    "week": _lt("Week"),
    "month": _lt("Month"),
    "quarter": _lt("Quarter"),
    "year": _lt("Year"),
}

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


# ----------------------------------------------------------------------
# The days asked for
# ----------------------------------------------------------------------
def asked_day(env, value, error, default=None):
    """The day ``value`` asks for: a date, or YYYY-MM-DD and nothing else
    (Odoo's own parser would silently drop what follows the tenth
    character, Python's would take a week date such as 2026-W01-1); None
    asks for ``default``, by default the reader's today. What is not a day
    is refused with the UserError ``error`` (a translated text), a day out
    of range as ``check_day_in_range`` refuses it."""
    try:
        if isinstance(value, str):
            if not ISO_DATE.fullmatch(value):
                raise ValueError(value)
            day = date.fromisoformat(value)
        elif isinstance(value, (bool, int, float)):
            raise TypeError(value)
        else:
            day = fields.Date.to_date(value)
    except (TypeError, ValueError) as exc:
        raise UserError(error) from exc
    if day is None:
        day = user_today(env) if default is None else default
    check_day_in_range(env, day)
    return day


def check_day_in_range(env, day):
    """Refuse days outside ``FIRST_DAY`` to ``LAST_DAY``."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UserError(
            env._(
                "Dates are given from %(first)s to %(last)s.",
                first=FIRST_DAY,
                last=LAST_DAY,
            )
        )


# ----------------------------------------------------------------------
# Timezones and days
# ----------------------------------------------------------------------
def timezone(name):
    """The timezone called ``name``; UTC when there is none or pytz does
    not know it (see the module's docstring)."""
    if not name or not isinstance(name, str):
        return pytz.utc
    try:
        return pytz.timezone(name)
    except (pytz.UnknownTimeZoneError, ValueError):
        return pytz.utc


def tz_sql(column):
    """``column`` (SQL holding a timezone name) as PostgreSQL may read it
    after ``AT TIME ZONE``: the name, or 'UTC' where ``timezone`` would
    give UTC."""
    return SQL(
        "CASE WHEN %s = ANY(%s) THEN %s ELSE 'UTC' END",
        column,
        list(KNOWN_ZONES),
        column,
    )


def user_tz(env):
    """The timezone of the reader's days: the context's, else his own."""
    return timezone(env.context.get("tz") or env.user.tz)


def user_today(env):
    """The one "today" of every answer: ``solis_today`` in the context (a
    preview or a report for another day), else the reader's own day."""
    forced = env.context.get("solis_today")
    if forced:
        return fields.Date.to_date(forced)
    return local_day(user_tz(env), datetime.now(pytz.utc))


def rep_today(user):
    """Today on ``user``'s own calendar (his timezone, whatever the
    context): the day of his daily e-mail."""
    return local_day(timezone(user.tz), datetime.now(pytz.utc))


def local_day(tz, moment):
    """The day ``moment`` (a datetime; naive ones are UTC, as Odoo stores
    them) falls on in timezone ``tz``."""
    if moment.tzinfo is None:
        moment = pytz.utc.localize(moment)
    return moment.astimezone(tz).date()


def local_to_utc(tz, day, at):
    """The time ``at`` of ``day`` in timezone ``tz``, as the naive UTC
    datetime Odoo stores."""
    local = tz.localize(datetime.combine(day, at))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def day_start_utc(tz, day):
    """Midnight of ``day`` in timezone ``tz``, as the naive UTC datetime
    Odoo stores."""
    return local_to_utc(tz, day, time.min)


def utc_bounds(tz, first, last):
    """The days from ``first`` to ``last`` in timezone ``tz``, as the UTC
    datetimes of their start and of the next day's start."""
    return day_start_utc(tz, first), day_start_utc(tz, last + timedelta(days=1))


# ----------------------------------------------------------------------
# Periods
# ----------------------------------------------------------------------
def period_of(kind, day):
    """The ``kind`` of period (a key of ``PERIOD_STEPS``; weeks run Monday
    to Sunday) that holds ``day``, as (first day, last day)."""
    return date_utils.start_of(day, kind), date_utils.end_of(day, kind)


def trailing_periods(kind, day, count):
    """The ``count`` consecutive periods of ``kind`` ending with the one
    that holds ``day``, oldest first."""
    step = relativedelta(**PERIOD_STEPS[kind])
    first = date_utils.start_of(day, kind)
    return [period_of(kind, first - step * back) for back in range(count - 1, -1, -1)]


def period_kinds(env):
    """The kinds of period, each with its name in the reader's language and
    its step (a duration), in the order they are offered."""
    return [
        {"kind": kind, "label": env._(name), "step": PERIOD_STEPS[kind]}
        for kind, name in PERIOD_NAMES.items()
    ]


def period_kind(first, last):
    """``year``, ``quarter``, ``month`` or ``week`` when the days from
    ``first`` to ``last`` are exactly one such period, else None."""
    for kind in ("year", "month", "quarter", "week"):
        if (first, last) == period_of(kind, first):
            return kind
    return None


def period_label(env, first, last, kind=None):
    """The period from ``first`` to ``last`` (of ``kind``, found when not
    given) as the reader's language writes it: "December 2026",
    "decembrie 2026", "Q4 2026", "trim. IV 2026", "Week of 12/07/2026"."""
    kind = kind or period_kind(first, last)
    skeleton = {"year": "y", "quarter": "yQQQ", "month": "yMMMM"}.get(kind)
    if skeleton:
        locale = babel_locale_parse(get_lang(env).code)
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
