"""The okrlint command: thin. Parses arguments, calls the library, picks the exit code.

Exit codes (DESIGN.md): 0 clean, 1 findings at or above the failing severity, 2 usage error
or unreadable input. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from okrlint import __version__
from okrlint.escape import say

if TYPE_CHECKING:
    from okrlint.rulebook import Rule

FORMATS = ("text", "concise", "json", "markdown", "html", "sarif", "junit", "github", "gitlab")  # report.FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a program killed by it


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"okrlint: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _score(value: str) -> float:
    try:
        score = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 <= score <= 100:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 100")
    return score


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="okrlint", description="Lint and score OKRs in goal documents.")
    parser.add_argument("--version", action="version", version=f"okrlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help="check goal documents (files or directories)")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument("--format", default="text", choices=FORMATS, help="output format (default: text)")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument(
        "--select", action="append", metavar="RULES", help="only these rules (codes or names, comma-separated)"
    )
    check.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules")
    check.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching for one")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run")
    check.add_argument(
        "--fail-under", type=_score, metavar="SCORE", help="fail when a document's score is under SCORE (0-100)"
    )
    check.add_argument(
        "--changed-since",
        metavar="GIT_REF",
        help="report only lines added or changed since GIT_REF (files git does not track count as new)",
    )
    check.add_argument(
        "--statistics", action="store_true", help="text report: add the findings per rule and each document's score"
    )
    check.add_argument("-q", "--quiet", action="store_true", help="text report: only the findings, no summary")
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when findings fail the run (2 still means an error)"
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="with PATH '-': the name of the document read from stdin (its format and configuration)",
    )
    check.add_argument(
        "--show-files", action="store_true", help="list the files a check of PATH would read, and exit"
    )
    check.add_argument(
        "--show-settings",
        action="store_true",
        help="print the settings the first of those files is checked with (configuration file, keys, rules), and exit",
    )
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the analysis cache")
    check.add_argument("--cache-dir", metavar="DIR", help="analysis cache directory (default: ./.okrlint_cache)")
    check.add_argument(
        "--model",
        metavar="NAME|PATH",
        help="spaCy pipeline: an installed package or a pipeline folder (a configuration file may only "
        "name an installed package)",
    )
    check.add_argument(
        "-j", "--jobs", type=_jobs, metavar="N", help="processes for the spaCy analysis (default: number of CPUs)"
    )

    sub.add_parser("rules", help="list the rules")
    clean = sub.add_parser("clean", help="remove the analysis cache")
    clean.add_argument("--cache-dir", metavar="DIR", help="the cache to remove (default: as for check)")
    clean.add_argument("--config", metavar="FILE", help="read cache-dir from this configuration file")
    explain = sub.add_parser("explain", help="explain a rule with its good and bad examples")
    explain.add_argument("rule", metavar="NAME|CODE")
    init = sub.add_parser("init", help="write a commented .okrlint.toml and a starter OKR file")
    init.add_argument("directory", nargs="?", default=".", metavar="DIR", help="where to write them (default: .)")
    test_rules = sub.add_parser("test-rules", help="run the good and bad examples of user rule packs")
    test_rules.add_argument("paths", nargs="+", metavar="PATH", help="a rule pack file, or a directory of them")
    schema = sub.add_parser("schema", help="print a JSON Schema: of the JSON report, or of the YAML/JSON input")
    schema.add_argument("which", choices=("report", "input"))
    return parser


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return jobs


def _cache_dir(args: argparse.Namespace) -> Path | None:
    """--cache-dir, else cache-dir of --config or of the configuration found from here."""
    from okrlint.cache import default_cache_dir
    from okrlint.config import find_config, load_config_file

    if getattr(args, "no_cache", False):
        return None
    if args.cache_dir:
        return Path(args.cache_dir)
    config = load_config_file(Path(args.config)) if args.config else find_config(os.getcwd())
    return default_cache_dir(config)


def cmd_clean(args: argparse.Namespace) -> int:
    from okrlint.cache import clean

    path = _cache_dir(args)
    assert path is not None
    cleaned = clean(path)
    if cleaned is None:
        print(f"no cache at {path}")
    elif cleaned.gone:
        print(f"removed {path}")
    else:
        shown = ", ".join(cleaned.left[:5]) + (f" and {len(cleaned.left) - 5} more" if len(cleaned.left) > 5 else "")
        print(f"removed {cleaned.removed} cache entries from {path}")
        print(
            f"okrlint: left {path} in place: it holds {len(cleaned.left)} entries okrlint did not create ({shown})",
            file=sys.stderr,
        )
    return EXIT_CLEAN


# Seconds a run goes on before its progress bar appears (OKRLINT_PROGRESS_DELAY overrides it).
PROGRESS_DELAY = 2.0
_HUMAN_FORMATS = ("text", "markdown", "html")


class _ProgressBar:
    """Statements checked so far, on stderr, for a person waiting at a terminal: shown only
    once a run has taken PROGRESS_DELAY seconds, cleared before the report is written. tqdm
    draws it: spaCy depends on it already, it needs nothing else, and it knows terminal widths,
    rates and how to clear its line."""

    def __init__(self, delay: float) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            total=None, file=sys.stderr, delay=delay, desc="okrlint", unit=" statements", leave=False,
            dynamic_ncols=True, mininterval=0.2,
        )

    def show(self, done: int, total: int) -> None:
        if self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        self.bar.close()  # a second close does nothing (tqdm's own)


def _progress_bar(args: argparse.Namespace) -> _ProgressBar | None:
    """A progress bar when a person is watching: stderr a terminal, a report for people (never
    in a machine format, whose reader is a program), and not --quiet."""
    if args.quiet or args.format not in _HUMAN_FORMATS or not sys.stderr.isatty():
        return None
    try:
        delay = float(os.environ.get("OKRLINT_PROGRESS_DELAY", PROGRESS_DELAY))
    except ValueError:
        delay = PROGRESS_DELAY
    return _ProgressBar(max(0.0, delay))


def cmd_check(args: argparse.Namespace) -> int:
    from okrlint.config import Config, load_config_file

    config: Config | None = load_config_file(Path(args.config)) if args.config else None
    select, ignore = _split(args.select), _split(args.ignore)
    if args.show_files or args.show_settings:
        return _show(args, config, select, ignore)
    from okrlint.parallel import default_jobs

    cache_dir = _cache_dir(args)
    if cache_dir is not None:
        from okrlint.cache import cache_dir_problem

        problem = cache_dir_problem(cache_dir)
        if problem:
            print(f"okrlint: warning: {problem}; running without the cache", file=sys.stderr)
            cache_dir = None
    options: dict[str, Any] = {
        "cache_dir": cache_dir,
        "jobs": args.jobs or default_jobs(),
        "tokens": False,  # reports leave the token lists out; dropping them keeps memory flat
        "model": args.model,
    }
    _broken_pack_rules()  # from an earlier run in this process
    bar = _progress_bar(args)
    if bar is not None:
        options["progress"] = bar.show
    try:
        return _check_and_report(args, config, select, ignore, options, bar)
    finally:
        if bar is not None:
            bar.close()


def _check_and_report(
    args: argparse.Namespace, config: Any, select: list[str] | None, ignore: list[str] | None,
    options: dict[str, Any], bar: _ProgressBar | None,
) -> int:
    from okrlint.api import lint_paths
    from okrlint.config import find_config
    from okrlint.model import SEVERITY_RANK
    from okrlint.report import write as write_report
    from okrlint.sources import is_input

    if args.paths == ["-"]:
        result = _lint_stdin(args, config, select, ignore)
    elif "-" in args.paths:
        print("okrlint: '-' (stdin) cannot be checked together with other paths", file=sys.stderr)
        return EXIT_ERROR
    elif args.changed_since:
        from okrlint.gitdiff import lint_changed

        result = lint_changed(args.paths, args.changed_since, config=config, select=select, ignore=ignore, **options)
    else:
        result = lint_paths(args.paths, config=config, select=select, ignore=ignore, **options)
        if not result.files:  # as ESLint does: a run that checks nothing is a mistake, not a pass
            print(
                f"okrlint: no goal documents found in {', '.join(args.paths)} (files named *.okr.md, okrs.yaml, "
                "... or with 'okr' or 'objectives' in their path; add others with `include`)",
                file=sys.stderr,
            )
            return EXIT_ERROR
    if bar is not None:
        bar.close()  # its line cleared before the report is written
    if args.output and is_input(args.output, [file.path for file in result.files]):
        print(f"okrlint: -o {args.output}: is one of the files being checked; not overwritten", file=sys.stderr)
        return EXIT_ERROR
    if args.output:
        shape = {"statistics": args.statistics, "quiet": args.quiet}
        _write_report_file(args.output, lambda fh: write_report(result, args.format, fh, **shape))
    else:
        write_report(result, args.format, sys.stdout, sys.stdout, statistics=args.statistics, quiet=args.quiet)
    # one line on stderr per unreadable file, except where a person reading the terminal has
    # just seen it in the text report (a program reading stderr always gets it)
    said = args.format == "text" and not args.output and sys.stdout.isatty() and sys.stderr.isatty()
    for file in result.files:
        if file.error and not said:
            say(f"okrlint: {file.path}: {file.error}", file=sys.stderr)
    incomplete = _broken_pack_rules()
    for problem in incomplete:
        say(f"okrlint: {problem}", file=sys.stderr)
    if result.errors or incomplete:
        return EXIT_ERROR
    failed = False
    for file in result.files:
        # each file fails on its own configuration's fail-on and fail-under (the flags override them all)
        cfg = config or find_config(os.path.dirname(os.path.abspath(file.path)))
        threshold = SEVERITY_RANK[args.fail_on or cfg.fail_on]
        if any(SEVERITY_RANK[f.severity] >= threshold for f in file.findings):
            failed = True
        floor = args.fail_under if args.fail_under is not None else cfg.fail_under
        if floor is not None and file.score is not None and file.score < floor:
            print(f"okrlint: {file.path}: score {file.score:g} is under {floor:g} (fail-under)", file=sys.stderr)
            failed = True
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_CLEAN


def _show(args: argparse.Namespace, config: Any, select: list[str] | None, ignore: list[str] | None) -> int:
    """--show-files: the files a check would read, in its order; --show-settings: the
    configuration the first of them is checked with, as ruff's options of the same names."""
    import json

    from okrlint.api import choose_rules
    from okrlint.config import find_config
    from okrlint.sources import discover

    entries = discover(args.paths, config)
    files = [entry for entry in entries if isinstance(entry, str)]
    for entry in entries:
        if not isinstance(entry, str):
            say(f"okrlint: {entry[0]}: {entry[1]}", file=sys.stderr)
    status = EXIT_ERROR if len(files) < len(entries) else EXIT_CLEAN  # as the check would
    if args.show_files:
        for path in files:
            say(path)
        return status
    if not files:
        say(f"okrlint: no goal documents found in {', '.join(args.paths)}", file=sys.stderr)
        return EXIT_ERROR
    first = files[0]
    cfg = choose_rules(config or find_config(os.path.dirname(os.path.abspath(first))), select, ignore)
    say(f"Settings for: {first}")
    say(f"Configuration: {cfg.source or '(none found: the defaults)'}")
    for key, value in cfg.model_dump(by_alias=True, exclude={"source"}).items():
        say(f"{key} = {'(not set)' if value is None else json.dumps(value)}")
    say("Rules: " + ", ".join(f"{rule.code} {rule.name}" for rule in cfg.enabled_rules(first)))
    return status


