"""Suggestions point the right way: the rewrite's verb follows the metric's direction (a
lower-is-better metric is reduced, never increased), and the metric it names is a noun phrase
of the statement, never a date, a number or a person.

Each row: a key result, the rule whose suggestion is read, the verb and the metric the
rewrite must use. The rewrite is the `<Verb> <metric> from <current value>` part of the
suggestion."""

from __future__ import annotations

import json
import re

import pytest

from okrlint.api import lint_documents
from okrlint.config import Config
from okrlint.readers import read_text

REWRITE = re.compile(r"(?:^|')(?P<verb>[A-Z][a-z]+) (?P<metric>[^']+?) from <current value>")

CASES = [
    # lower is better: reduce, whatever verb or form the statement used
    ("Improve page load time", "vague-verb", "Reduce", "page load time"),
    ("Improve API latency", "vague-verb", "Reduce", "API latency"),
    ("Optimize infrastructure costs", "vague-verb", "Reduce", "infrastructure costs"),
    ("Improve customer churn", "vague-verb", "Reduce", "customer churn"),
    ("Improve mean time to recovery", "vague-verb", "Reduce", "mean time to recovery"),
    ("Improve the error rate of the checkout", "vague-verb", "Reduce", "error rate of the checkout"),
    ("Optimize build times", "vague-verb", "Reduce", "build times"),
    ("Improve time to first response", "vague-verb", "Reduce", "time to first response"),
    ("Enhance support ticket backlog", "vague-verb", "Reduce", "support ticket backlog"),
    ("Improve cloud spend", "vague-verb", "Reduce", "cloud spend"),
    ("Optimize the p95 latency of search", "vague-verb", "Reduce", "p95 latency of search"),
    ("Improve onboarding drop-off and friction", "vague-verb", "Reduce", "onboarding drop-off"),
    ("Churn under 2%", "kr-missing-baseline", "Reduce", "Churn"),
    ("Latency below 200 ms", "kr-missing-baseline", "Reduce", "Latency"),
    ("Error rate under 0.1%", "kr-missing-baseline", "Reduce", "Error rate"),
    ("Cost per ticket drops by 15%", "kr-missing-baseline", "Reduce", "Cost per ticket"),
    ("Time to first response under 4 hours", "kr-missing-baseline", "Reduce", "Time to first response"),
    ("Monthly churn below 3% by Q4", "kr-missing-baseline", "Reduce", "Monthly churn"),
    ("Ticket backlog under 50 tickets", "kr-missing-baseline", "Reduce", "Ticket backlog"),
    ("Cut costs by 20%", "kr-missing-baseline", "Cut", "costs"),
    ("Reduce churn by 20%", "kr-missing-baseline", "Reduce", "churn"),
    ("Lower customer acquisition cost by 10%", "kr-missing-baseline", "Lower", "customer acquisition cost"),
    ("Decrease page load time to 2 seconds", "kr-missing-baseline", "Decrease", "page load time"),
    ("Shrink deployment lead time to 1 day", "kr-missing-baseline", "Shrink", "deployment lead time"),
    ("Reduce open security vulnerabilities by half", "kr-missing-baseline", "Reduce", "open security vulnerabilities"),
    ("Reduce refunds by 30% in August", "kr-missing-baseline", "Reduce", "refunds"),
    ("Reduce customer complaints", "kr-not-measurable", "Reduce", "customer complaints"),
    ("Decrease the number of production incidents", "kr-not-measurable", "Reduce", "number of production incidents"),
    ("Lower infrastructure spend", "kr-not-measurable", "Reduce", "infrastructure spend"),
    ("Keep churn below 2%", "kr-kpi-maintain", "Reduce", "churn"),
    ("Maintain error rate under 1%", "kr-kpi-maintain", "Reduce", "error rate"),
    ("Keep p99 latency under 500 ms", "kr-kpi-maintain", "Reduce", "p99 latency"),
    # higher is better: increase, and the metric as written
    ("Improve customer satisfaction", "vague-verb", "Increase", "customer satisfaction"),
    ("Boost website traffic", "vague-verb", "Increase", "website traffic"),
    ("Enhance user engagement", "vague-verb", "Increase", "user engagement"),
    ("Improve trial-to-paid conversion", "vague-verb", "Increase", "trial-to-paid conversion"),
    ("Optimize email open rate", "vague-verb", "Increase", "email open rate"),
    ("Improve test coverage of the billing service", "vague-verb", "Increase", "test coverage of the billing service"),
    ("Improve our NPS", "vague-verb", "Increase", "NPS"),
    ("Strengthen partner retention", "vague-verb", "Increase", "partner retention"),
    ("Increase NPS to 50", "kr-missing-baseline", "Increase", "NPS"),
    ("Grow revenue to $2M in Q3", "kr-missing-baseline", "Grow", "revenue"),
    ("Increase weekly active users by 25%", "kr-missing-baseline", "Increase", "weekly active users"),
    ("Double the number of paying teams", "kr-missing-baseline", "Double", "number of paying teams"),
    ("Raise the activation rate to 40% by March", "kr-missing-baseline", "Raise", "activation rate"),
    ("Retention above 90%", "kr-missing-baseline", "Increase", "Retention"),
    ("NPS of 45 or more", "kr-missing-baseline", "Increase", "NPS"),
    ("Uptime of 99.95% for the public API", "kr-missing-baseline", "Increase", "Uptime"),
    ("Expand market share in Germany by 5 points", "kr-missing-baseline", "Expand", "market share in Germany"),
    ("Increase conversion from trial to paid by 10%", "kr-missing-baseline", "Increase", "conversion"),
    ("Grow organic sign-ups", "kr-not-measurable", "Increase", "organic sign-ups"),
    ("Increase repeat purchases", "kr-not-measurable", "Increase", "repeat purchases"),
    ("Increase adoption of the mobile app", "kr-not-measurable", "Increase", "adoption of the mobile app"),
    ("Maintain 99.9% uptime", "kr-kpi-maintain", "Increase", "uptime"),
    ("Keep customer satisfaction above 4.5", "kr-kpi-maintain", "Increase", "customer satisfaction"),
    ("Sustain a CSAT of 90%", "kr-kpi-maintain", "Increase", "CSAT"),
    # work: the rewrite names the work, never a date, number or person
    ("Ship the new onboarding flow by August", "kr-output", "Increase",
     "<the metric the new onboarding flow should move>"),
    ("Publish 5 blog posts", "kr-output", "Increase", "<the metric blog posts should move>"),
    ("Hire 3 engineers by March", "kr-output", "Increase", "<the metric engineers should move>"),
    ("Launch the partner portal in Q2", "kr-output", "Increase", "<the metric the partner portal should move>"),
    ("Run 4 customer workshops", "kr-output", "Increase", "<the metric customer workshops should move>"),
    ("Migrate billing to Stripe with Maria", "kr-output", "Increase", "<the metric billing should move>"),
    ("Write the security whitepaper", "kr-output", "Increase", "<the metric the security whitepaper should move>"),
]


