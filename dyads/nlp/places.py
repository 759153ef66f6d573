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
LEVELS = ("place", "admin1", "country")  # most specific first
MODIFIER_DEPS = {"compound", "nmod", "amod", "poss", "npadvmod"}
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


@lru_cache(maxsize=20_000)
def options(name: str) -> tuple[Place, ...]:
    """Gazetteer entries a name may denote: the whole name, else without generic words around it ("Kushtia
    District"), else a spelling variant of the latter ("Dantewada" for GeoNames' "Dantewara")."""
    gaz = gazetteer.load()
    words = name.split()
    while words and words[-1].lower() in PLACE_WORDS:
        words.pop()
    while words and (words[0].lower() in PLACE_WORDS or words[0].lower() == "the"):
        words.pop(0)
    core = " ".join(words)
    head = re.split(r" of |, ", core)[0]  # "Jorhat District of Assam", "Wana, South Waziristan"
    found = gaz.lookup(name)
    if not found and core:
        found = gaz.lookup(core) or (options(head) if head != core else ())
    if not found and core:
        found = tuple(p for p in gaz.lookup(core, loose=True) if p.level == "place")
    short = len(name_key(name).replace(" ", "")) <= 2  # "IN", "OR": only country abbreviations ("US", "UK")
    return tuple(p for p in found if p.level == "country") if short else found


def base_score(place: Place) -> float:
    """A candidate's score before any context: population, level, salience, alias."""
    return (place.prior + WEIGHTS["level"][place.level] + WEIGHTS["salient"] * place.salient
            + WEIGHTS["alias"] * place.alias)


def lookup(name: str) -> Place | None:
    """The entry a bare name most likely denotes ("Kabul", "the U.S.", "Gaza"), or None."""
    found = options(name)
    return max(found, key=base_score) if found else None


def strong(found: tuple[Place, ...]) -> bool:
    """True when a name is a country, a division or a salient or big city (worth taking where the NER missed it)."""
    return any(p.level != "place" or p.salient or p.population >= WEIGHTS["big_city"] for p in found)


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
    if place.admin1 and place.admin1 in clues.admin1:
        value += WEIGHTS["qualifier"]
    elif clues.countries and place.country not in clues.countries:
        value += WEIGHTS["qualifier_clash"]
    elif place.alias and place.level == "place" and clues.admin1:
        value += WEIGHTS["qualifier_clash"]  # a variant spelling must agree with the division named with it
    elif place.country in clues.countries and not (place.level == "place" and clues.admin1):
        value += WEIGHTS["qualifier"]
    if clues.division and place.level == "admin1":
        value += WEIGHTS["division_word"]
    return value


