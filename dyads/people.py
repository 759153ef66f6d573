"""The time-bounded people dictionary: which office a named person held, in which country, on a given date."""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

DATA = Path(__file__).resolve().parent / "data" / "people"
IN_OFFICE, FORMER, NOT_YET = "in office", "former", "not yet in office"
FORMER_SECTOR = "ELI"
DEFAULT_RANK = 9
PEOPLE_COLUMNS = ["id", "name", "keys"]
TERM_COLUMNS = ["id", "country", "office", "sector", "start", "end", "source"]
try:
    YAML_LOADER = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    YAML_LOADER = yaml.SafeLoader


def _read_yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}


class Term(NamedTuple):
    """One spell in one office: `start` is the first day in office, `end` the first day out (None: no end known)."""

    country: str | None
    office: str
    sector: str | None
    start: date
    end: date | None
    source: str
    rank: int = DEFAULT_RANK

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)


class Person(NamedTuple):
    """A person with the lookup keys that name them and their terms in office."""

    name: str
    keys: tuple[str, ...]
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class PersonRole:
    """How a name is coded on a date: the office then held (or the last one, for a former office holder)."""

    name: str
    country: str | None
    sector: str | None
    office: str
    status: str
    start: date
    end: date | None
    source: str
    matched: str

    def describe(self) -> str:
        until = self.end.isoformat() if self.end else "no end known"
        return f"{self.office} ({self.country or '-'}) {self.start.isoformat()} to {until}"


@lru_cache(maxsize=1)
def _names_config() -> dict:
    return _read_yaml(DATA / "names.yml")


@lru_cache(maxsize=1)
def offices_config() -> dict:
    """The office table (sector, rank), the label rules and the source descriptions of offices.yml."""
    return _read_yaml(DATA / "offices.yml")


