"""Resolves each candidate event's date against the article's publication date."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.nlp.magnitudes import number_value
from dyads.nlp.work import Candidate, work_of

LEXICON = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "dates.yml").read_text(encoding="utf-8"))
WEEKDAYS = {name: i for i, name in enumerate(LEXICON["weekdays"])}
MONTHS: dict[str, int] = LEXICON["months"]
_MONTH = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_MON = rf"(?P<mon>(?:{_MONTH})\b\.?)"
_ORD = r"(?:st|nd|rd|th)?"
_NAMES_MONTH = re.compile(rf"\b(?:{_MONTH})\b")
_WORDNUM = r"(?:\d+|an?|[a-z]+(?:-[a-z]+)?)"

# Expression kinds, most specific first; each regex names the groups its resolver reads.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("year_range", re.compile(r"\b(?:between|from)\s+(?P<y>(?:19|20)\d{2})\s+(?:and|to|until)\s+(?:19|20)\d{2}\b"
                              r"|\b(?P<y2>(?:19|20)\d{2})\s*[-\u2013]\s*(?:19|20)?\d{2}\b", re.I)),
    ("month_day", re.compile(rf"\b{_MON}\s+(?P<d>\d{{1,2}}){_ORD}(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b")),
    ("day_month", re.compile(rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MON}(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b")),
    ("month_year", re.compile(rf"\b{_MON},?\s+(?:of\s+)?(?P<y>(?:19|20)\d{{2}})\b")),
    ("month", re.compile(rf"\b(?:(?P<mod>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id|in|since|by|until)-?\s*)"
                         rf"{_MON}(?!\s*\d)")),
    ("day_word", re.compile(r"\b(?P<w>" + "|".join(sorted(map(re.escape, LEXICON["day_offsets"]), key=len,
                                                           reverse=True)) + r")\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<mod>this|last|next|past|on|coming)\s+)?(?P<wd>"
                           + "|".join(WEEKDAYS) + r")s?\b", re.I)),
    ("ago", re.compile(rf"\b(?P<n>{_WORDNUM})\s+(?P<u>days?|weeks?|months?|years?|decades?)\s+ago\b",
                       re.I)),
    ("period", re.compile(r"\b(?P<mod>" + "|".join(sorted(map(re.escape, LEXICON["period_steps"]), key=len,
                                                           reverse=True))
                          + r")\s+(?P<u>week|month|year)(?:end)?\b", re.I)),
    ("year", re.compile(r"(?<![$\u20ac\u00a3\d,.])\b(?P<y>(?:19|20)\d{2})\b(?![\d%,.]\d)")),
]


@dataclass
class Expression:
    """One date expression found in a sentence."""

    kind: str
    match: re.Match | None  # None for a spaCy DATE entity left to dateparser
    text: str
    anchor: Token  # the syntactic head of the expression


@dataclass
class Resolved:
    """A calendar date and how much of it the text states."""

    day: date
    precision: str  # day | month | year

    def iso(self) -> str:
        return {"day": self.day.isoformat(), "month": self.day.strftime("%Y-%m"),
                "year": f"{self.day.year:04d}"}[self.precision]


@Language.factory("dyads_dates")
def make_component(nlp: Language, name: str):
    return lambda doc: _process(doc)


def _process(doc: Doc) -> Doc:
    work = work_of(doc)
    published = publication_date(work.meta.get("published"))
    for cand in work.candidates:
        resolved = candidate_date(doc, cand, published)
        cand.date, cand.date_precision = (resolved.iso(), resolved.precision) if resolved else (None, None)
    return doc


def publication_date(value) -> date | None:
    """The publication date from an ISO string (or date/datetime), None when unknown or unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def candidate_date(doc: Doc, cand: Candidate, published: date | None) -> Resolved | None:
    """The date of one candidate: the resolvable expression nearest its trigger, else the publication date."""
    sent = doc[cand.sent_start:cand.sent_end]
    trigger = doc[cand.trigger]
    for expr in sorted(expressions(sent), key=lambda e: nearness(e.anchor, trigger)):
        verb = governing_verb(expr.anchor, trigger)
        future = is_future(verb) or (verb == trigger and "future" in cand.aux)
        resolved = resolve(expr, published, future)
        if resolved:
            return resolved
    return Resolved(published, "day") if published else None


