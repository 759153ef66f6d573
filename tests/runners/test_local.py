"""The local runner: process planning, input order, and articles on which a component fails."""
from __future__ import annotations

import spacy
from spacy.language import Language

import dyads.nlp.work  # noqa: F401  (registers the doc._.events extension)
from dyads.runners import local
from dyads.schema import Article


@Language.component("test_fail_on_boom")
def fail_on_boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("boom found")
    doc._.events = [{"event_type": "CONSULT", "evidence": {"sentence": doc.text, "start": 0, "end": len(doc.text)}}]
    return doc


def fake_pipeline(actors_file=None):
    nlp = spacy.blank("en")
    nlp.add_pipe("test_fail_on_boom")
    return nlp


def test_few_articles_use_one_process():
    few = [Article(text=f"t{i}") for i in range(5)]
    n, stream = local.planned_processes(few, 2, batch_size=8)
    assert n == 1 and list(stream) == few
    many = [Article(text=f"t{i}") for i in range(40)]
    n, stream = local.planned_processes(iter(many), 2, batch_size=8)
    assert n == 2 and list(stream) == many


def test_failing_articles_are_reported_and_the_rest_coded_in_order(monkeypatch):
    monkeypatch.setattr(local, "load_pipeline", fake_pipeline)
    for n_process in (1, 2):
        articles = [Article(text=f"Article {i} {'BOOM' if i % 7 == 3 else 'fine'}.", id=f"a{i}") for i in range(40)]
        failed = []
        coded = list(local.code_articles(articles, n_process=n_process, batch_size=4,
                                         on_error=lambda a, m: failed.append((a.id, m))))
        assert [a.id for a, _ in coded] == [a.id for a in articles if "BOOM" not in a.text]
        assert all(events[0].article_id == a.id and events[0].id for a, events in coded)
        assert [i for i, _ in failed] == ["a3", "a10", "a17", "a24", "a31", "a38"]
        if n_process == 1:
            assert "boom found" in failed[0][1]


def test_events_of_one_sentence_keep_distinct_ids():
    text = ("Russian President Vladimir Putin blamed Ukrainian intelligence services for the blast, and accused "
            "Ukrainian commanders of shelling Belgorod.")
    events = [e for _, evs in local.code_articles([Article(text=text, published="2022-10-10")]) for e in evs]
    assert len({e.id for e in events}) == len(events)
