"""Converts the PETRARCH2 Phoenix actor and agent dictionaries into the compact CSV lexicons beside this file.

Run from the repository root: `python dyads/data/actors/build_phoenix.py [../shared/reference/petrarch2]`.
Writes places.phoenix.csv (name,country,kind), actors.phoenix.csv (name,country,sector) and
agents.phoenix.csv (name,sector). The source dictionaries are MIT (see LICENSE-petrarch2.txt).
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from dyads.tabari import ActorBlock, cameo_codes, clean_phrase, country_of, is_country, read_blocks, sector_of

HERE = Path(__file__).resolve().parent
CODES = cameo_codes()


def current_code(block: ActorBlock) -> str | None:
    """The role code in force at the dictionary's end: the last undated or open-ended one; None when all ended."""
    return next((r.code for r in reversed(block.roles) if r.end is None), None)


def place_rows(blocks: list[ActorBlock]) -> list[tuple[str, str, str]]:
    """(name, country, kind) for country blocks; kind 'name' for the country's own names, 'place' for its cities."""
    rows = []
    for b in blocks:
        code = current_code(b)
        if b.person or not code or len(code) != 3 or not is_country(code):
            continue
        stems = {w[:4] for w in b.names[0].split() if len(w) >= 4}
        for name in b.names:
            kind = "name" if name == b.names[0] or name[:4] in stems or len(name.replace(".", "")) <= 3 else "place"
            rows.append((name, code, kind))
    return sorted(rows, key=lambda row: row[2] != "name")


def actor_rows(blocks: list[ActorBlock], institutions_only: bool) -> list[tuple[str, str, str]]:
    """(name, country, sector) for organisations and people with a current role."""
    rows = []
    for b in blocks:
        code = current_code(b)
        if not code or (institutions_only and (b.person or len(code) <= 3)):
            continue
        country = country_of(code)
        sector = sector_of(code)
        if country or sector:
            rows.extend((name, country or "", sector or "") for name in b.names if usable(name))
    return rows


def usable(name: str) -> bool:
    """False for names that are common words, numbers or broken entries rather than names."""
    return bool(name) and name[0].isalpha() and name.lower() not in CODES["skip_names"]


def agent_rows(path: Path) -> list[tuple[str, str]]:
    """(noun phrase, sector) from Phoenix.agents.txt, with its substitution sets expanded."""
    subs: dict[str, list[str]] = {}
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#")[0].strip()
        if body.startswith("!") and "=" in body:
            key, values = body.split("=", 1)
            subs[key.strip()] = [v.strip() for v in values.split(",")]
            continue
        codes = re.findall(r"\[~([A-Z]*)\]", body)
        if not codes:
            continue
        sector = next((CODES["sectors"][codes[0][i:i + 3]] for i in range(0, len(codes[0]), 3)
                       if codes[0][i:i + 3] in CODES["sectors"]), None)
        plural = re.findall(r"\{([^}]*)\}", body)
        for phrase in [body.split("[")[0]] + plural:
            for expanded in expand(phrase, subs):
                name = clean_phrase(expanded)
                if sector and name:
                    rows.append((name, sector))
    return rows


def expand(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    """Every phrase a substitution-set pattern such as CATTLE!PERSON! stands for."""
    match = re.search(r"![A-Z]+!", phrase)
    if not match or match.group(0) not in subs:
        return [phrase]
    return [p for v in subs[match.group(0)] for p in expand(phrase.replace(match.group(0), v, 1), subs)]


def write(path: Path, header: list[str], rows: list[tuple]) -> None:
    """A CSV with the header and the rows, deduplicated by name (first wins), names lowercased."""
    seen: set[str] = set()
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for row in rows:
            key = row[0].lower()
            if key not in seen:
                seen.add(key)
                out.writerow([key, *row[1:]])


def main(source: Path) -> None:
    countries = read_blocks(source / "Phoenix.Countries.actors.txt", spaced_bounds=True)
    write(HERE / "places.phoenix.csv", ["name", "country", "kind"], place_rows(countries))
    groups = read_blocks(source / "Phoenix.MilNonState.actors.txt", spaced_bounds=True) + \
        read_blocks(source / "Phoenix.International.actors.txt", spaced_bounds=True)
    write(HERE / "actors.phoenix.csv", ["name", "country", "sector"],
          actor_rows(countries, True) + actor_rows(groups, False))
    write(HERE / "agents.phoenix.csv", ["name", "sector"], agent_rows(source / "Phoenix.agents.txt"))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/petrarch2"))
