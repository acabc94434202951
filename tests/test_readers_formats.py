"""Reading each input format into Documents: metadata, text, identity, decoding."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplomap.loaders.read_markdown import markdown_to_text
from diplomap.loaders.readers import SUPPORTED_SUFFIXES, read_documents

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def read_one(path: Path, **kw):
    documents, problems = read_documents([path], **kw)
    assert problems == []
    assert len(documents) == 1
    return documents[0]


# --- .txt -------------------------------------------------------------------------------------

def test_txt_header_block_gives_metadata_and_body(tmp_path):
    body = "Quang Ninh opened a trade office in Guangxi.\n\nThe office will help exporters.\n"
    path = tmp_path / "qn.txt"
    path.write_text(
        "Title: Quang Ninh opens an office in Guangxi\nDATE: 3 March 2022\npublisher: Test Wire\n"
        "url: https://news.example/qn-guangxi\n\n" + body,
        encoding="utf-8",
    )
    doc = read_one(path)
    assert doc.title == "Quang Ninh opens an office in Guangxi"
    assert doc.date == "2022-03-03"
    assert doc.source == "Test Wire"
    assert doc.url == "https://news.example/qn-guangxi"
    assert doc.identity == "https://news.example/qn-guangxi"
    assert doc.text == body
    assert doc.meta["format"] == "txt"


def test_txt_declared_id_wins_over_url(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("id: wire-2022-17\nurl: https://news.example/x\n\nSome article text here.\n")
    assert read_one(path).identity == "wire-2022-17"


def test_txt_placeholder_url_is_no_identity(tmp_path):
    """"url: unknown" in two files must not make them one document (the second replacing the first)."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"title: {name}\nurl: unknown\n\nHai Duong signed a memorandum.\n")
    documents, problems = read_documents([tmp_path])
    assert problems == []
    assert sorted(d.identity for d in documents) == ["a.txt", "b.txt"]
    assert all(d.url is None and d.meta["raw_url"] == "unknown" for d in documents)


def test_txt_without_header_first_line_is_title_and_text_is_whole_file(tmp_path):
    content = "\nHai Phong and Busan renew their ties\n\nHai Phong signed a new memorandum with Busan.\n"
    (tmp_path / "hp.txt").write_text(content)
    doc = read_one(tmp_path)
    assert doc.title == "Hai Phong and Busan renew their ties"
    assert doc.text == content
    assert doc.date is None and doc.url is None
    assert doc.identity == "hp.txt"


def test_txt_block_with_an_unknown_key_is_not_a_header(tmp_path):
    content = "Update: Da Nang welcomes a delegation\ndate: 2021-01-01\n\nThe delegation came from Okayama.\n"
    (tmp_path / "dn.txt").write_text(content)
    doc = read_one(tmp_path)
    assert doc.text == content
    assert doc.title == "Update: Da Nang welcomes a delegation"
    assert doc.date is None


def test_txt_header_without_title_takes_first_body_line(tmp_path):
    (tmp_path / "a.txt").write_text("date: 2020-05\n\nCan Tho courts Dutch water experts\nMore text.\n")
    doc = read_one(tmp_path)
    assert doc.title == "Can Tho courts Dutch water experts"
    assert doc.date == "2020-05"


def test_txt_unparseable_date_is_kept_raw_without_problem(tmp_path):
    (tmp_path / "a.txt").write_text("title: T\ndate: sometime last spring\n\nBody text.\n")
    doc = read_one(tmp_path)
    assert doc.date is None
    assert doc.meta["raw_date"] == "sometime last spring"


def test_crlf_newlines_are_normalised_before_offsets(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"title: T\r\n\r\nLine one.\r\nLine two.\rLine three.\r\n")
    doc = read_one(tmp_path)
    assert doc.text == "Line one.\nLine two.\nLine three.\n"
    assert doc.text.index("Line two") == 10


# --- .md --------------------------------------------------------------------------------------

MARKDOWN = """---
title: "Lao Cai and Yunnan plan a border trade zone"
date: 2023-09-14
source: Mountain Post
url: https://mountain.example/lao-cai-yunnan
---

# A border zone for Lao Cai

Lao Cai **signed** a _framework_ deal with [Yunnan province](https://en.wikipedia.org/wiki/Yunnan_(province)) in China.

- Trade in farm goods
- Tourism, with `visa` easing

Prices rose 5 \\* 3 percent; the file_name stays.
"""


