"""The okrlint command, called in-process through okrlint.cli.main (the spaCy model loads once).

Exit codes and the JSON contract are DESIGN.md's: 0 clean, 1 findings at or above the failing
severity, 2 usage error or unreadable input.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from okrlint import __version__
from okrlint.cli import main
from okrlint.rulebook import load_rules

BAD = """\
# Objective: Launch a new website

- KR: Release the new website
- KR: Improve onboarding
"""

CLEAN = """\
# Objective: Delight our first customers

- KR: Increase NPS from 20 to 40 by June 30
- KR: Reduce monthly churn from 5% to 3%
- KR: Increase weekly active teams from 120 to 200
"""

# Codes and names of what BAD triggers (checked in test_bad_file_findings_are_as_expected).
BAD_EXPECTED = {("OKR102", "objective-output", 1), ("OKR201", "kr-output", 3),
                ("OKR202", "kr-not-measurable", 3), ("OKR202", "kr-not-measurable", 4),
                ("OKR301", "vague-verb", 4)}

FILE_KEYS = {"path", "score", "okrs", "findings"}
FINDING_KEYS = {"code", "name", "kind", "text", "line", "column", "severity", "message"}
OKR_KEYS = {"objective", "key_results", "initiatives"}


pytestmark = pytest.mark.usefixtures("isolated_cwd")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["check", "--format", "json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out)


def found(data: dict, file_index: int = 0) -> set[tuple[str, str, int]]:
    return {(f["code"], f["name"], f["line"]) for f in data["files"][file_index]["findings"]}


# -- exit codes ------------------------------------------------------------------------------------
def test_bad_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "bad.okr.md", BAD)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "kr-output" in out and "OKR201" in out
    assert f"{path}:3:7" in out


def test_clean_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "good.okr.md", CLEAN)
    assert main(["check", str(path)]) == 0
    captured = capsys.readouterr()
    assert "no findings" in captured.out
    assert captured.err == ""


def test_fail_on_error_lets_warnings_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "warn.okr.md", "# Objective: Delight our first customers\n\n"
                 "- KR: Increase NPS to 40\n- KR: Reduce monthly churn from 5% to 3%\n")
    assert main(["check", str(path)]) == 1
    assert main(["check", "--fail-on", "error", str(path)]) == 0
    capsys.readouterr()


def test_missing_path_exits_2_and_other_files_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path / "good.okr.md", CLEAN)
    bad = write(tmp_path / "bad.okr.md", BAD)
    missing = tmp_path / "nope.okr.md"
    assert main(["check", str(bad), str(missing), str(good)]) == 2
    captured = capsys.readouterr()
    err_lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(err_lines) == 1, captured.err
    assert str(missing) in err_lines[0]
    assert "no such file" in err_lines[0]
    assert "Traceback" not in captured.err + captured.out
    assert str(good) in captured.out and str(bad) in captured.out
    assert "kr-output" in captured.out


def test_missing_path_in_json_keeps_the_other_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path / "good.okr.md", CLEAN)
    missing = tmp_path / "nope.okr.md"
    code, data = run_json(capsys, str(missing), str(good))
    assert code == 2
    paths = [f["path"] for f in data["files"]]
    assert paths == [str(good), str(missing)]  # in path order, not the command line's
    assert data["files"][1]["error"]
    assert data["files"][0]["okrs"]


def test_unreadable_yaml_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "broken.okr.yaml", "objectives: [\n  - a: b\n")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert str(path) in err and "YAML" in err
    assert len(err.strip().splitlines()) == 1


def test_no_command_and_bad_option_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    with pytest.raises(SystemExit) as info:
        main(["check", "--format", "docx", "x.md"])
    assert info.value.code == 2
    assert "okrlint: error:" in capsys.readouterr().err


# -- JSON contract ---------------------------------------------------------------------------------
def test_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "team.okr.md", BAD + "\n## Objective: Delight customers\n\n"
                 "- KR: Increase NPS from 20 to 40\n- Initiative: Hire a support lead @bob\n")
    code, data = run_json(capsys, str(path))
    assert code == 1
    # DESIGN.md: one object with "files"; more fields are welcome (the report adds its summary)
    assert "files" in data and data["summary"]["files"] == 1
    (file,) = data["files"]
    assert set(file) >= FILE_KEYS
    assert file["path"] == str(path)
    assert isinstance(file["score"], int | float) and 0 <= file["score"] <= 100
    assert file["findings"], "BAD has findings"
    for finding in file["findings"]:
        assert set(finding) >= FINDING_KEYS, finding
        assert isinstance(finding["code"], str) and finding["code"].startswith("OKR")
        assert isinstance(finding["name"], str)
        assert finding["kind"] in ("objective", "key_result", "initiative", "okr", "document")
        assert isinstance(finding["text"], str) and finding["text"]
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert isinstance(finding["column"], int) and finding["column"] >= 1
        assert finding["severity"] in ("error", "warning", "info")
        assert isinstance(finding["message"], str) and finding["message"]
    assert len(file["okrs"]) == 2
    for okr in file["okrs"]:
        assert set(okr) >= OKR_KEYS
        assert set(okr["objective"]) >= {"text", "line"}
        for stmt in okr["key_results"] + okr["initiatives"]:
            assert isinstance(stmt["text"], str) and isinstance(stmt["line"], int)
    first, second = file["okrs"]
    assert (first["objective"]["text"], first["objective"]["line"]) == ("Launch a new website", 1)
    assert [(k["text"], k["line"]) for k in first["key_results"]] == [
        ("Release the new website", 3), ("Improve onboarding", 4)]
    assert first["initiatives"] == []
    assert second["objective"]["text"] == "Delight customers"
    assert [(i["text"], i["line"]) for i in second["initiatives"]] == [("Hire a support lead", 9)]
    assert second["initiatives"][0]["owner"] == "bob"


def test_bad_file_findings_are_as_expected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "bad.okr.md", BAD)
    _, data = run_json(capsys, str(path))
    assert found(data) >= BAD_EXPECTED
    kinds = {(f["name"], f["kind"]) for f in data["files"][0]["findings"]}
    assert ("objective-output", "objective") in kinds and ("kr-output", "key_result") in kinds


def test_output_file_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "bad.okr.md", BAD)
    out = tmp_path / "report.json"
    assert main(["check", "--format", "json", "-o", str(out), str(path)]) == 1
    assert capsys.readouterr().out == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert found(data) >= BAD_EXPECTED


# -- select / ignore -------------------------------------------------------------------------------
@pytest.mark.parametrize("key", ["OKR201", "kr-output", "okr201"])
def test_select_one_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str) -> None:
    path = write(tmp_path / "bad.okr.md", BAD)
    code, data = run_json(capsys, "--select", key, str(path))
    assert found(data) == {("OKR201", "kr-output", 3)}
    assert code == 1


def test_select_several_by_code_and_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "bad.okr.md", BAD)
    _, data = run_json(capsys, "--select", "OKR102,vague-verb", str(path))
    assert found(data) == {("OKR102", "objective-output", 1), ("OKR301", "vague-verb", 4)}
    _, data = run_json(capsys, "--select", "OKR102", "--select", "vague-verb", str(path))
    assert found(data) == {("OKR102", "objective-output", 1), ("OKR301", "vague-verb", 4)}


def test_ignore_by_code_and_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "bad.okr.md", BAD)
    _, data = run_json(capsys, "--ignore", "OKR202", "--ignore", "vague-verb", str(path))
    names = {name for _, name, _ in found(data)}
    assert "kr-not-measurable" not in names and "vague-verb" not in names
    assert {"kr-output", "objective-output"} <= names


def test_select_then_ignore_everything_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "bad.okr.md", BAD)
    code, data = run_json(capsys, "--select", "kr-output", "--ignore", "OKR201", str(path))
    assert found(data) == set()
    assert code == 0


def test_select_unknown_rule_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "bad.okr.md", BAD)
    assert main(["check", "--select", "kr-outptu", str(path)]) == 2
    err = capsys.readouterr().err
    assert "kr-outptu" in err and "Traceback" not in err


# -- rules and explain -----------------------------------------------------------------------------
def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    rules = load_rules()
    assert len(rules) >= 12
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == len(rules)
    for rule, line in zip(rules, lines, strict=True):
        assert line.split()[:2] == [rule.code, rule.name]
    for name in ("kr-output", "objective-measurable", "kr-missing-baseline", "vague-verb",
                 "vague-quantifier", "overloaded-objective", "kr-not-measurable",
                 "objective-output", "kr-kpi-maintain", "unrealistic-target"):
        assert f" {name} " in out


@pytest.mark.parametrize("key", ["kr-output", "OKR201"])
def test_explain_prints_rationale_and_examples(capsys: pytest.CaptureFixture[str], key: str) -> None:
    assert main(["explain", key]) == 0
    out = capsys.readouterr().out
    rule = next(r for r in load_rules() if r.name == "kr-output")
    assert out.startswith("OKR201 kr-output")
    assert "Why it matters" in out
    assert rule.rationale.split("\n")[0] in out
    assert "Bad examples" in out and "Good examples" in out
    bad, good = out.index("Bad examples"), out.index("Good examples")
    assert bad < out.index("(key result) Release the new website") < good
    assert "better: Increase visitor-to-lead conversion rate from 2.5% to 5%" in out[bad:good]
    assert good < out.index(f"(key result) {rule.examples.good[0].text}")


def test_explain_unknown_rule_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "no-such-rule"]) == 2
    captured = capsys.readouterr()
    assert "no-such-rule" in captured.err
    assert captured.out == ""


# -- directories and files -------------------------------------------------------------------------
def test_directory_picks_up_okr_files_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "repo"
    wanted = [
        write(root / "team.okr.md", CLEAN),
        write(root / "sub" / "eng.okr.yaml",
              "objectives:\n  - objective: Grow revenue\n    key_results:\n"
              "      - Increase ARR from 1M to 2M\n      - Increase NRR from 100% to 110%\n"),
        write(root / "sub" / "OKRs.md", CLEAN),
    ]
    write(root / "README.md", BAD)
    write(root / "notes.md", BAD)
    write(root / "sub" / "config.yaml", "objectives:\n  - objective: Launch a website\n")
    write(root / ".hidden" / "x.okr.md", BAD)
    code, data = run_json(capsys, str(root))
    assert sorted(f["path"] for f in data["files"]) == sorted(str(p) for p in wanted)
    assert code == 0


def test_file_named_directly_is_checked_whatever_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "README.md", BAD)
    code, data = run_json(capsys, str(path))
    assert code == 1
    assert [f["path"] for f in data["files"]] == [str(path)]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_input_is_byte_identical_after_a_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    raw = ("\ufeff" + BAD.replace("\n", "\r\n") + "<!-- okrlint-disable-next-line kr-output -->\r\n"
           "- KR: Ship it   \r\n").encode("utf-8")
    path = tmp_path / "bad.okr.md"
    path.write_bytes(raw)
    before = path.stat().st_mtime_ns
    assert main(["check", "--format", fmt, str(path)]) == 1
    capsys.readouterr()
    assert path.read_bytes() == raw
    assert path.stat().st_mtime_ns == before


# -- the module entry point ------------------------------------------------------------------------
def test_python_m_okrlint_version() -> None:
    proc = subprocess.run([sys.executable, "-m", "okrlint", "--version"], capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"okrlint {__version__}"
    assert proc.stderr == ""


def _buffered() -> dict[str, str]:
    """The environment with stdout block-buffered, as it is for a program writing to a pipe
    (some shells and CI set PYTHONUNBUFFERED, which would hide a missing flush)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def _many_statements(count: int) -> str:
    lines = ["# Objective: Launch a new website", ""]
    lines += [f"- KR: Release version {i} of the new website" for i in range(count)]
    return "\n".join(lines) + "\n"


