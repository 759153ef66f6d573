"""Resolves actor mentions to country and sector; sets the article's main country."""
from __future__ import annotations

from datetime import date
from collections import Counter
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.people import PersonRole, known_abroad, load_people, role_on
from dyads.nlp.actor_lexicon import Entry, Lexicon, is_state, load_lexicon, norm
from dyads.nlp.work import Work, work_of
from dyads.schema import Entity

PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP", "ORG"}
COUNTRY_LABELS = {"GPE", "NORP", "LOC", "ORG", "FAC"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
OFFICE_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "SPY"}
FORMER_FIGHTERS = {"REB", "PRM"}  # a former rebel or militiaman is a civilian ("ex-Maoist")
PRONOUNS = {"he": "he", "him": "he", "she": "she", "her": "she", "they": "they", "them": "them"}  # -> memory key
CUT_DEPS = {"conj", "cc", "appos", "parataxis"}
ORIGIN_PREPS = {"of", "in", "from"}  # prepositions whose object tells where an agent belongs
LOCATIVE_PREPS = {"in", "at", "near", "outside"}  # a 'person' after these is more likely a misread place
BYLINE_VERBS = {"report", "add"}  # '..., reports Dawn': the subject after these is a news source
SPILL = 6  # how many words past its head a split-off name may run
LONG_CLAUSE = 5  # relative clauses longer than this many tokens are left out of an entity's text
GROUP_SECTORS = {"REB", "CRM", "PRM", "UAF", "OPP", "PTY", "SOC"}  # what "the group" can refer back to
TITLE_WEIGHT = 3  # a country named in the headline counts this many times towards the article's country
# words that may follow a city inside a place name without making it another place ("Imphal West District")
PLACE_SUFFIXES = {"west", "east", "north", "south", "central", "district", "province", "state", "city", "region",
                  "division", "county", "municipality", "area", "valley", "metropolitan"}

if not Token.has_extension("dyads_actor"):
    Token.set_extension("dyads_actor", default=None)


@dataclass
class Match:
    """A lexicon phrase found inside a noun phrase."""

    tokens: list[Token]
    entry: Entry

    @property
    def root(self) -> Token:
        return self.tokens[-1]


@Language.factory("dyads_actors", default_config={"actors_file": None})
def make_component(nlp: Language, name: str, actors_file: str | None = None):
    load_lexicon(actors_file)
    load_people()
    return lambda doc: _process(doc, actors_file)


def _process(doc: Doc, actors_file: str | None) -> Doc:
    work = work_of(doc)
    work.meta["actors_file"] = actors_file
    lexicon = load_lexicon(actors_file)
    work.country = article_country(doc, lexicon, work.meta.get("title") or "")
    unresolved = []
    for head in mention_heads(doc):
        found = resolve_head(head, doc, lexicon, work)
        head._.dyads_actor = found
        remember(head, found, doc, lexicon, work)
        if head.pos_ == "PROPN" and all(e.source == "default" for e in found):
            unresolved.append(head)
    for head in unresolved:  # names mentioned before their introduction (headlines)
        known = recalled(head, phrase_tokens(head), None, [], work)
        if known and known[0].sector is not None:
            head._.dyads_actor = known
    return doc


def entities_for(token: Token, doc: Doc) -> list[Entity]:
    """The entities named by the noun phrase headed by `token`, one per conjunct (and per stated country)."""
    work = work_of(doc)
    lexicon = load_lexicon(work.meta.get("actors_file"))
    found: list[Entity] = []
    for head in [token, *token.conjuncts]:
        cached = head._.dyads_actor
        resolved = cached if cached is not None else resolve_head(head, doc, lexicon, work)
        found += [replace(e) for e in resolved]
    return found


