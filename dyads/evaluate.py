"""Scores system events against hand-coded gold articles, as CODING.md "How a system is scored" says."""
from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from dyads.schema import Article, Entity, Event, normalise_text

EARTH_RADIUS_KM = 6371.0
NEAR_KM = 50.0
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Tally:
    """Event counts of one slice (all, one type, one article) at type and dyad level."""

    gold: int = 0
    pred: int = 0
    type_matched: int = 0
    dyad_matched: int = 0

    def add(self, other: "Tally") -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.type_matched += other.type_matched
        self.dyad_matched += other.dyad_matched

    def prf(self, level: str) -> tuple[float, float, float]:
        """(precision, recall, F1) at `level` ("type" or "dyad"); 0.0 where undefined."""
        matched = self.type_matched if level == "type" else self.dyad_matched
        p = matched / self.pred if self.pred else 0.0
        r = matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Accuracy:
    """Right answers among the scored cases."""

    right: int = 0
    total: int = 0

    def score(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class ArticleScore:
    """One article's events, their one-to-one matching and what was missed or spurious."""

    id: str
    gold: list[Event]
    pred: list[Event]
    pairs: list[tuple[int, int]]  # (gold index, pred index), all of the same event_type

    def tally(self) -> Tally:
        dyads = sum(dyad_match(self.gold[g], self.pred[p]) for g, p in self.pairs)
        return Tally(len(self.gold), len(self.pred), len(self.pairs), dyads)

    def by_type(self) -> dict[str, Tally]:
        """The article's tally split by event type (pairs never cross types)."""
        tallies: dict[str, Tally] = {}
        for e in self.gold:
            tallies.setdefault(e.event_type, Tally()).gold += 1
        for e in self.pred:
            tallies.setdefault(e.event_type, Tally()).pred += 1
        for g, p in self.pairs:
            t = tallies[self.gold[g].event_type]
            t.type_matched += 1
            t.dyad_matched += dyad_match(self.gold[g], self.pred[p])
        return tallies

    def dyad_pairs(self) -> list[tuple[Event, Event]]:
        return [(self.gold[g], self.pred[p]) for g, p in self.pairs if dyad_match(self.gold[g], self.pred[p])]

    def summary(self) -> dict[str, Any]:
        """Counts plus short descriptions of gold events not dyad-matched and system events not dyad-matched."""
        dyad = {(g, p) for g, p in self.pairs if dyad_match(self.gold[g], self.pred[p])}
        hit_gold, hit_pred = {g for g, _ in dyad}, {p for _, p in dyad}
        return {"id": self.id, **asdict(self.tally()),
                "missed": [describe(e) for i, e in enumerate(self.gold) if i not in hit_gold],
                "spurious": [describe(e) for i, e in enumerate(self.pred) if i not in hit_pred]}


@dataclass
class Report:
    """All figures of one evaluation."""

    articles: list[ArticleScore]
    total: Tally = field(default_factory=Tally)
    by_type: dict[str, Tally] = field(default_factory=dict)
    sector: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)
    location: Accuracy = field(default_factory=Accuracy)
    location_near: Accuracy = field(default_factory=Accuracy)
    no_event_articles: int = 0
    no_event_articles_coded: int = 0  # of those, articles the system coded events from
    no_event_false_positives: int = 0
    unknown_article_events: int = 0  # system events whose article_id is not in the gold
    by_file: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # article id -> why the pipeline failed on it

    def headline(self) -> dict[str, Any]:
        """The figures the floors and the summary use."""
        dp, dr, df = self.total.prf("dyad")
        tp, tr, tf = self.total.prf("type")
        return {"articles": len(self.articles), "gold_events": self.total.gold, "pred_events": self.total.pred,
                "dyad_precision": dp, "dyad_recall": dr, "dyad_f1": df,
                "type_precision": tp, "type_recall": tr, "type_f1": tf,
                "sector_accuracy": self.sector.value, "date_accuracy": self.date.value,
                "location_accuracy": self.location.value, "location_50km_accuracy": self.location_near.value}

    def to_dict(self) -> dict[str, Any]:
        return {**self.headline(),
                "accuracy_counts": {k: asdict(getattr(self, k)) for k in ("sector", "date", "location", "location_near")},
                "no_event_articles": {"articles": self.no_event_articles, "coded": self.no_event_articles_coded,
                                      "false_positives": self.no_event_false_positives},
                "unknown_article_events": self.unknown_article_events,
                "errors": self.errors,
                "by_type": {t: {**asdict(c), **_prf_dict(c)} for t, c in sorted(self.by_type.items())},
                "by_file": self.by_file,
                "per_article": [a.summary() for a in self.articles]}


def _prf_dict(tally: Tally) -> dict[str, float]:
    dp, dr, df = tally.prf("dyad")
    return {"dyad_precision": dp, "dyad_recall": dr, "dyad_f1": df, "type_f1": tally.prf("type")[2]}