@pytest.fixture(scope="module")
def suggestions(nlp) -> dict[tuple[str, str], str]:
    """Each case's statement linted once, all in one batch: its suggestion per rule."""
    items = []
    for text, _, _, _ in CASES:
        source = f'objectives:\n  - objective: "Delight our customers"\n    key_results:\n      - {json.dumps(text)}\n'
        items.append((read_text(source, "s.okr.yaml"), source, Config()))
    found = {}
    for (text, _, _, _), result in zip(CASES, lint_documents(items), strict=True):
        for f in result.findings:
            if f.text == text and f.suggestion:
                found[(text, f.name)] = f.suggestion
    return found


def test_the_table_is_broad_enough():
    assert len(CASES) >= 60
    assert len({c[0] for c in CASES}) == len(CASES)
    assert sum(c[2] == "Reduce" for c in CASES) >= 20


@pytest.mark.parametrize(("text", "rule", "verb", "metric"), CASES, ids=[c[0] for c in CASES])
def test_suggestion_verb_and_metric(suggestions, text, rule, verb, metric):
    suggestion = suggestions.get((text, rule))
    assert suggestion is not None, f"{rule} did not fire on {text!r}"
    m = REWRITE.search(suggestion)
    assert m is not None, suggestion
    assert (m.group("verb"), m.group("metric")) == (verb, metric), suggestion