def entity_for_text(text: str, doc: Doc) -> Entity | None:
    """The entity a bare string names (outside a parse): a remembered name, a named actor, a place or an agent."""
    work = work_of(doc)
    lexicon = load_lexicon(work.meta.get("actors_file"))
    key = norm(text)
    if key in work.memory:
        return replace(work.memory[key], text=text, source="coreference")
    words = key.split()
    matches = lexicon.find(words, words)
    if not matches:
        return None
    entry = max(matches, key=lambda m: (m[1] - m[0], m[2].kind != "agent"))[2]
    countries = [m[2].country for m in matches if m[2].kind in ("actor", "place") and m[2].country]
    country = entry.country or (countries[0] if countries else work.country)
    return Entity(text=text.strip(), country=country, sector=entry.sector, name=entry.name,
                  source="dictionary" if entry.country else "default")


def article_country(doc: Doc, lexicon: Lexicon, title: str) -> str | None:
    """The most-mentioned country (names, demonyms, cities, national groups), headline mentions weighted up."""
    counts: Counter[str] = Counter()
    in_title = len(title) if title and doc.text.startswith(title[:40]) else 0
    for ent in doc.ents:
        if ent.label_ in COUNTRY_LABELS and ent.start_char >= in_title:
            counts.update(span_countries(ent, lexicon))
    if title:  # read word by word: a title's capitalised words fool the entity recogniser
        words = norm(title).split()
        for _, _, entry in lexicon.find(words, words):
            if entry.kind in ("actor", "place") and is_state(entry.country):
                counts[entry.country] += TITLE_WEIGHT
    return counts.most_common(1)[0][0] if counts else None


def span_countries(span: Span, lexicon: Lexicon) -> list[str]:
    """State countries named by a span (places and national actors)."""
    return [m.entry.country for m in phrase_matches(list(span), lexicon)
            if m.entry.kind in ("actor", "place") and is_state(m.entry.country)]


def mention_heads(doc: Doc) -> list[Token]:
    """Heads of noun phrases, named entities and pronouns, in text order."""
    heads = {chunk.root.i for chunk in doc.noun_chunks}
    heads |= {ent.root.i for ent in doc.ents if ent.label_ in NAME_LABELS}
    heads |= {t.i for t in doc if t.lower_ in PRONOUNS and t.pos_ == "PRON"}
    return [doc[i] for i in sorted(heads)]


def resolve_head(head: Token, doc: Doc, lexicon: Lexicon, work: Work) -> list[Entity]:
    """The entities one phrase head names (conjuncts of the head not included)."""
    if head.lower_ in PRONOUNS and head.pos_ == "PRON":
        return antecedent(head, work)
    found = phrase_entities(head, doc, lexicon, work) or [
        e for member in included(head) for e in resolve_head(member, doc, lexicon, work)]
    titled = [a for a in head.children if a.dep_ == "appos" and not parenthesised(a)]
    if not titled and head.dep_ == "appos" and head.head.i < head.i:
        return found
    for appos in titled:
        found = merged(found, phrase_entities(appos, doc, lexicon, work), head, appos)
    return found


def included(head: Token) -> list[Token]:
    """'the entities investigating him, including the Attorney General's Office': the named members of a phrase
    that names no actor itself."""
    return [o for c in head.children if c.lower_ == "including" for o in c.children if o.dep_ == "pobj"]


