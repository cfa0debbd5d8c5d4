"""`okrlint init`: a commented configuration and a clean starter OKR file, never overwriting."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from okrlint.cli import main
from okrlint.config import Config, load_config_file
from okrlint.init import CONFIG, STARTER

pytestmark = pytest.mark.usefixtures("isolated_cwd")


def test_init_writes_a_config_and_a_clean_starter(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert "wrote .okrlint.toml" in out and "wrote okrs.okr.md" in out
    assert (isolated_cwd / ".okrlint.toml").read_text(encoding="utf-8") == CONFIG
    assert (isolated_cwd / "okrs.okr.md").read_text(encoding="utf-8") == STARTER

    config = load_config_file(isolated_cwd / ".okrlint.toml")
    assert config.model_dump(exclude={"source"}) == Config().model_dump(exclude={"source"})

    # The starter is a good OKR to copy from: it is found by a directory walk and has no finding.
    assert main(["check", "--format", "json", "--fail-on", "info", "."]) == 0
    data = json.loads(capsys.readouterr().out)
    [file] = data["files"]
    assert file["path"].endswith("okrs.okr.md") and file["findings"] == [] and file["score"] == 100
    assert len(file["okrs"]) == 2 and all(len(okr["key_results"]) == 3 for okr in file["okrs"])
    assert sum(len(okr["initiatives"]) for okr in file["okrs"]) == 2


def test_init_into_a_new_directory(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["init", "goals/team"]) == 0
    assert (isolated_cwd / "goals" / "team" / ".okrlint.toml").is_file()
    assert (isolated_cwd / "goals" / "team" / "okrs.okr.md").is_file()


@pytest.mark.parametrize("existing", [".okrlint.toml", "okrs.okr.md"])
def test_init_refuses_to_overwrite(isolated_cwd: Path, capsys: pytest.CaptureFixture[str], existing: str):
    (isolated_cwd / existing).write_text("mine\n", encoding="utf-8")
    assert main(["init"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{existing} already exists" in err
    assert (isolated_cwd / existing).read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in isolated_cwd.iterdir()) == [existing]  # nothing else written


def test_init_target_is_a_file(isolated_cwd: Path, capsys: pytest.CaptureFixture[str]):
    (isolated_cwd / "plain").write_text("x", encoding="utf-8")
    assert main(["init", "plain"]) == 2
    assert "not a directory" in capsys.readouterr().err


def test_config_template_mentions_every_key():
    for name, field in Config.model_fields.items():
        if name == "source":
            continue
        key = field.alias or name
        assert re.search(rf"^(# )?(\[)?{re.escape(key)}( =|\]|\.)", CONFIG, re.MULTILINE), key
