"""Finds the argument phrases of a trigger on the dependency parse: who acted, on whom, with whom."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "dative", "obj"}
RECIPIENT_PREPS = {"against", "on", "at", "to", "upon", "into", "for", "toward", "towards", "from"}
PARTNER_PREPS = {"with", "between", "among", "alongside"}
INHERIT_SUBJECT = {"xcomp", "conj", "advcl"}
NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}


@dataclass
class Frame:
    """Head tokens of the actor, recipient and partner phrases of one trigger."""

    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    partners: list[Token] = field(default_factory=list)
    fallback: list[Token] = field(default_factory=list)  # prepositional recipients, if the objects name no one
    passive: bool = False


def is_passive(verb: Token) -> bool:
    """True for 'was attacked' and participles like 'a man killed by police'."""
    if any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def pobjs(prep: Token) -> list[Token]:
    """Objects of a preposition (with its conjuncts left to the actor resolver)."""
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp") and c.pos_ in NOMINAL]


def agents(verb: Token) -> list[Token]:
    """'by X' of a passive verb."""
    return [o for c in verb.children if c.dep_ == "agent" for o in pobjs(c)]


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Grammatical subject of an active verb, inherited through xcomp/conj/advcl and relative clauses."""
    found = [c for c in verb.children if c.dep_ in SUBJECTS and (c.pos_ in NOMINAL | {"DET"} or nominalised(c))]
    found += [g for c in verb.children if c.dep_ == "csubj" and c.pos_ == "VERB" for g in c.children
              if g.dep_ == "nsubj" and g.pos_ in NOMINAL]  # 'Maoists numbering 120 cadres raided...' misparsed
    if found:
        return found
    if depth < 3 and verb.dep_ in INHERIT_SUBJECT and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        head = verb.head
        if head.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return [head.head]  # 'troops deployed to quell the riot', 'the group, ..., capitalized on it to launch'
        if is_passive(head) and verb.dep_ == "xcomp":  # 'X is known to have been behind', 'X was seen to fire'
            return [c for c in head.children if c.dep_ in PASSIVE_SUBJECTS]
        return agents(head) if is_passive(head) else subjects(head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and not is_passive(verb) and verb.head.pos_ in NOMINAL:
        return [verb.head]  # 'the group, which attacked', 'rebels attacking a police post'
    holder = intention_holder(verb)
    return subjects(holder, depth + 1) if holder is not None and depth < 3 else []


def governing_subjects(noun: Token) -> list[Token]:
    """Subjects of the clause a noun is the object of: 'men threw grenades at a checkpoint' -> men."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("dobj", "obj", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return []
    return agents(verb) if is_passive(verb) else subjects(verb)


def participants(trigger: Token, words: frozenset[str]) -> list[Token]:
    """'They were involved in setting ablaze', 'the accused confessed his involvement in the killing', 'police
    have been connected to massacres', 'X was behind the attack': who took part in the event the trigger names."""
    if trigger.dep_ not in ("pobj", "pcomp") or trigger.head.dep_ != "prep":
        return []
    if trigger.head.lower_ in words:  # 'X was behind the attack'
        return subjects(trigger.head.head)
    word = trigger.head.head
    if word.lemma_.lower() not in words and word.lower_ not in words:
        return []
    if word.pos_ in ("NOUN", "PROPN"):
        owners = [c for c in word.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        return owners or governing_subjects(word)
    holders = [c for c in word.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
    return holders or (subjects(word.head) if word.dep_ in ("acomp", "xcomp") else [])


def nominalised(word: Token) -> bool:
    """'the accused', 'the wounded': a participle or adjective used as a noun."""
    return word.pos_ in ("VERB", "ADJ") and any(c.dep_ == "det" for c in word.children)


def intention_holder(verb: Token) -> Token | None:
    """'X has plans to attack', 'X was on course to eradicate': the verb whose subject holds the intention."""
    if verb.dep_ not in ("acl", "xcomp") or verb.head.pos_ != "NOUN" or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    noun = verb.head
    holder = noun.head.head if noun.dep_ == "pobj" else noun.head
    return holder if noun.dep_ in ("dobj", "obj", "attr", "pobj") and holder.pos_ in ("VERB", "AUX") else None


def prep_args(word: Token, preps: set[str]) -> list[Token]:
    """Objects of the word's prepositions in `preps`."""
    return [o for c in word.children if c.dep_ == "prep" and c.lower_ in preps for o in pobjs(c)]


def verb_frame(verb: Token, symmetric: bool) -> Frame:
    """Arguments of a verb trigger."""
    passive = is_passive(verb)
    if passive:
        actors = agents(verb)
        patients = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]
        if not patients and verb.dep_ == "acl":
            patients = [verb.head]
        if not patients and verb.dep_ == "conj":
            patients = [c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECTS]
    else:
        actors = subjects(verb)
        patients = [c for c in verb.children if c.dep_ in OBJECTS and c.pos_ in NOMINAL]
    frame = Frame(actors=actors, recipients=patients, passive=passive)
    partners = prep_args(verb, PARTNER_PREPS)
    if symmetric:
        frame.partners = partners + ([] if passive else patients)
        frame.recipients = [] if not passive else patients
    if not symmetric:
        frame.fallback = prep_args(verb, RECIPIENT_PREPS) + [o for p in patients for o in prep_args(p, {"to"})]
    return frame


def counted(noun: Token) -> Token:
    """The phrase an event noun fills: 'launched a series of raids' -> 'series' (the light verb's object)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        return noun.head.head
    return noun


def noun_frame(noun: Token, light_verbs: frozenset[str], symmetric: bool, patient_poss: bool = False) -> Frame:
    """Arguments of an event noun: possessor (or, for `patient_poss` nouns without 'of X', the one who undergoes
    it: 'his arrest'), 'by X', the subject of a light verb, 'on/against X'."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    undergoes = patient_poss and not prep_args(noun, {"of"})
    actors = ([] if undergoes else owners) + agents(noun)
    actors += [o for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from") for o in pobjs(c)]
    slot = counted(noun)
    head = slot.head
    if not actors and slot.dep_ in ("dobj", "obj") and head.lemma_.lower() in light_verbs:
        actors = agents(head) if is_passive(head) else subjects(head)
    patients = prep_args(noun, {"of"}) or prep_args(noun, RECIPIENT_PREPS - {"for", "from"})
    recipients = (owners if undergoes else []) + patients
    fallback = []
    if slot.dep_ in ("dobj", "obj") and head.lemma_.lower() in light_verbs:
        fallback = prep_args(head, {"against", "on", "at"})
    if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.pos_ == "VERB" and prep_args(head.head, {"to"}):
        fallback = prep_args(head.head, {"to"})
        actors = actors or subjects(head.head)
    frame = Frame(actors=actors, recipients=recipients, fallback=fallback)
    partners = prep_args(noun, PARTNER_PREPS)
    if symmetric:
        frame.partners = partners + prep_args(noun, {"of"})
        frame.recipients = [t for t in frame.recipients if t not in frame.partners]
        if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during", "amid") and noun.head.head.pos_ == "VERB":
            verb = noun.head.head
            verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
            frame.partners += [c for v in verbs for c in v.children if c.dep_ in PASSIVE_SUBJECTS | SUBJECTS]
    return frame


def complement(verb: Token) -> Token | None:
    """The requested action of 'asked X to restore', 'demanded that X withdraw', 'called for talks'."""
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX"):
            return c
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "on", "upon"):
            for o in pobjs(c):
                return o
    return None


def request_recipients(verb: Token) -> tuple[list[Token], list[Token]]:
    """Whom a request is addressed to, and where else to look if those name no one: 'asked X', 'called on
    X', 'sought levy from X', or the subject of 'demanded that X ...'."""
    direct = [c for c in verb.children if c.dep_ in OBJECTS and c.pos_ in NOMINAL]
    fallback = prep_args(verb, {"on", "upon", "to", "from"})
    comp = complement(verb)
    if comp is not None and comp.pos_ in ("VERB", "AUX"):
        fallback += [c for c in comp.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS and c.pos_ in NOMINAL]
    return direct, fallback