def phrase_entities(head: Token, doc: Doc, lexicon: Lexicon, work: Work) -> list[Entity]:
    """Entities of the phrase headed by `head`, from its own words, the article's memory and the fallbacks."""
    tokens = phrase_tokens(head)
    text = phrase_text(tokens, head)
    matches = phrase_matches(tokens, lexicon)
    matches = [m for m in matches if not (m.entry.kind == "place" and m.root.ent_type_ == "PERSON")]  # 'Rodriguez'
    core = next((m for m in matches if head in m.tokens), None) or spilled_name(tokens, head, lexicon)
    others = [m for m in matches if m is not core and not foreign(m.root, head)]
    modifier = next((m.entry.sector for m in others if m.entry.kind == "modifier"), None)
    known = recalled(head, tokens, core, others, work)
    if known:
        return [replace(e, sector=modified(e.sector, modifier)) for e in known]
    if core is None and not (is_name(head) and (head.ent_type_ or head.text[:1].isupper())):
        return []
    sector, country, source = core_role(head, core, others)
    countries = [country] if country else origin_countries(head, others)
    if sector is None and not countries and core is not None and core.entry.kind == "member":
        return []
    sector = modified(sector, modifier)
    name = core.entry.name if core is not None and core.entry.kind == "actor" else text
    if countries or any(m.entry.kind == "place" and m.entry.country is None for m in matches):
        return [Entity(text, c, sector, name=name, source=source) for c in countries or [None]]
    role = person_role(text, work) if is_name(head) and sector is None else None
    if role is not None and role.country:
        return [Entity(text, role.country, role.sector, name=role.name, source="dictionary")]
    local = None if is_name(head) else sentence_country(head, lexicon)
    return [Entity(text, local or work.country, sector, name=name, source="default")]


def spilled_name(tokens: list[Token], head: Token, lexicon: Lexicon) -> Match | None:
    """A known name the parse split ('the International Commission' + 'against Impunity in Guatemala')."""
    if not tokens or not is_name(head):
        return None
    doc = head.doc
    for end in range(min(len(doc), head.i + SPILL), head.i + 1, -1):
        entry = lexicon.get(norm(doc[tokens[0].i:end].text))
        if entry is not None and entry.kind == "actor":
            return Match(list(doc[head.i:end]), entry)
    return None


def modified(sector: str | None, modifier: str | None) -> str | None:
    """'former president' -> ELI, 'ex-Maoist' -> CVL; a former crime boss keeps his sector."""
    if modifier and sector in FORMER_FIGHTERS:
        return "CVL"
    return modifier if modifier and (sector is None or sector in OFFICE_SECTORS) else sector


def person_role(text: str, work: Work) -> PersonRole | None:
    """The office the named person held on the article's date (today when the date is unknown)."""
    published = work.meta.get("published")
    try:
        on = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        on = None
    role = role_on(text, on)
    if role is None or role.country in (work.country, None) or work.country is None or known_abroad(role):
        return role
    return None


def recalled(head: Token, tokens: list[Token], core: Match | None, others: list[Match], work: Work) -> list[Entity]:
    """The remembered entity for a name, an acronym the text defined, a bare title ("the president") or "the group".

    A remembered name that was itself only guessed does not override what the phrase says."""
    key = None
    if head.is_upper and norm(head.text) in work.memory:
        key = norm(head.text)
    elif (core is None or core.entry.kind == "place") and is_name(head):  # a person named before beats a town
        key = next((k for k in (norm(person_name(head)), norm(head.text)) if k in work.memory), None)
        if key and work.memory[key].source == "default" and others:
            key = None
    elif core is not None and is_bare(head, tokens, others):
        key = norm(core.entry.name or "") if core.entry.kind == "agent" else None
        key = norm(head.lemma_) if core.entry.kind == "member" and core.entry.sector is None else key
    known = work.memory.get(key) if key else None
    if known is None:
        return []
    text = phrase_text(tokens, head) if is_name(head) else (known.name or known.text)
    return [replace(known, text=text, source="coreference")]


def core_role(head: Token, core: Match | None, others: list[Match]) -> tuple[str | None, str | None, str]:
    """(sector, own country, source) from the phrase's core match and the groups and titles around it."""
    groups = [m for m in others if m.entry.kind == "actor"]
    titles = [m for m in others if m.entry.kind in ("agent", "member")]
    if core is not None and core.entry.kind == "actor":
        return core.entry.sector, core.entry.country, "dictionary"
    if core is not None and core.entry.kind == "place":
        sector = "CVL" if head.ent_type_ == "NORP" or head.tag_ in ("NNS", "NNPS") else core.entry.sector
        return sector, core.entry.country, "dictionary"
    if core is not None and core.entry.kind == "agent":
        body = next((m for m in groups if heads_of(m.root, core.root)), None)  # 'Vice President of Congress'
        return (body.entry.sector, body.entry.country, "text") if body else (core.entry.sector, None, "text")
    if groups and (core is not None or any(m.entry.kind == "member" for m in titles) or not titles):
        return groups[-1].entry.sector, groups[-1].entry.country, "text"
    if titles:
        return titles[-1].entry.sector, None, "text"
    return (core.entry.sector if core else None), None, "text"


