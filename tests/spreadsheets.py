"""Realistic OKR spreadsheets, built from their cells, with what a reader must find in them.

Each one is shaped like a template teams use (a company template, a team tracker with
progress columns, a Google Sheets export to CSV, a workbook with one sheet per quarter ...).
Workbooks are written with the smallest XLSX and ODS writers that Excel and LibreOffice
accept (the standard library's zipfile and XML text), so the files stay reviewable here
and need no writer package; a written file is byte-for-byte the same every time.

    python tests/spreadsheets.py OUT_DIR      # writes every spreadsheet into OUT_DIR
"""

from __future__ import annotations

import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from okrlint.readers.spreadsheet import column_name  # pinned by its own test (test_spreadsheets.py)

_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Formula:
    """A formula cell with the value the spreadsheet application cached for it."""

    formula: str
    value: float | str


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]
    merged: list[str] = field(default_factory=list)  # "A2:A4"


def _zip(parts: list[tuple[str, str]], stored_first: str | None = None) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts:
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name == stored_first else zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def xlsx(sheets: list[Sheet]) -> bytes:
    """An Office Open XML workbook: strings inline, numbers as numbers, formulas with values."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts = [
        (
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>",
        ),
        (
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        ),
        (
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            + "".join(
                f'<sheet name={quoteattr(s.name)} sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(sheets, 1)
            )
            + "</sheets></workbook>",
        ),
        (
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{pkg}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + "</Relationships>",
        ),
    ]
    for i, sheet in enumerate(sheets, 1):
        rows = []
        for r, values in enumerate(sheet.rows, 1):
            cells = []
            for c, value in enumerate(values):
                ref = f"{column_name(c)}{r}"
                if value is None or value == "":
                    continue
                if isinstance(value, Formula):
                    cached = value.value
                    kind = ' t="str"' if isinstance(cached, str) else ""
                    cells.append(f'<c r="{ref}"{kind}><f>{escape(value.formula)}</f><v>{escape(str(cached))}</v></c>')
                elif isinstance(value, bool):
                    cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
                elif isinstance(value, int | float):
                    cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                else:
                    text = f'<t xml:space="preserve">{escape(str(value))}</t>'
                    cells.append(f'<c r="{ref}" t="inlineStr"><is>{text}</is></c>')
            rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        merged = ""
        if sheet.merged:
            refs = "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merged)
            merged = f'<mergeCells count="{len(sheet.merged)}">{refs}</mergeCells>'
        parts.append(
            (
                f"xl/worksheets/sheet{i}.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{main}">'
                f"<sheetData>{''.join(rows)}</sheetData>{merged}</worksheet>",
            )
        )
    return _zip(parts)


def ods(sheets: list[Sheet]) -> bytes:
    """An OpenDocument spreadsheet (what LibreOffice and Google Sheets' .ods export write)."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
    )
    tables = []
    for sheet in sheets:
        rows = []
        for values in sheet.rows:
            cells = []
            for value in values:
                if value is None or value == "":
                    cells.append("<table:table-cell/>")
                elif isinstance(value, Formula):
                    cached = value.value
                    kind = 'office:value-type="string"' if isinstance(cached, str) else (
                        f'office:value-type="float" office:value="{cached}"'
                    )
                    cells.append(
                        f'<table:table-cell table:formula={quoteattr("of:=" + value.formula)} {kind}>'
                        f"<text:p>{escape(str(cached))}</text:p></table:table-cell>"
                    )
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    cells.append(
                        f'<table:table-cell office:value-type="float" office:value="{value}">'
                        f"<text:p>{value}</text:p></table:table-cell>"
                    )
                else:
                    cells.append(
                        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
                        "</table:table-cell>"
                    )
            rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
        tables.append(f"<table:table table:name={quoteattr(sheet.name)}>{''.join(rows)}</table:table>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body><office:spreadsheet>'
        f"{''.join(tables)}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return _zip(
        [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content),
            ("META-INF/manifest.xml", manifest),
        ],
        stored_first="mimetype",
    )


def csv_text(rows: list[list[Any]], delimiter: str = ",") -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


# -- the spreadsheets -----------------------------------------------------------------------
# Each: its file name, its bytes, and the statements a reader must find: (kind, text, cell).
OBJ, KR, INI = "objective", "key_result", "initiative"


