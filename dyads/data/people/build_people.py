"""Builds people.csv and terms.csv (who held which office, where, when) from the shared reference data.

Run from the repository root: `python dyads/data/people/build_people.py [../shared/reference]`.
Sources (see README.md and LICENSE.md beside this file): EveryPolitician office-holder catalogues and the
Wikidata world-leaders union (CC0), the REIGN leader list (research use, cited), the PETRARCH2 Phoenix
actor dictionary (MIT). The hand-kept supplement.yml is laid over the result at load time, not here.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry
import yaml

from dyads.people import name_key, offices_config
from dyads.tabari import ActorBlock, country_of, read_blocks, sector_of

HERE = Path(__file__).resolve().parent
NAMES = yaml.safe_load((HERE / "names.yml").read_text(encoding="utf-8"))
EP_FIRST_YEAR = 2000        # the EveryPolitician catalogues hold terms overlapping 2000 and later
REIGN_FIRST_YEAR = 1980     # older REIGN leaders are left out
PHOENIX_END = "2014-12-31"  # the Phoenix dictionary's last day: open-ended roles of people no later source knows end here
HEADS = {"head of state", "head of government"}


@dataclass
class Draft:
    """A person being assembled: display name, alias spellings, terms as (country, office, sector, start, end, src)."""

    name: str
    aliases: list[str] = field(default_factory=list)
    terms: list[tuple] = field(default_factory=list)


def rules() -> list[tuple[re.Pattern, str | None, str | None]]:
    """The position-label rules of offices.yml, compiled."""
    return [(re.compile(r[0], re.I), r[1], r[2] if len(r) > 2 else None) for r in offices_config()["rules"]]


def classify(label: str, country_names: list[str], compiled: list) -> tuple[str | None, str | None]:
    """(office, forced country) of a position label, its "of <country>" tail cut off first."""
    for name in country_names:
        label = re.sub(rf"\s+of\s+(the\s+)?{re.escape(name)}$", "", label, flags=re.I)
    for pattern, office, country in compiled:
        if pattern.match(label.strip()):
            return office, country
    return None, None


def names_of_country(iso3: str, extra: str = "") -> list[str]:
    """The names a country goes by in position labels."""
    found = [extra.removeprefix("the ")] if extra else []
    country = pycountry.countries.get(alpha_3=iso3)
    if country:
        found += [getattr(country, a) for a in ("name", "common_name", "official_name") if hasattr(country, a)]
    return sorted({n for n in found if n}, key=len, reverse=True)


def clean_date(text: str) -> str:
    """A source date as YYYY, YYYY-MM or YYYY-MM-DD, or '' when unusable."""
    match = re.match(r"^(\d{4})(-\d{2})?(-\d{2})?", text.strip())
    return "".join(g for g in match.groups() if g) if match else ""


def everypolitician(source: Path, people: dict[str, Draft], country_qids: dict[str, str]) -> None:
    """Terms of the EveryPolitician catalogues, by person QID."""
    compiled = rules()
    with (source / "leaders" / "every_politician_officeholders.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["iso3"]:
                country_qids[row["jurisdiction_qid"]] = row["iso3"]
            names = names_of_country(row["iso3"], row["jurisdiction"]) if row["iso3"] else []
            office, forced = classify(row["position"], names, compiled)
            country = forced or row["iso3"]
            start, end = clean_date(row["start"]), clean_date(row["end"])
            if not office or not country or not start or (end and end < start):
                continue
            draft = people.setdefault(row["person_qid"], Draft(row["person"]))
            draft.terms.append((country, office, "", start, end, "ep"))


def wikidata_leaders(source: Path, people: dict[str, Draft], country_qids: dict[str, str]) -> None:
    """Heads of state and government 2021-2024 (years): new people and terms, and ends of open-ended terms."""
    compiled = rules()
    exceptions = offices_config()["leader_labels"]
    with (source / "leaders" / "wikidata_world_leaders_2021_2024_union.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    latest: dict[str, str] = defaultdict(str)
    for row in rows:
        latest[row["countryid"]] = max(latest[row["countryid"]], row["last_seen"])
    for row in rows:
        country = country_qids.get(row["countryid"]) or lookup_country(row["country"])
        label = row["positionLabel"]
        office = exceptions.get(label) or classify(label, names_of_country(country or "", row["country"]),
                                                   compiled)[0]
        if not country or office not in HEADS | {"minister"} or not row["start_year"].isdigit():
            continue
        end = row["end_year"] or (next_snapshot(rows, row) if row["last_seen"] < latest[row["countryid"]] else "")
        draft = people.setdefault(row["officeholder"], Draft(row["officeholderLabel"]))
        add_or_close(draft, (country, office, "", row["start_year"], end, "wd"))
    close_departed(rows, latest, people, country_qids)


def close_departed(rows: list[dict], latest: dict[str, str], people: dict[str, Draft],
                   country_qids: dict[str, str]) -> None:
    """Ends the open head-of-state/government terms of people the leader snapshots stopped listing
    (whatever position label Wikidata gave them), at the first snapshot without them."""
    last_rows = {}
    for row in rows:
        if row["last_seen"] >= last_rows.get(row["officeholder"], {}).get("last_seen", ""):
            last_rows[row["officeholder"]] = row
    for qid, row in last_rows.items():
        country = country_qids.get(row["countryid"])
        if qid not in people or row["last_seen"] >= latest[row["countryid"]]:
            continue
        end = next_snapshot(rows, row)
        people[qid].terms = [(*t[:4], end, t[5]) if t[1] in HEADS and t[0] == country and not t[4] and t[3] < end
                             else t for t in people[qid].terms]


def lookup_country(name: str) -> str | None:
    """ISO3 of a country name, None when pycountry does not know it."""
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def next_snapshot(rows: list[dict], row: dict) -> str:
    """The first snapshot date of the same country after the row was last seen (by then the holder had left)."""
    later = [r["first_seen"] for r in rows if r["countryid"] == row["countryid"] and r["first_seen"] > row["last_seen"]]
    return min(later, default=row["last_seen"])


def add_or_close(draft: Draft, term: tuple) -> None:
    """Adds a term, unless the person already has that office then; an open-ended one gets the new term's end."""
    country, office, _, start, end, _ = term
    for i, old in enumerate(draft.terms):
        if old[1] == office and old[0] == country and (not old[4] or old[4][:4] >= start[:4]):
            if not old[4] and end and end[:4] >= old[3][:4]:
                draft.terms[i] = (*old[:4], end, old[5])
            return
    draft.terms.append(term)


