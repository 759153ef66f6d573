"""The full pipeline: events come back the same with one or several processes, and the Doc carries no scratch."""
from dyads.nlp.pipeline import load_pipeline
from dyads.runners.local import code_articles
from dyads.schema import Article

TEXTS = [
    "Police arrested 12 protesters in Nairobi on Friday.",
    "Rebels attacked an army post near Goma on Tuesday, killing three soldiers.",
    "The foreign minister met his Chinese counterpart in Beijing on Monday.",
    "Scientists said the comet would be visible next week.",
]


def articles(n):
    return [Article(text=f"{TEXTS[i % len(TEXTS)]} Item {i}.", id=f"a{i}", published="2024-03-08") for i in range(n)]


def summary(results):
    return [(a.id, sorted((e.event_type, e.date) for e in evs)) for a, evs in results]


def test_two_processes_code_the_same_events_as_one():
    one = summary(code_articles(articles(24), n_process=1))
    two = summary(code_articles(articles(24), n_process=2, batch_size=4))
    assert one == two
    assert any(evs for _, evs in one)
    assert not summary(code_articles([Article(text=TEXTS[3], published="2024-03-08")]))[0][1]


def test_finished_doc_keeps_only_plain_events():
    nlp = load_pipeline(None)
    (doc, _), = nlp.pipe([(TEXTS[0], Article(text=TEXTS[0]).context())], as_tuples=True)
    assert doc._.events and all(isinstance(e, dict) for e in doc._.events)
    assert doc.to_bytes()
