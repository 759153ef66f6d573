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