def company_template() -> tuple[bytes, list[tuple[str, str, str]]]:
    """A company template: a title row, a header, each objective in a cell merged down its
    key results, baseline / target / progress columns (progress a formula)."""
    rows = [
        ["Acme Inc. company OKRs, Q3 2026"],
        [],
        ["Objective", "Key Result", "Owner", "Baseline", "Target", "Current", "Progress"],
        ["Make onboarding effortless for new customers", "Raise trial-to-paid conversion", "Dana", 0.12, 0.2,
         0.15, Formula("(F4-D4)/(E4-D4)", 0.375)],
        [None, "Cut median time to first report from 3 days to 1 day", "Luis", 3, 1, 2,
         Formula("(D5-F5)/(D5-E5)", 0.5)],
        [None, "Launch the new onboarding checklist", "Dana", None, None, None, "done"],
        ["Become the most reliable tool in our market", "Keep monthly uptime at 99.95%", "Kim", 99.9, 99.95, 99.96, 1],
        [None, "Reduce P1 incidents from 6 per quarter to 2", "Kim", 6, 2, 4, Formula("(D8-F8)/(D8-E8)", 0.5)],
    ]
    want = [
        (OBJ, "Make onboarding effortless for new customers", "Q3!A4"),
        (KR, "Raise trial-to-paid conversion", "Q3!B4"),
        (KR, "Cut median time to first report from 3 days to 1 day", "Q3!B5"),
        (KR, "Launch the new onboarding checklist", "Q3!B6"),
        (OBJ, "Become the most reliable tool in our market", "Q3!A7"),
        (KR, "Keep monthly uptime at 99.95%", "Q3!B7"),
        (KR, "Reduce P1 incidents from 6 per quarter to 2", "Q3!B8"),
    ]
    return xlsx([Sheet("Q3", rows, merged=["A4:A6", "A7:A8"])]), want


def team_tracker() -> tuple[bytes, list[tuple[str, str, str]]]:
    """A team tracker: the objective repeated on every row, start / current / target columns,
    a 0-1 score and a status."""
    obj1 = "Help every new engineer ship in their first week"
    obj2 = "Make our builds something nobody waits for"
    rows = [
        ["Objective", "Key results", "Owner", "Start", "Current", "Target", "Score (0-1)", "Status"],
        [obj1, "Increase new engineers shipping a change in week one from 40% to 90%", "@sam", "40%", "70%",
         "90%", 0.6, "On track"],
        [obj1, "Reduce setup time of a new laptop from 2 days to 2 hours", "@ivy", "2 days", "5 hours", "2 hours",
         0.7, "On track"],
        [obj1, "Write the onboarding guide", "@sam", "", "", "", 1, "Done"],
        [obj2, "Cut p90 CI time from 25 minutes to 10 minutes", "@raj", "25", "18", "10", 0.5, "At risk"],
        [obj2, "Raise the build cache hit rate from 35% to 80%", "@raj", "35%", "60%", "80%", 0.55, "At risk"],
    ]
    want = [
        (OBJ, obj1, "Tracker!A2"),
        (KR, "Increase new engineers shipping a change in week one from 40% to 90%", "Tracker!B2"),
        (KR, "Reduce setup time of a new laptop from 2 days to 2 hours", "Tracker!B3"),
        (KR, "Write the onboarding guide", "Tracker!B4"),
        (OBJ, obj2, "Tracker!A5"),
        (KR, "Cut p90 CI time from 25 minutes to 10 minutes", "Tracker!B5"),
        (KR, "Raise the build cache hit rate from 35% to 80%", "Tracker!B6"),
    ]
    return xlsx([Sheet("Tracker", rows)]), want


def google_sheets_export() -> tuple[bytes, list[tuple[str, str, str]]]:
    """A Google Sheets export to CSV: objective rows whose other cells are empty, key-result
    rows under them with the objective cell empty, quoted cells with commas and line breaks."""
    rows = [
        ["Objective", "Key Result", "Owner", "Progress"],
        ["Delight our enterprise customers", "", "", ""],
        ["", "Increase enterprise NPS from 31 to 45", "Maya", "40%"],
        ["", "Reduce tickets per account, per month, from 4.2 to 2.5", "Tom", "25%"],
        ["", "Improve support", "Tom", ""],
        ["Grow the partner channel", "", "", ""],
        ["", "Sign 12 new\nreseller partners", "Ana", "50%"],
    ]
    want = [
        (OBJ, "Delight our enterprise customers", "A2"),
        (KR, "Increase enterprise NPS from 31 to 45", "B3"),
        (KR, "Reduce tickets per account, per month, from 4.2 to 2.5", "B4"),
        (KR, "Improve support", "B5"),
        (OBJ, "Grow the partner channel", "A6"),
        (KR, "Sign 12 new reseller partners", "B7"),
    ]
    return csv_text(rows).encode("utf-8"), want


