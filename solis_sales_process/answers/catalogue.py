"""Every answer of the sales process, declared once, as data.

An answer is a number about the sales process: how many clients, visits or
offers a list holds, a rate of two such numbers, or a median of days over
one of those lists. Its declaration says everything the rest of the addon
needs to know about it: ``solis.sales.review`` counts what is declared here
(``get_answers``, ``get_period_answers``), and the dashboard, the Excel
workbook and Odoo's KPI digest show the answers where their declaration
places them. None of them keeps a list of keys of its own, and no property
of an answer is read from its key's name.

The labels are lazy translations, translated in the reader's language when
they are shown (``label(env, answer)``)."""

from dataclasses import dataclass

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# What an answer is: a count of a list, a rate (a count over another), or
# the median of a number of days over the rows of a list.
COUNT, RATE, MEDIAN = "count", "rate", "median"

# Whose rows an answer counts when some reps are asked for:
# - OWN: the reps' own rows (their ``user_id``);
# - POOL: the rows without a rep only, the shared pool every rep sees the
#   same: one number, in every rep's row of the reps table;
# - OWN_AND_POOL: the reps' own rows and that shared pool.
OWN, POOL, OWN_AND_POOL = "own", "pool", "own_and_pool"

# How a value is shown: a whole number, a share (0.25: 25 %), a number of
# days with one decimal. The answers give it as their "kind".
COUNT_FORMAT, RATE_FORMAT, DAYS_FORMAT = "count", "rate", "days"

# The sheets of the Excel workbook that show some answers (the summary sheet
# shows them all, under their question).
SHEET_PROSPECTS = "prospects"  # the lists of question 1, one after the other
SHEET_IMPORTANT = "important_clients"  # the list of question 2
SHEET_BY_REP = "by_rep"  # question 6: one column per answer
CHART_BY_REP = "by_rep_chart"  # its chart, the reps side by side
SHEET_OFFERS = "offers"  # the list of question 5
CHART_OFFERS = "offers_chart"  # the offers by status
CHART_COVERAGE = "coverage_chart"  # question 7: the prospect funnel
WORKBOOK_PLACES = (
    SHEET_PROSPECTS,
    SHEET_IMPORTANT,
    SHEET_BY_REP,
    CHART_BY_REP,
    SHEET_OFFERS,
    CHART_OFFERS,
    CHART_COVERAGE,
)

# The breakdowns of an answer's list that get_answers and the dashboard give
# beside the numbers.
VISITS_BY_CLASS = "visits_by_class"
REJECTION_REASONS = "rejection_reasons"

# The rules the answers share with the filters and the daily e-mail are
# search fields of their models (solis.rule.mixin): each is written once.
TOP_LEVEL = (("parent_id", "=", False),)
IMPORTANT = (("is_important_client", "=", True),)
ASSIGNED_AND_CONTACTED = (
    *TOP_LEVEL,
    ("user_assigned_date", "!=", False),
    ("rep_first_contact_date", "!=", False),
)
DONE_VISITS = (("state", "=", "done"),)
PROSPECTS = (*TOP_LEVEL, ("is_prospect", "=", True))
NEVER_CONTACTED = (("is_never_contacted_prospect", "=", True),)
NEVER_CONTACTED_UNASSIGNED = (*NEVER_CONTACTED, ("user_id", "=", False))
NEVER_CONTACTED_ASSIGNED = (*NEVER_CONTACTED, ("user_id", "!=", False))
LEADS = (*TOP_LEVEL, ("is_lead", "=", True))
HAS_OFFER = (("has_sale_order", "=", True),)
OFFERS = (("is_last_version", "=", True), ("is_offer_sent", "=", True))

NEVER_CONTACTED_UNASSIGNED_LABEL = _lt(
    "Prospects never contacted, not assigned to a rep"
)
NEVER_CONTACTED_ASSIGNED_LABEL = _lt("Prospects assigned to a rep, never contacted")

COVERAGE_REPORT = "solis.client.coverage.report"

