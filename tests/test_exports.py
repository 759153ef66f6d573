"""Event exports (JSONL, CSV, Parquet) and the terminal views of events."""
from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from rich.console import Console

from dyads.exports import ExportError, checked_output, events_table, explained, flat_row, write_events
from dyads.schema import Entity, Event, Location


def sample_events() -> list[Event]:
    first = Event(event_type="CONSULT", mode=["visit"], actor=[Entity("Blinken\n", "USA", "GOV"),
                                                              Entity("Ebrard", "MEX", "GOV")],
                  recipient=[Entity("Mexico City officials", "MEX", "GOV")], date="2022-10-21", date_precision="day",
                  location=Location("Mexico City", "MEX", "Mexico City", 19.43, -99.13, geonameid=3530597),
                  magnitude={"size": "1,200", "dead": "several"},
                  evidence={"sentence": "Blinken and Ebrard met in Mexico City.", "start": 10, "end": 48},
                  context=["diplomacy", "migration"], confidence=0.75, rule="frame.subj", trigger="met",
                  article_id="art-1", id="ev-1")
    second = Event(event_type="ASSAULT", mode=["aerial"], aux=["negation"], actor=[Entity("Russian forces", "RUS",
                                                                                           "MIL")],
                   evidence={"sentence": "Russia did not strike Kyiv.", "start": 0, "end": 27},
                   article_id="art-2", id="ev-2")
    return [first, second]


def test_jsonl_is_exactly_the_system_record(tmp_path):
    out = tmp_path / "e.jsonl"
    assert write_events(sample_events(), out) == 2
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [e.to_dict() for e in sample_events()]
    assert lines[0]["article_id"] == "art-1" and lines[0]["evidence"]["start"] == 10


def test_csv_rows_are_flat(tmp_path):
    out = tmp_path / "e.csv"
    write_events(sample_events(), out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    first = rows[0]
    assert first["actor"] == "Blinken|USA|GOV;Ebrard|MEX|GOV"
    assert first["actor_country"] == "USA;MEX" and first["recipient_sector"] == "GOV"
    assert (first["location_name"], first["location_lat"], first["location_lon"]) == ("Mexico City", "19.43", "-99.13")
    assert first["evidence_sentence"] == "Blinken and Ebrard met in Mexico City."
    assert (first["evidence_start"], first["evidence_end"]) == ("10", "48")
    assert first["context"] == "diplomacy;migration" and first["magnitude_size"] == "1200.0"
    assert rows[1]["aux"] == "negation" and rows[1]["recipient"] == "" and rows[1]["location_lat"] == ""


def test_parquet_is_typed(tmp_path):
    out = tmp_path / "e.parquet"
    write_events(sample_events(), out)
    table = pq.read_table(out)
    assert table.num_rows == 2
    row = table.to_pylist()[0]
    assert row["location_lat"] == 19.43 and row["evidence_start"] == 10 and row["magnitude_size"] == 1200.0
    assert row["magnitude_dead"] is None and json.loads(row["magnitude"])["dead"] == "several"
    assert str(table.schema.field("confidence").type) == "double"


def test_empty_exports_still_write_valid_files(tmp_path):
    for name in ("e.jsonl", "e.csv", "e.parquet"):
        assert write_events([], tmp_path / name) == 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
    assert (tmp_path / "e.csv").read_text().startswith("id,article_id,event_type")


def test_unknown_format_and_missing_folder_are_refused(tmp_path):
    with pytest.raises(ExportError, match="unknown output format '.xlsx'"):
        checked_output(tmp_path / "e.xlsx")
    with pytest.raises(ExportError, match="does not exist"):
        checked_output(tmp_path / "nowhere" / "e.csv")


def test_failed_export_leaves_no_partial_file(tmp_path):
    def broken():
        yield sample_events()[0]
        raise RuntimeError("store went away")

    out = tmp_path / "e.jsonl"
    with pytest.raises(RuntimeError):
        write_events(broken(), out)
    assert list(tmp_path.iterdir()) == []


def test_flat_row_has_every_column_once():
    row = flat_row(sample_events()[0])
    assert row["recipient"] == "Mexico City officials|MEX|GOV" and row["location_geonameid"] == 3530597


def test_table_and_explanation_render():
    console = Console(record=True, width=200)
    console.print(events_table(sample_events(), title="events"))
    for line in explained(sample_events()[0]):
        console.print(line)
    text = console.export_text()
    assert "CONSULT visit" in text and "Blinken USA/GOV" in text and "2022-10-21" in text
    assert "Mexico City, MEX" in text and "[negation]" in text
    assert "trigger 'met'" in text and "rule frame.subj" in text and "confidence 0.75" in text
