"""Gives each candidate event its PLOVER contexts from its sentence, its actors, its type/mode and the article.

The rules are data (`dyads/data/contexts.yml`): cue phrases per context matched on lemmas or lower-case
forms (longest match wins), entity rules (sector, country), event rules (type, type/mode, both sides'
sectors) and the contexts that dominate the article. Each kind of evidence adds its weight to a context's
score; contexts reaching the threshold are kept, best first, then the manual's exclusions apply.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dyads.ontology import CONTEXTS
from dyads.nlp.work import Candidate, work_of
from dyads.schema import Entity

DATA = Path(__file__).resolve().parents[1] / "data"


def load_rules(path: Path = DATA / "contexts.yml") -> dict:
    """The context rules, checked against the one list of PLOVER contexts (plover.yml)."""
    rules = yaml.safe_load(path.read_text(encoding="utf-8"))
    named = [*rules["cues"], *rules["weak"], *rules["exclusions"],
             *(c for spec in rules["exclusions"].values() for c in spec),
             *(c for spec in rules["entities"] + rules["dyads"] for c in spec["contexts"]),
             *(c for spec in rules["events"].values() for c in spec)]
    unknown = sorted(set(named) - set(CONTEXTS))
    if unknown:
        raise ValueError(f"contexts.yml names contexts PLOVER does not have: {unknown}")
    return rules


@dataclass(frozen=True)
class Cue:
    """A cue phrase found in the Doc: where it is and what it counts for."""

    start: int
    end: int
    weights: tuple[tuple[str, float], ...]  # (context, weight)
    strong: frozenset[str]  # contexts it is a full (not weak) cue of: the ones counted for the article


class ContextCoder:
    """The dyads_contexts component: matchers and rules are built once, per pipeline."""

    def __init__(self, nlp: Language, rules: dict) -> None:
        self.rules = rules
        self.weights: dict[str, float] = rules["weights"]
        self.phrases = self.phrase_weights(rules)
        full = {context: {str(p).lower() for p in phrases} for context, phrases in rules["cues"].items()}
        self.strong = {phrase: frozenset(c for c, cues in full.items() if phrase in cues) for phrase in self.phrases}
        self.matchers = [PhraseMatcher(nlp.vocab, attr="LOWER"), PhraseMatcher(nlp.vocab, attr="LEMMA")]
        for phrase in self.phrases:
            words = [t.text for t in nlp.make_doc(phrase)]
            self.matchers[0].add(phrase, [Doc(nlp.vocab, words=words)])
            self.matchers[1].add(phrase, [Doc(nlp.vocab, words=words, lemmas=words)])
        self.vocab = nlp.vocab

    def phrase_weights(self, rules: dict) -> dict[str, tuple[tuple[str, float], ...]]:
        """Each cue phrase (and mask) with the contexts it counts for and their weights."""
        table: dict[str, list[tuple[str, float]]] = {phrase: [] for phrase in rules["masks"]}
        for kind in ("cues", "weak"):
            weight = self.weights["sentence" if kind == "cues" else "weak"]
            for context, phrases in rules[kind].items():
                for phrase in phrases:
                    table.setdefault(str(phrase).lower(), []).append((context, weight))
        return {phrase: tuple(pairs) for phrase, pairs in table.items()}

    def __call__(self, doc: Doc) -> Doc:
        work = work_of(doc)
        if not work.candidates:
            return doc
        cues = self.cues(doc)
        article = self.article_contexts(doc, cues)
        for cand in work.candidates:
            cand.context = self.contexts_for(doc[cand.sent_start:cand.sent_end], cues, cand, article)
        return doc

    def cues(self, doc: Doc) -> list[Cue]:
        """Every cue phrase of the Doc; where phrases overlap, the longest."""
        found = [Span(doc, start, end, label=key) for matcher in self.matchers for key, start, end in matcher(doc)]
        phrases = [(s, self.vocab.strings[s.label]) for s in filter_spans(found)]
        return [Cue(s.start, s.end, self.phrases[phrase], self.strong[phrase]) for s, phrase in phrases]

    def article_contexts(self, doc: Doc, cues: list[Cue]) -> set[str]:
        """Contexts strongly cued in enough of the article's sentences to say what the article is about."""
        per_sentence: dict[int, set[str]] = {}
        for cue in cues:
            per_sentence.setdefault(doc[cue.start].sent.start, set()).update(cue.strong)
        cued = [contexts for contexts in per_sentence.values() if contexts]
        counts = Counter(c for contexts in cued for c in contexts)
        spec = self.rules["article"]
        return {c for c, n in counts.items() if n >= spec["min_sentences"] and n / len(cued) >= spec["min_share"]}

    def contexts_for(self, span: Span, cues: list[Cue], cand: Candidate | None = None,
                     article: Iterable[str] = ()) -> list[str]:
        """The contexts of an event (or, without a candidate, of a sentence), best first, at most max_contexts."""
        scores: Counter[str] = Counter()
        for cue in cues:
            if span.start <= cue.start and cue.end <= span.end:
                scores.update(dict(cue.weights))
        if cand is not None:
            scores.update(self.candidate_scores(cand))
        scores.update({c: self.weights["article"] for c in article})
        kept = [c for c in sorted(scores, key=lambda c: (-scores[c], CONTEXTS.index(c)))
                if scores[c] >= self.rules["threshold"]]
        excluded = {c for c in kept if set(self.rules["exclusions"].get(c, ())) & set(kept)}
        return [c for c in kept if c not in excluded][:self.rules["max_contexts"]]

    def candidate_scores(self, cand: Candidate) -> Counter[str]:
        """Weights from the candidate's actors and recipients, its type and mode, and its dyad."""
        scores: Counter[str] = Counter()
        for context in entity_contexts(cand.actor + cand.recipient, self.rules["entities"]):
            scores[context] += self.weights["entity"]
        for context in event_contexts(cand, self.rules["events"], self.rules["dyads"]):
            scores[context] += self.weights["event"]
        return scores


