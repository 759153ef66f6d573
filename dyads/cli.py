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
    raise NotImplementedError


@app.command()
def show(db: Path = typer.Option(Path("dyads.duckdb"), "--db"),
         limit: int = typer.Option(50, "--limit")) -> None:
    """Print the stored events as a table."""
    raise NotImplementedError


@app.command()
def evaluate(gold: list[Path] = typer.Argument(..., help="Gold JSONL files (CODING.md format)"),
             pred: Optional[Path] = typer.Option(None, "--pred", help="System events JSONL; default: code the gold texts"),
             as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON")) -> None:
    """Score events against hand-coded gold, as CODING.md says."""
    raise NotImplementedError
