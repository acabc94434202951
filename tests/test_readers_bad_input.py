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


# --- issue 12: resource bombs and silent loss in the readers -------------------------------


def alias_bomb(levels: int) -> str:
    """Front matter whose ``date`` is ``9**levels`` strings made of nested aliases."""
    lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines += [f"date: *a{levels - 1}", "title: Bomb", "---", "", "Bac Ninh signed an agreement with Busan."]
    return "\n".join(lines) + "\n"


def test_yaml_alias_bomb_is_refused_before_it_expands(tmp_path):
    # 6 levels: 531,441 strings, about 4 MB of str() -- harmless enough to show the old behaviour
    # (the document was read). The probe's 9 levels took 71 s and 2.8 GB.
    _, problem = load_dir_with(tmp_path, "bomb.md", alias_bomb(6))
    assert "alias" in problem.reason and problem.line is not None


def test_yaml_alias_bomb_of_the_probe_is_refused_quickly(tmp_path):
    import time

    (tmp_path / "bomb.md").write_text(alias_bomb(12), encoding="utf-8")
    started = time.monotonic()
    documents, problems = read_documents([tmp_path / "bomb.md"])
    assert time.monotonic() - started < 5
    assert documents == [] and len(problems) == 1 and "alias" in problems[0].reason


def test_any_yaml_alias_is_refused_with_its_line(tmp_path):
    _, problem = load_dir_with(tmp_path, "alias.md", "---\ntitle: &t Same\nsource: *t\n---\n\nBody text.\n")
    assert "alias" in problem.reason and problem.line == 3


VIETNAMESE = ("Bắc Ninh mở rộng hợp tác\n\nTỉnh Bắc Ninh đã ký thỏa thuận hợp tác với tỉnh Gyeonggi "
              "của Hàn Quốc. Bac Ninh province signed an agreement with Busan city of South Korea.\n")


def test_utf8_with_one_stray_byte_stays_utf8_and_says_where(tmp_path):
    raw = VIETNAMESE.encode("utf-8")
    cut = raw.index(b"Busan")
    (tmp_path / "stray.txt").write_bytes(raw[:cut] + b"\xff" + raw[cut:])
    documents, problems = read_documents([tmp_path])
    assert len(documents) == 1
    text = documents[0].text
    assert "Tỉnh Bắc Ninh" in text and "Báº" not in text
    assert text == VIETNAMESE.replace("Busan", "\ufffdBusan")
    assert len(problems) == 1 and problems[0].warning
    assert problems[0].path == str(tmp_path / "stray.txt")
    assert f"byte offset {cut}" in problems[0].reason and "U+FFFD" in problems[0].reason


def test_utf8_with_stray_bytes_extracts_what_the_clean_file_does(tmp_path):
    from diplomap.loaders.pipeline import extract

    clean = VIETNAMESE.encode("utf-8")
    cut = clean.index(b"\n\n")
    (tmp_path / "clean.txt").write_bytes(clean)
    (tmp_path / "stray.txt").write_bytes(clean[:cut] + b"\x92" + clean[cut:])  # a cp1252 quote
    documents, problems = read_documents([tmp_path])
    assert len(documents) == 2 and [p.warning for p in problems] == [True]
    facts = [{(f.predicate, f.subject, f.object) for f in extract(d).facts} for d in documents]
    assert facts[0] and facts[0] == facts[1]


def test_legacy_8bit_text_still_reads_as_cp1252(tmp_path):
    text = "Café talks\n\n“Da Lat” and Angers – agreed.\n"
    (tmp_path / "w.txt").write_bytes(text.encode("cp1252"))
    documents, problems = read_documents([tmp_path])
    assert problems == [] and documents[0].text == text


def test_mostly_cp1252_with_one_valid_utf8_pair_is_still_cp1252(tmp_path):
    # "Ã©" by chance forms the UTF-8 for "é"; six other non-ASCII bytes do not.
    text = "Café über naïve résumé — Ã© ok\n\nBody of the café article, naïve.\n"
    (tmp_path / "w.txt").write_bytes(text.encode("cp1252"))
    documents, _ = read_documents([tmp_path])
    assert documents[0].title == "Café über naïve résumé — Ã© ok"


def test_build_reports_a_stray_byte_as_a_warning_not_a_skip(tmp_path):
    from click.testing import CliRunner

    from diplomap.graph.cli.group import main

    raw = VIETNAMESE.encode("utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "stray.txt").write_bytes(raw[:40] + b"\xc3(" + raw[40:])
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--store", str(tmp_path / "s")])
    assert "Traceback" not in result.output
    assert "stray.txt: not valid UTF-8 at byte offset 40" in result.output
    assert "new: 1" in result.output and "skipped: 0" in result.output


def jsonl_with_a_lone_surrogate(path: Path) -> None:
    lines = [json.dumps({"id": f"brief-{i}", "text": f"Bac Ninh province signed an agreement with Busan in 202{i}."})
             for i in range(4)]
    lines.insert(2, '{"id": "bad", "text": "Bac Ninh \\ud800 signed an agreement."}')
    lines.insert(4, '{"id": "bad-title", "title": "x \\udfff", "text": "Bac Ninh met Busan."}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_jsonl_lone_surrogate_is_that_lines_problem(tmp_path):
    jsonl_with_a_lone_surrogate(tmp_path / "briefs.jsonl")
    documents, problems = read_documents([tmp_path])
    assert [d.identity for d in documents] == ["brief-0", "brief-1", "brief-2", "brief-3"]
    assert [(p.path, p.line) for p in problems] == [(str(tmp_path / "briefs.jsonl"), 3),
                                                     (str(tmp_path / "briefs.jsonl"), 5)]
    assert "surrogate" in problems[0].reason and '"text"' in problems[0].reason
    assert "surrogate" in problems[1].reason and '"title"' in problems[1].reason


def test_build_with_a_lone_surrogate_loads_the_other_lines(tmp_path):
    from click.testing import CliRunner

    from diplomap.graph.cli.group import main

    (tmp_path / "in").mkdir()
    jsonl_with_a_lone_surrogate(tmp_path / "in" / "briefs.jsonl")
    for _ in range(2):  # and a rerun does not fail either
        result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--store", str(tmp_path / "s")])
        assert "Traceback" not in result.output and not isinstance(result.exception, UnicodeError)
        assert "documents read: 4" in result.output
        assert "briefs.jsonl:3:" in result.output and "surrogate" in result.output


def test_a_surrogate_in_a_library_document_fails_that_document_only(tmp_path):
    from diplomap.graph.ingest.pipeline import build
    from diplomap.graph.store.registry import StoreSpec, open_store
    from diplomap.loaders.documents import Document

    docs = [Document.create("ok", "Bac Ninh signed an agreement with Busan."),
            Document.create("bad", "Bac Ninh \ud800 signed.")]
    with open_store(StoreSpec("memory")) as store:
        summary = build(store, docs)
    assert (summary.read, summary.new, summary.failed) == (2, 1, 1)
    assert any("bad" in p and "Unicode" in p for p in summary.problems)