def close_succeeded(people: dict[str, Draft]) -> None:
    """Ends an open head-of-state/government term where someone else took the same office later."""
    starts = defaultdict(list)
    for qid, draft in people.items():
        for t in draft.terms:
            if t[1] in HEADS:
                starts[(t[0], t[1])].append((t[3], qid))
    for qid, draft in people.items():
        for i, t in enumerate(draft.terms):
            if t[1] in HEADS and not t[4]:
                later = [s for s, other in starts[(t[0], t[1])] if other != qid and s[:4] > t[3][:4]]
                if later:
                    draft.terms[i] = (*t[:4], min(later), t[5])


def reign(source: Path, people: dict[str, Draft]) -> None:
    """REIGN effective leaders: short names as aliases of known leaders, earlier terms, and leaders no one else has."""
    with (source / "leaders" / "reign_leaderlist_2021_03.csv").open(encoding="utf-8", errors="replace") as fh:
        rows = [r for r in csv.DictReader(fh) if not r["eyear"] or int(r["eyear"]) >= REIGN_FIRST_YEAR]
    by_last = defaultdict(list)
    for qid, draft in people.items():
        for last in name_key(draft.name).split()[-1:]:
            by_last[last].append(qid)
    cow_iso: dict[str, Counter] = defaultdict(Counter)
    unmatched = []
    for row in rows:
        start, end = reign_date(row["syear"], row["smonth"], row["sdate"]), reign_date(row["eyear"], row["emonth"])
        qid = reign_match(row["leader"], start, end or "9999", people, by_last)
        if qid is None:
            unmatched.append((row, start, end))
            continue
        draft = people[qid]
        cow_iso[row["stateabb"]][draft.terms[0][0]] += 1
        draft.aliases.append(row["leader"])
        if int(row["syear"]) < EP_FIRST_YEAR:  # the catalogues hold the rest of the term
            early_end = end if end and end[:4] < str(EP_FIRST_YEAR) else str(EP_FIRST_YEAR - 1)
            draft.terms.append((draft.terms[0][0], "national leader", "", start, early_end, "reign"))
    for row, start, end in unmatched:  # a leader still in office in 2000 is in the catalogues under another spelling
        country = cow_iso[row["stateabb"]].most_common(1)[0][0] if cow_iso[row["stateabb"]] else None
        if country and end and end[:4] < str(EP_FIRST_YEAR) and usable_reign_name(row["leader"]):
            people.setdefault(f"reign:{row['leadid']}", Draft(row["leader"])).terms.append(
                (country, "national leader", "", start, end, "reign"))


