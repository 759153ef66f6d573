"""Turns candidate events into final records: recoding, dedup, CAMEO/Goldstein/quad, doc._.events."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dyads.nlp.work import work_of
from dyads.schema import Event


@Language.factory("dyads_codes")
def make_component(nlp: Language, name: str):
    return lambda doc: _process(doc)


def _process(doc: Doc) -> Doc:
    work = work_of(doc)
    events = []
    for c in work.candidates:
        sent = doc[c.sent_start:c.sent_end]
        events.append(Event(event_type=c.event_type, mode=c.mode, aux=c.aux, actor=c.actor, recipient=c.recipient,
                            date=c.date, date_precision=c.date_precision, location=c.location, magnitude=c.magnitude,
                            evidence={"sentence": sent.text, "start": sent.start_char, "end": sent.end_char},
                            confidence=c.confidence, rule=c.rule, trigger=doc[c.trigger].text,
                            article_id=work.meta.get("article_id")).to_dict())
    doc._.events = events
    doc._.dyads_work = None
    return doc
