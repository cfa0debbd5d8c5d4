"""`python -m okrlint` is the okrlint command."""

from okrlint.cli import run

raise SystemExit(run())
