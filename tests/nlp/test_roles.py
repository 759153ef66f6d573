"""Actors settled across an article (dyads/nlp/roles.py): suspects, enforcers and unnamed perpetrators."""
from dyads.runners.local import code_articles
from dyads.schema import Article


def events(text: str):
    (_, found), = code_articles([Article(text=text, published="2024-05-10")])
    return [e for e in found if not e.excluded_by_default]


def test_people_arrested_are_suspects():
    found = events("Mexican authorities arrested 48 people for siphoning fuel from pipelines in Puebla.")
    assert [[r.sector for r in e.recipient] for e in found] == [["CRM"]]


def test_unnamed_attackers_are_the_article_perpetrator_but_stay_distinct_events():
    found = events("Maoist rebels set fire to two mobile towers in Gajalabadi on Tuesday. "
                   "Three more mobile towers were attacked in Ashurabandh the same night.")
    assaults = [e for e in found if e.event_type == "ASSAULT"]
    assert len(assaults) == 2
    assert {a.sector for e in assaults for a in e.actor} == {"REB"}


def test_unnamed_attacker_is_not_the_victims_own_side():
    found = events("Rebels killed two farmers in Caqueta on Monday. Three rebels were killed in the hills on Friday.")
    second = [e for e in found if any(r.sector == "REB" for r in e.recipient)]
    assert second and all(a.sector != "REB" for e in second for a in e.actor)


def test_authorities_arresting_are_police_and_announcing_the_government():
    arrests = events("Mexican authorities arrested 48 people for siphoning fuel from pipelines in Puebla.")
    assert [[a.sector for a in e.actor] for e in arrests] == [["COP"]]
    talks = events("Mexican authorities met US officials in Mexico City on Monday to discuss migration.")
    assert all(a.sector == "GOV" for e in talks for a in e.actor)


def test_protesters_detained_stay_civilians():
    found = events("Police in Moscow detained more than 1,300 people protesting against the mobilisation on Wednesday.")
    assert [[r.sector for r in e.recipient] for e in found if e.event_type == "COERCE"] == [["CVL"]]


def test_men_who_attack_are_unidentified_armed_men():
    found = events("Two men on a motorcycle attacked a police checkpoint in Caracas on Monday.")
    assert [[a.sector for a in e.actor] for e in found] == [["UAF"]]


def test_authorities_expelling_diplomats_are_the_government():
    found = events("Bolivian authorities expelled two US diplomats from La Paz on Monday.")
    assert [(e.event_type, [a.sector for a in e.actor]) for e in found] == [("SANCTION", ["GOV"])]