# How the dashboard opens the list behind a figure, by the list's model: its
# views (the coverage report has no form) and what the list says when it
# holds nothing, instead of the sample records of an empty Odoo list.
NO_CLIENT = _lt(
    "No client is counted here for the rep or team and the period chosen on "
    "the dashboard."
)
LISTS = {
    "res.partner": (("list", "form"), NO_CLIENT),
    COVERAGE_REPORT: (("list",), NO_CLIENT),
    "solis.visit": (
        ("list", "form"),
        _lt(
            "No visit or call is counted here for the rep or team and the "
            "period chosen on the dashboard."
        ),
    ),
    "sale.order": (
        ("list", "form"),
        _lt(
            "No offer or quotation is counted here for the rep or team and "
            "the period chosen on the dashboard."
        ),
    ),
}

# The date that puts a record of an answer about a period in the period, by
# model: a lead's first contact, a visit's day, an offer's: the offer date of
# its chain's first version (a renegotiated offer counts once).
PERIOD_FIELDS = {
    "res.partner": "first_contact_date",
    "solis.visit": "visit_date",
    "sale.order": "offer_chain_date",
}

# The manager's questions, by their number. Question 6, the overall situation
# per rep, is answered by the answers per rep.
QUESTIONS = {
    1: _lt(
        "How many prospects were never contacted, and which ones? How "
        "many are not even assigned to a sales rep?"
    ),
    2: _lt(
        "Which important clients were not visited within their class's "
        "target interval? Were they visited or contacted in the last 30 days?"
    ),
    3: _lt("How many calls or visits did each rep make, per client class?"),
    4: _lt(
        "How many leads and visits turned into offers, and how many offers into orders?"
    ),
    5: _lt(
        "Were all offers confirmed? How many were accepted, rejected, "
        "renegotiated or postponed?"
    ),
    6: _lt("What is the overall situation, and per sales rep?"),
    7: _lt(
        "Are the clients visited as often as their class asks, and how "
        "far did the prospects go?"
    ),
}
# The questions worded for a number of months asked for (``%(months)s``).
QUESTIONS_MONTHS = {
    2: _lt(
        "Which important clients were not visited in the last %(months)s "
        "months? Were they visited or contacted in the last 30 days?"
    ),
}


# eq=False: a lazy translation cannot be compared; an answer is itself.
@dataclass(frozen=True, eq=False)
class Answer:
    """One answer. A count's list is ``domain`` on ``model`` (the answer's
    period, if ``period``, and its reps are added when it is counted); a
    rate's and a median's list is the list of the answer they are computed
    from (``part``, ``source``) unless they have a domain of their own."""

    key: str
    question: int  # the product's question it answers (1 to 7)
    label: object  # a lazy translation
    model: str = ""
    domain: tuple = ()
    # The name of a method of solis.sales.review that adds the terms of a
    # domain that depends on the day and on the months asked for:
    # ``method(today, months)``.
    domain_builder: str = ""
    # The label when a number of months is asked for (``%(months)s``).
    label_months: object = None
    kind: str = COUNT
    part: str = ""  # a rate: part / whole
    whole: str = ""
    source: str = ""  # a median over the rows of this answer
    days_sql: str = ""  # ... of the days this method of the review gives
    period: bool = False  # about a period (True) or about today (False)
    reps: str = OWN
    format: str = COUNT_FORMAT
    # Its place among the cards of its question's section on the dashboard.
    card: int = 0
    # Its place in the dashboard's prospect funnel.
    funnel: int = 0
    # Its column in the reps table of the dashboard (order), and whether a
    # rep's cell opens the rep's list.
    reps_column: int = 0
    reps_column_list: bool = True
    # The shared pool the reps tables explain under their rows.
    reps_pool: bool = False
    # ((workbook place, order), ...) beside the summary sheet.
    workbook: tuple = ()
    # The boolean field of digest.digest that shows it in Odoo's KPI digest.
    digest_kpi: str = ""
    # The breakdowns of its list (of its current period).
    breakdowns: tuple = ()


