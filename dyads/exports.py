"""Writes events out: JSONL system records, flat CSV and Parquet files, and rich tables for the terminal."""
from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq
from rich.table import Table
from rich.text import Text

from dyads.schema import Entity, Event

MAGNITUDES = ("dead", "injured", "arrested", "size")
FLAT_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("id", pa.string()), ("article_id", pa.string()), ("event_type", pa.string()), ("mode", pa.string()),
    ("aux", pa.string()),
    ("actor", pa.string()), ("actor_country", pa.string()), ("actor_sector", pa.string()),
    ("recipient", pa.string()), ("recipient_country", pa.string()), ("recipient_sector", pa.string()),
    ("date", pa.string()), ("date_precision", pa.string()),
    ("location_text", pa.string()), ("location_country", pa.string()), ("location_name", pa.string()),
    ("location_admin1", pa.string()), ("location_lat", pa.float64()), ("location_lon", pa.float64()),
    ("location_geonameid", pa.int64()), ("location_level", pa.string()),
    *((f"magnitude_{k}", pa.float64()) for k in MAGNITUDES), ("magnitude", pa.string()),
    ("context", pa.string()), ("quad", pa.string()), ("plover_score", pa.float64()), ("cameo", pa.string()),
    ("goldstein", pa.float64()), ("confidence", pa.float64()), ("rule", pa.string()), ("trigger", pa.string()),
    ("evidence_sentence", pa.string()), ("evidence_start", pa.int64()), ("evidence_end", pa.int64()),
)
PARQUET_CHUNK = 5000


class ExportError(ValueError):
    """The output path cannot be written in a known format."""


def entity_text(entity: Entity) -> str:
    """`text|country|sector` of one actor or recipient."""
    return f"{' '.join(entity.text.split())}|{entity.country or ''}|{entity.sector or ''}"


def flat_row(event: Event) -> dict[str, Any]:
    """One event as a flat row: lists `;`-joined, entities as text|country|sector, location and evidence split."""
    loc = event.location
    ev = event.evidence or {}
    row: dict[str, Any] = {
        "id": event.id, "article_id": event.article_id, "event_type": event.event_type,
        "mode": ";".join(event.mode), "aux": ";".join(event.aux),
        "date": event.date, "date_precision": event.date_precision,
        "location_text": loc.text if loc else None, "location_country": loc.country if loc else None,
        "location_name": loc.name if loc else None, "location_admin1": loc.admin1 if loc else None,
        "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
        "location_geonameid": loc.geonameid if loc else None, "location_level": loc.level if loc else None,
        "magnitude": json.dumps(event.magnitude, ensure_ascii=False) if event.magnitude else None,
        "context": ";".join(event.context), "quad": event.quad, "plover_score": event.plover_score,
        "cameo": event.cameo, "goldstein": event.goldstein, "confidence": event.confidence, "rule": event.rule,
        "trigger": event.trigger, "evidence_sentence": ev.get("sentence"), "evidence_start": ev.get("start"),
        "evidence_end": ev.get("end"),
    }
    for side in ("actor", "recipient"):
        entities = getattr(event, side)
        row[side] = ";".join(entity_text(e) for e in entities)
        row[f"{side}_country"] = ";".join(e.country or "" for e in entities)
        row[f"{side}_sector"] = ";".join(e.sector or "" for e in entities)
    for key in MAGNITUDES:
        row[f"magnitude_{key}"] = _number(event.magnitude.get(key))
    return row


def _number(value: Any) -> float | None:
    """A magnitude as a number, or None when it is not one."""
    try:
        return float(str(value).replace(",", "")) if value is not None else None
    except ValueError:
        return None


def write_jsonl(events: Iterable[Event], fh: TextIO) -> int:
    """One CODING.md system record per line; the number written."""
    n = 0
    for n, event in enumerate(events, start=1):
        fh.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    return n


def write_csv(events: Iterable[Event], fh: TextIO) -> int:
    """Flat rows with a header line; the number written."""
    writer = csv.DictWriter(fh, fieldnames=[name for name, _ in FLAT_COLUMNS])
    writer.writeheader()
    n = 0
    for n, event in enumerate(events, start=1):
        writer.writerow(flat_row(event))
    return n


