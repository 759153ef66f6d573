"""Tests for the contexts component: each rule family, the manual's exclusions, and floors on labelled text."""
from pathlib import Path

import pytest
import yaml

from dyads import ontology
from dyads.evaluate_contexts import evaluate_contexts, load_labelled
from dyads.nlp.contexts import load_rules
from dyads.nlp.pipeline import load_pipeline
from dyads.nlp.work import Candidate
from dyads.runners.local import code_articles
from dyads.schema import Article, Entity

LABELLED = Path(__file__).resolve().parents[1] / "data" / "contexts-labelled.jsonl"
NEUTRAL = "The officials met on Monday."


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(None)


@pytest.fixture(scope="module")
def coder(nlp):
    return nlp.get_pipe("dyads_contexts")


def sentence_contexts(nlp, coder, text, cand=None, article=()):
    """Contexts the component gives the whole text (one sentence), with an optional hand-made candidate."""
    doc = nlp(text)
    return coder.contexts_for(doc[:], coder.cues(doc), cand, article)


def candidate(event_type, mode=(), actor=(), recipient=()):
    return Candidate(event_type=event_type, mode=list(mode), trigger=0, sent_start=0, sent_end=1,
                     actor=[Entity(text=t, country=c, sector=s) for t, c, s in actor],
                     recipient=[Entity(text=t, country=c, sector=s) for t, c, s in recipient])


def event_contexts(text, published="2024-03-08"):
    (_, events), = code_articles([Article(text=text, published=published)])
    return [e.context for e in events]


# --- sentence cues -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, context", [
    ("French police arrested four men suspected of planning a terrorist attack on a metro station.", "terrorism"),
    ("The coast guard rescued 240 migrants from two overcrowded boats.", "migration"),
    ("Customs officers seized 300 kilograms of heroin at the port.", "illegal_drugs"),
    ("The health ministry confirmed an outbreak of cholera in the east.", "health"),
])
def test_sentence_cue_gives_its_context(nlp, coder, text, context):
    assert context in sentence_contexts(nlp, coder, text)


def test_cues_match_on_lemmas_and_inflected_forms(nlp, coder):
    assert "asylum" in sentence_contexts(nlp, coder, "Two asylum seekers were sent back on Friday.")
    assert "migration" in sentence_contexts(nlp, coder, "The government deported forty people.")


def test_longest_cue_wins_where_cues_overlap(nlp, coder):
    found = sentence_contexts(nlp, coder, "The ministry will invest in artificial intelligence research.")
    assert "technology" in found and "intelligence" not in found
    found = sentence_contexts(nlp, coder, "Police fired tear gas at the crowd.")
    assert "repression" in found and "natural_resource" not in found
    found = sentence_contexts(nlp, coder, "The tribunal tried him for war crimes.")
    assert "human_rights" in found and "crime" not in found


def test_a_weak_cue_alone_gives_nothing(nlp, coder):
    assert "territory" not in sentence_contexts(nlp, coder, "Officials inspected the border on Monday.")
    assert "territory" in sentence_contexts(nlp, coder, "Troops crossed the disputed border on Monday.")


def test_a_neutral_sentence_gets_no_context(nlp, coder):
    assert sentence_contexts(nlp, coder, NEUTRAL) == []
    assert event_contexts("The mayor praised the volunteers who cleaned the park.") in ([], [[]])


# --- actors ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sector, country, context", [
    ("MIL", "USA", "military"), ("REF", "SYR", "migration"), ("JUD", "BRA", "legal"), ("CRM", "MEX", "crime"),
    ("SPY", "RUS", "intelligence"), ("GOV", "IMG", "terrorism"),
])
def test_actor_sector_or_country_gives_its_context(nlp, coder, sector, country, context):
    cand = candidate("CONSULT", actor=[("them", country, sector)])
    assert context in sentence_contexts(nlp, coder, NEUTRAL, cand)


def test_police_and_rebels_are_not_military(nlp, coder):
    for sector in ("COP", "REB"):
        cand = candidate("ASSAULT", actor=[("them", "COD", sector)])
        assert "military" not in sentence_contexts(nlp, coder, NEUTRAL, cand)


def test_un_troops_are_peacekeeping(nlp, coder):
    cand = candidate("MOBILIZE", ["troops"], actor=[("UN troops", "UNO", "MIL")])
    assert "peacekeeping" in sentence_contexts(nlp, coder, NEUTRAL, cand)


# --- event type and mode, dyads ------------------------------------------------------------------------

@pytest.mark.parametrize("event_type, mode, context", [
    ("ASSAULT", ["aerial"], "military"), ("SANCTION", ["convict"], "legal"), ("COERCE", ["censor"], "rights_freedoms"),
    ("ASSAULT", ["unconventional"], "cbrn"), ("COERCE", ["cyber"], "cyber"), ("RETREAT", ["ceasefire"], "military"),
])
def test_type_and_mode_give_their_context(nlp, coder, event_type, mode, context):
    assert context in sentence_contexts(nlp, coder, NEUTRAL, candidate(event_type, mode))


