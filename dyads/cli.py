"""The `dyads` command line: code, show, evaluate."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Offline political event coder: who did what to whom, when and where.")


@app.command()
def code(paths: list[str] = typer.Argument(..., help="Files or folders (.txt .md .html .jsonl), or - for stdin"),
         out: Optional[Path] = typer.Option(None, "-o", "--out", help="Also write events to .jsonl, .csv or .parquet"),
         db: Path = typer.Option(Path("dyads.duckdb"), "--db", help="DuckDB store"),
         explain: bool = typer.Option(False, "--explain", help="Print each event with trigger, rule, confidence"),
         all_events: bool = typer.Option(False, "--all", help="Include negated and hypothetical events in outputs"),
         processes: int = typer.Option(0, "-j", "--processes", help="Worker processes (0 = all cores)"),
         actors: Optional[Path] = typer.Option(None, "--actors", help="User actor dictionary (YAML)")) -> None:
    """Code news articles into PLOVER event records."""
    import time
    from contextlib import nullcontext

    from rich.console import Console
    from rich.markup import escape

    from dyads.exports import ExportError, checked_output, explained, write_events
    from dyads.runners.local import code_into_store
    from dyads.sources import read_paths
    from dyads.store import Store, StoreError

    started = time.monotonic()
    err, console = Console(stderr=True, highlight=False), Console(highlight=False)
    if actors is not None and not actors.is_file():
        err.print(f"[red]error:[/red] actor dictionary {escape(str(actors))} not found")
        raise typer.Exit(2)
    try:
        if out is not None:
            checked_output(out)
        store = Store(db)
    except (ExportError, StoreError) as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise typer.Exit(2)

    def report(problem) -> None:
        label = "[red]skipped[/red]" if problem.skipped else "[yellow]warning[/yellow]"
        err.print(f"{label} {escape(str(problem))}", soft_wrap=True)

    def show_events(article, events) -> None:
        shown = [e for e in events if all_events or not e.excluded_by_default]
        if explain and shown:
            console.print(f"[bold]{escape(article.source or article.article_id)}[/bold]  {escape(article.title)}",
                          soft_wrap=True)
            for event in shown:
                for line in explained(event):
                    console.print(line, soft_wrap=True)

    with store:
        try:
            with err.status("coding…", spinner="dots") if err.is_terminal else nullcontext():
                stats = code_into_store(read_paths(paths), store, n_process=processes,
                                        actors_file=str(actors) if actors else None, report=report,
                                        on_coded=show_events)
        except KeyboardInterrupt:
            err.print("[yellow]interrupted:[/yellow] coded batches are stored; run the same command again to go on")
            raise typer.Exit(130)
        if explain and stats.stored_before:
            err.print(f"{stats.stored_before} articles were already stored and not re-coded (nothing to explain)")
        if out is not None and stats.read:
            written = write_events(store.events(stats.keys, include_excluded=all_events), out)
            err.print(f"wrote {written} events to {escape(str(out))}")
    err.print(stats.summary(time.monotonic() - started), soft_wrap=True)
    if stats.read == 0:
        err.print("[red]error:[/red] no article could be read")
        raise typer.Exit(1)


@app.command()
def show(db: Path = typer.Option(Path("dyads.duckdb"), "--db", help="DuckDB store"),
         limit: int = typer.Option(50, "--limit", help="At most this many events (newest first)"),
         event_type: Optional[str] = typer.Option(None, "--type", help="Only this event type, e.g. ASSAULT"),
         country: Optional[str] = typer.Option(None, "--country", help="Only events with this actor or recipient "
                                                                       "country (ISO3)"),
         all_events: bool = typer.Option(False, "--all", help="Include negated and hypothetical events")) -> None:
    """Print the stored events as a table."""
    from rich.console import Console
    from rich.markup import escape

    from dyads.exports import events_table
    from dyads.store import Store, StoreError

    console = Console(highlight=False)
    try:
        store = Store(db, read_only=True)
    except StoreError as e:
        Console(stderr=True).print(f"[red]error:[/red] {escape(str(e))}")
        raise typer.Exit(1)
    with store:
        counts = store.counts()
        events = list(store.events(include_excluded=all_events, event_type=event_type, country=country,
                                   limit=limit))
    shown_total = counts["events"] - (0 if all_events else counts["excluded"])
    title = escape(f"{db}: {counts['articles']} articles, {shown_total} events")
    console.print(events_table(events, title=title))
    hidden = "" if all_events or not counts["excluded"] else f"; {counts['excluded']} negated/hypothetical " \
                                                                 "left out (--all shows them)"
    console.print(f"showing {len(events)} event{'' if len(events) == 1 else 's'}{hidden}")


@app.command()
def evaluate(gold: list[Path] = typer.Argument(..., help="Gold JSONL files (CODING.md format)"),
             pred: Optional[Path] = typer.Option(None, "--pred", help="System events JSONL; default: code the gold texts"),
             as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON")) -> None:
    """Score events against hand-coded gold, as CODING.md says."""
    import json

    from rich.console import Console

    from dyads.evaluate import evaluate as run_evaluation
    from dyads.evaluate import print_report
    report = run_evaluation(gold, pred)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_report(report, Console())


actors_app = typer.Typer(no_args_is_help=True, help="Look up people by date; convert TABARI actor dictionaries.")
app.add_typer(actors_app, name="actors")


def _day(text: Optional[str]):
    """The --date option as a date (None when not given); exits with status 2 when malformed."""
    from datetime import date
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        typer.echo(f"error: --date must be YYYY-MM-DD, not {text!r}", err=True)
        raise typer.Exit(2)


@actors_app.command("lookup")
def actors_lookup(name: str = typer.Argument(..., help='A person\'s name, e.g. "Lopez Obrador"'),
                  on: Optional[str] = typer.Option(None, "--date", help="Event date YYYY-MM-DD (default: today)"),
                  all_terms: bool = typer.Option(False, "--all", help="Also list every known term of the person"),
                  as_json: bool = typer.Option(False, "--json", help="Print the resolution as JSON")) -> None:
    """Print how a person's name is coded on a date (country, sector, office) and where that comes from."""
    import json
    from datetime import date

    from dyads.people import load_people, offices_config

    day = _day(on) or date.today()
    people = load_people()
    role = people.role_on(name, day)
    if role is None:
        typer.echo(f"{name!r} is not in the people dictionary (or has no term on record)", err=True)
        raise typer.Exit(1)
    sources = offices_config()["sources"]
    if as_json:
        typer.echo(json.dumps({"query": name, "date": day.isoformat(), "name": role.name, "matched": role.matched,
                               "country": role.country, "sector": role.sector, "office": role.office,
                               "status": role.status, "start": role.start.isoformat(),
                               "end": role.end.isoformat() if role.end else None, "source": role.source},
                              ensure_ascii=False))
        return
    typer.echo(f"{role.name}  (matched {role.matched!r})")
    typer.echo(f"  on {day.isoformat()}: {role.country or '-'} {role.sector or '-'}  {role.status}: {role.describe()}")
    typer.echo(f"  source: {role.source}")
    others = len(people.candidates(name)) - 1
    if others:
        typer.echo(f"  {others} other {'person shares' if others == 1 else 'people share'} this name; "
                   "the one in office on the date wins")
    if all_terms:
        for person in people.candidates(name):
            typer.echo(f"  {person.name}:")
            for term in sorted(person.terms, key=lambda t: t.start):
                until = term.end.isoformat() if term.end else "no end known"
                typer.echo(f"    {term.start.isoformat()} to {until}  {term.country or '-'} {term.sector or '-'} "
                           f"{term.office}  [{sources.get(term.source, term.source)}]")


