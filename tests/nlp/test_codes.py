"""Final records (dyads/nlp/codes.py): re-coding by sector and deduplication within the article."""
from dyads.runners.local import code_articles
from dyads.schema import Article


def events(text: str):
    (_, found), = code_articles([Article(text=text, published="2024-05-10")])
    return [e for e in found if not e.excluded_by_default]


def test_a_raid_by_rebels_is_an_attack_and_by_police_a_seizure():
    assert [e.event_type for e in events("Maoist rebels raided the house of a village headman in Giridih.")] == [
        "ASSAULT"]
    assert [(e.event_type, e.mode) for e in events("Police raided the house of a drug trafficker in Lima.")] == [
        ("COERCE", ["seize"])]








def test_mention_without_recipient_is_dropped_when_the_article_names_one():
    found = events("Maoists attacked a troop of 80 CRPF personnel near a school in Khunti on Monday. "
                   "The troops had barely reached the school when Maoists opened fire.")
    assaults = [e for e in found if e.event_type == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].recipient


def test_different_modes_for_one_dyad_are_different_actions():
    found = events("Maoist rebels beat ten labourers at a mica mine in Giridih on Monday. "
                   "The rebels also torched two vehicles of the workers.")
    assert sorted(tuple(e.mode) for e in found if e.event_type == "ASSAULT") == [("beat",), ("destroy", "primitive")]


def test_two_attack_verbs_in_different_sentences_are_two_actions():
    found = events("Unidentified militants abducted a tribal elder in Wana in March. "
                   "On Monday militants killed the tribal elder near Wana.")
    assert len([e for e in found if e.event_type == "ASSAULT"]) == 2


def test_injured_in_the_ambush_joins_the_ambush():
    found = events("Rebels ambushed an army patrol in Kamjong on Monday. Two soldiers were injured in the ambush.")
    assert len([e for e in found if e.event_type == "ASSAULT"]) == 1
