"""Tests for the PLOVER ontology tables and the CAMEO/Goldstein mapping."""
import csv
import re
from pathlib import Path

import pytest
import yaml

from dyads import ontology
from dyads.data import build_cameo

CODING = Path(__file__).resolve().parents[1] / ".." / "shared" / "spec" / "CODING.md"
TABLE = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"


def test_sixteen_types_in_four_quads():
    assert len(ontology.TYPES) == 16
    assert {ontology.quad_code(t) for t in ontology.TYPES} == {1, 2, 3, 4}
    assert ontology.quad("CONSULT") == "verbal cooperation"
    assert ontology.quad("RETREAT") == "material cooperation"
    assert ontology.quad("THREATEN") == "verbal conflict"
    assert ontology.quad("SANCTION") == "material conflict"
    assert ontology.quad_code("ASSAULT") == 4
    assert ontology.quad("FIGHT") is None


@pytest.mark.skipif(not CODING.exists(), reason="shared spec not available")
def test_types_and_modes_match_coding_md():
    rows = re.findall(r"^\| ([A-Z]+) \| .* \| (.*) \|$", CODING.read_text(), re.M)
    expected = {t: tuple(m.strip() for m in modes.split(",")) if modes.strip() != "—" else () for t, modes in rows}
    assert expected == ontology.TYPES


def test_every_type_and_mode_has_cameo_and_scores():
    for etype, modes in ontology.TYPES.items():
        for mode in (None, *modes):
            code, goldstein = ontology.cameo_for(etype, mode)
            assert re.fullmatch(r"\d{3,4}", code)
            assert -10 <= goldstein <= 10
            assert -10 <= ontology.plover_score(etype, mode) <= 10


def test_scores_follow_the_manual():
    assert ontology.plover_score("AID") == 10
    assert ontology.plover_score("CONSULT", ["visit"]) == 4
    assert ontology.plover_score("ASSAULT", ["crowd-control", "firearms"]) == -7.5
    assert ontology.plover_score("PROTEST", ["vandalize"]) == -5  # unscored mode: the type's score
    assert ontology.plover_score("ACCUSE") == -3


def test_cameo_choices():
    assert ontology.cameo_for("CONSULT", ["visit"]) == ("042", 1.9)
    assert ontology.cameo_for("COERCE", "arrest") == ("173", -5.0)
    assert ontology.cameo_for("ASSAULT", []) == ("180", -9.0)
    assert ontology.cameo_for("SANCTION", ["discontinue"]) == ("163", -8.0)


def test_invalid_combinations():
    assert not ontology.is_valid("AGREE", "visit")
    assert not ontology.is_valid("ATTACK")
    assert ontology.is_valid("REQUEST", "yield") and ontology.is_valid("REQUEST")
    assert ontology.cameo_for("AGREE", ["visit"]) is None
    assert ontology.cameo_for("ATTACK") is None
    assert ontology.plover_score("ASSAULT", ["arrest"]) is None


def test_contexts_sectors_aux():
    assert len(ontology.CONTEXTS) == 37 and len(set(ontology.CONTEXTS)) == 37
    assert {"military", "migration", "trafficking", "reparations"} <= set(ontology.CONTEXTS)
    assert {"GOV", "MIL", "COP", "CVL", "REF", "PRE"} <= set(ontology.SECTORS)
    assert len(ontology.SECTORS) == 25
    assert set(ontology.NONSTATE) == {"UNO", "EUR", "IGO", "NGO", "ISM", "IMG", "MNC"}
    assert ontology.AUX == ("historical", "future", "hypothetical", "negation")


@pytest.mark.skipif(not TABLE.exists(), reason="shared reference not available")
def test_committed_cameo_csv_is_the_builder_output():
    data = Path(build_cameo.__file__).parent
    types = yaml.safe_load((data / "plover.yml").read_text())["types"]
    rules = yaml.safe_load((data / "cameo_rules.yml").read_text())
    with open(data / "goldstein.csv", newline="") as f:
        goldstein = {r["cameo"]: float(r["goldstein"]) for r in csv.DictReader(f)}
    built = build_cameo.cameo_rows(build_cameo.table_rows(TABLE.read_text()), types, rules, goldstein)
    with open(data / "cameo.csv", newline="") as f:
        committed = list(csv.DictReader(f))
    assert [(r["event_type"], r["mode"], r["cameo"]) for r in committed] == \
           [(r["event_type"], r["mode"], r["cameo"]) for r in built]