def per_quarter() -> tuple[bytes, list[tuple[str, str, str]]]:
    """A workbook with one sheet per quarter, each a type column beside a description."""
    q1 = [
        ["Type", "Description", "Owner", "Target"],
        ["Objective", "Win the mid-market segment", "Lee", ""],
        ["Key Result", "Grow mid-market ARR from $2M to $3M", "Lee", "$3M"],
        ["Key Result", "Increase the win rate against our main rival from 20% to 35%", "Jo", "35%"],
        ["Initiative", "Run a pricing study with 20 customers", "Jo", ""],
    ]
    q2 = [
        ["Type", "Description", "Owner", "Target"],
        ["Objective", "Make the product a pleasure to use on a phone", "Ada", ""],
        ["Key Result", "Raise the mobile app store rating from 3.6 to 4.5", "Ada", "4.5"],
        ["Key Result", "Release the redesigned mobile app", "Ben", ""],
    ]
    want = [
        (OBJ, "Win the mid-market segment", "'Q1 2026'!B2"),
        (KR, "Grow mid-market ARR from $2M to $3M", "'Q1 2026'!B3"),
        (KR, "Increase the win rate against our main rival from 20% to 35%", "'Q1 2026'!B4"),
        (INI, "Run a pricing study with 20 customers", "'Q1 2026'!B5"),
        (OBJ, "Make the product a pleasure to use on a phone", "'Q2 2026'!B2"),
        (KR, "Raise the mobile app store rating from 3.6 to 4.5", "'Q2 2026'!B3"),
        (KR, "Release the redesigned mobile app", "'Q2 2026'!B4"),
    ]
    return xlsx([Sheet("Q1 2026", q1), Sheet("Q2 2026", q2)]), want


def numbered_ods() -> tuple[bytes, list[tuple[str, str, str]]]:
    """An ODS sheet numbered as an outline: 1 an objective, 1.1 its key results."""
    rows = [
        ["#", "Objectives & key results", "Owner", "Due"],
        ["1", "Build a community that helps itself", "Eve", ""],
        ["1.1", "Grow weekly active forum members from 300 to 1,000", "Eve", "2026-09-30"],
        ["1.2", "Raise the share of questions answered by members from 35% to 60%", "Max", "2026-09-30"],
        ["2", "Make our documentation the best in the field", "Zoe", ""],
        ["2.1", "Reduce docs-related support tickets from 120 to 60 a month", "Zoe", "2026-09-30"],
        ["2.2", "Rewrite the getting-started guide", "Zoe", "2026-08-15"],
    ]
    want = [
        (OBJ, "Build a community that helps itself", "Community!B2"),
        (KR, "Grow weekly active forum members from 300 to 1,000", "Community!B3"),
        (KR, "Raise the share of questions answered by members from 35% to 60%", "Community!B4"),
        (OBJ, "Make our documentation the best in the field", "Community!B5"),
        (KR, "Reduce docs-related support tickets from 120 to 60 a month", "Community!B6"),
        (KR, "Rewrite the getting-started guide", "Community!B7"),
    ]
    return ods([Sheet("Community", rows)]), want


def semicolon_csv() -> tuple[bytes, list[tuple[str, str, str]]]:
    """A CSV as a European Excel writes it: semicolons, decimal commas, a UTF-8 byte-order mark."""
    rows = [
        ["Ziel / Objective", "Objective", "Key result", "Baseline", "Target"],
        ["", "Halve the carbon footprint of our deliveries", "", "", ""],
        ["", "", "Cut CO₂ per delivery from 1,8 kg to 0,9 kg", "1,8", "0,9"],
        ["", "", "Raise the share of deliveries by cargo bike from 10% to 40%", "10%", "40%"],
    ]
    want = [
        (OBJ, "Halve the carbon footprint of our deliveries", "B2"),
        (KR, "Cut CO₂ per delivery from 1,8 kg to 0,9 kg", "C3"),
        (KR, "Raise the share of deliveries by cargo bike from 10% to 40%", "C4"),
    ]
    return b"\xef\xbb\xbf" + csv_text(rows, ";").encode("utf-8"), want