def expressions(sent: Span) -> list[Expression]:
    """Non-overlapping date expressions in a sentence: our patterns first, then leftover DATE entities."""
    found: list[tuple[int, int, str, re.Match | None]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(sent.text):
            found.append((m.start(), m.end(), kind, m))
    for ent in sent.ents:
        if ent.label_ == "DATE":
            found.append((ent.start_char - sent.start_char, ent.end_char - sent.start_char, "entity", None))
    taken: list[tuple[int, int]] = []
    out = []
    for start, end, kind, m in found:  # patterns come first, so they win over the entities they overlap
        if any(start < e and s < end for s, e in taken):
            continue
        span = sent.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if span is None or (kind in ("year", "entity") and is_count(span.root)):
            continue
        taken.append((start, end))
        out.append(Expression(kind, m, sent.text[start:end], span.root))
    return out


def is_count(tok: Token) -> bool:
    """True when a year-like number is a count ("sent 2000 troops"), not a year."""
    return tok.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT") or (
        tok.dep_ == "nummod" and tok.head.ent_type_ != "DATE")


def nearness(anchor: Token, trigger: Token) -> tuple[int, int]:
    """Sort key: dependency-path length between expression and trigger, then distance in tokens."""
    up_a = [anchor, *anchor.ancestors]
    up_t = [trigger, *trigger.ancestors]
    common = next((t for t in up_a if t in up_t), None)
    path = up_a.index(common) + up_t.index(common) if common is not None else len(up_a) + len(up_t)
    return path, abs(anchor.i - trigger.i)


def governing_verb(anchor: Token, trigger: Token) -> Token:
    """The verb the expression's clause hangs on (the trigger when none is found)."""
    for tok in [anchor, *anchor.ancestors]:
        if tok.pos_ in ("VERB", "AUX") or tok == trigger:
            return tok
    return trigger


def is_future(verb: Token) -> bool:
    """True when the clause of `verb` speaks of the future ("will meet", "plans to visit", "is scheduled for")."""
    tok = verb
    while True:
        if any(c.dep_ == "aux" and c.lower_ in LEXICON["future_aux"] for c in tok.children):
            return True
        if tok.lemma_.lower() in LEXICON["future_participles"] and tok.tag_ in ("VBN", "JJ"):
            return True
        if tok.dep_ not in ("xcomp", "conj") or tok.head == tok:
            return False
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in LEXICON["future_governors"]:
            return True
        tok = tok.head


def resolve(expr: Expression, published: date | None, future: bool) -> Resolved | None:
    """The date an expression denotes, or None when it cannot be pinned down from the text (and publication)."""
    return RESOLVERS[expr.kind](expr, published, future)


def _iso(expr, published, future):
    g = expr.match.groupdict()
    try:
        return Resolved(date(int(g["y"]), int(g["m"]), int(g["d"])), "day")
    except ValueError:
        return None


def _year_range(expr, published, future):
    g = expr.match.groupdict()
    return Resolved(date(int(g["y"] or g["y2"]), 1, 1), "year")


def _year(expr, published, future):
    return Resolved(date(int(expr.match["y"]), 1, 1), "year")


