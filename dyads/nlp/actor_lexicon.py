"""Compiles the actor lexicons (dyads/data/actors plus an optional user YAML) into one phrase lookup table."""
from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "actors"
NON_STATE = {"UNO", "EUR", "IGO", "NGO", "ISM", "IMG", "MNC"}
# Which entry survives when one phrase is both: a named actor beats a place beats a member noun beats an agent noun.
PRIORITY = {"actor": 4, "place": 3, "member": 2, "agent": 1, "modifier": 0}
SECTION_KINDS = {"actors": "actor", "places": "place", "agents": "agent", "members": "member", "modifiers": "modifier"}

try:
    _YAML_LOADER = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _YAML_LOADER = yaml.SafeLoader


@dataclass(frozen=True)
class Entry:
    """What a phrase names: a named actor, a place (country as actor), an agent noun, a member noun or a modifier."""

    kind: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    needs_ner: bool = False  # city-like place names count only where the NER tags a place


@dataclass
class Lexicon:
    """Phrase key -> entry, and for each first word the phrase lengths (in words) to try, longest first."""

    entries: dict[str, Entry] = field(default_factory=dict)
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def add(self, name: str, entry: Entry, override: bool) -> None:
        """Adds a phrase; a hand-written entry replaces any, a derived one only an entry of no higher kind."""
        key = norm(name)
        if not key:
            return
        old = self.entries.get(key)
        if old is None or override or PRIORITY[entry.kind] >= PRIORITY[old.kind]:
            self.entries[key] = entry

    def index(self) -> "Lexicon":
        """Fills the first-word length index after all entries are in."""
        spans: dict[str, set[int]] = {}
        for key in self.entries:
            words = key.split()
            spans.setdefault(words[0], set()).add(len(words))
        self.lengths = {w: tuple(sorted(n, reverse=True)) for w, n in spans.items()}
        return self

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def find(self, words: list[str], lemmas: list[str],
             accept: Callable[[Entry, int, int], bool] | None = None) -> list[tuple[int, int, Entry]]:
        """Longest non-overlapping matches (start, end, entry) over normalised words, left to right.

        The last word of a phrase matches by its lemma first ("forces" -> "force"), then as written."""
        found = []
        i = 0
        while i < len(words):
            hit = None
            sizes = sorted(set(self.lengths.get(words[i], ())) | set(self.lengths.get(lemmas[i], ())), reverse=True)
            for n in sizes:
                if i + n > len(words):
                    continue
                head = words[i:i + n - 1]
                entry = self.entries.get(" ".join(head + [lemmas[i + n - 1]])) or \
                    self.entries.get(" ".join(head + [words[i + n - 1]]))
                if entry and (accept is None or accept(entry, i, i + n)):
                    hit = (i, i + n, entry)
                    break
            if hit:
                found.append(hit)
            i = hit[1] if hit else i + 1
        return found


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Matching key: no accents, lowercase, no dots, hyphens as spaces, "'s" split off, leading "the" dropped."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("\u2019", "'").replace(".", "")
    text = re.sub(r"'s\b", " s", text).replace("'", "")
    text = re.sub(r"[-_/]+", " ", text)
    text = re.sub(r"[^\w ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def is_state(country: str | None) -> bool:
    """True for ISO3 country codes, False for the non-state codes and None."""
    return bool(country) and country not in NON_STATE


def _csv_entries(path: Path) -> list[tuple[str, Entry]]:
    """(name, entry) rows of a derived CSV; its section is the first part of the file name."""
    kind = SECTION_KINDS[path.name.split(".")[0]]
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            sector = row.get("sector") or ("GOV" if kind == "place" else None)
            rows.append((row["name"], Entry(kind, row.get("country") or None, sector, row["name"],
                                            row.get("kind") == "place")))
    return rows


def _yaml_entries(data: dict) -> list[tuple[str, Entry]]:
    """(name, entry) rows of a YAML lexicon with any of the sections actors, places, agents, members, modifiers."""
    rows = []
    for section, kind in SECTION_KINDS.items():
        items = data.get(section) or []
        if isinstance(items, dict):
            rows += [(name, Entry(kind, None, sector, name)) for name, sector in items.items()]
            continue
        for item in items:
            names = item.get("names") or [item.get("name")]
            sector = item.get("sector") or ("GOV" if kind == "place" else None)
            rows += [(str(n), Entry(kind, item.get("country"), sector, str(names[0]))) for n in names if n]
    return rows


def _read_yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}


@lru_cache(maxsize=1)
def _base_rows() -> tuple[tuple[tuple[str, Entry], ...], tuple[tuple[str, Entry], ...]]:
    """Derived rows and hand-written rows of the packaged lexicons."""
    derived = [r for p in sorted(DATA.glob("*.csv")) for r in _csv_entries(p)]
    written = [r for p in sorted(DATA.glob("*.yaml")) if p.name != "cameo_codes.yaml"
               for r in _yaml_entries(_read_yaml(p))]
    return tuple(derived), tuple(written)


@lru_cache(maxsize=4)
def load_lexicon(actors_file: str | None = None) -> Lexicon:
    """The compiled lexicon: derived data, then hand-written data, then the user's file (each overriding the last)."""
    derived, written = _base_rows()
    user = _yaml_entries(_read_yaml(Path(actors_file))) if actors_file else []
    lexicon = Lexicon()
    for name, entry in derived:
        lexicon.add(name, entry, override=False)
    for name, entry in [*written, *user]:
        lexicon.add(name, entry, override=True)
    return lexicon.index()
