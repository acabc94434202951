"""Read articles from files and directories into Documents; report and skip what cannot be read.

Identity (what a Document's IRI is minted from), in order of preference:

1. the ``id`` the document declares (header, front matter or JSON field);
2. else the ``url`` it declares (for HTML: the canonical/og URL trafilatura finds);
3. else its path, with ``/`` separators: relative to the directory given, for files found by
   walking a directory; for a file given directly, relative to the current working directory
   when it lies inside it, else absolute. A JSON Lines article without id/url adds ``#<line>``.

So reading the same directory twice, from the same place, gives the same identities.

Walking a directory is recursive and sorted (for determinism); hidden files and directories
(``.name``) are skipped, and so are files of other types and README files, which describe a
corpus rather than belong to it. A file given explicitly is always read, README or not, and
an unsupported type given explicitly is a Problem. Symbolic links to directories are not
followed (no loops); the same file reached twice in one call is read once.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePath

from diplomap.loaders.documents import Document
from diplomap.loaders.read_decode import decode_bytes, is_blank
from diplomap.loaders.read_html import declared_charset, read_html
from diplomap.loaders.read_jsonl import iter_jsonl
from diplomap.loaders.read_markdown import read_markdown
from diplomap.loaders.read_problems import Problem, SkipInput
from diplomap.loaders.read_text import read_txt

__all__ = ["Problem", "SUPPORTED_SUFFIXES", "iter_documents", "read_documents"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
DEFAULT_MAX_BYTES = 5_000_000

_WHOLE_FILE_READERS = {
    ".txt": read_txt,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}

log = logging.getLogger(__name__)

ProblemHandler = Callable[[Problem], None]


def iter_documents(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_problem: ProblemHandler | None = None,
) -> Iterator[Document]:
    """Documents from files and directories, in a stable order.

    Every input that cannot be used calls ``on_problem(Problem(...))`` (or logs a warning when no
    handler is given) and is skipped; the rest of the batch goes on. Bad content never raises.
    An input read with a caveat (bad bytes replaced) is yielded and also reported, as a Problem
    with ``warning=True``.
    """
    report = on_problem or _log_problem
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    seen: set[str] = set()
    for given in paths:
        yield from _read_given(os.fspath(given), max_bytes, report, seen)


def read_documents(
    paths: Iterable[str | os.PathLike] | str | os.PathLike, **kw
) -> tuple[list[Document], list[Problem]]:
    """All Documents and all Problems at once."""
    problems: list[Problem] = []
    documents = list(iter_documents(paths, on_problem=problems.append, **kw))
    return documents, problems


def _read_given(given: str, max_bytes: int, report: ProblemHandler, seen: set[str]) -> Iterator[Document]:
    try:
        info = os.stat(given)
    except FileNotFoundError:
        report(Problem(given, None, "no such file or directory"))
        return
    except OSError as exc:
        report(Problem(given, None, f"cannot read: {exc.strerror or exc}"))
        return
    if stat.S_ISDIR(info.st_mode):
        found = False
        unreadable: list[Problem] = []

        def report_unreadable(problem: Problem) -> None:
            unreadable.append(problem)
            report(problem)

        for path, relpath in _walk(given, report_unreadable):
            found = True
            yield from _read_file(path, relpath, max_bytes, report, seen)
        if not found and not unreadable:
            kinds = ", ".join(SUPPORTED_SUFFIXES)
            report(Problem(given, None, f"no documents found (looked for {kinds} files)"))
        return
    suffix = PurePath(given).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "no extension"
        report(Problem(given, None, f"unsupported file type ({shown}); supported: {', '.join(SUPPORTED_SUFFIXES)}"))
        return
    yield from _read_file(given, _identity_path(given), max_bytes, report, seen)


def _walk(top: str, report: ProblemHandler) -> Iterator[tuple[str, str]]:
    """(path, path relative to ``top`` with ``/``) for every candidate file, sorted."""

    def unreadable(exc: OSError) -> None:
        report(Problem(exc.filename or top, None, f"cannot read directory: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(top, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _is_candidate(name):
                path = os.path.join(root, name)
                yield path, PurePath(os.path.relpath(path, top)).as_posix()


def _is_candidate(name: str) -> bool:
    pure = PurePath(name)
    return (
        not name.startswith(".")
        and pure.suffix.lower() in SUPPORTED_SUFFIXES
        and pure.stem.lower() != "readme"
    )


def _identity_path(path: str) -> str:
    """A directly given file: relative to the working directory when inside it, else absolute."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.getcwd())
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return PurePath(relative).as_posix()


def _read_file(
    path: str, relpath: str, max_bytes: int, report: ProblemHandler, seen: set[str]
) -> Iterator[Document]:
    real = os.path.realpath(path)
    if real in seen:
        return
    seen.add(real)
    suffix = PurePath(path).suffix.lower()
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise SkipInput("not a regular file")
        with open(path, "rb") as stream:
            if suffix == ".jsonl":
                for item in iter_jsonl(stream, path=path, relpath=relpath, max_bytes=max_bytes):
                    if isinstance(item, Problem):
                        report(item)
                    else:
                        yield item
                return
            notes: list[str] = []
            document = _read_whole_file(stream, info.st_size, suffix, path, relpath, max_bytes, notes)
    except SkipInput as skip:
        report(Problem(path, skip.line, skip.reason))
        return
    except OSError as exc:
        report(Problem(path, None, f"cannot read: {exc.strerror or exc}"))
        return
    except Exception as exc:  # a reader bug must not stop the batch; say what happened
        log.debug("unexpected error reading %s", path, exc_info=True)
        report(Problem(path, None, f"unexpected error while reading ({type(exc).__name__}: {exc})"))
        return
    for note in notes:
        report(Problem(path, None, note, warning=True))
    yield document


def _read_whole_file(stream, size: int, suffix: str, path: str, relpath: str, max_bytes: int,
                     notes: list[str]) -> Document:
    if size > max_bytes:
        raise SkipInput(_too_large(size, max_bytes))
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:  # the file grew, or stat could not tell its size
        raise SkipInput(_too_large(len(raw), max_bytes))
    if not raw.strip():
        raise SkipInput("empty file")
    charset = declared_charset(raw) if suffix in (".html", ".htm") else None
    text, _ = decode_bytes(raw, declared=charset, notes=notes)
    if is_blank(text):
        raise SkipInput("empty file")
    return _WHOLE_FILE_READERS[suffix](text, path=path, fallback_identity=relpath)


def _too_large(size: int, max_bytes: int) -> str:
    return f"file too large: {size:,} bytes, over the {max_bytes:,}-byte limit"


def _log_problem(problem: Problem) -> None:
    log.warning("skipped %s", problem)
