"""Configuration (.okrlint.toml, [tool.okrlint] in pyproject.toml) and inline suppressions."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from okrlint.api import lint_paths, lint_text
from okrlint.cli import main
from okrlint.config import Config, ConfigError, clear_config_cache, find_config, load_config_file
from okrlint.engine import parse_suppressions
from okrlint.model import LintResult

BAD = """\
# Objective: Launch a new website

- KR: Release the new website
- KR: Improve onboarding
"""

REVAMP = """\
# Objective: Delight our first customers

- KR: Revamp the onboarding flow
- KR: Increase NPS from 20 to 40
"""


def krs_yaml(count: int) -> str:
    lines = ["objectives:", "  - objective: Delight our first customers", "    key_results:"]
    lines += [f"      - Increase NPS from {20 + i} to {60 + i}" for i in range(count)]
    return "\n".join(lines) + "\n"


pytestmark = pytest.mark.usefixtures("isolated_cwd")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def names(result: LintResult) -> set[str]:
    return {f.name for f in result.findings}


def hits(result: LintResult) -> set[tuple[str, int]]:
    return {(f.name, f.line) for f in result.findings}


# -- finding the configuration ---------------------------------------------------------------------
def test_no_config_means_defaults(tmp_path: Path) -> None:
    path = write(tmp_path / "a" / "bad.okr.md", BAD)
    assert find_config(str(path.parent)) == Config()
    assert {"kr-output", "kr-not-measurable", "vague-verb", "objective-output"} <= names(lint_paths([path]))


def test_okrlint_toml_found_walking_up(tmp_path: Path) -> None:
    config = write(tmp_path / "proj" / ".okrlint.toml", 'ignore = ["kr-not-measurable"]\n')
    path = write(tmp_path / "proj" / "a" / "b" / "bad.okr.md", BAD)
    found = find_config(str(path.parent))
    assert found.source == str(config.resolve())
    assert found.ignore == ["kr-not-measurable"]
    got = names(lint_paths([path]))
    assert "kr-not-measurable" not in got
    assert "kr-output" in got


def test_pyproject_tool_section_found_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "proj" / "pyproject.toml", """\
        [project]
        name = "demo"

        [tool.okrlint]
        select = ["kr-output"]
        """)
    path = write(tmp_path / "proj" / "docs" / "okrs" / "bad.okr.md", BAD)
    assert hits(lint_paths([path])) == {("kr-output", 3)}


def test_pyproject_without_tool_section_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "proj" / ".okrlint.toml", 'select = ["vague-verb"]\n')
    write(tmp_path / "proj" / "pkg" / "pyproject.toml", '[project]\nname = "pkg"\n\n[tool.ruff]\nline-length = 99\n')
    path = write(tmp_path / "proj" / "pkg" / "bad.okr.md", BAD)
    assert hits(lint_paths([path])) == {("vague-verb", 4)}


def test_nearest_config_wins(tmp_path: Path) -> None:
    write(tmp_path / "proj" / ".okrlint.toml", 'select = ["vague-verb"]\n')
    write(tmp_path / "proj" / "team" / "pyproject.toml", '[tool.okrlint]\nselect = ["kr-output"]\n')
    near = write(tmp_path / "proj" / "team" / "bad.okr.md", BAD)
    far = write(tmp_path / "proj" / "other" / "bad.okr.md", BAD)
    files = {file.path: file for file in lint_paths([near, far]).files}
    assert {(f.name, f.line) for f in files[str(near)].findings} == {("kr-output", 3)}
    assert {(f.name, f.line) for f in files[str(far)].findings} == {("vague-verb", 4)}


def test_okrlint_toml_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "proj" / ".okrlint.toml", 'select = ["vague-verb"]\n')
    write(tmp_path / "proj" / "pyproject.toml", '[tool.okrlint]\nselect = ["kr-output"]\n')
    path = write(tmp_path / "proj" / "bad.okr.md", BAD)
    assert hits(lint_paths([path])) == {("vague-verb", 4)}


def test_tool_section_inside_okrlint_toml_is_accepted(tmp_path: Path) -> None:
    write(tmp_path / "proj" / ".okrlint.toml", '[tool.okrlint]\nselect = ["kr-output"]\n')
    path = write(tmp_path / "proj" / "bad.okr.md", BAD)
    assert hits(lint_paths([path])) == {("kr-output", 3)}


def test_explicit_config_option_replaces_the_search(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "proj" / ".okrlint.toml", 'select = ["vague-verb"]\n')
    explicit = write(tmp_path / "elsewhere.toml", 'select = ["kr-output"]\n')
    path = write(tmp_path / "proj" / "bad.okr.md", BAD)
    assert hits(lint_paths([path], config=str(explicit))) == {("kr-output", 3)}
    assert main(["check", "--config", str(explicit), str(path)]) == 1
    out = capsys.readouterr().out
    assert "kr-output" in out and "vague-verb" not in out


# -- select / ignore / extend-select / per-file-ignores --------------------------------------------
@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('select = ["kr-output", "OKR301"]', {("kr-output", 3), ("vague-verb", 4)}),
        ('select = ["kr-output"]\nextend-select = ["vague-verb"]', {("kr-output", 3), ("vague-verb", 4)}),
        ('select = ["kr-output", "vague-verb"]\nignore = ["OKR201"]', {("vague-verb", 4)}),
        ('select = ["ALL"]\nignore = ["kr-not-measurable", "objective-output", "kr-output", "okr-not-measurable"]',
         {("vague-verb", 4)}),
    ],
)
def test_select_ignore_extend_select(tmp_path: Path, toml: str, expected: set[tuple[str, int]]) -> None:
    write(tmp_path / ".okrlint.toml", toml + "\n")
    path = write(tmp_path / "bad.okr.md", BAD)
    assert hits(lint_paths([path])) == expected


def test_ignore_only_removes_what_it_names(tmp_path: Path) -> None:
    write(tmp_path / ".okrlint.toml", 'ignore = ["OKR202", "vague-verb"]\n')
    path = write(tmp_path / "bad.okr.md", BAD)
    got = names(lint_paths([path]))
    assert "kr-not-measurable" not in got and "vague-verb" not in got
    assert {"kr-output", "objective-output"} <= got


def test_cli_ignore_adds_to_config_ignore(tmp_path: Path) -> None:
    write(tmp_path / ".okrlint.toml", 'ignore = ["kr-not-measurable"]\n')
    path = write(tmp_path / "bad.okr.md", BAD)
    got = names(lint_paths([path], ignore=["vague-verb"]))
    assert "kr-not-measurable" not in got and "vague-verb" not in got
    assert "kr-output" in got


def test_per_file_ignores(tmp_path: Path) -> None:
    write(tmp_path / ".okrlint.toml", """\
        [per-file-ignores]
        "drafts/*" = ["kr-output", "OKR202"]
        "*.wip.okr.md" = ["kr-output"]
        """)
    draft = write(tmp_path / "drafts" / "a.okr.md", BAD)
    wip = write(tmp_path / "b.wip.okr.md", BAD)
    plain = write(tmp_path / "c.okr.md", BAD)
    result = lint_paths([draft, wip, plain])
    by_path = {f.path: {x.name for x in f.findings} for f in result.files}
    assert "kr-output" not in by_path[str(draft)] and "kr-not-measurable" not in by_path[str(draft)]
    assert "vague-verb" in by_path[str(draft)]
    assert "kr-output" not in by_path[str(wip)] and "kr-not-measurable" in by_path[str(wip)]
    assert {"kr-output", "kr-not-measurable"} <= by_path[str(plain)]


def test_per_file_ignores_through_a_directory(tmp_path: Path) -> None:
    write(tmp_path / ".okrlint.toml", '[per-file-ignores]\n"drafts/*" = ["kr-output"]\n')
    write(tmp_path / "drafts" / "a.okr.md", BAD)
    write(tmp_path / "final" / "b.okr.md", BAD)
    result = lint_paths([tmp_path])
    by_name = {Path(f.path).parent.name: {x.name for x in f.findings} for f in result.files}
    assert set(by_name) == {"drafts", "final"}
    assert "kr-output" not in by_name["drafts"]
    assert "kr-output" in by_name["final"]


# -- rule options and lexicons ----------------------------------------------------------------------
def test_too_many_key_results_default_threshold(tmp_path: Path) -> None:
    path = write(tmp_path / "six.okr.yaml", krs_yaml(6))
    assert ("too-many-key-results", 2) in hits(lint_paths([path]))


def test_too_many_key_results_max_option(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.okrlint.rules.too-many-key-results]\nmax = 7\n')
    six = write(tmp_path / "six.okr.yaml", krs_yaml(6))
    seven = write(tmp_path / "seven.okr.yaml", krs_yaml(7))
    eight = write(tmp_path / "eight.okr.yaml", krs_yaml(8))
    files = {file.path: file for file in lint_paths([six, seven, eight]).files}
    many = [[f for f in files[str(p)].findings if f.name == "too-many-key-results"] for p in (six, seven, eight)]
    assert [len(x) for x in many] == [0, 0, 1]
    assert "8 key results (at most 7)" in many[2][0].message


def test_rule_option_by_code_in_okrlint_toml(tmp_path: Path) -> None:
    write(tmp_path / ".okrlint.toml", '[rules.OKR402]\nmax = 3\n')
    path = write(tmp_path / "four.okr.yaml", krs_yaml(4))
    assert ("too-many-key-results", 2) in hits(lint_paths([path]))


def test_rule_severity_option(tmp_path: Path) -> None:
    write(tmp_path / ".okrlint.toml", '[rules.kr-output]\nseverity = "error"\n')
    path = write(tmp_path / "bad.okr.md", BAD)
    (finding,) = [f for f in lint_paths([path]).findings if f.name == "kr-output"]
    assert finding.severity == "error"


def test_extend_vague_verbs(tmp_path: Path) -> None:
    plain = write(tmp_path / "plain" / "a.okr.md", REVAMP)
    assert "vague-verb" not in names(lint_paths([plain]))
    write(tmp_path / "tuned" / "pyproject.toml", '[tool.okrlint.lexicons]\nextend-vague-verbs = ["revamp"]\n')
    tuned = write(tmp_path / "tuned" / "a.okr.md", REVAMP)
    result = lint_paths([tuned])
    vague = [f for f in result.findings if f.name == "vague-verb"]
    assert [(f.line, f.text) for f in vague] == [(3, "Revamp the onboarding flow")]
    assert "revamp" in vague[0].message.lower()
    # extending keeps the built-in words
    bad = write(tmp_path / "tuned" / "bad.okr.md", BAD)
    assert ("vague-verb", 4) in hits(lint_paths([bad]))


def test_replacing_a_lexicon_drops_the_built_in_words(tmp_path: Path) -> None:
    write(tmp_path / ".okrlint.toml", '[lexicons]\nvague-verbs = ["revamp"]\n')
    bad = write(tmp_path / "bad.okr.md", BAD)
    revamp = write(tmp_path / "revamp.okr.md", REVAMP)
    result = lint_paths([bad, revamp])
    assert "vague-verb" not in {f.name for f in result.files[0].findings}
    assert ("vague-verb", 3) in {(f.name, f.line) for f in result.files[1].findings}


# -- errors ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "body", "pattern"),
    [
        (".okrlint.toml", 'selekt = ["kr-output"]\n', r"unknown key 'selekt'.*did you mean 'select'"),
        (".okrlint.toml", 'ignore = "kr-output"\n', r"ignore: .*list"),
        (".okrlint.toml", 'max-file-size = "big"\n', r"max-file-size"),
        (".okrlint.toml", 'fail-on = "fatal"\n', r"fail-on"),
        (".okrlint.toml", '[lexicons]\nextend-vague-verbs = "revamp"\n', r"lexicons\.extend-vague-verbs"),
        (".okrlint.toml", 'select = ["kr-outptu"]\n', r"unknown rule 'kr-outptu' in select.*'kr-output'"),
        (".okrlint.toml", 'extend-select = ["nope"]\n', r"unknown rule 'nope' in extend-select"),
        (".okrlint.toml", '[per-file-ignores]\n"x/*" = ["nope"]\n', r"unknown rule 'nope' in per-file-ignores"),
        (".okrlint.toml", '[rules.no-such-rule]\nmax = 1\n', r"unknown rule 'no-such-rule' in rules"),
        (".okrlint.toml", 'select = [\n', r"invalid TOML"),
        ("pyproject.toml", '[tool.okrlint]\nselekt = ["x"]\n', r"unknown key 'selekt'"),
        ("pyproject.toml", '[tool.okrlint]\nignore = 3\n', r"ignore: "),
        ("pyproject.toml", '[tool.okrlint\nselect = []\n', r"invalid TOML"),
    ],
)
def test_config_errors_name_the_key_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, body: str, pattern: str
) -> None:
    config = write(tmp_path / name, body)
    with pytest.raises(ConfigError, match=pattern) as info:
        load_config_file(config)
    assert str(config) in str(info.value)
    assert "\n" not in str(info.value)
    path = write(tmp_path / "sub" / "bad.okr.md", BAD)
    with pytest.raises(ConfigError, match=pattern):
        find_config(str(path.parent))
    clear_config_cache()
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    err_lines = captured.err.strip().splitlines()
    assert len(err_lines) == 1
    assert err_lines[0].startswith("okrlint: ") and config.name in err_lines[0]


def test_broken_explicit_config_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(tmp_path / "custom.toml", "select = [\n")
    path = write(tmp_path / "bad.okr.md", BAD)
    assert main(["check", "--config", str(config), str(path)]) == 2
    assert "custom.toml" in capsys.readouterr().err


def test_rule_option_of_wrong_type_is_a_config_error(tmp_path: Path) -> None:
    config = write(tmp_path / ".okrlint.toml", '[rules.too-many-key-results]\nmax = "seven"\n')
    with pytest.raises(ConfigError, match="max"):
        load_config_file(config)


def test_unknown_rule_option_is_a_config_error(tmp_path: Path) -> None:
    config = write(tmp_path / ".okrlint.toml", '[rules.too-many-key-results]\nmaxx = 7\n')
    with pytest.raises(ConfigError, match="maxx"):
        load_config_file(config)


def test_rule_severity_of_wrong_value_is_a_config_error(tmp_path: Path) -> None:
    config = write(tmp_path / ".okrlint.toml", '[rules.kr-output]\nseverity = "fatal"\n')
    with pytest.raises(ConfigError, match="severity"):
        load_config_file(config)


def test_select_by_code_prefix(tmp_path: Path) -> None:
    write(tmp_path / ".okrlint.toml", 'select = ["OKR3"]\n')
    path = write(tmp_path / "bad.okr.md", BAD)
    assert hits(lint_paths([path])) == {("vague-verb", 4)}


def test_fail_on_comes_from_the_files_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "proj" / ".okrlint.toml", 'fail-on = "error"\n')
    path = write(tmp_path / "proj" / "warn.okr.md", "# Objective: Delight our first customers\n\n"
                 "- KR: Increase NPS to 40\n- KR: Reduce monthly churn from 5% to 3%\n")
    code = main(["check", str(path)])  # the working directory is tmp_path/cwd, without config
    capsys.readouterr()
    assert code == 0


def test_fail_on_from_config_in_the_working_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "proj" / ".okrlint.toml", 'fail-on = "error"\n')
    path = write(tmp_path / "proj" / "warn.okr.md", "# Objective: Delight our first customers\n\n"
                 "- KR: Increase NPS to 40\n- KR: Reduce monthly churn from 5% to 3%\n")
    monkeypatch.chdir(tmp_path / "proj")
    clear_config_cache()
    assert main(["check", str(path)]) == 0
    assert "kr-missing-baseline" in capsys.readouterr().out


# -- inline suppressions ---------------------------------------------------------------------------
MD_SUPPRESSED = """\
# Objective: Delight our first customers

