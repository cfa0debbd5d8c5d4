"""The pydantic models that flow through okrlint: documents, statements, anatomy, findings.

Data flows one way (read -> analyse -> rules -> score -> render); every stage takes and
returns these models, so the library API and the JSON output are the same objects.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field

StatementKind = Literal["objective", "key_result", "initiative"]
FindingKind = Literal["objective", "key_result", "initiative", "okr", "document"]
Severity = Literal["error", "warning", "info"]
Direction = Literal["increase", "decrease", "reach", "maintain"]
QuantityKind = Literal["number", "percent", "currency", "multiplier", "count_word", "duration"]

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Model(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")


_M = TypeVar("_M", bound=BaseModel)
_FIELD_SETS: dict[type, set[str]] = {}  # one shared fields_set per class


def field_defaults(cls: type[BaseModel]) -> dict[str, Any]:
    """Each field's default, in declaration order (the order pydantic serialises __dict__
    in); a required field's is PydanticUndefined, for the caller to fill in."""
    return {name: f.get_default(call_default_factory=True) for name, f in cls.model_fields.items()}


def construct(cls: type[_M], values: dict[str, Any]) -> _M:
    """A model made from `values` as they are: every field given, in declaration order, each
    of its field's type. `BaseModel.model_construct` minus its per-field Python loop, for the
    hot paths (analysis, cache, reading, report) whose values are already checked. All
    instances of a class share one `fields_set`."""
    fields_set = _FIELD_SETS.get(cls)
    if fields_set is None:
        fields_set = _FIELD_SETS[cls] = set(cls.model_fields)
    model = object.__new__(cls)
    _set_dict(model, values)
    _set_fields_set(model, fields_set)
    _set_extra(model, None)
    _set_private(model, None)
    return model


# BaseModel's slots, set through their descriptors: what object.__setattr__(model, name, v)
# does, without looking each name up again (several models are made per statement).
_BASE_SLOTS = BaseModel.__dict__
_set_dict = _BASE_SLOTS["__dict__"].__set__
_set_fields_set = _BASE_SLOTS["__pydantic_fields_set__"].__set__
_set_extra = _BASE_SLOTS["__pydantic_extra__"].__set__
_set_private = _BASE_SLOTS["__pydantic_private__"].__set__


class Token(NamedTuple):
    """One spaCy token, kept so that rules (and the cache) never need spaCy itself.

    A named tuple rather than a model: a run makes about ten per statement, a tuple is built
    in a quarter of a model's time, and it is its own cache record. Read-only, like a row."""

    text: str
    lower: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    idx: int = 0  # character offset in the statement text
    is_verb_form: bool = False  # the lowercase text is a base-form verb in the model's lexicon


class Quantity(Model):
    """A number-like expression: 30%, $5M, 2.5, three, double, 10x, 48 hours."""

    text: str
    value: float | None = None
    unit: str | None = None
    kind: QuantityKind = "number"
    start: int = 0  # character offset in the statement text
    end: int = 0
    relative: bool = False  # "by 30%", "double": a change without an absolute level


class Anatomy(Model):
    """What a statement says, as the rules need it: its action, object, numbers and direction."""

    head: str | None = None
    lemma: str | None = None
    imperative: bool = False
    form: Literal["imperative", "clause", "passive", "noun_phrase", "empty"] = "empty"
    object: str | None = None
    quantities: list[Quantity] = []
    baseline: Quantity | None = None
    target: Quantity | None = None
    direction: Direction | None = None
    deadline: str | None = None
    tokens: list[Token] = []


class Category(Model):
    """What a statement is, decided once by the classify stage (okrlint/classify.py) and read
    by the rules. A key result: metric, count_new, threshold, rate, maintain, binary (results)
    or task, deliverable, milestone, habit (work). An objective: outcome, output, metric_target."""

    name: str
    direction: Direction | None = None
    reasons: list[str] = []


