"""The CODING.md scorer on small hand-made gold and system events, with exact expected figures."""
import json

import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.evaluate import (evaluate, gold_article, haversine_km, load_predictions, match_events, score)
from dyads.schema import Entity, Event, Location


def ent(country, sector="GOV"):
    return Entity(text=country or "someone", country=country, sector=sector)


def ev(event_type, actor=(), recipient=(), sentence="", mode=(), aux=(), date=None, location=None, sectors=None):
    sectors = sectors or {}
    return Event(event_type=event_type, mode=list(mode), aux=list(aux),
                 actor=[ent(c, sectors.get("actor", "GOV")) for c in actor],
                 recipient=[ent(c, sectors.get("recipient", "GOV")) for c in recipient],
                 date=date, location=location, evidence={"sentence": sentence})


def gold_record(article_id, events):
    return {"id": article_id, "date": "2024-03-01", "language": "en", "title": "t", "text": "x",
            "events": [e.to_dict() for e in events]}


def test_type_match_without_dyad_match():
    gold = [gold_record("a", [ev("ASSAULT", ["IND"], ["PAK"])])]
    report = score(gold, {"a": [ev("ASSAULT", ["PAK"], ["IND"])]})
    assert (report.total.type_matched, report.total.dyad_matched) == (1, 0)
    assert report.total.prf("type") == (1.0, 1.0, 1.0)
    assert report.total.prf("dyad") == (0.0, 0.0, 0.0)


def test_greedy_prefers_the_dyad_match():
    gold = [ev("REQUEST", ["USA"], ["MEX"]), ev("REQUEST", ["MEX"], ["USA"])]
    assert match_events(gold, [ev("REQUEST", ["MEX"], ["USA"])]) == [(1, 0)]


def test_greedy_then_prefers_evidence_overlap_then_modes():
    gold = [ev("COERCE", ["USA"], ["VEN"], "Police arrested ten migrants near the river."),
            ev("COERCE", ["USA"], ["VEN"], "The government deported forty Venezuelans by plane on Monday.")]
    pred = [ev("COERCE", ["USA"], ["VEN"], "The government deported forty Venezuelans by plane on Monday.")]
    assert match_events(gold, pred) == [(1, 0)]
    gold = [ev("COERCE", ["USA"], [], "same words", mode=["arrest"]),
            ev("COERCE", ["USA"], [], "same words", mode=["deport"])]
    assert match_events(gold, [ev("COERCE", ["USA"], [], "same words", mode=["deport"])]) == [(1, 0)]


def test_empty_sides_match_only_empty_sides():
    gold = [gold_record("a", [ev("PROTEST", ["FRA"], []), ev("CONSULT", ["FRA"], ["DEU"])])]
    pred = {"a": [ev("PROTEST", ["FRA"], []), ev("CONSULT", ["FRA"], [])]}
    assert score(gold, pred).total.dyad_matched == 1


def test_entities_without_country_count_as_empty():
    gold = [gold_record("a", [ev("ASSAULT", [None], ["COL"])])]
    assert score(gold, {"a": [ev("ASSAULT", [], ["COL"])]}).total.dyad_matched == 1
    assert score(gold, {"a": [ev("ASSAULT", ["VEN"], ["COL"])]}).total.dyad_matched == 0


def test_compound_actor_needs_one_shared_country():
    gold = [gold_record("a", [ev("CONSULT", ["VEN", "USA"], [])])]
    assert score(gold, {"a": [ev("CONSULT", ["USA"], [])]}).total.dyad_matched == 1


def test_negated_and_hypothetical_events_are_left_out_on_both_sides():
    gold = [gold_record("a", [ev("SANCTION", ["USA"], ["CUB"], aux=["hypothetical"]), ev("AID", ["USA"], ["HTI"])])]
    pred = {"a": [ev("SANCTION", ["USA"], ["CUB"]), ev("AID", ["USA"], ["HTI"]),
                  ev("REJECT", ["CUB"], ["USA"], aux=["negation"])]}
    report = score(gold, pred)
    assert (report.total.gold, report.total.pred, report.total.dyad_matched) == (1, 2, 1)
    assert report.total.prf("dyad") == pytest.approx((0.5, 1.0, 2 / 3))


