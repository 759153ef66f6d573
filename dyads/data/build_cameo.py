"""Builds dyads/data/cameo.csv (PLOVER type+mode -> CAMEO code, Goldstein) from the CAMEO2PLOVER table.

Run from the repository root: `python dyads/data/build_cameo.py [path/to/CAMEO2PLOVER-2021.txt]`
(default `../shared/reference/plover/CAMEO2PLOVER-2021.txt`). Inputs besides the table: plover.yml (valid
types and modes), cameo_rules.yml (mode aliases and hand-picked codes) and goldstein.csv (scores).
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_TABLE = HERE.parents[1] / ".." / "shared" / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"
LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#\s*(.*)$")


def table_rows(text: str) -> list[tuple[str, str, str, str]]:
    """(code, type, raw mode, description) for every code line of the conversion table."""
    rows = []
    for line in text.splitlines():
        m = LINE.match(line.strip())
        if m:
            code, etype, mode, _context, desc = m.groups()
            rows.append((code, etype, mode.strip(), desc.strip()))
    return rows


def plover_mode(etype: str, raw: str, aliases: dict, modes: dict) -> str:
    """The PLOVER 2.0 mode ("" for none) a table mode stands for; fails on a mode we cannot place."""
    type_aliases = aliases.get(etype, {})
    mode = type_aliases[raw] if raw in type_aliases else raw
    mode = mode or ""
    if mode and mode not in modes[etype]["modes"]:
        raise ValueError(f"table mode {etype}/{raw!r} is not a PLOVER 2.0 mode; add an alias")
    return mode


def most_general(codes: list[str]) -> str:
    """The code with the fewest digits, then the lowest."""
    return min(codes, key=lambda c: (len(c), c))


def cameo_rows(rows, types: dict, rules: dict, goldstein: dict) -> list[dict]:
    """One output row per PLOVER type and per (type, mode)."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for code, etype, raw, _ in rows:
        grouped.setdefault((etype, plover_mode(etype, raw, rules["aliases"], types)), []).append(code)
    described = {code: desc for code, _, _, desc in rows}
    out = []
    for etype, spec in types.items():
        for mode in ["", *spec["modes"]]:
            chosen = rules["chosen"].get(etype, {}).get(mode)
            code = chosen or most_general(grouped[(etype, mode)])
            out.append({"event_type": etype, "mode": mode, "cameo": code, "goldstein": goldstein[code],
                        "description": described[code], "basis": "chosen" if chosen else "table"})
    return out


def main(table_path: Path) -> None:
    types = yaml.safe_load((HERE / "plover.yml").read_text())["types"]
    rules = yaml.safe_load((HERE / "cameo_rules.yml").read_text())
    with open(HERE / "goldstein.csv", newline="") as f:
        goldstein = {r["cameo"]: float(r["goldstein"]) for r in csv.DictReader(f)}
    out = cameo_rows(table_rows(table_path.read_text()), types, rules, goldstein)
    with open(HERE / "cameo.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(out[0]))
        writer.writeheader()
        writer.writerows(out)
    print(f"wrote {len(out)} rows to {HERE / 'cameo.csv'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TABLE)