ANSWERS = (
    # 1. Prospects never contacted
    Answer(
        "prospects",
        1,
        _lt("Prospects"),
        "res.partner",
        PROSPECTS,
        card=4,
    ),
    Answer(
        "prospects_unassigned",
        1,
        _lt("Prospects not assigned to any rep (contacted or not)"),
        "res.partner",
        (*PROSPECTS, ("user_id", "=", False)),
        reps=POOL,
        card=5,
        workbook=((SHEET_PROSPECTS, 1),),
    ),
    Answer(
        "prospects_never_contacted",
        1,
        _lt("Prospects never contacted"),
        "res.partner",
        NEVER_CONTACTED,
        reps=OWN_AND_POOL,
        card=1,
        reps_column=8,
        workbook=((SHEET_PROSPECTS, 2), (SHEET_BY_REP, 13)),
    ),
    Answer(
        "prospects_never_contacted_unassigned",
        1,
        NEVER_CONTACTED_UNASSIGNED_LABEL,
        "res.partner",
        NEVER_CONTACTED_UNASSIGNED,
        reps=POOL,
        card=2,
        reps_pool=True,
    ),
    Answer(
        "prospects_never_contacted_assigned",
        1,
        NEVER_CONTACTED_ASSIGNED_LABEL,
        "res.partner",
        NEVER_CONTACTED_ASSIGNED,
        card=3,
    ),
    # 2. Important clients
    Answer(
        "important_clients",
        2,
        _lt("Important clients"),
        "res.partner",
        IMPORTANT,
        card=2,
    ),
    Answer(
        "important_not_visited",
        2,
        _lt("Important clients not visited within their class's interval"),
        "res.partner",
        IMPORTANT,
        domain_builder="_not_visited_domain",
        label_months=_lt("Important clients not visited in the last %(months)s months"),
        card=1,
        workbook=((SHEET_IMPORTANT, 1),),
    ),
    Answer(
        "important_visited_30_days",
        2,
        _lt("Important clients visited in the last 30 days"),
        "res.partner",
        (*IMPORTANT, ("is_visited_30_days", "=", True)),
        card=3,
    ),
    Answer(
        "important_contacted_30_days",
        2,
        _lt("Important clients contacted in the last 30 days"),
        "res.partner",
        (*IMPORTANT, ("is_contacted_30_days", "=", True)),
        card=4,
    ),
    Answer(
        "important_not_contacted_30_days",
        2,
        _lt("Important clients not contacted in the last 30 days"),
        "res.partner",
        (*IMPORTANT, ("is_contacted_30_days", "=", False)),
        card=5,
    ),
    # 3. Calls and visits
    Answer(
        "visits_done",
        3,
        _lt("Visits and calls made"),
        "solis.visit",
        DONE_VISITS,
        period=True,
        card=1,
        reps_column=1,
        workbook=((SHEET_BY_REP, 1), (CHART_BY_REP, 1)),
        digest_kpi="kpi_solis_visits_done",
        breakdowns=(VISITS_BY_CLASS,),
    ),
    Answer(
        "visits_in_person",
        3,
        _lt("Visits in person"),
        "solis.visit",
        (*DONE_VISITS, ("is_in_person", "=", True)),
        period=True,
        card=2,
        reps_column=2,
    ),
    Answer(
        "visits_remote",
        3,
        _lt("Calls and other remote contacts"),
        "solis.visit",
        (*DONE_VISITS, ("is_in_person", "=", False)),
        period=True,
        card=4,
    ),
    Answer(
        "visits_verified",
        3,
        _lt("Visits verified on site"),
        "solis.visit",
        (*DONE_VISITS, ("checkin_status", "=", "verified")),
        period=True,
        card=3,
        reps_column=3,
    ),
    # 4. Leads, visits and offers that turned into offers and orders
    Answer(
        "leads",
        4,
        _lt("Leads: prospects first contacted in the period"),
        "res.partner",
        LEADS,
        period=True,
        card=1,
        reps_column=4,
        workbook=((SHEET_BY_REP, 2),),
        digest_kpi="kpi_solis_leads",
    ),
    Answer(
        "leads_with_offer",
        4,
        _lt("Leads that turned into offers"),
        "res.partner",
        (*LEADS, *HAS_OFFER),
        period=True,
        card=2,
        workbook=((SHEET_BY_REP, 3),),
    ),
    Answer(
        "visits_with_offer",
        4,
        _lt("Visits that turned into offers"),
        "solis.visit",
        (*DONE_VISITS, ("is_offer_origin", "=", True)),
        period=True,
        card=4,
        workbook=((SHEET_BY_REP, 5),),
    ),
    Answer(
        "offers",
        4,
        _lt("Offers made (a renegotiated offer counts once)"),
        "sale.order",
        OFFERS,
        period=True,
        card=6,
        reps_column=5,
        workbook=((SHEET_BY_REP, 7), (CHART_BY_REP, 2)),
        digest_kpi="kpi_solis_offers",
    ),
    Answer(
        "offers_ordered",
        4,
        _lt("Offers that turned into orders"),
        "sale.order",
        (*OFFERS, ("state", "=", "sale")),
        period=True,
        card=7,
        reps_column=6,
        workbook=((SHEET_BY_REP, 8), (CHART_BY_REP, 3)),
        digest_kpi="kpi_solis_offers_ordered",
    ),
    # 5. Offers confirmed, accepted, rejected...
    Answer(
        "offers_not_confirmed",
        5,
        _lt("Offers sent, not yet confirmed by the client"),
        "sale.order",
        (*OFFERS, ("is_unconfirmed_offer", "=", True)),
        period=True,
        card=1,
        workbook=((SHEET_OFFERS, 1),),
    ),
    Answer(
        "quotations_not_sent",
        5,
        _lt("Quotations made, never sent (not offers yet)"),
        "sale.order",
        (("is_last_version", "=", True), ("is_offer_sent", "=", False)),
        period=True,
        card=2,
    ),
    # 7. Coverage and the prospect funnel
    Answer(
        "clients_overdue",
        7,
        _lt("Clients of a class not visited within its interval"),
        COVERAGE_REPORT,
        (("is_overdue", "=", True), ("user_id", "!=", False)),
        card=1,
        reps_column=9,
        workbook=((SHEET_BY_REP, 14),),
    ),
    # The funnel's first stages are question 1's two parts, the same clients
    # counted the same way; the others are coverage's stages.
    Answer(
        "funnel_unassigned",
        7,
        NEVER_CONTACTED_UNASSIGNED_LABEL,
        "res.partner",
        NEVER_CONTACTED_UNASSIGNED,
        reps=POOL,
        funnel=1,
        workbook=((CHART_COVERAGE, 1),),
    ),
    Answer(
        "funnel_never_contacted",
        7,
        NEVER_CONTACTED_ASSIGNED_LABEL,
        "res.partner",
        NEVER_CONTACTED_ASSIGNED,
        funnel=2,
        workbook=((CHART_COVERAGE, 2),),
    ),
    Answer(
        "funnel_contacted",
        7,
        _lt("Funnel: contacted, no offer"),
        COVERAGE_REPORT,
        (("funnel_stage", "=", "contacted"),),
        funnel=3,
        workbook=((CHART_COVERAGE, 3),),
    ),
    Answer(
        "funnel_offer",
        7,
        _lt("Funnel: offer, no order"),
        COVERAGE_REPORT,
        (("funnel_stage", "=", "offer"),),
        funnel=4,
        workbook=((CHART_COVERAGE, 4),),
    ),
    Answer(
        "funnel_order",
        7,
        _lt("Funnel: order"),
        COVERAGE_REPORT,
        (("funnel_stage", "=", "order"),),
        funnel=5,
        workbook=((CHART_COVERAGE, 5),),
    ),
    # 5. The offers by the kind of their status
    Answer(
        "offers_initiated",
        5,
        _lt("Offers initiated (sent)"),
        "sale.order",
        (*OFFERS, ("offer_status_kind", "=", "initiated")),
        period=True,
        card=3,
        workbook=((CHART_OFFERS, 1),),
    ),
    Answer(
        "offers_confirmed",
        5,
        _lt("Offers confirmed by the client"),
        "sale.order",
        (*OFFERS, ("offer_status_kind", "=", "confirmed")),
        period=True,
        card=4,
        workbook=((CHART_OFFERS, 2),),
    ),
    Answer(
        "offers_followup",
        5,
        _lt("Offers in follow-up"),
        "sale.order",
        (*OFFERS, ("offer_status_kind", "=", "followup")),
        period=True,
        card=5,
        workbook=((CHART_OFFERS, 3),),
    ),
    Answer(
        "offers_renegotiated",
        5,
        _lt("Offers renegotiated at least once"),
        "sale.order",
        (*OFFERS, ("offer_origin_id", "!=", False)),
        period=True,
        card=6,
        workbook=((CHART_OFFERS, 4),),
    ),
    Answer(
        "offers_accepted",
        5,
        _lt("Offers accepted"),
        "sale.order",
        (*OFFERS, ("offer_status_kind", "=", "accepted")),
        period=True,
        card=7,
        workbook=((CHART_OFFERS, 5),),
    ),
    Answer(
        "offers_rejected",
        5,
        _lt("Offers rejected"),
        "sale.order",
        (*OFFERS, ("offer_status_kind", "=", "rejected")),
        period=True,
        card=8,
        workbook=((CHART_OFFERS, 6), (SHEET_BY_REP, 10)),
        breakdowns=(REJECTION_REASONS,),
    ),
    Answer(
        "offers_postponed",
        5,
        _lt("Offers postponed"),
        "sale.order",
        (*OFFERS, ("offer_status_kind", "=", "postponed")),
        period=True,
        card=9,
        workbook=((CHART_OFFERS, 7),),
    ),
    # 4. Rates
    Answer(
        "lead_to_offer_rate",
        4,
        _lt("Leads turned into offers"),
        kind=RATE,
        part="leads_with_offer",
        whole="leads",
        period=True,
        format=RATE_FORMAT,
        card=3,
        workbook=((SHEET_BY_REP, 4),),
    ),
    Answer(
        "visit_to_offer_rate",
        4,
        _lt("Visits turned into offers"),
        kind=RATE,
        part="visits_with_offer",
        whole="visits_done",
        period=True,
        format=RATE_FORMAT,
        card=5,
        workbook=((SHEET_BY_REP, 6),),
    ),
    Answer(
        "offer_to_order_rate",
        4,
        _lt("Offers turned into orders"),
        kind=RATE,
        part="offers_ordered",
        whole="offers",
        period=True,
        format=RATE_FORMAT,
        card=8,
        reps_column=7,
        workbook=((SHEET_BY_REP, 9),),
    ),
    # Medians
    Answer(
        "median_days_contact_to_offer",
        4,
        _lt("Median days from first contact to offer"),
        kind=MEDIAN,
        source="leads_with_offer",
        days_sql="_days_to_first_offer_sql",
        period=True,
        format=DAYS_FORMAT,
        card=9,
        workbook=((SHEET_BY_REP, 11),),
    ),
    Answer(
        "median_days_offer_to_order",
        4,
        _lt("Median days from offer to order"),
        kind=MEDIAN,
        source="offers_ordered",
        days_sql="_days_offer_to_order_sql",
        period=True,
        format=DAYS_FORMAT,
        card=10,
        workbook=((SHEET_BY_REP, 12),),
    ),
    Answer(
        "median_days_assignment_to_contact",
        7,
        _lt("Median days from a rep's assignment to the first contact"),
        "res.partner",
        ASSIGNED_AND_CONTACTED,
        kind=MEDIAN,
        days_sql="_days_to_first_contact_sql",
        format=DAYS_FORMAT,
        card=2,
        reps_column=10,
        reps_column_list=False,
    ),
)

