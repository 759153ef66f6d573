"""The DuckDB store: round trips, idempotent batch writes, rollback, filters and the input-order query."""
from __future__ import annotations

from datetime import date

import duckdb
import pytest

from dyads.schema import Article, Entity, Event, Location
from dyads.store import Store, StoreError


def article(n: int) -> Article:
    return Article(text=f"Article number {n}: the minister met the envoy.", title=f"A{n}", id=f"id{n}",
                   url=f"https://x.org/{n}", published="2022-10-22", source=f"file{n}.txt")


def event(a: Article, event_type: str = "CONSULT", aux: list[str] | None = None, start: int = 0,
          actor: str = "FRA", recipient: str | None = "DEU") -> Event:
    e = Event(event_type=event_type, mode=["visit"], aux=aux or [],
              actor=[Entity("the French minister", actor, "GOV", other_sectors=["ELI"])],
              recipient=[Entity("Berlin", recipient, "GOV")] if recipient else [],
              date="2022-10-21", date_precision="day",
              location=Location("Berlin", "DEU", "Berlin", 52.52, 13.40, geonameid=2950159, level="place"),
              magnitude={"size": 3}, evidence={"sentence": "the minister met the envoy", "start": start, "end": start + 26},
              context=["diplomacy"], quad="verbal cooperation", plover_score=5.0, cameo="042", goldstein=1.9,
              confidence=0.8, rule="frame.subj_obj", trigger="met", article_id=a.article_id)
    e.id = e.event_key()
    return e


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def test_events_round_trip_exactly(store):
    a = article(1)
    e = event(a)
    assert store.add([(a, [e])]) == 1
    [back] = store.events()
    assert back.to_dict() == e.to_dict()
    row = store.con.execute("SELECT key, id, published, n_events, text FROM articles").fetchall()
    assert row == [(a.key, "id1", date(2022, 10, 22), 1, a.text)]


def test_rerunning_a_batch_adds_nothing(store):
    batch = [(article(n), [event(article(n)), event(article(n), "ACCUSE", start=5)]) for n in range(5)]
    assert store.add(batch) == 10
    assert store.add(batch) == 0
    assert store.counts() == {"articles": 5, "events": 10, "excluded": 0}
    assert store.known_keys([article(1).key, article(99).key]) == {article(1).key}


def test_duplicate_events_within_a_batch_are_stored_once(store):
    a = article(1)
    assert store.add([(a, [event(a), event(a)])]) == 1


def test_failed_batch_is_rolled_back_whole(store):
    good, bad = article(1), article(2)
    broken = event(bad)
    broken.event_type = None  # violates NOT NULL
    with pytest.raises(duckdb.Error):
        store.add([(good, [event(good)]), (bad, [broken])])
    assert store.counts()["articles"] == 0
    assert store.add([(good, [event(good)])]) == 1


def test_excluded_events_are_kept_but_hidden_by_default(store):
    a = article(1)
    store.add([(a, [event(a), event(a, "ASSAULT", ["negation"], 10), event(a, "AID", ["hypothetical"], 20)])])
    assert [e.event_type for e in store.events()] == ["CONSULT"]
    assert sorted(e.event_type for e in store.events(include_excluded=True)) == ["AID", "ASSAULT", "CONSULT"]
    assert store.counts()["excluded"] == 2


def test_filters_by_type_and_country(store):
    a, b = article(1), article(2)
    store.add([(a, [event(a, actor="USA", recipient=None)]), (b, [event(b, "ACCUSE", actor="RUS", recipient="UKR")])])
    assert [e.event_type for e in store.events(event_type="accuse")] == ["ACCUSE"]
    assert [e.actor[0].country for e in store.events(country="ukr")] == ["RUS"]
    assert len(list(store.events(limit=1))) == 1


def test_events_of_given_articles_follow_their_order(store):
    arts = [article(n) for n in range(4)]
    store.add([(a, [event(a, start=20), event(a, "ACCUSE", start=3)]) for a in arts])
    order = [arts[2].key, arts[0].key, "unknown-key"]
    got = [(e.article_id, e.evidence["start"]) for e in store.events(order)]
    assert got == [("id2", 3), ("id2", 20), ("id0", 3), ("id0", 20)]


def test_abandoned_iteration_blocks_nothing(store):
    arts = [article(n) for n in range(3)]
    store.add([(a, [event(a)]) for a in arts])
    next(iter(store.events()))
    assert store.add([(article(9), [event(article(9))])]) == 1


def test_data_survives_reopening_and_read_only_use(tmp_path):
    path = tmp_path / "t.duckdb"
    with Store(path) as s:
        s.add([(article(1), [event(article(1))])])
    with Store(path, read_only=True) as s:
        assert s.counts()["events"] == 1


def test_clear_errors_for_missing_or_foreign_files(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "none.duckdb", read_only=True)
    junk = tmp_path / "junk.duckdb"
    junk.write_text("this is not a database")
    with pytest.raises(StoreError, match="cannot open"):
        Store(junk)
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (a INT)").close()
    with pytest.raises(StoreError, match="not a dyads store"):
        Store(other, read_only=True)
