"""End to end: the real `dyads code` and `dyads show` commands run as subprocesses on files we write."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from dyads.runners.local import STORE_BATCH
from dyads.schema import Article, Entity, Event
from dyads.store import Store

SCRIPT = Path(sys.executable).with_name("dyads")
DYADS = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-c", "from dyads.cli import app; app()"]
ENGLISH = ("The foreign minister of France met her German counterpart in Paris on Friday to discuss energy prices "
           "and the war. They agreed that both governments would keep working together on the issue.")
FRENCH = ("La ministre des Affaires étrangères a rencontré son homologue allemande à Paris vendredi pour discuter "
          "des prix de l'énergie et de la guerre. Elles ont convenu de continuer à travailler ensemble.")


def dyads(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}  # wide enough for show's table to keep words whole
    return subprocess.run(DYADS + list(args), cwd=cwd, input=stdin, capture_output=True, text=True, timeout=300,
                          env=env)


def summary(result: subprocess.CompletedProcess) -> str:
    return [line for line in result.stderr.splitlines() if line.startswith("read ")][-1]


def stored(db: Path) -> tuple[int, set[str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        return articles, {r[0] for r in con.execute("SELECT id FROM events").fetchall()}


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder of good and bad inputs."""
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "talks.txt").write_text(f"Ministers meet in Paris\ndate: 2022-10-22\n\n{ENGLISH}\n")
    (folder / "sub" / "report.md").write_text(f"# Leaders hold talks\n\n{ENGLISH} The talks went on late.")
    (folder / "page.html").write_text(f"<html><head><title>Talks</title></head><body><article><p>{ENGLISH} "
                                      "Both sides praised the outcome.</p></article></body></html>")
    (folder / "batch.jsonl").write_text(json.dumps({"id": "j1", "text": ENGLISH + " A third time."}) + "\n"
                                        + "{not json\n" + json.dumps({"id": "j3", "text": FRENCH}) + "\n")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (folder / "french.txt").write_text(f"Titre\n{FRENCH}")
    return folder


