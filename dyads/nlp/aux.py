"""Tags candidate events as negated, hypothetical or future from the words that govern the trigger."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from dyads.nlp.lexicon import DATA
from dyads.nlp.work import work_of

COMPLEMENTS = {"xcomp", "ccomp", "advcl", "pcomp"}
ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "obj"}


@dataclass(frozen=True)
class AuxWords:
    negators: frozenset[str]
    negating_heads: frozenset[str]
    hypothetical_modals: frozenset[str]
    future_modals: frozenset[str]
    hypothetical_heads: frozenset[str]
    future_heads: frozenset[str]
    conditional_marks: frozenset[str]
    nobody: frozenset[str]


@lru_cache(maxsize=1)
def aux_words() -> AuxWords:
    raw = yaml.safe_load((DATA / "aux.yml").read_text(encoding="utf-8"))
    return AuxWords(**{k: frozenset(str(w).lower() for w in v) for k, v in raw.items()})


@Language.factory("dyads_aux")
def make_component(nlp: Language, name: str):
    return tag_aux


def tag_aux(doc: Doc) -> Doc:
    words = aux_words()
    for cand in work_of(doc).candidates:
        cand.aux = sorted(set(cand.aux) | aux_tags(doc[cand.trigger], words))
    return doc


def governing_verb(tok: Token) -> Token:
    """The verb whose modals and negation apply to a trigger (the light verb of 'launched an attack')."""
    if tok.pos_ != "VERB" and tok.dep_ in ("dobj", "nsubjpass", "obj") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.pos_ != "VERB" and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        return tok.head.head
    return tok


def aux_tags(trigger: Token, words: AuxWords) -> set[str]:
    """The aux tags that the trigger's own words and its governors give it."""
    verb = governing_verb(trigger)
    tags = own_tags(verb, words)
    if any(c.lower_ in words.negators for c in trigger.children if c.dep_ in ("neg", "det")):
        tags.add("negation")
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and verb.head.lemma_.lower() in words.hypothetical_heads | words.future_heads:
        tags.add("hypothetical")  # 'calling up reservists to fight': the fighting is the purpose, not a report
    node = verb
    while node.dep_ in COMPLEMENTS | {"conj"} and node.head.i != node.i:
        head = node.head
        lemma = head.lemma_.lower()
        if node.dep_ != "conj":
            if lemma in words.negating_heads:
                tags.add("negation")
            elif lemma in words.future_heads:
                tags.add("future")
            elif lemma in words.hypothetical_heads and node.dep_ in ("xcomp", "ccomp"):
                tags.add("hypothetical")
        tags |= own_tags(head, words) & {"negation"} if node.dep_ == "conj" else set()
        node = head
    return tags


def own_tags(verb: Token, words: AuxWords) -> set[str]:
    """Tags from the verb's own auxiliaries, negation and 'if' clause."""
    tags: set[str] = set()
    for child in verb.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "advmod" and low == "never"):
            tags.add("negation")
        elif child.dep_ == "aux" and low in words.future_modals:
            tags.add("future")
        elif child.dep_ == "aux" and low in words.hypothetical_modals:
            tags.add("hypothetical")
        elif child.dep_ == "mark" and low in words.conditional_marks:
            tags.add("hypothetical")
        elif child.dep_ in ARGUMENTS and (low in words.nobody or any(
                g.dep_ == "det" and g.lower_ == "no" for g in child.children)):
            tags.add("negation")
    return tags
