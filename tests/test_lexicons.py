"""Rule data that tells the truth: each word once per list, the lists that say the same thing
in two places (the lexicon and the direction table the anatomy reads) agree, and one
definition of "measurable" for every rule."""

from __future__ import annotations

from collections import Counter

from okrlint.nlp.directions import DIRECTION_LEMMAS
from okrlint.rulebook import load_lexicons


def _raw_lists() -> dict[str, list[str]]:
    import yaml

    from okrlint.rulebook import rules_dir

    data = yaml.safe_load((rules_dir() / "lexicons.yaml").read_text(encoding="utf-8"))
    return {name: words for name, words in data.items() if isinstance(words, list)}


def test_no_word_is_listed_twice_in_a_list() -> None:
    twice = {
        name: [w for w, n in Counter(str(w).lower() for w in words).items() if n > 1]
        for name, words in _raw_lists().items()
    }
    assert {name: words for name, words in twice.items() if words} == {}


def test_every_direction_verb_has_a_direction_unless_it_is_vague() -> None:
    # "Quadruple sign-ups" must move a metric up in the anatomy as in the classifier; only a
    # vague verb ("optimize") has no direction of its own (its numbers give it one)
    lex = load_lexicons()
    missing = sorted(set(lex["direction_verbs"]) - set(DIRECTION_LEMMAS) - set(lex["vague_verbs"]))
    assert missing == []


def test_one_definition_of_measurable_for_a_key_result_and_its_okr(nlp) -> None:
    from okrlint.api import lint_text

    doc = (
        "objectives:\n"
        "  - objective: Customers trust our status page\n"
        "    key_results:\n"
        "      - text: Incidents announced before customers report them\n"
        "        current: 40\n"
        "      - text: Status page subscribers\n"
        "        current: 1200\n"
    )
    names = {f.name for f in lint_text(doc, format="yaml").findings}
    # a current value is a measure: neither the key results nor their OKR are "not measurable"
    assert "kr-not-measurable" not in names and "okr-not-measurable" not in names
