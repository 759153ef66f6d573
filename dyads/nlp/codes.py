"""Turns candidate events into final records: recoding, dedup within the article, CAMEO/Goldstein/quad."""
from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from dyads import ontology
from dyads.nlp.lexicon import load_lexicon
from dyads.nlp.places import LEVELS
from dyads.nlp.roles import as_enforcers, as_suspects, harmonised, implied, resolve_implied, roles
from dyads.nlp.work import Candidate, work_of
from dyads.schema import Event, Location

FUTURE_RECODE = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE"}
HISTORICAL_DAYS = 60
STATISTIC_COUNT = 1000
TOKEN_SCRATCH = {"dyads_actor"}
MODE_DISTINCT = {"REQUEST", "REJECT"}
SEPARABLE = {"ASSAULT", "ACCUSE"}  # types whose different verbs in different sentences tell different actions


@Language.factory("dyads_codes")
def make_component(nlp: Language, name: str):
    return assemble


def assemble(doc: Doc) -> Doc:
    """Write doc._.events (plain dicts, so Docs can cross process boundaries) and drop the scratch state."""
    work = work_of(doc)
    published = work.meta.get("published")
    cands = [recode(c, published) for c in resolve_implied(harmonised(work.candidates)) if not is_statistic(c)]
    for cand in cands:
        as_suspects(cand, doc[cand.sent_start:cand.sent_end])
    doc._.events = [record(doc, c, work.meta.get("article_id")).to_dict() for c in deduplicate(cands, published)]
    doc._.dyads_work = None
    drop_token_scratch(doc)
    return doc


def drop_token_scratch(doc: Doc) -> None:
    """Remove per-token scratch values (Python objects) so the Doc can be serialised across processes."""
    for key in [k for k in doc.user_data if isinstance(k, tuple) and len(k) > 1 and k[1] in TOKEN_SCRATCH]:
        del doc.user_data[key]


def recode(cand: Candidate, published: str | None) -> Candidate:
    """PLOVER's re-coding: future cooperation is AGREE, future retreat CONCEDE; old events are historical."""
    for side, table in load_lexicon().recode_by_sector.items():
        by_sector = table.get("/".join([cand.event_type] + cand.mode[:1]), {})
        sectors = {e.sector for e in getattr(cand, side)}
        if len(sectors) == 1 and sectors <= by_sector.keys():
            cand.event_type, _, mode = by_sector[sectors.pop()].partition("/")
            cand.mode = [mode] if mode else []
    if "future" in cand.aux and cand.event_type in FUTURE_RECODE:
        cand.event_type = FUTURE_RECODE[cand.event_type]
        cand.mode = []
    cand.mode = [m for m in cand.mode if ontology.is_valid(cand.event_type, m)]
    as_enforcers(cand)
    if cand.location is not None and cand.location.country:
        for ent in cand.actor:
            if ent.source == "default" and ent.text.startswith("["):
                ent.country = cand.location.country
    if is_historical(cand.date, published) and "historical" not in cand.aux:
        cand.aux = sorted(cand.aux + ["historical"])
    return cand


def is_statistic(cand: Candidate) -> bool:
    """'More than 150,000 migrants were arrested': a count with no one named as doing it is a statistic, not
    an event (CODING.md)."""
    counts = [v for v in cand.magnitude.values() if isinstance(v, (int, float))]
    return unnamed(cand) and any(v >= STATISTIC_COUNT for v in counts)


def is_historical(event_date: str | None, published: str | None) -> bool:
    """An event dated well before the article's publication."""
    if not event_date or not published:
        return False
    try:
        first = date.fromisoformat((event_date + "-01-01"[len(event_date) - 4:])[:10])  # YYYY / YYYY-MM: first day
        return (date.fromisoformat(published[:10]) - first).days > HISTORICAL_DAYS
    except ValueError:
        return False


def action_key(cand: Candidate) -> tuple:
    """Type, plus the mode where one sentence can carry several different demands or refusals."""
    return cand.event_type, tuple(cand.mode) if cand.event_type in MODE_DISTINCT else ()


def dyad_key(cand: Candidate) -> tuple:
    """What makes two mentions the same real-world action in one article."""
    return (action_key(cand), frozenset(roles(cand.actor)), frozenset(roles(cand.recipient)), "negation" in cand.aux,
            cand.trigger if cand.inferred else None)


def informativeness(cand: Candidate, published: str | None = None) -> tuple:
    """Prefer mentions with named (not implied) actors, a recipient, a date the text states, a place, numbers."""
    named = sum(1 for e in cand.actor + cand.recipient if e.source != "default")
    stated_date = cand.date is not None and cand.date != published
    return (cand.confidence, named, bool(cand.recipient), stated_date, bool(cand.magnitude),
            cand.location is not None, cand.date_precision == "day", -cand.sent_start)


def unnamed(cand: Candidate) -> bool:
    """The sentence itself names no actor: implied, or taken from another event of the article."""
    return cand.inferred or implied(cand)