def test_micro_average_over_articles_and_no_event_articles():
    gold = [gold_record("a", [ev("ACCUSE", ["BRA"], ["ARG"]), ev("REQUEST", ["BRA"], ["ARG"])]),
            gold_record("b", [ev("ASSAULT", ["NGA"], [])]),
            gold_record("c", [])]
    pred = {"a": [ev("ACCUSE", ["BRA"], ["ARG"])],
            "b": [ev("ASSAULT", ["NGA"], []), ev("ASSAULT", ["NGA"], []), ev("MOBILIZE", ["NGA"], [])],
            "c": [ev("THREATEN", ["GBR"], []), ev("PROTEST", ["GBR"], [])]}
    report = score(gold, pred)
    assert (report.total.gold, report.total.pred, report.total.dyad_matched) == (3, 6, 2)
    p, r, f = report.total.prf("dyad")
    assert (p, r) == (pytest.approx(2 / 6), pytest.approx(2 / 3))
    assert f == pytest.approx(2 * (1 / 3) * (2 / 3) / (1 / 3 + 2 / 3))
    assert (report.no_event_articles, report.no_event_articles_coded, report.no_event_false_positives) == (1, 1, 2)


def test_per_type_table():
    gold = [gold_record("a", [ev("ASSAULT", ["IND"], ["PAK"]), ev("ASSAULT", ["PAK"], []), ev("ACCUSE", ["PAK"], ["IND"])])]
    pred = {"a": [ev("ASSAULT", ["IND"], ["PAK"]), ev("ASSAULT", ["IND"], []), ev("SANCTION", ["IND"], ["PAK"])]}
    by_type = score(gold, pred).to_dict()["by_type"]
    assert {t: (v["gold"], v["pred"], v["type_matched"], v["dyad_matched"]) for t, v in by_type.items()} == {
        "ASSAULT": (2, 2, 2, 1), "ACCUSE": (1, 0, 0, 0), "SANCTION": (0, 1, 0, 0)}
    assert by_type["ASSAULT"]["dyad_f1"] == pytest.approx(0.5)
    assert by_type["ASSAULT"]["type_f1"] == pytest.approx(1.0)


def test_sector_accuracy_scores_each_side_with_a_gold_sector():
    gold = [gold_record("a", [ev("ASSAULT", ["VEN"], ["VEN"], sectors={"actor": "UAF", "recipient": "COP"}),
                              ev("PROTEST", ["CHL"], [], sectors={"actor": "CVL"})])]
    pred = {"a": [ev("ASSAULT", ["VEN"], ["VEN"], sectors={"actor": "CRM", "recipient": "COP"}),
                  ev("PROTEST", ["CHL"], [], sectors={"actor": "CVL"})]}
    report = score(gold, pred)
    assert (report.sector.right, report.sector.total) == (2, 3)


def test_date_accuracy_only_where_gold_gives_a_day():
    gold = [gold_record("a", [ev("AID", ["USA"], ["VEN"], date="2022-10"), ev("REQUEST", ["MEX"], ["USA"], date="2022-10-21"),
                              ev("SUPPORT", ["MEX"], ["USA"], date="2022-10-21")])]
    pred = {"a": [ev("AID", ["USA"], ["VEN"], date="2022-10-12"), ev("REQUEST", ["MEX"], ["USA"], date="2022-10-21"),
                  ev("SUPPORT", ["MEX"], ["USA"], date="2022-10-22")]}
    report = score(gold, pred)
    assert (report.date.right, report.date.total) == (1, 2)


