"""Config: defaults, the commented copy, and errors that name file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.config import Config, config_toml, load_config
from scorer.errors import ConfigError

ROOT = Path(__file__).parent.parent


def test_default_toml_is_a_copy_of_the_defaults():
    assert (ROOT / "configs" / "default.toml").read_text(
        encoding="utf-8"
    ) == config_toml()
    assert load_config(ROOT / "configs" / "default.toml") == Config()


@pytest.mark.parametrize("profile", sorted((ROOT / "configs").glob("*.toml")), ids=str)
def test_every_shipped_profile_is_valid(profile):
    load_config(profile)


def test_out_of_range_knob_names_file_line_and_key(tmp_path):
    path = tmp_path / "my.toml"
    path.write_text(
        "[group]\nthreshold = 0.5\n\n[provenance]\n# decay\nhop_decay = 7\n"
    )
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.problems == [
        f"{path}:6: provenance.hop_decay must be between 0.0 and 1.0, got 7"
    ]


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(
        "[provenance]\nhop_decay = 1.5\nhedge_factor = 'high'\n"
        "[group]\nthreshhold = 0.4\n"
    )
    with pytest.raises(ConfigError) as info:
        load_config(path)
    problems = info.value.problems
    assert len(problems) == 3
    assert problems[0].startswith(f"{path}:2: provenance.hop_decay must be between")
    assert problems[1].startswith(
        f"{path}:3: provenance.hedge_factor must be a valid number"
    )
    assert problems[2].startswith(f"{path}:5: group.threshhold is not a known key")
    assert "threshold" in problems[2]


def test_unknown_section_is_named(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[grouping]\nthreshold = 0.4\n")
    with pytest.raises(ConfigError, match=r"bad.toml:1: grouping is not a known key"):
        load_config(path)


def test_overrides_apply_after_the_file_and_are_named_when_bad(tmp_path):
    path = tmp_path / "ok.toml"
    path.write_text("[provenance]\nhop_decay = 0.5\n")
    config = load_config(path, ["provenance.hop_decay=0.9", "report.top=3"])
    assert config.provenance.hop_decay == 0.9
    assert config.report.top == 3
    with pytest.raises(ConfigError) as info:
        load_config(path, ["provenance.hop_decay=2", "nonsense"])
    assert info.value.problems == [
        "--set nonsense: expected section.key=value, got 'nonsense'",
        "--set provenance.hop_decay=2: "
        "provenance.hop_decay must be between 0.0 and 1.0, "
        "got 2",
    ]


def test_invalid_toml_is_reported_with_its_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[provenance\nhop_decay = 0.5\n")
    with pytest.raises(ConfigError, match=r"broken.toml: not valid TOML"):
        load_config(path)


def test_missing_data_file_is_caught_at_load(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[provenance]\npriors_csv = 'nowhere.csv'\n")
    with pytest.raises(
        ConfigError, match=r"c.toml:2: provenance.priors_csv must name an"
    ):
        load_config(path)


def test_relative_data_files_resolve_against_the_config_folder(tmp_path):
    (tmp_path / "priors.csv").write_text("domain,prior\nexample.com,0.9\n")
    path = tmp_path / "c.toml"
    path.write_text("[provenance]\npriors_csv = 'priors.csv'\n")
    assert load_config(path).provenance.priors_csv == str(tmp_path / "priors.csv")


def test_inline_sources_are_validated(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        "[[extract.sources]]\nname = 'Ministry of Truth'\nkind = 'primary'\n"
        "reliability = 0.95\n\n[[extract.sources]]\nname = 'X'\nkind = 'oracle'\n"
    )
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert len(info.value.problems) == 1
    assert "extract.sources.1.kind" in info.value.problems[0]
