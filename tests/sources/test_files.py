"""Reading articles from .txt/.md/.html/.jsonl files, folders and stdin, and the problems bad input gives."""
from __future__ import annotations

import io
import json

import pytest

from dyads.schema import Article
from dyads.sources import Problem, read_paths
from dyads.sources.checks import MAX_CHARS
from dyads.sources.files import MAX_FILE_BYTES

ENGLISH = ("The foreign minister of France met her German counterpart in Paris on Friday to discuss energy prices "
           "and the war. They agreed that both governments would keep working together on the issue.")
FRENCH = ("La ministre des Affaires étrangères a rencontré son homologue allemande à Paris vendredi pour discuter "
          "des prix de l'énergie et de la guerre. Elles ont convenu de continuer à travailler ensemble.")


def items(*paths, stdin=None) -> list:
    return list(read_paths([str(p) for p in paths], stdin=stdin))


def articles(found) -> list[Article]:
    return [i for i in found if isinstance(i, Article)]


def problems(found) -> list[Problem]:
    return [i for i in found if isinstance(i, Problem)]


def test_txt_title_and_headers(tmp_path):
    f = tmp_path / "talks.txt"
    f.write_text(f"Ministers meet in Paris\ndate: 2022-10-22\nurl: https://example.org/a\nlanguage: en\n\n{ENGLISH}\n")
    [a] = items(f)
    assert (a.title, a.published, a.url, a.language) == ("Ministers meet in Paris", "2022-10-22",
                                                         "https://example.org/a", "en")
    assert a.text == f"Ministers meet in Paris\n\n{ENGLISH}"
    assert a.source == str(f)


def test_txt_without_headers_keeps_whole_text(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text(f"Ministers meet\n{ENGLISH}")
    [a] = items(f)
    assert a.published is None and a.text == f"Ministers meet\n{ENGLISH}"


def test_written_date_header_is_parsed_and_bad_one_warned(tmp_path):
    good, bad = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text(f"Title\ndate: October 22, 2022\n\n{ENGLISH}")
    bad.write_text(f"Title\ndate: sometime soon\n\n{ENGLISH}")
    found = items(good, bad)
    assert [a.published for a in articles(found)] == ["2022-10-22", None]
    [warning] = problems(found)
    assert not warning.skipped and "sometime soon" in warning.message


def test_markdown_heading_and_front_matter(tmp_path):
    heading, front = tmp_path / "a.md", tmp_path / "b.md"
    heading.write_text(f"# Ministers meet\ndate: 2022-10-22\n\n{ENGLISH}")
    front.write_text(f"---\ntitle: Talks held\ndate: 2023-01-05\n---\n\n{ENGLISH}")
    a, b = items(heading, front)
    assert a.title == "Ministers meet" and a.text.startswith("Ministers meet\n") and a.published == "2022-10-22"
    assert b.title == "Talks held" and b.published == "2023-01-05" and b.text == ENGLISH


def test_jsonl_records_and_line_numbered_problems(tmp_path):
    f = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "a1", "title": "T", "text": ENGLISH, "date": "2022-10-22T08:00:00Z",
                         "url": "https://x.org/1", "language": "en"}),
             "", "{broken json", json.dumps([1, 2]), json.dumps({"id": "a4", "title": "only a title"}),
             json.dumps({"id": "a5", "text": FRENCH, "language": "fr"}),
             json.dumps({"id": "a6", "text": ENGLISH + " Again."})]
    f.write_text("\n".join(lines) + "\n")
    found = items(f)
    assert [(a.id, a.published, a.source) for a in articles(found)] == [
        ("a1", "2022-10-22", f"{f}:1"), ("a6", None, f"{f}:7")]
    assert articles(found)[0].text == ENGLISH and articles(found)[0].url == "https://x.org/1"
    assert [(p.source, p.skipped) for p in problems(found)] == [(f"{f}:{n}", True) for n in (3, 4, 5, 6)]
    messages = [p.message for p in problems(found)]
    assert "invalid JSON" in messages[0] and "JSON object" in messages[1] and "'text'" in messages[2]
    assert "'fr'" in messages[3]


