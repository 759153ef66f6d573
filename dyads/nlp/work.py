"""The scratch state that dyads components share on one Doc while it is being coded."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from dyads.schema import Entity, Location


@dataclass
class Candidate:
    """An event found by the events component, filled in by the later components."""

    event_type: str
    mode: list[str]
    trigger: int  # token index of the trigger word
    sent_start: int  # token index where the evidence sentence starts
    sent_end: int
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    actor_heads: list[int] = field(default_factory=list)  # token indices of the actor phrases
    recipient_heads: list[int] = field(default_factory=list)
    aux: list[str] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    magnitude: dict[str, Any] = field(default_factory=dict)
    context: list[str] = field(default_factory=list)  # PLOVER contexts, best first
    rule: str = ""
    confidence: float = 0.5
    inferred: bool = False  # the actor is taken from another event of the article, not from this sentence


@dataclass
class Work:
    """Per-Doc scratch: article metadata, actor memory and candidate events."""

    meta: dict[str, Any] = field(default_factory=dict)
    country: str | None = None  # the article's main country (ISO3), used for generic agents
    memory: dict[str, Entity] = field(default_factory=dict)  # name/alias -> entity seen earlier
    candidates: list[Candidate] = field(default_factory=list)


def work_of(doc: Doc) -> Work:
    """The Doc's scratch state, created on first use from the article context."""
    work = doc._.dyads_work
    if work is None:
        meta = getattr(doc, "_context", None) or {}
        work = Work(meta=dict(meta) if isinstance(meta, dict) else {})
        doc._.dyads_work = work
    return work


if not Doc.has_extension("dyads_work"):
    Doc.set_extension("dyads_work", default=None)
if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)
