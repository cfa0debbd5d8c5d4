"""Rules as data: one YAML file per rule in rules/, plus shared word lists in lexicons.yaml.

The YAML carries everything a person reads about a rule (rationale, good and bad examples,
source in the OKR literature) and everything that tunes it (severity, parameters, weight);
the check function in okrlint/checks/ is found by the rule's name.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from okrlint.model import Severity, StatementKind

AppliesTo = Literal["objective", "key_result", "initiative", "okr", "document"]


class Example(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    text: str
    kind: StatementKind = "key_result"
    # For document-level rules: a whole document to run the example on.
    document: str | None = None
    format: Literal["markdown", "yaml", "json", "text"] = "markdown"
    good_form: str | None = Field(default=None, alias="better")


class Examples(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    bad: list[Example] = []
    good: list[Example] = []


class Rule(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True)
    code: str
    name: str
    severity: Severity
    applies_to: list[AppliesTo] = Field(alias="applies-to")
    summary: str
    message: str
    rationale: str
    source: str
    weight: float = 10.0
    # the check reads only what every language writes alike (digits, %, currency signs), so it
    # also runs on statements not in English
    any_language: bool = Field(False, alias="any-language")
    lexicons: list[str] = []
    parameters: dict[str, Any] = {}
    suggestion: str = ""
    examples: Examples = Field(default_factory=Examples)
    path: str = ""

    @property
    def module(self) -> str:
        return self.name.replace("-", "_")


class RuleError(Exception):
    """A rule file that cannot be loaded; the message names the file and the field."""


def rules_dir() -> Path:
    """rules/ ships inside the wheel as okrlint/_rules; in a source checkout it is ../rules."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError(f"rules directory not found next to {here}")


# libyaml's parser when PyYAML was built with it: the rule files are read on every run, and it
# reads them about ten times faster than the pure-Python one (same safe constructor).
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {str(exc).splitlines()[0]}") from None


def load_rule(path: Path) -> Rule:
    data = _load_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must be a mapping")
    try:
        return Rule(**data, path=str(path))
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise RuleError(f"{path}: field {field!r}: {err['msg']}") from None


@lru_cache(maxsize=8)
def load_rules(directory: str | None = None) -> tuple[Rule, ...]:
    folder = Path(directory) if directory else rules_dir()
    rules = [load_rule(p) for p in sorted(folder.glob("*.yaml")) if p.name != "lexicons.yaml"]
    return tuple(sorted(rules, key=lambda r: r.code))


@lru_cache(maxsize=8)
def load_lexicons(directory: str | None = None) -> dict[str, tuple[str, ...]]:
    folder = Path(directory) if directory else rules_dir()
    data = _load_yaml(folder / "lexicons.yaml") or {}
    return {name: tuple(str(w).lower() for w in words) for name, words in data.items()}


def find_rule(key: str, rules: tuple[Rule, ...] | None = None) -> Rule | None:
    """A rule by name or code, case-insensitively."""
    low = key.strip().lower()
    for rule in rules if rules is not None else load_rules():
        if low in (rule.name, rule.code.lower()):
            return rule
    return None
