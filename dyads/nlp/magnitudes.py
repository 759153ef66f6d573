"""Attaches stated counts (dead, injured, arrested, size) to candidate events.

`magnitude` keys: `dead`, `injured`, `arrested` (int, summed over the sentence's counts of each kind) and
`size`: a plain int for people (participants, migrants, troops), or {"value": n, "unit": u} for things
(u = noun lemma, e.g. "vehicle") and money (u = currency code, e.g. "USD").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.nlp.work import Candidate, work_of

DATA = Path(__file__).resolve().parents[1] / "data"
NUMBERS = yaml.safe_load((DATA / "numbers.yml").read_text(encoding="utf-8"))
LEXICON = yaml.safe_load((DATA / "magnitudes.yml").read_text(encoding="utf-8"))
CUES = {word: cat for cat, words in LEXICON["categories"].items() for word in words}
CATEGORIES = tuple(LEXICON["categories"])
PEOPLE = set(LEXICON["people"])
THINGS = set(LEXICON["things"])
CURRENCIES: dict[str, str] = LEXICON["currencies"]
FILLERS = set(LEXICON["fillers"])
ARTICLES = set(NUMBERS["articles"])
NUMBER_WORDS = set(NUMBERS["units"]) | set(NUMBERS["scales"]) | set(NUMBERS["vague"])
DIGITS = re.compile(r"^(?P<n>\d+(?:[.,]\d+)*)(?P<suffix>[a-z]*)$")
SKIP_ENTITIES = {"DATE", "TIME", "PERCENT", "ORDINAL"}
ARGUMENT_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj", "attr", "npadvmod", "appos", "oprd", "conj", "dative"}


@dataclass
class Quantity:
    """A number phrase in the sentence and the noun it counts."""

    value: float
    tokens: list[Token]
    noun: Token  # syntactic position of the counted phrase
    kind: Token  # the word saying what is counted ("protesters" in "thousands of protesters")
    unit: str | None  # currency code for money


@Language.factory("dyads_magnitudes")
def make_component(nlp: Language, name: str):
    return lambda doc: _process(doc)


def _process(doc: Doc) -> Doc:
    for cand in work_of(doc).candidates:
        cand.magnitude = candidate_magnitude(doc, cand)
    return doc


def number_value(text: str) -> float | int | None:
    """The number a phrase states ("more than 150,000", "$2.3bn", "50 thousand", "tens of thousands", "a dozen")."""
    words = [w for w in re.split(r"[\s\-]+", text.lower().replace("$", " ").strip()) if w]
    total, current, seen = 0.0, None, False
    for word in words:
        m = DIGITS.match(word)
        if m and (not m["suffix"] or m["suffix"] in NUMBERS["scales"]):
            value = float(m["n"].replace(",", ""))  # commas separate thousands
            if m["suffix"]:
                value *= NUMBERS["scales"][m["suffix"]]
            current, seen = (current or 0) + value, True
        elif word in NUMBERS["units"]:
            current, seen = (current or 0) + NUMBERS["units"][word], True
        elif word in NUMBERS["scales"]:
            scale = NUMBERS["scales"][word]
            if scale >= 1000:
                total, current, seen = total + (current or 1) * scale, None, True
            else:
                current, seen = (current or 1) * scale, True
        elif word in NUMBERS["vague"]:
            base = NUMBERS["vague"][word] / 2
            current = current * base if current and base >= 1000 else NUMBERS["vague"][word]
            seen = True
        elif word in ARTICLES:
            current = current if current is not None else 1
        elif word not in FILLERS:
            return None
    if not seen and current is None:
        return None
    value = total + (current or 0)
    return int(value) if value == int(value) else value


def candidate_magnitude(doc: Doc, cand: Candidate) -> dict:
    """dead/injured/arrested counts of the candidate's sentence and the size of what its trigger involves."""
    sent = doc[cand.sent_start:cand.sent_end]
    trigger = doc[cand.trigger]
    found = quantities(sent)
    counts: dict[str, float] = {}
    counted: set[int] = set()
    for q in found:
        cat = category(q.noun, q.kind)
        if cat and q.unit is None:
            counts[cat] = counts.get(cat, 0) + q.value
            counted.add(q.noun.i)
            for extra in article_conjuncts(q.noun, counted):
                counts[cat] += 1
                counted.add(extra.i)
    for noun in single_victims(sent, counted):
        cat = category(noun, noun)
        counts[cat] = counts.get(cat, 0) + 1
    magnitude: dict = {cat: _plain(counts[cat]) for cat in CATEGORIES if cat in counts}
    size = event_size([q for q in found if q.noun.i not in counted], trigger)
    if size is not None:
        magnitude["size"] = size
    return magnitude


def _plain(value: float) -> float | int:
    return int(value) if value == int(value) else value


def quantities(sent: Span) -> list[Quantity]:
    """Every number phrase of the sentence with the noun it counts (dates, times, percentages left out)."""
    out = []
    for run in number_runs(sent):
        text = " ".join(t.text for t in run)
        value = number_value(text)
        if value is None:
            continue
        root = next((t for t in run if t.head not in run or t.head == t), run[-1])
        noun = root.head if root.dep_ in ("nummod", "quantmod", "compound", "nmod", "amod") and \
            root.head.pos_ in ("NOUN", "PROPN", "PRON") and root.head not in run else root
        kind = of_object(noun) or noun
        out.append(Quantity(value, run, noun, kind, money_unit(run, kind)))
    return out


