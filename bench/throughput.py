"""Throughput benchmark: the full dyads pipeline against bare spaCy on the same generated news, in one run."""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dyads.nlp.pipeline import bare_pipeline, load_pipeline  # noqa: E402
from dyads.runners.local import code_articles, default_processes  # noqa: E402
from dyads.schema import Article  # noqa: E402

# (country, capital, demonym, a city) used to fill the sentence templates
PLACES = (
    ("Kenya", "Nairobi", "Kenyan", "Mombasa"), ("Peru", "Lima", "Peruvian", "Cusco"),
    ("Pakistan", "Islamabad", "Pakistani", "Karachi"), ("Colombia", "Bogota", "Colombian", "Medellin"),
    ("Nigeria", "Abuja", "Nigerian", "Kano"), ("France", "Paris", "French", "Marseille"),
    ("Indonesia", "Jakarta", "Indonesian", "Surabaya"), ("Ukraine", "Kyiv", "Ukrainian", "Kharkiv"),
    ("Mexico", "Mexico City", "Mexican", "Monterrey"), ("Egypt", "Cairo", "Egyptian", "Alexandria"),
    ("Brazil", "Brasilia", "Brazilian", "Recife"), ("Bangladesh", "Dhaka", "Bangladeshi", "Chittagong"),
    ("Turkey", "Ankara", "Turkish", "Izmir"), ("Ethiopia", "Addis Ababa", "Ethiopian", "Gondar"),
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
GROUPS = ("farmers", "students", "teachers", "truck drivers", "nurses", "opposition supporters", "dock workers")
OFFICIALS = ("the foreign minister", "the interior minister", "the prime minister", "the defence minister",
             "the president", "a government spokesperson")

TEMPLATES = {
    "protest": (
        "Thousands of {group} marched through {city} on {day} to protest against rising fuel prices.",
        "Police fired tear gas at {group} who had blocked the main road into {capital}.",
        "Organisers said the strike by {group} would continue until the government withdrew the new tax.",
        "Demonstrators gathered outside the parliament in {capital} and chanted slogans against {official}.",
        "Witnesses said several shops were damaged when protesters clashed with riot police near the central square.",
    ),
    "attack": (
        "Gunmen attacked a police post near {city} on {day}, killing {n} officers and wounding {m} others.",
        "A roadside bomb struck a military convoy outside {city}, the army said in a statement.",
        "Armed men abducted {n} villagers from a farming settlement in the north of {country}.",
        "{demonym} troops exchanged fire with insurgents for several hours before the attackers withdrew.",
        "Local officials said {n} civilians were killed when shells hit a market in {city}.",
    ),
    "arrest": (
        "Police in {capital} arrested {n} people on {day} on suspicion of planning violent attacks.",
        "{demonym} authorities detained an opposition leader at his home in {city} before dawn.",
        "The government deported {n} foreign nationals who had overstayed their visas, {official} said.",
        "Security forces raided the offices of an independent newspaper in {capital} and seized computers.",
        "A court in {city} convicted {n} men of smuggling weapons across the border.",
    ),
    "talks": (
        "{official} of {country} met his {demonym2} counterpart in {capital2} on {day} to discuss border security.",
        "Delegations from {country} and {country2} held two days of talks on trade and migration in {capital}.",
        "The two governments signed an agreement to expand cooperation on energy and transport.",
        "{official} said {country} would host a regional summit on water security next month.",
        "Leaders of {country} and {country2} spoke by telephone on {day} and agreed to reopen their embassies.",
    ),
    "sanctions": (
        "{country} imposed sanctions on {n} {demonym2} officials accused of human rights abuses.",
        "The government in {capital} froze the assets of several companies linked to the {demonym2} military.",
        "{official} warned that {country} would expel diplomats if the harassment of its citizens continued.",
        "{country2} condemned the measures and accused {country} of interfering in its internal affairs.",
        "{country} suspended military aid to {country2} on {day}, citing the collapse of the ceasefire.",
    ),
    "aid": (
        "{country} sent {n} tonnes of food and medicine to flood-hit areas of {country2} on {day}.",
        "The United Nations appealed for more funding to help people displaced by fighting near {city}.",
        "Rescue teams from {country} arrived in {city2} to help search for survivors of the earthquake.",
        "{official} of {country2} thanked {country} for the emergency aid and promised to distribute it quickly.",
        "Aid agencies said {m} families in the region still lacked clean water and shelter.",
    ),
}
BACKGROUND = (
    "The region has seen repeated unrest over the past year as living costs have climbed.",
    "Analysts said the coming weeks would test the government's ability to keep order.",
    "Officials did not give further details and said an investigation was under way.",
    "The incident was the latest in a series of tensions between the two neighbours.",
    "Residents described a tense atmosphere, with many businesses closed for the day.",
    "Opposition parties have called for an independent inquiry into the events.",
    "Elections are due to be held next year, and the economy remains the main concern of voters.",
    "Diplomats said further meetings were expected before the end of the month.",
)
TITLES = {
    "protest": "{group} protest in {capital} over rising costs", "attack": "Deadly attack near {city}",
    "arrest": "Arrests in {capital} after security operation", "talks": "{country} and {country2} hold talks",
    "sanctions": "{country} announces sanctions on {country2}", "aid": "{country} sends aid to {country2}",
}


def fill(template: str, rng: random.Random, slots: dict[str, str]) -> str:
    """The template with its slots filled (numbers drawn fresh each time), starting with a capital."""
    text = template.format(n=rng.randint(2, 60), m=rng.randint(3, 900), **slots)
    return text[0].upper() + text[1:]


def article_text(rng: random.Random) -> tuple[str, str]:
    """(title, body) of one news-like article of 150-400 words about one main kind of event."""
    (country, capital, demonym, city), (country2, capital2, demonym2, city2) = rng.sample(PLACES, 2)
    slots = dict(country=country, capital=capital, demonym=demonym, city=city, country2=country2, capital2=capital2,
                 demonym2=demonym2, city2=city2, day=rng.choice(DAYS), group=rng.choice(GROUPS),
                 official=rng.choice(OFFICIALS))
    kind = rng.choice(sorted(TEMPLATES))
    target = rng.randint(150, 380)
    used: set[str] = set()
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < target:
        pool = TEMPLATES[kind] if rng.random() < 0.6 else TEMPLATES[rng.choice(sorted(TEMPLATES))] + BACKGROUND
        template = rng.choice(pool)
        if template not in used:
            used.add(template)
            sentences.append(fill(template, rng, slots))
    paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    return fill(TITLES[kind], rng, slots), "\n\n".join(paragraphs)


def generate_articles(count: int, seed: int) -> list[Article]:
    """`count` reproducible articles (same seed, same texts)."""
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        title, body = article_text(rng)
        articles.append(Article(id=f"bench-{i:05d}", title=title, text=f"{title}\n\n{body}", published="2024-05-17"))
    return articles


def time_bare(texts: list[str], n_process: int, batch_size: int) -> float:
    """Seconds bare spaCy takes over the texts."""
    nlp = bare_pipeline()
    list(nlp.pipe(texts[:4]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_full(articles: list[Article], n_process: int, batch_size: int) -> tuple[float, int, list[str]]:
    """(seconds, events coded, errors) of the full dyads pipeline over the articles."""
    list(code_articles(articles[:4]))
    errors: list[str] = []
    start = time.perf_counter()
    events = sum(len(evs) for _, evs in code_articles(articles, n_process=n_process, batch_size=batch_size,
                                                      on_error=lambda article, message: errors.append(message)))
    return time.perf_counter() - start, events, errors


def stage_seconds(articles: list[Article], batch_size: int) -> dict[str, float]:
    """Seconds spent in each pipeline component, running them one after another on the same docs (one process)."""
    nlp = load_pipeline()
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._context = article.context()
        docs.append(doc)
    seconds: dict[str, float] = defaultdict(float)
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        seconds[name] += time.perf_counter() - start
    return dict(seconds)


def peak_rss_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MiB (Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500, help="generated articles (default 500)")
    parser.add_argument("--processes", type=int, default=default_processes(), help="worker processes for both runs")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size for both runs")
    parser.add_argument("--seed", type=int, default=13, help="seed of the article generator")
    parser.add_argument("--stage-articles", type=int, default=100, help="articles for the per-stage timing (0: skip)")
    args = parser.parse_args(argv)

    articles = generate_articles(args.articles, args.seed)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(articles)} articles, {words} words ({words / len(articles):.0f} per article), "
          f"{args.processes} process(es), batch size {args.batch_size}")
    bare = time_bare(texts, args.processes, args.batch_size)
    full, events, errors = time_full(articles, args.processes, args.batch_size)
    for label, seconds in (("bare spaCy", bare), ("dyads full", full)):
        print(f"{label:<11} {seconds:8.2f} s  {len(articles) / seconds:8.1f} articles/s  {words / seconds:9.0f} words/s")
    print(f"dyads/bare  time ratio {full / bare:.2f} (speed {bare / full:.0%} of bare spaCy); {events} events coded")
    if errors:
        print(f"WARNING: the pipeline failed on {len(errors)} articles (timing not comparable), first: {errors[0]}")
    if args.stage_articles:
        seconds = stage_seconds(articles[:args.stage_articles], args.batch_size)
        total = sum(seconds.values())
        print(f"per-stage share of time ({min(args.stage_articles, len(articles))} articles, one process):")
        for name, s in seconds.items():
            print(f"  {name:<18} {s:7.2f} s  {s / total:6.1%}")
    own, child = peak_rss_mib()
    print(f"peak RSS: main process {own:.0f} MiB, largest worker {child:.0f} MiB")


if __name__ == "__main__":
    main()