class Statement(Model):
    """One objective, key result or initiative, with the annotations stripped off its text."""

    kind: StatementKind
    text: str
    raw: str = ""
    line: int
    column: int = 1
    cell: str | None = None  # in a spreadsheet: "B7", or "Q3!B7" in a workbook
    owner: str | None = None
    priority: str | None = None
    tags: list[str] = []
    progress: str | None = None
    checked: bool | None = None
    baseline: float | str | None = None
    target: float | str | None = None
    unit: str | None = None
    current: float | str | None = None
    due: str | None = None
    anatomy: Anatomy | None = None
    category: Category | None = None

    @property
    def has_structured_baseline(self) -> bool:
        return self.baseline is not None or self.current is not None

    @property
    def measurable(self) -> bool:
        """What every rule means by measurable: a quantity in the text, or a target, baseline
        or current value given as a field (a YAML key, a spreadsheet column)."""
        quantified = self.anatomy is not None and bool(self.anatomy.quantities)
        return quantified or self.target is not None or self.has_structured_baseline


class OKR(Model):
    """One objective with its key results and initiatives (an OKR whose objective has no
    text has `objective` None; its key results are still checked)."""

    objective: Statement | None = None
    key_results: list[Statement] = []
    initiatives: list[Statement] = []
    parent: int | None = None  # index of the parent OKR in Document.okrs
    cycle: str | None = None

    def statements(self) -> list[Statement]:
        head = [self.objective] if self.objective else []
        return head + self.key_results + self.initiatives


class ReaderNote(Model):
    """Something a reader wants reported: which schema mapping it used, or that it found nothing."""

    code: str
    message: str
    line: int = 1


class Document(Model):
    """A goal document as a reader found it: its OKRs in reading order, its cycle ("Q3 2026"),
    and notes the reader wants reported (skipped parts, nothing found)."""

    path: str
    format: Literal["markdown", "yaml", "json", "text", "csv", "spreadsheet"]
    cycle: str | None = None
    okrs: list[OKR] = []
    notes: list[ReaderNote] = []
    line_count: int = 1

    def statements(self) -> list[Statement]:
        return [s for okr in self.okrs for s in okr.statements()]


class Finding(Model):
    """One problem a rule found: the rule (`code`, `name`), what it is about (`kind`: a
    statement's kind, "okr" or "document"; `text`: the statement), where (`line`, `column`, and
    in a spreadsheet `cell`), how bad (`severity`), what is wrong (`message`) and a better form
    (`suggestion`). `path` names the file, so that `LintResult.findings`, flat across files,
    still says where each one is."""

    code: str
    name: str
    kind: FindingKind
    text: str
    line: int
    column: int = 1
    cell: str | None = None  # the statement's cell, in a spreadsheet
    severity: Severity
    message: str
    suggestion: str | None = None
    okr: int | None = None  # index of the OKR in the document, when the finding belongs to one
    # what the finding costs in the score: its rule's weight, from the rule set that made it
    # (not in the JSON output, whose contract it is not part of)
    weight: float = Field(default=0.0, exclude=True)
    # the document's path; left out of the JSON output, where each file's findings sit under it
    path: str = Field(default="", exclude=True)

    @property
    def place(self) -> str:
        """Where a user finds it after the file's name: "12:5", or a spreadsheet's cell ("Q3!B7")."""
        return self.cell or f"{self.line}:{self.column}"

    @property
    def where(self) -> str:
        """The same in words: "line 12", "cell Q3!B7"."""
        return where(self.line, self.cell)


def where(line: int, cell: str | None) -> str:
    """A place in words, as reports name it: "line 12", or a spreadsheet's "cell Q3!B7"."""
    return f"cell {cell}" if cell else f"line {line}"


class FileResult(Model):
    """One file's result: its score (0-100) and grade (A-F), the OKRs read from it, its
    findings in line order, or `error` (one line) when it could not be read."""

    path: str
    score: float | None = None
    grade: str | None = None
    cycle: str | None = None
    okrs: list[OKR] = []
    findings: list[Finding] = []
    error: str | None = None


class LintResult(Model):
    """What `lint_text`, `lint_paths` and `lint_workbook` return: a result per file, in the
    order the files were given and found."""

    files: list[FileResult] = []

    @property
    def findings(self) -> list[Finding]:
        """Every file's findings, in file order (each names its file in `path`)."""
        return [f for file in self.files for f in file.findings]

    @property
    def errors(self) -> list[str]:
        """The one-line reason of each file that could not be read."""
        return [file.error for file in self.files if file.error]
