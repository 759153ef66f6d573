"""The DuckDB store: one schema for articles and events, transactional batch writes, the shared queries."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dyads.schema import Article, Event

SCHEMA_VERSION = "1"
_ENTITY = "STRUCT(text VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR, other_sectors VARCHAR[], source VARCHAR)"
_LOCATION = ("STRUCT(text VARCHAR, country VARCHAR, name VARCHAR, lat DOUBLE, lon DOUBLE, admin1 VARCHAR, "
             "geonameid BIGINT, level VARCHAR)")
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS dyads_meta (name VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    key VARCHAR PRIMARY KEY,        -- schema.article_key: hash of the normalised text
    id VARCHAR, title VARCHAR, url VARCHAR, published DATE, language VARCHAR, source VARCHAR,
    text VARCHAR, n_events INTEGER, coded_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,         -- Event.event_key()
    article_key VARCHAR NOT NULL, article_id VARCHAR,
    event_type VARCHAR NOT NULL, mode VARCHAR[], aux VARCHAR[],
    excluded BOOLEAN,               -- negated or hypothetical: left out of outputs by default
    actor {_ENTITY}[], recipient {_ENTITY}[],
    actor_country VARCHAR, recipient_country VARCHAR,  -- first known country of each side, for queries
    date VARCHAR, date_precision VARCHAR,              -- YYYY-MM-DD, YYYY-MM or YYYY
    location {_LOCATION},
    magnitude VARCHAR,              -- JSON object
    evidence_sentence VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
    context VARCHAR[], quad VARCHAR, plover_score DOUBLE, cameo VARCHAR, goldstein DOUBLE,
    confidence DOUBLE, rule VARCHAR, trigger VARCHAR
);
CREATE INDEX IF NOT EXISTS events_article ON events (article_key);
CREATE INDEX IF NOT EXISTS events_type ON events (event_type);
CREATE INDEX IF NOT EXISTS events_date ON events (date);
CREATE INDEX IF NOT EXISTS events_actor_country ON events (actor_country);
CREATE INDEX IF NOT EXISTS events_recipient_country ON events (recipient_country);
CREATE INDEX IF NOT EXISTS events_location_country ON events ((location.country));
CREATE INDEX IF NOT EXISTS events_location_admin1 ON events ((location.admin1));
CREATE INDEX IF NOT EXISTS events_location_place ON events ((location.geonameid));
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
"""


class StoreError(RuntimeError):
    """The store cannot be opened or used; the message says why."""