def test_program_writes_all_of_a_large_report_before_it_exits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The program leaves through os._exit (cli._leave); what it printed must all be out by
    then. The JSON report is written a file at a time, so its end sits in stdout's buffer."""
    path = write(tmp_path / "many.okr.md", _many_statements(200))
    cmd = [sys.executable, "-m", "okrlint", "check", "--format", "json", "--no-cache", str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False, env=_buffered())
    assert main(["check", "--format", "json", "--no-cache", str(path)]) == 1
    expected = capsys.readouterr().out
    assert len(expected.encode()) > 2 * 65536  # more than a pipe holds
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == expected
    assert proc.stderr == ""


def test_program_whose_reader_goes_away_ends_without_a_traceback(tmp_path: Path) -> None:
    path = write(tmp_path / "many.okr.md", _many_statements(200))
    cmd = [sys.executable, "-m", "okrlint", "check", "--no-cache", str(path)]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_buffered()) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(len(str(path))) == str(path).encode()
        proc.stdout.close()  # as `| head -c N` does
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=300)
    assert code == 141  # 128 + SIGPIPE, as a shell reports it; and nothing said about it
    assert err == ""


def test_exit_zero_passes_findings_but_not_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path / "goals.okr.md", "# Objective: Delight customers\n\n- KR: Release the new website\n")
    assert main(["check", "--no-cache", str(bad)]) == 1
    assert main(["check", "--no-cache", "--exit-zero", str(bad)]) == 0
    assert "kr-output" in capsys.readouterr().out  # the findings are still reported
    broken = write(tmp_path / "broken.okr.yaml", "objectives: [\n")
    assert main(["check", "--no-cache", "--exit-zero", str(broken)]) == 2


