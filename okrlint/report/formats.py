"""One function per output format, each taking the report object.

Templates do the human formats; JSON formats are plain data dumped with json.dumps, so
escaping is the JSON encoder's job and cannot be got wrong by hand.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from okrlint import __version__
from okrlint.jsonfmt import dumps as json_dumps  # json.dumps(indent=2), faster on big reports
from okrlint.model import LintResult
from okrlint.readers import is_workbook
from okrlint.report.model import Report, ReportBuilder, RuleOut, Summary
from okrlint.report.templating import render_template

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
INFORMATION_URI = "https://pypi.org/project/okrlint/"


def _json(data: Any) -> str:
    return json_dumps(data, indent=2) + "\n"


def render_json(report: Report, colour: bool = False) -> str:
    # pydantic's serializer writes the indented JSON itself, in Rust; the same text as
    # json.dumps(indent=2, ensure_ascii=False) but for the exponent of very small floats
    # (0.00001 where Python writes 1e-05), which is the same number to every JSON reader.
    return report.model_dump_json(indent=2, exclude_none=True) + "\n"


_FILES = '\n  "files": []'


def write_json(result: LintResult, out: TextIO) -> None:
    """The text of render_json(build(result)), written file by file: the report of 50,000
    statements is never whole in memory (as models, dicts or one string)."""
    builder = ReportBuilder()

    def frame(rules: list[RuleOut], summary: Summary | None) -> tuple[str, str]:
        empty = Report.model_construct(files=[], rules=rules, summary=summary)
        head, found, tail = render_json(empty).partition(_FILES)
        assert found, "the report's top-level files list"
        return head, tail

    head, _ = frame([], None)
    out.write(head + '\n  "files": [')
    separator = "\n    "
    for file in result.files:
        text = builder.add(file).model_dump_json(indent=2, exclude_none=True)
        out.write(separator + text.replace("\n", "\n    "))  # at the depth of the files list
        separator = ",\n    "
    rules, summary = builder.finish()
    head_again, tail = frame(rules, summary)
    assert head_again == head
    out.write(("\n  ]" if result.files else "]") + tail)


def render_sarif(report: Report, colour: bool = False) -> str:
    from okrlint.rulebook import load_rules

    rules = load_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    driver_rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": " ".join(rule.rationale.split())},
            "help": {
                "text": " ".join(rule.rationale.split()),
                "markdown": render_template("rule_help.md.j2", rule=rule),
            },
            "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
            "properties": {"tags": list(dict.fromkeys(["okr", *rule.applies_to])), "weight": rule.weight},
        }
        for rule in rules
    ]
    # rules of the user's packs (extend-rules) that fired: the report carries what they say
    for out in report.rules:
        if out.code not in index:
            index[out.code] = len(driver_rules)
            driver_rules.append(
                {
                    "id": out.code,
                    "name": out.name,
                    "shortDescription": {"text": out.summary},
                    "fullDescription": {"text": " ".join(out.rationale.split()) or out.summary},
                    "help": {"text": " ".join(out.rationale.split()) or out.summary},
                    "defaultConfiguration": {"level": SARIF_LEVEL[out.severity]},
                    "properties": {"tags": ["okr", "rule-pack"]},
                }
            )
    results = []
    notifications = []
    for file in report.files:
        uri = _uri(file.path)
        if file.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{file.path}: {file.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(file.path)}}}],
                }
            )
        workbook = is_workbook(file.path)
        for f in file.findings:
            location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": uri}}}
            if not workbook:  # in a workbook a line means nothing: the cell is a logical location
                location["physicalLocation"]["region"] = {"startLine": f.line, "startColumn": max(1, f.column)}
            if f.cell:
                location["logicalLocations"] = [{"name": f.cell, "fullyQualifiedName": f"{file.path}:{f.cell}",
                                                 "kind": "element"}]
            result: dict[str, Any] = {
                "ruleId": f.code,
                "level": SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [location],
                "partialFingerprints": {"okrlint/v1": _fingerprint(file.path, f.code, f.text, f.kind)},
                "properties": {"name": f.name, "kind": f.kind, "statement": f.text, "suggestion": f.suggestion},
            }
            if f.code in index:
                result["ruleIndex"] = index[f.code]
            results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "okrlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": driver_rules,
            }
        },
        "results": results,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
    }
    return _json({"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]})


def _uri(path: str) -> str:
    """A path as SARIF's artifactLocation.uri: a URI reference (RFC 3986), so a space, '#',
    '%' or '[' in a file name is percent-encoded; an absolute path becomes a file: URI."""
    posix = PurePath(path).as_posix()
    if os.path.isabs(path):
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix, safe="/:")
    return quote(posix, safe="/")


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def render_gitlab(report: Report, colour: bool = False) -> str:
    """GitLab Code Quality report: a JSON array of issues."""
    issues = []
    for file in report.files:
        for f in file.findings:
            issues.append(
                {
                    "type": "issue",
                    "check_name": f"{f.code} {f.name}",
                    "description": f"{f.message} ({f.cell})" if f.cell else f.message,
                    "content": {"body": f.suggestion or ""},
                    "categories": ["Style"],
                    "severity": GITLAB_SEVERITY[f.severity],
                    "fingerprint": _fingerprint(file.path, f.code, f.text, f.kind, str(f.line)),
                    "location": {"path": file.path, "lines": {"begin": f.line}},
                }
            )
        if file.error:
            issues.append(
                {
                    "type": "issue",
                    "check_name": "okrlint unreadable-file",
                    "description": file.error,
                    "categories": ["Bug Risk"],
                    "severity": "blocker",
                    "fingerprint": _fingerprint(file.path, "error", file.error),
                    "location": {"path": file.path, "lines": {"begin": 1}},
                }
            )
    return _json(issues)


def render_text(report: Report, colour: bool = False, *, statistics: bool = False, quiet: bool = False) -> str:
    """The terminal report: each file's findings under their statements, then one summary line."""
    return render_template("text.j2", report=report, colour=colour, statistics=statistics, quiet=quiet)


