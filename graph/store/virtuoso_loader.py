"""Virtuoso's own bulk loader (``ld_dir`` + ``rdf_loader_run``), driven through ``isql``.

Virtuoso's SPARQL ``INSERT DATA`` fails at a few thousand triples and the Graph Store Protocol
costs one request per graph; its bulk loader reads N-Quads files from a directory the server
may read (``DirsAllowed`` in virtuoso.ini). ``load`` writes the pieces into one file there,
registers and loads it, and checks ``DB.DBA.load_list`` for the file's error.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterable

from diplomap.ontology.errors import StoreError

ISQL_TOOLS = ("isql-vt", "isql")
ISQL_TIMEOUT_S = 3600
_ADDRESS = re.compile(r"^[A-Za-z0-9.\-\[\]:]+:\d+$")
_SAFE_PATH = re.compile(r"^[^'\\\x00-\x1f]+$")


class VirtuosoLoader:
    """Bulk loads into the Virtuoso whose SQL port is ``address`` (host:port), from files in
    ``directory`` (the same path on this machine and on the server)."""

    def __init__(self, address: str, directory: str, user: str | None, password: str | None):
        if not _ADDRESS.match(address):
            raise StoreError(f"Virtuoso's isql address must be host:port, not {address!r}")
        directory = os.path.abspath(directory)
        if not _SAFE_PATH.match(directory):
            raise StoreError(f"cannot hand {directory!r} to Virtuoso's loader (quote or control character)")
        self.tool = next((found for name in ISQL_TOOLS if (found := shutil.which(name))), None)
        if self.tool is None:
            raise StoreError("Virtuoso's bulk loader needs isql (apt-get install virtuoso-opensource)")
        self.address, self.directory = address, directory
        self.user, self.password = user or "dba", password or ""

    def load(self, pieces: Iterable[bytes]) -> None:
        os.makedirs(self.directory, exist_ok=True)
        name = f"diplomap-{uuid.uuid4().hex}.nq"
        path = os.path.join(self.directory, name)
        try:
            with open(path, "wb") as out:
                for piece in pieces:
                    out.write(piece)
            # The third argument is the graph for triples; N-Quads name their own.
            output = self._isql(f"ld_dir('{self.directory}', '{name}', 'urn:diplomap:unused');\n"
                                "rdf_loader_run();\ncheckpoint;\n"
                                f"SELECT 'LOADED', ll_state, ll_error FROM DB.DBA.load_list WHERE ll_file = '{path}';\n"
                                f"DELETE FROM DB.DBA.load_list WHERE ll_file = '{path}';\n")
        finally:
            if os.path.exists(path):
                os.remove(path)
        state = [line.split(None, 2) for line in output.splitlines() if line.startswith("LOADED")]
        if not state:  # ld_dir registers nothing, silently, in a directory it may not read
            raise StoreError(f"Virtuoso's bulk loader did not see {path}: is {self.directory} in the "
                             "server's DirsAllowed (virtuoso.ini), at the same path?")
        if state[0][1:2] != ["2"] or (len(state[0]) > 2 and state[0][2] != "NULL"):
            raise StoreError(f"Virtuoso's bulk loader refused {name}: {' '.join(state[0][1:])}")

    def _isql(self, script: str) -> str:
        try:
            done = subprocess.run([self.tool, self.address, self.user, self.password, "VERBOSE=OFF",
                                   "BANNER=OFF", "PROMPT=OFF", "ERRORS=STDOUT"], input=script.encode(),
                                  capture_output=True, timeout=ISQL_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise StoreError(f"Virtuoso's bulk loader did not finish within {ISQL_TIMEOUT_S} s") from None
        output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
        errors = [line for line in output.splitlines() if "*** Error" in line or "Connect failed" in line]
        if done.returncode != 0 or errors:
            reason = (errors or output.strip().splitlines() or [f"exit status {done.returncode}"])[0]
            raise StoreError(f"Virtuoso's isql at {self.address} failed: {reason.strip()[:300]}")
        return output
