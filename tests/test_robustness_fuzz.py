"""Fuzzing (issue 6): the whole command on random bytes, random file names, and the YAML reader
on hostile YAML built from anchors, aliases, tags and flow collections.

Whatever the input, no exception escapes okrlint.cli.main, the exit code is 0, 1 or 2, a
refusal is one line on stderr naming the file, and the JSON report parses. (The readers alone
are fuzzed in test_properties.py.) The examples are few, so the file runs in seconds; for a
longer hunt set OKRLINT_FUZZ_EXAMPLES (OKRLINT_FUZZ_EXAMPLES=5000 python -m pytest this file).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrlint.cli import main
from okrlint.readers import ReadError, read_text

pytestmark = pytest.mark.usefixtures("isolated_cwd")

SETTINGS = settings(
    max_examples=int(os.environ.get("OKRLINT_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Pieces of goal documents and of hostile input, glued at random.
FRAGMENTS = [
    b"# Objective: Grow revenue in Europe\n",
    b"## Key Results\n",
    b"- KR: Increase ARR from 1M to 2M by Q3\n",
    b"- [x] KR: Release the new website [P1] (@alice) => 60%\n",
    b"| Objective | Key Result |\n|---|---|\n| Win DACH | Sign 12 new accounts |\n",
    b"Objective: Double company valuation\nKR: Capture 100% market share\n",
    b"objectives:\n  - objective: Grow\n    key_results:\n      - Reduce churn from 5% to 3%\n",
    b'{"objectives": [{"objective": "Grow", "key_results": ["Sign 12 accounts"]}]}',
    b"---\ncycle: Q3 2026\n---\n",
    b"<!-- okrlint-disable-next-line kr-output -->\n",
    b"# okrlint: disable=kr-output\n",
    b"&a [x, *a]\n",
    b"!!python/object/apply:os.system ['touch PWNED']\n",
    b"[[[[[[[[[[[[[[[[",
    b"]]]]",
    b"{",
    b'"\\ud800"',
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\xe9\xff",
    b"\x1b[2J\x1b]0;pwned\x07",
    b"\r\n",
    b"\t",
    b" ",
    b"owner: ",
    b"[a] ",
    b"from 1",
    b"1111",
]
contents = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(FRAGMENTS), max_size=20).map(b"".join),
)
SUFFIXES = [".okr.md", ".okr.yaml", ".okr.json", ".okr.txt", ".md", ".yaml", ".json", ".txt", ""]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", *args])
    return code, out.getvalue(), err.getvalue()


def assert_well_behaved(code: int, out: str, err: str, fmt: str, unreadable: list[str]) -> None:
    assert code in (0, 1, 2)
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == len(unreadable)
    assert (code == 2) == bool(lines)
    if fmt == "json":
        report = json.loads(out)
        assert [f["path"] for f in report["files"] if "error" in f] == unreadable


@SETTINGS
@given(data=contents, suffix=st.sampled_from(SUFFIXES), fmt=st.sampled_from(["text", "json"]))
def test_the_command_on_random_bytes(data: bytes, suffix: str, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "fuzz" + suffix)
        with open(path, "wb") as fh:
            fh.write(data)
        code, out, err = run("--format", fmt, path)
        with open(path, "rb") as fh:
            assert fh.read() == data  # never written to
    assert_well_behaved(code, out, err, fmt, [path] if code == 2 else [])
    if code == 2:
        assert err.startswith(f"okrlint: {path}: ")
    assert not os.path.exists("PWNED")


names = st.binary(min_size=1, max_size=20).filter(lambda b: b"/" not in b and b"\x00" not in b)


@SETTINGS
@given(name=names, fmt=st.sampled_from(["text", "json"]))
def test_the_command_on_random_file_names(name: bytes, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(os.fsencode(folder), name + b".okr.md")
        with open(path, "wb") as fh:
            fh.write(b"# Objective: Grow revenue\n\n- KR: Increase ARR from 1M to 2M\n- KR: Sign 12 accounts\n")
        code, out, err = run("--format", fmt, folder)
    assert code in (0, 1, 2)
    assert "Traceback" not in out + err
    assert len([line for line in err.splitlines() if line.strip()]) == (1 if code == 2 else 0)
    if fmt == "json":
        json.loads(out)
    for text in (out, err):
        assert not any(ch in text for ch in "\x1b\x07\x9b\r\x00")  # nothing raw from the name


yaml_pieces = st.sampled_from(
    [
        "objectives:", "- objective:", "key_results:", "  ", "\n", "- ", "&a ", "*a", "&b ", "*b", "[", "]", "{", "}",
        ", ", ": ", "Grow revenue", "42", "true", "~", "!!str ", "!!python/name:os.system ", "!custom ", "<<: *a",
        '"\\ud800"', "|\n  text", "? ", "--- ", "...", "%YAML 1.1\n", "'quoted'", "2026-01-01", "!!binary aGk=",
        "!!set {a, b}", "!!omap [a: 1]", "0x1F", ".inf", "1e400",
    ]
)


@SETTINGS
@given(st.lists(yaml_pieces, max_size=30).map("".join))
def test_the_yaml_reader_on_hostile_yaml(text: str) -> None:
    try:
        doc = read_text(text, "fuzz.yaml")
    except ReadError as exc:
        assert "\n" not in str(exc)
        return
    for stmt in doc.statements():
        assert isinstance(stmt.text, str)
        assert 1 <= stmt.line <= text.count("\n") + 1


json_trees = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25,
)


@SETTINGS
@given(tree=json_trees, indent=st.sampled_from([None, 0, 2]), ascii_only=st.booleans())
def test_the_json_reader_keeps_every_value_and_its_line(tree: object, indent: int | None, ascii_only: bool) -> None:
    from okrlint.readers.structured import LocDict, LocList, LocStr, load_json

    text = json.dumps(tree, indent=indent, ensure_ascii=ascii_only)
    value = load_json(text)
    assert value == json.loads(text)
    lines = text.split("\n")

    def walk(node: object) -> None:
        if isinstance(node, LocStr):
            assert json.dumps(str(node), ensure_ascii=ascii_only) in lines[node.line - 1]
            assert lines[node.line - 1][node.column - 2] == '"'
        elif isinstance(node, LocDict):
            for key, item in node.items():
                assert json.dumps(key, ensure_ascii=ascii_only) in lines[node.key_lines[key] - 1]
                walk(item)
        elif isinstance(node, LocList):
            assert len(node.item_lines) == len(node)
            for item in node:
                walk(item)

    walk(value)
