"""The structures real OKR documents are written in, one test each, as the reader corpus found
them (tests/corpus/readers/). The examples are written for the test, in each structure's
shape: the corpus documents themselves are measured by scripts/reader_corpus.py and
tests/test_reader_corpus.py.
"""

from __future__ import annotations

from reading import key_results, md, objectives, texts

from okrlint.readers import read_text
from okrlint.readers.annotations import parse_line


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


# -- sections and their consistency ---------------------------------------------------------------
def test_a_section_without_labels_is_read_by_pattern_beside_a_labelled_one() -> None:
    doc = md("""
    # OKRs

    ## Q4

    #### Objective: Grow the community

    - Reach 300 members

    ## Q3

    **Grow the community**

    - Reach 200 members

    **Raise money**

    - Secure $50k in pledges
    """, "okrs.md")
    assert objectives(doc) == ["Grow the community", "Grow the community", "Raise money"]
    assert key_results(doc) == [["Reach 300 members"], ["Reach 200 members"], ["Secure $50k in pledges"]]


def test_sibling_headings_share_their_role() -> None:
    doc = md("""
    # OKRs

    ### Launch the beta
    - Onboard 20 pilot teams
    - Keep weekly retention above 60%

    ### Gather collaborators
    - Talk with people who might help with:
      - reviewing designs
      - testing flows
    - Publish a landing page
      - with a sign-up form
    """, "okrs.md")
    assert objectives(doc) == ["Launch the beta", "Gather collaborators"]
    assert key_results(doc)[1] == ["Talk with people who might help with", "Publish a landing page"]


def test_a_heading_naming_okrs_over_a_measured_list_in_meeting_notes() -> None:
    doc = md("""
    # Agenda

    ## Community 2026-Q1 OKRs
    - Reach 500 GitHub stars (currently 400);
    - Publish 12 tutorials;

    ## Events
    - Talk at 3 meetups;
    - Host 2 workshops;

    ## Website
    - Move 4 pages to the new theme;
    """, "2026-01-12-meeting.md")
    assert [okr.objective for okr in doc.okrs] == [None]
    assert key_results(doc) == [["Reach 500 GitHub stars (currently 400)", "Publish 12 tutorials"]]


def test_field_headings_under_an_objective_keep_its_key_results() -> None:
    doc = md("""
    ## Grow assessment revenue
    ### Team
    Assessments

    ### Key Results
    - $3.1 million in new revenue (target: 3100000.0)
    """, "okrs.md")
    assert objectives(doc) == ["Grow assessment revenue"]
    (kr,) = doc.okrs[0].key_results
    assert kr.text == "$3.1 million in new revenue" and kr.target == 3100000.0


def test_a_goal_heading_under_a_key_result_is_its_aim_not_an_objective() -> None:
    doc = md("""
    ## Objective

    Predict visitor spending well enough to plan marketing.

    ### Key Result 1: Accurate model

    #### Goal: Beat the mean baseline's error by 15%

    Status: done
    """, "okrs.md")
    assert objectives(doc) == ["Predict visitor spending well enough to plan marketing."]
    (kr,) = doc.okrs[0].key_results
    assert kr.text == "Accurate model" and kr.target == "Beat the mean baseline's error by 15%"


def test_an_italic_section_label_opens_its_list() -> None:
    doc = md("""
    #### Objective: Launch the new website

    _Key results:_

    - Render every page from the content repo on https://example.org
    - Be able to show the site to someone and have them tell us:
      - what the project is
    """)
    assert key_results(doc) == [[
        "Render every page from the content repo on https://example.org",
        "Be able to show the site to someone and have them tell us",
    ]]


def test_a_bold_title_line_is_apart_from_the_note_below_it() -> None:
    doc = md("""
    ## Objective: Invest in myself

    **Key Result: Read 12 books**
    I read 9 last year and want a little more.
    """)
    assert key_results(doc) == [["Read 12 books"]]


def test_a_bold_label_of_another_kind_keeps_its_list_apart() -> None:
    doc = md("""
    ## Objective

    Redesign the personal site to show the portfolio well.

    **Constraints:**
    - No stock photos
    - Clean, modern look

    ## Key Results

    ### KR 1.1: Portfolio page published with 6 projects
    """, "okrs.md")
    assert key_results(doc) == [["Portfolio page published with 6 projects"]]


