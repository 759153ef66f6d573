"""Finds event triggers and their frames (actor, recipient) on the dependency parse."""
from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.nlp import actors
from dyads.nlp.frames import (PARTNER_PREPS, RECIPIENT_PREPS, agents, complement, governing_subjects, is_passive,
                              noun_frame, participants, pobjs, prep_args, request_recipients, subjects, verb_frame)
from dyads.nlp.lexicon import Lexicon, Trigger, load_lexicon
from dyads.nlp.work import Candidate, work_of
from dyads.schema import Entity

PHRASE_DEPS = {"prt", "prep", "dobj", "advmod", "acomp", "oprd", "compound:prt", "npadvmod"}
POLITICAL = {"GOV", "LEG", "JUD", "MIL", "COP", "PTY", "OPP", "REB", "SPY", "PRM", "IGO"}
MODIFIER_DEPS = {"amod", "compound", "nmod"}
STATE_FORCE_TYPES = {"ASSAULT", "MOBILIZE"}
CONFLICT_TYPES = {"ASSAULT", "COERCE", "THREATEN", "SANCTION"}
FIRST_PERSON = {"we", "i"}
OWN = {"its", "their", "our", "my"}
NOT_ACTORS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NON_EVENT_NOUN_DEPS = {"compound", "nsubj", "nsubjpass", "poss", "attr"}
BACK_REFERENCE_PREPS = {"in", "during"}
DEFINITE = {"the", "this", "that", "these", "those"}


def has_own_arguments(noun: Token) -> bool:
    """'violence between X and Y', 'Israel's strikes', 'attacks by rebels', 'there were meetings of the
    parties': the noun names its own actors, or a 'there was' sentence reports it."""
    if noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children):
        return True
    return noun.dep_ != "compound" and any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("between", "by", "from")) for c in noun.children)


def headline_case(sent: Span) -> bool:
    """A title-cased headline ('Belize Arrest Shows Narco Clan Still Alive'): its events recur in the body."""
    words = [t for t in sent[1:] if t.is_alpha and not t.is_stop and not t.ent_type_]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)


@Language.factory("dyads_events")
def make_component(nlp: Language, name: str):
    return EventFinder(load_lexicon())


