"""`okrlint schema input`: the JSON Schema of okrlint's YAML/JSON input format. It must accept
what the reader reads cleanly and refuse what the reader reports as skipped, key by key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from okrlint.cli import main
from okrlint.readers import ReadError, read_text
from okrlint.readers import structured as reader
from okrlint.schema import input_schema, spellings

ROOT = Path(__file__).resolve().parent.parent
VALIDATOR = jsonschema.Draft202012Validator(input_schema())


class _Loader(yaml.SafeLoader):
    """YAML as editors see it: unquoted dates stay text (the reader keeps them as written)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_ok(data: Any) -> bool:
    return VALIDATOR.is_valid(data)


def reader_ok(data: Any) -> bool:
    """Read whole: no error and no part skipped (the reader reads the rest and reports those)."""
    try:
        doc = read_text(json.dumps(data), "goals.okr.json")
    except ReadError:
        return False
    return not any(note.code == "skipped-part" for note in doc.notes)


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(input_schema())


def test_cli_prints_the_schema(capsys: pytest.CaptureFixture[str]):
    assert main(["schema", "input"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == input_schema()
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"Objective", "KeyResult", "Initiative", "OKRFile"} <= set(printed["$defs"])


def native_files() -> list[Path]:
    out = []
    for path in sorted(ROOT.glob("examples/**/*")):
        if path.suffix in (".yaml", ".yml", ".json"):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
            if isinstance(data, dict) and "objectives" in data:
                out.append(path)
    return out


@pytest.mark.parametrize("path", native_files(), ids=lambda p: p.name)
def test_examples_in_okrlints_schema_validate(path: Path):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    errors = [f"{e.json_path}: {e.message[:120]}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []
    assert native_files(), "no example in okrlint's own schema"


# Every key the reader knows about, in any role, plus some it does not.
CANDIDATES = sorted(
    set(reader._TEXT_KEYS + reader._KR_TEXT_KEYS + reader._KR_LIST + reader._INIT_LIST + reader._OBJ_LIST)
    | {k for names in reader._FIELD_ALIASES.values() for k in names}
    | reader._NATIVE_OBJECTIVE_KEYS
    | reader._NATIVE_KR_KEYS
    | {"children", "subobjectives", "metric", "period", "version", "okrlint", "banana", "key_results"}
)
LISTS = set(reader._KR_LIST + reader._INIT_LIST + reader._OBJ_LIST) | {"children", "subobjectives", "key_results"}


def value_for(key: str) -> Any:
    norm = reader._norm(key)
    if norm in LISTS or key in LISTS:
        return ["Increase weekly active teams from 120 to 200"]
    if norm in ("baseline", "target", "current"):
        return 12
    return "Some text"


def documents(key: str) -> dict[str, Any]:
    """The key at each level of okrlint's schema."""
    kr = "Increase NPS from 20 to 40"
    return {
        "document": {"objectives": ["Customers love us"], key: value_for(key)},
        "objective": {"objectives": [{"objective": "Customers love us", key: value_for(key)}]},
        "key result": {
            "objectives": [{"objective": "Customers love us", "key_results": [{"text": kr, key: value_for(key)}]}]
        },
        "initiative": {
            "objectives": [{"objective": "Customers love us", "initiatives": [{"text": "Do X", key: value_for(key)}]}]
        },
    }


def reads_objectives(data: Any) -> bool:
    try:
        return bool(read_text(json.dumps(data), "goals.okr.json").okrs)
    except ReadError:
        return False


@pytest.mark.parametrize("key", CANDIDATES)
def test_schema_and_reader_agree_key_by_key(key: str):
    for level, doc in documents(key).items():
        if key in ("objective", "objectives") and level == "document":
            continue  # the document's own objectives list
        if level == "document":  # keys beside the objectives are the author's: both read the file
            assert schema_ok(doc) and reads_objectives(doc), key
            continue
        assert schema_ok(doc) == reader_ok(doc), (
            f"{key!r} on a {level}: schema {schema_ok(doc)}, reader {reader_ok(doc)}"
        )


@pytest.mark.parametrize("spelling", ["key_results", "keyResults", "Key Results", "KEY-RESULTS", "key results"])
def test_any_spelling_of_a_key(spelling: str):
    doc = {"objectives": [{"objective": "Customers love us", spelling: ["Increase NPS from 20 to 40"]}]}
    assert schema_ok(doc) and reader_ok(doc)


@pytest.mark.parametrize(
    "doc",
    [
        {"objectives": [{"objective": "O", "key_results": [42]}]},  # not text
        {"objectives": [{"objective": "O", "key_results": ["   "]}]},  # empty text
        {"objectives": [{"objective": "O", "key_results": [{"text": "Grow X", "baseline": True}]}]},  # a boolean
        {"objectives": "Customers love us"},  # not a list
        {"objectives": [{"objective": "O", "key_results": [{"text": "Grow X", "start": 3}]}]},  # an export alias
    ],
)
def test_both_refuse(doc: dict[str, Any]):
    assert not schema_ok(doc)
    assert not reader_ok(doc)


def test_a_bare_list_of_objectives():
    assert schema_ok(
        ["Customers love us", {"objective": "Ship faster", "key_results": ["Cut lead time from 9 to 3 days"]}]
    )


def test_spellings_regex():
    import re

    rx = re.compile(spellings("key_results"))
    assert all(rx.match(k) for k in ("keyresults", "KeyResults", "key-results", "_key results_"))
    assert not any(rx.match(k) for k in ("keyresult", "key_resultss", "krs"))
