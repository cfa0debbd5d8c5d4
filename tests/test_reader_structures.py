"""The structures real OKR documents are written in, one test each, as the reader corpus found
them (tests/corpus/readers/). The examples are written for the test, in each structure's
shape: the corpus documents themselves are measured by scripts/reader_corpus.py and
tests/test_reader_corpus.py.
"""

from __future__ import annotations

import textwrap

from okrlint.model import Document, Statement
from okrlint.readers import read_text
from okrlint.readers.annotations import parse_line


def md(text: str, path: str = "goals.md") -> Document:
    return read_text(textwrap.dedent(text).lstrip("\n"), path)


def texts(stmts: list[Statement]) -> list[str]:
    return [s.text for s in stmts]


def objectives(doc: Document) -> list[str]:
    return [okr.objective.text for okr in doc.okrs if okr.objective is not None]


def key_results(doc: Document) -> list[list[str]]:
    return [texts(okr.key_results) for okr in doc.okrs]


# -- generic headings: the statement is elsewhere ------------------------------------------------
def test_generic_objective_heading_takes_the_paragraph_below() -> None:
    doc = md("""
    ### Objective 1

    Make onboarding effortless for new teams

    - Cut time to first report from 3 days to 1 day
    - Raise week-one activation from 40% to 60%
    """)
    assert objectives(doc) == ["Make onboarding effortless for new teams"]
    assert key_results(doc) == [
        ["Cut time to first report from 3 days to 1 day", "Raise week-one activation from 40% to 60%"]
    ]
    assert doc.okrs[0].objective is not None and doc.okrs[0].objective.line == 3


def test_numbered_objective_heading_with_a_dash_keeps_its_text() -> None:
    doc = md("""
    # Objective 1 - Become the default tool for small clinics

    - Grow paying clinics from 12 to 40
    """)
    assert objectives(doc) == ["Become the default tool for small clinics"]


# -- tables --------------------------------------------------------------------------------------
def test_table_with_the_label_in_the_first_column() -> None:
    doc = md("""
    ## Objective: Keep the service fast

    | | Key result | Owner |
    |---|---|---|
    | **KR 1** | Keep p95 latency under 300 ms | Ana |
    | **KR 2** | Cut timeouts from 2% to 0.5% | Li |
    """)
    assert key_results(doc) == [["Keep p95 latency under 300 ms", "Cut timeouts from 2% to 0.5%"]]


# -- indentation and code ------------------------------------------------------------------------
def test_bullets_indented_into_a_code_block_are_still_the_list() -> None:
    doc = md("""
    ## Objective: Ship a dependable mobile app

            - Reduce crash rate from 2% to 0.5%
            - Raise store rating from 3.9 to 4.5
    """)
    assert key_results(doc) == [["Reduce crash rate from 2% to 0.5%", "Raise store rating from 3.9 to 4.5"]]


def test_okrs_written_as_text_inside_a_fence() -> None:
    doc = md("""
    # Team OKRs

    ```
    Objective: Make billing self-service
    Key Results:
    1. Cut billing tickets from 120 to 40 a month
    2. Raise self-service plan changes from 30% to 80%
    ```
    """)
    assert objectives(doc) == ["Make billing self-service"]
    assert key_results(doc) == [
        ["Cut billing tickets from 120 to 40 a month", "Raise self-service plan changes from 30% to 80%"]
    ]


# -- labels --------------------------------------------------------------------------------------
def test_key_results_label_as_a_nested_item_opens_its_list() -> None:
    doc = md("""
    #### For the support team
    - Objective: Answer customers while they still care
      - Key Results:
        - Cut first response time from 9 hours to 2 hours
        - Raise satisfaction from 78% to 90%
    """)
    assert objectives(doc) == ["Answer customers while they still care"]
    assert key_results(doc) == [
        ["Cut first response time from 9 hours to 2 hours", "Raise satisfaction from 78% to 90%"]
    ]


def test_a_full_stop_ends_a_label_only_after_its_number() -> None:
    assert parse_line("O2. Win the mid-market").kind == "objective"
    assert parse_line("KR 3. Cut churn from 5% to 3%").kind == "key_result"
    defined = parse_line("Key Results. Measurable things.")
    assert defined.kind is None and defined.text == "Key Results. Measurable things."


def test_a_key_results_label_glued_to_the_word_before_it() -> None:
    text = "OKR objective:\nPublish a monthly newsletter\nOKRkey results:\nReach 2,000 subscribers\n"
    doc = read_text(text, "post.txt")
    assert objectives(doc) == ["Publish a monthly newsletter"]
    assert key_results(doc) == [["Reach 2,000 subscribers"]]


def test_a_run_of_lines_under_a_label_ends_where_the_lines_change_form() -> None:
    doc = read_text(
        "Objective:\nLaunch the partner programme\nKey results:\nSign 10 partners\nReach 15% of revenue via partners\n"
        "More examples follow later in this article.\nWhy partners matter\n",
        "okrs.txt",
    )
    assert key_results(doc) == [["Sign 10 partners", "Reach 15% of revenue via partners"]]


def test_a_long_bracketed_note_after_the_statement_is_a_tag() -> None:
    parsed = parse_line("Cut churn from 5% to 3% [shared with the support team].")
    assert parsed.text == "Cut churn from 5% to 3%."
    assert parsed.tags == ["shared with the support team"]


# -- prose ---------------------------------------------------------------------------------------
def test_a_sentence_that_names_the_key_results_of_a_measured_list() -> None:
    doc = md("""
    This quarter I will focus on my health. The key results I am going to work on are:

    - Run 3 times a week
    - Sleep 7 hours a night
    - Cook at home instead of ordering in
    """, "2026-q1.md")
    assert key_results(doc) == [["Run 3 times a week", "Sleep 7 hours a night", "Cook at home instead of ordering in"]]
    assert doc.okrs[0].objective is None


def test_a_sentence_naming_key_results_over_a_list_of_qualities_is_about_okrs() -> None:
    doc = md("""
    Good key results are:

    - Specific and measurable
    - Ambitious but achievable
    - Owned by one person
    """, "okr-guide.md")
    assert not doc.statements()


def test_a_label_followed_by_a_definition_is_a_glossary_entry() -> None:
    doc = md("""
    ## What are OKRs?

    - **Objective**: A clear and inspiring goal that says where you want to go.
    - **Key Results**: Measurable outcomes that show you got there.
    """, "okr-guide.md")
    assert not doc.statements()
    labelled = md("- Objective: A world-class onboarding experience\n  - Raise activation from 40% to 60%\n")
    assert objectives(labelled) == ["A world-class onboarding experience"]


def test_a_one_word_section_heading_is_not_an_objective_in_any_script() -> None:
    doc = md("""
    # OKR

    ## Принципы

    - **Прозрачность.** Цели доступны каждому.
    - **Гибкость.** Цели меняются вместе со средой.
    """, "okr.md")
    assert not objectives(doc)