def test_a_guide_titled_as_one_does_not_read_its_steps_as_okrs() -> None:
    doc = md("""
    # Create Your OKRs

    ## Hold the quarterly meeting

    - The team lead drafts the OKRs for the team
      - This takes up to a full day of work
    - Each team member drafts personal OKRs
      - Then meets 1:1 with the team lead

    ## Example

    - **Objective 1**: Become the most popular course in town
        - **Key Result 1 for Objective 1**: Double sign-ups from 50 to 100 per cohort.
    """, "03-create-your-okrs.md")
    assert objectives(doc) == ["Become the most popular course in town"]
    assert key_results(doc) == [["Double sign-ups from 50 to 100 per cohort."]]


# -- HTML, requests and structured files --------------------------------------------------------
def test_text_in_html_summary_lines_is_read() -> None:
    doc = md("""
    ## Objective 1: Improve Go skills

    <details>
    <summary> Key Result 1: Contribute 3 pull requests to Go projects </summary>
    </details>
    <!-- Key Result 2: a comment is not read -->
    """)
    assert key_results(doc) == [["Contribute 3 pull requests to Go projects"]]
    assert doc.okrs[0].key_results[0].line == 4


def test_okrs_in_the_json_body_of_a_request_example() -> None:
    doc = md("""
    # API

    ```bash
    curl -X POST https://example.org/api/objectives \\
      -d '{
        "title": "Improve user experience",
        "keyResults": [{"title": "Cut page load time by 50%"}]
      }'
    ```
    """, "API.md")
    assert objectives(doc) == ["Improve user experience"]
    assert key_results(doc) == [["Cut page load time by 50%"]]


def test_an_okr_set_held_as_text_in_one_json_string() -> None:
    okr = "O1: Lead our market\\nKR1: Rank first in 3 regions\\nKR2: Keep returns under 10%"
    text = '{"data": [{"period": "2026-Q1", "okr": "' + okr + '"}]}\n'
    doc = read_text(text, "okr.json")
    assert objectives(doc) == ["Lead our market"]
    assert key_results(doc) == [["Rank first in 3 regions", "Keep returns under 10%"]]
    assert {s.line for s in doc.statements()} == {1}


def test_entries_a_tool_creates_empty_are_placeholders() -> None:
    text = '{"units": [{"name": "Ops", "objectives": [{"text": "New objective", "krs": [{"desc": "Key result"}]}]}]}\n'
    doc = read_text(text, "okrs.json")
    assert not doc.statements()
    assert [n.code for n in doc.notes] == ["no-okrs-found"]


# -- more that the corpus showed --------------------------------------------------------------
def test_a_score_out_of_ten_after_an_objective_is_progress() -> None:
    parsed = parse_line("Alpha release of the chess game (7/10)")
    assert parsed.text == "Alpha release of the chess game" and parsed.progress == "7/10"
    assert parse_line("Answer the support line (24/7)").text == "Answer the support line (24/7)"


def test_objectives_without_key_results_after_one_with_them() -> None:
    doc = md("""
    # Objectives and Key Results

    ### Q2
    Finish the alpha release
    - 2 developers get interested
    - 10 community contributions

    Alpha release of the SDK

    Better developer tools
    """, "OKRs.md")
    assert objectives(doc) == ["Finish the alpha release", "Alpha release of the SDK", "Better developer tools"]


def test_qualified_labels_and_example_groups() -> None:
    doc = md("""
    # Example OKRs

    ## Sales Examples

    ### Example 1

    **Annual Objective:** Build a profitable company

    **Annual Key Result:** Increase ARR from $12m to $24m

    **Initiative:** Write new sales playbooks
    """)
    assert objectives(doc) == ["Build a profitable company"]
    assert key_results(doc) == [["Increase ARR from $12m to $24m"]]
    assert texts(doc.okrs[0].initiatives) == ["Write new sales playbooks"]