<!-- okrlint-disable-next-line kr-missing-baseline -->
- KR: Increase NPS to 40
- KR: Reduce monthly churn to 3%
<!-- okrlint-disable kr-output -->
- KR: Ship the new onboarding flow
- KR: Publish the pricing page
<!-- okrlint-enable kr-output -->
- KR: Launch the partner portal
<!-- okrlint-disable-next-line OKR202 -->
- KR: Release the help center
"""


def test_markdown_suppressions_cover_only_what_they_name() -> None:
    got = hits(lint_text(MD_SUPPRESSED, "markdown"))
    # disable-next-line: only line 4, only kr-missing-baseline
    assert ("kr-missing-baseline", 4) not in got
    assert ("kr-missing-baseline", 5) in got
    # disable ... enable: kr-output is off on lines 7-8, other rules still run there
    assert ("kr-output", 7) not in got and ("kr-output", 8) not in got
    assert ("kr-not-measurable", 7) in got and ("kr-not-measurable", 8) in got
    # after enable it is back
    assert ("kr-output", 10) in got and ("kr-not-measurable", 10) in got
    # by code: kr-not-measurable off on line 12, kr-output still on
    assert ("kr-not-measurable", 12) not in got
    assert ("kr-output", 12) in got


def test_markdown_suppressions_are_needed_for_the_effect() -> None:
    """The same document without the comments reports everything suppressed above."""
    plain = "\n".join(line if "okrlint" not in line else "" for line in MD_SUPPRESSED.splitlines()) + "\n"
    got = hits(lint_text(plain, "markdown"))
    assert {("kr-missing-baseline", 4), ("kr-output", 7), ("kr-output", 8), ("kr-not-measurable", 12)} <= got


def test_markdown_disable_without_rule_names_disables_all_until_enable() -> None:
    text = ("# Objective: Delight our first customers\n\n<!-- okrlint-disable -->\n"
            "- KR: Ship the new onboarding flow\n<!-- okrlint-enable -->\n- KR: Publish the pricing page\n")
    got = hits(lint_text(text, "markdown"))
    assert not any(line == 4 for _, line in got)
    assert ("kr-output", 6) in got


def test_markdown_bare_enable_closes_named_ranges() -> None:
    text = ("# Objective: Delight our first customers\n\n<!-- okrlint-disable kr-output -->\n"
            "- KR: Ship the new onboarding flow\n<!-- okrlint-enable -->\n- KR: Publish the pricing page\n")
    got = hits(lint_text(text, "markdown"))
    assert ("kr-output", 4) not in got
    assert ("kr-output", 6) in got


def test_yaml_bare_disable_covers_every_rule_on_its_line() -> None:
    text = ("objectives:\n  - objective: Delight our first customers\n    key_results:\n"
            "      - Ship the new onboarding flow  # okrlint: disable\n"
            "      - Publish the pricing page\n")
    got = hits(lint_text(text, "yaml"))
    assert not any(line == 4 for _, line in got)
    assert {("kr-output", 5), ("kr-not-measurable", 5)} <= got


YAML_SUPPRESSED = """\
objectives:
  - objective: Delight our first customers
    key_results:
      - Ship the new onboarding flow  # okrlint: disable=kr-output
      - Publish the pricing page
      - Increase NPS to 40 # okrlint: disable=kr-output
      # okrlint: disable=kr-not-measurable
      - Release the help center
