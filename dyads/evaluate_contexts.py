"""Scores PLOVER contexts against labelled texts: micro precision, recall and F1, overall and per context.

A labelled file has one JSON object a line: {"text": ..., "date": optional ISO date, "contexts": [...]}.
Each text goes through the full pipeline. Where it yields events (left out: negated and hypothetical, as
in the outputs), its prediction is the union of its events' contexts: what dyads really records. Where it
yields none, the prediction is what the contexts component gives the whole text without an event (cues and
article only), so texts without events still count; the two groups are also scored apart.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from dyads.nlp.pipeline import load_pipeline
from dyads.schema import Article, Event


@dataclass
class Counts:
    """True positives, false positives and false negatives of a slice."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], pred: set[str]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def prf(self) -> tuple[float, float, float]:
        """(precision, recall, F1); 0.0 where undefined."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def to_dict(self) -> dict:
        p, r, f = self.prf()
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(p, 4), "recall": round(r, 4),
                "f1": round(f, 4)}


@dataclass
class ContextReport:
    """Scores of one labelled file: all texts, texts with events, texts without, and per context."""

    texts: dict[str, int] = field(default_factory=Counter)
    slices: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in ("all", "events", "no_events")})
    per_context: dict[str, Counts] = field(default_factory=dict)
    mistakes: list[dict] = field(default_factory=list)

    def add(self, text: str, gold: set[str], pred: set[str], has_events: bool) -> None:
        group = "events" if has_events else "no_events"
        self.texts["all"] += 1
        self.texts[group] += 1
        for name in ("all", group):
            self.slices[name].add(gold, pred)
        for context in gold | pred:
            self.per_context.setdefault(context, Counts()).add(gold & {context}, pred & {context})
        if gold != pred:
            self.mistakes.append({"text": text, "gold": sorted(gold), "pred": sorted(pred), "events": has_events})

    def to_dict(self) -> dict:
        return {"texts": dict(self.texts), **{k: v.to_dict() for k, v in self.slices.items()},
                "per_context": {k: v.to_dict() for k, v in sorted(self.per_context.items())},
                "mistakes": self.mistakes}


def load_labelled(path: Path) -> list[dict]:
    """The labelled texts of a JSONL file (blank lines skipped)."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate_contexts(path: Path) -> ContextReport:
    """Code every labelled text and score the contexts dyads gives it."""
    nlp = load_pipeline(None)
    coder = nlp.get_pipe("dyads_contexts")
    items = load_labelled(path)
    articles = [Article(text=item["text"], published=item.get("date")) for item in items]
    report = ContextReport()
    docs = nlp.pipe(((a.text, a.context()) for a in articles), as_tuples=True)
    for item, (doc, _) in zip(items, docs):
        events = [e for e in map(Event.from_dict, doc._.events or []) if not e.excluded_by_default]
        if events:
            pred = {c for e in events for c in e.context}
        else:
            cues = coder.cues(doc)
            pred = set(coder.contexts_for(doc[:], cues, None, coder.article_contexts(doc, cues)))
        report.add(item["text"], set(item["contexts"]), pred, bool(events))
    return report


def print_context_report(report: ContextReport, console: Console) -> None:
    """The scores as two tables: the slices, then each context."""
    table = Table(title="contexts (micro)")
    for name in ("slice", "texts", "tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(name, justify="left" if name == "slice" else "right")
    for name, counts in report.slices.items():
        p, r, f = counts.prf()
        table.add_row(name, str(report.texts[name]), str(counts.tp), str(counts.fp), str(counts.fn),
                      f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    console.print(table)
    per = Table(title="per context")
    for name in ("context", "tp", "fp", "fn", "P", "R", "F1"):
        per.add_column(name, justify="left" if name == "context" else "right")
    for context, counts in sorted(report.per_context.items(), key=lambda kv: kv[1].prf()[2]):
        p, r, f = counts.prf()
        per.add_row(context, str(counts.tp), str(counts.fp), str(counts.fn), f"{p:.2f}", f"{r:.2f}", f"{f:.2f}")
    console.print(per)