def heads_of(body: Token, title: Token) -> bool:
    """'President of the Senate': the body is the 'of' object of the title."""
    return body.dep_ == "pobj" and body.head.lower_ == "of" and body.head.head.i == title.i


def merged(found: list[Entity], appositive: list[Entity], head: Token, appos: Token) -> list[Entity]:
    """One entity from a name and its appositive title ("The Mexican president, Andrés Manuel López Obrador");
    the title the text gives wins over the dictionary role."""
    if not found or not appositive:
        return found or appositive
    name_side, title_side = (found, appositive) if is_name(head) and not is_name(appos) else (appositive, found)
    a, b = name_side[0], title_side[0]
    country = next((e.country for e in (b, a) if e.source != "default" and e.country), a.country or b.country)
    sector = b.sector or a.sector
    return [Entity(a.text, country, sector, name=a.name, source=a.source if a.source != "default" else b.source)]


def phrase_tokens(head: Token) -> list[Token]:
    """The head's subtree without its conjuncts, appositions, long relative clauses and edge punctuation."""
    cut: set[int] = set()
    for child in head.children:
        size = len(list(child.subtree))
        long_clause = child.dep_ in ("relcl", "acl") and size > LONG_CLAUSE
        if (child.dep_ in CUT_DEPS and not parenthesised(child)) or long_clause:
            cut |= {t.i for t in child.subtree}
    tokens = [t for t in head.subtree if t.i not in cut and not t.is_space]
    start, end = block_around(tokens, head)
    kept = tokens[start:end]
    while kept and kept[0].is_punct and kept[0].i != head.i:
        kept.pop(0)
    while kept and kept[-1].is_punct and kept[-1].i != head.i and kept[-1].text != ")":
        kept.pop()
    return kept


def parenthesised(token: Token) -> bool:
    """True for a word standing alone in parentheses, like the acronym in "Border Security Force (BSF)"."""
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"


def block_around(tokens: list[Token], head: Token) -> tuple[int, int]:
    """Bounds of the run of consecutive tokens on one line that contains the head."""
    at = next(k for k, t in enumerate(tokens) if t.i == head.i)
    start, end = at, at + 1
    while start > 0 and tokens[start - 1].i == tokens[start].i - 1 and "\n" not in tokens[start - 1].whitespace_:
        start -= 1
    while end < len(tokens) and tokens[end].i == tokens[end - 1].i + 1 and "\n" not in tokens[end - 1].whitespace_:
        end += 1
    return start, end


def phrase_text(tokens: list[Token], head: Token) -> str:
    doc = head.doc
    return doc[tokens[0].i:tokens[-1].i + 1].text if tokens else head.text


def foreign(token: Token, head: Token) -> bool:
    """True for words under a preposition other than of/in/from: "protesters against the US" is not American."""
    node = token
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ not in ORIGIN_PREPS:
            return True
        node = node.head
    return False


def phrase_matches(tokens: list[Token], lexicon: Lexicon) -> list[Match]:
    """Lexicon phrases among the tokens (names must start capitalised; city names must be tagged as places)."""
    pieces = [(t, norm(t.text).split()) for t in tokens]
    toks = [t for t, words in pieces for _ in words]
    keys = [w for _, words in pieces for w in words]
    lemmas = [singular(t, words[0]) if len(words) == 1 else w for t, words in pieces for w in words]
    if not keys:
        return []

    def accept(entry: Entry, i: int, j: int) -> bool:
        if entry.kind not in ("actor", "place"):
            return True
        if toks[i].is_lower:
            return False
        return not entry.needs_ner or whole_place(toks[i:j])

    return [Match(list(dict.fromkeys(toks[i:j])), entry) for i, j, entry in lexicon.find(keys, lemmas, accept)]


