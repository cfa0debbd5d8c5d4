"""The CI gate of `okrlint check`: --fail-under, --fail-on and --changed-since, the last one on
a real temporary git history."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from okrlint.cli import main
from okrlint.gitdiff import parse_hunks

pytestmark = pytest.mark.usefixtures("isolated_cwd")

OLD = """\
# Objective: Customers get answers fast

- KR: Reduce median first response time from 6 hours to 1 hour
- KR: Publish 12 help center articles
"""

GOOD_KRS = """\
# Objective: Customers trust our uptime

- KR: Increase monthly availability from 99.5% to 99.9%
- KR: Reduce customer-facing incidents from 6 per quarter to 2
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main(["check", "--format", "json", *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def findings(data: dict) -> list[tuple[str, int, str]]:
    return [(Path(file["path"]).name, f["line"], f["name"]) for file in data["files"] for f in file["findings"]]


# -- --fail-under -----------------------------------------------------------------------------------
def test_fail_under_fails_a_document_scoring_below(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    doc = write(isolated_cwd / "support.okr.md", OLD)
    code, data, _ = check_json(capsys, "--fail-on", "error", str(doc))
    score = data["files"][0]["score"]
    assert code == 0 and 0 < score < 100  # only warnings: --fail-on error passes it

    code, _, err = check_json(capsys, "--fail-on", "error", "--fail-under", str(score + 1), str(doc))
    assert code == 1
    assert f"support.okr.md: score {score:g} is under {score + 1:g} (fail-under)" in err

    code, _, err = check_json(capsys, "--fail-on", "error", "--fail-under", str(score), str(doc))
    assert code == 0 and err == ""  # equal to the floor is not under it


def test_fail_under_from_configuration(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    write(isolated_cwd / ".okrlint.toml", 'fail-on = "error"\nfail-under = 99.5\n')
    bad = write(isolated_cwd / "support.okr.md", OLD)
    good = write(isolated_cwd / "uptime.okr.md", GOOD_KRS)
    assert check_json(capsys, str(good))[0] == 0
    code, _, err = check_json(capsys, str(bad))
    assert code == 1 and "(fail-under)" in err
    assert check_json(capsys, "--fail-under", "10", str(bad))[0] == 0  # the flag overrides the file


@pytest.mark.parametrize("value", ["101", "-1", "high"])
def test_fail_under_must_be_a_score(capsys: pytest.CaptureFixture[str], value: str):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--fail-under", value, "."])
    assert exc.value.code == 2
    assert "--fail-under" in capsys.readouterr().err


def test_fail_under_in_configuration_is_checked(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    write(isolated_cwd / ".okrlint.toml", "fail-under = 150\n")
    doc = write(isolated_cwd / "uptime.okr.md", GOOD_KRS)
    assert main(["check", str(doc)]) == 2
    assert "fail-under" in capsys.readouterr().err


def test_fail_on_still_gates(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    doc = write(isolated_cwd / "support.okr.md", OLD)
    assert check_json(capsys, str(doc))[0] == 1  # default fail-on warning
    assert check_json(capsys, "--fail-on", "error", str(doc))[0] == 0


# -- --changed-since ------------------------------------------------------------------------------
def git(repo: Path, *args: str) -> str:
    cmd = ["git", "-c", "user.name=okrlint tests", "-c", "user.email=tests@okrlint.invalid"]
    cmd += ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args]
    return subprocess.run(cmd, cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(isolated_cwd: Path) -> Path:
    """A git repository whose first commit holds an OKR file with an old bad key result."""
    git(isolated_cwd, "init", "-q")
    write(isolated_cwd / "goals" / "support.okr.md", OLD)
    write(isolated_cwd / "goals" / "uptime.okr.md", GOOD_KRS)
    git(isolated_cwd, "add", ".")
    git(isolated_cwd, "commit", "-q", "-m", "old OKRs")
    return isolated_cwd


def test_changed_since_reports_only_new_lines(repo: Path, capsys: pytest.CaptureFixture[str]):
    # Without the gate, the old bad key result (line 4) is reported.
    code, data, _ = check_json(capsys, "goals")
    assert code == 1 and ("support.okr.md", 4, "kr-output") in findings(data)

    # Nothing changed since HEAD: nothing to report, and no file is even checked.
    code, data, _ = check_json(capsys, "--changed-since", "HEAD", "goals")
    assert code == 0 and data["files"] == []

    # A new bad key result is added (and committed) below the old one.
    support = repo / "goals" / "support.okr.md"
    support.write_text(OLD + "- KR: Publish 10 help articles\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "new KR")

    code, data, _ = check_json(capsys, "--changed-since", "HEAD~1", "goals")
    assert code == 1
    got = findings(data)
    assert ("support.okr.md", 5, "kr-output") in got  # the new one
    assert all(line == 5 for _, line, _ in got), got  # the old one (line 4) is not reported
    assert [Path(f["path"]).name for f in data["files"]] == ["support.okr.md"]  # uptime did not change


def test_changed_since_sees_uncommitted_edits_and_untracked_files(repo: Path, capsys: pytest.CaptureFixture[str]):
    uptime = repo / "goals" / "uptime.okr.md"
    uptime.write_text(GOOD_KRS.replace("99.5% to 99.9%", "99.5% to 99.9%") + "- KR: Improve the status page\n")
    write(repo / "goals" / "sales.okr.md", "# Objective: Win the mid-market\n\n- KR: Hire 3 account executives\n")
    code, data, _ = check_json(capsys, "--changed-since", "HEAD", "goals")
    assert code == 1
    got = findings(data)
    assert ("uptime.okr.md", 5, "vague-verb") in got
    assert all(line == 5 for name, line, _ in got if name == "uptime.okr.md")
    assert ("sales.okr.md", 3, "kr-output") in got  # untracked: every line is new
    assert ("support.okr.md", 4, "kr-output") not in got


def test_changed_since_scores_only_what_changed(repo: Path, capsys: pytest.CaptureFixture[str]):
    support = repo / "goals" / "support.okr.md"
    support.write_text(OLD + "- KR: Increase CSAT from 82% to 90%\n", encoding="utf-8")
    code, data, _ = check_json(capsys, "--changed-since", "HEAD", "--fail-under", "100", str(support))
    assert code == 0, data  # the old bad KR neither fails the gate nor lowers the score
    assert data["files"][0]["findings"] == [] and data["files"][0]["score"] == 100


def test_changed_since_gates_a_new_okr_on_its_own_score(repo: Path, capsys: pytest.CaptureFixture[str]):
    # four good OKRs committed, then a new OKR whose key results are tasks: the file's
    # average stays above 85, the new OKR's own score does not
    regions = ["Europe", "Asia", "Africa", "Oceania"]
    good = "".join(
        f"# Objective: Customers in {region} trust our uptime\n\n"
        f"- KR: Raise availability in {region} from 99.5% to 99.9%\n"
        f"- KR: Cut p95 latency in {region} from 900ms to 400ms\n\n"
        for region in regions
    )
    goals = repo / "goals" / "regions.okr.md"
    write(goals, good)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "four OKRs")
    new = (
        "# Objective: Customers in Korea trust our uptime\n\n"
        "- KR: Publish 3 status-page runbooks\n- KR: Run 2 incident drills\n"
    )
    goals.write_text(good + new, encoding="utf-8")
    gate = ["--fail-on", "error", "--fail-under", "85"]  # only the score gates
    code, whole, _ = check_json(capsys, *gate, str(goals))
    assert code == 0 and 85 <= whole["files"][0]["score"] < 100, whole  # the file as a whole passes
    code, data, err = check_json(capsys, "--changed-since", "HEAD", *gate, str(goals))
    score = data["files"][0]["score"]
    assert code == 1 and score < 85, data  # the new OKR alone does not
    assert f"score {score:g} is under 85 (fail-under)" in err


def test_changed_since_reports_a_refused_or_missing_path_as_discovery_found_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
):
    """A file discovery refuses (a control character in its name) keeps its own reason, and
    a missing path is still reported; both beside the changed file, in discovery's order."""
    write(repo / "goals" / "bad\x1bname.okr.md", "# Objective: Win\n\n- KR: Ship it\n")
    write(repo / "goals" / "sales.okr.md", "# Objective: Win the mid-market\n\n- KR: Hire 3 account executives\n")
    code, data, err = check_json(capsys, "--changed-since", "HEAD", "goals", "nowhere.okr.md")
    assert code == 2
    errors = {Path(f["path"]).name: f["error"] for f in data["files"] if f.get("error")}
    assert errors == {
        "bad\\x1bname.okr.md": "file name contains control characters; rename the file",
        "nowhere.okr.md": "no such file or directory",
    }
    assert [Path(f["path"]).name for f in data["files"]] == ["bad\\x1bname.okr.md", "sales.okr.md", "nowhere.okr.md"]
    assert ("sales.okr.md", 3, "kr-output") in findings(data)
    assert "\x1b" not in err


def test_changed_since_a_modified_line(repo: Path, capsys: pytest.CaptureFixture[str]):
    support = repo / "goals" / "support.okr.md"
    support.write_text(OLD.replace("from 6 hours to 1 hour", "by 50%"), encoding="utf-8")
    code, data, _ = check_json(capsys, "--changed-since", "HEAD", str(support))
    got = findings(data)
    assert code == 1
    assert ("support.okr.md", 3, "kr-missing-baseline") in got
    assert all(line == 3 for _, line, _ in got)


def test_changed_since_with_a_bad_ref_or_outside_git(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["check", "--changed-since", "no-such-branch", "goals"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'no-such-branch' is not a commit" in err
    assert main(["check", "--changed-since=--output=x", "goals"]) == 2  # never passed to git as an option
    assert "'--output=x' is not a git ref" in capsys.readouterr().err
    outside = write(tmp_path / "elsewhere" / "x.okr.md", GOOD_KRS)
    assert main(["check", "--changed-since", "HEAD", str(outside)]) == 2
    assert "not in a git repository" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("diff", "lines"),
    [
        ("@@ -3,0 +4,2 @@\n+a\n+b\n", {4, 5}),
        ("@@ -5 +5 @@\n-a\n+b\n", {5}),
        ("@@ -5,2 +4,0 @@\n-a\n-b\n", set()),
        ("@@ -1,0 +1 @@ heading\n+x\n@@ -9,3 +10,2 @@\n", {1, 10, 11}),
        ("", set()),
    ],
)
def test_parse_hunks(diff: str, lines: set[int]):
    assert parse_hunks(diff) == lines


# -- the GitHub Action runs this gate ---------------------------------------------------------------
ACTION = Path(__file__).resolve().parent.parent / "action.yml"


def action() -> dict:
    import yaml

    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_action_is_composite_and_uses_only_declared_inputs():
    import re

    data = action()
    assert data["runs"]["using"] == "composite"
    declared = set(data["inputs"])
    assert {"paths", "fail-under", "fail-on", "changed-since"} <= declared
    used = set(re.findall(r"inputs\.([\w-]+)", ACTION.read_text(encoding="utf-8")))
    assert used <= declared, used - declared
    steps = data["runs"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)
    for step in steps:
        assert "${{" not in step.get("run", ""), f"{step['name']}: inputs reach scripts through env only"


def run_gate_step(cwd: Path, **inputs: str) -> tuple[int, str, dict[str, str]]:
    """The action's gate step, run by bash as GitHub would, with the inputs as env variables."""
    import os
    import shutil

    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "gate")
    output = cwd / "github_output"
    output.write_text("")
    # The okrlint command of the environment running the tests, as the install step leaves it.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "PATH": path}
    env |= {k: "" for k in step["env"]}
    env |= {"INPUT_SARIF": "true", "INPUT_SARIF_FILE": "okrlint.sarif", "INPUT_PATHS": "."}
    env |= {f"INPUT_{k.upper()}": v for k, v in inputs.items()}
    bash = shutil.which("bash") or "bash"
    proc = subprocess.run(
        [bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return proc.returncode, proc.stdout + proc.stderr, outputs


def test_action_gate_step(repo: Path):
    support = repo / "goals" / "support.okr.md"
    support.write_text(OLD + "- KR: Increase CSAT from 82% to 90%\n", encoding="utf-8")

    code, log, outputs = run_gate_step(repo, paths="goals")
    assert code == 0 and outputs["exit-code"] == "1", log  # the step records, the last step fails
    assert "kr-output" in log
    sarif = json.loads((repo / "okrlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"

    code, log, outputs = run_gate_step(repo, paths="goals", changed_since="HEAD", fail_under="100")
    assert outputs["exit-code"] == "0", log  # the old bad KR is not new

    code, log, outputs = run_gate_step(repo, paths="goals", fail_on="error", fail_under="99")
    assert outputs["exit-code"] == "1" and "(fail-under)" in log
