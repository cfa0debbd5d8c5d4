"""The HTML report in a real headless Chromium: it renders, its text is there, and a
statement holding <script> shows as text and runs nothing.

Chromium comes from Debian's `chromium` package, which .ci/run installs. Without it these
tests are skipped with the reason shown (pytest's -ra), except where OKRLINT_REQUIRE_BROWSER is
set, as .ci/run sets it: there a missing browser fails. The screenshot is kept in
test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from okrlint.api import lint_paths, lint_text
from okrlint.model import LintResult
from okrlint.report import render

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
HOSTILE = (
    "objectives:\n"
    "  - objective: \"Delight <script>document.title='PWNED';alert(1)</script> customers\"\n"
    "    key_results:\n"
    "      - Release the new website\n"
    "      - Increase website traffic by 30%\n"
)


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        why = "Chromium is not installed (apt-get install chromium; .ci/run does it)"
        if os.environ.get("OKRLINT_REQUIRE_BROWSER"):
            pytest.fail(why)
        pytest.skip(why)
    profile = tmp_path / "profile"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def page(nlp, tmp_path_factory) -> Path:
    result = lint_paths([ROOT / "examples"])
    hostile = lint_text(HOSTILE, format="yaml", path="hostile.okr.yaml")
    both = LintResult(files=[*hostile.files, *result.files])
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render(both, "html"), encoding="utf-8")
    return path


def test_report_renders_in_chromium_with_a_screenshot(page: Path, tmp_path: Path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-report.png"
    shot.unlink(missing_ok=True)
    proc = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri())
    assert shot.exists() and shot.stat().st_size > 10_000, proc.stderr[-2000:]
    mobile = ARTIFACTS / "html-report-phone.png"
    _chromium(tmp_path, f"--screenshot={mobile}", "--window-size=390,1600", page.as_uri())
    assert mobile.exists()


def test_page_text_and_no_script_runs(page: Path, tmp_path: Path):
    proc = _chromium(tmp_path, "--dump-dom", page.as_uri())
    dom = proc.stdout
    assert "OKR quality report" in dom
    assert "Launch a new website" in dom and "Why it matters" in dom and "Suggestion:" in dom
    assert "acme-website-poor.okr.yaml" in dom
    # the statement's script is text on the page, not an element, and it did not run
    assert "&lt;script&gt;document.title='PWNED';alert(1)&lt;/script&gt;" in dom
    assert "<script" not in dom
    assert "<title>okrlint report</title>" in dom and "PWNED</title>" not in dom