def singular(token: Token, word: str) -> str:
    """The normalised lemma; for capitalised plurals the tagger leaves alone ("Security Forces"), the word less -s."""
    lemma = norm(token.lemma_) or word
    if lemma == word and token.tag_ == "NNPS" and word.endswith("s") and not word.endswith("ss"):
        return word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return lemma


def whole_place(tokens: list[Token]) -> bool:
    """True when the tokens are exactly one place entity ("San" is not a city inside "San Vicente del Caguan")."""
    first, last = tokens[0], tokens[-1]
    rest = []
    while last.i + len(rest) + 1 < len(last.doc) and last.doc[last.i + len(rest) + 1].ent_iob_ == "I":
        rest.append(last.doc[last.i + len(rest) + 1])
    return first.ent_iob_ == "B" and all(t.ent_type_ in PLACE_LABELS for t in tokens) \
        and all(t.lower_ in PLACE_SUFFIXES or t.is_punct for t in rest)


def origin_countries(head: Token, others: list[Match]) -> list[str]:
    """Countries the phrase states for an agent: "Mexican and Italian groups", "clubs in Argentina and Chile"."""
    bearing = [m for m in others if m.entry.kind in ("actor", "place") and m.entry.country]
    if not bearing:
        return []
    before = [m for m in bearing if m.root.i < head.i]
    first = before[-1] if before else bearing[0]
    family = {first.root.i} | {c.i for t in first.tokens for c in t.conjuncts}
    countries = [m.entry.country for m in bearing if m is first or any(t.i in family for t in m.tokens)]
    return list(dict.fromkeys(countries))


def sentence_country(head: Token, lexicon: Lexicon) -> str | None:
    """The country the head's sentence names as where things happen ("in Mexico"), the nearest if several."""
    places = [(abs(ent.root.i - head.i), c) for ent in head.sent.ents
              if ent.label_ == "GPE" and ent.root.head.lower_ in ("in", "at") for c in span_countries(ent, lexicon)]
    return min(places)[1] if places else None


def is_name(token: Token) -> bool:
    """True when the token is (part of) a proper name."""
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_LABELS - {"NORP"}


def is_bare(head: Token, tokens: list[Token], others: list[Match]) -> bool:
    """True for "the president": a title with no name, no country and no group of its own."""
    plain = all(t.i == head.i or t.pos_ in ("DET", "ADJ", "PUNCT") and t.ent_type_ == "" for t in tokens)
    return plain and not others and head.tag_ in ("NN", "NNP")


