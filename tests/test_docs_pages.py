"""The documentation must not drift from the code: configuration keys, TOML examples, the
mkdocs nav, the rule-pack example and the GitHub Action's inputs."""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from okrlint.config import Config

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def config_keys() -> set[str]:
    return {field.alias or name for name, field in Config.model_fields.items() if name != "source"}


def section(text: str, heading: str) -> str:
    """A `## heading` section of a Markdown page, up to the next `## `."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def test_configuration_reference_lists_exactly_the_config_keys():
    table = section((DOCS / "configuration.md").read_text(encoding="utf-8"), "Keys")
    documented = set(re.findall(r"^\| `([a-z][a-z-]*)` \|", table, re.MULTILINE))
    assert documented - config_keys() == set(), "documented in docs/configuration.md but not in Config"
    assert config_keys() - documented == set(), "keys of Config missing from docs/configuration.md"


def test_every_key_mentioned_in_the_configuration_page_exists():
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    mentioned = set(re.findall(r"`([a-z]+(?:-[a-z]+)+)`", text))  # dashed names in backticks
    keyish = {m for m in mentioned if m.split("-")[0] in {k.split("-")[0] for k in config_keys()}}
    rule_names = {r.name for r in __import__("okrlint.rulebook", fromlist=["load_rules"]).load_rules()}
    unknown = {m for m in keyish if m not in config_keys() and m not in rule_names and not m.startswith("extend-")}
    assert unknown == set(), f"docs/configuration.md mentions keys that Config lacks: {sorted(unknown)}"


TOML_PAGES = ["configuration.md", "getting-started.md", "integrations.md", "rule-packs.md"]


@pytest.mark.parametrize("page", TOML_PAGES)
def test_toml_examples_are_valid_configurations(page: str):
    for block in blocks((DOCS / page).read_text(encoding="utf-8"), "toml"):
        data = tomllib.loads(block)
        data = data.get("tool", {}).get("okrlint", data)
        Config.model_validate(data)  # unknown keys and wrong types raise


def test_readme_toml_example_is_a_valid_configuration():
    for block in blocks((ROOT / "README.md").read_text(encoding="utf-8"), "toml"):
        Config.model_validate(tomllib.loads(block).get("tool", {}).get("okrlint", {}))


def test_mkdocs_nav_lists_every_page():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = [page for item in config["nav"] for page in item.values()]
    assert sorted(nav) == sorted(p.name for p in DOCS.glob("*.md"))
    assert len(nav) == len(set(nav))


def test_rule_pack_page_example_passes_its_own_examples(tmp_path: Path):
    from okrlint.packs import run_pack_examples

    example = blocks((DOCS / "rule-packs.md").read_text(encoding="utf-8"), "yaml")[0]
    pack = tmp_path / "attendance.yaml"
    pack.write_text(example, encoding="utf-8")
    out = io.StringIO()
    assert run_pack_examples([pack], out), out.getvalue()
    assert "3 examples: 3 passed, 0 failed" in out.getvalue()


def test_rule_pack_page_lists_the_supported_matcher_keys():
    from okrlint.packs import OPS, SUPPORTED_ATTRS, SUPPORTED_PREDICATES

    text = (DOCS / "rule-packs.md").read_text(encoding="utf-8")
    for key in [*SUPPORTED_ATTRS, *SUPPORTED_PREDICATES, *OPS]:
        assert f"`{key}`" in text, key


def test_integrations_page_lists_the_action_inputs():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    table = section((DOCS / "integrations.md").read_text(encoding="utf-8"), "GitHub Actions")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", table, re.MULTILINE))
    assert documented == set(action["inputs"])


def test_code_comments_hold_no_benchmark_figures():
    """Timings belong in benchmarks/README.md, where they can be measured again; a comment
    says why in words (a figure in a comment goes stale and makes a micro-optimisation look
    load-bearing)."""
    import tokenize

    figure = re.compile(
        r"\d+(?:\.\d+)? ?(?:us|µs|ms)\b|\d\.\d+ s\b|best of \d|\d+% of (?:a |an |the )?(?:\w+ ){0,2}(?:run|time)\b"
    )
    found = []
    for path in sorted((ROOT / "okrlint").rglob("*.py")):
        with path.open("rb") as fh:
            for tok in tokenize.tokenize(fh.readline):
                is_doc = tok.type == tokenize.STRING and tok.string.startswith(('"""', "'''"))
                if (tok.type == tokenize.COMMENT or is_doc) and figure.search(tok.string):
                    found.append(f"{path.relative_to(ROOT)}:{tok.start[0]}")
    assert found == [], found
