"""Resolves place mentions to gazetteer entries and ties each candidate event to where it happened."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads import gazetteer
from dyads.gazetteer import Place, name_key
from dyads.nlp.dates import nearness
from dyads.nlp.work import Candidate, Work, work_of
from dyads.schema import Location

PLACES_FILE = Path(__file__).resolve().parents[1] / "data" / "places" / "places.yml"
DATA = yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8"))
WEIGHTS = DATA["weights"]
LOCATIVE = set(DATA["locative_preps"])
OBJECT_PLACE_TYPES = set(DATA["object_place_types"])
PLACE_WORDS = set(DATA["place_words"])
DIVISION_WORDS = set(DATA["division_words"])
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Dependency steps from a place up to its phrase head ("in the city of Aleppo", "near Kabul's airport").
PHRASE_DEPS = {"pobj", "compound", "appos", "conj", "poss", "nmod"}
DATELINE = re.compile(r"(?:^|\n)\s*(?P<city>[A-Z][A-Z.'\- ]{2,40}?)(?:,\s*(?P<area>[A-Z][A-Za-z.'\- ]{1,40}?))?"
                      r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:[-\u2013\u2014]+|:)\s")


@Language.factory("dyads_places")
def make_component(nlp: Language, name: str):
    return lambda doc: _process(doc)


def _process(doc: Doc) -> Doc:
    work = work_of(doc)
    article = ArticlePlaces(doc, work)
    for cand in work.candidates:
        cand.location = article.event_location(cand)
    return doc


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return {name_key(d): iso for iso, names in DATA["demonyms"].items() for d in names}


def demonym_country(word: str) -> str | None:
    """ISO3 of a demonym ("Syrian" -> SYR), or None."""
    return _demonyms().get(name_key(word))


def options(name: str) -> tuple[Place, ...]:
    """Gazetteer entries a name may denote; generic words around it are dropped when the whole is unknown."""
    found = gazetteer.load().lookup(name)
    if found:
        return found
    words = name.split()
    while words and words[-1].lower() in PLACE_WORDS:
        words.pop()
    while words and (words[0].lower() in PLACE_WORDS or words[0].lower() == "the"):
        words.pop(0)
    core = " ".join(words)
    return gazetteer.load().lookup(core) if core and core != name else ()


def base_score(place: Place) -> float:
    """A candidate's score before any context: population, level, salience, alias."""
    return (place.prior + WEIGHTS["level"][place.level] + WEIGHTS["salient"] * place.salient
            + WEIGHTS["alias"] * place.alias)


def lookup(name: str) -> Place | None:
    """The entry a bare name most likely denotes ("Kabul", "the U.S.", "Gaza"), or None."""
    found = options(name)
    return max(found, key=base_score) if found else None


def strong(found: tuple[Place, ...]) -> bool:
    """True when a name is a country, a division or a salient city (worth taking even when the NER missed it)."""
    return any(p.level != "place" or p.salient for p in found)


@dataclass
class Clues:
    """What the words around one mention say: countries and divisions named with it, a division word."""

    countries: set[str] = field(default_factory=set)
    admin1: set[str] = field(default_factory=set)
    division: bool = False


@dataclass
class Context:
    """The article's evidence: country weights (actors, confident place names) and divisions it names."""

    countries: Counter = field(default_factory=Counter)
    admin1: set[str] = field(default_factory=set)

    def share(self, iso: str, minus: Counter) -> float:
        counts = self.countries - minus
        total = sum(counts.values())
        return counts[iso] / total if total else 0.0


def score(place: Place, clues: Clues, context: Context, own: Counter) -> float:
    """A candidate's score for one mention, given its clues and the article context (less the mention's own)."""
    value = base_score(place) + WEIGHTS["context_country"] * context.share(place.country, own)
    others = set((context.countries - own).keys())
    if place.country not in others and others & gazetteer.neighbours().get(place.country, frozenset()):
        value += WEIGHTS["neighbour"]
    if place.level == "place" and place.admin1 in context.admin1:
        value += WEIGHTS["context_admin1"]
    if place.country in clues.countries or (place.admin1 and place.admin1 in clues.admin1):
        value += WEIGHTS["qualifier"]
    elif clues.countries:
        value += WEIGHTS["qualifier_clash"]
    if clues.division and place.level == "admin1":
        value += WEIGHTS["division_word"]
    return value


