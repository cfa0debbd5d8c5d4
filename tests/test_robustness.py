"""Robust against bad input (issue 6): clear errors, nothing lost, nothing trusted.

Every bad input gets one line on stderr naming the file (and the line where it applies),
exit code 2 and no traceback, while the other files of the run are checked and reported
exactly as when they are checked alone. Bad configuration names the key and the file. No
regular expression takes more than linear time. okrlint writes nothing but its report, and
a statement cannot drive the terminal through it. docs/robustness.md lists all of this.

Everything runs okrlint.cli.main in-process (the spaCy model loads once per session).
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from okrlint.cli import main
from okrlint.readers import read_text

pytestmark = pytest.mark.usefixtures("isolated_cwd")

# A good document with findings of its own, so "reported in full" means something.
GOOD = """\
# Objective: Delight our first customers

- KR: Increase NPS from 20 to 40 by June 30
- KR: Release the new website
"""


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any], list[str]]:
    """Run `okrlint check --format json ARGS`: exit code, the parsed report, the stderr lines."""
    code = main(["check", "--format", "json", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, json.loads(captured.out), [line for line in captured.err.splitlines() if line.strip()]


def by_path(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["path"]: f for f in report["files"]}


def alone(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, Any]:
    """The report of one file checked on its own."""
    _, report, err = check(capsys, str(path))
    assert not err
    [entry] = report["files"]
    return entry


# -- item 1: bad input ------------------------------------------------------------------------
def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("objectives: *i")
    return "\n".join(lines) + "\n"


def _nested_json(depth: int) -> str:
    """{"objectives": [...]} with `depth` lists, one per line, so the error has a line to name."""
    return '{"objectives":\n' + "[\n" * depth + "]\n" * depth + "}\n"


@dataclass
class Bad:
    name: str  # the file name (its suffix picks the reader)
    data: str | bytes
    message: str  # a regular expression the one-line error must match
    line: int | None = None  # the line the error must name
    config: str = ""  # a .okrlint.toml next to the file

    def __str__(self) -> str:
        return self.name


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
BAD_INPUTS = [
    Bad("binary.okr.md", PNG, r"binary file"),
    Bad("utf16-no-bom.okr.md", GOOD.encode("utf-16-le"), r"binary file .*UTF-16 without a BOM"),
    Bad("latin1.okr.md", "# Objective: Grow café sales\n\n- KR: Sell 10 more\n".encode("latin-1"),
        r"invalid UTF-8 at line 1 \(byte 21\)"),
    Bad("empty.okr.md", b"", r"empty file$"),
    Bad("blank.okr.yaml", b"  \n\n\t\n", r"empty file \(only whitespace\)"),
    Bad("big.okr.md", GOOD * 20, r"file is 2,\d{3} bytes, over the 1,000-byte limit \(max-file-size\)",
        config="max-file-size = 1000\n"),
    Bad("long.okr.md", "# Objective: Grow revenue\n\n- KR: " + "increase revenue " * 150 + "\n",
        r"statement of 2,5\d\d characters, over the 2,000 limit \(max-statement-length\)", line=3),
    Bad("long-yaml.okr.yaml", "objectives:\n  - objective: Grow\n    key_results:\n      - " + "abcdefghij" * 6 + "\n",
        r"statement of 60 characters, over the 50 limit", line=4, config="max-statement-length = 50\n"),
    Bad("invalid.okr.yaml", "objectives:\n  - objective: Grow revenue\n    key_results: [unclosed\n",
        r"invalid YAML: expected ',' or '\]'", line=4),
    Bad("indent.okr.yaml", "objectives:\n  - objective: Grow\n   key_results: x\n", r"invalid YAML", line=3),
    Bad("invalid.okr.json", '{\n  "objectives": [\n    {"objective": "Grow",, }\n  ]\n}\n',
        r"invalid JSON: Expecting property name", line=3),
    Bad("tag.okr.yaml", "objectives:\n  - objective: !!python/object/apply:os.system ['touch PWNED']\n",
        r"YAML tag !!python/object/apply:os\.system is not allowed", line=2),
    Bad("tag-map.okr.yaml", "objectives:\n  - !!python/object:__main__.Evil\n    objective: Grow\n",
        r"YAML tag !!python/object:__main__\.Evil is not allowed", line=2),
    Bad("custom-tag.okr.yaml", "objectives:\n  - objective: !secret Grow\n", r"YAML tag !secret is not allowed",
        line=2),
    Bad("bomb.okr.yaml", _billion_laughs(), r"YAML expands to too many values \(an alias bomb\?\)"),
    Bad("deep.okr.json", "[" * 10_000 + "]" * 10_000, r"JSON nested more than 200 levels deep", line=1),
    Bad("deep-lines.okr.json", _nested_json(10_000), r"JSON nested more than 200 levels deep", line=201),
    Bad("deep.okr.yaml", "objectives: " + "[" * 10_000 + "]" * 10_000 + "\n", r"YAML nested more than 200 levels deep",
        line=1),
    Bad("surrogate.okr.json", '{"objectives": [{"objective": "Grow \\ud800 revenue"}]}',
        r"unpaired surrogate escape '\\ud800'", line=1),
]


@pytest.mark.parametrize("case", BAD_INPUTS, ids=str)
def test_bad_input_is_one_line_error_and_the_good_file_is_reported_in_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: Bad
) -> None:
    folder = tmp_path / "okrs"
    if case.config:
        write(folder / ".okrlint.toml", case.config)
    good = write(folder / "good.okr.md", GOOD)
    expected = alone(capsys, good)
    assert expected["findings"], "the good file should have findings of its own"
    bad = write(folder / case.name, case.data)

    code, report, err = check(capsys, str(bad), str(good))
    assert code == 2
    assert len(err) == 1, err
    assert err[0].startswith(f"okrlint: {bad}: "), err[0]
    assert re.search(case.message, err[0]), err[0]
    if case.line is not None:
        assert err[0].startswith(f"okrlint: {bad}: line {case.line}: "), err[0]
    files = by_path(report)
    assert files[str(bad)]["error"] == err[0].removeprefix(f"okrlint: {bad}: ")
    assert files[str(good)] == expected

    # the text report: the same one line on stderr, the good file's findings on stdout
    assert main(["check", str(bad), str(good)]) == 2
    captured = capsys.readouterr()
    assert [line for line in captured.err.splitlines() if line.strip()] == err
    assert "Traceback" not in captured.out + captured.err
    for finding in expected["findings"]:
        assert f"{good}:{finding['line']}:{finding['column']}: {finding['code']}" in captured.out
    assert not (Path.cwd() / "PWNED").exists()  # a !!python tag ran nothing


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32", "utf-8-crlf-bom"]
)
def test_bom_files_are_read_like_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    plain = write(tmp_path / "plain" / "goals.okr.md", GOOD)
    expected = alone(capsys, plain)
    if encoding == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be")
    elif encoding == "utf-8-crlf-bom":
        data = codecs.BOM_UTF8 + GOOD.replace("\n", "\r\n").encode("utf-8")
    else:
        data = GOOD.encode(encoding)
    path = write(tmp_path / encoding / "goals.okr.md", data)
    code, report, err = check(capsys, str(path))
    assert code == 1 and not err
    [got] = report["files"]
    assert "error" not in got
    assert got["findings"] == expected["findings"]  # same lines and columns: the BOM is not text
    assert got["okrs"] == expected["okrs"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("notes.okr.md", "# Team notes\n\nWe met on Tuesday and talked about the weather.\n"),
        ("notes.okr.txt", "Shopping list\n\nmilk, eggs, bread\n"),
        ("config.okr.yaml", "name: my-service\nreplicas: 3\n"),
        ("data.okr.json", '{"items": [1, 2, 3]}\n'),
    ],
)
def test_a_document_without_okrs_gets_a_no_okrs_found_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    path = write(tmp_path / name, text)
    code, report, err = check(capsys, str(path))
    assert code == 1 and not err  # a warning, not an error: the file was read
    [file] = report["files"]
    assert [(f["code"], f["name"]) for f in file["findings"]] == [("OKR001", "no-okrs-found")]


def test_symlink_loop_in_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "okrs"
    good = write(folder / "good.okr.md", GOOD)
    nested = write(folder / "team" / "team.okr.md", GOOD.replace("first customers", "partners"))
    expected = [alone(capsys, good), alone(capsys, nested)]
    (folder / "team" / "back").symlink_to(folder, target_is_directory=True)  # okrs/team/back -> okrs
    (folder / "self").symlink_to(folder / "self")  # a link to itself
    start = time.perf_counter()
    code, report, err = check(capsys, str(folder))
    assert time.perf_counter() - start < 60
    assert code == 2
    assert len(err) == 1, err
    assert err[0].startswith(f"okrlint: {folder / 'team' / 'back'}: symlink loop: points back to ")
    files = by_path(report)
    assert [files[str(good)], files[str(nested)]] == expected  # each checked once, in full
    assert len(report["files"]) == 3


def test_a_symlink_loop_excluded_by_a_glob_is_not_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "okrs"
    write(folder / ".okrlint.toml", 'exclude = ["back"]\n')
    write(folder / "good.okr.md", GOOD)
    (folder / "back").symlink_to(folder, target_is_directory=True)
    code, report, err = check(capsys, str(folder))
    assert code == 1 and not err
    assert len(report["files"]) == 1


def test_broken_links_self_links_and_fifos_in_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "okrs"
    good = write(folder / "good.okr.md", GOOD)
    expected = alone(capsys, good)
    (folder / "broken.okr.md").symlink_to(folder / "missing.md")
    (folder / "loop.okr.md").symlink_to(folder / "loop.okr.md")
    os.mkfifo(folder / "pipe.okr.md")  # opening it would wait for a writer forever
    code, report, err = check(capsys, str(folder))
    assert code == 2
    assert sorted(err) == [
        f"okrlint: {folder / 'broken.okr.md'}: broken symbolic link (to {folder / 'missing.md'})",
        f"okrlint: {folder / 'loop.okr.md'}: symlink loop (too many levels of symbolic links)",
        f"okrlint: {folder / 'pipe.okr.md'}: not a regular file (a FIFO); not read",
    ]
    assert by_path(report)[str(good)] == expected


def test_a_fifo_named_on_the_command_line_does_not_wait_for_a_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path / "good.okr.md", GOOD)
    expected = alone(capsys, good)
    fifo = tmp_path / "pipe.okr.md"
    os.mkfifo(fifo)
    code, report, err = check(capsys, str(fifo), str(good))
    assert code == 2
    assert err == [f"okrlint: {fifo}: empty file"]  # nobody writes to it
    assert by_path(report)[str(good)] == expected


@pytest.mark.parametrize(
    ("raw_name", "shown", "reason"),
    [
        (b"esc\x1b[31mred.okr.md", "esc\\x1b[31mred.okr.md", "file name contains control characters"),
        (b"new\nline.okr.md", "new\\nline.okr.md", "file name contains control characters"),
        (b"caf\xe9.okr.md", "caf\\xe9.okr.md", "file name is not valid UTF-8"),
    ],
)
def test_file_names_that_cannot_be_printed_are_refused_and_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw_name: bytes, shown: str, reason: str
) -> None:
    folder = tmp_path / "okrs"
    good = write(folder / "good.okr.md", GOOD)
    expected = alone(capsys, good)
    with open(os.path.join(os.fsencode(folder), raw_name), "wb") as fh:
        fh.write(GOOD.encode())
    for args in ([str(folder)], [os.fsdecode(os.path.join(os.fsencode(folder), raw_name)), str(good)]):
        code, report, err = check(capsys, *args)
        assert code == 2
        assert err == [f"okrlint: {folder}/{shown}: {reason}; rename the file"]
        assert by_path(report)[str(good)] == expected
    assert main(["check", "-o", str(tmp_path / "report.txt"), str(folder)]) == 2  # and the report is written
    capsys.readouterr()
    assert shown in (tmp_path / "report.txt").read_text(encoding="utf-8")


def test_file_without_read_permission(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "okrs"
    good = write(folder / "good.okr.md", GOOD)
    expected = alone(capsys, good)
    secret = write(folder / "secret.okr.md", GOOD)
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            # root reads whatever the mode says: make os.open refuse this one file instead
            real_open = os.open

            def refusing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
                if os.fspath(file) == str(secret):
                    raise PermissionError(13, "Permission denied", str(secret))
                return real_open(file, *args, **kwargs)

            monkeypatch.setattr(os, "open", refusing_open)
        code, report, err = check(capsys, str(folder))
    finally:
        secret.chmod(0o644)
    assert code == 2
    assert err == [f"okrlint: {secret}: permission denied (cannot read the file)"]
    assert by_path(report)[str(good)] == expected


def test_directory_without_read_permission(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "okrs"
    good = write(folder / "good.okr.md", GOOD)
    expected = alone(capsys, good)
    locked = folder / "locked"
    write(locked / "hidden.okr.md", GOOD)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root: make the directory listing fail instead
            real_scandir = os.scandir

            def refusing_scandir(path: Any = ".") -> Any:
                if os.fspath(path) == str(locked):
                    raise PermissionError(13, "Permission denied", str(locked))
                return real_scandir(path)

            monkeypatch.setattr(os, "scandir", refusing_scandir)
        code, report, err = check(capsys, str(folder))
    finally:
        locked.chmod(0o755)
    assert code == 2
    assert err == [f"okrlint: {locked}: cannot read directory: permission denied"]
    assert by_path(report)[str(good)] == expected


def test_path_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.okr.md", GOOD)
    expected = alone(capsys, good)
    missing = tmp_path / "nope" / "missing.okr.md"
    code, report, err = check(capsys, str(missing), str(good))
    assert code == 2
    assert err == [f"okrlint: {missing}: no such file or directory"]
    assert by_path(report)[str(good)] == expected


@pytest.mark.parametrize(
    "front_matter",
    [
        _billion_laughs().replace("objectives: *i", "cycle: *i"),
        "cycle: " + "[" * 5_000 + "]" * 5_000 + "\n",
        "cycle: !!python/object/apply:os.system ['touch PWNED']\n",
        "cycle: [unclosed\n",
    ],
    ids=["alias-bomb", "deep", "python-tag", "invalid"],
)
def test_hostile_front_matter_is_ignored_and_the_document_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], front_matter: str
) -> None:
    plain = write(tmp_path / "plain" / "goals.okr.md", GOOD)
    expected = alone(capsys, plain)
    path = write(tmp_path / "goals.okr.md", "---\n" + front_matter + "---\n" + GOOD)
    offset = front_matter.count("\n") + 2
    code, report, err = check(capsys, str(path))
    assert code == 1 and not err
    [file] = report["files"]
    assert file.get("cycle") is None
    assert [(f["code"], f["line"] - offset) for f in file["findings"]] == [
        (f["code"], f["line"]) for f in expected["findings"]
    ]
    assert not (Path.cwd() / "PWNED").exists()


# -- the folder: 20 good files and 10 bad ones ------------------------------------------------
OBJECTIVES = [
    "Delight our first customers",
    "Launch a new website",
    "Grow revenue in Europe",
    "Become the default planning tool for small teams",
    "Make onboarding effortless",
    "Double company valuation",
    "Build a world-class support team",
]
KEY_RESULTS = [
    "Increase NPS from 20 to 40 by June 30",
    "Release the new website",
    "Reduce monthly churn from 5% to 3%",
    "Improve onboarding",
    "Sign 12 new accounts in the DACH region",
    "Increase weekly active teams from 120 to 200",
    "Publish 10 thought leadership articles",
    "Capture 100% market share",
    "Maintain 99.9% uptime",
    "Sign up multiple accounts",
]


def _good_document(i: int) -> tuple[str, str]:
    """The i-th good document: a name and its text, in one of the four formats."""
    objective = OBJECTIVES[i % len(OBJECTIVES)]
    krs = [KEY_RESULTS[(i + k) % len(KEY_RESULTS)] for k in range(2 + i % 3)]
    fmt = ("md", "yaml", "json", "txt")[i % 4]
    if fmt == "md":
        text = f"# Objective: {objective}\n\n" + "".join(f"- KR: {kr}\n" for kr in krs)
    elif fmt == "yaml":
        text = f"cycle: Q{1 + i % 4} 2026\nobjectives:\n  - objective: {objective}\n    key_results:\n"
        text += "".join(f"      - {kr}\n" for kr in krs)
    elif fmt == "json":
        text = json.dumps({"objectives": [{"objective": objective, "key_results": krs}]}, indent=2) + "\n"
    else:
        text = f"Objective: {objective}\n" + "".join(f"KR: {kr}\n" for kr in krs)
    return f"good-{i:02d}.okr.{fmt}", text


SKIPPED_PARTS = [
    Bad("number.okr.yaml", "cycle: Q3 2026\nobjectives:\n  - objective: 42\n",
        r"objectives\[0\]: objective should be text, not a number \(42\)", line=3),
    Bad("list.okr.json", json.dumps({"objectives": [{"objective": ["Grow", "Win"]}]}, indent=2),
        r"objectives\[0\]: objective should be text, not a list", line=4),
    Bad("kr-number.okr.yaml",
        "objectives:\n  - objective: Grow revenue\n    key_results:\n"
        "      - Increase ARR from 1M to 2M\n      - 12.5\n",
        r"objectives\[0\]\.key_results\[1\]: key result should be text, not a number \(12\.5\)", line=5),
    Bad("kr-bool.okr.json",
        '{"objectives": [\n  {"objective": "Grow revenue",\n   "key_results": [\n     true]}]}\n',
        r"key_results\[0\]: key result should be text, not a boolean", line=4),
    Bad("objectives-map.okr.yaml", "objectives:\n  objective: Grow\n", r"document: objectives should be a list",
        line=1),
    Bad("no-text.okr.yaml", "objectives:\n  - owner: alice\n    key_results: [Increase ARR from 1M to 2M]\n",
        r"objectives\[0\]: objective has no text", line=2),
    Bad("empty-text.okr.yaml", "objectives:\n  - objective: ''\n", r"objectives\[0\]: objective is empty", line=2),
    Bad("typo.okr.yaml",
        "objectives:\n  - objective: Grow revenue\n    key_reslts:\n      - Increase ARR from 1M to 2M\n",
        r"objectives\[0\]: unknown key 'key_reslts' \(did you mean 'key_results'\?\)", line=3),
    Bad("typo.okr.json",
        '{"objectives": [{"objective": "Grow",\n  "key_results": [{"text": "Increase ARR", "targte": 5}]}]}\n',
        r"unknown key 'targte' \(did you mean 'target'\?\)", line=2),
    Bad("top-typo.okr.yaml", "cycel: Q3 2026\nobjectives:\n  - objective: Grow revenue\n",
        r"document: unknown key 'cycel' \(did you mean 'cycle'\?\)", line=1),
]


@pytest.mark.parametrize("case", SKIPPED_PARTS, ids=str)
def test_a_part_that_cannot_be_read_is_a_finding_and_the_rest_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: Bad
) -> None:
    """A YAML/JSON file with one unreadable part (a wrong type, an empty text, a misspelt
    key) is read all the same: the part is a skipped-part finding with its line and key
    path, every other statement is checked, and nothing goes to stderr."""
    folder = tmp_path / "okrs"
    bad = write(folder / case.name, case.data)
    code, report, err = check(capsys, str(bad))
    assert code == 1 and not err, err
    (file,) = report["files"]
    assert "error" not in file
    skipped = [f for f in file["findings"] if f["name"] == "skipped-part"]
    assert len(skipped) == 1, skipped
    assert re.search(case.message, skipped[0]["message"]), skipped[0]["message"]
    if case.line is not None:
        assert skipped[0]["line"] == case.line
    assert "Traceback" not in capsys.readouterr().err


# One bad file of each kind; the folder's config sets the size limit under the big one.
FOLDER_CONFIG = "max-file-size = 25000\n"
FOLDER_BAD = [
    Bad("bad-binary.okr.md", PNG, r"binary file"),
    Bad("bad-latin1.okr.txt", "Objective: Grow café sales\n".encode("latin-1"), r"invalid UTF-8 at line 1"),
    Bad("bad-empty.okr.md", b"", r"empty file"),
    Bad("bad-big.okr.md", GOOD * 250, r"over the 25,000-byte limit"),
    Bad("bad-long.okr.md", "# Objective: Grow\n\n- KR: " + "grow " * 500 + "\n", r"line 3: statement of 2,4"),
    Bad("bad-invalid.okr.yaml", "objectives: [\n  - a: b\n", r"invalid YAML"),
    Bad("bad-tag.okr.yaml", "objectives:\n  - objective: !!python/object/apply:os.system ['touch PWNED']\n",
        r"line 2: YAML tag !!python/object/apply:os\.system is not allowed"),
    Bad("bad-bomb.okr.yaml", _billion_laughs(), r"alias bomb"),
    Bad("bad-deep.okr.json", "[" * 10_000 + "]" * 10_000, r"line 1: JSON nested more than 200 levels deep"),
]


def test_folder_of_20_good_and_9_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "okrs"
    write(folder / ".okrlint.toml", FOLDER_CONFIG)
    good = [write(folder / name, text) for name, text in map(_good_document, range(20))]
    expected = {str(path): alone(capsys, path) for path in good}
    assert sum(len(f["findings"]) for f in expected.values()) > 20
    bad = {str(write(folder / case.name, case.data)): case for case in FOLDER_BAD}

    code, report, err = check(capsys, str(folder))
    assert code == 2
    files = by_path(report)
    assert len(files) == 29
    assert {path: files[path] for path in expected} == expected
    assert sorted(path for path, f in files.items() if "error" in f) == sorted(bad)
    assert len(err) == 9
    for line in err:
        path, _, message = line.removeprefix("okrlint: ").partition(": ")
        assert re.search(bad[path].message, message), line
        assert files[path]["error"] == message
    assert not (Path.cwd() / "PWNED").exists()


# -- item 2: bad configuration ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('select = ["kr-outptu"]\n', r"unknown rule 'kr-outptu' in select \(did you mean 'kr-output'\?\)"),
        ('ignore = ["OKR999"]\n', r"unknown rule 'OKR999' in ignore"),
        ('[per-file-ignores]\n"legacy/*" = ["kr-outpt"]\n', r"unknown rule 'kr-outpt' in per-file-ignores\.legacy/\*"),
        ('[rules.too-many-key-results]\nmax = "seven"\n',
         r"rules\.too-many-key-results\.max: must be a number, not str 'seven'"),
        ("[rules.too-many-key-results]\nmax = true\n", r"rules\.too-many-key-results\.max: must be a number, not bool"),
        ('[rules.kr-output]\nseverity = "fatal"\n',
         r"rules\.kr-output\.severity: severity must be error, warning or info"),
        ("[rules.kr-output]\nsevrity = 1\n", r"rules\.kr-output\.sevrity: unknown option"),
        ("[rules.no-such-rule]\nmax = 1\n", r"unknown rule 'no-such-rule' in rules"),
        ('max-file-size = "10MB"\n', r"max-file-size: Input should be a valid integer"),
        ("max-file-size = 0\n", r"max-file-size: Input should be greater than or equal to 1"),
        ("max-statement-length = -5\n", r"max-statement-length: Input should be greater than or equal to 1"),
        ('fail-on = "fatal"\n', r"fail-on: Input should be 'error', 'warning' or 'info'"),
        ('slect = ["kr-output"]\n', r"unknown key 'slect' \(did you mean 'select'\?\)"),
        ('[lexicons]\nextend-vage-verbs = ["revamp"]\n', r"unknown word list 'extend-vage-verbs' in lexicons"),
        ('select = ["kr-output"\n', r"invalid TOML: .*\(at end of document\)"),
        ("select = [kr-output]\n", r"invalid TOML: .*\(at line \d, column 11\)"),
    ],
)
@pytest.mark.parametrize("where", [".okrlint.toml", "pyproject.toml", "--config"])
def test_bad_configuration_names_the_key_and_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], toml: str, message: str, where: str
) -> None:
    folder = tmp_path / "okrs"
    good = write(folder / "good.okr.md", GOOD)
    if where == "pyproject.toml":
        tables = re.sub(r"^\[", "[tool.okrlint.", toml, flags=re.M)
        config = write(folder / "pyproject.toml", "[tool.okrlint]\n" + tables)
        args = [str(good)]
    elif where == "--config":
        config = write(tmp_path / "elsewhere" / "lint.toml", toml)
        args = ["--config", str(config), str(good)]
    else:
        config = write(folder / ".okrlint.toml", toml)
        args = [str(good)]
    assert main(["check", *args]) == 2
    captured = capsys.readouterr()
    err = [line for line in captured.err.splitlines() if line.strip()]
    assert "Traceback" not in captured.err + captured.out
    assert len(err) == 1, err
    assert err[0].startswith(f"okrlint: {config}: "), err[0]
    assert re.search(message, err[0]), err[0]


def test_missing_config_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.okr.md", GOOD)
    assert main(["check", "--config", str(tmp_path / "nope.toml"), str(good)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"okrlint: {tmp_path / 'nope.toml'}: cannot read: No such file or directory"]


# -- item 5: nothing written but the report, and the report cannot drive the terminal ---------
def _snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every file under folder: its hash, modification time and mode."""
    out = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            info = os.lstat(path)
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest() if stat.S_ISREG(info.st_mode) else "-"
            out[os.path.relpath(path, folder)] = (digest, info.st_mtime_ns, info.st_mode)
    return out


