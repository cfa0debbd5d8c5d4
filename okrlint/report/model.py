"""The report object every format renders: files, OKRs and statements with their scores and
findings, the rules that fired (with rationale and examples) and the summary figures.

It is also the JSON output: `Report.model_json_schema()` is what `okrlint schema report`
prints, and the DESIGN.md contract (files[].path/score/okrs/findings) is a subset of it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from okrlint import __version__
from okrlint.model import (
    OKR,
    Anatomy,
    Category,
    FileResult,
    Finding,
    LintResult,
    Statement,
    StatementKind,
    construct,
    where,
)
from okrlint.rulebook import Rule, find_rule, load_rules
from okrlint.scoring import (
    GRADES,
    FindingsByPlace,
    combined_okr_score,
    grade,
    statement_score,
)


class _Out(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")


class AnatomyOut(_Out):
    """Anatomy without the token list (that stays internal)."""

    head: str | None = None
    lemma: str | None = None
    imperative: bool = False
    form: str = "empty"
    object: str | None = None
    quantities: list[dict[str, Any]] = []
    baseline: dict[str, Any] | None = None
    target: dict[str, Any] | None = None
    direction: str | None = None
    deadline: str | None = None


class StatementOut(_Out):
    kind: StatementKind
    text: str
    line: int
    column: int = 1
    cell: str | None = None
    score: float = 100.0
    grade: str = "A"
    owner: str | None = None
    priority: str | None = None
    tags: list[str] | None = None
    progress: str | None = None
    checked: bool | None = None
    baseline: float | str | None = None
    target: float | str | None = None
    unit: str | None = None
    current: float | str | None = None
    due: str | None = None
    anatomy: AnatomyOut | None = None
    category: Category | None = None
    findings: list[Finding] = []

    @property
    def where(self) -> str:
        """"line 12", or a spreadsheet's "cell Q3!B7"."""
        return where(self.line, self.cell)

    def same_fix(self, finding: Finding) -> str | None:
        """The code of an earlier finding on this statement whose suggestion proposes the same
        rewrite: two findings with one cause ("Release the website" is work, so it has no
        number) get one suggestion in the text report; each keeps its rule."""
        rewrite = _rewrite(finding.suggestion)
        if rewrite is None:
            return None
        for earlier in self.findings:
            if earlier is finding:
                return None
            if _rewrite(earlier.suggestion) == rewrite:
                return earlier.code
        return None


def _rewrite(suggestion: str | None) -> str | None:
    """The quoted rewrite a suggestion proposes ("'Increase X from <current value> to 5'")."""
    if not suggestion:
        return None
    start = suggestion.find("'")
    end = suggestion.find("'", start + 1)
    return suggestion[start + 1 : end] if 0 <= start < end else None


class OkrOut(_Out):
    index: int
    parent: int | None = None
    cycle: str | None = None
    score: float
    grade: str
    objective: StatementOut | None = None
    key_results: list[StatementOut] = []
    initiatives: list[StatementOut] = []
    findings: list[Finding] = Field(default=[], description="OKR-level findings")

    def statements(self) -> list[StatementOut]:
        return ([self.objective] if self.objective else []) + self.key_results + self.initiatives

    @property
    def all_findings(self) -> list[Finding]:
        return [f for s in self.statements() for f in s.findings] + self.findings


class FileOut(_Out):
    path: str
    score: float | None = None
    grade: str | None = None
    cycle: str | None = None
    error: str | None = None
    okrs: list[OkrOut] = []
    findings: list[Finding] = Field(default=[], description="every finding of the file, in line order")
    document_findings: list[Finding] = []


class RuleOut(_Out):
    code: str
    name: str
    severity: str
    summary: str
    rationale: str
    suggestion: str
    source: str
    bad: str | None = None
    good: str | None = None
    better: str | None = None


class RuleCount(_Out):
    code: str
    name: str
    count: int
    summary: str


class Summary(_Out):
    files: int
    unreadable: int
    okrs: int
    statements: int
    findings: int
    failing_okrs: int = Field(description="OKRs with at least one finding")
    by_severity: dict[str, int]
    by_rule: list[RuleCount]
    score_distribution: dict[str, int] = Field(description="documents per grade")
    okr_score_distribution: dict[str, int] = Field(description="OKRs per grade")
    top_problems: list[RuleCount] = Field(description="the three most frequent rules")
    mean_score: float | None = None


class Report(_Out):
    tool: str = "okrlint"
    version: str = __version__
    files: list[FileOut]
    rules: list[RuleOut] = Field(description="the rules that fired, with rationale and examples")
    summary: Summary


def _statement(stmt: Statement, findings: list[Finding]) -> StatementOut:
    """The statement as reported. Every value comes from a validated (or checked) Statement
    or Anatomy, or is computed here with its field's type, so the model is assembled without
    validating it again (tests/test_reports.py checks it equals the validated one)."""
    score = float(statement_score(findings))  # the field is a float; the sum may be an int
    values = {
        "kind": stmt.kind,
        "text": stmt.text,
        "line": stmt.line,
        "column": stmt.column,
        "cell": stmt.cell,
        "score": score,
        "grade": grade(score),
        "owner": stmt.owner,
        "priority": stmt.priority,
        "tags": stmt.tags or None,
        "progress": stmt.progress,
        "checked": stmt.checked,
        "baseline": stmt.baseline,
        "target": stmt.target,
        "unit": stmt.unit,
        "current": stmt.current,
        "due": stmt.due,
        "anatomy": None if stmt.anatomy is None else construct(AnatomyOut, _anatomy_dict(stmt.anatomy)),
        "category": stmt.category,
        "findings": findings,
    }
    return construct(StatementOut, values)


