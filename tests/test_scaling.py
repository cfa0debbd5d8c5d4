"""Cost that grows with the size of one document grows linearly.

Scoring and the report look up each statement's and each OKR's findings; a scan of all
findings per statement made a run quadratic (one objective with 8,000 key results took
minutes). These tests time the same step at two sizes, ten times apart, and compare the
ratio: about 10 when linear, about 100 when quadratic. No absolute time is asserted.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from okrlint.model import OKR, Document, FileResult, Finding, LintResult, Statement
from okrlint.report.model import build
from okrlint.scoring import document_score


def _finding(line: int, okr: int, kind: str = "key_result") -> Finding:
    return Finding(
        code="OKR001",
        name="kr-output",
        kind=kind,
        text="t",
        line=line,
        severity="warning",
        message="m",
        okr=okr,
        weight=5,
    )


def one_objective(key_results: int) -> tuple[Document, list[Finding]]:
    krs = [Statement(kind="key_result", text=f"Ship feature {i}", line=i + 2) for i in range(key_results)]
    okr = OKR(objective=Statement(kind="objective", text="Delight customers", line=1), key_results=krs)
    return Document(path="big.okr.md", format="markdown", okrs=[okr]), [_finding(i + 2, 0) for i in range(key_results)]


def many_objectives(count: int) -> tuple[Document, list[Finding]]:
    okrs, findings = [], []
    for i in range(count):
        objective = Statement(kind="objective", text="Delight customers", line=2 * i + 1)
        okrs.append(OKR(objective=objective, key_results=[Statement(kind="key_result", text="Ship", line=2 * i + 2)]))
        findings.append(_finding(2 * i + 2, i))
    return Document(path="big.okr.md", format="markdown", okrs=okrs), findings


def cost(step: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - start)
    return best


def growth(make: Callable[[int], tuple[Document, list[Finding]]], step: Callable[..., object], small: int) -> float:
    costs = []
    for size in (small, 10 * small):
        doc, findings = make(size)
        costs.append(cost(lambda doc=doc, findings=findings: step(doc, findings)))
    return costs[1] / costs[0]


def score(doc: Document, findings: list[Finding]) -> object:
    return document_score(doc, findings)


def report(doc: Document, findings: list[Finding]) -> object:
    return build(LintResult(files=[FileResult(path=doc.path, okrs=doc.okrs, findings=findings)]))


def test_scoring_is_linear_in_key_results_per_objective():
    assert growth(one_objective, score, 1_000) < 25


def test_scoring_is_linear_in_objectives_per_file():
    assert growth(many_objectives, score, 1_000) < 25


def test_the_report_is_linear_in_key_results_per_objective():
    assert growth(one_objective, report, 1_000) < 25


def test_the_report_is_linear_in_objectives_per_file():
    assert growth(many_objectives, report, 1_000) < 25
