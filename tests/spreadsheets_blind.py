"""A second set of OKR spreadsheets, written blind: by a helper who had not seen the reader's
code nor run okrlint, from the shapes real teams' templates and tool exports take.

Eight OKR spreadsheets shaped after the way real teams keep and export them (a Google
Sheets company template, an OKR-tool CSV export, a weekly check-in tracker, a one-column
outline, a multi-team workbook, a German semicolon export, a French/English TSV copy and a
one-page "board" with one sheet per quarter), each with the statements a careful human
reader would extract from it: (kind, text, cell).

    kind  "objective" | "key_result" | "initiative"
    text  the statement as it appears in its cell, whitespace collapsed, without a label
          prefix such as "KR 1.1 -" or "Objective 2:"
    cell  "B7" for CSV / TSV, "Sheet!B7" for workbooks ('Quoted name'!B7 when the sheet
          name holds anything other than letters, digits, dots and underscores)

BLIND = {file_name: builder}; each builder returns (bytes, expected_list).

    python tests/spreadsheets_blind.py

The first time the reader met them it found 76% of their statements (exact kind, text and
cell) with 93% precision; what it missed then (a tracker's header among many other columns,
a legend row under a table, labels written "KR3.1 Text", instructions sheets, a sideways
board, French headers) is what the reader learned from them, so they are development
material now, not a held-out measure.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import spreadsheets as S

OBJ, KR, INI = "objective", "key_result", "initiative"

Want = list[tuple[str, str, str]]


# -- helpers ---------------------------------------------------------------------------------


def _sheet_prefix(sheet: str | None) -> str:
    if sheet is None:
        return ""
    if re.fullmatch(r"[A-Za-z0-9._]+", sheet):
        return f"{sheet}!"
    return "'" + sheet.replace("'", "''") + "'!"


def ref(sheet: str | None, col: str, row: int) -> str:
    return f"{_sheet_prefix(sheet)}{col}{row}"


def _parse_ref(cell: str) -> tuple[str | None, int, int]:
    sheet = None
    if "!" in cell:
        sheet, cell = cell.rsplit("!", 1)
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
    m = re.fullmatch(r"([A-Z]+)(\d+)", cell)
    assert m, cell
    col = 0
    for ch in m.group(1):
        col = col * 26 + (ord(ch) - 64)
    return sheet, int(m.group(2)) - 1, col - 1


_LABEL = re.compile(
    r"^(?:objective|obj|o|kr|key result|initiative)\s*\d+(?:\.\d+)?\s*[:\-–—.)]?\s*$", re.IGNORECASE
)


def _verify(grid: dict[str | None, list[list]], want: Want) -> None:
    """Self-check: each expected cell holds the expected text (possibly after a label)."""
    seen = set()
    for kind, text, cell in want:
        assert kind in (OBJ, KR, INI), kind
        assert cell not in seen, f"duplicate cell {cell}"
        seen.add(cell)
        sheet, r, c = _parse_ref(cell)
        rows = grid[sheet]
        value = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
        value = " ".join(str(value or "").split())
        if value == text:
            continue
        assert value.endswith(text), f"{cell}: {value!r} does not hold {text!r}"
        prefix = value[: -len(text)]
        assert _LABEL.match(prefix), f"{cell}: unexpected prefix {prefix!r}"


def _verify_workbook(sheets: list[S.Sheet], want: Want) -> None:
    _verify({s.name: s.rows for s in sheets}, want)


def _verify_delimited(data: bytes, delimiter: str, want: Want) -> None:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))
    _verify({None: rows}, want)


# -- 1. Google Sheets "OKR template" style company sheet --------------------------------------


def google_company_template() -> tuple[bytes, Want]:
    """Company title rows, a quarter line, objective blocks ("Objective 1" label in A, the
    text in B) with KR1.. rows beneath, a 0.0-1.0 score column with AVERAGE formulas on
    the objective rows, a notes column, blank spacer rows and a scoring legend on the right."""
    sh = "Q3 2026"
    avg = S.Formula
    rows = [
        ["Northwind Logistics — Company OKRs"],
        ["Quarter: Q3 2026 (Jul 1 – Sep 30)", None, None, "Last updated: 14 Aug 2026"],
        [],
        ["", "Objectives & Key Results", "Owner", "Score (0.0–1.0)", "Notes", None, "Scoring guide"],
        ["Objective 1", "Become the default shipping partner for mid-size e-commerce shops", "Helena (CEO)",
         avg("AVERAGE(D6:D9)", 0.575), "", None, "0.0 – 0.3", "Red: we failed to make real progress"],
        ["KR1", "Grow active merchant accounts from 1,200 to 2,000", "Marco", 0.4, "Pipeline strong in DACH",
         None, "0.4 – 0.6", "Yellow: progress, but we fell short"],
        ["KR2", "Increase average monthly parcels per merchant from 310 to 400", "Marco", 0.3, "",
         None, "0.7 – 1.0", "Green: we delivered"],
        ["KR3", "Launch the Shopify plugin", "Dev team", 1.0, "Shipped 3 Aug"],
        ["KR4", "Get 50 merchant reviews on Trustpilot", "Ines", 0.6, "31 so far",
         None, "Tip", "Aim for 0.7 on stretch goals. 1.0 everywhere means the goals were too easy."],
        [],
        ["Objective 2", "Deliver on every promise we make", "Oskar (COO)", avg("AVERAGE(D12:D14)", 0.5)],
        ["KR1", "Raise on-time delivery rate from 91.5% to 97%", "Oskar", 0.5, ""],
        ["KR2", "Cut lost or damaged parcels from 0.8% to 0.3% of volume", "Sven", 0.2,
         "Warehouse B scanner rollout is 3 weeks late"],
        ["KR3", "Answer 90% of support tickets within 4 hours", "Lea", 0.8, ""],
        [],
        ["Objective 3", "Build a team people want to join and stay in", "Ruth (People)",
         avg("AVERAGE(D17:D19)", 0.267)],
        ["KR1", "Improve employee satisfaction", "Ruth", 0.5, "Pulse survey goes out in September"],
        ["KR2", "Reduce regretted attrition from 14% to 8% annualised", "Ruth", 0.3, ""],
        ["KR3", "Hire a Head of Engineering", "Helena", 0.0, "Two finalists, offers in Sept"],
        [],
        ["Overall company score", None, None, avg("AVERAGE(D5,D11,D16)", 0.447)],
    ]
    want = [
        (OBJ, "Become the default shipping partner for mid-size e-commerce shops", ref(sh, "B", 5)),
        (KR, "Grow active merchant accounts from 1,200 to 2,000", ref(sh, "B", 6)),
        (KR, "Increase average monthly parcels per merchant from 310 to 400", ref(sh, "B", 7)),
        (KR, "Launch the Shopify plugin", ref(sh, "B", 8)),
        (KR, "Get 50 merchant reviews on Trustpilot", ref(sh, "B", 9)),
        (OBJ, "Deliver on every promise we make", ref(sh, "B", 11)),
        (KR, "Raise on-time delivery rate from 91.5% to 97%", ref(sh, "B", 12)),
        (KR, "Cut lost or damaged parcels from 0.8% to 0.3% of volume", ref(sh, "B", 13)),
        (KR, "Answer 90% of support tickets within 4 hours", ref(sh, "B", 14)),
        (OBJ, "Build a team people want to join and stay in", ref(sh, "B", 16)),
        (KR, "Improve employee satisfaction", ref(sh, "B", 17)),
        (KR, "Reduce regretted attrition from 14% to 8% annualised", ref(sh, "B", 18)),
        (KR, "Hire a Head of Engineering", ref(sh, "B", 19)),
    ]
    sheets = [S.Sheet(sh, rows, merged=["A1:E1", "G4:H4"])]
    _verify_workbook(sheets, want)
    return S.xlsx(sheets), want


# -- 2. OKR tool export (Perdoo / Asana Goals style) ------------------------------------------


def okr_tool_export() -> tuple[bytes, Want]:
    """A flat CSV export from an OKR tool: ID, Type, Title, Owner, Team, progress and
    start / target / current values, Parent holding the parent's ID, status and date.
    Objectives, key results and initiatives all sit in the Title column."""
    rows = [
        ["ID", "Type", "Title", "Owner", "Team", "Timeframe", "Progress", "Start value", "Target value",
         "Current value", "Unit", "Parent", "Status", "Last check-in"],
        ["OBJ-101", "Objective", "Make self-serve the main way customers buy", "Amara Okafor", "Growth",
         "Q2 2026", "48%", "", "", "", "", "", "On track", "2026-05-28"],
        ["KR-1011", "Key Result", "Increase self-serve share of new revenue from 35% to 60%", "Amara Okafor",
         "Growth", "Q2 2026", "40%", "35", "60", "45", "%", "OBJ-101", "On track", "2026-05-28"],
        ["KR-1012", "Key Result", "Reduce checkout drop-off from 62% to 45%", "Jonas Berg", "Growth",
         "Q2 2026", "18%", "62", "45", "59", "%", "OBJ-101", "Needs attention", "2026-05-27"],
        ["KR-1013", "Key Result", "Ship annual billing in the self-serve checkout", "Jonas Berg", "Growth",
         "Q2 2026", "100%", "0", "1", "1", "Milestone", "OBJ-101", "Completed", "2026-05-02"],
        ["INI-2001", "Initiative", "A/B test a one-page checkout", "Jonas Berg", "Growth", "Q2 2026", "50%",
         "", "", "", "", "KR-1012", "In progress", "2026-05-27"],
        ["INI-2002", "Initiative", "Add Apple Pay and Google Pay", "Lina Duarte", "Growth", "Q2 2026", "0%",
         "", "", "", "", "KR-1012", "Not started", ""],
        ["OBJ-102", "Objective", "Keep the customers we already have", "Wei Chen", "Customer Success",
         "Q2 2026", "35%", "", "", "", "", "", "Needs attention", "2026-05-26"],
        ["KR-1021", "Key Result", "Reduce monthly logo churn from 2.4% to 1.5%", "Wei Chen",
         "Customer Success", "Q2 2026", "33%", "2.4", "1.5", "2.1", "%", "OBJ-102", "Needs attention",
         "2026-05-26"],
        ["KR-1022", "Key Result", "Net revenue retention of 110%", "Wei Chen", "Customer Success", "Q2 2026",
         "60%", "", "110", "106", "%", "OBJ-102", "On track", "2026-05-26"],
        ["KR-1023", "Key Result", "Improve customer health scores", "Sara Lind", "Customer Success",
         "Q2 2026", "10%", "", "", "", "", "OBJ-102", "Off track", "2026-05-20"],
        ["INI-2003", "Initiative", "Quarterly business reviews with the top 40 accounts", "Sara Lind",
         "Customer Success", "Q2 2026", "25%", "", "", "", "", "KR-1021", "In progress", "2026-05-20"],
        ["OBJ-103", "Objective", "Be audit-ready for SOC 2 Type II", "Priya Raman", "Security", "Q2 2026",
         "72%", "", "", "", "", "", "On track", "2026-05-29"],
        ["KR-1031", "Key Result", "Close all 23 open findings from the readiness assessment", "Priya Raman",
         "Security", "Q2 2026", "74%", "0", "23", "17", "findings", "OBJ-103", "On track", "2026-05-29"],
        ["KR-1032", "Key Result", "Get 100% of employees through security awareness training, up from 64%",
         "Tom Adeyemi", "Security", "Q2 2026", "67%", "64", "100", "88", "%", "OBJ-103", "On track",
         "2026-05-29"],
        ["INI-2004", "Initiative", "Roll out device management (MDM) on all laptops, phones and tablets",
         "Tom Adeyemi", "IT", "Q2 2026", "80%", "", "", "", "", "KR-1031", "In progress", "2026-05-29"],
    ]
    want = [
        (OBJ, "Make self-serve the main way customers buy", "C2"),
        (KR, "Increase self-serve share of new revenue from 35% to 60%", "C3"),
        (KR, "Reduce checkout drop-off from 62% to 45%", "C4"),
        (KR, "Ship annual billing in the self-serve checkout", "C5"),
        (INI, "A/B test a one-page checkout", "C6"),
        (INI, "Add Apple Pay and Google Pay", "C7"),
        (OBJ, "Keep the customers we already have", "C8"),
        (KR, "Reduce monthly logo churn from 2.4% to 1.5%", "C9"),
        (KR, "Net revenue retention of 110%", "C10"),
        (KR, "Improve customer health scores", "C11"),
        (INI, "Quarterly business reviews with the top 40 accounts", "C12"),
        (OBJ, "Be audit-ready for SOC 2 Type II", "C13"),
        (KR, "Close all 23 open findings from the readiness assessment", "C14"),
        (KR, "Get 100% of employees through security awareness training, up from 64%", "C15"),
        (INI, "Roll out device management (MDM) on all laptops, phones and tablets", "C16"),
    ]
    data = S.csv_text(rows, ",").encode("utf-8")
    _verify_delimited(data, ",", want)
    return data, want


# -- 3. Team tracker with weekly check-ins ----------------------------------------------------


def weekly_checkin_tracker() -> tuple[bytes, Want]:
    """A platform team's tracker: title rows, objective cells merged down their KRs,
    baseline / target / confidence, W1..W6 progress columns (later weeks still empty), a
    status column computed by an IF formula, free-text comments, a footnote, and a second
    sheet holding the status drop-down list."""
    sh = "Check-ins"
    objA = "Give product teams a paved road to production"
    objB = "Stop paying for what we don't use"
    objC = "Sleep through the night"

    def status(row: int, value: str) -> S.Formula:
        return S.Formula(f'IF(J{row}="","",IF(J{row}>=0.5,"On track","At risk"))', value)

    rows = [
        ["Platform Team — OKR weekly check-ins"],
        ["Q2 2026 · update before Monday standup · progress = % of the way from baseline to target"],
        [],
        ["Objective", "Key result", "Owner", "Baseline", "Target", "Confidence", "W1", "W2", "W3", "W4", "W5",
         "W6", "Status", "Comments"],
        [objA, "Increase share of services deployed through the golden pipeline from 40% to 85%", "Tomás",
         0.4, 0.85, 7, 0.05, 0.12, 0.2, 0.31, None, None, status(5, "At risk"), ""],
        [None, "Cut lead time from merge to production from 3 days to under 4 hours", "Aisha", "3 days",
         "4 hours", 5, 0.0, 0.1, 0.25, 0.5, None, None, status(6, "On track"),
         "Blocked on security review of the new runners"],
        [None, "Deprecate the legacy Jenkins cluster", "Tomás", None, None, 8, 0.2, 0.4, 0.5, 0.6, None, None,
         status(7, "On track"), "Need to migrate the payments service first — talk to Ana"],
        [None, "Developer satisfaction with the platform ≥ 4.2/5 in the quarterly survey", "Aisha", 3.6, 4.2, 6,
         None, None, None, None, None, None, status(8, ""), "Survey runs in week 11"],
        [objB, "Reduce monthly AWS spend from $182k to $140k", "Greg", 182000, 140000, 6, 0.1, 0.18, 0.26,
         0.33, None, None, status(9, "At risk"), "Savings plan kicks in from June"],
        [None, "Tag 100% of cloud resources with an owning team", "Greg", 0.55, 1.0, 9, 0.3, 0.6, 0.8, 0.9,
         None, None, status(10, "On track"), ""],
        [None, "Right-size the top 20 most over-provisioned RDS instances", "Mei", 0, 20, 7, 0.0, 0.15, 0.35,
         0.45, None, None, status(11, "At risk"), "8 of 20 done"],
        [objC, "Bring pages per on-call week down from 31 to 10", "Aisha", 31, 10, 4, 0.05, 0.1, 0.14, 0.19,
         None, None, status(12, "At risk"), "Alert noise from the queue consumers, fix in flight"],
        [None, "Write runbooks for every alert that paged in Q1", "Mei", 0, 42, 8, 0.25, 0.45, 0.6, 0.7,
         None, None, status(13, "On track"), ""],
        [],
        ["Confidence = how likely we are to hit the target, 1–10. Status turns to At risk below 50%."],
    ]
    config = [
        ["Status options"],
        ["On track"],
        ["At risk"],
        ["Off track"],
        ["Done"],
        [],
        ["Owners"],
        ["Tomás"],
        ["Aisha"],
        ["Greg"],
        ["Mei"],
    ]
    want = [
        (OBJ, objA, ref(sh, "A", 5)),
        (KR, "Increase share of services deployed through the golden pipeline from 40% to 85%", ref(sh, "B", 5)),
        (KR, "Cut lead time from merge to production from 3 days to under 4 hours", ref(sh, "B", 6)),
        (KR, "Deprecate the legacy Jenkins cluster", ref(sh, "B", 7)),
        (KR, "Developer satisfaction with the platform ≥ 4.2/5 in the quarterly survey", ref(sh, "B", 8)),
        (OBJ, objB, ref(sh, "A", 9)),
        (KR, "Reduce monthly AWS spend from $182k to $140k", ref(sh, "B", 9)),
        (KR, "Tag 100% of cloud resources with an owning team", ref(sh, "B", 10)),
        (KR, "Right-size the top 20 most over-provisioned RDS instances", ref(sh, "B", 11)),
        (OBJ, objC, ref(sh, "A", 12)),
        (KR, "Bring pages per on-call week down from 31 to 10", ref(sh, "B", 12)),
        (KR, "Write runbooks for every alert that paged in Q1", ref(sh, "B", 13)),
    ]
    sheets = [
        S.Sheet(sh, rows, merged=["A1:N1", "A2:N2", "A5:A8", "A9:A11", "A12:A13", "A15:N15"]),
        S.Sheet("Config", config),
    ]
    _verify_workbook(sheets, want)
    return S.xlsx(sheets), want


# -- 4. One-column outline, labels inside the text (ODS) -------------------------------------


def one_column_outline() -> tuple[bytes, Want]:
    """Sales & marketing OKRs kept as an outline in a single column: "Objective 1: ..."
    rows followed by "KR 1.1 – ..." rows, the label written inside the cell in slightly
    different styles, lead / confidence / progress / comment columns to the right, blank
    rows between objectives and a legend line at the bottom."""
    sh = "Sales & Marketing"
    rows = [
        ["Sales & Marketing OKRs", None, None, "FY26 Q3"],
        [],
        ["OKR", "Lead", "Confidence", "Progress", "Comment"],
        ["Objective 1: Open the Nordic market", "Karin", None, None, None],
        ["KR 1.1 – Sign 15 paying customers in Sweden, Norway and Denmark", "Karin", "Medium", 0.33,
         "5 signed, 9 in negotiation"],
        ["KR 1.2 – Build a qualified pipeline worth €1.5M", "Nils", "High", 0.6, ""],
        ["KR 1.3 – Hire a Nordic country manager", "Karin", "Low", 0, "Recruiter briefed"],
        [],
        ["Objective 2: Make marketing a revenue engine, not a cost centre", "Sofia"],
        ["KR 2.1: Increase marketing-sourced pipeline from 25% to 45% of total pipeline", "Sofia", "Medium", 0.4,
         ""],
        ["KR 2.2: Lower cost per SQL from €410 to €280", "Malte", "Medium", 0.25, "Paid social still too pricey"],
        ["KR 2.3: Run 4 webinars", "Malte", "High", 0.5, "2 done"],
        [],
        ["Objective 3 - Improve our brand", "Sofia"],
        ["KR3.1 Get more followers on LinkedIn", "Jana", "High", None, ""],
        ["KR3.2 Grow branded search volume by 30% quarter over quarter", "Jana", "Low", 0.1,
         "Waiting for the campaign launch"],
        [],
        ["Confidence: High / Medium / Low. Progress is updated by the lead every other Friday."],
    ]
    want = [
        (OBJ, "Open the Nordic market", ref(sh, "A", 4)),
        (KR, "Sign 15 paying customers in Sweden, Norway and Denmark", ref(sh, "A", 5)),
        (KR, "Build a qualified pipeline worth €1.5M", ref(sh, "A", 6)),
        (KR, "Hire a Nordic country manager", ref(sh, "A", 7)),
        (OBJ, "Make marketing a revenue engine, not a cost centre", ref(sh, "A", 9)),
        (KR, "Increase marketing-sourced pipeline from 25% to 45% of total pipeline", ref(sh, "A", 10)),
        (KR, "Lower cost per SQL from €410 to €280", ref(sh, "A", 11)),
        (KR, "Run 4 webinars", ref(sh, "A", 12)),
        (OBJ, "Improve our brand", ref(sh, "A", 14)),
        (KR, "Get more followers on LinkedIn", ref(sh, "A", 15)),
        (KR, "Grow branded search volume by 30% quarter over quarter", ref(sh, "A", 16)),
    ]
    sheets = [S.Sheet(sh, rows)]
    _verify_workbook(sheets, want)
    return S.ods(sheets), want


# -- 5. Multi-team workbook with a Read me sheet ---------------------------------------------


def _team_sheet(team: str, lead: str, blocks: list[tuple[str, str, list[tuple]]], gap_after: set[int]):
    """A team tab from the shared template; returns (Sheet, want)."""
    rows = [
        [f"{team} — H2 2026 OKRs"],
        ["Team lead:", lead, None, "Check-in cadence:", "bi-weekly"],
        [],
        ["Supports company goal", "Objective", "Key result", "Owner", "Confidence (1-10)", "Notes"],
    ]
    merged = ["A1:F1"]
    want: Want = []
    for i, (goal, objective, krs) in enumerate(blocks):
        start = len(rows) + 1
        for j, (kr, owner, conf, note) in enumerate(krs):
            rows.append([goal if j == 0 else None, objective if j == 0 else None, kr, owner, conf, note])
            want_row = start + j
            if j == 0:
                want.append((OBJ, objective, ref(team, "B", want_row)))
            want.append((KR, kr, ref(team, "C", want_row)))
        end = len(rows)
        if end > start:
            merged += [f"A{start}:A{end}", f"B{start}:B{end}"]
        if i in gap_after:
            rows.append([])
    return S.Sheet(team, rows, merged=merged), want


def multi_team_workbook() -> tuple[bytes, Want]:
    """One tab per team built from the same template (title, team lead line, header row,
    company-goal code and objective cells merged down their KRs, owner / confidence /
    notes), plus a "Read me" tab of numbered instructions that mention what a good key
    result looks like but hold no OKR of their own."""
    readme = [
        ["How to use this workbook"],
        [],
        ["1. Each team fills in its own tab. Please do not rename or reorder the tabs."],
        ["2. Write 2–3 objectives per team and no more than 4 key results per objective."],
        ["3. Key results must be measurable: say where you start and where you want to be."],
        ["4. Link every objective to a company goal (CG-1 to CG-3) in column A."],
        ["5. Update confidence every other Friday: 1 = no chance, 10 = in the bag."],
        [],
        ["Company goals", "CG-1 = growth, CG-2 = customers, CG-3 = efficiency (see the all-hands deck)"],
        [],
        ["Questions? Ask in #okr-help."],
    ]
    eng, want_eng = _team_sheet(
        "Engineering",
        "Priya Nair",
        [
            ("CG-2", "Make the app fast enough that nobody notices loading", [
                ("Bring p95 page load time from 3.8s to under 1.5s", "Dev", 6, "Biggest win is the search page"),
                ("Cut JavaScript bundle size by 40%", "Lukas", 7, ""),
                ("Move image delivery to the CDN", "Dev", 9, "Contract signed"),
            ]),
            ("CG-3", "Ship with confidence", [
                ("Raise automated test coverage of the billing service from 38% to 75%", "Hana", 5, ""),
                ("Zero Sev-1 incidents caused by a release", "Priya", 6, "One in July already"),
            ]),
        ],
        gap_after=set(),
    )
    cs, want_cs = _team_sheet(
        "Customer Success",
        "Marta Silva",
        [
            ("CG-2", "Turn new customers into successful customers within 30 days", [
                ("Increase customers completing onboarding within 30 days from 52% to 80%", "Marta", 6, ""),
                ("Reduce time to first value from 21 days to 10 days", "Ben", 5, "Needs product help"),
                ("Set up a customer advisory board", "Marta", 8, "First meeting 12 Oct"),
            ]),
            ("CG-2", "Be the support team people brag about", [
                ("CSAT of 95% or higher every month", "Yusuf", 7, ""),
                ("Cut first response time on chat from 9 minutes to 2 minutes", "Yusuf", 4,
                 "Only if we get the 2 extra hires"),
            ]),
        ],
        gap_after={0},
    )
    fin, want_fin = _team_sheet(
        "Finance",
        "Olga Petrova",
        [
            ("CG-3", "Close the books faster", [
                ("Month-end close in 5 working days instead of 12", "Olga", 5, ""),
                ("Automate bank reconciliation for all 4 entities", "Felix", 7, "UK entity last"),
            ]),
            ("CG-1", "Give every budget owner a live view of their spend", [
                ("Roll out the budget dashboard to all 27 budget owners", "Felix", 8, ""),
                ("Do the spend review", "Olga", 6, "With the CFO"),
            ]),
        ],
        gap_after=set(),
    )
    sheets = [S.Sheet("Read me", readme, merged=["B9:F9"]), eng, cs, fin]
    want = want_eng + want_cs + want_fin
    _verify_workbook(sheets, want)
    return S.xlsx(sheets), want


# -- 6. German-locale tool export, semicolons, parent by title -------------------------------


def german_semicolon_export() -> tuple[bytes, Want]:
    """A goals tool exported by a German Excel: UTF-8 with BOM, semicolons, German column
    names, decimal commas, a description column, and the parent given by its title (so
    objective titles repeat in the "Übergeordnetes Ziel" column). Statements in German
    and English."""
    o1 = "Unsere Bestandskunden begeistern"
    o2 = "Effizienter arbeiten"
    o3 = "Launch in Austria and Switzerland"
    rows = [
        ["Typ", "Titel", "Beschreibung", "Verantwortlich", "Abteilung", "Startwert", "Zielwert",
         "Aktueller Wert", "Fortschritt", "Übergeordnetes Ziel", "Fällig am", "Status"],
        ["Objective", o1, "Fokus auf Retention im DACH-Markt", "Julia Weber", "Customer Success", "", "", "",
         "45 %", "", "30.09.2026", "Im Plan"],
        ["Key Result", "Kündigungsquote von 3,1 % auf 2,0 % pro Monat senken", "", "Julia Weber",
         "Customer Success", "3,1", "2,0", "2,6", "45 %", o1, "30.09.2026", "Im Plan"],
        ["Key Result", "Increase NPS from 28 to 40", "Messung über Delighted", "Tobias Krämer",
         "Customer Success", "28", "40", "33", "42 %", o1, "30.09.2026", "Im Plan"],
        ["Key Result", "Onboarding-Webinar für alle Neukunden einführen", "", "Tobias Krämer",
         "Customer Success", "0", "1", "1", "100 %", o1, "31.07.2026", "Erledigt"],
        ["Objective", o2, "", "Stefan Braun", "Finanzen", "", "", "", "20 %", "", "30.09.2026", "Gefährdet"],
        ["Key Result", "Manuelle Rechnungsprüfung um 50 % reduzieren", "Basis: Stunden pro Monat im Juni",
         "Stefan Braun", "Finanzen", "120", "60", "105", "25 %", o2, "30.09.2026", "Gefährdet"],
        ["Key Result", "Reduce average invoice processing time from 6 days to 2 days", "", "Anna Schulz",
         "Finanzen", "6", "2", "5,4", "15 %", o2, "30.09.2026", "Gefährdet"],
        ["Objective", o3, "Erste Länder außerhalb Deutschlands", "Markus Vogel", "Vertrieb", "", "", "",
         "30 %", "", "31.12.2026", "Im Plan"],
        ["Key Result", "Win 40 customers in AT and CH", "", "Markus Vogel", "Vertrieb", "0", "40", "12",
         "30 %", o3, "31.12.2026", "Im Plan"],
        ["Key Result", "Onlineshop in CHF und EUR (AT) live schalten", "", "Lena Hoffmann", "Vertrieb", "0", "1",
         "0", "0 %", o3, "31.10.2026", "Nicht begonnen"],
    ]
    want = [
        (OBJ, o1, "B2"),
        (KR, "Kündigungsquote von 3,1 % auf 2,0 % pro Monat senken", "B3"),
        (KR, "Increase NPS from 28 to 40", "B4"),
        (KR, "Onboarding-Webinar für alle Neukunden einführen", "B5"),
        (OBJ, o2, "B6"),
        (KR, "Manuelle Rechnungsprüfung um 50 % reduzieren", "B7"),
        (KR, "Reduce average invoice processing time from 6 days to 2 days", "B8"),
        (OBJ, o3, "B9"),
        (KR, "Win 40 customers in AT and CH", "B10"),
        (KR, "Onlineshop in CHF und EUR (AT) live schalten", "B11"),
    ]
    data = b"\xef\xbb\xbf" + S.csv_text(rows, ";").encode("utf-8")
    _verify_delimited(data, ";", want)
    return data, want


# -- 7. French / English TSV with initiatives -------------------------------------------------


def french_tsv_with_initiatives() -> tuple[bytes, Want]:
    """A product team's sheet copied out as TSV: a title and "updated" line, a header of
    French and English words, objective / key result / initiative columns where the
    objective and its first KR share a row, extra initiative rows with the KR cell empty,
    confidence as "6/10", decimal-comma scores, comments, blank rows between objectives,
    and a legend line at the end."""
    rows = [
        ["OKR Équipe Produit — T3 2026"],
        ["Mis à jour le 12/08/2026 par Camille"],
        [],
        ["Objectif", "Key Result", "Initiatives", "Owner", "Confiance", "Score", "Commentaires"],
        ["Rendre l'application mobile indispensable au quotidien",
         "Passer les utilisateurs actifs quotidiens de 12 000 à 20 000", "Notifications personnalisées",
         "Camille", "6/10", "0,4", ""],
        ["", "", "Widget écran d'accueil iOS", "Hugo", "", "", "En cours de design"],
        ["", "Increase D30 retention from 18% to 28%", "Refonte de l'onboarding", "Hugo", "5/10", "0,3",
         "Test A/B lancé le 4/08"],
        ["", "Note moyenne App Store ≥ 4,6", "", "Léa", "8/10", "0,8", ""],
        [],
        ["Stabilize the platform", "Réduire le taux de crash de 1,2 % à 0,3 %", "Migrer vers le nouveau SDK Sentry",
         "Marc", "7/10", "0,5", ""],
        ["", "Temps de démarrage de l'app < 2 s sur Android", "Lazy loading des modules", "Marc", "4/10", "0,2",
         "Bloqué : dépend de l'équipe Core"],
        ["", "", "Supprimer les librairies inutilisées", "Marc", "", "", ""],
        [],
        ["Mieux comprendre nos utilisateurs", "Faire 30 entretiens utilisateurs", "Recruter via le panel in-app",
         "Inès", "9/10", "0,7", "18 faits"],
        ["", "Publier un rapport de recherche chaque mois", "", "Inès", "7/10", "0,6", ""],
        [],
        ["Échelle de confiance : 1 = très improbable, 10 = acquis. Score de 0 à 1 en fin de trimestre."],
    ]
    want = [
        (OBJ, "Rendre l'application mobile indispensable au quotidien", "A5"),
        (KR, "Passer les utilisateurs actifs quotidiens de 12 000 à 20 000", "B5"),
        (INI, "Notifications personnalisées", "C5"),
        (INI, "Widget écran d'accueil iOS", "C6"),
        (KR, "Increase D30 retention from 18% to 28%", "B7"),
        (INI, "Refonte de l'onboarding", "C7"),
        (KR, "Note moyenne App Store ≥ 4,6", "B8"),
        (OBJ, "Stabilize the platform", "A10"),
        (KR, "Réduire le taux de crash de 1,2 % à 0,3 %", "B10"),
        (INI, "Migrer vers le nouveau SDK Sentry", "C10"),
        (KR, "Temps de démarrage de l'app < 2 s sur Android", "B11"),
        (INI, "Lazy loading des modules", "C11"),
        (INI, "Supprimer les librairies inutilisées", "C12"),
        (OBJ, "Mieux comprendre nos utilisateurs", "A14"),
        (KR, "Faire 30 entretiens utilisateurs", "B14"),
        (INI, "Recruter via le panel in-app", "C14"),
        (KR, "Publier un rapport de recherche chaque mois", "B15"),
    ]
    data = S.csv_text(rows, "\t").encode("utf-8")
    _verify_delimited(data, "\t", want)
    return data, want


# -- 8. One-page board, objectives across columns, one sheet per quarter (ODS) ---------------


def quarterly_board() -> tuple[bytes, Want]:
    """A design studio's one-page OKR board: row labels in column A ("Objective",
    "Why it matters", "Key result 1..3", "Score", "Owner") and one objective per column,
    so statements run across rather than down. One sheet per quarter ("2026-Q1",
    "2026-Q2", the later one not yet scored) and a "Legend" sheet for the scoring scale."""
    q1n, q2n = "2026-Q1", "2026-Q2"
    q1 = [
        ["Studio Brightline — OKRs Q1 2026"],
        [],
        [None, "Objective A", "Objective B", "Objective C"],
        ["Objective", "Win two flagship clients in healthcare", "Make our delivery process predictable",
         "Grow the studio's reputation"],
        ["Why it matters", "Healthcare is 40% of our pipeline but only 5% of revenue.",
         "Three projects overran their budget by more than 30% last year.",
         "We depend on referrals for almost all new work."],
        ["Key result 1", "Sign 2 healthcare retainers worth at least €25k/month each",
         "Deliver 90% of milestones on the agreed date", "Speak at 3 industry conferences"],
        ["Key result 2", "Publish a healthcare UX case study", "Keep project budget overruns below 10%",
         "Grow newsletter subscribers from 900 to 2,500"],
        ["Key result 3", None, "Introduce a weekly client status report", "Win one design award"],
        ["Score", 0.5, 0.7, 0.3],
        ["Owner", "Mia", "Jon", "Ravi"],
    ]
    q2 = [
        ["Studio Brightline — OKRs Q2 2026"],
        [],
        [None, "Objective A", "Objective B"],
        ["Objective", "Become the go-to studio for accessible design",
         "Run the studio on a 4-day week without losing revenue"],
        ["Why it matters", "Accessibility rules tighten in June and clients are asking us for help.",
         "Burnout was the top theme in the winter team survey."],
        ["Key result 1", "Get 5 team members IAAP certified", "Keep monthly revenue at or above €180k"],
        ["Key result 2", "Audit and fix accessibility on all 12 live client products",
         "Cut internal meetings from 11 to 6 hours per person per week"],
        ["Key result 3", "Increase inbound leads mentioning accessibility from 2 to 10 per quarter",
         "Team wellbeing score above 8/10"],
        ["Score", None, None],
        ["Owner", "Mia", "Jon"],
    ]
    legend = [
        ["Score", "Meaning"],
        [0.0, "No progress"],
        [0.3, "Some progress, well short of the goal"],
        [0.7, "We hit a hard stretch goal — this is success"],
        [1.0, "Fully achieved (was it ambitious enough?)"],
        [],
        ["Rule of thumb: an average of 0.6–0.7 across all OKRs is healthy."],
    ]
    want = [
        (OBJ, "Win two flagship clients in healthcare", ref(q1n, "B", 4)),
        (OBJ, "Make our delivery process predictable", ref(q1n, "C", 4)),
        (OBJ, "Grow the studio's reputation", ref(q1n, "D", 4)),
        (KR, "Sign 2 healthcare retainers worth at least €25k/month each", ref(q1n, "B", 6)),
        (KR, "Deliver 90% of milestones on the agreed date", ref(q1n, "C", 6)),
        (KR, "Speak at 3 industry conferences", ref(q1n, "D", 6)),
        (KR, "Publish a healthcare UX case study", ref(q1n, "B", 7)),
        (KR, "Keep project budget overruns below 10%", ref(q1n, "C", 7)),
        (KR, "Grow newsletter subscribers from 900 to 2,500", ref(q1n, "D", 7)),
        (KR, "Introduce a weekly client status report", ref(q1n, "C", 8)),
        (KR, "Win one design award", ref(q1n, "D", 8)),
        (OBJ, "Become the go-to studio for accessible design", ref(q2n, "B", 4)),
        (OBJ, "Run the studio on a 4-day week without losing revenue", ref(q2n, "C", 4)),
        (KR, "Get 5 team members IAAP certified", ref(q2n, "B", 6)),
        (KR, "Keep monthly revenue at or above €180k", ref(q2n, "C", 6)),
        (KR, "Audit and fix accessibility on all 12 live client products", ref(q2n, "B", 7)),
        (KR, "Cut internal meetings from 11 to 6 hours per person per week", ref(q2n, "C", 7)),
        (KR, "Increase inbound leads mentioning accessibility from 2 to 10 per quarter", ref(q2n, "B", 8)),
        (KR, "Team wellbeing score above 8/10", ref(q2n, "C", 8)),
    ]
    sheets = [S.Sheet(q1n, q1), S.Sheet(q2n, q2), S.Sheet("Legend", legend)]
    _verify_workbook(sheets, want)
    return S.ods(sheets), want


BLIND = {
    "northwind_company_okrs_q3.xlsx": google_company_template,
    "perdoo_export_q2_2026.csv": okr_tool_export,
    "platform_team_checkins.xlsx": weekly_checkin_tracker,
    "sales_marketing_outline.ods": one_column_outline,
    "h2_2026_team_okrs.xlsx": multi_team_workbook,
    "ziele_export_de.csv": german_semicolon_export,
    "produit_okr_t3.tsv": french_tsv_with_initiatives,
    "studio_board_2026.ods": quarterly_board,
}


if __name__ == "__main__":
    for name, build in BLIND.items():
        data, expected = build()
        kinds = {k: sum(1 for e in expected if e[0] == k) for k in (OBJ, KR, INI)}
        print(f"{name:34} {len(data):7} bytes  {len(expected):3} statements  "
              f"(O {kinds[OBJ]}, KR {kinds[KR]}, I {kinds[INI]})")
    if len(sys.argv) > 1:  # optional: write the files into a folder
        from pathlib import Path

        out = Path(sys.argv[1])
        out.mkdir(parents=True, exist_ok=True)
        for name, build in BLIND.items():
            (out / name).write_bytes(build()[0])
