"""Settles the actors of an article's events together: unnamed perpetrators, one sector per name, suspects."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from dyads.nlp.lexicon import load_lexicon
from dyads.nlp.work import Candidate
from dyads.schema import Entity


def harmonised(cands: list[Candidate]) -> list[Candidate]:
    """One person, one role in an article: a name with no sector in one mention ('Martinez') takes the sector it
    has in another ('San Pedro Bishop Adalberto Martinez')."""
    known: dict[str, str] = {}
    for ent in (e for c in cands for e in c.actor + c.recipient if e.sector):
        for key in name_keys(ent.text):
            known.setdefault(key, ent.sector)
    for ent in (e for c in cands for e in c.actor + c.recipient if not e.sector):
        ent.sector = next((known[k] for k in name_keys(ent.text) if k in known), None)
    return cands


def name_keys(text: str) -> list[str]:
    """The whole name, and its last word when that is capitalised (a surname)."""
    words = text.split()
    return [text.lower()] + ([words[-1].lower()] if words and words[-1][:1].isupper() else [])


def resolve_implied(cands: list[Candidate]) -> list[Candidate]:
    """'Two towers were attacked in X': an unnamed perpetrator is the one the article names for an action of
    the same type (the nearest before, else the first after). A verb telling of other victims stays a distinct
    event; a noun ('the killing') or the same victims are the named event told again."""
    types = {t for t, spec in load_lexicon().implied_actors.items() if spec.get("from_article")}
    named = [c for c in cands if c.event_type in types and not implied(c)]
    for cand in cands:
        victims = roles(cand.recipient)
        same = [c for c in named if c.event_type == cand.event_type and not roles(c.actor) & victims]
        if not implied(cand) or not same:
            continue
        before = [c for c in same if c.sent_start <= cand.sent_start]
        source = before[-1] if before else same[0]
        cand.actor = [replace(e, source="coreference") for e in source.actor]
        cand.rule = cand.rule.replace(":implied-actor", ":article-actor")
        cand.inferred = cand.rule.startswith("verb:") and not texts(cand.recipient) & texts(source.recipient)
    return cands


def roles(entities: list[Entity]) -> set[tuple]:
    return {(e.country, e.sector) for e in entities}


def texts(entities: list[Entity]) -> set[str]:
    """Who the entities are, by name where known ('the councilor' is the councillor named before)."""
    return {(e.name or e.text).lower() for e in entities}


def as_suspects(cand: Candidate, sentence: Span) -> None:
    """People arrested, charged or convicted are criminals (CRM) when the text gives them no role; plain civilians
    only when the sentence speaks of a crime ('48 people for fuel theft', not '1,300 protesters and passers-by')."""
    lex = load_lexicon()
    if "/".join([cand.event_type] + cand.mode[:1]) not in lex.suspect_events:
        return
    crime = any(t.lemma_.lower() in lex.crime_words for t in sentence)
    for ent in cand.recipient:
        if ent.sector is None or (ent.sector == "CVL" and crime):
            ent.sector = "CRM"


def as_enforcers(cand: Candidate) -> None:
    """'Authorities arrested 48 people': words naming the state in general act as police in arrests, raids and
    clashes, and men who attack are unidentified armed men (the sector such words take by event type)."""
    by_type = load_lexicon().sector_by_type
    for ent in cand.actor:
        word = next((w for w in ent.text.lower().strip("[]").split() if w in by_type), None)
        ent.sector = by_type[word].get(cand.event_type, ent.sector) if word else ent.sector


def implied(cand: Candidate) -> bool:
    """The actor is a placeholder for an unnamed perpetrator ('[unidentified attackers]')."""
    return any(e.source == "default" and e.text.startswith("[") for e in cand.actor)
