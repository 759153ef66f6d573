"""Converts the PETRARCH2 Phoenix actor and agent dictionaries into the compact CSV lexicons beside this file.

Run from the repository root: `python dyads/data/actors/build_phoenix.py [../shared/reference/petrarch2]`.
Writes places.phoenix.csv (name,country,kind), actors.phoenix.csv (name,country,sector) and
agents.phoenix.csv (name,sector). The source dictionaries are MIT (see LICENSE-petrarch2.txt).
"""
from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
import yaml

HERE = Path(__file__).resolve().parent
CODES = yaml.safe_load((HERE / "cameo_codes.yaml").read_text(encoding="utf-8"))
ISO3 = {c.alpha_3 for c in pycountry.countries} | set(CODES["extra_countries"])
CODE_RE = re.compile(r"\[([^\]]*)\]")


@dataclass
class Block:
    """One dictionary entry: its names and its role codes (with date restrictions)."""

    names: list[str]
    codes: list[str] = field(default_factory=list)
    person: bool = False


def clean_name(raw: str) -> str:
    """A dictionary phrase as plain words: underscores to spaces, comments and brackets dropped."""
    raw = raw.split("#")[0].split("[")[0]
    raw = re.sub(r"\{[^}]*\}", "", raw)
    raw = re.sub(r"\([^)]*\)", "", raw)
    return re.sub(r"\s+", " ", raw.replace("_", " ")).strip(" ,")


def blocks_of(path: Path) -> list[Block]:
    """The entries of a TABARI .actors file."""
    blocks: list[Block] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#")[0]
        if not body.strip():
            continue
        if line[0] in " \t":
            if blocks:
                blocks[-1].codes += CODE_RE.findall(body)
        elif line[0] == "+":
            if blocks:
                blocks[-1].names.append(clean_name(line[1:]))
        else:
            blocks.append(Block([clean_name(line)], CODE_RE.findall(body), "CountryInfo" in line))
    return [b for b in blocks if b.codes and b.names[0]]


def current_code(codes: list[str]) -> str | None:
    """The role code in force now: undated or open-ended; None when every role has ended."""
    open_ended = [c.split()[0] for c in codes if len(c.split()) == 1 or c.split()[1].startswith(">")]
    live = [c for c in open_ended if c and c != "---"]
    return live[-1] if live else None


def country_of(code: str) -> str | None:
    """ISO3 or non-state country code of a CAMEO actor code."""
    for prefix, country in CODES["prefixes"].items():
        if code.startswith(prefix):
            return country
    return code[:3] if code[:3] in ISO3 else None


def sector_of(code: str, country: str | None) -> str | None:
    """The first PLOVER sector named by the code's three-letter parts, else the default for its country kind."""
    if code[:3] in CODES["forced_sectors"]:
        return CODES["forced_sectors"][code[:3]]
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    skip = 1 if (country and code.startswith(country)) or code[:3] in CODES["kind_sectors"] else 0
    named = [CODES["sectors"][p] for p in parts[skip:] if p in CODES["sectors"]]
    if named[:1] == ["GOV"] and named[1:2] and named[1] in CODES["specific_after_gov"]:
        return named[1]
    if named:
        return named[0]
    return CODES["kind_sectors"].get(code[:3], "GOV" if country else None)


def place_rows(blocks: list[Block]) -> list[tuple[str, str, str]]:
    """(name, country, kind) for country blocks; kind 'name' for the country's own names, 'place' for its cities."""
    rows = []
    for b in blocks:
        code = current_code(b.codes)
        if b.person or not code or len(code) != 3 or code not in ISO3:
            continue
        stems = {w[:4] for w in b.names[0].split() if len(w) >= 4}
        for name in b.names:
            kind = "name" if name == b.names[0] or name[:4] in stems or len(name.replace(".", "")) <= 3 else "place"
            rows.append((name, code, kind))
    return sorted(rows, key=lambda row: row[2] != "name")


def actor_rows(blocks: list[Block], institutions_only: bool) -> list[tuple[str, str, str]]:
    """(name, country, sector) for organisations and people with a current role."""
    rows = []
    for b in blocks:
        code = current_code(b.codes)
        if not code or (institutions_only and (b.person or len(code) <= 3)):
            continue
        country = country_of(code)
        sector = sector_of(code, country)
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
                name = clean_name(expanded)
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
    countries = blocks_of(source / "Phoenix.Countries.actors.txt")
    write(HERE / "places.phoenix.csv", ["name", "country", "kind"], place_rows(countries))
    groups = blocks_of(source / "Phoenix.MilNonState.actors.txt") + \
        blocks_of(source / "Phoenix.International.actors.txt")
    write(HERE / "actors.phoenix.csv", ["name", "country", "sector"],
          actor_rows(countries, True) + actor_rows(groups, False))
    write(HERE / "agents.phoenix.csv", ["name", "sector"], agent_rows(source / "Phoenix.agents.txt"))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/petrarch2"))
