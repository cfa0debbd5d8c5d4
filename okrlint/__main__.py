"""`python -m okrlint` is the okrlint command."""

from okrlint.cli import run

run()
