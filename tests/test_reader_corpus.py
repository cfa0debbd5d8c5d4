"""The reader corpus (tests/corpus/readers/): its files are complete and the readers keep the
recall and precision they reached on it.

The figures are measured by scripts/reader_corpus.py, the same code `python
scripts/reader_corpus.py --split all` runs; the floors below are the level reached when the
reader work of issue 14 was closed, so that a change that loses statements on real documents
fails here, not in a user's repository.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
RECALL_FLOOR = 0.975
PRECISION_FLOOR = 0.985


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reader_corpus", ROOT / "scripts" / "reader_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["reader_corpus"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return _load_scorer()


@pytest.fixture(scope="module")
def outcomes(scorer: ModuleType) -> list:
    return scorer.measure(scorer.read_split())


def test_every_document_has_an_expected_extraction_with_its_origin(scorer: ModuleType) -> None:
    pairs = scorer.documents()
    assert len(pairs) >= 60
    assert len({doc.parent.name for doc, _ in pairs}) >= 45
    for doc, expected in pairs:
        data = yaml.safe_load(expected.read_text(encoding="utf-8"))
        source = data["source"]
        assert source.get("repo") or source.get("url"), doc
        assert source.get("license"), doc
        assert isinstance(data.get("okrs"), list), doc
    empty = [doc for doc, expected in pairs if not yaml.safe_load(expected.read_text(encoding="utf-8"))["okrs"]]
    assert len(empty) >= 10, "documents that talk about OKRs but hold none"


def test_every_source_has_its_fixed_split(scorer: ModuleType) -> None:
    splits = scorer.read_split()
    sources = {doc.parent.name for doc, _ in scorer.documents()}
    assert sources <= set(splits), sorted(sources - set(splits))
    assert set(splits.values()) <= set(scorer.SPLITS)


def test_the_manifest_lists_every_document(scorer: ModuleType) -> None:
    manifest = (scorer.CORPUS / "MANIFEST.md").read_text(encoding="utf-8")
    for doc, _ in scorer.documents():
        assert f"| {doc.relative_to(scorer.DOCUMENTS)} |" in manifest, doc


def test_no_document_fails_to_read(outcomes: list) -> None:
    assert [str(o.path) for o in outcomes if o.error] == []


def test_reader_recall_and_precision_hold(scorer: ModuleType, outcomes: list) -> None:
    recall, precision, detail = scorer.summary(outcomes)
    assert recall >= RECALL_FLOOR, f"reader recall {recall:.3f} < {RECALL_FLOOR} ({detail})"
    assert precision >= PRECISION_FLOOR, f"reader precision {precision:.3f} < {PRECISION_FLOOR} ({detail})"


def test_key_results_sit_under_their_objective(scorer: ModuleType, outcomes: list) -> None:
    children = sum(1 for o in outcomes for e, _ in o.matched if e.kind != "objective")
    right = sum(o.parents_right for o in outcomes)
    assert right / children >= 0.99