def test_okrlint_never_writes_to_its_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "okrs"
    write(folder / ".okrlint.toml", FOLDER_CONFIG)
    for i in range(4):
        write(folder / _good_document(i)[0], _good_document(i)[1])
    write(folder / "crlf-bom.okr.md", codecs.BOM_UTF8 + GOOD.replace("\n", "\r\n").encode())
    write(folder / "utf16.okr.md", GOOD.encode("utf-16"))
    for case in FOLDER_BAD:
        write(folder / case.name, case.data)
    before = _snapshot(folder)
    cwd_before = set(os.listdir(Path.cwd()))
    for fmt in ("text", "json"):
        assert main(["check", "--format", fmt, str(folder)]) == 2
        assert main(["check", "--format", fmt, "-o", str(tmp_path / f"report.{fmt}"), str(folder)]) == 2
    capsys.readouterr()
    assert _snapshot(folder) == before
    assert set(os.listdir(tmp_path)) == {"okrs", "report.json", "report.text", "cwd"}
    # the working directory gains nothing but the analysis cache (not a report)
    assert set(os.listdir(Path.cwd())) - cwd_before <= {".okrlint_cache"}


def test_report_goes_only_to_the_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "okrs" / "good.okr.md", GOOD)
    code, stdout_report, _ = check(capsys, str(good))
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    assert main(["check", "--format", "json", "-o", str(target), str(good)]) == code
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert json.loads(target.read_text(encoding="utf-8")) == stdout_report
    assert os.listdir(target.parent) == ["report.json"]