class Store:
    """An open dyads.duckdb file."""

    def __init__(self, path: Path | str, read_only: bool = False):
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path} (create one with `dyads code ... --db {self.path}`)")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as e:
            raise StoreError(f"cannot open {self.path}: {_first_line(e)}") from None
        if not read_only:
            self.con.execute(SCHEMA)
            self.con.execute("INSERT OR IGNORE INTO dyads_meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        self._check_version()
        self._arrow = {t: self.con.sql(f"SELECT * FROM {t} LIMIT 0").to_arrow_table().schema
                       for t in ("articles", "events")}

    def _check_version(self) -> None:
        try:
            rows = self.con.execute("SELECT value FROM dyads_meta WHERE name = 'schema_version'").fetchall()
        except duckdb.Error:
            rows = []
        if rows != [(SCHEMA_VERSION,)]:
            self.con.close()
            raise StoreError(f"{self.path} is not a dyads store of schema version {SCHEMA_VERSION}")

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def known_keys(self, keys: Iterable[str]) -> set[str]:
        """Those of the article keys that are already stored."""
        wanted = pa.table({"key": pa.array(list(keys), pa.string())})
        self.con.register("wanted_keys", wanted)
        try:
            rows = self.con.execute("SELECT a.key FROM articles a JOIN wanted_keys w ON a.key = w.key").fetchall()
        finally:
            self.con.unregister("wanted_keys")
        return {r[0] for r in rows}

    def add(self, coded: list[tuple[Article, list[Event]]]) -> int:
        """Store a batch of coded articles and their events in one transaction; the number of new events."""
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        articles = [article_row(a, len(ev), now) for a, ev in coded]
        events = list({e.id or e.event_key(): event_row(e, a.key) for a, ev in coded for e in ev}.values())
        before = self.event_count()
        self.con.begin()
        try:
            self._insert("articles", articles)
            self._insert("events", events)
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return self.event_count() - before

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        batch = pa.Table.from_pylist(rows, schema=self._arrow[table])
        self.con.register("batch_rows", batch)
        try:
            self.con.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM batch_rows")
        finally:
            self.con.unregister("batch_rows")

    def event_count(self) -> int:
        return self.con.execute("SELECT count(*) FROM events").fetchall()[0][0]

    def counts(self) -> dict[str, int]:
        """Stored articles, events, and events left out by default."""
        articles = self.con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        events, excluded = self.con.execute("SELECT count(*), count(*) FILTER (excluded) FROM events").fetchall()[0]
        return {"articles": articles, "events": events, "excluded": excluded}

    def events(self, article_keys: list[str] | None = None, include_excluded: bool = False,
               event_type: str | None = None, country: str | None = None,
               limit: int | None = None) -> Iterator[Event]:
        """Stored events, optionally of the given articles (in that order), of one type or involving a country."""
        where, params = ["TRUE"], []
        if not include_excluded:
            where.append("NOT e.excluded")
        if event_type:
            where.append("e.event_type = ?")
            params.append(event_type.upper())
        if country:
            where.append("? IN (e.actor_country, e.recipient_country)")
            params.append(country.upper())
        join, order = "", "e.date DESC NULLS LAST, e.article_key, e.evidence_start"
        cursor = self.con.cursor()  # its own connection: an abandoned iteration blocks nothing else
        if article_keys is not None:
            cursor.register("run_keys", pa.table({"seq": pa.array(range(len(article_keys)), pa.int64()),
                                                  "key": pa.array(article_keys, pa.string())}))
            join, order = "JOIN run_keys r ON r.key = e.article_key", "r.seq, e.evidence_start, e.id"
        sql = f"SELECT e.* FROM events e {join} WHERE {' AND '.join(where)} ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        try:
            result = cursor.execute(sql, params)
            names = [d[0] for d in result.description]
            while rows := result.fetchmany(1000):
                yield from (event_from_row(dict(zip(names, r))) for r in rows)
        finally:
            cursor.close()


def article_row(article: Article, n_events: int, coded_at: datetime) -> dict[str, Any]:
    """The `articles` row of an article."""
    return {"key": article.key, "id": article.id, "title": article.title, "url": article.url,
            "published": _date_or_none(article.published), "language": article.language,
            "source": article.source, "text": article.text, "n_events": n_events, "coded_at": coded_at}


def event_row(event: Event, article_key: str) -> dict[str, Any]:
    """The `events` row of an event."""
    d = event.to_dict()
    evidence = d.pop("evidence") or {}
    d.update(id=event.id or event.event_key(), article_key=article_key, excluded=event.excluded_by_default,
             actor_country=_first_country(event.actor), recipient_country=_first_country(event.recipient),
             magnitude=json.dumps(d["magnitude"] or {}, ensure_ascii=False), evidence_sentence=evidence.get("sentence"),
             evidence_start=evidence.get("start"), evidence_end=evidence.get("end"))
    return d


def event_from_row(row: dict[str, Any]) -> Event:
    """The Event stored in an `events` row."""
    row = dict(row)
    row["magnitude"] = json.loads(row["magnitude"] or "{}")
    row["evidence"] = {"sentence": row.pop("evidence_sentence"), "start": row.pop("evidence_start"),
                       "end": row.pop("evidence_end")}
    return Event.from_dict(row)


def _first_country(entities: list) -> str | None:
    return next((e.country for e in entities if e.country), None)


def _date_or_none(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
