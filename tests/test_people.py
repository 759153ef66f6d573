"""Tests of the time-bounded people dictionary (dyads.people) and its build rules."""
from __future__ import annotations

import importlib.util
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from dyads.people import (DATA, FORMER, IN_OFFICE, NOT_YET, People, Person, load_people, make_term, merged,
                          name_key, role_on, supplement_people)

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO.parent / "shared" / "reference"


@pytest.fixture(scope="module")
def people() -> People:
    return load_people()


def coded(people: People, name: str, day: str) -> tuple:
    role = people.role_on(name, date.fromisoformat(day))
    return (role.country, role.sector) if role else None


@pytest.mark.parametrize("name, day, expected", [
    ("Donald Trump", "2018-06-01", ("USA", "GOV")),
    ("Donald Trump", "2022-06-01", ("USA", "ELI")),
    ("Donald Trump", "2025-06-01", ("USA", "GOV")),
    ("Netanyahu", "2018-06-01", ("ISR", "GOV")),
    ("Netanyahu", "2022-06-01", ("ISR", "OPP")),
    ("Netanyahu", "2025-06-01", ("ISR", "GOV")),
    ("Zelensky", "2018-06-01", ("UKR", None)),
    ("Zelensky", "2022-06-01", ("UKR", "GOV")),
    ("Boris Johnson", "2018-06-01", ("GBR", "GOV")),
    ("Boris Johnson", "2025-06-01", ("GBR", "ELI")),
    ("Sunak", "2023-06-01", ("GBR", "GOV")),
    ("Starmer", "2025-06-01", ("GBR", "GOV")),
    ("Sheinbaum", "2025-06-01", ("MEX", "GOV")),
    ("Stoltenberg", "2018-06-01", ("IGO", "GOV")),
    ("Rutte", "2018-06-01", ("NLD", "GOV")),
    ("Rutte", "2025-06-01", ("IGO", "GOV")),
    ("von der Leyen", "2022-06-01", ("EUR", "GOV")),
    ("Guterres", "2022-06-01", ("UNO", "GOV")),
])
def test_role_follows_the_event_date(people, name, day, expected):
    assert coded(people, name, day) == expected


def test_former_leaders_are_elites_of_their_country(people):
    for name, day, country in [("Angela Merkel", "2023-03-01", "DEU"), ("Barack Obama", "2019-03-01", "USA"),
                               ("Lopez Obrador", "2025-03-01", "MEX"), ("Tony Blair", "2015-03-01", "GBR")]:
        role = people.role_on(name, date.fromisoformat(day))
        assert (role.country, role.sector, role.status) == (country, "ELI", FORMER), name


def test_status_and_office_are_reported(people):
    assert people.role_on("Zelenskyy", date(2018, 1, 1)).status == NOT_YET
    role = people.role_on("Shoigu", date(2020, 1, 1))
    assert (role.office, role.status) == ("defence minister", IN_OFFICE)
    assert people.role_on("Shoigu", date(2025, 1, 1)).office == "security council secretary"
    assert people.role_on("Vladimir Putin", date(2010, 6, 1)).office == "head of government"
    assert people.role_on("Vladimir Putin", date(2015, 6, 1)).office == "head of state"


def test_built_sources_are_named(people):
    role = people.role_on("Sergey Lavrov", date(2021, 5, 1))
    assert (role.country, role.sector, role.office) == ("RUS", "GOV", "foreign minister")
    assert "EveryPolitician" in role.source
    assert "supplement" in people.role_on("Sunak", date(2023, 1, 1)).source


@pytest.mark.parametrize("spellings", [
    ["Andrés Manuel López Obrador", "Andres Manuel Lopez Obrador", "López Obrador", "Lopez Obrador", "AMLO"],
    ["Volodymyr Zelenskyy", "Volodymyr Zelensky", "Zelensky", "Zelenskyy", "Zelenskiy"],
    ["Sergei Shoigu", "Sergey Shoygu", "Shoigu", "Shoygu"],
    ["Recep Tayyip Erdoğan", "Erdogan", "Erdoğan"],
    ["Vladimir Putin", "Putin", "President Putin", "Putin's", "Russian President Vladimir Putin"],
    ["Abdel Fattah al-Sisi", "el-Sisi", "Sisi"],
])
def test_aliases_reach_one_person(people, spellings):
    names = {people.role_on(s, date(2021, 6, 1)).name for s in spellings}
    assert len(names) == 1, names


