"""Loads the event trigger lexicon (dyads/data/triggers.yml) into lookup tables."""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Trigger:
    """What a trigger word means: PLOVER type, modes and frame flags."""

    event_type: str
    modes: tuple[str, ...]
    flags: frozenset[str]
    lemma: str


@dataclass(frozen=True)
class Lexicon:
    """The sections of triggers.yml, each under its own name (see the comments there)."""

    verbs: dict[str, Trigger]
    phrases: dict[str, Trigger]
    nouns: dict[str, Trigger]
    light_verbs: frozenset[str]
    complement_modes: dict[str, str]
    implied_actors: dict[str, dict[str, str]]
    speech_verbs: frozenset[str]
    accusation_cues: frozenset[str]
    obligation_modals: frozenset[str]
    requested_type_modes: dict[str, str]
    recode_by_sector: dict[str, dict[str, dict[str, str]]]  # side (actor/recipient) -> type/mode -> sector -> new
    carrier_nouns: frozenset[str]
    threatened_modes: dict[str, str]
    countering_words: frozenset[str]
    suspect_events: frozenset[str]
    statistic_words: frozenset[str]
    instruments: frozenset[str]
    sector_by_type: dict[str, dict[str, str]]
    place_nouns: frozenset[str]
    incident_nouns: frozenset[str]
    crime_words: frozenset[str]
    participation_words: frozenset[str]
    generic_verbs: frozenset[str]
    ownership_words: frozenset[str]


def parse_entry(lemma: str, spec: str) -> Trigger:
    """'ASSAULT/destroy+primitive sym' -> Trigger."""
    head, *flags = spec.split()
    event_type, _, modes = head.partition("/")
    return Trigger(event_type, tuple(m for m in modes.split("+") if m), frozenset(flags), lemma)


def _table(raw: dict[str, Any], key: str) -> dict[str, Trigger]:
    return {lemma: parse_entry(lemma, spec) for lemma, spec in (raw.get(key) or {}).items()}


TRIGGER_TABLES = ("verbs", "phrases", "nouns")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The trigger lexicon, read once: trigger tables, word sets (YAML lists) and mappings (YAML maps)."""
    raw = yaml.safe_load((DATA / "triggers.yml").read_text(encoding="utf-8"))
    values: dict[str, Any] = {}
    for item in fields(Lexicon):
        if item.name in TRIGGER_TABLES:
            values[item.name] = _table(raw, item.name)
        elif str(item.type).startswith("frozenset"):
            values[item.name] = frozenset(raw.get(item.name) or ())
        else:
            values[item.name] = dict(raw.get(item.name) or {})
    return Lexicon(**values)
