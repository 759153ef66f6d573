"""Loads the event trigger lexicon (dyads/data/triggers.yml) into lookup tables."""
from __future__ import annotations

from dataclasses import dataclass
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


def parse_entry(lemma: str, spec: str) -> Trigger:
    """'ASSAULT/destroy+primitive sym' -> Trigger."""
    head, *flags = spec.split()
    event_type, _, modes = head.partition("/")
    return Trigger(event_type, tuple(m for m in modes.split("+") if m), frozenset(flags), lemma)


def _table(raw: dict[str, Any], key: str) -> dict[str, Trigger]:
    return {lemma: parse_entry(lemma, spec) for lemma, spec in (raw.get(key) or {}).items()}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The trigger lexicon, read once."""
    raw = yaml.safe_load((DATA / "triggers.yml").read_text(encoding="utf-8"))
    return Lexicon(verbs=_table(raw, "verbs"), phrases=_table(raw, "phrases"), nouns=_table(raw, "nouns"),
                   light_verbs=frozenset(raw.get("light_verbs") or ()),
                   complement_modes=dict(raw.get("complement_modes") or {}),
                   implied_actors=dict(raw.get("implied_actors") or {}),
                   speech_verbs=frozenset(raw.get("speech_verbs") or ()),
                   accusation_cues=frozenset(raw.get("accusation_cues") or ()),
                   obligation_modals=frozenset(raw.get("obligation_modals") or ()),
                   requested_type_modes=dict(raw.get("requested_type_modes") or {}),
                   recode_by_sector=dict(raw.get("recode_by_sector") or {}),
                   carrier_nouns=frozenset(raw.get("carrier_nouns") or ()),
                   threatened_modes=dict(raw.get("threatened_modes") or {}),
                   countering_words=frozenset(raw.get("countering_words") or ()),
                   suspect_events=frozenset(raw.get("suspect_events") or ()),
                   statistic_words=frozenset(raw.get("statistic_words") or ()),
                   instruments=frozenset(raw.get("instruments") or ()),
                   sector_by_type=dict(raw.get("sector_by_type") or {}),
                   place_nouns=frozenset(raw.get("place_nouns") or ()))
