"""The pre-commit hook, run for real: `pre-commit try-repo` installs okrlint from this
repository into its own environment and runs the hook in a temporary goal repository.

try-repo needs a git repository holding .pre-commit-hooks.yaml. A working tree may have
uncommitted or untracked files (try-repo's own shadow commit takes only tracked ones), so
the test commits a snapshot of what the package needs into a temporary repository and
points try-repo at that. The first run installs okrlint with spaCy and its model from the
package index, which is slow: the test is marked `integration` and runs in CI all the same.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from okrlint.config import DEFAULT_INCLUDE

ROOT = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
# What `pip install .` needs, and the hook definition.
SNAPSHOT = [".pre-commit-hooks.yaml", "pyproject.toml", "README.md", "okrlint", "rules"]
INSTALL_TIMEOUT = 1800  # seconds: a fresh environment downloads spaCy and its model

BAD = """\
# Objective: Launch a new website

- KR: Release the new website
- KR: Find a website developer
"""

GOOD = """\
# Objective: Our website turns visitors into customers

- KR: Increase visitor-to-lead conversion rate from 2.5% to 5%
- KR: Increase sales-accepted leads from 30 to 50 per month
"""


def git(cwd: Path, *args: str) -> str:
    cmd = ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=True).stdout


def git_repo(path: Path) -> Path:
    git(path, "init", "-q")
    git(path, "config", "user.name", "okrlint tests")
    git(path, "config", "user.email", "tests@okrlint.invalid")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "snapshot")
    return path


def test_hook_definition():
    [hook] = HOOKS
    assert hook["id"] == "okrlint" and hook["language"] == "python"
    assert hook["entry"] == "okrlint check" and hook["pass_filenames"] is True


@pytest.mark.parametrize(
    ("name", "checked"),
    [(p.replace("*", "team"), True) for p in DEFAULT_INCLUDE]
    + [
        ("goals/q3/platform.okr.md", True),
        ("OKRS.yml", True),
        ("docs/okrs.md", True),
        ("README.md", False),
        ("okr-guide.md", False),
        ("notokrs.md", False),
        ("platform.okr.md.bak", False),
        ("okrlint/config.py", False),
    ],
)
def test_hook_files_pattern_matches_okr_documents(name: str, checked: bool):
    """The hook's `files` covers every built-in OKR file name (okrlint.config.DEFAULT_INCLUDE)."""
    assert bool(re.search(HOOKS[0]["files"], name)) is checked


@pytest.fixture(scope="module")
def okrlint_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    snapshot = tmp_path_factory.mktemp("okrlint-src")
    for name in SNAPSHOT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, snapshot / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, snapshot / name)
    return git_repo(snapshot)


@pytest.fixture(scope="module")
def goal_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("goals")
    (repo / "bad.okr.md").write_text(BAD, encoding="utf-8")
    (repo / "good.okr.md").write_text(GOOD, encoding="utf-8")
    (repo / "README.md").write_text(BAD, encoding="utf-8")  # not an OKR file name: never checked
    return git_repo(repo)


@pytest.fixture(scope="module")
def try_repo(okrlint_repo: Path, goal_repo: Path, tmp_path_factory: pytest.TempPathFactory):
    # One pre-commit home for the module: the hook environment is built once and reused.
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")), "NO_COLOR": "1"}
    env.pop("PRE_COMMIT", None)

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(okrlint_repo), "okrlint", "--verbose"]
        cmd += ["--color", "never", "--files", *files]
        return subprocess.run(cmd, cwd=goal_repo, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)

    return run


@pytest.mark.integration
def test_pre_commit_hook_passes_a_good_file_and_fails_a_bad_one(try_repo):
    good = try_repo("good.okr.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"okrlint\.+Passed", good.stdout), good.stdout

    bad = try_repo("bad.okr.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"okrlint\.+Failed", bad.stdout), bad.stdout
    assert "bad.okr.md:3:" in bad.stdout and "kr-output" in bad.stdout

    both = try_repo("good.okr.md", "bad.okr.md")
    assert both.returncode == 1 and "good.okr.md  score 100" in both.stdout, both.stdout


@pytest.mark.integration
def test_pre_commit_hook_skips_other_files(try_repo):
    other = try_repo("README.md")
    assert other.returncode == 0, other.stdout + other.stderr
    assert re.search(r"okrlint\.+\(no files to check\)Skipped", other.stdout), other.stdout