def number_runs(sent: Span) -> list[list[Token]]:
    """Maximal runs of number tokens, joined over "of"/"and"/hyphens inside them ("tens of thousands")."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for tok in sent:
        if is_number_token(tok) or (current and tok.lower_ in ("of", "and", "-") and tok.i + 1 < sent.end
                                    and is_number_token(tok.doc[tok.i + 1])):
            current.append(tok)
        elif tok.lower_ in ARTICLES and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ in NUMBER_WORDS:
            current.append(tok)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [r for r in runs if any(is_number_token(t) and t.text not in CURRENCIES for t in r)]


def is_number_token(tok: Token) -> bool:
    """Digits, number words and currency symbols, outside date, time, percent and ordinal entities
    (a year-like count the tagger calls a date, "2000 troops", still counts)."""
    if tok.ent_type_ in SKIP_ENTITIES and not (tok.dep_ == "nummod" and tok.head.ent_type_ not in SKIP_ENTITIES):
        return False
    return tok.like_num or tok.lower_ in NUMBER_WORDS or bool(DIGITS.match(tok.lower_)) or tok.text in CURRENCIES


def of_object(noun: Token) -> Token | None:
    """The object of "of" after a count noun ("dozens of missiles" -> missiles)."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def money_unit(run: list[Token], kind: Token) -> str | None:
    """Currency code of a money phrase ("$2.3bn", "5 million euros"), else None."""
    for tok in run:
        if tok.text in CURRENCIES:
            return CURRENCIES[tok.text]
    nxt = run[-1].doc[run[-1].i + 1] if run[-1].i + 1 < len(run[-1].doc) else None
    for tok in (kind, nxt):
        if tok is not None and tok.lemma_.lower() in CURRENCIES:
            return CURRENCIES[tok.lemma_.lower()]
    return None


def category(noun: Token, kind: Token) -> str | None:
    """dead, injured or arrested when a cue word around the counted noun says so, else None."""
    for cue in cue_words(noun, kind):
        cat = CUES.get(cue.lemma_.lower()) or CUES.get(cue.lower_)
        if cat:
            return cat
    return None


def cue_words(noun: Token, kind: Token) -> list[Token]:
    """Words around a counted noun, nearest first: itself, its modifiers, the verb or noun it depends on."""
    base = noun
    while base.dep_ == "conj" and base.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        base = base.head
    cues = [kind, noun, base]
    cues += [c for c in (*noun.children, *base.children) if c.dep_ in ("amod", "acl", "relcl", "compound", "appos")]
    head = base.head.head if base.dep_ == "pobj" else base.head
    if base.dep_ in ARGUMENT_DEPS or base.dep_ in ("nummod", "ROOT"):
        cues.append(head)
        if head.lemma_.lower() == "leave" and base.right_edge.i + 1 < len(noun.doc):
            cues.append(noun.doc[base.right_edge.i + 1])
        cues += [c for c in head.children if c.dep_ in ("acomp", "oprd", "xcomp", "nsubj", "nsubjpass") and c != base]
        cues += [g for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for g in c.children
                 if g.dep_ == "compound"]
    return cues


def article_conjuncts(noun: Token, counted: set[int]) -> list[Token]:
    """Conjoined nouns counted by an article ("an officer and four others" -> officer)."""
    base = noun
    while base.dep_ == "conj":
        base = base.head
    group = [base, *[t for t in base.subtree if t.dep_ == "conj" and t.head in (base, *base.conjuncts)]]
    return [t for t in group if t.i not in counted and t != noun and t.pos_ == "NOUN" and t.tag_ == "NN"
            and any(c.dep_ == "det" and c.lower_ in ARTICLES for c in t.children)]


def single_victims(sent: Span, counted: set[int]) -> list[Token]:
    """Singular people nouns with "a"/"an" that a cue marks as killed, injured or arrested ("a soldier was killed")."""
    return [t for t in sent if t.i not in counted and t.tag_ == "NN" and t.lemma_.lower() in PEOPLE
            and any(c.dep_ == "det" and c.lower_ in ARTICLES for c in t.children) and category(t, t)]


def event_size(found: list[Quantity], trigger: Token) -> int | float | dict | None:
    """Size of the nearest count tied to the trigger: people as a number, things and money with their unit."""
    tied = sorted((q for q in found if tied_to(q.noun, trigger)), key=lambda q: abs(q.noun.i - trigger.i))
    for q in tied:
        if q.unit:
            return {"value": q.value, "unit": q.unit}
        lemmas = [q.kind.lemma_.lower(), q.noun.lemma_.lower()]
        if any(lemma in PEOPLE for lemma in lemmas):
            return q.value
        thing = next((lemma for lemma in lemmas if lemma in THINGS), None)
        if thing:
            return {"value": q.value, "unit": thing}
    return None


def tied_to(noun: Token, trigger: Token) -> bool:
    """True when the counted phrase and the trigger are within three dependency steps of each other."""
    up_n = [noun, *noun.ancestors]
    up_t = [trigger, *trigger.ancestors]
    common = next((t for t in up_n if t in up_t), None)
    return common is not None and up_n.index(common) + up_t.index(common) <= 3