def _broken_pack_rules() -> list[str]:
    """Pack rules whose REGEX ran too long since the last call (okrlint.packs is imported only
    by a run that loads packs)."""
    packs = sys.modules.get("okrlint.packs")
    return packs.broken_rules(clear=True) if packs else []


def _lint_stdin(args: argparse.Namespace, config: Any, select: list[str] | None, ignore: list[str] | None) -> Any:
    """The document on stdin, as editors and other tools hand it over: named by --stdin-filename
    (its format, and the configuration found from its folder), else '-'."""
    from okrlint.api import choose_rules, lint_text, lint_workbook
    from okrlint.config import find_config
    from okrlint.model import FileResult, LintResult
    from okrlint.readers.base import ReadError
    from okrlint.sources import from_bytes

    name = args.stdin_filename or "-"
    folder = os.path.dirname(os.path.abspath(name)) if args.stdin_filename else os.getcwd()
    cfg = choose_rules(config or find_config(folder), select, ignore)
    if args.model:
        cfg = cfg.model_copy(update={"model": args.model})
    src = from_bytes(sys.stdin.buffer.read(cfg.max_file_size + 1), name, cfg.max_file_size)  # as a file is read
    if src.error or (src.text is None and src.data is None):
        return LintResult(files=[FileResult(path=name, error=src.error)])
    try:
        if src.data is not None:
            return lint_workbook(src.data, path=name, config=cfg)
        return lint_text(src.text or "", path=name, config=cfg)
    except ReadError as exc:
        where = f"line {exc.line}: " if exc.line else ""
        return LintResult(files=[FileResult(path=name, error=f"{where}{exc}")])


def _write_report_file(path: str, write: Any) -> None:
    """Write a report whole or not at all: into a temporary file beside it, renamed over it
    at the end. A symbolic link committed under the report's name is replaced, never written
    through (pass the link's target to write there)."""
    import io

    from okrlint.cache import replacing

    folder = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY | os.O_DIRECTORY)
    try:
        with replacing(os.path.basename(path), dir_fd=folder) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            write(text)
            text.flush()
            text.detach()
    finally:
        os.close(folder)


def _all_rules() -> tuple[Rule, ...]:
    """The built-in rules plus the user packs of the configuration found from here."""
    from okrlint.config import find_config

    return find_config(os.getcwd()).all_rules()


def cmd_init(directory: str) -> int:
    from okrlint.init import InitError, init

    try:
        written = init(Path(directory))
    except InitError as exc:
        say(f"okrlint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    for path in written:
        print(f"wrote {path}")
    print(f"next: edit {written[-1]}, then run `okrlint check {directory}`")
    return EXIT_CLEAN


def cmd_test_rules(paths: list[str]) -> int:
    from okrlint.packs import run_pack_examples

    return EXIT_CLEAN if run_pack_examples([Path(p) for p in paths], sys.stdout) else EXIT_FINDINGS


def cmd_schema(which: str) -> int:
    import json

    if which == "report":
        from okrlint.report.model import Report

        schema = Report.model_json_schema()
    else:
        from okrlint.schema import input_schema  # the YAML/JSON input format

        schema = input_schema()
    schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
    print(json.dumps(schema, indent=2))
    return EXIT_CLEAN


def cmd_rules() -> int:
    for rule in _all_rules():
        say(f"{rule.code}  {rule.name:32} {rule.severity:8} {rule.summary}")
    return EXIT_CLEAN


def cmd_explain(key: str) -> int:
    from okrlint.rulebook import find_rule

    rules = _all_rules()
    rule = find_rule(key, rules)
    if rule is None:
        from difflib import get_close_matches

        names = sorted({r.name for r in rules} | {r.code.lower() for r in rules})
        close = get_close_matches(key.lower(), names, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        say(f"okrlint: unknown rule {key!r}{hint}; `okrlint rules` lists them", file=sys.stderr)
        return EXIT_ERROR
    say(f"{rule.code} {rule.name} ({rule.severity}, applies to {', '.join(rule.applies_to)})\n")
    say(rule.summary + "\n")
    if rule.rationale:
        say("Why it matters\n" + rule.rationale.rstrip() + "\n")
    if rule.source:
        say("Source: " + rule.source + "\n")
    if rule.suggestion:
        say("What to do instead\n" + rule.suggestion + "\n")
    for label, examples in (("Bad", rule.examples.bad), ("Good", rule.examples.good)):
        if examples:
            say(f"{label} examples")
            for ex in examples:
                line = ex.document.strip().replace("\n", "\n      ") if ex.document else ex.text
                better = f"\n      better: {ex.good_form}" if ex.good_form else ""
                say(
                    f"  - ({ex.kind.replace('_', ' ')}) {line}{better}"
                    if not ex.document
                    else f"  - {ex.text}:\n      {line}"
                )
            say()
    if rule.parameters:
        say("Options: " + ", ".join(f"{k} = {v!r}" for k, v in rule.parameters.items()))
    if rule.lexicons:
        say("Word lists: " + ", ".join(rule.lexicons) + " (rules/lexicons.yaml; extend with [tool.okrlint.lexicons])")
    return EXIT_CLEAN


# The exceptions whose message is the whole story for a user (a one-line error, exit 2), by
# module. An exception can only come from a module that was imported, so main() looks them up
# only when one is raised, and a run imports no module (gitdiff's subprocess, say) just to catch.
_USER_ERRORS = {
    "okrlint.cache": "CacheError",
    "okrlint.config": "ConfigError",
    "okrlint.gitdiff": "GitError",
    "okrlint.nlp.pipeline": "ModelError",
    "okrlint.readers.base": "ReadError",
    "okrlint.rulebook": "RuleError",
}


def _is_user_error(exc: BaseException) -> bool:
    return any(
        isinstance(exc, getattr(sys.modules[module], name))
        for module, name in _USER_ERRORS.items()
        if module in sys.modules
    )


def _tune_gc() -> None:
    """A check allocates millions of small objects that live until the report is written
    (tokens, statements, findings), and the cyclic collector, run every 700 allocations,
    would walk them again and again (benchmarks/README.md, "Why the code is shaped so"). As
    mypy does in its main, collect far less often; and leave the objects made at start-up
    (imported modules) out of every collection. Only the okrlint program does this (run, not
    main): a program that imports okrlint keeps its own settings."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "rules":
            return cmd_rules()
        if args.command == "clean":
            return cmd_clean(args)
        if args.command == "explain":
            return cmd_explain(args.rule)
        if args.command == "init":
            return cmd_init(args.directory)
        if args.command == "test-rules":
            return cmd_test_rules(args.paths)
        if args.command == "schema":
            return cmd_schema(args.which)
        parser.print_help()
        return EXIT_ERROR
    except BrokenPipeError:
        # the reader went away (`okrlint check . | head`): nothing to say, and nowhere to say it
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"okrlint: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if not _is_user_error(exc):
            raise
        say(f"okrlint: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _leave(code: int) -> NoReturn:
    """End the process without taking its heap apart. After a check the interpreter would free
    every statement, token and finding one by one at exit, work nobody waits for once the
    report is out. As mypy does, flush the
    standard streams and leave with os._exit. Nothing okrlint needs runs at exit: reports and
    cache entries are closed files by now, and --jobs workers were joined (parallel.stop)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that went away (`| head`), a closed stream
            stream.flush()
    os._exit(code)


def _stoppable_main() -> int:
    """main() on sys.argv, stopped by SIGINT, SIGTERM and SIGHUP as by Ctrl-C: a
    KeyboardInterrupt in the main thread, so that the run unwinds (a report half written is
    removed, never left as the report; --jobs workers are killed) and ends at once. Their
    default action would end this process on the spot and leave the workers to finish on
    their own. Returns main's status, or 128 + the number of the signal that stopped it.

    A signal ignored by whoever started the program (nohup's SIGHUP, SIGINT of a background
    job) stays ignored. Signals after the first do not cut short the unwinding it started."""
    import signal

    received: list[int] = []
    running = True

    def stop(signum: int, frame: Any) -> None:
        received.append(signum)
        if not running:  # main is done: drop what is left of its output (its reader may read no more)
            os._exit(128 + received[0])
        if len(received) == 1:
            raise KeyboardInterrupt(signum)

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, stop)
    try:
        code = main()
    except KeyboardInterrupt:  # one raised before main's try, or while main handled one
        code = 130
    finally:
        running = False
    return 128 + received[0] if received else code


def run() -> NoReturn:
    """The okrlint program (console script and `python -m okrlint`): main() on sys.argv, in a
    process tuned for one run. An error that escapes main (a bug) leaves the usual way, with
    its traceback.

    A run stopped by SIGINT, SIGTERM or SIGHUP exits, after its cleanup, with 128 + the
    signal's number (130, 143, 129): the status a shell reports for a process a signal
    ended."""
    _tune_gc()
    _leave(_stoppable_main())