# -- which files a directory walk checks -------------------------------------------------------
@pytest.mark.parametrize(
    "path, checked",
    [
        ("okrs/2026-Q3.md", True),
        ("team/OKRs-Q3.md", True),
        ("q3-okrs.md", True),
        ("q3_okrs.yaml", True),
        ("OKR.md", True),
        ("goals/objectives.md", True),
        ("okr/plan.txt", True),
        ("OKRs/2025/q1.json", True),
        ("okrs/README.md", False),  # describes the folder
        ("docs/bookreview.md", False),  # "okr" inside a word
        ("okrs/logo.png", False),
        ("notes/plan.md", False),
    ],
)
def test_directory_walk_finds_files_named_like_goal_documents(tmp_path, path, checked):
    from okrlint.sources import discover

    (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / path).write_text("Objective: Delight customers\n- KR: Increase NPS from 30 to 45\n")
    found = [entry for entry in discover([str(tmp_path)]) if isinstance(entry, str)]
    assert (str(tmp_path / path) in found) is checked


def test_the_walked_folder_name_counts(tmp_path):
    from okrlint.sources import discover

    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "2026-Q3.md").write_text("Objective: Delight customers\n")
    assert discover([str(tmp_path / "okrs")]) == [str(tmp_path / "okrs" / "2026-Q3.md")]


