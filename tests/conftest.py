"""Shared fixtures. The spaCy pipeline is loaded once per session (okrlint.nlp.pipeline.load
is cached), so every test that lints reuses the same model."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrlint.config import clear_config_cache
from okrlint.nlp.pipeline import load


@pytest.fixture(scope="session")
def nlp():
    return load()


@pytest.fixture
def isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty working directory and a fresh config cache, so no project configuration
    leaks into a test's results."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    clear_config_cache()
    yield cwd
    clear_config_cache()