def headerless_tsv() -> tuple[bytes, list[tuple[str, str, str]]]:
    """A sheet without a header, saved as TSV: labels in the first column, key results one
    column to the right, as an outline."""
    rows = [
        ["Objective 1", "Make hiring fast and fair"],
        ["", "KR 1.1", "Cut time to hire from 45 days to 30 days"],
        ["", "KR 1.2", "Raise the offer acceptance rate from 70% to 85%"],
        [],
        ["Objective 2", "Grow our people into leaders"],
        ["", "KR 2.1", "Promote 5 engineers into lead roles"],
    ]
    want = [
        (OBJ, "Make hiring fast and fair", "B1"),
        (KR, "Cut time to hire from 45 days to 30 days", "C2"),
        (KR, "Raise the offer acceptance rate from 70% to 85%", "C3"),
        (OBJ, "Grow our people into leaders", "B5"),
        (KR, "Promote 5 engineers into lead roles", "C6"),
    ]
    return csv_text(rows, "\t").encode("utf-8"), want


def with_initiatives() -> tuple[bytes, list[tuple[str, str, str]]]:
    """Objective, key result and initiative columns, blank rows between objectives, and a
    notes sheet of prose that holds no statement."""
    okrs = [
        ["Objective", "Key Result", "Initiative", "Owner"],
        ["Turn our blog into a source of leads", "Increase monthly blog visitors from 8,000 to 20,000",
         "Publish two in-depth guides a month", "Rita"],
        [None, "Raise newsletter sign-ups from 150 to 600 a month", "Add a sign-up box to every post", "Rita"],
        [],
        ["Make every release boring", "Reduce rollbacks from 5 a month to 1", "Add canary deploys", "Omar"],
    ]
    notes = [
        ["Notes"],
        ["Reviewed with the leadership team on 2 July."],
        ["Scores are updated every second Friday."],
    ]
    want = [
        (OBJ, "Turn our blog into a source of leads", "OKRs!A2"),
        (KR, "Increase monthly blog visitors from 8,000 to 20,000", "OKRs!B2"),
        (INI, "Publish two in-depth guides a month", "OKRs!C2"),
        (KR, "Raise newsletter sign-ups from 150 to 600 a month", "OKRs!B3"),
        (INI, "Add a sign-up box to every post", "OKRs!C3"),
        (OBJ, "Make every release boring", "OKRs!A5"),
        (KR, "Reduce rollbacks from 5 a month to 1", "OKRs!B5"),
        (INI, "Add canary deploys", "OKRs!C5"),
    ]
    return xlsx([Sheet("OKRs", okrs, merged=["A2:A3"]), Sheet("Notes", notes)]), want


SPREADSHEETS = {
    "company-template.xlsx": company_template,
    "team-tracker.xlsx": team_tracker,
    "google-sheets-export.csv": google_sheets_export,
    "okrs-per-quarter.xlsx": per_quarter,
    "community-okrs.ods": numbered_ods,
    "okrs-semicolons.csv": semicolon_csv,
    "hiring-okrs.tsv": headerless_tsv,
    "marketing-okrs.xlsx": with_initiatives,
}


def example_workbook() -> bytes:
    """examples/team-okrs.xlsx: a team's quarter, good and bad statements side by side."""
    rows = [
        ["Objective", "Key Result", "Owner", "Baseline", "Target", "Progress"],
        ["Customers get answers without waiting", "Reduce median first-response time from 9 hours to 2 hours",
         "Priya", "9 hours", "2 hours", 0.4],
        [None, "Raise customer satisfaction with support from 78% to 90%", "Priya", "78%", "90%", 0.5],
        [None, "Launch the new help center", "Marco", None, None, 1],
        ["Increase revenue by 20%, launch the partner portal and hire 5 engineers",
         "Improve retention significantly", "Marco", None, None, 0.2],
    ]
    return xlsx([Sheet("Q4 2026", rows, merged=["A2:A4"])])


def main(out: str) -> None:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in SPREADSHEETS.items():
        data, _ = build()
        (folder / name).write_bytes(data)
    print(f"wrote {len(SPREADSHEETS)} spreadsheets to {folder}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "spreadsheets")
