"""The notebooks in notebooks/ run top to bottom on a clean kernel, and are committed clean.

Each notebook is executed with nbclient (a fresh ``python3`` kernel, cwd = notebooks/, the
sample corpus passed in ``DIPLOMAP_CORPUS``); any cell error fails the test with nbclient's
CellExecutionError. A few outputs each notebook must show are then checked, so a notebook
whose cells run but show nothing useful fails too.
"""

from __future__ import annotations

import ast
import re
import socket
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
CORPUS = REPO / "examples" / "corpus"
NAMES = ("01-quickstart.ipynb", "02-analysis.ipynb", "03-linked-data.ipynb")
KERNEL = "python3"
CELL_TIMEOUT = 300  # seconds per cell
# Libraries a notebook may import besides diplomap (and the standard library).
ALLOWED_IMPORTS = {"diplomap", "pandas", "matplotlib", "networkx", "SPARQLWrapper", "IPython", "rdflib"}


def _read(name: str):
    with open(NOTEBOOKS / name, encoding="utf-8") as f:
        return nbformat.read(f, as_version=4)


def _require_kernel() -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.fail(f"no Jupyter kernelspec {KERNEL!r}: install it with "
                    "`python -m ipykernel install --sys-prefix` (see `jupyter kernelspec list`)",
                    pytrace=False)


_EXECUTED: dict = {}


def _execute(name: str):
    """``name`` run top to bottom on a fresh kernel (once per test session)."""
    from nbclient import NotebookClient

    if name in _EXECUTED:
        return _EXECUTED[name]
    _require_kernel()
    nb = _read(name)
    before = sorted(p.name for p in NOTEBOOKS.iterdir())
    with pytest.MonkeyPatch.context() as patch:  # the kernel inherits this environment
        patch.setenv("DIPLOMAP_CORPUS", str(CORPUS))
        NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name=KERNEL,
                       resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    # Notebooks work in temporary folders: running them leaves nothing beside them.
    assert sorted(p.name for p in NOTEBOOKS.iterdir()) == before
    _EXECUTED[name] = nb
    return nb


def _outputs(nb, marker: str) -> list:
    """Outputs of the one code cell whose source contains ``marker``."""
    cells = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
    assert len(cells) == 1, f"expected one cell containing {marker!r}, found {len(cells)}"
    return cells[0].outputs


def _text(outputs) -> str:
    parts = []
    for out in outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            parts.append(out.data.get("text/plain", ""))
    return "\n".join(parts)


def _html_table_rows(outputs) -> int:
    """Body rows of the DataFrame shown in ``outputs`` (0 when there is none)."""
    for out in outputs:
        html = out.get("data", {}).get("text/html", "")
        if "<table" in html:
            body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
            return body.count("<tr")
    return 0


def _pngs(nb) -> int:
    return sum(1 for c in nb.cells if c.cell_type == "code"
               for out in c.outputs if "image/png" in out.get("data", {}))


# --- committed files ---------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_is_clean(name):
    nb = _read(name)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata["kernelspec"]["name"] == KERNEL
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook without code"
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"cells {dirty} keep outputs or execution counts: strip them before committing"
    # Every code cell is explained: some markdown comes before it since the previous markdown.
    assert nb.cells[0].cell_type == "markdown"
    assert sum(c.cell_type == "markdown" for c in nb.cells) * 3 >= len(code)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_imports_only_public_libraries(name):
    for cell in _read(name).cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.startswith("%"))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                assert top in ALLOWED_IMPORTS or top in _stdlib(), f"{name} imports {module}"
                if top == "diplomap":
                    assert not any(part.startswith("_") for part in module.split(".")), module


def _stdlib() -> frozenset[str]:
    import sys

    return frozenset(sys.stdlib_module_names)


# --- executed notebooks ------------------------------------------------------------------