class EventFinder:
    """Component: appends a Candidate to the Doc's work for every trigger with a usable frame."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def __call__(self, doc: Doc) -> Doc:
        work = work_of(doc)
        speaker: list[Entity] = []
        for sent in doc.sents:
            if headline_case(sent):
                continue
            consumed: set[int] = set()
            for tok in sent:
                if tok.i in consumed:
                    continue
                speaker = self.speaker_of(tok, doc) or speaker
                found = self.trigger_for(tok)
                if found is None:
                    speech = self.accusation_in_speech(tok, sent, doc)
                    if speech is not None:
                        work.candidates.append(speech)
                    continue
                trigger, used = found
                consumed |= used
                cand = self.candidate(tok, trigger, sent, doc, used)
                if cand is not None:
                    work.candidates.append(cand)
                    demand = self.obligation(tok, cand, speaker, doc)
                    if demand is not None:
                        work.candidates.append(demand)
        return doc

    def quoted_speaker(self, sent: Span, doc: Doc) -> list[Entity]:
        """'"We are going to help," AMLO said': who 'we' or 'I' is, from the sentence's speech verb."""
        for tok in sent:
            found = self.speaker_of(tok, doc)
            if found:
                return found
        return []

    def speaker_of(self, verb: Token, doc: Doc) -> list[Entity]:
        """Who is speaking, when the token is a speech verb with a named subject."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lex.speech_verbs:
            return []
        return [e for e in self.entities(subjects(verb), doc) if e.country]

    def obligation(self, verb: Token, cand: Candidate, speaker: list[Entity], doc: Doc) -> Candidate | None:
        """'(the speaker says) the US must hold talks with Cuba': a REQUEST from the speaker to the US."""
        if verb.pos_ != "VERB" or not cand.actor or not speaker:
            return None
        modal = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in self.lex.obligation_modals), None)
        if modal is None:
            return None
        addressee = subjects(verb)
        recipient = self.entities(addressee, doc)
        if not recipient or {e.country for e in speaker} == {e.country for e in recipient}:
            return None
        mode = self.lex.requested_type_modes.get(cand.event_type, "change")
        return Candidate(event_type="REQUEST", mode=[mode], trigger=modal.i, sent_start=cand.sent_start,
                         sent_end=cand.sent_end, actor=list(speaker), recipient=recipient,
                         recipient_heads=[t.i for t in addressee], rule=f"obligation:{cand.rule}", confidence=0.5)

    def trigger_for(self, tok: Token) -> tuple[Trigger, set[int]] | None:
        """The trigger a token starts, with the token indices its phrase uses up."""
        if tok.pos_ == "VERB":
            return self.verb_trigger(tok)
        if tok.pos_ in ("NOUN", "PROPN") and (tok.dep_ not in NON_EVENT_NOUN_DEPS or has_own_arguments(tok)) \
                and tok.head.dep_ != "agent" and not self.countered(tok):
            trig = self.lex.nouns.get(tok.lower_) or self.lex.nouns.get(tok.lemma_.lower())
            return (trig, set()) if trig else None
        return None

    def countered(self, noun: Token) -> bool:
        """'a plan to combat kidnapping', 'the fight against extortion': the noun names a problem, not an event."""
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        return noun.dep_ in ("dobj", "obj", "pobj") and head.lemma_.lower() in self.lex.countering_words

    def counted_only(self, word: Token) -> bool:
        """'the number of migrants detained', 'the increase in detentions': a statistic, not an event."""
        noun = word.head if word.dep_ == "acl" else word
        return noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in self.lex.statistic_words

    def verb_trigger(self, verb: Token) -> tuple[Trigger, set[int]] | None:
        lemma = verb.lemma_.lower()
        for child in verb.children:
            if child.dep_ not in PHRASE_DEPS:
                continue
            words = [child] + [g for g in child.children if g.dep_ == "pobj"]
            hanging = [o for g in child.children if g.dep_ == "prep" for o in [g, *pobjs(g)]] \
                if child.dep_ in ("dobj", "obj") else []  # 'set a vehicle on fire': the phrase hangs on the object
            for word in words + hanging:
                trig = self.lex.phrases.get(f"{lemma} {word.lemma_.lower()}") or \
                    self.lex.phrases.get(f"{lemma} {word.lower_}")
                if trig:
                    return trig, {w.i for w in (hanging if word in hanging else words)}
        trig = self.lex.verbs.get(lemma)
        return (trig, set()) if trig else None

    def candidate(self, tok: Token, trig: Trigger, sent: Span, doc: Doc, used: set[int]) -> Candidate | None:
        """A candidate event for this trigger, or None when its frame names no actor to code."""
        symmetric = "sym" in trig.flags
        if self.counted_only(tok):
            return None
        if "noobj" in trig.flags and any(c.dep_ in ("dobj", "obj") for c in tok.children):
            return None
        if "nocomp" in trig.flags and any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            return None
        if tok.pos_ == "VERB":
            frame = verb_frame(tok, symmetric)
        else:
            frame = noun_frame(tok, self.lex.light_verbs, symmetric, "pat" in trig.flags)
            frame.actors = [t for t in frame.actors if t.lemma_.lower() not in self.lex.place_nouns]
            if "light" in trig.flags and not frame.actors + frame.partners:
                return None
        frame.actors = frame.actors or participants(tok, self.lex.participation_words)
        frame.partners = [t for t in frame.partners if t.i not in used]
        frame.recipients = [t for t in frame.recipients if t.i not in used]
        for word in (doc[i] for i in sorted(used)):
            (frame.partners if symmetric else frame.fallback).extend(
                prep_args(word, PARTNER_PREPS if symmetric else RECIPIENT_PREPS))
        modes = list(trig.modes)
        if "dest" in trig.flags and prep_args(tok, {"to"}):
            frame.recipients = prep_args(tok, {"to"})
        if "cmp" in trig.flags:
            frame.recipients, frame.fallback = request_recipients(tok)
            modes = modes or [self.requested_mode(tok)]
        actor = self.entities(frame.actors + frame.partners if symmetric else frame.actors, doc)
        if not actor and any(t.lower_ in FIRST_PERSON for t in frame.actors):
            actor = self.quoted_speaker(sent, doc)
        recipient = [] if symmetric and not frame.passive else self.entities(frame.recipients, doc)
        if not recipient and (not symmetric or not frame.partners):
            recipient = self.entities(frame.fallback, doc)
        if not recipient and trig.event_type == "ACCUSE":
            recipient = self.perpetrators_of(frame.recipients, doc)
        if not actor and tok.dep_ == "acl" and not frame.passive:  # 'threw grenades at a checkpoint injuring 8'
            actor = self.entities(governing_subjects(tok.head), doc)
        if not actor and tok.pos_ != "VERB":
            actor = self.modifier_entities(tok, trig, doc) or self.sentence_actor(tok, sent, doc)
        rule = f"{'verb' if tok.pos_ == 'VERB' else 'noun'}:{trig.lemma}"
        confidence = 0.7
        if not actor and frame.passive and frame.actors and not any(
                t.lemma_.lower() in self.lex.instruments for t in frame.actors):
            return None  # 'countries hit by sanctions', 'killed by a landslide': done by no one
        if not actor and self.refers_back(tok, trig):
            actor = self.earlier_actor(trig.event_type, doc)
            rule += ":earlier-actor" if actor else ""
        if not actor:
            actor = self.implied_actor(trig, recipient, doc)
            rule += ":implied-actor"
            confidence = 0.5
        recipient = [e for e in recipient if (e.name or e.text) not in {a.name or a.text for a in actor}]
        if not self.acceptable(trig, actor, recipient):
            return None
        event_type, modes = self.threat_in_promise(tok, trig) or (trig.event_type, modes)
        if symmetric and len(actor) < 2 and recipient == [] and frame.partners == []:
            confidence -= 0.1
        return Candidate(event_type=event_type, mode=modes, trigger=tok.i, sent_start=sent.start,
                         sent_end=sent.end, actor=actor, recipient=recipient,
                         actor_heads=[t.i for t in frame.actors + frame.partners],
                         recipient_heads=[t.i for t in frame.recipients], rule=rule, confidence=confidence)

    def threat_in_promise(self, verb: Token, trig: Trigger) -> tuple[str, list[str]] | None:
        """'vowed to carry out more attacks': a promise of conflict is a THREATEN, with the threatened mode."""
        comp = complement(verb) if trig.event_type == "AGREE" and verb.pos_ == "VERB" else None
        if comp is None:
            return None
        words = [comp] + [c for c in comp.children if c.dep_ in ("dobj", "obj")]
        for word in words:
            found = self.trigger_for(word) if word.pos_ == "VERB" else (self.lex.nouns.get(word.lemma_.lower()), 0)
            if found and found[0] and found[0].event_type in self.lex.threatened_modes:
                return "THREATEN", [self.lex.threatened_modes[found[0].event_type]]
        return None

    def entities(self, heads: list[Token], doc: Doc) -> list[Entity]:
        """Entities named by the argument phrases (not dates or amounts), without repeats."""
        found: list[Entity] = []
        for head in heads:
            if head.ent_type_ in NOT_ACTORS:
                continue
            for ent in self.owners(head, doc) or actors.entities_for(head, doc) or \
                    self.entities(self.inner_heads(head), doc):
                if ent.sector is None and head.ent_type_ in PLACE_LABELS:
                    continue  # 'attacked the Williamnagar District': a place, not who was attacked
                if not any(e.text == ent.text for e in found):
                    found.append(ent)
        return found

    def owners(self, thing: Token, doc: Doc) -> list[Entity]:
        """'properties linked to Rodriguez', 'a bus owned by X': the owner of a thing, when the text names one."""
        heads = [o for c in thing.children if c.dep_ == "acl" and c.lemma_.lower() in self.lex.ownership_words
                 for o in prep_args(c, {"to"}) + agents(c)]
        return [e for e in self.entities(heads, doc) if e.sector]

    def inner_heads(self, word: Token) -> list[Token]:
        """Where to look when a phrase names no actor itself: 'the battery rooms of the towers' -> the towers;
        'gang violence has targeted police' -> the gangs;
        'responsibility for the attack on the troopers' -> the troopers."""
        if self.lex.nouns.get(word.lower_) or self.lex.nouns.get(word.lemma_.lower()):  # 'gang violence' -> gang
            return [c for c in word.children if c.dep_ == "compound" and c.pos_ == "NOUN"] + \
                prep_args(word, RECIPIENT_PREPS - {"for", "from"} | {"of"})
        if word.lemma_.lower() in self.lex.carrier_nouns:
            return [t for o in prep_args(word, {"for"}) for t in [o] + self.inner_heads(o)]
        return prep_args(word, {"of"})

    def modifier_entities(self, noun: Token, trig: Trigger, doc: Doc) -> list[Entity]:
        """'Israeli strikes', 'US sanctions': the actor named by a modifier of the event noun."""
        found = []
        for child in noun.children:
            if child.dep_ in MODIFIER_DEPS and child.ent_type_ in ("NORP", "GPE", "ORG"):
                ent = actors.entity_for_text(child.text, doc)
                if ent and ent.country:
                    if trig.event_type in STATE_FORCE_TYPES and ent.sector == "GOV":
                        ent.sector = "MIL"
                    found.append(ent)
        return found

    def sentence_actor(self, noun: Token, sent: Span, doc: Doc) -> list[Entity]:
        """For an event noun that is the object of a verb that is no event itself ('the plan included the
        expulsion of ...', not 'welcomed the release'): that verb's political subject."""
        node = noun
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ not in ("dobj", "obj") or node.head.pos_ != "VERB" or self.trigger_for(node.head):
            return []
        heads = subjects(node.head)
        return [e for e in self.entities(heads, doc) if e.sector in POLITICAL]

    def refers_back(self, verb: Token, trig: Trigger) -> bool:
        """'were injured in the ambush': the event is part of one the article has already told."""
        for noun in prep_args(verb, BACK_REFERENCE_PREPS):
            event = self.lex.nouns.get(noun.lower_) or self.lex.nouns.get(noun.lemma_.lower())
            if event and event.event_type == trig.event_type and any(
                    c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
                return True
        return False

    def earlier_actor(self, event_type: str, doc: Doc) -> list[Entity]:
        """The named actor of the article's latest event of this type so far."""
        for cand in reversed(work_of(doc).candidates):
            if cand.event_type == event_type and not any(e.text.startswith("[") for e in cand.actor):
                return [replace(e, source="coreference") for e in cand.actor]
        return []

    def perpetrators_of(self, heads: list[Token], doc: Doc) -> list[Entity]:
        """'condemned the incident', 'denounced the attack': whoever the article says carried out that attack."""
        for head in heads:
            told = head.lemma_.lower() in self.lex.incident_nouns or self.lex.nouns.get(head.lemma_.lower())
            if told and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children):
                return self.earlier_actor("ASSAULT", doc)
        return []

    def implied_actor(self, trig: Trigger, recipient: list[Entity], doc: Doc) -> list[Entity]:
        """The unnamed perpetrator of a passive event ('was killed', 'were arrested')."""
        implied = self.lex.implied_actors.get(trig.event_type)
        if implied is None or not recipient:
            return []
        country = work_of(doc).country or recipient[0].country
        return [Entity(text=implied["text"], country=country, sector=implied["sector"], source="default")]

    def acceptable(self, trig: Trigger, actor: list[Entity], recipient: list[Entity]) -> bool:
        """Frame checks: an actor is needed; 'obj' triggers need a recipient; 'pol' ones a political actor."""
        if not actor:
            return False
        if ("obj" in trig.flags or "cmp" in trig.flags) and not recipient:
            return False
        if "pol" in trig.flags and not any(e.sector in POLITICAL or e.country in ("UNO", "EUR", "IGO")
                                           for e in actor):
            return False
        return True

    def accusation_in_speech(self, verb: Token, sent: Span, doc: Doc) -> Candidate | None:
        """'<speaker> said <B> was behind the attacks' or 'according to <speaker>, <B> ...': ACCUSE/allege
        from the speaker to B."""
        speaker, clause = self.reported(verb)
        if clause is None or not self.accuses(clause):
            return None
        accused = [t for t in (agents(clause) if is_passive(clause) else subjects(clause))
                   if not self.lex.nouns.get(t.lemma_.lower())]  # 'said the strikes were a response': no one
        if any(c.dep_ == "poss" and c.lower_ in OWN for t in accused for c in t.children):
            return None  # 'claimed the ambush was carried out by its armed wing': a claim, not an accusation
        actor = self.entities(speaker, doc)
        recipient = self.entities(accused, doc)
        if not actor or not recipient or not any(e.country for e in actor):
            return None
        if {e.text for e in actor} & {e.text for e in recipient}:
            return None
        return Candidate(event_type="ACCUSE", mode=["allege"], trigger=verb.i, sent_start=sent.start,
                         sent_end=sent.end, actor=actor, recipient=recipient,
                         actor_heads=[t.i for t in speaker], recipient_heads=[t.i for t in accused],
                         rule=f"speech:{verb.lemma_.lower()}", confidence=0.55)

    def reported(self, word: Token) -> tuple[list[Token], Token | None]:
        """The speaker and the reported clause of a speech verb or of 'according to'."""
        if word.pos_ == "VERB" and word.lemma_.lower() in self.lex.speech_verbs:
            return subjects(word), next((c for c in word.children if c.dep_ == "ccomp"), None)
        if word.lower_ == "according" and word.head.pos_ in ("VERB", "AUX"):
            speaker = [o for c in word.children if c.lower_ == "to" for o in pobjs(c)]
            return speaker, word.head
        return [], None

    def accuses(self, clause: Token) -> bool:
        """The reported clause holds a conflict event or an accusation cue word."""
        if any(tok.lemma_.lower() in self.lex.accusation_cues for tok in clause.subtree):
            return True
        trig = self.lex.verbs.get(clause.lemma_.lower())
        return trig is not None and trig.event_type in CONFLICT_TYPES

    def requested_mode(self, verb: Token) -> str:
        """REQUEST/REJECT mode from the requested action ('asked X to restore relations' -> assist)."""
        comp = complement(verb)
        if comp is None:
            return "change"
        return self.lex.complement_modes.get(comp.lemma_.lower(), "change")
