"""Reads articles from files, folders and stdin (.txt .md .html .jsonl), yielding Article or Problem."""
from __future__ import annotations

import json
import re
import sys
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from dyads.schema import Article
from dyads.sources.checks import DecodeError, MAX_CHARS, cleaned, decoded, iso_date, language_problem, pieces
from dyads.sources.problem import Problem

Item = Article | Problem

KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
HEADER_FIELDS = {"date": "published", "published": "published", "url": "url", "link": "url",
                 "language": "language", "lang": "language", "id": "id", "title": "title"}
MAX_FILE_BYTES = 10_000_000  # one article per file: anything larger is not a news article
MAX_LINE_BYTES = 10_000_000  # one JSONL line
MIN_HTML_WORDS = 8  # less main text than this is a navigation or error page, not an article
STDIN = "<stdin>"

_HEADER = re.compile(r"^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")
_HTML_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)


def read_paths(paths: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Articles (or problems) from files, folders (recursively) and `-` for stdin, in the order given."""
    for raw in paths:
        if raw == "-":
            yield from read_stream(stdin if stdin is not None else sys.stdin.buffer, STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in files_under(path):
                yield from read_file(file)
        elif path.exists():
            yield from read_file(path)
        else:
            yield Problem(raw, "no such file or folder")


def files_under(folder: Path) -> Iterator[Path]:
    """Supported files below a folder, sorted, skipping hidden files and folders."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if path.is_file() and path.suffix.lower() in KINDS and not any(p.startswith(".") for p in rel):
            yield path


def read_file(path: Path) -> Iterator[Item]:
    """The articles of one file, by its extension."""
    source = str(path)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        yield Problem(source, f"unsupported file type '{path.suffix or path.name}' (use .txt, .md, .html or .jsonl)")
        return
    try:
        if kind == "jsonl":
            with path.open("rb") as fh:
                yield from read_jsonl(fh, source)
            return
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Problem(source, f"file too large ({size / 1e6:.1f} MB; one-article files are limited to "
                                  f"{MAX_FILE_BYTES / 1e6:.0f} MB, use JSONL for many articles)")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Problem(source, f"cannot read: {e.strerror or e}")
        return
    yield from (html_articles(data, source) if kind == "html" else text_articles(data, source, kind == "markdown"))


def read_stream(stream: BinaryIO, source: str) -> Iterator[Item]:
    """Articles from a byte stream: JSONL when its first non-blank line is a JSON object, else one plain text."""
    head = b""
    for line in stream:
        head += line
        if line.strip():
            break
    if head.lstrip().startswith(b"{"):
        yield from read_jsonl(_chain(head, stream), source)
        return
    data = head + stream.read(MAX_FILE_BYTES + 1 - len(head))
    if len(data) > MAX_FILE_BYTES:
        yield Problem(source, f"input too large for one article (over {MAX_FILE_BYTES / 1e6:.0f} MB; use JSONL)")
        return
    yield from text_articles(data, source, markdown=False)


def _chain(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of `head` followed by the rest of the stream."""
    yield from head.splitlines(keepends=True)
    yield from stream


def read_jsonl(lines: Iterable[bytes], source: str) -> Iterator[Item]:
    """One article per JSON line (`id`, `title`, `text`, `date`, `url`, `language`); problems name the line."""
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if number == 1 and b"\x00" in line[:8192]:
            yield Problem(source, "binary file (contains NUL bytes), not JSONL")
            return
        if not line.strip():
            continue
        if len(line) > MAX_LINE_BYTES:
            yield Problem(where, f"line too long ({len(line) / 1e6:.1f} MB)")
            continue
        yield from jsonl_article(line, where)


def jsonl_article(line: bytes, where: str) -> Iterator[Item]:
    """The article of one JSONL line, or the problem with it."""
    try:
        record = json.loads(decoded(line))
    except (DecodeError, json.JSONDecodeError) as e:
        yield Problem(where, f"invalid JSON: {e}")
        return
    if not isinstance(record, dict):
        yield Problem(where, f"expected a JSON object, got {type(record).__name__}")
        return
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        yield Problem(where, "no 'text' field (or it is empty)")
        return
    yield from finished(Article(text=text, title=str(record.get("title") or ""), id=_str_or_none(record.get("id")),
                                url=_str_or_none(record.get("url")), language=str(record.get("language") or "en"),
                                published=iso_date(record.get("date", record.get("published"))), source=where),
                        where)


def _str_or_none(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def text_articles(data: bytes, source: str, markdown: bool) -> Iterator[Item]:
    """The article of a .txt/.md file: first line = title, then optional `key: value` header lines."""
    try:
        raw = decoded(data)
    except DecodeError as e:
        yield Problem(source, str(e))
        return
    lines = cleaned(raw).split("\n")
    if not lines[0].strip():
        yield Problem(source, "empty file")
        return
    fields, body = split_headers(lines, markdown)
    if markdown:
        body[0] = body[0].lstrip("#").strip()
    bad_date = fields.get("published")
    published = iso_date(bad_date)
    if bad_date and not published:
        yield Problem(source, f"unreadable date '{bad_date}' ignored", skipped=False)
    title = fields.get("title") or body[0].strip()
    yield from finished(Article(text="\n".join(body), title=title, id=fields.get("id"), url=fields.get("url"),
                                published=published, language=fields.get("language") or "en", source=source),
                        source)


def split_headers(lines: list[str], markdown: bool) -> tuple[dict[str, str], list[str]]:
    """Header fields and the remaining lines (title line first) of a text file; YAML front matter in markdown."""
    if markdown and lines[0].strip() == "---" and "---" in (s.strip() for s in lines[1:]):
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        fields = dict(f for f in map(_header, lines[1:end]) if f)
        rest = lines[end + 1:]
        while rest and not rest[0].strip():
            rest.pop(0)
        return fields, rest or [fields.get("title", "")]
    fields: dict[str, str] = {}
    body = [lines[0]]
    pending: list[str] = []
    for i, line in enumerate(lines[1:], start=1):
        header = _header(line)
        if header and header[0] not in fields:
            fields[header[0]] = header[1]
            pending = []
        elif not line.strip():
            pending.append(line)
        else:
            return fields, body + pending + lines[i:]
    return fields, body + pending


def _header(line: str) -> tuple[str, str] | None:
    """(field, value) of a header line such as `date: 2022-10-22`, or None."""
    m = _HEADER.match(line)
    if not m or m[1].lower() not in HEADER_FIELDS:
        return None
    return HEADER_FIELDS[m[1].lower()], m[2].strip("\"'")


def html_articles(data: bytes, source: str) -> Iterator[Item]:
    """The article of an HTML page: main text and metadata (title, date, url) via trafilatura."""
    if b"\x00" in data[:8192]:
        yield Problem(source, "binary file (contains NUL bytes), not HTML")
        return
    import trafilatura  # slow to import: only when there is HTML

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = trafilatura.bare_extraction(data, with_metadata=True)
        except Exception as e:  # trafilatura raises assorted errors on malformed pages
            yield Problem(source, f"cannot parse HTML: {e}")
            return
    main = cleaned(doc.text or "") if doc else ""
    if len(main.split()) < MIN_HTML_WORDS:
        yield Problem(source, f"no article text found in the HTML ({len(main.split())} words of main text)")
        return
    title = cleaned(doc.title or "")
    if title and main.startswith(title):
        main = main[len(title):].lstrip()
    lang = _HTML_LANG.search(data[:4096])
    text = f"{title}\n\n{main}" if title else main
    yield from finished(Article(text=text, title=title, url=doc.url, published=iso_date(doc.date),
                                language=lang[1].decode() if lang else "en", source=source), source)


def finished(article: Article, source: str) -> Iterator[Item]:
    """The article ready for coding: cleaned, checked for language and cut into pieces spaCy can take."""
    text = cleaned(article.text)
    if not text:
        yield Problem(source, "empty text")
        return
    problem = language_problem(text, article.language)
    if problem:
        yield Problem(source, problem)
        return
    parts = pieces(text)
    article.text = parts[0]
    if len(parts) == 1:
        yield article
        return
    yield Problem(source, f"text of {len(text):,} characters split into {len(parts)} parts of at most "
                          f"{MAX_CHARS:,} characters, coded as separate articles", skipped=False)
    for n, part in enumerate(parts, start=1):
        yield Article(text=part, title=article.title, id=f"{article.id}#{n}" if article.id else None,
                      url=article.url, published=article.published, language=article.language,
                      source=f"{source} (part {n}/{len(parts)})")