def test_deporting_people_is_migration_expelling_diplomats_is_not(nlp, coder):
    people = candidate("COERCE", ["deport"], actor=[("Germany", "DEU", "GOV")], recipient=[("them", None, "CVL")])
    envoys = candidate("COERCE", ["deport"], actor=[("Germany", "DEU", "GOV")], recipient=[("them", "RUS", "GOV")])
    assert "migration" in sentence_contexts(nlp, coder, NEUTRAL, people)
    assert "migration" not in sentence_contexts(nlp, coder, NEUTRAL, envoys)


def test_governments_of_two_countries_make_it_diplomatic(nlp, coder):
    abroad = candidate("CONSULT", actor=[("Japan", "JPN", "GOV"), ("Korea", "KOR", "GOV")])
    at_home = candidate("CONSULT", actor=[("the minister", "JPN", "GOV"), ("the governor", "JPN", "GOV")])
    war = candidate("ASSAULT", actor=[("Russia", "RUS", "GOV")], recipient=[("Ukraine", "UKR", "GOV")])
    assert "diplomatic" in sentence_contexts(nlp, coder, NEUTRAL, abroad)
    assert "diplomatic" not in sentence_contexts(nlp, coder, NEUTRAL, at_home)
    assert "diplomatic" not in sentence_contexts(nlp, coder, NEUTRAL, war)


def test_security_forces_against_civilians_is_repression(nlp, coder):
    cand = candidate("COERCE", ["arrest"], actor=[("police", "KEN", "COP")], recipient=[("protesters", "KEN", "CVL")])
    assert "repression" in sentence_contexts(nlp, coder, "Police arrested 12 protesters in Nairobi.", cand)


# --- exclusions and limits -------------------------------------------------------------------------------

def test_specific_crime_contexts_exclude_crime(nlp, coder):
    found = sentence_contexts(nlp, coder, "Police arrested a criminal gang of cocaine traffickers.")
    assert {"illegal_drugs", "trafficking"} <= set(found) and "crime" not in found
    assert "crime" in sentence_contexts(nlp, coder, "Police arrested a criminal gang of car thieves.")


def test_force_against_criminals_is_not_repression(nlp, coder):
    cand = candidate("COERCE", ["arrest"], actor=[("police", "NGA", "COP")], recipient=[("two men", "NGA", "CVL")])
    found = sentence_contexts(nlp, coder, "Police arrested two men after a robbery at a bank.", cand)
    assert "crime" in found and "repression" not in found


def test_at_most_three_contexts_best_first(nlp, coder):
    text = ("Soldiers fired tear gas at migrants and refugees protesting food shortages after the earthquake "
            "near the disputed border with a terrorist group.")
    found = sentence_contexts(nlp, coder, text, candidate("ASSAULT", ["aerial"], actor=[("army", "X", "MIL")]))
    assert len(found) == 3 and found[0] == "military"


# --- article dominance -----------------------------------------------------------------------------------

MEETING = "The regional governor met the interior minister in Rome on Monday."


def test_dominant_article_context_reaches_every_event():
    """Three sentences about migrants make it an article about migration: the meeting gets the context too."""
    article = ("Hundreds of migrants reached the island overnight. " + MEETING + " Reception centres for migrants "
               "are full, officials said. A third boat of refugees is expected on Tuesday.")
    assert all("migration" in c for c in event_contexts(article)) and event_contexts(article)
    assert not any("migration" in c for c in event_contexts(MEETING))


def test_a_context_cued_in_two_sentences_does_not_dominate():
    article = ("Hundreds of migrants reached the island overnight. " + MEETING + " Reception centres for migrants "
               "are full, officials said.")
    contexts = event_contexts(article)
    assert contexts and not any("migration" in c for c in contexts)


# --- data, records and floors ----------------------------------------------------------------------------

def test_every_context_has_cues_and_no_unknown_names(tmp_path):
    rules = load_rules()
    assert set(rules["cues"]) == set(ontology.CONTEXTS)
    bad = dict(rules, events={"ASSAULT": ["warfare"]})
    path = tmp_path / "contexts.yml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="warfare"):
        load_rules(path)


def test_event_records_carry_their_contexts():
    assert ["terrorism"] in event_contexts("The Islamic State claimed the suicide bombing at a checkpoint near Kirkuk.")


def test_labelled_file_covers_every_context_and_some_texts_with_none():
    items = load_labelled(LABELLED)
    assert len(items) >= 80
    assert {c for item in items for c in item["contexts"]} == set(ontology.CONTEXTS)
    assert sum(not item["contexts"] for item in items) >= 5


def test_floor_on_labelled_sentences():
    report = evaluate_contexts(LABELLED)
    _, _, f1 = report.slices["all"].prf()
    _, _, f1_events = report.slices["events"].prf()
    assert report.texts["events"] >= 80
    assert f1 >= 0.87, report.to_dict()["all"]
    assert f1_events >= 0.85, report.to_dict()["events"]