"""


def test_yaml_end_of_line_suppressions() -> None:
    got = hits(lint_text(YAML_SUPPRESSED, "yaml"))
    assert ("kr-output", 4) not in got
    assert ("kr-not-measurable", 4) in got  # only the named rule is off
    assert ("kr-output", 5) in got and ("kr-not-measurable", 5) in got  # the next line is untouched
    assert ("kr-missing-baseline", 6) in got  # naming another rule does not hide this one
    # a comment standing alone covers the next line
    assert ("kr-not-measurable", 8) not in got
    assert ("kr-output", 8) in got


def test_parse_suppressions_lines() -> None:
    sup = parse_suppressions(MD_SUPPRESSED)
    assert "kr-missing-baseline" in sup.by_line[4]
    assert 5 not in sup.by_line or "kr-missing-baseline" not in sup.by_line[5]
    assert all("kr-output" in sup.by_line[n] for n in (7, 8))
    assert 10 not in sup.by_line or "kr-output" not in sup.by_line[10]
    assert "okr202" in sup.by_line[12]
    assert sup.whole_file == set()
    yaml_sup = parse_suppressions(YAML_SUPPRESSED)
    assert yaml_sup.by_line[4] == {"kr-output"}
    assert yaml_sup.by_line[8] == {"kr-not-measurable"}
    assert 5 not in yaml_sup.by_line


def test_unknown_and_unused_suppressions_are_reported_on_the_comment_line() -> None:
    text = (
        "# Objective: Delight our first customers\n\n"
        "<!-- okrlint-disable-next-line kr-outptu -->\n"
        "- KR: Release the new website\n"
        "- KR: Increase NPS from 20 to 40 <!-- okrlint-disable-line vague-verb, OKR202 -->\n"
        "- KR: Reduce churn from 5% to 3% <!-- okrlint-disable-line -->\n"
        "<!-- okrlint-disable-next-line kr-output -->\n"
        "- KR: Publish 10 help articles\n"
    )
    findings = lint_text(text, "markdown").findings
    found = [(f.name, f.line, f.message) for f in findings if f.name == "unused-suppression"]
    assert found == [
        ("unused-suppression", 3, "Suppression comment: 'kr-outptu' is not a rule (did you mean 'kr-output'?)"),
        ("unused-suppression", 5,
         "Suppression comment: 'okr202', 'vague-verb': no finding to switch off where it applies"),
        ("unused-suppression", 6,
         "Suppression comment: it switches every rule off, and there was nothing to switch off"),
    ]
    got = hits(lint_text(text, "markdown"))
    assert ("kr-output", 4) in got  # the misspelt comment switched nothing off
    assert ("kr-output", 8) not in got  # the used one did, and is not reported


def test_an_unused_suppression_finding_can_itself_be_switched_off() -> None:
    text = (
        "# Objective: Delight our first customers\n\n"
        "<!-- okrlint-disable-file unused-suppression -->\n"
        "- KR: Increase NPS from 20 to 40 <!-- okrlint-disable-line kr-output -->\n"
        "- KR: Reduce churn from 5% to 3%\n"
    )
    assert "unused-suppression" not in {f.name for f in lint_text(text, "markdown").findings}


def test_extend_inherits_the_repository_configuration_and_overrides_what_it_sets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clear_config_cache()
    write(tmp_path / "pyproject.toml", """
        [tool.okrlint]
        ignore = ["vague-verb"]
        fail-on = "error"
        cache-dir = "build/okr-cache"
        [tool.okrlint.rules.too-many-key-results]
        max = 3
    """)
    team = tmp_path / "teams" / "web"
    write(team / ".okrlint.toml", 'extend = "../../pyproject.toml"\nfail-on = "info"\n')
    cfg = find_config(str(team))
    assert cfg.ignore == ["vague-verb"] and cfg.fail_on == "info"  # inherited, and overridden
    assert cfg.rules["too-many-key-results"] == {"max": 3}
    from okrlint.cache import default_cache_dir

    assert default_cache_dir(cfg) == tmp_path / "build" / "okr-cache"  # relative to the file that set it
    doc = team / "q3.okr.md"
    doc.write_text("# Objective: Delight customers\n\n- KR: Improve onboarding\n- KR: Raise NPS from 20 to 40\n")
    assert main(["check", "--no-cache", "--format", "json", str(doc)]) == 1
    out = capsys.readouterr().out
    assert "vague-verb" not in out and "kr-not-measurable" in out  # the repository's ignore applies here
    clear_config_cache()


@pytest.mark.parametrize(
    "files, message",
    [
        ({"a/.okrlint.toml": 'extend = "../b/.okrlint.toml"', "b/.okrlint.toml": 'extend = "../a/.okrlint.toml"'},
         "a loop"),
        ({"a/.okrlint.toml": 'extend = "missing.toml"'}, "no such file"),
        ({"a/.okrlint.toml": "extend = 3"}, "a path to another configuration file"),
        ({"a/.okrlint.toml": 'extend = "../b/.okrlint.toml"', "b/.okrlint.toml": 'selekt = ["kr-output"]'},
         "unknown key 'selekt'"),
    ],
    ids=["loop", "missing", "not-a-path", "bad-key-inherited"],
)
def test_a_broken_extend_is_one_line_naming_the_file(tmp_path: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        write(tmp_path / name, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_config_file(tmp_path / "a" / ".okrlint.toml")
    assert "\n" not in str(caught.value) and ".okrlint.toml" in str(caught.value)