def test_paths_that_match_no_file_are_an_error(capsys, tmp_path):
    (tmp_path / "notes.md").write_text("# Notes\n")
    assert main(["check", "--no-cache", str(tmp_path)]) == 2
    assert "no goal documents found" in capsys.readouterr().err


def test_explain_suggests_the_closest_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "kr-outptu"]) == 2
    assert "unknown rule 'kr-outptu' (did you mean 'kr-output'?)" in capsys.readouterr().err


def test_the_package_says_it_is_typed() -> None:
    import okrlint

    # PEP 561: without it, mypy treats every okrlint type as Any in a user's code
    assert (Path(okrlint.__file__).parent / "py.typed").is_file()


def test_quiet_and_statistics_shape_the_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    bad, good = str(examples / "bad" / "acme-website-poor.okr.yaml"), str(examples / "good" / "acme-website.okr.yaml")
    assert main(["check", "--no-cache", bad, good]) == 1
    plain = capsys.readouterr().out
    assert "Findings per rule" not in plain and plain.rstrip().endswith("0 info.")
    assert main(["check", "--no-cache", "--statistics", bad, good]) == 1
    stats = capsys.readouterr().out
    assert "Findings per rule:" in stats and "Document scores:" in stats
    assert main(["check", "--no-cache", "-q", bad, good]) == 1
    quiet = capsys.readouterr().out
    assert "OKR201 kr-output" in quiet
    assert good not in quiet and "statements:" not in quiet  # clean files and the summary left out


