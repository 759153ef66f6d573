"""End-to-end tests of `dyads actors lookup` and `dyads actors import`, run through the installed command."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

DYADS = Path(sys.executable).parent / "dyads"

SAMPLE = """\
# a small dictionary written for this test, in the TABARI/PETRARCH actor format
ZORBLAT_QUENFREY_  # CountryInfo.txt
+QUENFREY_
+MINISTER_QUENFREY_
\t[FRAELI 800101-150101]
\t[FRAGOVMIL >150101]
OSKA_VELLMARRA_  # CountryInfo.txt
\t[DEUELI 19600101-20010315]
\t[DEUGOV 20010315-20091031]
\t[DEUELI]
MARVANIAN_LIBERATION_FRONT [IMGREB]
+MLF
NORTH_TREVALIA_ [XKX]
+TREVALIAN_
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DYADS), "actors", *args], capture_output=True, text=True, timeout=60)


def lookup(name: str, day: str) -> dict:
    done = run("lookup", name, "--date", day, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("day, sector, status", [("2018-03-01", "GOV", "in office"),
                                                 ("2022-03-01", "ELI", "former"),
                                                 ("2025-03-01", "GOV", "in office")])
def test_lookup_codes_the_role_held_on_the_date(day, sector, status):
    found = lookup("Trump", day)
    assert (found["name"], found["country"], found["sector"], found["status"]) == ("Donald Trump", "USA", sector, status)


def test_lookup_prints_resolution_and_source():
    done = run("lookup", "AMLO", "--date", "2021-05-05", "--all")
    assert done.returncode == 0, done.stderr
    assert "Andrés Manuel López Obrador" in done.stdout
    assert "MEX GOV" in done.stdout and "head of state" in done.stdout
    assert "source:" in done.stdout and "supplement" in done.stdout
    assert "2018-12-01 to 2024-10-01" in done.stdout


def test_lookup_of_an_alias_with_another_spelling():
    assert lookup("Shoygu", "2021-01-01")["name"] == lookup("Sergei Shoigu", "2021-01-01")["name"]
    assert lookup("Zelenskiy", "2023-01-01")["sector"] == "GOV"


def test_lookup_of_an_unknown_name_fails_cleanly():
    done = run("lookup", "Quazimodo Fenwickle")
    assert done.returncode == 1
    assert "not in the people dictionary" in done.stderr


def test_lookup_rejects_a_malformed_date():
    done = run("lookup", "Putin", "--date", "March 2020")
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr


def test_import_writes_a_user_dictionary(tmp_path):
    source = tmp_path / "mine.actors"
    source.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "mine.yml"
    done = run("import", str(source), "-o", str(out), "--date", "2020-05-01")
    assert done.returncode == 0, done.stderr
    assert "converted 4 actors" in done.stderr
    actors = yaml.safe_load(out.read_text(encoding="utf-8"))["actors"]
    by_name = {a["names"][0]: a for a in actors}
    assert by_name["Zorblat Quenfrey"]["names"] == ["Zorblat Quenfrey", "Quenfrey", "Minister Quenfrey"]
    assert (by_name["Zorblat Quenfrey"]["country"], by_name["Zorblat Quenfrey"]["sector"]) == ("FRA", "GOV")
    assert by_name["Zorblat Quenfrey"]["roles"][1] == {"country": "FRA", "sector": "GOV", "start": "2015-01-01",
                                                       "end": None}
    assert (by_name["Oska Vellmarra"]["country"], by_name["Oska Vellmarra"]["sector"]) == ("DEU", "ELI")
    assert by_name["Oska Vellmarra"]["roles"][1]["start"] == "2001-03-15"
    assert (by_name["Marvanian Liberation Front"]["country"], by_name["Marvanian Liberation Front"]["sector"]) == \
        ("IMG", "REB")
    assert by_name["North Trevalia"]["country"] == "XKX"


def test_import_takes_roles_as_of_the_given_date(tmp_path):
    source = tmp_path / "mine.actors"
    source.write_text(SAMPLE, encoding="utf-8")
    done = run("import", str(source), "--date", "2005-01-01")
    assert done.returncode == 0, done.stderr
    actors = {a["names"][0]: a for a in yaml.safe_load(done.stdout)["actors"]}
    assert actors["Oska Vellmarra"]["sector"] == "GOV"
    assert actors["Zorblat Quenfrey"]["sector"] == "ELI"


def test_imported_dictionary_loads_as_actors_file(tmp_path):
    from dyads.nlp.actor_lexicon import load_lexicon, norm
    source = tmp_path / "mine.actors"
    source.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "mine.yml"
    assert run("import", str(source), "-o", str(out), "--date", "2020-05-01").returncode == 0
    entry = load_lexicon(str(out)).get(norm("Quenfrey"))
    assert (entry.country, entry.sector) == ("FRA", "GOV")


def test_import_of_a_missing_file_fails_cleanly(tmp_path):
    done = run("import", str(tmp_path / "absent.actors"))
    assert done.returncode == 2
    assert "not found" in done.stderr
