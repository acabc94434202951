"""Bad input is reported as a Problem (path, line, reason) and skipped; good files still load."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from diplomap.loaders.readers import Problem, iter_documents, read_documents

GOOD = "Good article\n\nThai Binh and Jeollabuk-do agreed to exchange agricultural experts.\n"


def load_dir_with(tmp_path: Path, name: str, content: bytes | str, **kw):
    """A directory holding one bad file and one good one; returns (documents, the one Problem)."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    bad = tmp_path / name
    if isinstance(content, str):
        bad.write_text(content, encoding="utf-8")
    else:
        bad.write_bytes(content)
    documents, problems = read_documents([tmp_path], **kw)
    assert [d.identity for d in documents] == ["good.txt"]
    assert documents[0].text == GOOD
    assert len(problems) == 1, problems
    assert problems[0].path == str(bad)
    return documents, problems[0]


def test_problem_str_has_path_line_and_reason():
    assert str(Problem("a/b.jsonl", 3, "not valid JSON")) == "a/b.jsonl:3: not valid JSON"
    assert str(Problem("a/b.txt", None, "empty file")) == "a/b.txt: empty file"


def test_file_over_the_size_limit(tmp_path):
    _, problem = load_dir_with(tmp_path, "big.txt", "Big\n\n" + "word " * 100, max_bytes=200)
    assert problem.line is None
    assert "too large" in problem.reason and "200" in problem.reason


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", "\ufeff  \n".encode("utf-8"), "\ufeff".encode("utf-16")])
def test_empty_or_whitespace_only_file(tmp_path, content):
    _, problem = load_dir_with(tmp_path, "empty.txt", content)
    assert problem.reason == "empty file"