def write_parquet(events: Iterable[Event], path: Path) -> int:
    """Flat typed rows, written in chunks; the number written."""
    schema = pa.schema([pa.field(name, kind) for name, kind in FLAT_COLUMNS])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        rows = (flat_row(e) for e in events)
        while chunk := list(islice(rows, PARQUET_CHUNK)):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


def _text_writer(write: Callable[[Iterable[Event], TextIO], int]) -> Callable[[Iterable[Event], Path], int]:
    def to_path(events: Iterable[Event], path: Path) -> int:
        with path.open("w", encoding="utf-8", newline="") as fh:
            return write(events, fh)
    return to_path


WRITERS: dict[str, Callable[[Iterable[Event], Path], int]] = {
    ".jsonl": _text_writer(write_jsonl), ".csv": _text_writer(write_csv), ".parquet": write_parquet,
}


def checked_output(path: Path) -> Path:
    """The output path, once its format is known and its folder exists (raises ExportError otherwise)."""
    if path.suffix.lower() not in WRITERS:
        raise ExportError(f"unknown output format '{path.suffix or path.name}' for {path} "
                          f"(use {', '.join(WRITERS)})")
    if not path.parent.resolve().is_dir():
        raise ExportError(f"folder {path.parent} does not exist (for output {path})")
    return path


def write_events(events: Iterable[Event], path: Path) -> int:
    """Write events to `path` in the format its extension names, replacing it only when complete."""
    checked_output(path)
    partial = path.with_name(path.name + ".part")
    try:
        n = WRITERS[path.suffix.lower()](events, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return n


def side_text(entities: list[Entity]) -> Text:
    """Actors or recipients for the terminal: text, then country/sector dimmed."""
    out = Text()
    for i, e in enumerate(entities):
        if i:
            out.append("; ")
        out.append(" ".join(e.text.split()))
        out.append(f" {e.country or '?'}/{e.sector or '?'}", style="dim")
    return out


def place_text(event: Event) -> str:
    loc = event.location
    if not loc:
        return ""
    return ", ".join(p for p in (loc.name or loc.text, loc.country) if p)


def snippet(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


def type_text(event: Event) -> Text:
    """TYPE (modes), with the aux tags and, below, the PLOVER contexts."""
    out = Text(event.event_type, style="bold")
    if event.mode:
        out.append(f" {','.join(event.mode)}")
    if event.aux:
        out.append(f" [{','.join(event.aux)}]", style="yellow" if event.excluded_by_default else "dim")
    if event.context:
        out.append(f"\n{', '.join(event.context)}", style="magenta")
    return out


def events_table(events: Iterable[Event], title: str | None = None) -> Table:
    """A readable table of events: type/mode, actor, recipient, date, place, evidence snippet."""
    table = Table(title=title)
    for name, least in (("type / mode", 10), ("actor", 10), ("recipient", 10), ("date", 10), ("place", 5),
                        ("evidence", 10)):
        table.add_column(name, min_width=least, no_wrap=name == "date")
    for e in events:
        table.add_row(type_text(e), side_text(e.actor), side_text(e.recipient), e.date or "", place_text(e),
                      snippet(e.evidence.get("sentence")))
    return table


def explained(event: Event) -> Iterator[Text]:
    """Lines explaining one event: what was coded, and why (trigger, rule, confidence, evidence)."""
    head = type_text(event)
    head.append("  ")
    head.append_text(side_text(event.actor) if event.actor else Text("(no actor)", style="dim"))
    head.append(" → ")
    head.append_text(side_text(event.recipient) if event.recipient else Text("(no recipient)", style="dim"))
    if event.date:
        head.append(f"  {event.date}")
    place = place_text(event)
    if place:
        head.append(f"  @ {place}")
    yield head
    why = Text("    trigger ", style="dim")
    why.append(repr(event.trigger or ""), style="cyan")
    why.append(" rule ", style="dim")
    why.append(event.rule or "?", style="cyan")
    why.append(" confidence ", style="dim")
    why.append(f"{event.confidence:.2f}", style="cyan")
    yield why
    yield Text(f"    “{snippet(event.evidence.get('sentence'), 160)}”", style="italic")