def test_markdown_front_matter_and_plain_text(tmp_path):
    (tmp_path / "lc.md").write_text(MARKDOWN)
    doc = read_one(tmp_path)
    assert doc.title == "Lao Cai and Yunnan plan a border trade zone"
    assert doc.date == "2023-09-14"
    assert doc.source == "Mountain Post"
    assert doc.identity == "https://mountain.example/lao-cai-yunnan"
    assert "Lao Cai signed a framework deal with Yunnan province in China." in doc.text
    assert "A border zone for Lao Cai" in doc.text
    for markup in ("#", "**", "](", "wikipedia", "- Trade", "`", "---", "title:"):
        assert markup not in doc.text, markup
    assert "Trade in farm goods" in doc.text
    assert "5 * 3 percent; the file_name stays." in doc.text
    assert doc.meta["format"] == "md"


def test_markdown_without_front_matter_takes_title_from_first_heading(tmp_path):
    (tmp_path / "x.markdown").write_text("Intro line before it.\n\nHue and Kyoto\n=====\n\nHue met Kyoto.\n")
    doc = read_one(tmp_path)
    assert doc.title == "Hue and Kyoto"
    assert doc.identity == "x.markdown"
    assert "=" not in doc.text


def test_markdown_to_text_keeps_code_and_drops_tags_and_references():
    text, heading = markdown_to_text(
        "## Facts ##\n```\nraw *code*\n```\n<b>Bold</b> &amp; more\n> quoted line\n[ref]: https://x.example\n"
    )
    assert heading == "Facts"
    assert text.split("\n") == ["Facts", "", "raw *code*", "", "Bold & more", "quoted line", "", ""]


