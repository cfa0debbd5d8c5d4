"""User rule packs: YAML rules with phrase lists or spaCy Matcher token patterns, loaded with
`extend-rules`, tested with `okrlint test-rules`, and refused with a one-line error naming
the file and the field when malformed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from okrlint import packs
from okrlint.api import lint_paths, lint_text
from okrlint.cli import main
from okrlint.config import Config, load_config_file
from okrlint.model import Token
from okrlint.packs import compile_pattern, find
from okrlint.report.formats import render_sarif
from okrlint.report.model import build

pytestmark = pytest.mark.usefixtures("isolated_cwd")

ATTEND_PACK = """\
# Our team's own rule: going to events is an activity, not a key result.
code: ACME101
name: attendance-kr
severity: warning
applies-to: [key_result]
weight: 15
message: "Attendance is an activity, not a result: {detail}"
rationale: Showing up at an event changes nothing by itself; measure what the event should bring.
match:
  patterns:
    - [{LEMMA: attend, _: {head: true}}]
examples:
  bad:
    - {text: "Attend 5 industry conferences"}
    - {text: "The team attends 4 regional meetups"}
  good:
    - {text: "Increase qualified leads from events from 20 to 45"}
    - {text: "Increase meetup attendance from 40 to 90 people"}
"""

DOC = """\
# Objective: Developers know our brand

- KR: Attend 5 industry conferences
- KR: Increase qualified leads from events from 20 to 45
- KR: The team attends 4 regional meetups
- KR: Increase meetup attendance from 40 to 90 people
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def pack_findings(data: dict) -> list[tuple[int, str]]:
    return [(f["line"], f["message"]) for file in data["files"] for f in file["findings"] if f["code"] == "ACME101"]