_ANATOMY_OUT_FIELDS = tuple(AnatomyOut.model_fields)


def _anatomy_dict(a: Anatomy) -> dict[str, Any]:
    """`a.model_dump(exclude={"tokens"})`, field by field: Anatomy's fields (AnatomyOut's, in
    the same order) are plain values but for the quantities, whose dump is their __dict__."""
    values = a.__dict__
    out = {name: values[name] for name in _ANATOMY_OUT_FIELDS}
    out["quantities"] = [dict(q.__dict__) for q in out["quantities"]]
    for key in ("baseline", "target"):
        if out[key] is not None:
            out[key] = dict(out[key].__dict__)
    return out


def _okr(okr: OKR, index: int, places: FindingsByPlace) -> OkrOut:
    mine = places.of_okr(index)  # as okr_score picks them, so the scores agree

    def of(stmt: Statement) -> StatementOut:
        return _statement(stmt, places.of_statement(index, stmt.line, stmt.kind))

    objective = of(okr.objective) if okr.objective else None
    key_results = [of(s) for s in okr.key_results]
    # okr_score's result, from the statement scores just computed (not all over again)
    score = combined_okr_score(objective.score if objective else None, [kr.score for kr in key_results], mine)
    return OkrOut(
        index=index,
        parent=okr.parent,
        cycle=okr.cycle,
        score=score,
        grade=grade(score),
        objective=objective,
        key_results=key_results,
        initiatives=[of(s) for s in okr.initiatives],
        findings=[f for f in mine if f.kind == "okr"],
    )


def _file(file: FileResult) -> FileOut:
    places = FindingsByPlace(file.findings)
    return FileOut(
        path=file.path,
        score=file.score,
        grade=file.grade,
        cycle=file.cycle,
        error=file.error,
        okrs=[_okr(okr, i, places) for i, okr in enumerate(file.okrs)],
        findings=file.findings,
        document_findings=[f for f in file.findings if f.kind == "document"],
    )


def _rule(rule: Rule) -> RuleOut:
    bad = rule.examples.bad[0] if rule.examples.bad else None
    good = rule.examples.good[0] if rule.examples.good else None
    return RuleOut(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        summary=rule.summary,
        rationale=" ".join(rule.rationale.split()),
        suggestion=rule.suggestion,
        source=rule.source,
        bad=bad.text if bad and not bad.document else None,
        good=good.text if good and not good.document else None,
        better=bad.good_form if bad else None,
    )


class ReportBuilder:
    """`build`, one file at a time: `add` makes each file's FileOut and keeps only the counts
    the summary needs, `finish` gives the rules and the summary. Lets a writer stream a large
    report file by file (formats.write_json) with the same result as `build`."""

    def __init__(self) -> None:
        self.files = 0
        self.unreadable = 0
        self.okrs = 0
        self.statements = 0
        self.failing_okrs = 0
        self.findings: Counter[tuple[str, str]] = Counter()  # (code, name) -> count
        self.severities: Counter[str] = Counter()
        self.grades: Counter[str | None] = Counter()
        self.okr_grades: Counter[str] = Counter()
        self.scores: list[float] = []

    def add(self, file: FileResult) -> FileOut:
        out = _file(file)
        self.files += 1
        self.unreadable += bool(out.error)
        self.okrs += len(out.okrs)
        self.statements += sum(len(o.statements()) for o in out.okrs)
        self.failing_okrs += sum(1 for o in out.okrs if o.all_findings)
        self.findings.update((f.code, f.name) for f in file.findings)
        self.severities.update(f.severity for f in file.findings)
        self.grades[out.grade] += 1
        self.okr_grades.update(o.grade for o in out.okrs)
        if out.score is not None:
            self.scores.append(out.score)
        return out

    def finish(self) -> tuple[list[RuleOut], Summary]:
        rules = load_rules()
        fired_codes = {code for code, _ in self.findings}
        if any(find_rule(c, rules) is None for c in fired_codes):  # rules of user packs (extend-rules)
            from okrlint.packs import loaded_rule

            rules = rules + tuple(
                r for c in sorted(fired_codes) if find_rule(c, rules) is None and (r := loaded_rule(c))
            )
        summaries = {r.code: r.summary for r in rules}
        by_rule = [
            RuleCount(code=c, name=n, count=k, summary=summaries.get(c, ""))
            for (c, n), k in sorted(self.findings.items(), key=lambda item: (-item[1], item[0][0]))
        ]
        letters = [letter for _, letter in GRADES]
        scored = self.scores
        summary = Summary(
            files=self.files,
            unreadable=self.unreadable,
            okrs=self.okrs,
            statements=self.statements,
            findings=sum(self.findings.values()),
            failing_okrs=self.failing_okrs,
            by_severity={s: self.severities.get(s, 0) for s in ("error", "warning", "info")},
            by_rule=by_rule,
            score_distribution={g: self.grades.get(g, 0) for g in letters},
            okr_score_distribution={g: self.okr_grades.get(g, 0) for g in letters},
            top_problems=by_rule[:3],
            mean_score=round(sum(scored) / len(scored), 1) if scored else None,
        )
        fired = sorted(fired_codes)
        return [_rule(r) for r in (find_rule(c, rules) for c in fired) if r], summary


def build(result: LintResult) -> Report:
    builder = ReportBuilder()
    files = [builder.add(f) for f in result.files]
    rules, summary = builder.finish()
    return Report(files=files, rules=rules, summary=summary)
