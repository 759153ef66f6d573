"""The PLOVER ontology tables (types, modes, quads, scores, contexts, sectors) and the CAMEO/Goldstein mapping."""
from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


def _plover() -> dict:
    return yaml.safe_load((DATA / "plover.yml").read_text(encoding="utf-8"))


def _cameo() -> dict[tuple[str, str], tuple[str, float]]:
    with open(DATA / "cameo.csv", newline="", encoding="utf-8") as f:
        return {(r["event_type"], r["mode"]): (r["cameo"], float(r["goldstein"])) for r in csv.DictReader(f)}


_TABLES = _plover()
_CAMEO = _cameo()

TYPES: dict[str, tuple[str, ...]] = {t: tuple(spec["modes"]) for t, spec in _TABLES["types"].items()}
QUADS: dict[str, int] = {name: spec["code"] for name, spec in _TABLES["quads"].items()}
CONTEXTS: tuple[str, ...] = tuple(_TABLES["contexts"])
SECTORS: dict[str, str] = dict(_TABLES["sectors"])
NONSTATE: dict[str, str] = dict(_TABLES["nonstate"])
AUX: tuple[str, ...] = tuple(_TABLES["aux"])
_QUAD_OF = {t: name for name, spec in _TABLES["quads"].items() for t in spec["types"]}


def _as_modes(modes: str | Iterable[str] | None) -> list[str]:
    if modes is None:
        return []
    return [modes] if isinstance(modes, str) else list(modes)


def is_valid(event_type: str, mode: str | None = None) -> bool:
    """True for a PLOVER type, and for a mode that belongs to that type (None/"" = no mode)."""
    return event_type in TYPES and (not mode or mode in TYPES[event_type])


def quad(event_type: str) -> str | None:
    """The quad category name ("verbal cooperation" ... "material conflict"), None for an unknown type."""
    return _QUAD_OF.get(event_type)


def quad_code(event_type: str) -> int | None:
    """The PLOVER numeric quad code 1-4, None for an unknown type."""
    name = quad(event_type)
    return QUADS[name] if name else None


def plover_score(event_type: str, modes: str | Iterable[str] | None = None) -> float | None:
    """PLOVER conflict-cooperation score: of the first mode the manual scores, else of the type; None if invalid."""
    modes = _as_modes(modes)
    if not all(is_valid(event_type, m) for m in modes) or event_type not in TYPES:
        return None
    scores = _TABLES["types"][event_type]["modes"]
    for mode in modes:
        if scores[mode] is not None:
            return float(scores[mode])
    return float(_TABLES["types"][event_type]["score"])


def cameo_for(event_type: str, modes: str | Iterable[str] | None = None) -> tuple[str, float] | None:
    """(CAMEO code, Goldstein score) most representative of the type and its first mode; None if invalid."""
    modes = _as_modes(modes)
    if event_type not in TYPES or not all(is_valid(event_type, m) for m in modes):
        return None
    return _CAMEO[(event_type, modes[0] if modes else "")]