def same_action(a: Candidate, b: Candidate) -> bool:
    """Two mentions of one action in a sentence: same type, and the same verb, or recipients that agree, or
    one side without recipient or actor of its own."""
    texts_a, texts_b = {e.text for e in a.recipient}, {e.text for e in b.recipient}
    return (a.rule == b.rule or not texts_a or not texts_b or bool(texts_a & texts_b)
            or unnamed(a) or unnamed(b))


def per_sentence(cands: list[Candidate]) -> list[Candidate]:
    """Within a sentence, one event per action; distinct recipients of the same type stay distinct."""
    kept: list[Candidate] = []
    for cand in cands:
        twin = next((k for k in kept if k.sent_start == cand.sent_start and action_key(k) == action_key(cand)
                     and same_action(k, cand)), None)
        if twin is None:
            kept.append(cand)
        else:
            best, other = (cand, twin) if informativeness(cand) > informativeness(twin) else (twin, cand)
            best.location = finer(best.location, other.location)
            kept[kept.index(twin)] = best
    return kept


def finer(one: Location | None, other: Location | None) -> Location | None:
    """The more specific of two locations of one action (a place over a division over a country)."""
    rank = {level: i for i, level in enumerate(LEVELS)}
    return min((loc for loc in (one, other) if loc), key=lambda loc: rank.get(loc.level, len(rank)), default=None)


def without_subsumed(cands: list[Candidate]) -> list[Candidate]:
    """'Maoists opened fire' after 'Maoists attacked a CRPF troop': a mention naming no recipient is dropped when
    the article has the same action by the same actor against someone."""
    full = {(action_key(c), frozenset(roles(c.actor))) for c in cands if c.recipient}
    return [c for c in cands if c.recipient or (action_key(c), frozenset(roles(c.actor))) not in full]


def told_apart(group: list[Candidate]) -> list[list[Candidate]]:
    """Mentions of one dyad split into actions: two mentions stating disjoint modes ('thrashed the labourers',
    'torched two vehicles') or specific verbs are different actions; a mention joins the first action it does not
    contradict."""
    actions: list[list[Candidate]] = []
    for cand in group:
        home = next((a for a in actions if all(compatible(c, cand) for c in a)), None)
        if home is None:
            actions.append([cand])
        else:
            home.append(cand)
    return actions


def compatible(a: Candidate, b: Candidate) -> bool:
    """Two mentions may tell one action: their modes agree, and they are not two specific attack or accusation
    verbs ('abducted him' ... 'he was killed'); a generic verb ('was attacked') or a mention 'in the ambush' may
    retell any."""
    modes = not a.mode or not b.mode or bool(set(a.mode) & set(b.mode))
    return modes and not (a.rule.split(":")[:2] != b.rule.split(":")[:2] and specific(a) and specific(b))


def specific(cand: Candidate) -> bool:
    """A verb mention telling one particular kind of attack or accusation."""
    kind, _, rest = cand.rule.partition(":")
    return kind == "verb" and cand.event_type in SEPARABLE and not cand.rule.endswith(":earlier-actor") \
        and rest.split(":")[0] not in load_lexicon().generic_verbs


def deduplicate(cands: list[Candidate], published: str | None = None) -> list[Candidate]:
    """One record per real-world action: merged within a sentence, and across the article per dyad (the
    most informative sentence wins)."""
    groups: dict[tuple, list[Candidate]] = {}
    for cand in without_subsumed(per_sentence(cands)):
        groups.setdefault(dyad_key(cand), []).append(cand)
    kept = []
    for group in (part for dyad in groups.values() for part in told_apart(dyad)):
        best = max(group, key=lambda c: informativeness(c, published))
        same = [c for c in group if c.sent_start == best.sent_start]
        for other in group:
            if other.sent_start != best.sent_start:
                best.magnitude = {**other.magnitude, **best.magnitude}
        kept.extend(same)
    return sorted(kept, key=lambda c: (c.sent_start, c.trigger))


def record(doc: Doc, cand: Candidate, article_id: str | None) -> Event:
    """The CODING.md system record of one candidate."""
    sent = doc[cand.sent_start:cand.sent_end]
    cameo, goldstein = ontology.cameo_for(cand.event_type, cand.mode)
    return Event(event_type=cand.event_type, mode=cand.mode, aux=cand.aux, actor=cand.actor,
                 recipient=cand.recipient, date=cand.date, date_precision=cand.date_precision,
                 location=cand.location, magnitude=cand.magnitude, context=cand.context,
                 evidence={"sentence": sent.text, "start": sent.start_char, "end": sent.end_char},
                 quad=ontology.quad(cand.event_type), plover_score=ontology.plover_score(cand.event_type),
                 cameo=cameo, goldstein=goldstein, confidence=round(cand.confidence, 2), rule=cand.rule,
                 trigger=doc[cand.trigger].text, article_id=article_id)