@lru_cache(maxsize=1)
def _spelling() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(pattern), repl) for pattern, repl in _names_config()["spelling"])


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    return str.maketrans(_names_config()["fold"])


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The lookup key of a name: ASCII lower-case words, possessive and punctuation dropped, spellings unified."""
    text = unicodedata.normalize("NFKD", text.translate(_fold_table()))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text).replace("'", "")
    words = []
    for word in re.findall(r"[a-z0-9]+", text):
        for pattern, repl in _spelling():
            word = pattern.sub(repl, word)
        words.append(word)
    return " ".join(words)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(_names_config()["titles"])


def untitled(key: str) -> str:
    """A name key without the title words in front ("president vladimir putin" -> "vladimir putin")."""
    words = key.split()
    while len(words) > 1 and words[0] in _titles():
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=65536)
def parse_start(text: str) -> date:
    """First day of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    parts = [int(p) for p in str(text).split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@lru_cache(maxsize=65536)
def parse_end(text: str) -> date:
    """First day after a YYYY, YYYY-MM or YYYY-MM-DD date (a year- or month-precise end lasts to its close)."""
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 1:
        return date(parts[0] + 1, 1, 1)
    if len(parts) == 2:
        return date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
    return date(parts[0], parts[1], parts[2])


def make_term(country: str | None, office: str, start: str, end: str | None, source: str,
              sector: str | None = None) -> Term:
    """A term from its written form; sector and rank come from the office table unless given."""
    spec = offices_config()["offices"].get(office, {})
    return Term(country or None, office, sector or spec.get("sector"), parse_start(start),
                parse_end(end) if end else None, source, spec.get("rank", DEFAULT_RANK))


class People:
    """People by lookup key; answers which role a name had on a date."""

    def __init__(self, persons: list[Person]):
        self.persons = persons
        self.index: dict[str, tuple[int, ...]] = {}
        for i, person in enumerate(persons):
            for key in person.keys:
                if i not in self.index.get(key, ()):
                    self.index[key] = self.index.get(key, ()) + (i,)

    def __len__(self) -> int:
        return len(self.persons)

    def __contains__(self, name: str) -> bool:
        return bool(self.candidates(name))

    def matched_key(self, name: str) -> str | None:
        """The index key a name is found under: as written, else without leading titles."""
        key = name_key(name)
        if key in self.index:
            return key
        bare = untitled(key)
        return bare if bare in self.index else None

    def candidates(self, name: str) -> list[Person]:
        """Every person the name may stand for."""
        key = self.matched_key(name)
        return [self.persons[i] for i in self.index.get(key, ())] if key else []

    def role_on(self, name: str, on: date | None = None) -> PersonRole | None:
        """The role of the person a name stands for on a date (default today); None for unknown names.

        In office: the highest-ranked office held that day. Out of office after a term: ELI with the country of
        the last office. Before any term: the first office's country with sector None. Among people sharing a
        name, one in office beats a former office holder, who beats one not yet in office."""
        key = self.matched_key(name)
        if key is None:
            return None
        day = on or date.today()
        roles = [person_role(self.persons[i], day, key) for i in self.index[key]]
        return min((r for r in roles if r), key=lambda r: role_order(r, day), default=None)


def person_role(person: Person, on: date, key: str) -> PersonRole | None:
    """The role of one person on a date."""
    active = [t for t in person.terms if t.covers(on)]
    if active:
        term = min(active, key=lambda t: (t.rank, -t.start.toordinal()))
        return _role(person, term, term.sector, IN_OFFICE, key)
    past = [t for t in person.terms if t.end is not None and t.end <= on]
    if past:
        term = max(past, key=lambda t: (t.end, -t.rank))
        return _role(person, term, FORMER_SECTOR, FORMER, key)
    future = [t for t in person.terms if t.start > on]
    if future:
        term = min(future, key=lambda t: t.start)
        return _role(person, term, None, NOT_YET, key)
    return None


def _role(person: Person, term: Term, sector: str | None, status: str, key: str) -> PersonRole:
    source = offices_config()["sources"].get(term.source, term.source)
    return PersonRole(person.name, term.country, sector, term.office, status, term.start, term.end, source, key)


def known_abroad(role: PersonRole) -> bool:
    """An office whose holder the news names without giving the country (leaders, foreign ministers...)."""
    config = offices_config()
    return config["offices"].get(role.office, {}).get("rank", DEFAULT_RANK) <= config.get("known_abroad_rank", 0)


def role_order(role: PersonRole, on: date) -> tuple:
    """Sort key among people sharing a name: in office by rank, then the most recently former, then the soonest."""
    rank = offices_config()["offices"].get(role.office, {}).get("rank", DEFAULT_RANK)
    if role.status == IN_OFFICE:
        return (0, rank, 0)
    if role.status == FORMER:
        return (1, (on - role.end).days if role.end else 0, rank)
    return (2, (role.start - on).days, rank)


def read_built(directory: Path = DATA) -> list[Person]:
    """The people of the built people.csv and terms.csv."""
    terms: dict[str, list[Term]] = {}
    for pid, country, office, sector, start, end, source in _rows(directory / "terms.csv", TERM_COLUMNS):
        terms.setdefault(pid, []).append(make_term(country, office, start, end, source, sector))
    return [Person(name, tuple(keys.split("|")), tuple(terms.get(pid, ())))
            for pid, name, keys in _rows(directory / "people.csv", PEOPLE_COLUMNS)]


def _rows(path: Path, columns: list[str]) -> list[list[str]]:
    """The data rows of a built CSV, after checking its header."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != columns:
        raise ValueError(f"{path}: expected columns {columns}; rebuild it with build_people.py")
    return rows[1:]


def supplement_people(path: Path) -> list[Person]:
    """The people of a hand-kept supplement YAML (`people: [{name, aliases, terms: [{country, office, ...}]}]`).

    An entry without terms only adds aliases to the built person of that name."""
    data = _read_yaml(path)
    people = []
    for item in data.get("people") or []:
        names = [item["name"], *(item.get("aliases") or [])]
        terms = tuple(make_term(t.get("country"), t["office"], str(t["start"]), str(t["end"]) if t.get("end") else None,
                                "supplement", t.get("sector")) for t in item.get("terms") or ())
        people.append(Person(item["name"], tuple(dict.fromkeys(name_key(n) for n in names)), terms))
    return people


def merged(built: list[Person], supplement: list[Person]) -> list[Person]:
    """The built people with the supplement laid over them.

    A supplement person whose name matches a built person's name joins that person: their aliases are added,
    and built terms give way where a supplement term overlaps them in the same office, and where they have no end
    but began before a supplement term ended (the sources stopped; the supplement knows what came after)."""
    by_name: dict[str, int] = {}
    for i, person in enumerate(built):
        by_name.setdefault(person.keys[0], i)
    people = list(built)
    for extra in supplement:
        i = by_name.get(extra.keys[0])
        if i is None:
            if extra.terms:
                people.append(extra)
            continue
        old = people[i]
        kept = tuple(t for t in old.terms if not any(superseded(t, s) for s in extra.terms))
        keys = tuple(dict.fromkeys(old.keys + extra.keys))
        people[i] = Person(old.name, keys, kept + extra.terms)
    return people


def superseded(built: Term, supplement: Term) -> bool:
    """True when a supplement term replaces a built one (see `merged`)."""
    if built.end is None and built.start < (supplement.end or date.max):
        return True
    return built.office == supplement.office and built.start < (supplement.end or date.max) \
        and supplement.start < (built.end or date.max)


@lru_cache(maxsize=1)
def load_people() -> People:
    """The packaged people dictionary with its supplement, loaded once."""
    return People(merged(read_built(), supplement_people(DATA / "supplement.yml")))


def role_on(name: str, on: date | None = None) -> PersonRole | None:
    """The role a person's name codes to on a date (default today), from the packaged dictionary."""
    return load_people().role_on(name, on)
