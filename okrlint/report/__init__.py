"""Reports: one report object (report/model.py), rendered to each format.

Human formats (text, markdown, html) and the XML/command formats (junit, github) are Jinja
templates in okrlint/templates/; the JSON formats (json, sarif, gitlab) are data structures
serialised with json.dumps. Nothing here decides what is wrong: that is the engine.
"""

from __future__ import annotations

import os
from typing import TextIO

from okrlint.model import LintResult

FORMATS = ("text", "concise", "json", "markdown", "html", "sarif", "junit", "github", "gitlab")


def use_colour(stream: TextIO | None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if stream is None or not hasattr(stream, "isatty") or not stream.isatty():
        return False
    return "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def write(
    result: LintResult, fmt: str, out: TextIO, stream: TextIO | None = None, *, statistics: bool = False,
    quiet: bool = False,
) -> None:
    """Write the report to `out`; `stream` is where it will be seen (for colour). The JSON
    report is written file by file (formats.write_json), the same text as `render`.
    `statistics` and `quiet` shape the text report (see render)."""
    if fmt == "json":
        from okrlint.report import formats

        formats.write_json(result, out)
    else:
        out.write(render(result, fmt, stream, statistics=statistics, quiet=quiet))


def render(
    result: LintResult, fmt: str, stream: TextIO | None = None, *, statistics: bool = False, quiet: bool = False
) -> str:
    """The report in one format; `stream` is where it will be written (for colour). For the
    text report, `statistics` adds the findings per rule and each document's score, and
    `quiet` leaves out everything but the findings."""
    from okrlint.report import formats
    from okrlint.report.model import build

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    report = build(result)
    if fmt == "text":
        return formats.render_text(report, use_colour(stream), statistics=statistics, quiet=quiet)
    return formats.RENDERERS[fmt](report, use_colour(stream))
