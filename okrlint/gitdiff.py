"""`--changed-since REF`: report only what was added or changed since a git ref.

A team adopting okrlint on years of old OKR files can gate new and edited statements
without fixing every old one first. Which lines changed comes from git itself:
`git diff --unified=0 REF -- FILE` compares the ref with the working tree (staged and
unstaged edits alike), and each hunk header `@@ -a,b +c,d @@` names lines c..c+d-1 as
added or changed. A file git does not track (untracked, or new and not yet added) is all
new. A file with no changed line is not checked at all.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from okrlint.config import Config
from okrlint.model import Document, FileResult, Finding, LintResult

# None: every line is new (an untracked file); a set: the added or changed line numbers.
Changed = frozenset[int] | None

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


# File names are names, never pathspec patterns ("[a].okr.md" would also match "a.okr.md",
# ":(top)x" names another file); and no command a repository's config names runs for a diff.
_SAFE = ("--literal-pathspecs", "-c", "core.fsmonitor=false")


class GitError(Exception):
    """git could not answer (not a repository, unknown ref, no git); the message is one line."""


def _git(args: Sequence[str], cwd: str) -> str:
    try:
        proc = subprocess.run(
            ["git", *_SAFE, *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except FileNotFoundError:
        raise GitError("--changed-since needs git, and git is not installed") from None
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        raise GitError(lines[-1] if lines else f"git {args[0]} failed with exit code {proc.returncode}")
    return proc.stdout


@lru_cache(maxsize=64)
def _toplevel(folder: str) -> str:
    try:
        return _git(["rev-parse", "--show-toplevel"], folder).strip()
    except GitError:
        raise GitError(f"{folder}: not in a git repository (--changed-since needs one)") from None


@lru_cache(maxsize=64)
def _resolve(top: str, ref: str) -> str:
    """The commit a ref names, checked once per repository."""
    if not ref or ref.startswith("-"):
        raise GitError(f"--changed-since: {ref!r} is not a git ref")
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top).strip()
    except GitError:
        raise GitError(f"--changed-since: {ref!r} is not a commit in {top}") from None


def parse_hunks(diff: str) -> frozenset[int]:
    """Line numbers (in the new file) that `git diff --unified=0` shows as added or changed."""
    lines: set[int] = set()
    for m in _HUNK.finditer(diff):
        start, count = int(m.group(1)), int(m.group(2) or 1)
        lines.update(range(start, start + count))  # count 0: a pure deletion adds no line
    return frozenset(lines)


def changed_lines(path: str, ref: str) -> Changed:
    """Lines of `path` added or changed since `ref`; None when git does not track the file
    (all of it is new); an empty set when nothing changed."""
    folder = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    commit = _resolve(_toplevel(folder), ref)
    if not _git(["ls-files", "--", name], folder).strip():
        return None
    diff = _git(
        ["diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--unified=0", commit, "--", name],
        folder,
    )
    if diff.startswith("Binary files") or "\nBinary files " in diff:
        return None
    return parse_hunks(diff)


def keep_changed(file: FileResult, changed: Changed) -> FileResult:
    """The file's findings on changed lines only, rescored without the others.

    A statement finding is kept when its line changed; an OKR finding (too many key
    results...) when its line or any statement of its OKR changed; a document finding when
    any line changed. The score is recomputed from the kept findings over the OKRs the change
    touched, so neither old problems nor old, untouched OKRs count for `--fail-under`.
    """
    if changed is None or file.error:
        return file

    def touched(finding: Finding) -> bool:
        if finding.line in changed:
            return True
        if finding.kind == "okr" and finding.okr is not None and finding.okr < len(file.okrs):
            return any(s.line in changed for s in file.okrs[finding.okr].statements())
        return finding.kind == "document" and bool(changed)

    from okrlint.scoring import document_score, grade

    kept = [f for f in file.findings if touched(f)]
    # the score of what changed: the OKRs with a changed statement, not the file's average,
    # in which a new OKR scoring 85 among ten old ones at 100 would pass a gate at 90
    edited = frozenset(i for i, okr in enumerate(file.okrs) if any(s.line in changed for s in okr.statements()))
    score = document_score(Document(path=file.path, format="markdown", okrs=file.okrs), kept, only=edited)
    return file.model_copy(
        update={"findings": kept, "score": score, "grade": grade(score) if score is not None else None}
    )


def lint_changed(
    paths: Sequence[str | os.PathLike[str]],
    ref: str,
    config: Config | str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    **options: Any,
) -> LintResult:
    """`lint_paths` restricted to what changed since `ref`: files with no changed line are
    left out, and findings on unchanged lines are dropped. Other keyword arguments go to
    `lint_paths` as they are. Raises GitError."""
    from okrlint.api import lint_paths
    from okrlint.config import load_config_file
    from okrlint.sources import discover

    explicit = load_config_file(Path(config)) if isinstance(config, str) else config
    wanted: list[str] = []
    changes: dict[str, Changed] = {}
    slots: list[FileResult | None] = []  # discovery's order; None: the next of lint_paths' results
    for entry in discover([str(p) for p in paths], explicit):
        if isinstance(entry, tuple):  # cannot be checked: reported with discovery's reason
            slots.append(FileResult(path=entry[0], error=entry[1]))
            continue
        changed = changed_lines(entry, ref)
        if changed is None or changed:
            wanted.append(entry)
            changes[entry] = changed
            slots.append(None)
    checked = iter(lint_paths(wanted, config=explicit, select=select, ignore=ignore, **options).files if wanted else [])
    files = []
    for slot in slots:
        if slot is None:  # lint_paths gives one result per path, in order
            result = next(checked)
            slot = keep_changed(result, changes.get(result.path))
        files.append(slot)
    return LintResult(files=files)