def test_codes_a_folder_reports_bad_inputs_and_reruns_idempotently(tmp_path, corpus):
    first = dyads("code", str(corpus), "-o", "events.jsonl", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    for name in ("batch.jsonl:2", "batch.jsonl:3", "empty.txt", "binary.txt", "french.txt"):
        assert name in first.stderr
    assert "invalid JSON" in first.stderr and "binary file" in first.stderr and "empty file" in first.stderr
    assert summary(first).startswith("read 4 · skipped 5 · coded 4 · events ")
    assert summary(first).endswith(" s")
    assert (tmp_path / "dyads.duckdb").exists() and (tmp_path / "events.jsonl").exists()
    articles, events = stored(tmp_path / "dyads.duckdb")
    assert articles == 4

    second = dyads("code", str(corpus), "-o", "events.jsonl", cwd=tmp_path)
    assert second.returncode == 0
    assert summary(second).startswith("read 4 · skipped 5 · coded 0 · already stored 4 · events 0")
    assert stored(tmp_path / "dyads.duckdb") == (articles, events)
    assert len((tmp_path / "events.jsonl").read_text().splitlines()) == len(events)


def test_nothing_readable_exits_non_zero_with_a_summary(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = dyads("code", "empty.txt", "missing.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "missing.txt: no such file or folder" in result.stderr
    assert summary(result).startswith("read 0 · skipped 2 · coded 0")
    assert "no article could be read" in result.stderr


def test_unknown_output_format_fails_before_any_work(tmp_path):
    (tmp_path / "a.txt").write_text(f"Title\n{ENGLISH}")
    result = dyads("code", "a.txt", "-o", "events.xlsx", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown output format '.xlsx'" in result.stderr
    assert not (tmp_path / "dyads.duckdb").exists()


def test_store_in_use_by_another_process_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text(f"Title [draft]\n{ENGLISH}")
    with duckdb.connect(str(tmp_path / "busy.duckdb")):
        result = dyads("code", "a.txt", "--db", "busy.duckdb", cwd=tmp_path)
    assert result.returncode == 2 and "cannot open busy.duckdb" in result.stderr
    assert "Traceback" not in result.stderr


def test_stdin_jsonl_and_all_output_formats(tmp_path):
    lines = "\n".join(json.dumps({"id": f"s{i}", "text": f"{ENGLISH} Round {i}."}) for i in range(3))
    for out in ("e.jsonl", "e.csv", "e.parquet"):
        result = dyads("code", "-", "--db", "s.duckdb", "-o", out, cwd=tmp_path, stdin=lines)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / out).exists() and f"events to {out}" in result.stderr
    assert stored(tmp_path / "s.duckdb")[0] == 3


def test_all_flag_controls_negated_events_in_outputs_and_show(tmp_path):
    text = f"Ministers meet\n{ENGLISH}"
    (tmp_path / "a.txt").write_text(text)
    assert dyads("code", "a.txt", "--db", "f.duckdb", "--explain", cwd=tmp_path).returncode == 0
    article = Article(text=text)
    fake = [Event(event_type="CONSULT", mode=["visit"], actor=[Entity("The foreign minister", "FRA", "GOV")],
                  recipient=[Entity("her German counterpart", "DEU", "GOV")], date="2022-10-21",
                  evidence={"sentence": "The foreign minister of France met her German counterpart", "start": 15,
                            "end": 73}, article_id=article.article_id),
            Event(event_type="ASSAULT", aux=["negation"], actor=[Entity("Zorgland", "ZZZ", "MIL")],
                  evidence={"sentence": "They did not attack.", "start": 200, "end": 220},
                  article_id=article.article_id)]
    for e in fake:
        e.id = e.event_key()
    with Store(tmp_path / "f.duckdb") as store:
        store.add([(article, fake)])

    dyads("code", "a.txt", "--db", "f.duckdb", "-o", "default.jsonl", cwd=tmp_path)
    dyads("code", "a.txt", "--db", "f.duckdb", "-o", "all.jsonl", "--all", cwd=tmp_path)
    default = [json.loads(line)["event_type"] for line in (tmp_path / "default.jsonl").read_text().splitlines()]
    everything = [json.loads(line)["event_type"] for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert "CONSULT" in default and "ASSAULT" not in default and "ASSAULT" in everything

    shown = dyads("show", "--db", "f.duckdb", cwd=tmp_path)
    assert shown.returncode == 0 and "CONSULT" in shown.stdout and "FRA/GOV" in shown.stdout
    assert "ZZZ" not in shown.stdout and "--all shows them" in shown.stdout
    assert "ZZZ/MIL" in dyads("show", "--db", "f.duckdb", "--all", cwd=tmp_path).stdout
    assert "ZZZ" not in dyads("show", "--db", "f.duckdb", "--all", "--type", "consult", cwd=tmp_path).stdout


def test_show_without_a_store_says_so(tmp_path):
    result = dyads("show", "--db", "none.duckdb", cwd=tmp_path)
    assert result.returncode == 1 and "no store at none.duckdb" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()


def write_generated(path: Path, n: int) -> None:
    """n distinct short articles as JSONL."""
    subjects = ["The foreign minister", "Police", "The army", "Protesters", "The president", "Rebels"]
    verbs = ["met", "criticised", "arrested", "attacked", "praised", "urged"]
    with path.open("w") as fh:
        for i in range(n):
            text = (f"Report {i}: {subjects[i % 6]} {verbs[i // 6 % 6]} officials in the capital on Friday, "
                    f"according to witnesses. " * 3 + f"The government said talks number {i} would go on next week.")
            fh.write(json.dumps({"id": f"gen-{i}", "title": f"Report {i}", "text": text}) + "\n")


def test_sigkill_mid_run_loses_and_duplicates_nothing(tmp_path):
    n = 300
    write_generated(tmp_path / "many.jsonl", n)
    clean = dyads("code", "many.jsonl", "--db", "clean.duckdb", "-j", "1", cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    expected = stored(tmp_path / "clean.duckdb")
    assert expected[0] == n

    wal = tmp_path / "killed.duckdb.wal"
    proc = subprocess.Popen(DYADS + ["code", "many.jsonl", "--db", "killed.duckdb", "-j", "1"], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not (wal.exists() and wal.stat().st_size > 25_000):
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    partial, _ = stored(tmp_path / "killed.duckdb")
    assert 0 < partial < n and partial % STORE_BATCH == 0  # whole batches only

    rerun = dyads("code", "many.jsonl", "--db", "killed.duckdb", "-j", "1", cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    assert f"coded {n - partial} · already stored {partial}" in summary(rerun)
    assert stored(tmp_path / "killed.duckdb") == expected