def entity_contexts(entities: list[Entity], rules: list[dict]) -> set[str]:
    """Contexts of the entity rules that some actor or recipient matches (sector and country)."""
    return {c for rule in rules for e in entities
            if e.sector in rule.get("sector", [e.sector]) and e.country in rule.get("country", [e.country])
            for c in rule["contexts"]}


def event_contexts(cand: Candidate, events: dict[str, list[str]], dyads: list[dict]) -> set[str]:
    """Contexts of the candidate's type, of its type/mode, and of the dyad rules it satisfies."""
    keys = [cand.event_type, *(f"{cand.event_type}/{mode}" for mode in cand.mode)]
    found = {c for key in keys for c in events.get(key, [])}
    return found | {c for rule in dyads if satisfies(cand, rule) for c in rule["contexts"]}


def satisfies(cand: Candidate, rule: dict) -> bool:
    """True when the candidate's type, its mode (if the rule names modes) and both sides' sectors fit the rule."""
    sides = ((cand.actor, rule.get("actor")), (cand.recipient, rule.get("recipient")))
    return (cand.event_type in rule["types"]
            and ("modes" not in rule or bool(set(rule["modes"]) & set(cand.mode)))
            and all(wanted is None or any(e.sector in wanted for e in side) for side, wanted in sides)
            and (not rule.get("international") or is_international(cand.actor + cand.recipient)))


def is_international(entities: list[Entity]) -> bool:
    """True when the government-sector entities belong to at least two countries or intergovernmental bodies."""
    return len({e.country for e in entities if e.sector == "GOV" and e.country}) >= 2


@Language.factory("dyads_contexts")
def make_component(nlp: Language, name: str) -> ContextCoder:
    return ContextCoder(nlp, load_rules())
