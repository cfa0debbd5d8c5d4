"""okrlint: lint and score OKRs (Objectives and Key Results) in goal documents.

The public API is `lint_text`, `lint_paths` and `lint_workbook`, returning pydantic models (okrlint.model).
Importing okrlint is cheap: spaCy and Jinja load only when a statement needs analysing or
a report needs rendering.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from okrlint.api import lint_paths, lint_text, lint_workbook

__all__ = ["__version__", "lint_paths", "lint_text", "lint_workbook"]


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "lint_documents"})


def __getattr__(name: str) -> Any:
    if name in ("lint_text", "lint_paths", "lint_documents", "lint_workbook"):
        from okrlint import api

        return getattr(api, name)
    raise AttributeError(f"module 'okrlint' has no attribute {name!r}")