# --- .html ------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Nghe An hosts Laotian governors | Central Herald</title>
<meta property="og:site_name" content="Central Herald">
<meta property="article:published_time" content="2022-11-08">
<link rel="canonical" href="https://herald.example/nghe-an-laos">
</head><body>
<nav class="menu"><ul><li><a href="/a">Zebra Menu Politics</a></li><li><a href="/b">Zebra Menu Sports</a></li></ul></nav>
<article>
<h1>Nghe An hosts Laotian governors</h1>
<p>Nghe An received the governors of Xieng Khouang and Houaphanh provinces this week, and the three sides agreed to keep meeting every year.</p>
<p>The visitors toured a border gate and discussed road links, electricity sales and training for young officials from both countries.</p>
<p>Provincial leaders said cooperation with Laos remains a priority of their foreign affairs programme for the coming five years.</p>
</article>
<aside class="related"><h2>Related articles</h2><ul>
<li><a href="/r1">Quokka story about unrelated football results</a></li>
<li><a href="/r2">Quokka story about weather warnings</a></li></ul></aside>
<script>var tracker = "Platypus analytics token";</script>
<footer><p>Copyright Wombat Media footer text</p></footer>
</body></html>
"""


def test_html_main_text_without_navigation_related_or_script(tmp_path):
    (tmp_path / "na.html").write_text(HTML)
    doc = read_one(tmp_path)
    assert "Nghe An received the governors of Xieng Khouang" in doc.text
    assert "training for young officials" in doc.text
    for noise in ("Zebra", "Quokka", "Platypus", "Wombat", "Related articles"):
        assert noise not in doc.text, noise
    assert doc.title == "Nghe An hosts Laotian governors"
    assert doc.date == "2022-11-08"
    assert doc.source == "Central Herald"
    assert doc.identity == doc.url == "https://herald.example/nghe-an-laos"
    assert doc.meta["format"] == "html"


def test_html_with_unclosed_tags_still_loads(tmp_path):
    (tmp_path / "broken.htm").write_text(
        "<html><body><div><p>Binh Duong welcomed a trade mission from Daegu to discuss new "
        "industrial parks <b>and vocational training for workers"
    )
    doc = read_one(tmp_path)
    assert "Binh Duong welcomed a trade mission from Daegu" in doc.text
    assert "<b>" not in doc.text
    assert doc.identity == "broken.htm"


def test_html_declared_legacy_charset_is_honoured(tmp_path):
    sentence = "Губернатор Ярославской области встретился с делегацией провинции Бакнинь."
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{sentence}</p></body></html>'
    (tmp_path / "ru.html").write_bytes(page.encode("cp1251"))
    assert sentence in read_one(tmp_path).text


# --- .jsonl -----------------------------------------------------------------------------------

def test_jsonl_three_articles(tmp_path):
    records = [
        {"id": "brief-1", "text": "Tay Ninh met Svay Rieng officials.", "title": "Border talks", "date": "2021-06-07"},
        {"url": "https://b.example/2", "text": "Long An hosts Dutch investors.", "publisher": "B Wire"},
        {"text": "Kien Giang and Kampot sign a tourism memorandum.", "date": "07/06/2021"},
    ]
    path = tmp_path / "sub" / "briefs.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    documents, problems = read_documents([tmp_path])
    assert problems == []
    assert [d.identity for d in documents] == ["brief-1", "https://b.example/2", "sub/briefs.jsonl#3"]
    assert [d.line for d in documents] == [1, 2, 3]
    assert documents[0].title == "Border talks" and documents[0].date == "2021-06-07"
    assert documents[1].source == "B Wire" and documents[1].url == "https://b.example/2"
    assert documents[2].date == "2021-06-07"  # numeric dates are day first
    assert documents[2].text == records[2]["text"]
    assert all(d.path == str(path) for d in documents)


# --- identity, order, walking -----------------------------------------------------------------

def make_tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text("Alpha\nAlpha text.\n")
    (root / "b" / "c.md").write_text("# Gamma\nGamma text.\n")
    (root / "b" / "d.html").write_text("<html><body><p>Delta text is long enough to count as an article here.</p></body></html>")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not read")
    (root / ".hidden.txt").write_text("Hidden\n")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("Git internals\n")
    (root / "README.md").write_text("# About this folder\n")


def test_directory_walk_is_sorted_relative_and_stable(tmp_path):
    make_tree(tmp_path / "corpus")
    first, problems = read_documents([tmp_path / "corpus"])
    second, _ = read_documents([str(tmp_path / "corpus")])
    assert problems == []
    assert [d.identity for d in first] == ["a.txt", "b/c.md", "b/d.html"]
    assert [d.identity for d in second] == [d.identity for d in first]
    assert [d.iri() for d in second] == [d.iri() for d in first]
    assert [d.content_hash for d in second] == [d.content_hash for d in first]


def test_file_given_directly_is_relative_to_cwd_or_absolute(tmp_path, monkeypatch):
    make_tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    assert read_one(Path("corpus/b/c.md")).identity == "corpus/b/c.md"
    assert read_one(tmp_path / "corpus" / "a.txt").identity == "corpus/a.txt"
    monkeypatch.chdir(tmp_path / "corpus" / "b")
    assert read_one(tmp_path / "corpus" / "a.txt").identity == (tmp_path / "corpus" / "a.txt").as_posix()


def test_readme_is_read_when_given_explicitly(tmp_path):
    make_tree(tmp_path)
    assert read_one(tmp_path / "README.md").title == "About this folder"


def test_same_file_twice_in_one_call_is_read_once(tmp_path):
    make_tree(tmp_path)
    documents, problems = read_documents([tmp_path / "a.txt", tmp_path])
    assert problems == []
    assert [d.title for d in documents] == ["Alpha", "Gamma", "Delta text is long enough to count as an article here."]


# --- decoding ---------------------------------------------------------------------------------

VIETNAMESE = "Bắc Ninh – Quan họ\n\nTỉnh Bắc Ninh ký kết với “Kanagawa” năm 2021.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_byte_order_marks_are_decoded(tmp_path, encoding):
    data = VIETNAMESE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "v.txt").write_bytes(data)
    doc = read_one(tmp_path)
    assert doc.text == VIETNAMESE
    assert doc.title == "Bắc Ninh – Quan họ"


def test_cp1252_fallback(tmp_path):
    (tmp_path / "w.txt").write_bytes("Café talks\n\n“Da Lat” and Angers renew their 1994 twinning – again.\n".encode("cp1252"))
    doc = read_one(tmp_path)
    assert doc.title == "Café talks"
    assert "“Da Lat” and Angers renew their 1994 twinning – again." in doc.text


def test_utf16_jsonl(tmp_path):
    (tmp_path / "u.jsonl").write_bytes(('{"id": "u1", "text": "Đồng Nai và Osaka"}\n').encode("utf-16"))
    assert read_one(tmp_path).text == "Đồng Nai và Osaka"


def test_decomposed_text_and_title_are_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", VIETNAMESE)
    assert nfd != VIETNAMESE
    (tmp_path / "nfd.txt").write_text(nfd, encoding="utf-8")
    doc = read_one(tmp_path)
    assert doc.text == VIETNAMESE
    assert doc.title == "Bắc Ninh – Quan họ"


TEXT_CHARS = st.characters(exclude_categories=("Cc", "Cs"), include_characters="\n\r\t")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=TEXT_CHARS, max_size=300))
def test_any_utf8_text_comes_back_nfc_equal(body):
    content = "Headline\n" + body
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.txt"
        path.write_bytes(content.encode("utf-8"))
        documents, problems = read_documents([path])
    assert problems == []
    expected = content.replace("\r\n", "\n").replace("\r", "\n")
    assert documents[0].text == unicodedata.normalize("NFC", expected)


# --- the sample corpus ------------------------------------------------------------------------

def test_sample_corpus_reads_without_problems():
    files = [p for p in CORPUS.rglob("*") if p.suffix in SUPPORTED_SUFFIXES and p.stem.lower() != "readme"]
    if not files:
        pytest.skip(f"{CORPUS} has no articles yet")
    documents, problems = read_documents([CORPUS])
    assert problems == []
    assert len(documents) >= len(files)
    assert len({d.identity for d in documents}) == len(documents)
    for doc in documents:
        assert doc.text.strip() and doc.title, doc.identity