def test_non_people_and_common_words_are_not_found(people):
    for word in ["Washington", "police", "the army", "Mexico", "Major", "May", "Johnson", ""]:
        assert people.role_on(word, date(2020, 1, 1)) is None, word


def test_name_key_folds_accents_punctuation_and_transliterations():
    assert name_key("Díaz-Canel") == "diaz canel"
    assert name_key("Zelenskyy") == name_key("Zelensky") == name_key("Zelenskiy")
    assert name_key("Shoygu") == name_key("Shoigu")
    assert name_key("Lavrov’s") == "lavrov"
    assert name_key("Støre") == "store"


def test_one_in_office_beats_a_former_holder_of_the_same_name():
    old = Person("Ann Old", ("ann", "ann old"), (make_term("AAA", "head of state", "2001", "2005", "ep"),))
    new = Person("Ann New", ("ann", "ann new"), (make_term("BBB", "minister", "2010-03", None, "ep"),))
    people = People([old, new])
    assert people.role_on("Ann", date(2003, 1, 1)).name == "Ann Old"
    assert (people.role_on("Ann", date(2012, 1, 1)).country, people.role_on("Ann", date(2012, 1, 1)).sector) == \
        ("BBB", "GOV")
    assert people.role_on("Ann", date(2007, 1, 1)).sector == "ELI"
    assert people.role_on("Ann Old", date(2005, 12, 31)).sector == "GOV"  # a year-precise end lasts to its close


def test_supplement_replaces_stale_open_terms(tmp_path):
    built = [Person("Bo Stale", ("bo stale",), (make_term("CCC", "head of government", "2019-07-24", None, "ep"),
                                                 make_term("CCC", "minister", "2019-07-24", None, "ep"),
                                                 make_term("CCC", "foreign minister", "2016", "2018", "ep")))]
    path = tmp_path / "supplement.yml"
    path.write_text("people:\n  - name: Bo Stale\n    aliases: [Stale]\n    terms:\n"
                    "      - {country: CCC, office: head of government, start: 2019-07-24, end: 2022-09-06}\n"
                    "  - {name: Nobody Known, aliases: [Nob]}\n", encoding="utf-8")
    people = People(merged(built, supplement_people(path)))
    assert len(people) == 1
    person = people.candidates("Stale")[0]
    assert sorted(t.office for t in person.terms) == ["foreign minister", "head of government"]
    assert people.role_on("Stale", date(2023, 1, 1)).sector == "ELI"


def test_lookups_are_fast(people):
    role_on("Lavrov")
    started = time.perf_counter()
    for _ in range(20000):
        people.role_on("Lavrov", date(2023, 1, 1))
        people.role_on("the Mexican government", date(2023, 1, 1))
    assert time.perf_counter() - started < 1.0


def test_built_data_is_compact_and_current():
    size = sum(p.stat().st_size for p in DATA.glob("*.csv"))
    assert size < 5_000_000
    import csv
    with (DATA / "people.csv").open(encoding="utf-8", newline="") as fh:
        rows = [row for _, row in zip(range(3000), csv.DictReader(fh))]
    assert all(row["keys"].split("|")[0] == name_key(row["name"]) for row in rows)


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_people", DATA / "build_people.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.mark.parametrize("label, country_names, office", [
    ("Minister of Foreign Affairs", [], "foreign minister"),
    ("Federal Minister of Defence", [], "defence minister"),
    ("Prime Minister of Japan", ["Japan"], "head of government"),
    ("President", [], "head of state"),
    ("President of the Senate", [], "legislative speaker"),
    ("Deputy Minister of Foreign Affairs", [], "deputy minister"),
    ("Secretary of State", [], "foreign minister"),
    ("First Lady", [], None),
    ("Chief of the General Staff", [], "military chief"),
])
def test_position_labels_map_to_offices(build, label, country_names, office):
    assert build.classify(label, country_names, build.rules())[0] == office


def test_un_posts_get_the_un_code(build):
    assert build.classify("Secretary-General of the United Nations", [], build.rules()) == \
        ("UN Secretary-General", "UNO")


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference not present")
def test_every_reference_head_of_government_row_is_classified(build):
    import csv
    compiled = build.rules()
    with (REFERENCE / "leaders" / "every_politician_officeholders.csv").open(encoding="utf-8") as fh:
        labels = {row["position"] for row in csv.DictReader(fh) if row["position"] in ("Prime Minister", "President")}
    assert {build.classify(label, [], compiled)[0] for label in labels} == {"head of government", "head of state"}
