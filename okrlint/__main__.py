"""`python -m okrlint` is the okrlint command."""

import os
import sys

# `python -m` puts the working directory first on the import path, and okrlint runs in
# checkouts it does not trust: a committed `yaml/` or `spacy/` folder would be imported in
# place of the installed package. okrlint itself was found already; drop the entry (as
# Python's -P option does) unless okrlint was imported from it.
if sys.path and os.path.realpath(sys.path[0] or ".") == os.path.realpath(os.getcwd()):
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    if here != os.path.realpath(os.getcwd()):
        del sys.path[0]

from okrlint.cli import run

run()