@actors_app.command("import")
def actors_import(path: Path = typer.Argument(..., help="TABARI/PETRARCH actor dictionary (.actors / .txt)"),
                  out: Optional[Path] = typer.Option(None, "-o", "--out", help="Write the YAML here (default: stdout)"),
                  on: Optional[str] = typer.Option(None, "--date",
                                                   help="Take each actor's role as of this date (default: today)")
                  ) -> None:
    """Convert a TABARI/PETRARCH actor dictionary into a user dictionary for `dyads code --actors`."""
    import yaml

    from dyads.tabari import user_dictionary

    if not path.is_file():
        typer.echo(f"error: {path} not found", err=True)
        raise typer.Exit(2)
    data = user_dictionary(path, _day(on))
    header = f"# Converted by `dyads actors import` from {path.name}; roles as of {on or 'the day of conversion'}.\n"
    text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
    typer.echo(f"converted {len(data['actors'])} actors from {path}", err=True)


@app.command("evaluate-contexts")
def evaluate_contexts(labelled: Path = typer.Argument(..., help='JSONL: {"text", "date" (optional), "contexts"}'),
                      as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
                      mistakes: bool = typer.Option(False, "--mistakes", help="Also list the texts scored wrong")
                      ) -> None:
    """Score the PLOVER contexts dyads gives labelled texts (micro precision, recall, F1)."""
    import json

    from rich.console import Console

    from dyads.evaluate_contexts import evaluate_contexts as run_evaluation
    from dyads.evaluate_contexts import print_context_report

    if not labelled.is_file():
        typer.echo(f"error: {labelled} not found", err=True)
        raise typer.Exit(2)
    report = run_evaluation(labelled)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False)
    print_context_report(report, console)
    for m in report.mistakes if mistakes else []:
        console.print(f"gold {m['gold']} pred {m['pred']}{'' if m['events'] else ' (no event)'}: {m['text']}",
                      soft_wrap=True, markup=False)
