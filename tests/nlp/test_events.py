"""Trigger frames (dyads/nlp/events.py, frames.py): who acted on whom, and which mentions are no events at all."""
import pytest

from dyads.runners.local import code_articles
from dyads.schema import Article


def events(text: str, title: str = ""):
    (_, found), = code_articles([Article(text=text, title=title, published="2024-05-10")])
    return found


def dyads_of(text: str):
    return [(e.event_type, [(a.country, a.sector) for a in e.actor], [(r.country, r.sector) for r in e.recipient])
            for e in events(text)]


def test_injured_in_the_ambush_takes_the_named_attacker():
    found = events("Rebels of the Revolutionary People's Front ambushed Assam Rifles troopers near Kamjong on Monday. "
                   "Two Assam Rifles soldiers were injured in the ambush.")
    assaults = [e for e in found if e.event_type == "ASSAULT"]
    assert len(assaults) == 1  # the injuries are the ambush told again
    assert not any(a.text.startswith("[") for a in assaults[0].actor)


def test_a_promise_of_attacks_is_a_threat():
    found = events("A spokesman of the Taliban vowed to carry out more attacks on Afghan army posts.")
    assert [(e.event_type, e.mode) for e in found if not e.excluded_by_default] == [("THREATEN", ["violence"])]


@pytest.mark.parametrize("text", [
    "Venezuela's interior ministry announced a new plan to combat kidnapping in the country.",
    "The government said the fight against extortion would take years.",
])
def test_nouns_governed_by_countering_words_are_no_events(text):
    assert not events(text)


def test_extradition_recipient_is_the_destination():
    assert dyads_of("Colombia extradited the drug lord Ramiro Vargas to the United States on Thursday.") == [
        ("COOPERATE", [("COL", "GOV")], [("USA", "GOV")])]


def test_responsibility_for_the_killing_of_names_the_victim():
    found = events("The Islamic State claimed responsibility for the killing of a doctor in Kushtia, Bangladesh.")
    assert [(e.event_type, [a.country for a in e.actor], [r.sector for r in e.recipient]) for e in found] == [
        ("ASSAULT", ["IMG"], ["MED"])]


@pytest.mark.parametrize("text", [
    "The number of migrants detained in Mexico rose by half this year.",
    "The increase in detentions of minors comes amid fewer border crossings.",
])
def test_counted_mentions_are_statistics(text):
    assert not events(text)


def test_no_one_hurt_is_negated():
    found = events("No person was injured in the blast at the market in Quetta.")
    assert found and all("negation" in e.aux for e in found)


def test_a_place_is_no_recipient():
    found = events("Militants of the Garo National Liberation Army attacked the Williamnagar District, "
                   "killing a jailor.")
    assert [[(r.country, r.sector) for r in e.recipient] for e in found] == [[("IND", "COP")]]


@pytest.mark.parametrize("text", [
    "Many migrants come from countries hit by crippling sanctions.",
    "Twelve villagers were killed by a landslide in the hills on Sunday.",
])
def test_passive_by_a_non_actor_is_no_event(text):
    assert not events(text)


def test_passive_by_a_weapon_keeps_an_unnamed_attacker():
    found = events("Four police officers were killed by a roadside bomb in Kandahar on Sunday.")
    assert [(e.event_type, e.actor[0].sector) for e in found] == [("ASSAULT", "UAF")]


def test_possessor_of_an_arrest_is_who_was_arrested():
    found = events("Police in Lima confirmed Garcia's arrest on Friday.")
    assert found and all(a.text != "Garcia's" for e in found for a in e.actor)


def test_a_thing_released_is_no_release():
    assert not events("Bolivian authorities have repeatedly delayed its release.")


def test_intention_is_held_by_the_clause_subject():
    assert dyads_of("Peru's interior minister said the country was on course to eradicate 14,000 hectares "
                    "of coca this year.") == [("COERCE", [("PER", "GOV")], [])]


