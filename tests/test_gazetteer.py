"""Tests for the gazetteer: name keys, the build of a small index, the cached index and its lookups."""
import pytest

from dyads import gazetteer
from dyads.gazetteer import Builder, Gazetteer, alias_names, loose_key, name_key


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


@pytest.mark.parametrize("name, key", [
    ("Bogotá", "bogota"), ("the U.S.", "us"), ("Kabul's", "kabul"), ("Mazar-i-Sharif", "mazar i sharif"),
    ("N'Djamena", "ndjamena"), ("  New   York ", "new york"),
])
def test_name_key(name, key):
    assert name_key(name) == key


def test_loose_key_joins_transliterations_only():
    assert loose_key("Dantewada") == loose_key("Dantewāra")
    assert loose_key("Seraikela") == loose_key("Saraikela")
    assert loose_key("Paris") != loose_key("Peru")


def test_alias_names_drop_codes_and_other_scripts():
    assert alias_names(["Vashington", "WAS", "Вашингтон", "washntn", "D.C."]) == {"Vashington"}


def test_builder_writes_an_index_that_lookup_reads(tmp_path):
    builder = Builder()
    builder.add((1, "Springfield", "USA", "place", 39.8, -89.6, "Illinois", 116_000, 0), ["Springfield"],
                {"Springfield City"})
    builder.add((2, "Springfield", "USA", "place", 37.2, -93.3, "Missouri", 169_000, 0), ["Springfield"])
    path = tmp_path / "g.sqlite"
    builder.write(path)
    small = Gazetteer(path)
    found = small.lookup("springfield")
    assert [p.admin1 for p in found] == ["Missouri", "Illinois"]  # larger population first
    assert [p.alias for p in small.lookup("Springfield City")] == [True]
    assert small.lookup("Shelbyville") == ()


def test_index_path_lives_in_the_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("DYADS_CACHE", str(tmp_path))
    assert gazetteer.index_path().parent == tmp_path
    assert gazetteer.index_path().name.startswith("gazetteer-")


def test_cached_index_has_cities_divisions_and_countries(gaz):
    kabul = next(p for p in gaz.lookup("Kabul") if p.level == "place")
    assert (kabul.country, kabul.geonameid, round(kabul.lat), round(kabul.lon)) == ("AFG", 1138958, 35, 69)
    georgia = {(p.country, p.level) for p in gaz.lookup("Georgia")}
    assert {("GEO", "country"), ("USA", "admin1")} <= georgia
    punjab = {p.country for p in gaz.lookup("Punjab") if p.level == "admin1"}
    assert punjab == {"IND", "PAK"}
    assert gaz.country("XKX").name == "Kosovo" and gaz.country("XKX").lat is None
    assert gaz.lookup("Dantewada", loose=True)[0].name == "Dantewāra"


def test_state_capitals_and_news_cities_are_salient(gaz):
    assert next(p for p in gaz.lookup("Washington") if p.level == "place").salient
    assert not next(p for p in gaz.lookup("Paris") if p.country == "USA").salient


def test_neighbours():
    assert "RUS" in gazetteer.neighbours()["GEO"] and "USA" not in gazetteer.neighbours()["GEO"]


def test_load_is_cached_per_process(gaz):
    assert gazetteer.load() is gaz and gaz.path.exists()
