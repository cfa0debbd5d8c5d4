"""Quality scores from 0 to 100, with a grade, for statements, OKRs and documents.

Each finding costs its rule's `weight` (rules/*.yaml). A statement starts at 100 and loses
the weights of its findings. An OKR's score is its objective's score times its key results'
mean score (as fractions: both halves must be right), less the weights of OKR-level
findings and half the weights of its initiatives' findings. A document's score is the
mean of its OKR scores less document-level weights, but never below its worst OKR (so it
always lies between its worst and best OKR), and at most 79 (a C) when any finding is an
error. docs/scoring.md has a worked example and the calibration.
"""

from __future__ import annotations

from math import fsum

from okrlint.model import OKR, Document, Finding

GRADES = ((90, "A"), (80, "B"), (70, "C"), (60, "D"), (0, "F"))
# The highest score of a document with an error-severity finding: a C at best.
ERROR_CAP = 79.0


def grade(score: float) -> str:
    return next(letter for floor, letter in GRADES if score >= floor)


def _weight(finding: Finding) -> float:
    return finding.weight  # the weight of the rule that made it, built-in or from a pack


def _clamp(value: float) -> float:
    return round(max(0.0, min(100.0, value)), 1)


def statement_score(findings: list[Finding]) -> float:
    return _clamp(100 - sum(_weight(f) for f in findings))


def _mean(values: list[float]) -> float:
    """statistics.fmean's result (an exactly rounded sum over the count), without the cost of
    fmean's generality (it accepts any iterable of any numbers), paid once per OKR."""
    return fsum(values) / len(values)


class FindingsByPlace:
    """A document's findings grouped once by OKR and by statement, so that the score and the
    report find each statement's in constant time (a scan of every finding per statement
    made a document with thousands of key results take minutes)."""

    def __init__(self, findings: list[Finding]) -> None:
        self.by_okr: dict[int | None, list[Finding]] = {}
        self.by_statement: dict[tuple[int | None, int, str], list[Finding]] = {}
        for f in findings:
            self.by_okr.setdefault(f.okr, []).append(f)
            self.by_statement.setdefault((f.okr, f.line, f.kind), []).append(f)

    def of_okr(self, index: int) -> list[Finding]:
        """The findings of the document's OKR number `index` (its statements' and its own)."""
        return self.by_okr.get(index, [])

    def of_statement(self, index: int, line: int, kind: str) -> list[Finding]:
        """Of OKR `index`'s findings, those of its statement of that kind on that line."""
        return self.by_statement.get((index, line, kind), [])


def okr_score(okr: OKR, index: int, findings: list[Finding] | FindingsByPlace) -> float:
    places = findings if isinstance(findings, FindingsByPlace) else FindingsByPlace(findings)

    def of(line: int, kind: str) -> float:
        return statement_score(places.of_statement(index, line, kind))

    objective = of(okr.objective.line, "objective") if okr.objective is not None else None
    key_results = [of(kr.line, "key_result") for kr in okr.key_results]
    return combined_okr_score(objective, key_results, places.of_okr(index))


def combined_okr_score(objective: float | None, key_results: list[float], findings: list[Finding]) -> float:
    """An OKR's score from its objective's and key results' scores and the OKR's own
    findings (those of its initiatives and the OKR-level ones count; the report, which has
    the statement scores already, calls this directly)."""
    # Both halves must be right: a fine objective cannot make up for key results that do not
    # measure it, nor the reverse. So the two scores are multiplied as fractions, not averaged.
    base = 100.0
    if objective is not None:
        base = base * objective / 100
    if key_results:
        base = base * _mean(key_results) / 100
    # Initiatives are the team's plan, not its measure: their findings cost half their weight.
    penalty = sum(_weight(f) for f in findings if f.kind == "okr")
    penalty += sum(_weight(f) for f in findings if f.kind == "initiative") / 2
    return _clamp(base - penalty)


def document_score(doc: Document, findings: list[Finding], only: frozenset[int] | None = None) -> float | None:
    """None for a document with no OKR: there is nothing to score. `only`: the indexes of the
    OKRs to score (those a change touched, for --changed-since), all of them when None."""
    places = FindingsByPlace(findings)
    scores = [
        okr_score(okr, i, places)
        for i, okr in enumerate(doc.okrs)
        if okr.statements() and (only is None or i in only)
    ]
    if not scores:
        return None
    penalty = sum(_weight(f) for f in findings if f.kind == "document")
    score = _clamp(max(min(scores), _mean(scores) - penalty))
    if any(f.severity == "error" for f in findings):
        score = min(score, ERROR_CAP)  # an error is a defect a reviewer would send back
    return score