def test_quickstart_runs():
    nb = _execute("01-quickstart.ipynb")

    first, again = _text(_outputs(nb, "summary = build_paths")), _text(_outputs(nb, "again = build_paths"))
    read = int(re.search(r"documents read: (\d+)", first)[1])
    assert read > 0 and "failed: 0" in first
    assert f"unchanged: {read}" in again and "new: 0" in again

    partners = _outputs(nb, 'saved("partners-of-province"')
    assert _html_table_rows(partners) >= 3
    assert "Yaroslavl Oblast" in _text(partners)
    # Bac Giang's partner shows under today's Bac Ninh (the 2025 merger)
    assert "Xaysomboun" in _text(_outputs(nb, 'saved("partners-with-predecessors"'))
    assert _html_table_rows(_outputs(nb, 'saved("investors-of-province"')) >= 1

    shown = _outputs(nb, "render_html(store")
    assert "remote scripts or stylesheets: 0" in _text(shown)
    frames = [o.data["text/html"] for o in shown if "text/html" in o.get("data", {})]
    assert len(frames) == 1 and '<iframe srcdoc="' in frames[0]
    assert "&lt;script" in frames[0] and "vis" in frames[0]  # the whole page, escaped, in the frame

    # the dossier's tables as DataFrames: one per section or figure query that has rows
    dossier = _outputs(nb, "report_tables(dossier)")
    counts = [int(n) for n in re.findall(r"^[\w-]+: (\d+) rows$", _text(dossier), re.M)]
    frames = [o for o in dossier if "<table" in o.get("data", {}).get("text/html", "")]
    assert len(counts) >= 7 and len(frames) == sum(1 for n in counts if n) >= 3
    assert re.search(r"report: bac-ninh\.html, \d+ facts, \d+ footnotes", _text(dossier))

    turtle = _text(_outputs(nb, "export_rdf(store, out"))
    triples = int(re.search(r"(\d+) triples from \d+ graphs", turtle)[1])
    assert triples > 100
    assert "dm:mentionedIn" in turtle


def test_analysis_runs():
    nb = _execute("02-analysis.ipynb")

    assert _pngs(nb) >= 3  # investments, timeline, network
    assert _html_table_rows(_outputs(nb, 'pd.crosstab(partnerships["country"]')) >= 2
    assert _html_table_rows(_outputs(nb, "timeline = pd.DataFrame")) >= 3
    rankings = _text(_outputs(nb, "result = analyze(graph"))
    assert "Bac Ninh" in rankings

    path = _text(_outputs(nb, "hops = shortest_path"))
    assert path.splitlines()[0].startswith("Samsung Display — ")
    assert "Yaroslavl Oblast" in path
    assert "“" in path  # each hop quotes the sentences that state it


def test_linked_data_runs():
    nb = _execute("03-linked-data.ipynb")

    counts = _text(_outputs(nb, "ontology, shapes = ontology_graph()"))
    assert int(re.search(r"classes\s+(\d+)", counts)[1]) >= 12  # the entity classes at least
    report = _text(_outputs(nb, "report = validate_store(store)"))
    assert re.match(r"(conforms|does NOT conform): \d+ violation", report)
    assert _html_table_rows(_outputs(nb, "SAME_AS_QUERY = ")) >= 1
    assert "wikidata.org/entity/Q" in _text(_outputs(nb, "SAME_AS_QUERY = "))

    void = _text(_outputs(nb, "describe_dataset(store"))
    assert "void:Dataset" in void and "dcat:Dataset" in void and "void:sparqlEndpoint" in void

    assert _html_table_rows(_outputs(nb, "client.setQuery(PARTNERS_QUERY)")) >= 3
    assert "owl:sameAs" in _text(_outputs(nb, "client.setQuery(CONSTRUCT_QUERY)"))

    stopped = _text(_outputs(nb, "stop_server()\nprint"))
    port = int(re.search(r"server on port (\d+) stopped", stopped)[1])
    with socket.socket() as probe, pytest.raises(OSError):  # nothing listens there any more
        probe.settimeout(2)
        probe.connect(("127.0.0.1", port))


def test_quickstart_map_draws_offline_inside_the_notebook_output(tmp_path, chromium_path):
    """The map cell's output, put in a page as Jupyter would, draws with no network request."""
    from playwright.sync_api import sync_playwright

    nb = _execute("01-quickstart.ipynb")
    [frame_html] = [o.data["text/html"] for o in _outputs(nb, "render_html(store") if "text/html" in o.get("data", {})]
    page_file = tmp_path / "output.html"
    page_file.write_text(f"<!doctype html><html><body>{frame_html}</body></html>", encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            requests, errors = [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(page_file.as_uri())
            [frame] = [f for f in page.frames if f != page.main_frame]
            frame.wait_for_function("window.diplomapReady === true", timeout=30_000)
            assert frame.locator("canvas").count() == 1
        finally:
            browser.close()
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []
    assert errors == []