def confident(found: tuple[Place, ...]) -> Place | None:
    """The best entry by base score when it leads every entry of another country by the margin, else None."""
    if not found:
        return None
    best = max(found, key=base_score)
    rivals = [base_score(p) for p in found if p.country != best.country]
    return best if not rivals or base_score(best) - max(rivals) >= WEIGHTS["confident_margin"] else None


def to_location(text: str, place: Place) -> Location:
    return Location(text=text, country=place.country, name=place.name, lat=place.lat, lon=place.lon,
                    admin1=place.admin1, geonameid=place.geonameid, level=place.level)


class ArticlePlaces:
    """The place mentions of one article, resolved together so that each disambiguates the others."""

    def __init__(self, doc: Doc, work: Work) -> None:
        self.doc = doc
        self.work = work
        self.mentions = place_mentions(doc[:])
        self.own: dict[tuple[int, int], Counter] = {}
        self.context = self.article_context()
        self.resolved: dict[tuple[int, int], Location | None] = {}
        self.main: Location | None | bool = None  # False once known to be absent
        self.opening = self.dateline()

    def article_context(self) -> Context:
        context = Context()
        if self.work.country:
            context.countries[self.work.country] += 2
        for cand in self.work.candidates:
            context.countries.update(e.country for e in cand.actor + cand.recipient if e.country)
        for span in self.mentions:
            best = confident(options(span.text))
            if best:
                self.own[(span.start, span.end)] = Counter([best.country])
                context.countries[best.country] += 1
                if best.level == "admin1":
                    context.admin1.add(best.name)
        return context

    def clues(self, span: Span) -> Clues:
        """Countries and divisions named in the mention's phrase or right after it ("Paris, Texas")."""
        clues = Clues()
        near = [t for t in (self.doc[span.start - 1] if span.start else None,
                            self.doc[span.end] if span.end < len(self.doc) else None) if t is not None]
        clues.division = any(t.lower_ in DIVISION_WORDS for t in near) or (
            span[-1].lower_ in DIVISION_WORDS and not gazetteer.load().lookup(span.text))
        top = phrase_top(span.root)
        phrase = {t.i for t in top.subtree}
        for other in self.mentions:
            if other.start != span.start and (other.start in phrase or self.follows(span, other)):
                best = lookup(other.text)
                if best and best.level in ("country", "admin1"):
                    clues.countries.add(best.country)
                    clues.admin1.add(best.admin1 or best.name)
        clues.countries.update(filter(None, (demonym_country(self.doc[i].text) for i in phrase)))
        return clues

    def follows(self, span: Span, other: Span) -> bool:
        """True for "Saraqib, Syria": the other mention comes right after a comma."""
        return other.start == span.end + 1 and self.doc[span.end].text == ","

    def resolve(self, span: Span) -> Location | None:
        """The entry a mention denotes in this article, or None when no entry is plausible enough."""
        key = (span.start, span.end)
        if key not in self.resolved:
            clues = self.clues(span)
            own = self.own.get(key, Counter())
            scored = [(score(p, clues, self.context, own), p) for p in options(span.text)]
            best = max(scored, key=lambda sp: sp[0], default=None)
            evidence = bool(self.context.countries - own)
            plausible = best is not None and (best[0] >= WEIGHTS["min_score"] or not evidence)
            self.resolved[key] = to_location(span.text, best[1]) if plausible else None
        return self.resolved[key]

    def unknown_place(self, span: Span) -> Location:
        """A place the gazetteer lacks: the country its phrase names, else the article's."""
        clues = self.clues(span)
        country = next(iter(clues.countries), None) if len(clues.countries) == 1 else None
        return Location(text=span.text, country=country or self.work.country, name=span.text, level="place")

    def phrase_location(self, spans: list[Span]) -> Location:
        """The first resolvable of a phrase's place mentions, most specific first ("Becha forests of Kanker
        District" -> Kanker), named by the first; an unknown place when none resolves."""
        for span in spans:
            loc = self.resolve(span)
            if loc:
                return loc if span is spans[0] else replace(loc, text=spans[0].text)
        return self.unknown_place(spans[0])

    def in_sentence(self, cand: Candidate) -> list[Span]:
        return [s for s in self.mentions if cand.sent_start <= s.start < cand.sent_end]

    def tied_location(self, cand: Candidate) -> Location | None:
        """The place a locative phrase (or, for some types, the trigger's object) ties to the trigger, or None."""
        trigger = self.doc[cand.trigger]
        found = []
        for span in self.in_sentence(cand):
            top = phrase_top(span.root)
            if top.dep_ == "pobj" and top.head.lower_ in LOCATIVE:
                found.append((nearness(top.head, trigger), span.start, top.head))
            elif top.dep_ == "dobj" and top.head == trigger and cand.event_type in OBJECT_PLACE_TYPES:
                found.append(((0, 0), span.start, top))
        if not found:
            return None
        anchor = min(found)[2]
        return self.phrase_location(self.chain([s for s in self.in_sentence(cand) if s.root in anchor.subtree]))

    def chain(self, spans: list[Span]) -> list[Span]:
        """The phrase's mentions plus those that continue it in the text ("in Becha forests of Kanker District",
        "in Mariani (near Nagaland border) in Jorhat District"), even where the parse broke the phrase."""
        found = list(spans)
        for other in self.mentions:
            gap = self.doc[found[-1].end:other.start]
            if other.start >= found[-1].end and len(gap) <= WEIGHTS["chain_gap"] and not any(
                    t.pos_ in ("VERB", "AUX") or t.text in (".", ";") for t in gap):
                found.append(other)
        return found

    def named_location(self, cand: Candidate) -> Location | None:
        """A resolvable place named in the evidence sentence outside the actor and recipient phrases."""
        sides = {i for i in cand.actor_heads + cand.recipient_heads}
        trigger = self.doc[cand.trigger]
        spans = [s for s in self.in_sentence(cand) if not any(t.i in sides for t in s)
                 and s.text not in {e.text for e in cand.actor + cand.recipient}]
        for span in sorted(spans, key=lambda s: nearness(s.root, trigger)):
            loc = self.resolve(span)
            if loc:
                return loc
        return None

    def main_location(self, cand: Candidate) -> Location | None:
        """The article's main place (its lead event's, else its main country) when the event's actors are of it."""
        if self.main is None:
            located = (self.tied_location(c) for c in self.work.candidates)
            self.main = next(filter(None, located), None) or self.main_country() or False
        sides = {e.country for e in cand.actor + cand.recipient if e.country}
        if self.main and (not sides or self.main.country in sides):
            return self.main
        return None

    def main_country(self) -> Location | None:
        """The article's main country as a country-level location, named as the article names it."""
        entry = gazetteer.load().country(self.work.country) if self.work.country else None
        if not entry:
            return None
        named = next((s.text for s in self.mentions if (self.resolve(s) or Location("")).level == "country"
                      and self.resolve(s).country == entry.country), entry.name)
        return to_location(named, entry)

    def event_location(self, cand: Candidate) -> Location | None:
        """Where the event happened: tied place, else a place its sentence names, else dateline, else main place."""
        return (self.tied_location(cand) or self.named_location(cand) or self.opening
                or self.main_location(cand))

    def dateline(self) -> Location | None:
        """The place of an opening dateline ("KABUL, Afghanistan \u2014", "WASHINGTON (Reuters) -"), or None."""
        m = DATELINE.search(self.doc.text[:600])
        if not m:
            return None
        city, area = m["city"].strip(), (m["area"] or "").strip()
        shown = f"{city}, {area}" if area else city
        area_place = lookup(area) if area else None
        clues = Clues()
        if area_place:
            clues.countries.add(area_place.country)
            clues.admin1.add(area_place.admin1 or area_place.name)
        found = options(city.title())
        if found:
            return to_location(shown, max(found, key=lambda p: score(p, clues, self.context, Counter())))
        country = area_place.country if area_place else self.work.country
        return Location(text=shown, country=country, name=city.title(), level="place")


def place_mentions(span: Span) -> list[Span]:
    """Place entities, plus names the NER labelled otherwise or missed that are countries, divisions or big cities."""
    found = [e for e in span.ents if e.label_ in PLACE_LABELS or (e.label_ != "NORP" and strong(options(e.text)))]
    covered = {t.i for e in span.ents for t in e}
    found += [run for run in propn_runs(span, covered) if strong(options(run.text))]
    return sorted(found, key=lambda s: s.start)


def propn_runs(span: Span, covered: set[int]) -> list[Span]:
    """Maximal runs of proper nouns outside entities ("West Bengal", not "West")."""
    runs, start = [], None
    for t in [*span, None]:
        inside = t is not None and t.pos_ == "PROPN" and t.i not in covered
        if inside and start is None:
            start = t.i
        elif not inside and start is not None:
            runs.append(span.doc[start:t.i if t is not None else span.end])
            start = None
    return runs


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
