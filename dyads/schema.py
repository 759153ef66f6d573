"""Article, Entity, Location and Event records (CODING.md) with their JSON form."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any


def normalise_text(text: str) -> str:
    """Text as used for the article key: NFC, unified spaces and quotes, trimmed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


def article_key(text: str) -> str:
    """Stable article id: hash of the normalised text."""
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One news text to code; the only thing sources produce."""

    text: str
    title: str = ""
    id: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD, or None when unknown
    language: str = "en"
    source: str | None = None  # file path (and line) it came from

    @property
    def key(self) -> str:
        return article_key(self.text)

    @property
    def article_id(self) -> str:
        return self.id or self.key

    def context(self) -> dict[str, Any]:
        """What the NLP components need to know of the article (travels with the Doc)."""
        return {"article_id": self.article_id, "key": self.key, "published": self.published,
                "title": self.title, "url": self.url}


@dataclass
class Entity:
    """An actor or recipient: the words in the text, resolved to country and sector."""

    text: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None  # canonical name where known
    other_sectors: list[str] = field(default_factory=list)
    source: str = "text"  # text | dictionary | coreference | default

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


@dataclass
class Location:
    """Where an event happened."""

    text: str
    country: str | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    geonameid: int | None = None
    level: str | None = None  # place | admin1 | country

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Location | None":
        if not d:
            return None
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


@dataclass
class Event:
    """One actor doing one PLOVER action, optionally to a recipient (CODING.md system record)."""

    event_type: str
    mode: list[str] = field(default_factory=list)
    aux: list[str] = field(default_factory=list)
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None  # day | month | year
    location: Location | None = None
    magnitude: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)  # sentence, start, end
    context: list[str] = field(default_factory=list)
    quad: str | None = None
    plover_score: float | None = None
    cameo: str | None = None
    goldstein: float | None = None
    confidence: float = 0.5
    rule: str | None = None
    trigger: str | None = None
    article_id: str | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["location"] = self.location.to_dict() if self.location else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        kw = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        kw["actor"] = [Entity.from_dict(e) for e in d.get("actor") or []]
        kw["recipient"] = [Entity.from_dict(e) for e in d.get("recipient") or []]
        kw["location"] = Location.from_dict(d.get("location"))
        return cls(**kw)

    @property
    def excluded_by_default(self) -> bool:
        """Negated and hypothetical events are stored but left out of outputs and scoring."""
        return bool({"negation", "hypothetical"} & set(self.aux))

    def event_key(self) -> str:
        """Idempotency key: article + evidence span + type, mode and the two sides (two events of one type in a
        sentence stay two)."""
        ev = self.evidence

        def side(entities: list[Entity]) -> str:
            return ",".join(sorted(f"{e.country or ''}:{e.text}" for e in entities))
        raw = f"{self.article_id}|{ev.get('start')}|{ev.get('end')}|{self.event_type}|{','.join(self.mode)}|" \
              f"{side(self.actor)}>{side(self.recipient)}"
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
