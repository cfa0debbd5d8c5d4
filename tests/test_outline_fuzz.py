"""Fuzzing the two reader stages (outline, then roles) on random documents built from the
structures the reader corpus holds: headings (labelled, generic, named, bold), nested and
indented lists, task lists, tables with kind columns and label columns, fences (Markdown,
JSON, a shell request, code), HTML blocks, bold labels, italic notes, front matter, and text
in several scripts.

Whatever the document, reading it gives statements whose line is in the file and whose line
holds the statement's first word, whose column is on that line, and reading twice gives the
same. The examples are few; OKRLINT_FUZZ_EXAMPLES=2000 runs a longer hunt.
"""

from __future__ import annotations

import json
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrlint.readers import read_text
from okrlint.readers.outline import markdown_outline, text_outline

SETTINGS = settings(
    max_examples=int(os.environ.get("OKRLINT_FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

SENTENCES = [
    "Grow revenue in Europe", "Increase NPS from 30 to 45", "Release the new website",
    "Cut p95 latency under 300 ms", "Day-7 retention 18% → 25%", "Sign 12 new accounts",
    "Improve developer experience", "Reach 500 GitHub stars (currently 400)", "Publish 12 tutorials;",
    "Prouver que le produit fonctionne", "探索人生方向，保持正确人生轨迹", "Aumentar la retención al 80%",
    "New objective", "Key result", "[Measurable outcome]", "x%", "What are OKRs?",
]
LABELS = ["", "Objective: ", "O1: ", "Objective 2 - ", "KR: ", "KR 1.2: ", "Key Result 3: ", "Initiative: ",
          "**Objective:** ", "**KR1** ", "Annual Key Result: ", "OBJECTIF 1 : ", "`P1` KR: "]
NOTES = ["", " (@alice)", " [P1]", " => 60%", " (0.7)", " (7/10)", " (target: 100)", " [shared with ops]."]

sentence = st.sampled_from(SENTENCES)
statement = st.builds(lambda label, text, note: label + text + note,
                      st.sampled_from(LABELS), sentence, st.sampled_from(NOTES))


@st.composite
def heading(draw: st.DrawFn) -> str:
    level = draw(st.integers(1, 4))
    text = draw(st.one_of(statement, st.sampled_from(["Objective 1", "Key Results", "Q3 2026", "product-direction 🔴",
                                                      "How to write OKRs", "Team", "**O2** 毕业有一份好工作"])))
    return "#" * level + " " + text


@st.composite
def bullet_list(draw: st.DrawFn) -> str:
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        depth = draw(st.integers(0, 2))
        marker = draw(st.sampled_from(["-", "*", "1.", "- [ ]", "- [x]", "•"]))
        indent = draw(st.sampled_from(["  ", "    ", "\t"])) * depth
        rows.append(f"{indent}{marker} {draw(statement)}")
    lead = draw(st.sampled_from(["", "        ", "\t"]))  # deep indentation: CommonMark's code block
    return "\n".join(lead + r for r in rows)


@st.composite
def table(draw: st.DrawFn) -> str:
    header = draw(st.sampled_from(["| Objective | Key Result | Owner |", "| | Key result | Score |",
                                   "| Target (KR) | Status |", "| Key Result | Cible |"]))
    cols = header.count("|") - 1
    rows = [header, "|" + "---|" * cols]
    for _ in range(draw(st.integers(1, 4))):
        cells = [draw(st.one_of(statement, st.sampled_from(["", "**KR 1**", "0.7", "@ana"]))) for _ in range(cols)]
        rows.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(rows)


@st.composite
def fence(draw: st.DrawFn) -> str:
    info = draw(st.sampled_from(["", "markdown", "json", "bash", "python"]))
    if info == "json":
        okrs = {"objectives": [{"title": draw(sentence), "key_results": [{"title": draw(sentence)}]}]}
        body = json.dumps(okrs, ensure_ascii=False)  # (an escaped text is not on its line as written)
    elif info == "bash":
        request = {"title": draw(sentence).replace("'", ""), "keyResults": [{"title": draw(sentence).replace("'", "")}]}
        body = f"curl -d '{json.dumps(request, ensure_ascii=False)}'"
    else:
        body = "\n".join(draw(st.lists(statement, min_size=1, max_size=4)))
    return f"```{info}\n{body}\n```"


@st.composite
def block(draw: st.DrawFn) -> str:
    return draw(st.one_of(
        heading(), bullet_list(), table(), fence(), statement,
        st.builds(lambda s: f"**{s}**", sentence),
        st.builds(lambda s: f"_{s}_", sentence),
        st.sampled_from(["**Key Results:**", "_Key results:_", "**Constraints:**", "Key results:", "---",
                         "The key results I will work on are:", "<details>\n<summary> KR 1: Read 5 books </summary>\n"
                         "</details>", "<!-- a comment -->", "**Description:** Our choices serve users well.",
                         "Status: done", "Target: 8"]),
    ))


@st.composite
def document(draw: st.DrawFn) -> str:
    parts = draw(st.lists(block(), min_size=1, max_size=12))
    text = "\n\n".join(parts) + "\n"
    if draw(st.booleans()):
        text = "---\ncycle: Q3 2026\n---\n" + text
    return text.replace("\n", "\r\n") if draw(st.integers(0, 9)) == 0 else text


def _first_word(text: str) -> str | None:
    m = re.search(r"[^\W_]{2,}", text)
    return m.group(0) if m else None


def _check_positions(text: str, path: str) -> None:
    doc = read_text(text, path)
    lines = text.splitlines()
    for stmt in doc.statements():
        assert 1 <= stmt.line <= len(lines), (stmt.line, len(lines), stmt.text)
        assert 1 <= stmt.column <= max(1, len(lines[stmt.line - 1]) + 1), (stmt.line, stmt.column)
        word = _first_word(stmt.text)
        if word is not None:
            assert word in lines[stmt.line - 1], (stmt.text, lines[stmt.line - 1])
    again = read_text(text, path)
    assert [(s.kind, s.text, s.line, s.column) for s in again.statements()] == [
        (s.kind, s.text, s.line, s.column) for s in doc.statements()
    ]


@SETTINGS
@given(document(), st.sampled_from(["okrs.md", "notes.md", "OKR_Guide.md"]))
def test_markdown_outline_and_roles_on_documents_of_corpus_structures(text: str, path: str) -> None:
    root = markdown_outline(text)
    count = len(text.splitlines())
    assert all(1 <= b.line <= max(1, count) for b in root.walk() if b.kind != "root")
    _check_positions(text, path)


@SETTINGS
@given(st.lists(st.one_of(statement, bullet_list(), st.sampled_from(["Key results:", "OKR objective:", "Steps:"])),
                min_size=1, max_size=12))
def test_text_outline_and_roles_on_documents_of_corpus_structures(parts: list[str]) -> None:
    text = "\n".join(parts) + "\n"
    root = text_outline(text)
    assert all(1 <= b.line <= len(text.splitlines()) for b in root.walk() if b.kind != "root")
    _check_positions(text, "OKRs.txt")