# -- loaded from configuration ------------------------------------------------------------------
def test_matcher_pack_from_configuration_fires_on_a_document(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    write(isolated_cwd / "team" / "okr-rules" / "attend.yaml", ATTEND_PACK)
    write(isolated_cwd / "team" / ".okrlint.toml", 'extend-rules = ["okr-rules/attend.yaml"]\n')
    doc = write(isolated_cwd / "team" / "goals" / "q3.okr.md", DOC)
    code = main(["check", "--format", "json", str(doc)])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert pack_findings(data) == [
        (3, "Attendance is an activity, not a result: 'Attend'"),
        (5, "Attendance is an activity, not a result: 'attends'"),
    ]
    finding = next(f for f in data["files"][0]["findings"] if f["code"] == "ACME101")
    assert finding["name"] == "attendance-kr" and finding["severity"] == "warning"


def test_pack_rules_obey_select_ignore_and_severity(isolated_cwd: Path):
    write(isolated_cwd / "attend.yaml", ATTEND_PACK)
    doc = write(isolated_cwd / "q3.okr.md", DOC)
    base = 'extend-rules = ["attend.yaml"]\n'
    write(isolated_cwd / "ignore.toml", base + 'ignore = ["attendance-kr"]\n')
    write(isolated_cwd / "select.toml", base + 'select = ["ACME"]\n')
    write(isolated_cwd / "severity.toml", base + '[rules.ACME101]\nseverity = "error"\n')
    write(isolated_cwd / "per-file.toml", base + '[per-file-ignores]\n"*.okr.md" = ["ACME101"]\n')

    def codes(config: str) -> list[tuple[str, str]]:
        result = lint_paths([doc], config=str(isolated_cwd / config))
        return [(f.code, f.severity) for f in result.findings]

    assert ("ACME101", "warning") not in codes("ignore.toml") and codes("ignore.toml")
    assert codes("select.toml") == [("ACME101", "warning")] * 2
    assert codes("severity.toml").count(("ACME101", "error")) == 2
    assert "ACME101" not in {c for c, _ in codes("per-file.toml")}


def test_pack_weight_lowers_the_score(isolated_cwd: Path):
    write(isolated_cwd / "attend.yaml", ATTEND_PACK)
    text = "# Objective: Developers know our brand\n\n- KR: Attend 5 industry conferences\n"
    plain = lint_text(text, config=Config(select=["ACME101"], extend_rules=["attend.yaml"]))
    assert [f.code for f in plain.findings] == ["ACME101"]
    assert plain.files[0].score is not None and plain.files[0].score < 100


def test_extend_rules_is_relative_to_the_config_file(isolated_cwd: Path):
    write(isolated_cwd / "conf" / "packs" / "attend.yaml", ATTEND_PACK)
    cfg = load_config_file(write(isolated_cwd / "conf" / "okrlint.toml", 'extend-rules = ["packs"]\n'))
    assert "ACME101" in [r.code for r in cfg.all_rules()]


def test_missing_pack_path_is_a_config_error(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    write(isolated_cwd / ".okrlint.toml", 'extend-rules = ["nowhere.yaml"]\n')
    doc = write(isolated_cwd / "q3.okr.md", DOC)
    assert main(["check", str(doc)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert ".okrlint.toml: extend-rules: 'nowhere.yaml': no such file or directory" in err


def test_rules_and_explain_list_pack_rules(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    write(isolated_cwd / "attend.yaml", ATTEND_PACK)
    write(isolated_cwd / ".okrlint.toml", 'extend-rules = ["attend.yaml"]\n')
    assert main(["rules"]) == 0
    assert "ACME101  attendance-kr" in capsys.readouterr().out
    assert main(["explain", "attendance-kr"]) == 0
    out = capsys.readouterr().out
    assert "Showing up at an event" in out and "Attend 5 industry conferences" in out


# -- phrase lists and head verbs ----------------------------------------------------------------
PHRASE_PACK = """\
rules:
  - code: ACME201
    name: buzzwords
    severity: info
    applies-to: [objective, key_result]
    message: "Buzzword: {detail}"
    match:
      phrases: [synergy, "best in class", world-class]
    examples:
      bad:
        - {kind: objective, text: "Become a best in class support team"}
        - {text: "Unlock synergy across 3 teams"}
      good:
        - {text: "Reduce first response time from 6 hours to 1 hour"}
  - code: ACME202
    name: meeting-kr
    severity: warning
    applies-to: [key_result]
    message: "Meetings are not results: {detail}"
    match:
      head: [hold, "meet with"]
      unless-measurable: true
    examples:
      bad:
        - {text: "Hold a kickoff with the sales team"}
        - {text: "Meet with every enterprise customer"}
      good:
        - {text: "Hold churn under 2% every month"}
"""


def test_phrase_and_head_rules(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    write(isolated_cwd / "pack.yaml", PHRASE_PACK)
    assert main(["test-rules", "pack.yaml"]) == 0
    out = capsys.readouterr().out
    assert "ACME201 buzzwords" in out and "ACME202 meeting-kr" in out
    assert out.strip().endswith("6 examples: 6 passed, 0 failed")
    cfg = Config(extend_rules=["pack.yaml"], select=["ACME2"])
    text = "Objective: A world-class brand\n- KR: Meet with every enterprise customer\n- KR: Hold 3 workshops\n"
    got = [(f.line, f.code, f.message) for f in lint_text(text, config=cfg).findings]
    assert got == [
        (1, "ACME201", "Buzzword: 'world-class'"),
        (2, "ACME202", "Meetings are not results: 'meet with'"),
    ]


# -- okrlint test-rules ---------------------------------------------------------------------------
def test_test_rules_passes_a_good_pack(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    write(isolated_cwd / "packs" / "attend.yaml", ATTEND_PACK)
    assert main(["test-rules", "packs"]) == 0
    out = capsys.readouterr().out
    assert "pass  bad   Attend 5 industry conferences" in out
    assert "pass  good  Increase meetup attendance from 40 to 90 people" in out
    assert out.strip().endswith("4 examples: 4 passed, 0 failed")


def test_test_rules_fails_on_a_wrong_example(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    wrong = ATTEND_PACK.replace(
        '    - {text: "Increase meetup attendance from 40 to 90 people"}',
        '    - {text: "Attend the partner summit"}',
    ).replace('    - {text: "The team attends 4 regional meetups"}', '    - {text: "Grow revenue from 1M to 2M"}')
    write(isolated_cwd / "attend.yaml", wrong)
    assert main(["test-rules", "attend.yaml"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  bad   Grow revenue from 1M to 2M: not flagged" in out
    assert "FAIL  good  Attend the partner summit: flagged (Attendance is an activity" in out
    assert out.strip().endswith("4 examples: 2 passed, 2 failed")


def test_test_rules_runs_document_examples(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    pack = ATTEND_PACK.replace(
        "  good:\n",
        '  good:\n    - {text: "a clean document",'
        ' document: "Objective: Be known\\n- KR: Grow signups from 1 to 2\\n"}\n',
    )
    write(isolated_cwd / "attend.yaml", pack)
    assert main(["test-rules", "attend.yaml"]) == 0
    assert "pass  good  a clean document (document)" in capsys.readouterr().out


# -- malformed packs: one line naming the file and the field ----------------------------------------
VALID = {
    "code": "ACME1",
    "name": "x-rule",
    "severity": "warning",
    "applies-to": "[key_result]",
    "message": "m",
    "match": "{head: [attend]}",
    "examples": "{bad: [{text: Attend 3 fairs}]}",
}


def pack_text(**changes: str | None) -> str:
    fields = {**VALID, **{k.replace("_", "-"): v for k, v in changes.items()}}
    return "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None)


MALFORMED = [
    (pack_text(severity="warnin"), "field 'severity': Input should be 'error', 'warning' or 'info'"),
    (pack_text(message=None), "field 'message': required field is missing"),
    (pack_text(mesage="m"), "field 'mesage': unknown field"),
    (pack_text(match="{}"), "field 'match': give at least one of head, phrases or patterns"),
    (
        pack_text(match="{patterns: [[{LEMMA: attend}, {LIKE_NUM: true}]]}"),
        "field 'match.patterns[0][1]': unsupported key 'LIKE_NUM'"
        " (supported: TEXT, ORTH, LOWER, LEMMA, POS, TAG, DEP, OP, _)",
    ),
    (
        pack_text(match="{patterns: [[{LEMMA: attend, OP: x}]]}"),
        "field 'match.patterns[0][0].OP': 'x' is not an operator",
    ),
    (pack_text(match="{patterns: [[{LEMMA: {IN: attend}}]]}"), "field 'match.patterns[0][0].LEMMA.IN': must be a list"),
    (
        pack_text(match="{patterns: [[{LEMMA: {REGEX: '('}}]]}"),
        "field 'match.patterns[0][0].LEMMA.REGEX': invalid regular expression",
    ),
    (
        pack_text(match="{patterns: [[{LEMMA: {FUZZY: x}}]]}"),
        "field 'match.patterns[0][0].LEMMA': unsupported predicate",
    ),
    (pack_text(match="{patterns: [[]]}"), "field 'match.patterns[0]': a pattern needs at least one token"),
    (
        pack_text(match="{patterns: [[{_: {is_head: true}}]]}"),
        "field 'match.patterns[0][0]._': only {head: true|false}",
    ),
    (pack_text(code="OKR999"), "field 'code': 'OKR999': codes starting with OKR are okrlint's own"),
    (pack_text(code="acme1"), "field 'code': 'acme1': use capitals and digits"),
    (pack_text(name="X Rule"), "field 'name': 'X Rule': use lowercase words joined by dashes"),
    (pack_text(name="kr-output"), "'kr-output' is already used by a built-in rule"),
    (pack_text(applies_to="[okr]"), "field 'applies-to[0]': Input should be 'objective', 'key_result' or 'initiative'"),
    (pack_text(examples="{good: [{text: Grow x from 1 to 2}]}"), "field 'examples.bad': give at least one bad example"),
    (
        pack_text(examples="{bad: [{text: Attend, kind: objective}]}"),
        "field 'examples.bad[0].kind': objective is not in applies-to",
    ),
    (pack_text(lexicons="[vague_verbs]"), "field 'lexicons': only built-in rules have lexicons"),
    (
        "rules:\n  - " + pack_text(match="{patterns: [[{POS: 3}]]}").replace("\n", "\n    ").rstrip() + "\n",
        "field 'rules[0].match.patterns[0][0].POS': must be a string or a mapping",
    ),
    ("rules: []\n", "field 'rules': must be a non-empty list of rules"),
    ("rules: [1]\nname: x\n", "field 'name': unknown field (a pack has rules and description)"),
    ("code: [ACME1\n", "line 2: invalid YAML"),
    ("- a list\n", "a rule must be a mapping of fields"),
]


@pytest.mark.parametrize(("text", "expected"), MALFORMED, ids=[m[1][:40] for m in MALFORMED])
def test_malformed_pack_is_one_clear_line(isolated_cwd: Path, capsys: pytest.CaptureFixture[str], text, expected):
    write(isolated_cwd / "acme.yaml", text)
    assert main(["test-rules", "acme.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("okrlint: acme.yaml: "), err
    assert expected in err, err


def test_malformed_pack_from_configuration_names_the_pack(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    write(isolated_cwd / "packs" / "acme.yaml", pack_text(severity="loud"))
    write(isolated_cwd / ".okrlint.toml", 'extend-rules = ["packs"]\n')
    doc = write(isolated_cwd / "q3.okr.md", DOC)
    assert main(["check", str(doc)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "packs/acme.yaml: field 'severity'" in err


def test_two_packs_with_one_code_clash(isolated_cwd: Path):
    write(isolated_cwd / "a.yaml", pack_text())
    write(isolated_cwd / "b.yaml", pack_text(name="y-rule"))
    with pytest.raises(packs.RuleError, match=r"b.yaml: 'ACME1' is already used by .*a.yaml"):
        packs.load_packs([isolated_cwd / "a.yaml", isolated_cwd / "b.yaml"])
    # the same file named twice (a directory and a file in it) is loaded once
    assert len(packs.load_packs([isolated_cwd / "a.yaml", isolated_cwd / "a.yaml"])) == 1


# -- the Matcher subset, on plain Token tuples: no spaCy involved -----------------------------------
def tok(text: str, pos: str = "NOUN", tag: str = "NN", dep: str = "dep", lemma: str | None = None) -> Token:
    return Token(text=text, lower=text.lower(), lemma=lemma or text.lower(), pos=pos, tag=tag, dep=dep, head=0)


TOKENS = [
    tok("Attend", "VERB", "VB", "ROOT"),
    tok("5", "NUM", "CD", "nummod"),
    tok("big", "ADJ", "JJ", "amod"),
    tok("industry", dep="compound"),
    tok("conferences", tag="NNS", dep="dobj", lemma="conference"),
]


@pytest.mark.parametrize(
    ("pattern", "span"),
    [
        ([{"LEMMA": "attend"}], (0, 1)),
        ([{"lemma": "attend"}], (0, 1)),  # keys in any case, as spaCy allows
        ([{"TEXT": "attend"}], None),
        ([{"ORTH": "Attend"}], (0, 1)),
        ([{"LOWER": "attend", "POS": "VERB", "TAG": "VB", "DEP": "ROOT"}], (0, 1)),
        ([{"POS": "VERB"}, {"POS": "NUM"}], (0, 2)),
        ([{"POS": "VERB"}, {"POS": "NUM", "OP": "?"}, {"POS": "ADJ"}], (0, 3)),
        ([{"POS": "VERB"}, {"POS": "ADJ", "OP": "?"}, {"POS": "NUM"}], (0, 2)),
        ([{"POS": "NUM"}, {"POS": {"IN": ["ADJ", "NOUN"]}, "OP": "+"}], (1, 5)),
        ([{"POS": "NUM"}, {"OP": "*"}, {"LEMMA": "conference"}], (1, 5)),
        ([{"POS": "NUM"}, {"POS": {"NOT_IN": ["NOUN"]}, "OP": "*"}, {"DEP": "dobj"}], None),
        ([{"POS": "NUM"}, {"POS": "VERB", "OP": "!"}, {"DEP": "compound"}], (1, 4)),
        ([{"POS": "NUM"}, {"POS": "ADJ", "OP": "!"}], None),
        ([{"POS": "ADJ", "OP": "{0,2}"}, {"DEP": "compound"}], (2, 4)),
        ([{"POS": "NOUN", "OP": "{2}"}], (3, 5)),
        ([{"POS": "NOUN", "OP": "{3,}"}], None),
        ([{"POS": {"NOT_IN": ["VERB"]}, "OP": "{,2}"}], (1, 3)),
        ([{"LOWER": {"REGEX": "^conf"}}], (4, 5)),
        ([{"_": {"head": True}}], (0, 1)),
        ([{"_": {"head": False}, "POS": "VERB"}], None),
        ([{"POS": "ADJ", "OP": "?"}], (2, 3)),  # an empty match never counts
    ],
)
def test_matcher_subset(pattern, span):
    assert find(compile_pattern(pattern, "p"), TOKENS, head=0) == span


def test_matcher_is_polynomial_on_long_statements():
    tokens = [tok("a")] * 400
    specs = compile_pattern([{"OP": "*"}] * 6 + [{"LOWER": "b"}], "p")
    assert find(specs, tokens) is None  # memoised: fast, however many stars


def test_packs_import_no_spacy():
    code = "import sys, okrlint.packs, okrlint.engine; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_two_folders_whose_packs_share_a_code_each_score_with_their_own_weight(isolated_cwd: Path):
    # the same rule code in two folders' packs, with different weights: each folder's findings
    # cost its own pack's weight, and a file's score agrees with its OKR's in one report
    for folder, weight in (("a", 5), ("b", 40)):
        write(isolated_cwd / folder / "attend.yaml", ATTEND_PACK.replace("weight: 15", f"weight: {weight}"))
        write(isolated_cwd / folder / ".okrlint.toml", 'extend-rules = ["attend.yaml"]\nselect = ["ACME101"]\n')
        write(isolated_cwd / folder / "goals.okr.md", DOC)
    result = lint_paths([str(isolated_cwd / "a"), str(isolated_cwd / "b")])
    by_folder = {Path(f.path).parent.name: f for f in result.files}
    # two findings of the pack rule on each file's one OKR: 2 of 4 key results lose the weight
    assert [f.name for f in by_folder["a"].findings] == ["attendance-kr", "attendance-kr"]
    assert by_folder["a"].score == 97.5  # 100 x mean(95, 100, 95, 100) / 100
    assert by_folder["b"].score == 80.0  # 100 x mean(60, 100, 60, 100) / 100
    report = build(result)
    for file in report.files:
        assert file.score == file.okrs[0].score
    sarif = json.loads(render_sarif(report))
    assert "ACME101" in [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]
