"""Reads TABARI/PETRARCH actor dictionaries (names, CAMEO codes, date restrictions) and converts them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import pycountry
import yaml

CODES_FILE = Path(__file__).resolve().parent / "data" / "actors" / "cameo_codes.yaml"
CODE_RE = re.compile(r"\[([^\]]*)\]")
LOWER_WORDS = {"of", "the", "and", "for", "de", "del", "la", "le", "al", "el", "du", "des", "bin", "van", "von", "der"}
TWO_DIGIT_PIVOT = 30  # two-digit years up to this are 20YY, later ones 19YY (the dictionaries end in 2014)


@dataclass(frozen=True)
class Role:
    """One CAMEO code with its date restriction; start/end None mean unbounded (both bounds inclusive)."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class ActorBlock:
    """One dictionary record: its primary name, synonyms, role codes, and whether it names a person."""

    names: list[str]
    roles: list[Role] = field(default_factory=list)
    person: bool = False


def clean_phrase(raw: str) -> str:
    """A dictionary phrase as plain words: underscores to spaces, codes, comments and bracketed parts dropped."""
    raw = raw.split("#")[0].split(";")[0].split("[")[0]
    raw = re.sub(r"\{[^}]*\}|\([^)]*\)", "", raw)
    return re.sub(r"\s+", " ", raw.replace("_", " ")).strip(" ,")


def parse_date(text: str) -> date | None:
    """A YYMMDD or YYYYMMDD dictionary date; None when malformed."""
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    year, rest = (int(text[:4]), text[4:]) if len(text) == 8 else (int(text[:2]), text[2:])
    if len(text) == 6:
        year += 2000 if year <= TWO_DIGIT_PIVOT else 1900
    try:
        return date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        return None


def parse_role(text: str, spaced_bounds: bool = False) -> Role | None:
    """A role from the inside of `[CODE]`, `[CODE >date]`, `[CODE <date]` or `[CODE date-date]`; with
    spaced_bounds also `[CODE > date]`, a form the people build and `actors import` have always passed over."""
    parts = text.split()
    if not parts or parts[0] == "---":
        return None
    if len(parts) == 1:
        return Role(parts[0])
    limit = "".join(parts[1:]) if spaced_bounds else parts[1]
    if limit[0] in "<>":
        bound = parse_date(limit[1:])
        if bound is None:
            return None
        return Role(parts[0], start=bound) if limit[0] == ">" else Role(parts[0], end=bound)
    start, _, end = limit.partition("-")
    first, last = parse_date(start), parse_date(end)
    return Role(parts[0], first, last) if first and last else None


def read_blocks(path: Path, spaced_bounds: bool = False) -> list[ActorBlock]:
    """The records of a TABARI .actors file that carry at least one code (spaced_bounds as for parse_role)."""
    blocks: list[ActorBlock] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#")[0]
        if not body.strip():
            continue
        roles = [r for r in (parse_role(c, spaced_bounds) for c in CODE_RE.findall(body)) if r]
        if line[0] in " \t":
            if blocks:
                blocks[-1].roles += roles
        elif line[0] == "+":
            if blocks:
                blocks[-1].names.append(clean_phrase(line[1:]))
        else:
            blocks.append(ActorBlock([clean_phrase(line)], roles, "CountryInfo" in line))
    return [b for b in blocks if b.roles and b.names[0]]


@lru_cache(maxsize=1)
def cameo_codes() -> dict:
    """The CAMEO-code table shared with the actor lexicon builder (prefixes, sectors, kind defaults)."""
    return yaml.safe_load(CODES_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    return frozenset({c.alpha_3 for c in pycountry.countries} | set(cameo_codes()["extra_countries"]))


def is_country(code: str) -> bool:
    """True for a three-letter ISO3 country code (or an extra one such as XKX)."""
    return code in _iso3()


def country_of(code: str) -> str | None:
    """ISO3 or non-state country code (UNO, EUR, IGO, NGO, IMG, MNC) of a CAMEO actor code."""
    for prefix, country in cameo_codes()["prefixes"].items():
        if code.startswith(prefix):
            return country
    return code[:3] if is_country(code[:3]) else None


def sector_of(code: str) -> str | None:
    """The PLOVER sector a CAMEO actor code names (its first role part), else its kind's default."""
    table = cameo_codes()
    if code[:3] in table["forced_sectors"]:
        return table["forced_sectors"][code[:3]]
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    country = country_of(code)
    skip = 1 if (country and code.startswith(country)) or code[:3] in table["kind_sectors"] else 0
    named = [table["sectors"][p] for p in parts[skip:] if p in table["sectors"]]
    if named[:1] == ["GOV"] and named[1:2] and named[1] in table["specific_after_gov"]:
        return named[1]
    if named:
        return named[0]
    return table["kind_sectors"].get(code[:3], "GOV" if country else None)


def current_role(block: ActorBlock, today: date) -> Role | None:
    """The role in force on `today`: a dated role covering it, else the undated default, else None."""
    covering = [r for r in block.roles if r.dated and (r.start or date.min) <= today <= (r.end or date.max)]
    if covering:
        return covering[-1]
    return next((r for r in reversed(block.roles) if not r.dated), None)


def display_name(phrase: str) -> str:
    """An upper-case dictionary phrase in name case; short vowel-less words (UN, US) stay upper-case."""
    if not phrase.isupper():
        return phrase
    words = []
    for word in phrase.split():
        lower = word.lower()
        if lower in LOWER_WORDS:
            words.append(lower)
        elif len(word) <= 2 or "." in word or not any(c in "AEIOUY" for c in word):
            words.append(word)
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


def user_entry(block: ActorBlock, today: date) -> dict | None:
    """One `actors:` entry of the user-dictionary YAML: names, country, sector, and dated roles when known."""
    role = current_role(block, today)
    if role is None and block.person and any(r.dated for r in block.roles):
        ended = max((r for r in block.roles if r.end), key=lambda r: r.end, default=None)
        role = Role(ended.code[:3] + "ELI") if ended else None
    if role is None or not (country_of(role.code) or sector_of(role.code)):
        return None
    entry = {"names": list(dict.fromkeys(display_name(n) for n in block.names if n)),
             "country": country_of(role.code), "sector": sector_of(role.code)}
    dated = [r for r in block.roles if r.dated]
    if dated:
        entry["roles"] = [{"country": country_of(r.code), "sector": sector_of(r.code),
                           "start": r.start.isoformat() if r.start else None,
                           "end": r.end.isoformat() if r.end else None} for r in dated]
    return entry


def user_dictionary(path: Path, today: date | None = None) -> dict:
    """The user-dictionary YAML data (`{"actors": [...]}`) for a TABARI .actors file, roles as of `today`."""
    on = today or date.today()
    entries = [e for e in (user_entry(b, on) for b in read_blocks(path)) if e]
    return {"actors": entries}
