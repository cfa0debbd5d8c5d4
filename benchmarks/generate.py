"""Deterministic generator of realistic OKR documents for the benchmarks.

    python benchmarks/generate.py OUT_DIR --files 200 --statements 50 --seed 5

writes OUT_DIR/team-NNNN.okr.md and OUT_DIR/team-NNNN.okr.yaml files. Every file holds
exactly `--statements` statements (objectives, key results and initiatives), in the mix real
teams write: well-formed outcome key results with a baseline and a target next to tasks
("Launch the new pricing page"), targets with no starting value ("Increase signups by 30%"),
vague verbs and quantifiers, status-quo KPIs, unrealistic targets and objectives with numbers
in them. The wording is assembled from templates, metrics, products and numbers, so almost
every statement is unique (as in real files) and the spaCy work cannot be short-cut by
de-duplication. The same seed always produces the same bytes.

Markdown files use the conventions of docs/formats.md in turn (headings with bullet key
results, labelled lines, nested task-list bullets with progress notes, tables); YAML files
use okrlint's own schema.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

TEAMS = [
    "Platform", "Growth", "Mobile", "Payments", "Search", "Support", "Sales", "Marketing", "Data",
    "Security", "Infrastructure", "Onboarding", "Billing", "Partnerships", "Design", "People",
    "Finance", "Customer Success", "Developer Experience", "Checkout", "Analytics", "Content",
]
PEOPLE = ["maria", "devraj", "sam", "lena", "priya", "tom", "nadia", "arjun", "chen", "fatima",
          "jonas", "aiko", "kwame", "sofia", "liam", "ines", "omar", "yuki", "ben", "zoe"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
AUDIENCES = [
    "new customers", "enterprise customers", "trial users", "self-serve customers", "developers",
    "product teams", "on-call engineers", "support agents", "account executives", "partners",
    "small businesses", "mobile users", "first-time buyers", "admins", "data analysts",
    "freelance designers", "new hires", "merchants in Germany", "Nordic SMB customers", "students",
]
# (metric, unit kind): unit kinds pick plausible numbers and suffixes below.
METRICS = [
    ("weekly active users", "count"), ("monthly recurring revenue", "money"), ("net promoter score", "score"),
    ("monthly logo churn", "pct"), ("median first response time", "minutes"), ("CI pipeline duration", "minutes"),
    ("conversion rate on the pricing page", "pct"), ("trial-to-paid conversion", "pct"),
    ("p95 API latency", "ms"), ("crash-free sessions", "pct_high"), ("cold start time on Android", "seconds"),
    ("change failure rate", "pct"), ("deployment frequency", "per_week"), ("mean time to recovery", "minutes"),
    ("customer satisfaction score", "score"), ("average order value", "money"), ("cart abandonment", "pct"),
    ("activation rate in the first week", "pct"), ("pages per on-call week", "count"),
    ("cloud cost per 1,000 requests", "money_small"), ("CPU utilisation of the fleet", "pct"),
    ("open security findings", "count"), ("time to first published page", "days"), ("qualified pipeline", "money"),
    ("self-service deploys", "pct"), ("support tickets per 1,000 orders", "count"), ("employee eNPS", "score"),
    ("regretted attrition", "pct"), ("organic signups", "count"), ("docs search success rate", "pct"),
    ("invoice payment delay", "days"), ("gross margin", "pct"), ("renewal rate", "pct_high"),
    ("page load time on checkout", "seconds"), ("flaky test rate", "pct"), ("backlog of unanswered tickets", "count"),
    ("daily orders", "count"), ("average handle time", "minutes"), ("time to hire", "days"),
    ("share of incidents caught by monitoring", "pct"), ("free-to-paid upgrades", "count"),
]
PRODUCTS = [
    "pricing page", "referral program", "mobile app", "partner portal", "billing service", "search index",
    "onboarding checklist", "status page", "admin console", "public API", "design system", "help center",
    "data warehouse", "reporting dashboard", "checkout flow", "notification service", "SSO integration",
    "iOS widget", "Android app", "customer newsletter", "feature flag service", "audit log",
]
SYSTEMS = ["Kubernetes", "Postgres 16", "the new CDN", "Terraform", "GitHub Actions", "Snowflake",
           "the shared event bus", "OpenTelemetry", "the EU region", "ARM instances"]
CONTENT = ["blog posts", "case studies", "webinars", "conference talks", "tutorials", "customer interviews",
           "release notes", "video walkthroughs", "newsletters", "workshops"]
ROLES = ["backend engineers", "account executives", "designers", "SREs", "support agents", "data scientists",
         "product managers", "solutions engineers"]
REGIONS = ["in Germany", "in the Nordics", "in Brazil", "in Japan", "in the UK", "in France", "in India",
           "in Canada", "in Spain", "in the US Midwest", "in Australia", "in Mexico", "in Poland", "in Italy",
           "in South Korea", "in the Benelux"]
EVENTS = ["the spring launch", "the pricing change", "the Q3 board meeting", "the annual conference",
          "the holiday peak", "the SOC 2 audit", "the mobile redesign", "the end of the trial period",
          "the partner summit", "the API deprecation"]
PRODUCTS += ["invoicing module", "usage-based billing", "team workspace", "desktop app", "Slack integration",
             "webhooks API", "import wizard", "analytics SDK", "CSV export", "role-based access control",
             "self-serve upgrade flow", "in-app guides", "offline mode", "search autocomplete",
             "recommendation engine", "fraud scoring service", "customer portal", "knowledge base", "chatbot",
             "payout service", "mobile checkout", "loyalty program", "gift cards"]
AUDIENCES += ["enterprise admins", "agency partners", "finance teams", "HR managers", "marketing teams",
              "school districts", "clinics", "restaurants", "retail chains", "open-source maintainers",
              "power users", "churned customers", "free-plan users", "resellers"]
ZERO_THINGS = ["open security findings", "customer-reported outages", "failed deploys"]
SEGMENTS = ["the Nordic SMB segment", "German mid-market retail", "US healthcare", "the UK public sector",
            "Latin American fintech"]


def _number(rng: random.Random, kind: str) -> tuple[str, str]:
    """A (lower, higher) pair of values as written, for a metric of this kind."""
    if kind in ("pct", "pct_high"):
        low = rng.randint(2, 60) if kind == "pct" else rng.randint(90, 98)
        high = low + rng.randint(3, 30) if kind == "pct" else round(low + rng.uniform(0.5, 1.9), 1)
        return f"{low}%", f"{min(high, 99.9)}%"
    if kind == "money":
        low = rng.randint(20, 900)
        return f"${low}k", f"${low + rng.randint(10, 400)}k"
    if kind == "money_small":
        high = rng.randint(20, 90)
        return f"$0.{max(high - rng.randint(5, 15), 10)}", f"$0.{high}"
    if kind == "score":
        low = rng.randint(-10, 40)
        return f"{low}", f"{low + rng.randint(5, 30)}"
    if kind in ("minutes", "ms", "seconds", "days"):
        unit = {"minutes": "minutes", "ms": "ms", "seconds": "s", "days": "days"}[kind]
        high = rng.randint(8, 400) if kind in ("minutes", "ms") else rng.randint(2, 30)
        sep = "" if unit in ("ms", "s") else " "
        return f"{max(high // rng.randint(2, 4), 1)}{sep}{unit}", f"{high}{sep}{unit}"
    if kind == "per_week":
        low = rng.randint(1, 9)
        return f"{low} per week", f"{low + rng.randint(2, 12)} per week"
    low = rng.randint(10, 5000)
    return f"{low:,}", f"{low + rng.randint(5, 3000):,}"


def _decreasing(metric: str) -> bool:
    lowered = ("time", "latency", "churn", "failure", "cost", "duration", "abandonment", "findings", "pages per",
               "tickets", "attrition", "delay", "flaky", "backlog", "handle")
    return any(w in metric for w in lowered)


def _tail(rng: random.Random) -> str:
    """Zero, one or two qualifiers (who, where, when), as real statements carry."""
    options = [
        lambda: f" for {rng.choice(AUDIENCES)}",
        lambda: f" {rng.choice(REGIONS)}",
        lambda: f" by {rng.choice(MONTHS)}",
        lambda: f" before {rng.choice(EVENTS)}",
        lambda: f" across {rng.randint(2, 12)} markets",
        lambda: f" in Q{rng.randint(1, 4)}",
    ]
    count = rng.choice([0, 1, 1, 1, 2, 2])
    return "".join(f() for f in rng.sample(options, count))


def key_result(rng: random.Random) -> str:
    metric, kind = rng.choice(METRICS)
    down = _decreasing(metric)
    a, b = _number(rng, kind)
    if down:
        a, b = b, a
    month = rng.choice(MONTHS)
    audience = rng.choice(AUDIENCES)
    product = rng.choice(PRODUCTS)
    n = rng.randint(2, 40)
    pct = rng.choice([5, 10, 12, 15, 20, 25, 30, 40, 50])
    up_verb = rng.choice(["Increase", "Grow", "Raise", "Lift"])
    down_verb = rng.choice(["Reduce", "Cut", "Lower", "Bring down"])
    verb = down_verb if down else up_verb
    choices = [
        # well-formed outcomes (about half of what real teams write)
        (16, f"{verb} {metric} from {a} to {b}"),
        (6, f"{verb} {metric} for {audience} from {a} to {b} by the end of {month}"),
        (4, f"{metric[0].upper() + metric[1:]} {'drops' if down else 'rises'} from {a} to {b}"),
        (4, f"{pct}% of {audience} use the {product} at least once a week, up from {max(pct // 3, 1)}%"),
        (3, f"{n} {audience} renew their annual plan by {month}"),
        (3, f"{verb} {metric} from {a} to {b} without raising headcount"),
        # targets with no starting value
        (6, f"{verb} {metric} by {pct}%{_tail(rng)}"),
        (3, f"Get {metric} to {b} by {month}"),
        # outputs and tasks
        (5, f"{rng.choice(['Launch', 'Ship', 'Release', 'Roll out'])} the new {product}{_tail(rng)}"),
        (3, f"{rng.choice(['Publish', 'Write', 'Produce'])} {n} {rng.choice(CONTENT)}{_tail(rng)}"),
        (3, f"Hire {rng.randint(2, 9)} {rng.choice(ROLES)}{_tail(rng)}"),
        (3, f"Migrate the {product} to {rng.choice(SYSTEMS)}{_tail(rng)}"),
        (2, f"Run {rng.randint(2, 12)} workshops with {audience}{_tail(rng)}"),
        (2, f"Finish the {product} redesign before the {month} release{_tail(rng)}"),
        # vague verbs and quantifiers
        (3, f"{rng.choice(['Improve', 'Optimize', 'Enhance', 'Streamline'])} the {product} for {audience}{_tail(rng)}"),
        (2, f"Sign several {audience} to a pilot of the {product}{_tail(rng)}"),
        (2, f"Get more {audience} onto annual plans{_tail(rng)}"),
        (1, f"Significantly {'reduce' if down else 'increase'} {metric}{_tail(rng)}"),
        # status quo and unrealistic targets
        (2, f"Maintain {rng.choice(['99.9', '99.95', '99.5'])}% uptime for the {product}{_tail(rng)}"),
        (1, f"Keep {metric} below {b} every week"),
        (1, f"Capture 100% market share in {rng.choice(SEGMENTS)}{_tail(rng)}"),
        (1, f"Reach zero {rng.choice(ZERO_THINGS)}{_tail(rng)}"),
    ]
    return _weighted(rng, choices)


def objective(rng: random.Random) -> str:
    audience = rng.choice(AUDIENCES)
    product = rng.choice(PRODUCTS)
    metric = rng.choice(METRICS)[0]
    choices = [
        (6, f"{audience[0].upper() + audience[1:]} get value from the {product} in their first week{_tail(rng)}"),
        (4, f"The {product} feels fast for {audience}{_tail(rng)}"),
        (4, f"Become the go-to {product} for {audience}{_tail(rng)}"),
        (3, f"{audience[0].upper() + audience[1:]} trust our {product} with their critical work{_tail(rng)}"),
        (3, f"Shipping the {product} to production is fast and safe{_tail(rng)}"),
        (2, f"Incidents on the {product} are caught before {audience} notice them{_tail(rng)}"),
        (2, f"Delight {audience} with a {product} that just works{_tail(rng)}"),
        (2, f"Make the {product} a strength for {audience}{_tail(rng)}"),
        # objectives with problems
        (2, f"{rng.choice(['Double', 'Triple'])} {metric}{_tail(rng)}"),
        (2, f"{rng.choice(['Launch', 'Build', 'Ship'])} the new {product}{_tail(rng)}"),
        (1, f"Grow {metric}, cut costs and hire a {rng.choice(TEAMS).lower()} team"),
        (1, f"Reach {rng.randint(2, 50) * 1000:,} {audience} by {rng.choice(MONTHS)}"),
    ]
    return _weighted(rng, choices)


def initiative(rng: random.Random) -> str:
    product = rng.choice(PRODUCTS)
    choices = [
        (3, f"Self-service {product} setup for {rng.choice(AUDIENCES)}{_tail(rng)}"),
        (3, f"Move the {product} to {rng.choice(SYSTEMS)}{_tail(rng)}"),
        (2, f"Run a {rng.choice(['monthly', 'weekly', 'quarterly'])} game day on the {product}{_tail(rng)}"),
        (2, f"Interview {rng.randint(5, 30)} {rng.choice(AUDIENCES)} about the {product}"),
        (2, f"A/B test a simpler sign-up for the {product}{_tail(rng)}"),
        (2, f"Pair every new {rng.choice(ROLES)[:-1]} with a buddy for {rng.randint(2, 8)} weeks{_tail(rng)}"),
    ]
    return _weighted(rng, choices)


def _weighted(rng: random.Random, choices: list[tuple[int, str]]) -> str:
    total = sum(w for w, _ in choices)
    pick = rng.randrange(total)
    for weight, text in choices:
        if pick < weight:
            return text
        pick -= weight
    raise AssertionError("unreachable")


def plan(rng: random.Random, statements: int) -> list[tuple[str, list[str], list[str]]]:
    """OKRs totalling exactly `statements` statements: (objective, key results, initiatives)."""
    okrs: list[tuple[str, list[str], list[str]]] = []
    left = statements
    while left > 0:
        if left <= 5:
            krs = left - 1
            inits = 0
        else:
            krs = min(rng.choice([2, 3, 3, 4, 4, 4, 5, 6]), left - 1)
            inits = min(rng.choice([0, 0, 1, 2]), left - 1 - krs)
        if krs == 0 and left > 1:
            krs = 1
        okrs.append((objective(rng), [key_result(rng) for _ in range(krs)], [initiative(rng) for _ in range(inits)]))
        left -= 1 + krs + inits
    return okrs


def _owner(rng: random.Random) -> str:
    return f" (@{rng.choice(PEOPLE)})" if rng.random() < 0.35 else ""


def markdown(rng: random.Random, team: str, cycle: str, okrs: list[tuple[str, list[str], list[str]]]) -> str:
    style = rng.randrange(4)
    out = [f"# {team} OKRs {cycle}", "", rng.choice([
        "Reviewed every other Monday; scores are updated in the team wiki.",
        "Draft from the planning offsite. Comments welcome until the end of the first week.",
        "Owners in brackets. Progress is the last check-in.",
    ]), ""]
    for i, (obj, krs, inits) in enumerate(okrs, start=1):
        if style == 0:  # headings with labelled bullets
            out += [f"## Objective {i}: {obj}", ""]
            out += [f"- KR{i}.{j}: {kr}{_owner(rng)}" for j, kr in enumerate(krs, start=1)]
            if inits:
                out += ["", "### Initiatives", ""] + [f"- {t}" for t in inits]
        elif style == 1:  # labelled lines in one paragraph
            out += [f"Objective: {obj}"] + [f"KR: {kr}{_owner(rng)}" for kr in krs]
            out += [f"Initiative: {t}" for t in inits]
        elif style == 2:  # nested task-list bullets with progress notes
            out += [f"- **Objective:** [P{rng.randint(1, 3)}] {obj}"]
            for kr in krs:
                box = "x" if rng.random() < 0.2 else " "
                progress = f" => {rng.randrange(0, 101, 5)}%" if rng.random() < 0.6 else ""
                out.append(f"  - [{box}] KR: {kr}{progress}")
            out += [f"  - Initiative: {t}" for t in inits]
        else:  # a table, one row per key result; initiatives as labelled lines under it
            out += ["| Objective | Key Result | Owner |", "|---|---|---|"]
            for j, kr in enumerate(krs):
                out.append(f"| {obj if j == 0 else ''} | {kr} | @{rng.choice(PEOPLE)} |")
            if inits:
                out += [""] + [f"Initiative: {t}" for t in inits]
        out.append("")
    return "\n".join(out)


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_doc(rng: random.Random, team: str, cycle: str, okrs: list[tuple[str, list[str], list[str]]]) -> str:
    out = [f"# {team} team OKRs", f"cycle: {cycle}", f"team: {team}", "objectives:"]
    for obj, krs, inits in okrs:
        out.append(f"  - objective: {_yaml_str(obj)}")
        if rng.random() < 0.5:
            out.append(f"    owner: {rng.choice(PEOPLE)}")
        out.append("    key_results:")
        for kr in krs:
            if rng.random() < 0.3:
                out.append(f"      - text: {_yaml_str(kr)}")
                out.append(f"        owner: {rng.choice(PEOPLE)}")
            else:
                out.append(f"      - {_yaml_str(kr)}")
        if inits:
            out.append("    initiatives:")
            out += [f"      - {_yaml_str(t)}" for t in inits]
    return "\n".join(out) + "\n"


def generate(out_dir: Path, files: int, statements: int, seed: int = 5, yaml_share: float = 0.4) -> list[Path]:
    """Write `files` documents of `statements` statements each; returns their paths, sorted."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for n in range(files):
        team = rng.choice(TEAMS)
        cycle = f"Q{rng.randint(1, 4)} {rng.choice([2025, 2026, 2027])}"
        okrs = plan(rng, statements)
        if rng.random() < yaml_share:
            path, text = out_dir / f"team-{n:04d}.okr.yaml", yaml_doc(rng, team, cycle, okrs)
        else:
            path, text = out_dir / f"team-{n:04d}.okr.md", markdown(rng, team, cycle, okrs)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return sorted(paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--statements", type=int, default=50, help="statements per file")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    paths = generate(args.out, args.files, args.statements, args.seed)
    print(f"wrote {len(paths)} files to {args.out}")


if __name__ == "__main__":
    main()
