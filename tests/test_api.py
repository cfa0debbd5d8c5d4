"""The library API as a typed user meets it: what `dir(okrlint)` shows, findings that name
their file, the same refusals as the CLI, the cache on request, and types without Any."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import okrlint
from okrlint.model import OKR, Document, FileResult, Finding, LintResult, Statement
from okrlint.readers.base import ReadError
from okrlint.report import render

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def test_dir_shows_the_public_api() -> None:
    assert {"lint_text", "lint_paths", "lint_workbook", "lint_documents", "__version__"} <= set(dir(okrlint))


def test_every_public_model_says_what_it_is() -> None:
    for model in (Finding, FileResult, LintResult, Statement, OKR, Document):
        assert model.__doc__ and "pydantic" not in model.__doc__.lower(), model.__name__


def test_a_flat_list_of_findings_still_names_each_file(isolated_cwd: Path) -> None:
    paths = [EXAMPLES / "bad" / "acme-website-poor.okr.yaml", EXAMPLES / "mixed" / "okrs.txt"]
    result = okrlint.lint_paths(paths)
    assert {f.path for f in result.findings} == {str(p) for p in paths}
    assert all(f.path == file.path for file in result.files for f in file.findings)
    report = json.loads(render(result, "json"))
    assert all("path" not in f for file in report["files"] for f in file["findings"])  # the contract's shape


@pytest.mark.parametrize("text, reason", [("", "empty file"), ("  \n\t\n", "empty file (only whitespace)")])
def test_lint_text_refuses_an_empty_document_as_the_cli_does(text: str, reason: str) -> None:
    with pytest.raises(ReadError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        okrlint.lint_text(text)


def test_lint_paths_uses_the_cli_cache_when_asked(isolated_cwd: Path) -> None:
    doc = isolated_cwd / "team.okr.md"
    doc.write_text("# Objective: Delight customers\n\n- KR: Raise NPS from 20 to 40\n- KR: Launch the help center\n")
    first = okrlint.lint_paths([doc], cache_dir=True)
    cache = isolated_cwd / ".okrlint_cache"
    assert cache.is_dir() and any(cache.rglob("*"))
    assert okrlint.lint_paths([doc], cache_dir=True) == first
    okrlint.lint_paths([doc], cache_dir=False)
    assert not (isolated_cwd / "False").exists()


def test_the_public_api_type_checks_strictly_with_no_any(tmp_path: Path) -> None:
    from mypy import api

    user = tmp_path / "use_okrlint.py"
    user.write_text(
        "from pathlib import Path\n\n"
        "import okrlint\n"
        "from okrlint.model import FileResult, Finding, LintResult\n\n"
        'result: LintResult = okrlint.lint_text("Objective: Delight customers\\n- KR: Raise NPS from 20 to 40\\n")\n'
        "codes: list[str] = [f.code for f in result.findings]\n"
        "first: Finding = result.findings[0]\n"
        'files: list[FileResult] = okrlint.lint_paths([Path("examples")], cache_dir=True).files\n'
        "scores: list[float] = [f.score for f in files if f.score is not None]\n"
        'book: LintResult = okrlint.lint_workbook(b"", "okrs.xlsx")\n'
        "where: str = first.place + first.path\n"
    )
    out, err, status = api.run(
        ["--strict", "--disallow-any-expr", "--no-incremental", "--cache-dir", str(tmp_path / ".mypy"), str(user)]
    )
    assert status == 0, out + err