BY_KEY = {answer.key: answer for answer in ANSWERS}


def _text(env, lazy, lazy_months, months):
    if months and lazy_months is not None:
        # A declaration holds the text, not its value: the translated text
        # is filled in here, as env._(text, months=...) would.
        template = env._(lazy_months)
        return template % {"months": months}
    return env._(lazy)


def question_texts(env, months=None):
    """``{number: question}`` in the reader's language."""
    return {
        number: _text(env, text, QUESTIONS_MONTHS.get(number), months)
        for number, text in QUESTIONS.items()
    }


def label(env, answer_, months=None):
    """The label of ``answer_`` in the reader's language."""
    return _text(env, answer_.label, answer_.label_months, months)


def list_settings(env):
    """``{model: {"views", "help"}}``: how the dashboard opens a list of
    ``model``, its empty-list text in the reader's language."""
    return {
        model: {"views": [[False, view] for view in views], "help": env._(help_)}
        for model, (views, help_) in LISTS.items()
    }


def answer(key):
    """The declaration of the answer ``key``."""
    return BY_KEY[key]


def _placed(place):
    """The answers with a place (a number > 0) given by ``place(answer)``,
    in that order."""
    return tuple(sorted((a for a in ANSWERS if place(a)), key=place))


# What each reader of the catalogue looks for, computed once from it.
COUNTS = tuple(a for a in ANSWERS if a.kind == COUNT)
RATES = tuple(a for a in ANSWERS if a.kind == RATE)
MEDIANS = tuple(a for a in ANSWERS if a.kind == MEDIAN)
# {question: its cards}, for the questions that have a section.
SECTIONS = {
    question: _placed(lambda a, q=question: a.card if a.question == q else 0)
    for question in sorted({a.question for a in ANSWERS if a.card})
}
# {question: the breakdowns of its answers' lists}
QUESTION_BREAKDOWNS = {
    question: [b for a in ANSWERS if a.question == question for b in a.breakdowns]
    for question in QUESTIONS
}
FUNNEL = _placed(lambda a: a.funnel)
FUNNEL_QUESTIONS = {a.question for a in FUNNEL}
REPS_COLUMNS = _placed(lambda a: a.reps_column)
(REPS_POOL,) = (a for a in ANSWERS if a.reps_pool)
# {workbook place: its answers, in order}
WORKBOOK = {
    place: _placed(lambda a, p=place: dict(a.workbook).get(p, 0))
    for place in WORKBOOK_PLACES
}
# {KPI field of digest.digest: its answer}
DIGEST_KPIS = {a.digest_kpi: a for a in ANSWERS if a.digest_kpi}
# {breakdown: the answer whose list it breaks down}
BREAKDOWN_SOURCES = {b: a for a in ANSWERS for b in a.breakdowns}


def list_answer(answer_):
    """The answer whose list stands behind ``answer_``'s number: its own, a
    rate's part, a median's source."""
    if answer_.model:
        return answer_
    return BY_KEY[answer_.part or answer_.source]


def list_domain(answer_, start, end, rep_ids=None, domain=None):
    """The domain of the list behind ``answer_`` (one with a model): its
    ``domain`` (default: the declared one), in the period from ``start`` to
    ``end`` (UTC datetimes, the end excluded) if it is about a period, of the
    reps ``rep_ids`` (None: all) and the shared pool where it counts it."""
    domain = list(answer_.domain if domain is None else domain)
    if answer_.period:
        field = PERIOD_FIELDS[answer_.model]
        domain += [(field, ">=", start), (field, "<", end)]
    if rep_ids is None or answer_.reps == POOL:
        return domain
    if answer_.reps == OWN_AND_POOL:
        return [*domain, "|", ("user_id", "in", rep_ids), ("user_id", "=", False)]
    return [*domain, ("user_id", "in", rep_ids)]