def test_output_that_names_an_input_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.okr.md", GOOD)
    other = write(tmp_path / "other.okr.md", GOOD)
    (tmp_path / "link.md").symlink_to(good)
    for target in (good, tmp_path / "link.md", tmp_path / "." / "good.okr.md"):
        assert main(["check", "-o", str(target), str(other), str(tmp_path)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [f"okrlint: -o {target}: is one of the files being checked; not overwritten"]
        assert good.read_text(encoding="utf-8") == GOOD


def test_a_planted_template_cache_is_not_executed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Compiled templates are code: okrlint never keeps or loads them from the project's folder,
    so a repository cannot plant one (Jinja's bytecode cache would run it)."""
    import io
    import marshal
    import pickle

    import jinja2
    from jinja2.bccache import bc_magic

    from okrlint.report import templating

    good = write(tmp_path / "good.okr.md", GOOD)
    templating.environment.cache_clear()  # as in a new process: templates not compiled yet
    assert main(["check", str(good)]) == 1
    capsys.readouterr()
    assert not list(Path.cwd().glob(".okrlint_cache/**/__jinja2_*.cache")), "compiled templates were stored"
    # plant what Jinja's FileSystemBytecodeCache would look for, under every template name
    folder = Path.cwd() / ".okrlint_cache" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    spy = jinja2.FileSystemBytecodeCache(str(folder))
    env = templating.environment()
    for name in env.list_templates():
        source, filename, _ = env.loader.get_source(env, name)
        bucket = jinja2.bccache.Bucket(env, spy.get_cache_key(name, filename), spy.get_source_checksum(source))
        evil = io.BytesIO()
        evil.write(bc_magic)
        pickle.dump(bucket.checksum, evil, 2)
        marshal.dump(compile("open('PWNED', 'w').close()\n", "<planted>", "exec"), evil)
        (folder / f"__jinja2_{bucket.key}.cache").write_bytes(evil.getvalue())
    templating.environment.cache_clear()  # a new process, started in the same directory
    try:
        assert main(["check", str(good)]) == 1
    finally:
        templating.environment.cache_clear()
    capsys.readouterr()
    assert not (Path.cwd() / "PWNED").exists()


ESCAPES = {
    "CSI clear screen": "\x1b[2J",
    "CSI colour": "\x1b[31m",
    "OSC title": "\x1b]0;pwned\x07",
    "OSC 8 link": "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "8-bit CSI": "\x9b31m",
    "8-bit OSC": "\x9d0;pwned\x9c",
    "backspace": "x\x08\x08\x08",
    "carriage return": "fake\rline",
    "bell": "\x07",
    "DEL": "\x7f",
}


@pytest.mark.parametrize("escape", list(ESCAPES.values()), ids=list(ESCAPES))
@pytest.mark.parametrize("suffix", ["md", "yaml", "json"])
def test_terminal_escapes_in_a_statement_never_reach_the_terminal_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], escape: str, suffix: str
) -> None:
    objective = f"Grow {escape} revenue"
    kr = f"Release the {escape} website"
    if suffix == "md":
        text = f"# Objective: {objective}\n\n- KR: {kr}\n- KR: Increase NPS from 20 to 40\n"
    elif suffix == "yaml":
        text = "objectives:\n  - objective: " + json.dumps(objective) + "\n    key_results:\n"
        text += "      - " + json.dumps(kr) + "\n      - Increase NPS from 20 to 40\n"
    else:
        text = json.dumps({"objectives": [{"objective": objective, "key_results": [kr, "Increase NPS from 20 to 40"]}]})
    path = write(tmp_path / f"evil.okr.{suffix}", text)

    main(["check", str(path)])
    captured = capsys.readouterr()
    raw = captured.out + captured.err
    assert "Release the" in captured.out  # the finding is reported...
    for ch in set(escape) - set("\n\t") - {c for c in escape if c.isprintable()}:
        assert ch not in raw, f"{ch!r} reached the terminal"  # ...without its control characters

    main(["check", "--format", "json", str(path)])
    out = capsys.readouterr().out
    assert not re.search(r"[\x00-\x09\x0b-\x1f]", out)  # C0 controls are escaped in JSON, never raw
    report = json.loads(out)
    statements = [s["text"] for okr in report["files"][0]["okrs"] for s in [okr["objective"], *okr["key_results"]]]
    # the JSON round-trips: the report holds exactly the statements okrlint parsed, controls included
    parsed = [s.text for s in read_text(text, str(path)).statements()]
    assert sorted(statements) == sorted(parsed)
    controls = {c for c in escape if not c.isprintable() and not c.isspace()}
    assert controls <= set("".join(parsed)) or suffix == "md", parsed
    assert {f["text"] for f in report["files"][0]["findings"]} <= set(statements)


# -- item 3: no run takes longer than linear ----------------------------------------------------
@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic collector off while timing (as timeit does): a call that returns thousands
    of objects (finditer's matches) triggers collections that walk them, and that cost, not
    the code under test, made a linear pattern look super-linear on a loaded machine."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _seconds(fn: Any, arg: str) -> float:
    """Seconds per call of fn(arg): the best of three runs, each repeated until it takes a few
    milliseconds, so that the timer's resolution does not decide the ratio."""
    with _no_gc():
        return _best_seconds(fn, arg)


def _best_seconds(fn: Any, arg: str) -> float:
    loops, took = 1, 0.0
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            fn(arg)
        took = time.perf_counter() - start
        if took > 0.003 or loops >= 4096:
            break
        loops *= 4
    best = took
    for _ in range(2):
        start = time.perf_counter()
        for _ in range(loops):
            fn(arg)
        best = min(best, time.perf_counter() - start)
    return best / loops


def assert_linear(fn: Any, make: Any, small: int = 2_000) -> None:
    """fn on an input 10 times larger takes less than 20 times as long (linear: about 10 times,
    quadratic: 100). A look at 3 times the size comes first, so that a super-linear case fails
    in seconds instead of running for minutes at 10 times."""
    for size, limit in ((3, 6), (10, 20)):
        ratio = _seconds(fn, make(size * small)) / _seconds(fn, make(small))
        if ratio >= limit:  # timed again before it counts: one pause of a shared VM can
            # exceed the margin, a super-linear cost exceeds it every time
            ratio = min(ratio, _seconds(fn, make(size * small)) / _seconds(fn, make(small)))
        assert ratio < limit, f"{size}x the input took {ratio:.1f}x as long"


def _runs(unit: str, prefix: str = "", suffix: str = "!") -> Any:
    """A builder of adversarial strings: prefix + unit repeated to about n characters + suffix."""
    return lambda n: prefix + unit * max(1, n // len(unit)) + suffix


def _parse(text: str) -> Any:
    from okrlint.readers.annotations import parse_line

    return parse_line(text)


def _quantities_and_baseline(text: str) -> Any:
    from okrlint.nlp.quantities import find_baseline, find_quantities

    return find_baseline(text, find_quantities(text))


def _function(name: str) -> Any:
    from okrlint.engine import parse_suppressions
    from okrlint.nlp.quantities import find_deadline
    from okrlint.readers.annotations import is_section_label, split_label
    from okrlint.readers.base import find_cycle

    return {
        "parse_line": _parse,
        "is_section_label": is_section_label,
        "split_label": split_label,
        "find_cycle": find_cycle,
        "quantities": _quantities_and_baseline,
        "find_deadline": find_deadline,
        "parse_suppressions": parse_suppressions,
        "markdown": lambda text: read_text(text, "x.md"),
        "text": lambda text: read_text(text, "x.txt"),
        "yaml": lambda text: read_text(text, "x.yaml"),
        "json": lambda text: read_text(text, "x.json"),
    }[name]


# The inputs that were super-linear before (issue 6), and their neighbours.
LINEAR_CASES = {
    "parse_line: a run of [tags] not at the end": ("parse_line", _runs("[a] ", "Grow revenue ", "| x")),
    "parse_line: many owner: fields": ("parse_line", _runs("owner: ", "(", ";x")),
    "parse_line: owner field then tags": ("parse_line", _runs("[a]", "owner: ", "!")),
    "parse_line: URL note with many links": ("parse_line", _runs("http://a ", "Grow (", "!")),
    "parse_line: mentions": ("parse_line", _runs("@a.", "Grow ", "-")),
    "parse_line: progress arrows": ("parse_line", _runs("=> 1 ", "Grow ", "x")),
    "parse_line: spaces": ("parse_line", _runs(" ", "KR: Grow", "( x")),
    "split_label: spaces": ("split_label", _runs(" ", "KR", "x")),
    "split_label: bold": ("split_label", _runs("** ", "KR", "x")),
    "is_section_label: parentheses": ("is_section_label", _runs("(", "Key results ", "|")),
    "is_section_label: spaces": ("is_section_label", _runs(" ", "Key results", "(x")),
    "find_cycle: spaces after Q1": ("find_cycle", _runs(" ", "Q1", "!")),
    "find_cycle: tabs and spaces after FY": ("find_cycle", _runs(" \t", "FY24", "!")),
    "find_cycle: spaces after a year": ("find_cycle", _runs(" ", "2026", "x")),
    "quantities: digits after from": ("quantities", _runs("1", "from 1", "!")),
    "quantities: a word after from": ("quantities", _runs("a", "from 1 ", "!")),
    "quantities: digits": ("quantities", _runs("1", "", "!")),
    "quantities: dotted digits": ("quantities", _runs("1.", "", "!")),
    "quantities: many numbers": ("quantities", _runs("1 ", "", "")),
    "quantities: many n-fold": ("quantities", _runs("1 fold ", "", "")),
    "quantities: many halves": ("quantities", _runs("half ", "", "")),
    "quantities: many durations": ("quantities", _runs("two week ", "", "")),
    "quantities: spaces after currently": ("quantities", _runs(" ", "currently", "x")),
    "find_deadline: spaces after by": ("find_deadline", _runs(" ", "by the end of", "x")),
    "suppressions: long rule list": ("parse_suppressions", _runs("a, ", "<!-- okrlint-disable ", "")),
    "suppressions: spaces": ("parse_suppressions", _runs(" ", "# okrlint: disable=", "!")),
    "markdown: a key result padded with spaces": ("markdown", _runs(" ", "# Objective: Grow\n- KR: a", "b\n")),
    "markdown: a heading padded with spaces": ("markdown", _runs(" ", "# Q1", "x\n")),
    "markdown: annotated lines": ("markdown", _runs("- KR: Grow [a] [b] owner: x;y\n", "# Objective: Grow\n", "")),
    "text: spaces after Q1": ("text", _runs(" ", "Q1", "\n")),
    "text: tags": ("text", _runs("[a]", "Objective: Grow ", "|\n")),
    "yaml: tags in a statement": ("yaml", _runs("[a] ", "objectives:\n  - objective: Grow ", "|\n")),
    "json: many key results": (
        "json", _runs('"Grow revenue [a]", ', '{"objectives": [{"objective": "Grow", "key_results": [', '"x"]}]}')
    ),
}


@pytest.mark.parametrize("case", list(LINEAR_CASES))
def test_linear_time_on_adversarial_input(case: str) -> None:
    name, make = LINEAR_CASES[case]
    assert_linear(_function(name), make)


# Patterns the sweep below may not time on whole strings, and why that is safe.
BOUNDED_PATTERNS = {
    r"([A-Za-z]+)\W{0,2}$": "quantities._prev_word: searched only in the 30 characters before a number",
    r"\s*([A-Za-z]+)": "quantities._next_word: matched only on the 30 characters after a number",
    r"(?<!\s)\s*(?:[\(\[]\s*)?owners?\s*[:=]\s*(?P<who>[^)\]|;]+?)\s*[\)\]]?\s*$": (
        "annotations._owner_field: searched only after the last ), ], | or ; (timed by parse_line above)"
    ),
}
_METHODS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}


def _okrlint_patterns() -> dict[str, tuple[re.Pattern[str], set[str]]]:
    """Every regular expression in okrlint, by where it is written, with the methods it is used
    with: module-level patterns (found by importing the modules, so patterns built at import
    time count) and literal patterns passed to re.* inside functions."""
    import ast
    import importlib
    import pkgutil

    import okrlint

    found: dict[str, tuple[re.Pattern[str], set[str]]] = {}
    usage: dict[str, set[str]] = {}  # module-level name -> methods called on it anywhere
    for info in pkgutil.walk_packages(okrlint.__path__, "okrlint."):
        if info.name.endswith("__main__"):
            continue  # importing it runs the command
        module = importlib.import_module(info.name)
        source = Path(module.__file__ or "")
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            method, owner = node.func.attr, node.func.value
            if method not in _METHODS or not isinstance(owner, ast.Name):
                continue
            if owner.id != "re":
                usage.setdefault(owner.id, set()).add(method)
            elif method != "compile" and node.args and isinstance(node.args[0], ast.Constant):
                flags = next((k.value for k in node.keywords if k.arg == "flags"), None)
                value = re.compile(node.args[0].value, eval(ast.unparse(flags), {"re": re}) if flags else 0)
                found[f"{info.name}:{node.lineno}"] = (value, {method})
        for name, value in vars(module).items():
            patterns = value if isinstance(value, list | tuple) else [value]
            for i, pattern in enumerate(patterns):
                if isinstance(pattern, re.Pattern) and isinstance(pattern.pattern, str):
                    found.setdefault(f"{info.name}.{name}[{i}]", (pattern, set()))
                    found[f"{info.name}.{name}[{i}]"][1].add(name)
    return {
        where: (pattern, set().union(*(usage.get(n, {n}) for n in names)) & _METHODS or {"search"})
        for where, (pattern, names) in found.items()
    }


SWEEP_UNITS = ["1", " ", "a", "1.", "[a] ", "(", "( ", "@a.", "**", "owner: ", "from 1 ", "=> 1 ", "\t", "http://a"]
SWEEP_PREFIXES = ["", "from 1", "KR", "Q1", "(", "okrlint: disable="]


def _once(call: Any, arg: str) -> float:
    with _no_gc():
        start = time.perf_counter()
        call(arg)
        return time.perf_counter() - start


def _sweep(call: Any) -> str | None:
    """How call is super-linear on some adversarial string, or None. Each string is tried at 300
    and 900 characters first, then 3,000: a quick filter (one run each) finds suspects, which are
    timed properly before they count, and a cubic pattern fails at 900 instead of running for
    minutes at 3,000."""
    for prefix in SWEEP_PREFIXES:
        for unit in SWEEP_UNITS:
            small, middle, large = (prefix + unit * (n // len(unit)) + "!" for n in (300, 900, 3_000))
            a, b = _once(call, small), _once(call, middle)
            if b > 0.0003 and b > 6 * a:
                ratio = _seconds(call, middle) / _seconds(call, small)
                if ratio > 6:
                    return f"{ratio:.0f}x the time for 3x {prefix!r} + {unit!r}*n"
            c = _once(call, large)
            if c > 0.0005 and c > 30 * a:
                ratio = _seconds(call, large) / _seconds(call, small)
                if ratio > 20:
                    return f"{ratio:.0f}x the time for 10x {prefix!r} + {unit!r}*n"
    return None


def test_every_regular_expression_is_linear_on_adversarial_strings() -> None:
    patterns = _okrlint_patterns()
    assert len(patterns) > 50
    slow = []
    for where, (pattern, methods) in patterns.items():
        if pattern.pattern in BOUNDED_PATTERNS:
            continue
        calls = [getattr(pattern, m) for m in ("match", "fullmatch") if m in methods]
        if methods - {"match", "fullmatch"}:
            calls.append(lambda s, p=pattern: list(p.finditer(s)))
        for call in calls:
            problem = _sweep(call)
            if problem:
                slow.append(f"{where} {pattern.pattern!r}: {problem}")
                break
    assert not slow, "\n".join(slow)
