"""Starts a new sentence after every line break, so headlines and paragraphs never run together."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dyads_lines")
def split_lines(doc: Doc) -> Doc:
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc
