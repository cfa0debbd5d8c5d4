"""Configuration: `[tool.okrlint]` in pyproject.toml or a `.okrlint.toml`, found by walking up.

Keys are written with dashes in TOML (`extend-select`, `per-file-ignores`) as in ruff; an
unknown key or a wrong type is an error that names the key and the file it was set in.
"""

from __future__ import annotations

import difflib
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from okrlint.files import FileProblem, read_regular
from okrlint.model import Severity
from okrlint.rulebook import Rule, find_rule, load_rules

CONFIG_FILES = (".okrlint.toml", "okrlint.toml", "pyproject.toml")
DEFAULT_INCLUDE = (
    "*.okr.md",
    "*.okr.yaml",
    "*.okr.yml",
    "*.okr.json",
    "*.okr.txt",
    "OKRs.md",
    "okrs.md",
    "OKRS.md",
    "okrs.yaml",
    "okrs.yml",
    "OKRs.yaml",
    "okrs.txt",
    "OKRs.txt",
)


class ConfigError(Exception):
    """Configuration that cannot be used; the message names the key and where it was set."""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=lambda s: s.replace("_", "-"))

    select: list[str] | None = None
    ignore: list[str] = []
    extend_select: list[str] = []
    per_file_ignores: dict[str, list[str]] = {}
    rules: dict[str, dict[str, Any]] = {}
    lexicons: dict[str, list[str]] = {}
    model: str = "auto"
    include: list[str] = []
    exclude: list[str] = []
    fail_on: Severity = "warning"
    max_file_size: int = Field(default=10 * 1024 * 1024, ge=1, le=1 << 30, strict=True)
    max_statement_length: int = Field(default=2000, ge=1, strict=True)
    cache_dir: str | None = None  # analysis cache; relative to this file; default ./.okrlint_cache
    fail_under: float | None = Field(default=None, ge=0, le=100)
    extend_rules: list[str] = []
    extend: str | None = None  # the configuration file this one inherits from (read by load_config_file)
    source: str | None = Field(default=None, exclude=True)  # the file it came from

    def check_rules(self) -> None:
        """Every rule named anywhere must exist."""
        rules = self.all_rules()
        named = [("select", k) for k in self.select or []] + [("ignore", k) for k in self.ignore]
        named += [("extend-select", k) for k in self.extend_select]
        named += [(f"per-file-ignores.{pat}", k) for pat, keys in self.per_file_ignores.items() for k in keys]
        named += [("rules", k) for k in self.rules]
        for key, value in named:
            if value.upper() == "ALL" or (key != "rules" and any(r.code.startswith(value.upper()) for r in rules)):
                continue  # "OKR3" selects OKR301-OKR303, as ruff's prefixes do
            if find_rule(value, rules) is None:
                close = difflib.get_close_matches(value, [r.name for r in rules] + [r.code for r in rules], n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ConfigError(f"{self.where}: unknown rule {value!r} in {key}{hint}")
        from okrlint.rulebook import load_lexicons

        lexicons = load_lexicons()
        for key in self.lexicons:
            name = key.replace("-", "_").removeprefix("extend_")
            if name not in lexicons:
                close = difflib.get_close_matches(name, list(lexicons), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ConfigError(f"{self.where}: unknown word list {key!r} in lexicons{hint}")
        for name, override in self.rules.items():
            rule = find_rule(name, rules)
            assert rule is not None
            for option, value in override.items():
                self._check_option(rule, option, value)

    def _check_option(self, rule: Rule, option: str, value: Any) -> None:
        """A rule option must exist and have its default's type; severity must be a severity."""
        where = f"{self.where}: rules.{rule.name}.{option}"
        key = option.replace("-", "_")
        if key == "severity":
            if value not in ("error", "warning", "info"):
                raise ConfigError(f"{where}: severity must be error, warning or info, not {value!r}")
            return
        if key not in rule.parameters:
            known = ", ".join(["severity", *rule.parameters]) or "severity"
            raise ConfigError(f"{where}: unknown option (options of {rule.name}: {known})")
        default = rule.parameters[key]
        number = isinstance(default, int | float) and not isinstance(default, bool)
        if number and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ConfigError(f"{where}: must be a number, not {type(value).__name__} {value!r}")
        if isinstance(default, list) and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{where}: must be a list of strings")

    @property
    def where(self) -> str:
        return self.source or "configuration"

    def pack_paths(self) -> list[Path]:
        """extend-rules entries, relative to the configuration file (or the working directory)."""
        base = Path(self.source).parent if self.source else Path.cwd()
        return [base / Path(entry).expanduser() for entry in self.extend_rules]

    def all_rules(self) -> tuple[Rule, ...]:
        """The built-in rules plus the rules of the packs named in extend-rules."""
        if not self.extend_rules:
            return load_rules()
        from okrlint.packs import load_packs

        for entry, path in zip(self.extend_rules, self.pack_paths(), strict=True):
            if not path.exists():
                raise ConfigError(f"{self.where}: extend-rules: {entry!r}: no such file or directory ({path})")
        return load_rules() + load_packs(self.pack_paths())

    def enabled_rules(self, path: str | None = None) -> list[Rule]:
        """select / extend-select / ignore / per-file-ignores applied to all rules."""
        rules = self.all_rules()

        def matches(rule: Rule, keys: list[str]) -> bool:
            return any(
                k.upper() == "ALL" or find_rule(k, (rule,)) is not None or rule.code.startswith(k.upper()) for k in keys
            )

        chosen = [r for r in rules if self.select is None or matches(r, self.select)]
        picked = {id(r) for r in chosen}  # by identity: comparing pydantic models field by field is slow
        chosen += [r for r in rules if id(r) not in picked and matches(r, self.extend_select)]
        ignored = list(self.ignore)
        if path is not None:
            for pattern, keys in self.per_file_ignores.items():
                if _path_matches(path, pattern):
                    ignored += keys
        return [r for r in chosen if not matches(r, ignored)]

    def params(self, rule: Rule) -> dict[str, Any]:
        params = dict(rule.parameters)
        for key, override in self.rules.items():
            if find_rule(key, (rule,)) is not None:
                params.update({k.replace("-", "_"): v for k, v in override.items()})
        return params

    def severity(self, rule: Rule) -> Severity:
        severity: Severity = self.params(rule).get("severity", rule.severity)
        return severity

    def lexicon_lists(self) -> dict[str, frozenset[str]]:
        # the engine asks once per document; the answer depends only on `lexicons`
        return dict(_lexicon_lists(tuple((key, tuple(words)) for key, words in self.lexicons.items())))


@lru_cache(maxsize=64)
def _lexicon_lists(configured: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, frozenset[str]]:
    """The packaged word lists with a configuration's `lexicons` applied."""
    from okrlint.rulebook import load_lexicons

    lists = {name: set(words) for name, words in load_lexicons().items()}
    for key, words in configured:
        name = key.replace("-", "_")
        if name.startswith("extend_"):
            lists.setdefault(name[len("extend_") :], set()).update(w.lower() for w in words)
        else:
            lists[name] = {w.lower() for w in words}
    return {name: frozenset(words) for name, words in lists.items()}


def _path_matches(path: str, pattern: str) -> bool:
    p = Path(path)
    return p.match(pattern) or any(part == pattern.strip("/") for part in p.parts) or Path(p.name).match(pattern)


# Configuration is a few hundred bytes; the bound keeps a hostile one from filling memory.
MAX_CONFIG_BYTES = 1 << 20


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = read_regular(path, MAX_CONFIG_BYTES)
    except FileProblem as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}); TOML files are UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise ConfigError(f"{path}: invalid TOML: {str(exc).split(';')[0]}") from None


# How many configurations one may inherit through `extend` (a chain, not a loop).
MAX_EXTEND_DEPTH = 10
# Settings that name files, resolved against the configuration that sets them.
_PATH_KEYS = ("cache-dir", "cache_dir")


def _settings(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("okrlint", {})
    elif "tool" in data and "okrlint" in data.get("tool", {}):
        data = data["tool"]["okrlint"]
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.okrlint] is not a table")
    return dict(data)


def _with_extended(path: Path, chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """A configuration's settings over those of the one it names in `extend` (and so on up the
    chain), as ruff's `extend`: each setting given here replaces the inherited one whole."""
    data = _settings(path)
    parent = data.get("extend")
    if parent is None:
        return data
    if not isinstance(parent, str) or not parent:
        raise ConfigError(f"{path}: extend: a path to another configuration file")
    base = (path.parent / Path(parent).expanduser()).resolve()
    here = (*chain, path.resolve())
    if base in here:
        raise ConfigError(f"{path}: extend: {parent!r} extends this configuration again (a loop)")
    if len(here) > MAX_EXTEND_DEPTH:
        raise ConfigError(f"{path}: extend: more than {MAX_EXTEND_DEPTH} configurations in a chain")
    if not base.exists():
        raise ConfigError(f"{path}: extend: {parent!r}: no such file ({base})")
    inherited = _with_extended(base, here)
    for key in _PATH_KEYS:  # a path the parent sets stays relative to the parent
        if isinstance(inherited.get(key), str) and not Path(inherited[key]).expanduser().is_absolute():
            inherited[key] = str(base.parent / inherited[key])
    for key in ("extend-rules", "extend_rules"):
        if isinstance(inherited.get(key), list):
            inherited[key] = [str(base.parent / Path(e).expanduser()) if isinstance(e, str) else e
                              for e in inherited[key]]
    return {**inherited, **data}


def load_config_file(path: Path) -> Config:
    data = _with_extended(path)
    try:
        config = Config.model_validate({**data})
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top)"
        if err["type"] == "extra_forbidden":
            known = [f.alias or n for n, f in Config.model_fields.items() if n != "source"]
            close = difflib.get_close_matches(str(err["loc"][0]), known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{path}: unknown key {key!r}{hint}") from None
        raise ConfigError(f"{path}: {key}: {err['msg']}") from None
    config.source = str(path)
    from okrlint.nlp.pipeline import untrusted_model_problem

    problem = untrusted_model_problem(config.model)
    if problem:
        raise ConfigError(f"{path}: {problem}")
    config.check_rules()
    return config


def find_config(directory: str) -> Config:
    """The nearest config walking up from a directory; pyproject.toml counts only with [tool.okrlint]."""
    return _find_config(str(Path(directory).resolve()))


@lru_cache(maxsize=256)
def _find_config(directory: str) -> Config:
    here = Path(directory)
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.exists():  # then read as a regular file, or refused with the reason
                continue
            if name == "pyproject.toml" and "okrlint" not in _read_toml(candidate).get("tool", {}):
                continue
            return load_config_file(candidate)
    return Config()


def clear_config_cache() -> None:
    """Forget configurations found so far (for long-running processes and tests)."""
    _find_config.cache_clear()
