"""Tags candidate events as negated, hypothetical, future or historical."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dyads.nlp.work import work_of


@Language.factory("dyads_aux")
def make_component(nlp: Language, name: str):
    return lambda doc: _process(doc)


def _process(doc: Doc) -> Doc:
    work_of(doc)
    return doc