def test_italic_items_under_a_key_result_table_are_notes() -> None:
    doc = md("""
    ## Objective: Chapter leaders can run local events

    | Key Result | Owner |
    |---|---|
    | Event leadership model is released | @ana |

    _This may include:_
    - _replacing chapter listings with event listings_
    - _building tools for submitting events_
    """)
    assert key_results(doc) == [["Event leadership model is released"]]


def test_an_example_in_a_guide_is_read_and_the_parts_of_an_okr_are_not() -> None:
    doc = md("""
    ### How to write OKRs

    1. **Objective**:
       - Define what you want to achieve.
       - Should be ambitious and inspiring.
    2. **Key Results**:
       - Define how success is measured.
       - Should be specific and time-bound.

    - Example:
      - Objective: "Deliver support customers love."
      - Key Results:
        - Cut resolution time from 24 to 12 hours.
        - Reach 90% positive feedback.
    """, "okr-guide.md")
    assert objectives(doc) == ["Deliver support customers love."]
    assert key_results(doc) == [["Cut resolution time from 24 to 12 hours.", "Reach 90% positive feedback."]]


def test_bare_labels_each_over_their_statements_are_one_okr() -> None:
    doc = md("""
    - Objective:
      - Make support a reason to stay
    - Key Results:
      - Cut resolution time from 24 to 12 hours
      - Reach 90% positive feedback
    """, "okrs.md")
    assert objectives(doc) == ["Make support a reason to stay"]
    assert key_results(doc) == [["Cut resolution time from 24 to 12 hours", "Reach 90% positive feedback"]]


def test_a_named_objective_heading_takes_its_description() -> None:
    doc = md("""
    ## product-direction 🔴

    **Description:** Our choices serve the user well. More on this below.

    | Target (KR) | Current status |
    |---|---|
    | Users can generate a product spec for a new feature. | 🟡 partly |
    """, "OKRS.md")
    assert objectives(doc) == ["Our choices serve the user well."]
    assert key_results(doc) == [["Users can generate a product spec for a new feature."]]


def test_labels_in_other_languages_and_a_markdown_fence() -> None:
    doc = md("""
    ### Exemples

    ```markdown
    ## OBJECTIF 1 : Prouver que le produit fonctionne

    | Key Result | Cible |
    |---|---|
    | KR1 : Profils valides par les experts | 5 domaines |
    ```
    """)
    assert objectives(doc) == ["Prouver que le produit fonctionne"]
    assert key_results(doc) == [["Profils valides par les experts"]]


def test_a_numbered_label_set_apart_by_bold_alone() -> None:
    doc = md("""
    ## **O1** 毕业有一份好工作

    **KR1** 大厂实习

    **KR2** 秋招3份以上offer
    """)
    assert objectives(doc) == ["毕业有一份好工作"]
    assert key_results(doc) == [["大厂实习", "秋招3份以上offer"]]
    assert parse_line("**Objectives** are qualitative").kind is None


def test_plain_text_bullets_indented_under_a_labelled_objective() -> None:
    text = (
        "Five-year OKRs\n\nObjective 1: Retire legacy apps\n"
        "\t•\tKR 1.1: Decommission 40% of legacy apps.\n\t•\tKR 1.2: Cut tech cost by 30%.\n"
    )
    doc = read_text(text, "OKRs.txt")
    assert objectives(doc) == ["Retire legacy apps"]
    assert key_results(doc) == [["Decommission 40% of legacy apps.", "Cut tech cost by 30%."]]


def test_outline_numbers_of_a_flattened_table_are_items() -> None:
    text = (
        "OKR 1: Grow trust in our work\n\nResponsible: Ana\n\n# Key Results KR Lead\n"
        "1.1 Publish a whitepaper\n1.2 250 organisations join the mapping\n"
    )
    doc = read_text(text, "OKRs.txt")
    assert key_results(doc) == [["Publish a whitepaper", "250 organisations join the mapping"]]


def test_lower_case_term_lists_and_reference_links_are_not_statements() -> None:
    doc = md("""
    ## Objective: Write more

    - Publish 12 posts

    Steps:

    * key results: for each objective, teams choose measurable metrics;
    * initiatives: teams list the projects they will undertake;

    Posts so far:

    - [Reading list][blog-books]
    """)
    assert key_results(doc) == [["Publish 12 posts"]]