def confident(found: tuple[Place, ...]) -> Place | None:
    """The best entry by base score when it leads every entry of another country by the margin, else None."""
    if not found:
        return None
    best = max(found, key=base_score)
    rivals = [base_score(p) for p in found if p.country != best.country]
    if base_score(best) < WEIGHTS["min_score"] or best.alias:
        return None
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
        self.dateline_end = 0
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
        chained = {s.start for s in self.chain([span])}
        for other in self.mentions:
            if other.start >= span.end and (other.start in phrase | chained or self.follows(span, other)):
                best = self.resolve(other)
                if best:
                    clues.countries.add(best.country)
                if best and best.level != "country":
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
        """A place the gazetteer lacks ("Gajalabadi"): placed at the nearest known place its sentence names ("under
        Sorada police station"), else at the article's main place; else only the country its phrase names or the
        article's."""
        near = self.nearest_known(span) or self.main_place()
        if near is not None:
            return replace(near, text=span.text, name=span.text, geonameid=None)
        clues = self.clues(span)
        country = next(iter(clues.countries), None) if len(clues.countries) == 1 else None
        return Location(text=span.text, country=country or self.work.country, name=span.text, level="place")

    def nearest_known(self, span: Span) -> Location | None:
        """The resolvable place mention (below country level) of the span's sentence nearest to it."""
        sent = span.sent
        known = [(abs(s.start - span.start), loc) for s in self.mentions if sent.start <= s.start < sent.end
                 and s is not span and (loc := self.resolve(s)) and loc.level != "country"]
        return min(known, key=lambda k: k[0])[1] if known else None

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
            if locative(span):
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
        """A resolvable place the evidence sentence names as a modifier ("a Quito taxi", "the Medellin
        underworld"): not an actor, recipient or other argument, nor the dateline."""
        sides = {i for i in cand.actor_heads + cand.recipient_heads}
        trigger = self.doc[cand.trigger]
        spans = [s for s in self.in_sentence(cand) if not any(t.i in sides for t in s)
                 and s.text not in {e.text for e in cand.actor + cand.recipient}
                 and phrase_top(s.root).dep_ in MODIFIER_DEPS and s.start_char >= self.dateline_end]
        located = [(LEVELS.index(loc.level), nearness(s.root, trigger), loc)
                   for s in spans if (loc := self.resolve(s))]
        return min(located, key=lambda o: o[:2])[2] if located else None

    def main_location(self, cand: Candidate) -> Location | None:
        """The article's main place when the event's actors are of its country, else None."""
        if self.main is None:
            self.main = self.main_place() or self.main_country() or False
        actors = {e.country for e in cand.actor if e.country}
        if self.main and (not actors or self.main.country in actors):
            return self.main
        return None

    def main_place(self) -> Location | None:
        """The first place or division the article names in its main country."""
        country = self.main_iso()
        for span in filter(place_like, self.mentions):
            loc = self.resolve(span)
            if loc and loc.country == country and loc.level != "country":
                return loc
        return None

    def main_iso(self) -> str | None:
        """The article's main country: the actors component's, else the one most evidence clearly points at."""
        top = self.context.countries.most_common(1)
        total = sum(self.context.countries.values())
        clear = top and top[0][1] / total >= WEIGHTS["main_share"]
        return self.work.country or (top[0][0] if clear else None)

    def main_country(self) -> Location | None:
        """The actors component's article country as a country-level location, named as the article names it."""
        iso = self.work.country
        entry = gazetteer.load().country(iso) if iso else None
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
        self.dateline_end = m.end()
        city, area = m["city"].strip(), (m["area"] or "").strip()
        shown = f"{city}, {area}" if area else city
        area_place = lookup(area) if area else None
        clues = Clues()
        if area_place:
            clues.countries.add(area_place.country)
        if area_place and area_place.level != "country":
            clues.admin1.add(area_place.admin1 or area_place.name)
        found = options(city.title())
        if found:
            return to_location(shown, max(found, key=lambda p: score(p, clues, self.context, Counter())))
        country = area_place.country if area_place else self.work.country
        return Location(text=shown, country=country, name=city.title(), level="place")


def place_mentions(span: Span) -> list[Span]:
    """Place entities, names the NER took for a person or organisation after "in", "at"..., and proper nouns it
    missed that are countries, divisions, big cities, or known places after "in", "at"..."""
    found = [e for e in span.ents if e.label_ in PLACE_LABELS or (
        e.label_ in ("PERSON", "ORG") and locative(e) and options(e.text))]
    covered = {t.i for e in span.ents for t in e}
    found += [run for run in propn_runs(span, covered) if not in_name(run) and (
        strong(options(run.text)) or (locative(run) and options(run.text)))]
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


def place_like(span: Span) -> bool:
    """True when a mention is used as a place (locative or modifier), not as an argument ("Washington said")."""
    return locative(span) or phrase_top(span.root).dep_ in MODIFIER_DEPS


def locative(span: Span) -> bool:
    """True when a span is the object of a locative preposition ("in Wana")."""
    top = phrase_top(span.root)
    return top.dep_ == "pobj" and top.head.lower_ in LOCATIVE


def in_name(span: Span) -> bool:
    """True for a place word inside a longer proper name ("Communist Party of India", "Bank of England")."""
    doc = span.doc
    before = doc[span.start - 2] if span.start >= 2 else None
    return before is not None and doc[span.start - 1].lower_ == "of" and before.is_title \
        and before.pos_ == "PROPN" and before.lower_ not in PLACE_WORDS


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