def render_concise(report: Report, colour: bool = False) -> str:
    """One line per finding, `path:line:col: CODE name [severity] message`, and one per
    unreadable file: what an editor's problem matcher or `grep` reads (ruff's concise format)."""
    from okrlint.escape import visible

    lines = []
    for file in report.files:
        path = visible(file.path)
        if file.error:
            lines.append(f"{path}: error: {visible(file.error)}")
        for f in file.findings:
            lines.append(f"{path}:{visible(f.place)}: {f.code} {f.name} [{f.severity}] {visible(f.message)}")
    return "".join(f"{line}\n" for line in lines)


def _templated(name: str) -> Callable[[Report, bool], str]:
    def render(report: Report, colour: bool = False) -> str:
        return render_template(name, report=report, colour=colour)

    render.__doc__ = f"Render okrlint/templates/{name}."
    return render


# A pull-request comment must fit: GitHub's hold 65,536 characters.
MARKDOWN_LIMIT = 60_000


def render_markdown(report: Report, colour: bool = False) -> str:
    """The pull-request comment; over MARKDOWN_LIMIT characters, the lowest-scoring files
    that fit (the summary still counts them all) and a line saying how to get the rest."""
    text = render_template("markdown.md.j2", report=report, colour=colour, limit=MARKDOWN_LIMIT)
    if len(text) <= MARKDOWN_LIMIT:
        return text
    worst = sorted(report.files, key=lambda f: (f.score if f.score is not None else -1.0, f.path))
    fits, low, high = "", 0, len(worst) - 1
    while low <= high:  # the most files whose report fits, found by halving
        middle = (low + high) // 2
        text = render_template(
            "markdown.md.j2", report=report, colour=colour, limit=MARKDOWN_LIMIT, shown=worst[:middle]
        )
        if len(text) <= MARKDOWN_LIMIT:
            fits, low = text, middle + 1
        else:
            high = middle - 1
    return fits or render_template("markdown.md.j2", report=report, colour=colour, limit=MARKDOWN_LIMIT, shown=[])


RENDERERS: dict[str, Callable[[Report, bool], str]] = {
    "text": render_text,
    "concise": render_concise,
    "json": render_json,
    "markdown": render_markdown,
    "html": _templated("report.html.j2"),
    "sarif": render_sarif,
    "junit": _templated("junit.xml.j2"),
    "github": _templated("github.j2"),
    "gitlab": render_gitlab,
}
