"""Reports: one report object, rendered to each format.

Machine formats (json) are built from the pydantic results; human formats are Jinja
templates in okrlint/templates/. Nothing here decides what is wrong: that is the engine.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Any, TextIO

from okrlint.model import SEVERITY_RANK, FileResult, LintResult, Statement

FORMATS = ("text", "json")


def _statement(stmt: Statement) -> dict[str, Any]:
    data = stmt.model_dump(exclude={"raw", "anatomy"}, exclude_none=True)
    data.pop("tags", None) if not stmt.tags else None
    if stmt.anatomy is not None:
        data["anatomy"] = stmt.anatomy.model_dump(exclude={"tokens"}, exclude_none=True)
    return data


def file_dict(file: FileResult) -> dict[str, Any]:
    out: dict[str, Any] = {"path": file.path, "score": file.score, "grade": file.grade, "cycle": file.cycle}
    out["okrs"] = [
        {
            "objective": _statement(okr.objective) if okr.objective else None,
            "key_results": [_statement(s) for s in okr.key_results],
            "initiatives": [_statement(s) for s in okr.initiatives],
            "parent": okr.parent,
            "cycle": okr.cycle,
        }
        for okr in file.okrs
    ]
    out["findings"] = [f.model_dump(exclude_none=True) for f in file.findings]
    if file.error:
        out["error"] = file.error
    return out


def render_json(result: LintResult) -> str:
    return json.dumps({"files": [file_dict(f) for f in result.files]}, indent=2, ensure_ascii=False) + "\n"


def summary(result: LintResult) -> dict[str, Any]:
    findings = result.findings
    return {
        "files": len(result.files),
        "okrs": sum(len(f.okrs) for f in result.files),
        "statements": sum(len(o.statements()) for f in result.files for o in f.okrs),
        "by_severity": Counter(f.severity for f in findings),
        "by_rule": Counter(f"{f.code} {f.name}" for f in findings).most_common(),
        "errors": len(result.errors),
    }


def use_colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def render_text(result: LintResult, colour: bool = False) -> str:
    from okrlint.report.templating import render

    return render("text.j2", result=result, summary=summary(result), colour=colour, rank=SEVERITY_RANK)


def render(result: LintResult, fmt: str, stream: TextIO | None = None) -> str:
    if fmt == "json":
        return render_json(result)
    if fmt == "text":
        return render_text(result, colour=stream is not None and use_colour(stream))
    raise ValueError(f"unknown format {fmt!r}")
