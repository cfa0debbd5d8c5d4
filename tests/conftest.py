"""Shared fixtures. The spaCy pipeline is loaded once per session (okrlint.nlp.pipeline.load
is cached), so every test that lints reuses the same model."""

from __future__ import annotations

import pytest

from okrlint.nlp.pipeline import load


@pytest.fixture(scope="session")
def nlp():
    return load()