def test_html_main_text_and_metadata(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(f"""<html lang="en"><head><title>Ministers meet in Paris</title>
<meta property="article:published_time" content="2022-10-22">
<link rel="canonical" href="https://example.org/talks"></head>
<body><nav>Home | World | Sport</nav><article><h1>Ministers meet in Paris</h1><p>{ENGLISH}</p>
<p>Officials said the talks were constructive and that the two sides would meet again next month.</p>
</article><footer>Read more: related stories</footer></body></html>""")
    [a] = items(f)
    assert a.title == "Ministers meet in Paris" and a.published == "2022-10-22" and a.url == "https://example.org/talks"
    assert a.text.startswith(f"Ministers meet in Paris\n\n{ENGLISH[:40]}")
    assert "Read more" not in a.text and "Home | World" not in a.text


def test_broken_and_empty_html_are_problems_not_crashes(tmp_path):
    broken, empty = tmp_path / "broken.html", tmp_path / "empty.html"
    broken.write_text(f"<html><body><div><p>{ENGLISH}<p><b>unclosed <i>tags</div></span>")
    empty.write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    found = items(broken, empty)
    assert len(articles(found)) <= 1
    assert any(p.source == str(empty) and "no article text" in p.message for p in problems(found))


@pytest.mark.parametrize("name,content,message", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t\n", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("latin1.txt", "Caf\u00e9 talks\n".encode("latin-1") + ENGLISH.encode(), "not UTF-8"),
    ("data.jsonl", b"\x00\x01\x02binary", "binary file"),
    ("notes.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
])
def test_bad_files_give_one_clear_problem(tmp_path, name, content, message):
    f = tmp_path / name
    f.write_bytes(content)
    [p] = items(f)
    assert isinstance(p, Problem) and p.skipped and p.source == str(f) and message in p.message


def test_huge_file_is_refused_without_reading_it(tmp_path):
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(50_000_000)
    assert MAX_FILE_BYTES < 50_000_000
    [p] = items(f)
    assert "too large (50.0 MB" in p.message


def test_non_english_text_and_language_header_are_skipped(tmp_path):
    french, tagged = tmp_path / "fr.txt", tmp_path / "de.txt"
    french.write_text(f"Réunion à Paris\n{FRENCH}")
    tagged.write_text(f"Title\nlanguage: de\n\n{ENGLISH}")
    p1, p2 = items(french, tagged)
    assert "does not look like English" in p1.message and "'de'" in p2.message


def test_mixed_scripts_nbsp_and_quotes_are_read(tmp_path):
    f = tmp_path / "mixed.txt"
    f.write_text("Talks\u00a0in Kyiv\n\u201cWe will not give up,\u201d said Zelensky (Зеленський)\u200b. "
                 + ENGLISH + " 北京 officials and مسؤولون in Cairo also spoke.")
    [a] = items(f)
    assert a.title == "Talks in Kyiv" and "\u00a0" not in a.text and "\u200b" not in a.text
    assert "\u201cWe will not give up,\u201d" in a.text and "Зеленський" in a.text


def test_over_long_text_is_split_with_a_warning(tmp_path):
    f = tmp_path / "long.txt"
    paragraph = ENGLISH + "\n\n"
    f.write_text("A very long report\n" + paragraph * (2 * MAX_CHARS // len(paragraph) + 5))
    found = items(f)
    [warning] = problems(found)
    parts = articles(found)
    assert not warning.skipped and f"split into {len(parts)} parts" in warning.message
    assert len(parts) == 3 and all(len(a.text) <= MAX_CHARS for a in parts)
    assert all(a.text.endswith(".") for a in parts)  # cut at paragraph breaks
    assert [a.source for a in parts] == [f"{f} (part {n}/3)" for n in (1, 2, 3)]


def test_folders_are_read_recursively_in_order(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for rel in ("b/c/z.txt", "a.md", ".hidden/x.txt", "b/skip.csv", "b/.secret.txt"):
        (tmp_path / rel).write_text(f"Title {rel}\n{ENGLISH}")
    found = items(tmp_path, tmp_path / "missing.txt")
    assert [a.source for a in articles(found)] == [str(tmp_path / "a.md"), str(tmp_path / "b/c/z.txt")]
    [missing] = problems(found)
    assert missing.source.endswith("missing.txt") and "no such file" in missing.message


def test_stdin_plain_text_and_jsonl():
    [plain] = items("-", stdin=io.BytesIO(f"Ministers meet\ndate: 2022-10-22\n\n{ENGLISH}".encode()))
    assert plain.title == "Ministers meet" and plain.published == "2022-10-22" and plain.source == "<stdin>"
    jsonl = "\n" + json.dumps({"id": "s1", "text": ENGLISH}) + "\nnot json\n" + json.dumps({"id": "s2", "text": ENGLISH + " More."})
    found = items("-", stdin=io.BytesIO(jsonl.encode()))
    assert [a.id for a in articles(found)] == ["s1", "s2"]
    assert [p.source for p in problems(found)] == ["<stdin>:3"]


def test_utf16_file_with_bom(tmp_path):
    f = tmp_path / "utf16.txt"
    f.write_bytes(f"Ministers meet\n{ENGLISH}".encode("utf-16"))
    [a] = items(f)
    assert a.title == "Ministers meet"