def countries(entities: list[Entity]) -> set[str]:
    return {e.country for e in entities if e.country}


def sides_agree(gold: list[Entity], pred: list[Entity]) -> bool:
    """Country sets intersect, or both are empty."""
    g, p = countries(gold), countries(pred)
    return bool(g & p) if g or p else True


def dyad_match(gold: Event, pred: Event) -> bool:
    """Same type, actor countries agree and recipient countries agree."""
    return (gold.event_type == pred.event_type and sides_agree(gold.actor, pred.actor)
            and sides_agree(gold.recipient, pred.recipient))


def words(sentence: str | None) -> set[str]:
    return set(re.findall(r"\w+", normalise_text(sentence or "").lower()))


def evidence_overlap(gold: Event, pred: Event) -> float:
    """Jaccard overlap of the words of the two evidence sentences."""
    g, p = words(gold.evidence.get("sentence")), words(pred.evidence.get("sentence"))
    return len(g & p) / len(g | p) if g | p else 0.0


def pair_rank(gold: Event, pred: Event) -> tuple[int, float, int]:
    """How good a same-type pair is: dyad match first, then evidence overlap, then agreeing modes."""
    modes_agree = set(gold.mode) == set(pred.mode) or bool(set(gold.mode) & set(pred.mode))
    return int(dyad_match(gold, pred)), evidence_overlap(gold, pred), int(modes_agree)


def match_events(gold: list[Event], pred: list[Event]) -> list[tuple[int, int]]:
    """One-to-one greedy matching of same-type events, best pairs first."""
    candidates = [(pair_rank(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                  if g.event_type == p.event_type]
    candidates.sort(key=lambda c: (tuple(-x for x in c[0]), c[1], c[2]))
    used_gold, used_pred, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def sectors(entities: list[Entity]) -> set[str]:
    return {e.sector for e in entities if e.sector}


def score_attributes(report: Report, gold: Event, pred: Event) -> None:
    """Adds one dyad-matched pair to the sector, date and location accuracies.

    Sector: each side (actor, recipient) whose gold entities carry a sector is one case, right when the system's
    primary sectors on that side intersect the gold ones. Date: cases where gold gives a day, right on the same day.
    Location: cases where gold gives a country, right on the same country; and where gold gives coordinates, right
    when the system's place is within 50 km.
    """
    for g_side, p_side in ((gold.actor, pred.actor), (gold.recipient, pred.recipient)):
        if sectors(g_side):
            report.sector.score(bool(sectors(g_side) & sectors(p_side)))
    if gold.date and DAY.match(gold.date):
        report.date.score((pred.date or "")[:10] == gold.date)
    g_loc, p_loc = gold.location, pred.location
    if g_loc and g_loc.country:
        report.location.score(bool(p_loc and p_loc.country == g_loc.country))
    if g_loc and g_loc.lat is not None and g_loc.lon is not None:
        near = bool(p_loc and p_loc.lat is not None and p_loc.lon is not None
                    and haversine_km(g_loc.lat, g_loc.lon, p_loc.lat, p_loc.lon) <= NEAR_KM)
        report.location_near.score(near)


def scored_events(events: Iterable[Event]) -> list[Event]:
    """Events that count: negated and hypothetical ones are left out."""
    return [e for e in events if not e.excluded_by_default]


def gold_events(article: dict[str, Any]) -> list[Event]:
    return scored_events(Event.from_dict(d) for d in article.get("events") or [])


def score(gold: list[dict[str, Any]], predictions: dict[str, list[Event]]) -> Report:
    """Scores system events (by article id) against gold articles, micro-averaged over the articles."""
    known = {a["id"] for a in gold}
    report = Report(articles=[], unknown_article_events=sum(
        len(scored_events(evs)) for aid, evs in predictions.items() if aid not in known))
    for article in gold:
        g, p = gold_events(article), scored_events(predictions.get(article["id"], []))
        result = ArticleScore(article["id"], g, p, match_events(g, p))
        report.articles.append(result)
        report.total.add(result.tally())
        for event_type, tally in result.by_type().items():
            report.by_type.setdefault(event_type, Tally()).add(tally)
        for pair in result.dyad_pairs():
            score_attributes(report, *pair)
        if not article.get("events"):
            report.no_event_articles += 1
            report.no_event_articles_coded += int(bool(p))
            report.no_event_false_positives += len(p)
    return report


def load_gold(paths: Iterable[Path | str]) -> dict[str, list[dict[str, Any]]]:
    """Gold articles of each file, by file path."""
    return {str(path): [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
                        if line.strip()] for path in paths}


def load_predictions(path: Path | str) -> dict[str, list[Event]]:
    """System event lines grouped by their `article_id`."""
    grouped: dict[str, list[Event]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            event = Event.from_dict(json.loads(line))
            grouped.setdefault(event.article_id or "", []).append(event)
    return grouped


def gold_article(record: dict[str, Any]) -> Article:
    """The gold record as the article the coder sees (text, title, publication date, language)."""
    return Article(id=record["id"], text=record["text"], title=record.get("title") or "",
                   published=record.get("date"), language=record.get("language") or "en")


def code_gold(gold: list[dict[str, Any]], n_process: int = 1) -> tuple[dict[str, list[Event]], dict[str, str]]:
    """Codes the gold texts with the dyads pipeline: (system events by article id, errors by article id).

    An article the pipeline fails on has no events (its gold events count as missed) and is named in the errors.
    """
    from dyads.runners.local import code_articles
    errors: dict[str, str] = {}
    coded = code_articles([gold_article(r) for r in gold], n_process,
                          on_error=lambda article, message: errors.__setitem__(article.article_id, message))
    return {a.article_id: events for a, events in coded}, errors


def evaluate(paths: Iterable[Path | str], pred: Path | str | None = None, n_process: int = 1) -> Report:
    """Scores the gold files together (with each file's headline figures), coding the texts unless `pred` is given."""
    by_file = load_gold(paths)
    everything = [a for articles in by_file.values() for a in articles]
    predictions, errors = (load_predictions(pred), {}) if pred else code_gold(everything, n_process)
    report = score(everything, predictions)
    report.errors = errors
    if len(by_file) > 1:
        report.by_file = {name: score(articles, predictions).headline() for name, articles in by_file.items()}
    return report


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _acc(acc: Accuracy) -> str:
    return f"{_pct(acc.value)}% ({acc.right}/{acc.total})"


def print_report(report: Report, console: Console) -> None:
    """A readable summary: headline figures, attribute accuracies, per-type table, no-event articles."""
    h = report.headline()
    summary = Table(title=f"dyads evaluate: {h['articles']} articles, {h['gold_events']} gold events, "
                          f"{h['pred_events']} system events", box=box.SIMPLE_HEAD)
    for col in ("level", "matched", "precision", "recall", "F1"):
        summary.add_column(col, justify="right" if col != "level" else "left")
    for level, matched in (("dyad (headline)", report.total.dyad_matched), ("type", report.total.type_matched)):
        p, r, f = report.total.prf(level.split()[0])
        summary.add_row(level, str(matched), _pct(p), _pct(r), _pct(f))
    console.print(summary)
    console.print(f"Among dyad matches: sector {_acc(report.sector)}, date {_acc(report.date)}, "
                  f"location country {_acc(report.location)}, within {NEAR_KM:.0f} km {_acc(report.location_near)}")
    console.print(f"No-event articles: {report.no_event_articles}, coded with events: {report.no_event_articles_coded}, "
                  f"false positives there: {report.no_event_false_positives}")
    if report.errors:
        first = next(iter(report.errors.items()))
        console.print(f"[red]The pipeline failed on {len(report.errors)} articles (scored as coding nothing), "
                      f"first {first[0]}: {first[1]}")
    if report.unknown_article_events:
        console.print(f"[yellow]{report.unknown_article_events} system events name articles not in the gold (ignored)")
    console.print(type_table(report))
    if report.by_file:
        console.print(file_table(report))


def type_table(report: Report) -> Table:
    """Per-type counts with dyad-level P/R/F1 and type-level F1."""
    table = Table(title="per event type (m: matched; P, R, F1 at dyad level)", box=box.SIMPLE_HEAD)
    for col in ("type", "gold", "pred", "type m", "dyad m", "P", "R", "F1", "type F1"):
        table.add_column(col, justify="left" if col == "type" else "right", no_wrap=col == "type")
    for event_type, t in sorted(report.by_type.items()):
        figures = _prf_dict(t)
        table.add_row(event_type, str(t.gold), str(t.pred), str(t.type_matched), str(t.dyad_matched),
                      *(_pct(figures[k]) for k in ("dyad_precision", "dyad_recall", "dyad_f1", "type_f1")))
    return table


def file_table(report: Report) -> Table:
    """Headline figures of each gold file."""
    table = Table(title="per gold file", box=box.SIMPLE_HEAD)
    for col in ("file", "docs", "gold", "pred", "dyad P", "dyad R", "dyad F1", "type F1", "sector"):
        table.add_column(col, justify="left" if col == "file" else "right", no_wrap=col == "file")
    for name, h in report.by_file.items():
        table.add_row(Path(name).stem, str(h["articles"]), str(h["gold_events"]), str(h["pred_events"]),
                      *(_pct(h[k]) for k in ("dyad_precision", "dyad_recall", "dyad_f1", "type_f1", "sector_accuracy")))
    return table


def describe(event: Event) -> str:
    """One line naming an event: type, modes, actor and recipient countries, start of the evidence."""
    modes = f"[{','.join(event.mode)}]" if event.mode else ""
    a, r = ",".join(sorted(countries(event.actor))) or "-", ",".join(sorted(countries(event.recipient))) or "-"
    return f"{event.event_type}{modes} {a}>{r}: {normalise_text(event.evidence.get('sentence') or '')[:90]}"