def _month_number(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _month_day(expr, published, future):
    g = expr.match.groupdict()
    month, day = _month_number(g["mon"]), int(g["d"])
    if g.get("y"):
        return _safe_day(int(g["y"]), month, day)
    if published is None:
        return None
    candidate = _safe_day(published.year, month, day)
    if candidate is None:
        return None
    if not future and candidate.day > published:
        return _safe_day(published.year - 1, month, day)
    if future and candidate.day < published:
        return _safe_day(published.year + 1, month, day)
    return candidate


def _safe_day(year: int, month: int, day: int) -> Resolved | None:
    try:
        return Resolved(date(year, month, day), "day")
    except ValueError:
        return None


def _month_year(expr, published, future):
    return Resolved(date(int(expr.match["y"]), _month_number(expr.match["mon"]), 1), "month")


def _month(expr, published, future):
    if published is None:
        return None
    month = _month_number(expr.match["mon"])
    mod = (expr.match["mod"] or "").lower()
    forward = future or mod == "next"
    year = published.year
    if forward and month < published.month:
        year += 1
    if not forward and (month > published.month or (mod == "last" and month == published.month)):
        year -= 1
    return Resolved(date(year, month, 1), "month")


def _day_word(expr, published, future):
    if published is None:
        return None
    offset = LEXICON["day_offsets"][re.sub(r"\s+", " ", expr.match["w"].lower())]
    return Resolved(published + timedelta(days=offset), "day")


def _weekday(expr, published, future):
    """Past clauses: the latest such weekday on/before publication ("last": strictly before); future: the next."""
    if published is None:
        return None
    wanted = WEEKDAYS[expr.match["wd"].lower()]
    mod = (expr.match["mod"] or "").lower()
    if future or mod in ("next", "coming"):
        ahead = (wanted - published.weekday()) % 7 or (0 if mod == "this" else 7)
        return Resolved(published + timedelta(days=ahead), "day")
    back = (published.weekday() - wanted) % 7 or (7 if mod in ("last", "past") else 0)
    return Resolved(published - timedelta(days=back), "day")


def _ago(expr, published, future):
    if published is None:
        return None
    count = number_value(expr.match["n"])
    if count is None:
        return None
    unit = LEXICON["units"][expr.match["u"].lower()]
    return shifted(published, unit, -int(count))


def _period(expr, published, future):
    """'last week', 'this month', 'earlier this year': weeks resolve to the month of their middle day."""
    if published is None:
        return None
    step = LEXICON["period_steps"][re.sub(r"\s+", " ", expr.match["mod"].lower())]
    unit = expr.match["u"].lower()
    moved = shifted(published, unit, step)
    return Resolved(moved.day, "month" if unit == "week" else unit)


def shifted(start: date, unit: str, count: int) -> Resolved:
    """`start` moved by `count` units, with the precision that unit warrants."""
    if unit in ("day", "week"):
        return Resolved(start + timedelta(days=count * (7 if unit == "week" else 1)), "day")
    if unit == "month":
        total = start.year * 12 + start.month - 1 + count
        year, month = divmod(total, 12)
        return Resolved(date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1])), "month")
    years = count * (10 if unit == "decade" else 1)
    return Resolved(date(start.year + years, 1, 1), "year")


def _entity(expr, published, future):
    """A DATE entity our patterns miss ("Dec. 16th, 2021"), read by dateparser when it names a month or a year."""
    has_year = re.search(r"\b(?:19|20)\d{2}\b", expr.text)
    if not has_year and (published is None or not _NAMES_MONTH.search(expr.text)):
        return None
    data = _parser(published, future).get_date_data(expr.text)
    if data is None or data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    return Resolved(data.date_obj.date(), data.period)


@lru_cache(maxsize=64)
def _parser(published: date | None, future: bool):
    from dateparser.date import DateDataParser
    settings = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_TIME_AS_PERIOD": False}
    if published:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


RESOLVERS = {"iso": _iso, "year_range": _year_range, "month_day": _month_day, "day_month": _month_day,
             "month_year": _month_year, "month": _month, "day_word": _day_word, "weekday": _weekday, "ago": _ago,
             "period": _period, "year": _year, "entity": _entity}