def _stdin(text: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    cmd = [sys.executable, "-m", "okrlint", "check", "--no-cache", *args, "-"]
    return subprocess.run(cmd, input=text, capture_output=True, timeout=300, check=False)


def test_a_document_on_stdin_is_checked_as_the_file_it_names(tmp_path: Path) -> None:
    doc = b"# Objective: Delight customers\n\n- KR: Release the new website\n- KR: Raise NPS from 20 to 40\n"
    write(tmp_path / "goals" / ".okrlint.toml", 'ignore = ["kr-not-measurable"]\n')
    name = str(tmp_path / "goals" / "q3.okr.md")
    proc = _stdin(doc, "--format", "concise", "--stdin-filename", name)
    lines = proc.stdout.decode().splitlines()
    assert proc.returncode == 1, proc.stderr
    expected = f"{name}:3:7: OKR201 kr-output [warning] Key result is an output: 'Release' describes work the team does"
    assert expected in lines
    assert not any("kr-not-measurable" in line for line in lines)  # the folder's configuration applies
    assert _stdin(b"objectives: [\n", "--stdin-filename", "x.okr.yaml").returncode == 2
    empty = _stdin(b"")
    assert empty.returncode == 2 and b"-: empty file" in empty.stderr
    mixed = subprocess.run([sys.executable, "-m", "okrlint", "check", "-", str(tmp_path)], input=doc,
                           capture_output=True, timeout=300, check=False)
    assert mixed.returncode == 2 and b"cannot be checked together" in mixed.stderr


# -- --show-files and --show-settings (as ruff's): what a run would read, and with what ------------
def test_show_files_lists_what_a_run_would_read_in_path_order(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "goals" / "b.okr.md", CLEAN)
    write(tmp_path / "goals" / "a.okrs.yaml", "objectives: []\n")
    write(tmp_path / "goals" / "notes.md", "not an OKR file")
    (tmp_path / "goals" / "loop.okr.md").symlink_to("loop.okr.md")
    code = main(["check", "--show-files", "goals", "goals/b.okr.md"])
    out, err = capsys.readouterr()
    assert out.splitlines() == ["goals/a.okrs.yaml", "goals/b.okr.md"]
    assert err.strip() == "okrlint: goals/loop.okr.md: symlink loop (too many levels of symbolic links)"
    assert code == 2  # as a check of the same paths would


def test_show_settings_prints_the_resolved_configuration_of_the_first_file(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".okrlint.toml", 'select = ["kr-output", "vague-verb"]\nfail-on = "error"\n')
    write(tmp_path / "goals" / "team.okr.md", CLEAN)
    assert main(["check", "--show-settings", "--ignore", "vague-verb", "goals"]) == 0
    out = capsys.readouterr().out
    assert f"Settings for: goals/team.okr.md\nConfiguration: {tmp_path / '.okrlint.toml'}\n" in out
    assert 'fail-on = "error"' in out and "max-file-size = 10485760" in out
    assert out.strip().endswith("Rules: OKR201 kr-output")


def _on_a_terminal(*args: str, delay: str = "0") -> tuple[int, str, str]:
    """okrlint with stderr on a pseudo-terminal (as a person at a terminal sees it), stdout
    to a file (a pipe's buffer, full of a long report, would wait for its reader)."""
    import fcntl
    import pty
    import struct
    import tempfile
    import termios

    env = {**os.environ, "OKRLINT_PROGRESS_DELAY": delay}
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty is 0 columns wide
    with tempfile.TemporaryFile() as out_file:
        proc = subprocess.Popen([sys.executable, "-m", "okrlint", "check", "--no-cache", *args],
                                stdout=out_file, stderr=slave, env=env)
        os.close(slave)
        err = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal's other end closed: the run is over
                break
            if not chunk:
                break
            err += chunk
        os.close(master)
        code = proc.wait(timeout=300)
        out_file.seek(0)
        out = out_file.read()
    return code, out.decode(), err.decode(errors="replace")


def test_a_progress_bar_is_shown_only_to_a_person_at_a_terminal(tmp_path: Path) -> None:
    examples = str(Path(__file__).resolve().parent.parent / "examples")
    code, out, err = _on_a_terminal(examples)
    assert code == 1 and "statements" in err and "okrlint" in err  # tqdm's bar, on stderr
    assert "statements" not in out.splitlines()[0] and "score" in out  # the report itself untouched
    code, out, err = _on_a_terminal("--format", "json", examples)
    assert "statements]" not in err and json.loads(out)["files"]  # never beside a machine format
    code, out, err = _on_a_terminal(examples, delay="600")
    assert "statements]" not in err  # a run shorter than the delay shows none
    piped = subprocess.run([sys.executable, "-m", "okrlint", "check", "--no-cache", examples], capture_output=True,
                           env={**os.environ, "OKRLINT_PROGRESS_DELAY": "0"}, timeout=300, check=False)
    assert b"statements]" not in piped.stderr  # stderr not a terminal: no bar