def person_name(head: Token) -> str:
    """The name the head belongs to: its named-entity span, else the head with its proper-noun compounds."""
    doc = head.doc
    if head.ent_type_:
        start, end = head.i, head.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end].text
    parts = [t for t in head.children if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"]
    return " ".join(t.text for t in sorted([*parts, head], key=lambda t: t.i))


def antecedent(pronoun: Token, work: Work) -> list[Entity]:
    """The most recent compatible entity for he/she/they."""
    known = work.memory.get(PRONOUNS[pronoun.lower_])
    return [replace(known, text=known.name or known.text, source="coreference")] if known else []


def remember(head: Token, found: list[Entity], doc: Doc, lexicon: Lexicon, work: Work) -> None:
    """Stores names, surnames, titles and parenthesised acronyms of a resolved phrase for later mentions."""
    if len(found) != 1 or not found[0].country or head.pos_ == "PRON":
        return
    entity = found[0]
    appositives = [a for a in head.children if a.dep_ == "appos"]
    titles = [a for a in appositives if any(m.root.i == a.i and m.entry.kind in ("agent", "member")
                                            for m in phrase_matches(phrase_tokens(a), lexicon))]
    person_head = next((t for t in [head, *appositives] if is_person(t)), None)
    if person_head is None and titles and head.pos_ == "PROPN":  # 'Ramanathan Indrarajah, a councilor of ...'
        person_head = head
    if person_head is not None:
        full = person_name(person_head)
        entity = replace(entity, name=full)
        work.memory[norm(full)] = entity
        work.memory[norm(person_head.text)] = entity
        for surname in full.split()[1:-1]:  # 'Adolfo Eribel Rodriguez Barrientos' is later 'Rodriguez'
            if surname[:1].isupper():
                work.memory.setdefault(norm(surname), entity)
        for part in [head, *titles]:  # 'X, a councilor of ...'
            for title in phrase_matches(phrase_tokens(part), lexicon):
                if title.entry.kind in ("agent", "member") and names_person(title.root, part, person_head):
                    work.memory[norm(title.entry.name or "")] = entity
        if not misread_person(head):
            work.memory["he"] = work.memory["she"] = entity
    elif (head.tag_ in ("NNS", "NNPS") or head.ent_type_ == "ORG" or entity.source == "dictionary") and \
            entity.sector is not None and not is_country_name(head, entity):
        if head.dep_ in ("nsubj", "nsubjpass") or "they" not in work.memory:  # subjects are what 'they' resumes
            work.memory["they"] = entity
        work.memory["them"] = entity  # an object pronoun resumes the latest group in any role
        if entity.sector in GROUP_SECTORS:
            work.memory["group"] = entity
    for agent in described_agents(head, entity, lexicon):  # 'a Peruvian-run criminal group' ... 'the criminal group'
        work.memory[norm(agent)] = entity
    for acronym in acronyms(head, doc):
        work.memory[norm(acronym)] = entity


def described_agents(head: Token, entity: Entity, lexicon: Lexicon) -> list[str]:
    """The agent noun of a phrase that states its own country ('Peruvian-run criminal group'), which a later bare
    'the criminal group' refers back to."""
    if entity.source != "text" or not entity.country or head.pos_ != "NOUN":
        return []
    return [m.entry.name or "" for m in phrase_matches(phrase_tokens(head), lexicon)
            if m.entry.kind == "agent" and head in m.tokens]


def misread_person(head: Token) -> bool:
    """'killed in Wana', '..., reports Dawn': a place or a newspaper the tagger took for a person."""
    located = head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS
    byline = head.dep_ == "nsubj" and head.head.i < head.i and head.head.lemma_.lower() in BYLINE_VERBS
    return located or byline


def names_person(title: Token, head: Token, person: Token) -> bool:
    """'Bishop Martinez', 'another church official, Martinez': the title is the phrase's head or the name's own
    (not a word modifying another noun, like 'church' in 'church official')."""
    return title.i in (head.i, person.i) or title.head.i == person.i


def is_person(token: Token) -> bool:
    """A person's name: tagged PERSON, or an untagged proper name of several words ('Adalberto Martinez')."""
    return token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.tag_ != "NNPS" and not token.ent_type_
                                           and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children))


def is_country_name(head: Token, entity: Entity) -> bool:
    """'India', 'Mexico': a singular name standing for a state is 'it', never the 'they' of later sentences."""
    return head.tag_ == "NNP" and entity.sector == "GOV" and is_state(entity.country)


def acronyms(head: Token, doc: Doc) -> list[str]:
    """Upper-case words in parentheses inside or right after the phrase: "Border Security Force (BSF)"."""
    right = head.right_edge.i
    window = doc[max(head.left_edge.i, 0):min(right + 4, len(doc))]
    return [t.text for t in window[1:-1]
            if t.is_upper and len(t.text) >= 2 and t.nbor(-1).text == "(" and t.nbor(1).text == ")"]