def test_reported_crimes_committed_by_someone_accuse_them():
    found = events("The Attorney General's Office of El Salvador said that most homicides in 2015 were committed by "
                   "gang members.")
    assert [(e.event_type, [r.sector for r in e.recipient]) for e in found] == [("ACCUSE", ["CRM"])]


def test_claiming_an_attack_for_ones_own_wing_is_no_accusation():
    found = events("A spokesman of the Revolutionary People's Front claimed that the ambush was carried out by its "
                   "armed wing.")
    assert not [e for e in found if e.event_type == "ACCUSE"]


def test_condemning_the_incident_accuses_its_perpetrators():
    found = events("Unidentified gunmen shot dead a rebel leader in Kohima on Monday. Condemning the incident, the NSCN "
                   "said the movement would not be cowed.")
    accuse = [e for e in found if e.event_type == "ACCUSE"]
    assert [[r.sector for r in e.recipient] for e in accuse] == [["UAF"]]


def test_according_to_an_official_a_group_moved_cocaine_is_an_accusation():
    found = events("According to the US State Department, the Zetas used contacts in Panama to move cocaine north.")
    assert [(e.event_type, [a.country for a in e.actor]) for e in found] == [("ACCUSE", ["USA"])]


def test_a_phrase_hanging_on_the_object_still_triggers():
    found = events("Rebels of the People's Liberation Front of India set a vehicle on fire near Kharsawan on Monday.")
    assert [(e.event_type, e.mode) for e in found] == [("ASSAULT", ["destroy", "primitive"])]


def test_those_involved_in_an_attack_are_its_actors():
    found = events("Five Maoist cadres were arrested by police in Dantewada on Monday. They were involved in torching "
                   "two buses in Dantewada District on Saturday.")
    arson = next(e for e in found if e.mode and "destroy" in e.mode)
    assert [a.sector for a in arson.actor] == ["REB"]


def test_a_confessed_involvement_makes_the_suspect_the_killer():
    found = events("Police in Karachi said the accused had confessed his involvement in the killing of 15 people.")
    killing = next(e for e in found if e.event_type == "ASSAULT")
    assert [a.sector for a in killing.actor] == ["CRM"]


def test_an_agent_noun_modifying_violence_is_the_actor():
    found = events("In El Salvador, gang violence has increasingly targeted police officers this year.")
    assert [[a.sector for a in e.actor] for e in found if e.event_type == "ASSAULT"] == [["CRM"]]


def test_a_participle_hanging_on_the_target_takes_the_clause_subject():
    found = events("Two men on motorcycles threw grenades at a police checkpoint in Caracas on Monday, injuring "
                   "eight officers.")
    assert {a.sector for e in found for a in e.actor} == {"UAF"}


def test_a_group_described_by_a_participle_acts_in_it():
    found = events("Residents filmed dozens of rebels attacking a police post in Kidal on Monday.")
    assert [[a.sector for a in e.actor] for e in found if e.event_type == "ASSAULT"] == [["REB"]]


def test_a_group_known_to_be_behind_an_attack_is_its_actor():
    found = events("In Venezuela, the gang of Jose Tovar is known to have been behind a grenade attack on a police "
                   "station in Aragua State in July.")
    assert [[a.sector for a in e.actor] for e in found if e.event_type == "ASSAULT"] == [["CRM"]]


def test_a_raid_on_property_targets_its_owner():
    found = events("Police raided three houses belonging to the Sinaloa Cartel in Culiacan on Monday.")
    assert [[(r.text, r.sector) for r in e.recipient] for e in found] == [[("the Sinaloa Cartel", "CRM")]]


def test_a_purpose_clause_of_a_described_group_is_done_by_the_group():
    found = events("The Gulf Clan, which had been quietly expanding around Medellin for years, capitalized on the "
                   "arrests to launch an assault against the remnants of the Oficina de Envigado.")
    assert [[a.sector for a in e.actor] for e in found if e.event_type == "ASSAULT"] == [["CRM"]]