def usable_reign_name(name: str) -> bool:
    """False for joint entries and for one-word names that are common words ("Major")."""
    key = name_key(name)
    return len(key) > 3 and " and " not in f" {key} " and key not in NAMES["surname_stoplist"]


def reign_date(year: str, month: str, day: str = "") -> str:
    """A REIGN date as ISO text, as precise as given ('' when no year)."""
    if not year:
        return ""
    return "-".join([year] + [f"{int(p):02d}" for p in (month, day) if p])


def reign_match(leader: str, start: str, end: str, people: dict[str, Draft], by_last: dict) -> str | None:
    """The QID of the head of state or government with the REIGN name's last word and its other words (initials
    aside) whose terms overlap the REIGN term."""
    words = name_key(leader).split()
    if not words:
        return None
    for qid in by_last.get(words[-1], ()):
        known = set(name_key(people[qid].name).split())
        if not all(w in known for w in words if len(w) > 1):
            continue
        if any(t[1] in HEADS and t[3][:4] <= end[:4] and (not t[4] or t[4][:4] >= start[:4])
               for t in people[qid].terms):
            return qid
    return None


def phoenix(source: Path, people: dict[str, Draft]) -> None:
    """Phoenix person records: aliases and pre-2000 roles of known people; everyone else with their dated roles."""
    by_key = defaultdict(list)
    for qid, draft in people.items():
        by_key[name_key(draft.name)].append(qid)
    blocks = read_blocks(source / "petrarch2" / "Phoenix.Countries.actors.txt") + \
        read_blocks(source / "petrarch2" / "Phoenix.International.actors.txt")
    for n, block in enumerate(blocks):
        roles = phoenix_terms(block)
        if not roles:
            continue
        countries = {r[0] for r in roles}
        known = [q for name in block.names for q in by_key.get(name_key(name), ())
                 if countries & {t[0] for t in people[q].terms}]
        if known:
            draft = people[known[0]]
            draft.aliases += block.names
            draft.terms += [r for r in roles if r[4] and r[4][:4] < str(EP_FIRST_YEAR)]
        elif block.person:
            people[f"phoenix:{n}"] = Draft(block.names[0].title(), block.names[1:],
                                           [r[:4] + (r[4] or PHOENIX_END, r[5]) for r in roles])


def phoenix_terms(block: ActorBlock) -> list[tuple]:
    """The dated, non-ELI roles of a Phoenix record as terms."""
    terms = []
    for role in block.roles:
        country, sector = country_of(role.code), sector_of(role.code)
        if not role.dated or sector in (None, "ELI") or not country or not role.start:
            continue
        end = role.end.isoformat() if role.end else ""
        terms.append((country, "official", sector, role.start.isoformat(), end, "phoenix"))
    return terms


