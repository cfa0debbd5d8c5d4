"""okrlint.jsonfmt writes what json.dumps(indent=..., ensure_ascii=False) writes, and the JSON
report streamed file by file (report.write) is the text of the one rendered whole."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrlint
from okrlint.jsonfmt import dumps
from okrlint.model import LintResult
from okrlint.report import render, write

ROOT = Path(__file__).resolve().parent.parent

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
)
keys = st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(keys, inner, max_size=4),
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from([0, 1, 2, 4]))
def test_dumps_is_json_dumps(value, indent):
    assert dumps(value, indent) == json.dumps(value, indent=indent, ensure_ascii=False)


def test_unserialisable_values_fail_as_in_json():
    with pytest.raises(TypeError):
        dumps({"a": object()})
    with pytest.raises(TypeError):
        dumps({(1, 2): 3})


@pytest.mark.usefixtures("isolated_cwd")
@pytest.mark.parametrize(
    "paths",
    [["examples"], ["examples/bad/growth-team.okr.md"], ["no/such/file.okr.md", "examples/mixed"], []],
)
def test_streamed_json_report_is_the_rendered_one(paths):
    result = okrlint.lint_paths([ROOT / p for p in paths]) if paths else LintResult(files=[])
    out = io.StringIO()
    write(result, "json", out)
    assert out.getvalue() == render(result, "json")
    json.loads(out.getvalue())