def test_location_accuracy_country_and_50_km():
    mexico_city = Location(text="Mexico City", country="MEX", name="Mexico City", lat=19.43, lon=-99.13)
    gold = [gold_record("a", [ev("CONSULT", ["USA"], ["MEX"], location=mexico_city),
                              ev("PROTEST", ["MEX"], [], location=mexico_city),
                              ev("AGREE", ["USA"], ["MEX"], location=Location(text="Mexico", country="MEX"))])]
    pred = {"a": [ev("CONSULT", ["USA"], ["MEX"], location=Location(text="Texcoco", country="MEX", lat=19.51, lon=-98.88)),
                  ev("PROTEST", ["MEX"], [], location=Location(text="Puebla", country="MEX", lat=19.04, lon=-98.21)),
                  ev("AGREE", ["USA"], ["MEX"], location=Location(text="Washington", country="USA"))]}
    report = score(gold, pred)
    assert (report.location.right, report.location.total) == (2, 3)
    assert (report.location_near.right, report.location_near.total) == (1, 2)


def test_haversine_one_degree_of_latitude():
    assert haversine_km(10.0, 20.0, 11.0, 20.0) == pytest.approx(111.19, abs=0.01)


def test_gold_article_carries_the_publication_date():
    article = gold_article({"id": "g1", "date": "2023-12-26", "title": "T", "text": "Body.", "language": "en"})
    assert (article.article_id, article.published, article.title) == ("g1", "2023-12-26", "T")


@pytest.fixture()
def files(tmp_path):
    gold = [gold_record("a", [ev("REQUEST", ["MEX"], ["USA"], "Mexico asked Washington for help.")]),
            gold_record("b", [])]
    pred = [ev("REQUEST", ["MEX"], ["USA"], "Mexico asked Washington for help."), ev("PROTEST", ["MEX"], []),
            ev("ASSAULT", ["RUS"], ["UKR"])]
    for e, aid in zip(pred, ["a", "b", "zz"]):
        e.article_id = aid
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "events.jsonl"
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in gold))
    pred_path.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in pred))
    return gold_path, pred_path


def test_load_predictions_groups_by_article(files):
    grouped = load_predictions(files[1])
    assert {k: [e.event_type for e in v] for k, v in grouped.items()} == {
        "a": ["REQUEST"], "b": ["PROTEST"], "zz": ["ASSAULT"]}


def test_evaluate_with_pred_file(files):
    report = evaluate([files[0]], files[1])
    assert report.unknown_article_events == 1
    assert report.headline()["dyad_precision"] == pytest.approx(0.5)
    assert report.headline()["dyad_recall"] == 1.0


def test_cli_json_output(files):
    result = CliRunner().invoke(app, ["evaluate", str(files[0]), "--pred", str(files[1]), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["gold_events"], data["pred_events"], data["dyad_f1"]) == (1, 2, pytest.approx(2 / 3))
    assert data["per_article"][1]["spurious"] == ["PROTEST MEX>-: "]


def test_cli_readable_report(files):
    result = CliRunner().invoke(app, ["evaluate", str(files[0]), "--pred", str(files[1])])
    assert result.exit_code == 0, result.output
    assert "dyad (headline)" in result.output and "PROTEST" in result.output


def test_evaluate_codes_the_gold_texts_and_names_failures(files, monkeypatch):
    seen = []

    def fake_code_articles(articles, n_process=1, on_error=None):
        for article in articles:
            seen.append((article.article_id, article.published))
            if article.article_id == "b":
                on_error(article, "dyads_events: boom")
            else:
                yield article, [ev("REQUEST", ["MEX"], ["USA"], "Mexico asked Washington for help.")]

    monkeypatch.setattr("dyads.runners.local.code_articles", fake_code_articles)
    report = evaluate([files[0]])
    assert seen == [("a", "2024-03-01"), ("b", "2024-03-01")]
    assert report.errors == {"b": "dyads_events: boom"}
    assert report.headline()["dyad_f1"] == 1.0