def usable_alias(alias: str) -> bool:
    """False for aliases carrying titles or descriptions ("President Obama", "Senator Obama")."""
    words = name_key(alias).split()
    titles = set(NAMES["titles"])
    return bool(words) and not any(w in titles for w in words) and len(words) <= 5


def name_countries(people: dict[str, Draft]) -> dict[str, set[str]]:
    """For each last word of a name and each one-word alias: the countries of the prominent people it may name.

    Prominent: holding an office of rank NAMES["prominent_rank"] or better (ministers and above)."""
    ranks = {office: spec["rank"] for office, spec in offices_config()["offices"].items()}
    countries = defaultdict(set)
    for draft in people.values():
        if not any(ranks.get(t[1], 99) <= NAMES["prominent_rank"] for t in draft.terms):
            continue
        held = {t[0] for t in draft.terms}
        for alias in [draft.name, *draft.aliases]:
            words = name_key(alias).split()
            if words:
                countries[words[-1]] |= held
    return countries


def surname_aliases(people: dict[str, Draft], countries: dict[str, set[str]]) -> None:
    """Last names alone for top office holders, where every person with that last name is of the same country."""
    family_first = set(NAMES["family_name_first"])
    stop = set(NAMES["surname_stoplist"])
    for draft in people.values():
        if not draft.terms or draft.terms[0][0] in family_first:
            continue
        if not any(t[1] in NAMES["surname_offices"] for t in draft.terms):
            continue
        last = (name_key(draft.name).split() or [""])[-1]
        if len(last) >= NAMES["min_surname_length"] and last not in stop and len(countries[last]) == 1:
            draft.aliases.append(last)


def keys_of(draft: Draft, stop: set[str], shared: dict[str, set[str]]) -> list[str]:
    """The lookup keys of a person: the name first, then usable aliases (one-word ones only if unambiguous)."""
    keys = [name_key(draft.name)]
    for alias in draft.aliases:
        key = name_key(alias)
        if not usable_alias(alias) or key in keys:
            continue
        if " " not in key and (key in stop or len(shared.get(key, ())) > 1 or len(key) < 3):
            continue
        keys.append(key)
    return keys


def write(people: dict[str, Draft], shared: dict[str, set[str]]) -> None:
    """people.csv (id, name, keys) and terms.csv (id, country, office, sector, start, end, source)."""
    stop = set(NAMES["surname_stoplist"])
    rows = sorted((d for d in people.values() if d.terms and name_key(d.name) and not re.fullmatch(r"Q\d+", d.name)),
                  key=lambda d: d.name)
    with (HERE / "people.csv").open("w", newline="", encoding="utf-8") as pf, \
            (HERE / "terms.csv").open("w", newline="", encoding="utf-8") as tf:
        pw, tw = csv.writer(pf), csv.writer(tf)
        pw.writerow(["id", "name", "keys"])
        tw.writerow(["id", "country", "office", "sector", "start", "end", "source"])
        for n, draft in enumerate(rows):
            pw.writerow([n, draft.name, "|".join(keys_of(draft, stop, shared))])
            for term in sorted(set(draft.terms), key=lambda t: (t[3], tuple(str(v) for v in t))):
                tw.writerow([n, *term])


def main(source: Path) -> None:
    people: dict[str, Draft] = {}
    country_qids: dict[str, str] = {}
    everypolitician(source, people, country_qids)
    wikidata_leaders(source, people, country_qids)
    close_succeeded(people)
    reign(source, people)
    phoenix(source, people)
    countries = name_countries(people)
    surname_aliases(people, countries)
    write(people, countries)
    print(f"{len(people)} people built from {source} on {date.today().isoformat()}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference"))
