"""The report as PDF, printed by headless Chromium (where it is installed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from diplomap.ontology.errors import DiplomapError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
CHROMIUM_ENV = "DIPLOMAP_CHROMIUM"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
TIMEOUT = 120


class ChromiumMissing(DiplomapError):
    """--pdf needs Chromium and none was found."""


def find_chromium() -> str:
    """The Chromium to print with: $DIPLOMAP_CHROMIUM, else the first known name on PATH."""
    chosen = os.environ.get(CHROMIUM_ENV)
    if chosen:
        if shutil.which(chosen):
            return shutil.which(chosen)
        raise ChromiumMissing(f"${CHROMIUM_ENV} names {chosen!r}, which is not an executable")
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    raise ChromiumMissing("--pdf needs headless Chromium, and none was found on PATH "
                          f"(tried {', '.join(CHROMIUM_NAMES)}; install it, e.g. `apt-get install chromium`, "
                          f"or set ${CHROMIUM_ENV}). The HTML report was written.")


def print_pdf(html_path: str | os.PathLike, pdf_path: str | os.PathLike) -> str:
    """Print ``html_path`` to ``pdf_path`` with a fresh, throw-away browser profile."""
    chromium = find_chromium()
    with tempfile.TemporaryDirectory(prefix="diplomap-chromium-") as profile:
        command = [chromium, *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                   f"--print-to-pdf={Path(pdf_path).resolve()}", Path(html_path).resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise DiplomapError(f"Chromium did not print the PDF within {TIMEOUT} s") from None
    if done.returncode != 0 or not Path(pdf_path).exists():
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise DiplomapError(f"Chromium could not print the PDF (exit {done.returncode}): {' / '.join(tail)}")
    return os.fspath(pdf_path)