def test_binary_file_with_nul_bytes(tmp_path):
    _, problem = load_dir_with(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in problem.reason and "NUL" in problem.reason


def test_binary_file_of_control_characters(tmp_path):
    _, problem = load_dir_with(tmp_path, "ctl.md", bytes([1, 2, 3, 4, 5, 6, 7, 8, 0x1B, 0x7F] * 50) + b"some text")
    assert "binary" in problem.reason and "control characters" in problem.reason


def test_undecodable_bytes(tmp_path):
    # 0x81 and 0x8D are undefined in cp1252 and the sequence is not UTF-8 either.
    _, problem = load_dir_with(tmp_path, "bad.txt", b"Title\n\nCaf\xe9 \x81\x8d text\n")
    assert "undecodable" in problem.reason and "cp1252" in problem.reason


def test_utf8_bom_followed_by_invalid_utf8(tmp_path):
    _, problem = load_dir_with(tmp_path, "bom.txt", b"\xef\xbb\xbfTitle\n\nCaf\xe9\n")
    assert "byte-order mark" in problem.reason and "UTF-8" in problem.reason


def test_utf16_bom_with_truncated_body(tmp_path):
    _, problem = load_dir_with(tmp_path, "half.txt", "Hello world".encode("utf-16") + b"\x00")
    assert "UTF-16" in problem.reason


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: permissions cannot make a file unreadable")
    bad = tmp_path / "locked.txt"
    bad.write_text("Locked\n\ntext\n")
    bad.chmod(0)
    try:
        _, problem = load_dir_with(tmp_path, "locked.txt", b"")
    finally:
        bad.chmod(0o644)
    assert "cannot read" in problem.reason


def test_broken_symlink_cannot_be_read(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "good.txt").write_text(GOOD)
    documents, problems = read_documents([tmp_path])
    assert [d.identity for d in documents] == ["good.txt"]
    assert problems == [Problem(str(tmp_path / "dangling.txt"), None, "cannot read: No such file or directory")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(GOOD)
    documents, problems = read_documents([tmp_path])
    assert len(documents) == 1
    assert problems == [Problem(str(tmp_path / "pipe.txt"), None, "not a regular file")]


def test_missing_path_is_a_problem_and_the_rest_loads(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    missing = tmp_path / "nope"
    documents, problems = read_documents([missing, tmp_path / "good.txt"])
    assert len(documents) == 1
    assert problems == [Problem(str(missing), None, "no such file or directory")]


def test_unknown_extension_explicit_is_a_problem_but_silent_in_a_directory(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "noext").write_text("text")
    documents, problems = read_documents([tmp_path])
    assert len(documents) == 1 and problems == []
    documents, problems = read_documents([tmp_path / "report.pdf", tmp_path / "noext"])
    assert documents == []
    assert [p.path for p in problems] == [str(tmp_path / "report.pdf"), str(tmp_path / "noext")]
    assert "unsupported file type ('.pdf')" in problems[0].reason
    assert "no extension" in problems[1].reason


def test_directory_with_no_supported_files(tmp_path):
    (tmp_path / "data.csv").write_text("a,b\n")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\ntext\n")
    (tmp_path / "README.md").write_text("# About\n")
    documents, problems = read_documents([tmp_path])
    assert documents == []
    assert len(problems) == 1 and problems[0].path == str(tmp_path)
    assert problems[0].reason.startswith("no documents found")


def test_header_without_body(tmp_path):
    _, problem = load_dir_with(tmp_path, "hdr.txt", "title: Only a header\ndate: 2021\n")
    assert problem.reason == "no text after the header block"


def test_broken_yaml_front_matter_reports_its_line(tmp_path):
    _, problem = load_dir_with(
        tmp_path, "bad.md", "---\ntitle: Fine\ndate: [2021, oops\nsource: x\n---\n\nBody text.\n"
    )
    assert problem.reason.startswith("broken YAML front matter")
    assert problem.line is not None and 3 <= problem.line <= 5


def test_front_matter_that_is_not_a_mapping(tmp_path):
    _, problem = load_dir_with(tmp_path, "list.md", "---\n- a\n- b\n---\n\nBody text.\n")
    assert "not a mapping" in problem.reason


def test_front_matter_never_closed(tmp_path):
    _, problem = load_dir_with(tmp_path, "open.md", "---\ntitle: x\n\nBody text.\n")
    assert "not closed" in problem.reason and problem.line == 1


def test_html_without_article_text(tmp_path):
    page = "<html><head><script>var a = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>"
    _, problem = load_dir_with(tmp_path, "empty.html", page)
    assert "no article text found" in problem.reason


def test_html_that_is_just_angle_brackets(tmp_path):
    _, problem = load_dir_with(tmp_path, "junk.htm", "<<<<>>>> <<! <? >>")
    assert "no article text" in problem.reason or "broken HTML" in problem.reason


def test_jsonl_bad_lines_are_skipped_with_their_line_numbers(tmp_path):
    lines = [
        json.dumps({"id": "ok-1", "text": "Ha Nam welcomed investors from Osaka."}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"title": "No text"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
        json.dumps({"id": "ok-2", "text": "Ninh Binh hosted a Lao delegation."}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"text": "caf\xe9"}\n' + b"[" * 100_000 + b"\n")
    documents, problems = read_documents([tmp_path])
    assert [d.identity for d in documents] == ["ok-1", "ok-2"]
    assert [d.line for d in documents] == [1, 8]
    assert [(p.path, p.line) for p in problems] == [(str(path), n) for n in (2, 4, 5, 6, 7, 9, 10)]
    assert "not valid JSON" in problems[0].reason
    assert "not a JSON object" in problems[1].reason
    assert all('"text"' in p.reason for p in problems[2:5])
    assert "UTF-8" in problems[5].reason
    assert "JSON" in problems[6].reason


def test_jsonl_line_over_the_size_limit(tmp_path):
    path = tmp_path / "big.jsonl"
    long_line = json.dumps({"text": "x" * 500})
    short_line = json.dumps({"id": "short", "text": "Short brief."})
    path.write_text(long_line + "\n" + short_line + "\n")
    documents, problems = read_documents([path], max_bytes=100)
    assert [d.identity for d in documents] == ["short"]
    assert [(p.line, "too large" in p.reason) for p in problems] == [(1, True)]


@pytest.mark.parametrize("content, reason", [(b"\n\n  \n", "empty file"), (b"\x00\x01binary", "binary")])
def test_jsonl_empty_or_binary_file(tmp_path, content, reason):
    _, problem = load_dir_with(tmp_path, "x.jsonl", content)
    assert problem.line is None and reason in problem.reason


def test_without_a_handler_problems_are_logged_not_raised(tmp_path, caplog):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_text("")
    with caplog.at_level(logging.WARNING, logger="diplomap.loaders.readers"):
        documents = list(iter_documents(tmp_path))
    assert len(documents) == 1
    assert "empty.txt: empty file" in caplog.text


def test_handler_sees_problems_in_walk_order(tmp_path):
    for name in ("c.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text("")
    (tmp_path / "d.txt").write_text(GOOD)
    seen: list[str] = []
    documents = list(iter_documents([tmp_path], on_problem=lambda p: seen.append(Path(p.path).name)))
    assert seen == ["a.txt", "b.txt", "c.txt"]
    assert [d.identity for d in documents] == ["d.txt"]
