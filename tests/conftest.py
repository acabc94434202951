"""Shared test helpers."""

from __future__ import annotations

import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def require_tool(name: str, hint: str) -> str:
    """Path of a system tool; skip visibly when missing, but fail under CI=true."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} not found ({hint})"
    if IN_CI:
        pytest.fail(message + " — CI must install it", pytrace=False)
    pytest.skip(message)


@pytest.fixture
def chromium_path() -> str:
    return require_tool("chromium", "apt-get install chromium")
