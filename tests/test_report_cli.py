"""``diplomap report``: the command writes the page, and bad input gives one clear message,
a non-zero exit and no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from diplomap.graph.cli.group import main


def _run(*args, env=None):
    return CliRunner().invoke(main, ["report", *args], env=env)


def test_report_writes_one_offline_page(small_store_dir, tmp_path):
    out = tmp_path / "bn.html"
    result = _run("Bắc Ninh", "--from", "2020", "--to", "2024", "-o", str(out), "--store", small_store_dir)
    assert result.exit_code == 0, result.output
    assert f"{out}: Bac Ninh," in result.output and "facts from" in result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert 'id="partnerships"' in page and 'class="footnotes"' in page


def test_default_output_name_and_vietnamese(small_store_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run("bac ninh", "--year", "2024", "--lang", "vi", "--store", small_store_dir)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "bac-ninh-2024.html").read_text(encoding="utf-8")
    assert "Quan hệ đối ngoại của Bắc Ninh" in page


def test_empty_year_says_so(small_store_dir, tmp_path):
    out = tmp_path / "empty.html"
    result = _run("Bac Ninh", "--year", "1999", "-o", str(out), "--store", small_store_dir)
    assert result.exit_code == 0, result.output
    assert "No facts found for Bac Ninh in 1999." in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["Atlantis"], "no Province named 'Atlantis'"),
    (["Bac Ninh", "--from", "2024", "--to", "2020"], "--from 2024 is after --to 2020"),
    (["Bac Ninh", "--year", "2022", "--from", "2021"], "give --year or --from/--to, not both"),
    (["Bac Ninh", "--from", "2021"], "give both --from and --to"),
    (["Bac Ninh", "--year", "12345"], "out of range"),
    (["Bac Ninh", "--all-years", "--year", "2022"], "--all-years takes no"),
])
def test_bad_input_is_one_clear_message(small_store_dir, tmp_path, args, message):
    result = _run(*args, "-o", str(tmp_path / "x.html"), "--store", small_store_dir)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("args", [["Bac Ninh", "--year", "twenty"], ["Bac Ninh", "--lang", "fr"], []])
def test_usage_errors(small_store_dir, args):
    result = _run(*args, "--store", small_store_dir)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_pdf_without_chromium_is_a_clear_message(small_store_dir, tmp_path):
    out = tmp_path / "bn.html"
    result = _run("Bac Ninh", "-o", str(out), "--pdf", "--store", small_store_dir,
                  env={"DIPLOMAP_CHROMIUM": str(tmp_path / "no-such-browser")})
    assert result.exit_code == 1
    assert "not an executable" in result.output and "Traceback" not in result.output
    assert out.exists()  # the HTML is written before the PDF is tried


def test_pdf_without_chromium_on_path(small_store_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("DIPLOMAP_CHROMIUM", raising=False)
    result = _run("Bac Ninh", "-o", str(tmp_path / "bn.html"), "--pdf", "--store", small_store_dir)
    assert result.exit_code == 1
    assert "--pdf needs headless Chromium" in result.output and "apt-get install chromium" in result.output
