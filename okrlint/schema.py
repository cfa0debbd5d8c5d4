"""okrlint's own YAML/JSON input format as pydantic models, for `okrlint schema input`.

Editors validate and complete goal files with the JSON Schema these models produce, for
example with a first line `# yaml-language-server: $schema=okrlint-input.schema.json`.

The reader (okrlint/readers/structured.py) compares keys without case, spaces, `-` and `_`
(`key_results`, `keyResults` and `Key Results` are one key). JSON Schema cannot normalise
keys, so each model lists its keys once in their usual spelling under `properties` (for
completion) and again as a `patternProperties` regular expression that accepts every
spelling the reader accepts; any other key is an error, as it is for the reader.
tests/test_schema_input.py checks the schema against the reader key by key.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

Text = Annotated[str, Field(min_length=1, pattern=r"\S")]
Value = Annotated[float | str, Field(description="A number, or text such as '2.5%' or '4h'.")]
Loose = Annotated[Any, Field(description="Allowed and ignored by okrlint.")]


def spellings(key: str) -> str:
    """A regular expression for every spelling the reader takes as `key`: any case, with
    any characters other than letters and digits anywhere ("Key Results", "key-results")."""
    sep = "[^A-Za-z0-9]*"
    norm = re.sub(r"[^a-z0-9]", "", key.lower())
    letters = (f"[{c}{c.upper()}]" if c.isalpha() else c for c in norm)
    return "^" + sep + sep.join(letters) + sep + "$"


def _any_spelling(schema: dict[str, Any]) -> None:
    properties = schema.get("properties", {})
    schema["patternProperties"] = {spellings(name): sub for name, sub in properties.items()}


class _Mapping(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_any_spelling)


class _Bookkeeping(_Mapping):
    """Keys that any statement mapping may carry and that okrlint ignores."""

    id: Loose = None
    notes: Loose = None
    status: Loose = None
    progress: Loose = None
    score: Loose = None
    priority: Loose = None
    tags: Loose = None
    weight: Loose = None
    confidence: Loose = None
    comment: Loose = None
    comments: Loose = None


class Initiative(_Bookkeeping):
    """An initiative: the work planned to move the key results."""

    text: Text | None = Field(default=None, description="The initiative (or use kr, title, description).")
    kr: Text | None = None
    title: Text | None = None
    description: Text | None = None
    owner: str | float | None = None
    due: str | float | None = None
    baseline: Value | None = None
    target: Value | None = None
    current: Value | None = None
    unit: str | float | None = None
    initiatives: list[Text | Initiative] | None = Field(default=None, description="Ignored under an initiative.")


class KeyResult(_Bookkeeping):
    """A key result. Its text comes from the first of text, kr, title, description."""

    text: Text | None = Field(default=None, description="The key result, e.g. 'Increase NPS from 20 to 40'.")
    kr: Text | None = None
    title: Text | None = None
    description: Text | None = None
    baseline: Value | None = Field(default=None, description="The start value: the key result has a baseline.")
    target: Value | None = Field(default=None, description="The target value: the key result is measurable.")
    current: Value | None = Field(default=None, description="The current value (also counts as a baseline).")
    unit: str | float | None = Field(default=None, description="The unit of baseline, target and current.")
    owner: str | float | None = None
    due: str | float | None = Field(default=None, description="A date, kept as written.")
    initiatives: list[Text | Initiative] | None = Field(
        default=None, description="Initiatives that serve this key result."
    )


class Objective(_Bookkeeping):
    """An objective. Its text comes from the first of objective, title, text, description."""

    objective: Text | None = Field(default=None, description="The objective: where you want to be, in words.")
    title: Text | None = None
    text: Text | None = None
    description: Text | None = None
    key_results: list[Text | KeyResult] | Text | KeyResult | None = Field(
        default=None, description="Two to five key results (strings or mappings)."
    )
    initiatives: list[Text | Initiative] | Text | Initiative | None = None
    # The other names the reader takes for the same lists (as other OKR tools spell them).
    krs: list[Text | KeyResult] | Text | KeyResult | None = Field(default=None, description="Alias of key_results.")
    results: list[Text | KeyResult] | Text | KeyResult | None = Field(default=None, description="Alias of key_results.")
    keyresult: list[Text | KeyResult] | Text | KeyResult | None = Field(
        default=None, description="Alias of key_results."
    )
    measures: list[Text | KeyResult] | Text | KeyResult | None = Field(
        default=None, description="Alias of key_results."
    )
    inits: list[Text | Initiative] | Text | Initiative | None = Field(default=None, description="Alias of initiatives.")
    initiative: list[Text | Initiative] | Text | Initiative | None = Field(
        default=None, description="Alias of initiatives."
    )
    actions: list[Text | Initiative] | Text | Initiative | None = Field(
        default=None, description="Alias of initiatives."
    )
    projects: list[Text | Initiative] | Text | Initiative | None = Field(
        default=None, description="Alias of initiatives."
    )
    tasks: list[Text | Initiative] | Text | Initiative | None = Field(default=None, description="Alias of initiatives.")
    children: list[Text | Objective] | None = Field(default=None, description="Nested objectives.")
    subobjectives: list[Text | Objective] | None = Field(default=None, description="Nested objectives.")
    objectives: list[Text | Objective] | None = Field(default=None, description="Nested objectives.")
    owner: str | float | None = None
    due: str | float | None = None
    cycle: str | float | None = None
    team: Loose = None
    parent: Loose = None


class OKRFile(_Mapping):
    """okrlint's YAML/JSON schema: a mapping with `objectives`."""

    # Other keys beside the objectives are the author's own (a misspelt known one is reported
    # by the reader's skipped-part finding, which a schema cannot express).
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra=_any_spelling,
        title="okrlint input",
    )

    objectives: list[Text | Objective] = Field(description="The objectives, each a string or a mapping.")
    cycle: str | float | None = Field(default=None, description="The cycle, e.g. 2026-Q1 (or use period).")
    period: str | float | None = None
    team: Loose = None
    owner: Loose = None
    title: Loose = None
    name: Loose = None
    description: Loose = None
    version: Loose = None
    okrlint: Loose = None


class InputFile(RootModel[OKRFile | list[Text | Objective]]):
    """A goal file in okrlint's schema: a mapping with `objectives`, or a bare list of objectives."""


def input_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of okrlint's YAML/JSON input format."""
    schema = InputFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "okrlint goal file"
    schema["description"] = (
        "okrlint's own YAML/JSON format (docs/formats.md). Keys match in any case and with any "
        "separators (key_results, keyResults, Key Results). Files without a top-level `objectives` "
        "key are read as other tools' exports instead, which this schema does not describe."
    )
    return schema
