"""Finds the location of each candidate event (named place or country level; coordinates come later)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.nlp.dates import nearness
from dyads.nlp.work import Candidate, work_of
from dyads.schema import Location

PLACES_FILE = Path(__file__).resolve().parents[1] / "data" / "places" / "places.yml"
DATA = yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8"))
LOCATIVE = set(DATA["locative_preps"])
OBJECT_PLACE_TYPES = set(DATA["object_place_types"])
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Dependency steps from a place up to its phrase head ("in the city of Aleppo", "near Kabul's airport").
PHRASE_DEPS = {"pobj", "compound", "appos", "conj", "poss", "nmod"}
DATELINE = re.compile(r"(?:^|\n)\s*(?P<city>[A-Z][A-Z.'\- ]{2,40}?)(?:,\s*(?P<area>[A-Z][A-Za-z.'\- ]{1,40}?))?"
                      r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:[-\u2013\u2014]+|:)\s")


@dataclass(frozen=True)
class PlaceRef:
    """A known place name: its country, canonical name and level (country | admin1 | place)."""

    country: str
    name: str
    level: str


@Language.factory("dyads_places")
def make_component(nlp: Language, name: str):
    return lambda doc: _process(doc)


def _process(doc: Doc) -> Doc:
    work = work_of(doc)
    fallback = dateline_location(doc.text, work.country)
    for cand in work.candidates:
        cand.location = candidate_location(doc, cand, work.country) or fallback
    return doc


def normalise(name: str) -> str:
    """Matching key of a place name: no accents, case, full stops, possessive or leading "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace(".", "").replace("\u2019", "'")
    text = re.sub(r"'s$", "", re.sub(r"\s+", " ", text).strip())
    return re.sub(r"^the ", "", text)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, PlaceRef], dict[str, str]]:
    """(name key -> place, demonym key -> ISO3), countries taking precedence over cities over regions."""
    data = DATA
    display = {iso: names[0] for iso, names in data["country_names"].items()}
    index: dict[str, PlaceRef] = {}
    for section, level in (("regions", "admin1"), ("cities", "place")):
        for iso, names in data[section].items():
            for name in names:
                index[normalise(name)] = PlaceRef(iso, name, level)
    for c in pycountry.countries:
        shown = display.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                index[normalise(getattr(c, attr))] = PlaceRef(c.alpha_3, shown, "country")
    for iso, names in data["country_names"].items():
        for name in names:
            index[normalise(name)] = PlaceRef(iso, display[iso], "country")
    demonyms = {normalise(d): iso for iso, names in data["demonyms"].items() for d in names}
    return index, demonyms


def lookup(name: str) -> PlaceRef | None:
    """The known place a name denotes ("Kabul", "the U.S.", "Gaza"), or None."""
    return _index()[0].get(normalise(name))


def demonym_country(word: str) -> str | None:
    """ISO3 of a demonym ("Syrian" -> SYR), or None."""
    return _index()[1].get(normalise(word))


def to_location(text: str, hint_tokens: list[Token], default_country: str | None) -> Location:
    """A Location for a place name; unknown places take a country named next to them, else the article's."""
    ref = lookup(text)
    if ref:
        return Location(text=text, country=ref.country, name=ref.name, level=ref.level)
    return Location(text=text, country=country_hint(hint_tokens, text) or default_country, name=text, level="place")


def country_hint(tokens: list[Token], exclude: str) -> str | None:
    """A country named by a word of the phrase ("the Syrian town of Saraqib", "Saraqib, Syria")."""
    for tok in tokens:
        if tok.text in exclude:
            continue
        ref = lookup(tok.text)
        if ref and ref.level == "country":
            return ref.country
        iso = demonym_country(tok.text)
        if iso:
            return iso
    return None


def candidate_location(doc: Doc, cand: Candidate, default_country: str | None) -> Location | None:
    """The place a locative phrase (or, for some types, the trigger's object) ties to the trigger, or None."""
    sent = doc[cand.sent_start:cand.sent_end]
    trigger = doc[cand.trigger]
    options = []
    for span in place_mentions(sent):
        top = phrase_top(span.root)
        if top.dep_ == "pobj" and top.head.lower_ in LOCATIVE:
            options.append((nearness(top.head, trigger), span, top.head))
        elif top.dep_ == "dobj" and top.head == trigger and cand.event_type in OBJECT_PLACE_TYPES:
            options.append(((0, 0), span, top))
    if not options:
        return None
    _, span, anchor = min(options, key=lambda o: o[0])
    return to_location(span.text, list(anchor.subtree), default_country)


def place_mentions(sent: Span) -> list[Span]:
    """Place entities of the sentence, plus proper nouns the place list knows that the tagger missed."""
    spans = [e for e in sent.ents if e.label_ in PLACE_LABELS or lookup(e.text)]
    covered = {t.i for e in sent.ents for t in e}
    spans += [sent.doc[t.i:t.i + 1] for t in sent if t.pos_ == "PROPN" and t.i not in covered and lookup(t.text)]
    return spans


def phrase_top(root: Token) -> Token:
    """The head of the noun phrase a place sits in ("in the city of Aleppo" -> city), climbing a few steps."""
    tok = root
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.lower_ == "of":
            tok = tok.head.head
        elif tok.dep_ in PHRASE_DEPS - {"pobj"}:
            tok = tok.head
        else:
            break
    return tok


def dateline_location(text: str, default_country: str | None) -> Location | None:
    """The place of an opening dateline ("KABUL, Afghanistan \u2014", "WASHINGTON (Reuters) -"), or None."""
    m = DATELINE.search(text[:600])
    if not m:
        return None
    city = m["city"].strip().title()
    area = (m["area"] or "").strip()
    ref = lookup(city)
    area_ref = lookup(area) if area else None
    shown = f"{m['city'].strip()}, {area}" if area else m["city"].strip()
    if ref:
        return Location(text=shown, country=ref.country, name=ref.name, level=ref.level)
    country = area_ref.country if area_ref else default_country
    return Location(text=shown, country=country, name=city, level="place")
