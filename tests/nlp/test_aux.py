"""Aux tags (dyads/nlp/aux.py): negated, hypothetical and future events."""
from dyads.runners.local import code_articles
from dyads.schema import Article


def tagged(text: str) -> list[tuple[str, list[str]]]:
    (_, found), = code_articles([Article(text=text, published="2022-09-22")])
    return [(e.event_type, e.aux) for e in found]


def test_a_purpose_is_not_a_report():
    assert ("ASSAULT", ["hypothetical"]) in tagged(
        "Russian President Vladimir Putin ordered a military mobilisation, calling up reservists to fight in Ukraine.")


def test_nobody_hurt_negates():
    assert tagged("Nobody was injured in the blast at the market in Quetta on Sunday.") == [("ASSAULT", ["negation"])]


def test_plain_reports_carry_no_tags():
    assert tagged("Police arrested 12 protesters in Nairobi on Friday.") == [("COERCE", [])]
