"""Codes a stream of articles with the spaCy pipeline on local processes, yielding events per article."""
from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from dyads.nlp.pipeline import load_pipeline
from dyads.schema import Article, Event
from dyads.sources import Problem
from dyads.store import Store

STORE_BATCH = 32  # articles per store transaction: a killed run loses at most this much work
LOOKUP_CHUNK = 64  # articles checked against the store at once
OnError = Callable[[Article, str], None]
_FAILURES: dict[int, str] = {}  # sequence number -> error, filled by the pipeline's error handler


def default_processes() -> int:
    """All cores by default."""
    return max(1, os.cpu_count() or 1)


def planned_processes(articles: Iterable[Article], n_process: int,
                      batch_size: int) -> tuple[int, Iterator[Article]]:
    """Processes worth starting (1 for fewer than two batches per process; <= 0 means all cores) and the
    articles, unchanged, to code."""
    wanted = default_processes() if n_process <= 0 else n_process
    stream = iter(articles)
    if wanted == 1:
        return 1, stream
    head = list(itertools.islice(stream, 2 * batch_size * wanted))
    chosen = wanted if len(head) >= 2 * batch_size * wanted else 1
    return chosen, itertools.chain(head, stream)


def code_articles(articles: Iterable[Article], n_process: int = 1, batch_size: int = 8,
                  actors_file: str | None = None, on_error: OnError | None = None
                  ) -> Iterator[tuple[Article, list[Event]]]:
    """(article, events) for every article, streamed in input order through `nlp.pipe`.

    An article on which a pipeline component fails is not yielded; `on_error(article, message)` hears of it.
    """
    nlp = load_pipeline(actors_file)
    nlp.default_error_handler = _note_failure  # dyads components (plain functions) use it; spaCy's own do not
    n_process, stream = planned_processes(articles, n_process, batch_size)
    pending: dict[int, Article] = {}

    def contexts() -> Iterator[tuple[str, dict]]:
        for seq, article in enumerate(stream):
            pending[seq] = article
            yield article.text, {**article.context(), "seq": seq}

    for doc, context in nlp.pipe(contexts(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        seq = context["seq"]
        for lost in sorted(s for s in pending if s < seq):
            _report(pending.pop(lost), _FAILURES.pop(lost, "a pipeline component failed"), on_error)
        yield _events_of(doc, pending.pop(seq))
    for lost in sorted(pending):
        _report(pending.pop(lost), _FAILURES.pop(lost, "a pipeline component failed"), on_error)


def _events_of(doc: Doc, article: Article) -> tuple[Article, list[Event]]:
    """The article with the events its Doc carries, keyed for the store."""
    events = [Event.from_dict(d) for d in doc._.events or []]
    for event in events:
        event.article_id = article.article_id
        event.id = event.event_key()
    return article, events


def _note_failure(proc_name: str | None, proc: object, docs: list[Doc] | None, error: Exception) -> None:
    """spaCy error handler: drop the failing docs and remember why (visible in this process only)."""
    for doc in docs or []:
        context = getattr(doc, "_context", None) or {}
        if "seq" in context:
            _FAILURES[context["seq"]] = f"{proc_name}: {type(error).__name__}: {error}"


def _report(article: Article, message: str, on_error: OnError | None) -> None:
    if on_error is not None:
        on_error(article, message)


def code_batch(articles: list[Article], actors_file: str | None = None) -> list[Event]:
    """The unit of scale-out: all events of one batch of articles, coded in this process."""
    return [e for _, events in code_articles(articles, 1, actors_file=actors_file) for e in events]


@dataclass
class RunStats:
    """What one `dyads code` run did."""

    read: int = 0  # articles read (new or already stored)
    skipped: int = 0  # inputs that could not be read
    stored_before: int = 0  # articles already in the store (or repeated in the input): not re-coded
    coded: int = 0
    failed: int = 0  # articles a pipeline component failed on
    events: int = 0  # events of the coded articles, outputs' view
    left_out: int = 0  # negated/hypothetical events of the coded articles
    keys: list[str] = field(default_factory=list)  # keys of the articles read, in input order

    def summary(self, seconds: float) -> str:
        """The one-line summary that ends every run."""
        parts = [f"read {self.read}", f"skipped {self.skipped}", f"coded {self.coded}"]
        if self.stored_before:
            parts.append(f"already stored {self.stored_before}")
        if self.failed:
            parts.append(f"failed {self.failed}")
        events = f"events {self.events}"
        if self.left_out:
            events += f" (+{self.left_out} negated/hypothetical left out)"
        return " · ".join(parts + [events, f"{seconds:.1f} s"])


def code_into_store(items: Iterable[Article | Problem], store: Store, *, n_process: int = 0,
                    batch_size: int = 8, actors_file: str | None = None,
                    report: Callable[[Problem], None] = lambda p: None,
                    on_coded: Callable[[Article, list[Event]], None] = lambda a, e: None) -> RunStats:
    """Code the articles not yet in the store, committing every STORE_BATCH articles; the run's counts."""
    stats = RunStats()

    def failed(article: Article, message: str) -> None:
        stats.failed += 1
        report(Problem(article.source or article.article_id, f"coding failed ({message})"))

    fresh = _fresh_articles(items, store, stats, report)
    batch: list[tuple[Article, list[Event]]] = []
    for article, events in code_articles(fresh, n_process, batch_size, actors_file, on_error=failed):
        batch.append((article, events))
        stats.coded += 1
        kept = sum(not e.excluded_by_default for e in events)
        stats.events += kept
        stats.left_out += len(events) - kept
        on_coded(article, events)
        if len(batch) >= STORE_BATCH:
            store.add(batch)
            batch = []
    if batch:
        store.add(batch)
    return stats


def _fresh_articles(items: Iterable[Article | Problem], store: Store, stats: RunStats,
                    report: Callable[[Problem], None]) -> Iterator[Article]:
    """Articles neither stored nor seen earlier in this run; problems are reported and counted on the way."""
    seen: set[str] = set()
    chunk: list[Article] = []
    for item in itertools.chain(items, [None]):
        if isinstance(item, Problem):
            stats.skipped += item.skipped
            report(item)
            continue
        if item is not None:
            stats.read += 1
            if item.key in seen:
                stats.stored_before += 1
                continue
            seen.add(item.key)
            stats.keys.append(item.key)
            chunk.append(item)
        if chunk and (item is None or len(chunk) >= LOOKUP_CHUNK):
            known = store.known_keys(a.key for a in chunk)
            stats.stored_before += len(known)
            yield from (a for a in chunk if a.key not in known)
            chunk = []
