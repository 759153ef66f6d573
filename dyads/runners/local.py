"""Codes a stream of articles with the spaCy pipeline on local processes, yielding events per article."""
from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator

from dyads.nlp.pipeline import load_pipeline
from dyads.schema import Article, Event


def default_processes() -> int:
    """All cores by default."""
    return max(1, os.cpu_count() or 1)


def code_articles(articles: Iterable[Article], n_process: int = 1, batch_size: int = 8,
                  actors_file: str | None = None) -> Iterator[tuple[Article, list[Event]]]:
    """(article, events) for every article, streamed in input order through `nlp.pipe`."""
    nlp = load_pipeline(actors_file)
    feed, keep = itertools.tee(articles)
    texts = ((a.text, a.context()) for a in feed)
    for (doc, _), article in zip(nlp.pipe(texts, as_tuples=True, n_process=n_process, batch_size=batch_size), keep):
        events = [Event.from_dict(d) for d in doc._.events or []]
        for event in events:
            event.article_id = article.article_id
            event.id = event.event_key()
        yield article, events


def code_batch(articles: list[Article], actors_file: str | None = None) -> list[Event]:
    """The unit of scale-out: all events of one batch of articles, coded in this process."""
    return [e for _, events in code_articles(articles, 1, actors_file=actors_file) for e in events]
