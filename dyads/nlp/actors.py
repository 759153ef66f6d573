"""Resolves actor mentions to country and sector; sets the article's main country."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dyads.nlp.work import work_of


@Language.factory("dyads_actors", default_config={"actors_file": None})
def make_component(nlp: Language, name: str, actors_file: str | None = None):
    return lambda doc: _process(doc)


def _process(doc: Doc) -> Doc:
    work_of(doc)
    return doc
