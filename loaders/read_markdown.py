"""Markdown articles (.md, .markdown): YAML front matter, then Markdown made into plain text.

Document.text is the plain text, not the Markdown source: heading hashes, emphasis markers,
list bullets, code fences, HTML tags and link targets are removed (``[text](url)`` -> ``text``),
so sentences and evidence read as prose and offsets point into that plain text.
"""

from __future__ import annotations

import html
import re

import yaml

from diplomap.loaders.documents import Document
from diplomap.loaders.read_fields import build_document, first_line
from diplomap.loaders.read_problems import SkipInput

_FENCE = re.compile(r"\s{0,3}(```|~~~)")
_ATX = re.compile(r"\s{0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*")
_SETEXT = re.compile(r"\s{0,3}(=+|-+)\s*")
_RULE = re.compile(r"\s{0,3}([-*_])(?:\s*\1){2,}\s*")
_REFERENCE_DEF = re.compile(r"\s{0,3}\[[^\]\n]+\]:\s*\S+.*")
_TABLE_RULE = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

# Inline rules, in order. A link target may hold one level of parentheses (Wikipedia URLs).
_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_INLINE = (
    (re.compile(r"!\[([^\]\n]*)\]" + _TARGET), r"\1"),
    (re.compile(r"\[([^\]\n]+)\]" + _TARGET), r"\1"),
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"(`+)(.+?)\1"), r"\2"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>"), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
)
# Backslash escapes are hidden in private-use characters while the inline rules run,
# so that "\*" is never taken for emphasis, and restored as the bare character afterwards.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_PRIVATE = 0xE000


class _AliasRefused(Exception):
    def __init__(self, mark):
        super().__init__("alias")
        self.mark = mark


class _FrontMatterLoader(yaml.SafeLoader):
    """yaml's safe loader, refusing aliases before they are expanded.

    An alias shares a node, so nested aliases ("billion laughs") make a 2 KB front matter
    into a value whose ``str()`` takes gigabytes; front matter never needs them.
    """

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)
        return super().compose_node(parent, index)


def read_markdown(text: str, *, path: str, fallback_identity: str) -> Document:
    fields, body = split_front_matter(text)
    plain, heading = markdown_to_text(body)
    if not plain.strip():
        raise SkipInput("no text after the front matter")
    return build_document(
        plain, fields=fields, fallback_identity=fallback_identity, path=path, fmt="md",
        fallback_title=heading or first_line(plain),
    )


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """The front-matter mapping (lower-case keys) and the Markdown body after it."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise SkipInput("YAML front matter is not closed (no second '---' line)", line=1)
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=_FrontMatterLoader)  # a SafeLoader
    except _AliasRefused as refused:
        raise SkipInput("YAML front matter uses an alias ('*name'); aliases are refused "
                        "(they can expand a small file into gigabytes)",
                        line=refused.mark.line + 2) from None
    except RecursionError:
        raise SkipInput("YAML front matter is nested too deeply", line=2) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # The front matter starts on line 2 of the file; YAML marks count lines from 0.
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise SkipInput(f"broken YAML front matter: {problem}", line=line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SkipInput("YAML front matter is not a mapping of keys to values", line=2)
    fields = {str(key).lower(): value for key, value in data.items()}
    return fields, "\n".join(lines[end + 1:])


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """Plain text for the Markdown, line for line, and the text of its first heading."""
    markdown = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    out: list[str] = []
    heading: str | None = None
    in_fence = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(line)
            continue
        if _SETEXT.fullmatch(line) and out and out[-1].strip() and "|" not in line:
            heading = heading or out[-1].strip()
            out.append("")
            continue
        if _RULE.fullmatch(line) or _REFERENCE_DEF.fullmatch(line) or _TABLE_RULE.fullmatch(line):
            out.append("")
            continue
        line = _BULLET.sub("", _QUOTE.sub("", line))
        atx = _ATX.fullmatch(line)
        if atx:
            line = _inline(atx.group(1) or "")
            heading = heading or (line.strip() or None)
            out.append(line)
            continue
        out.append(_inline(line))
    return "\n".join(out), heading


def _inline(line: str) -> str:
    line = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), line)
    for pattern, replacement in _INLINE:
        line = pattern.sub(replacement, line)
    line = html.unescape(line)
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group(0)) - _PRIVATE), line)

