"""The agent: ONE source (the configuration's [agent], which receipts read too); every
identifier comes from the office, missing ones are all named at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.dossier.agent import EXAMPLE, agent_info, load_agent, parse_agent
from kiosk.errors import KioskError

GOOD = """[agent]
name = "MẪU — Bưu điện xã Ea Kao"
code = "MAU0001"
unit_kind = "1"
signer = "MẪU — Lê Thị Thu"
vss_office = "MAU"
ivan_code = "MAU"
ivan_name = "MẪU — nhà cung cấp"
series_bhyt = "YT25MAU"
"""
FORMER = """[agent]
name = "MẪU — Bưu điện xã Ea Kao"
unit_code = "MAU0001"
unit_kind = "1"
signer = "MẪU — Lê Thị Thu"
vss_office = "MAU"
[ivan]
code = "MAU"
name = "MẪU — nhà cung cấp"
"""


def test_a_complete_agent_table_gives_the_agent() -> None:
    """Every required value read, optional ones empty; the former file's names read alike."""
    agent = parse_agent(GOOD)
    assert (agent.unit_code, agent.ivan_code, agent.tax_code) == ("MAU0001", "MAU", "")
    assert parse_agent(FORMER) == agent


def test_receipts_and_dossier_read_the_same_table(tmp_path: Path) -> None:
    """The kiosk configuration's [agent] gives the receipts' series and the dossier's agent."""
    text = DEFAULT_CONFIG.replace(
        DEFAULT_CONFIG[DEFAULT_CONFIG.index("[agent]") :].split("[bank]")[0], GOOD + "\n"
    )
    config = parse_config(text)
    assert config.agent.series_bhyt == "YT25MAU"
    assert agent_info(config.agent).name == "MẪU — Bưu điện xã Ea Kao"
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    assert load_agent(path).unit_code == "MAU0001"


def test_missing_and_placeholder_values_are_all_named() -> None:
    """The README's example (placeholders “…”) is refused naming each value still to fill in."""
    with pytest.raises(KioskError) as err:
        parse_agent(EXAMPLE)
    assert err.value.code == "dossier.agent_incomplete"
    assert err.value.en.endswith(
        "agent's unit code, unit kind, signer, managing VSS office code, I-VAN provider code, "
        "I-VAN provider name."
    )
    with pytest.raises(KioskError) as err:
        parse_agent("[agent\n")
    assert err.value.code == "dossier.agent_file"


def test_the_default_configuration_is_incomplete_until_the_office_fills_it(
    tmp_path: Path,
) -> None:
    """kiosk init writes an empty [agent]: the dossier is refused; a former agent file beside
    the configuration is read instead while [agent] is empty."""
    path = tmp_path / "kiosk.toml"
    path.write_text(DEFAULT_CONFIG, encoding="utf-8")
    with pytest.raises(KioskError) as err:
        load_agent(path)
    assert err.value.code == "dossier.agent_incomplete"
    (tmp_path / "dossier-agent.toml").write_text(FORMER, encoding="utf-8")
    assert load_agent(path).ivan_name == "MẪU — nhà cung cấp"


def test_absent_or_huge_file_is_a_clear_error(tmp_path: Path) -> None:
    """No file: says which file to fill in; a file over 64 kB is refused unread."""
    with pytest.raises(KioskError) as err:
        load_agent(tmp_path / "kiosk.toml")
    assert err.value.code == "dossier.no_agent" and "kiosk.toml" in err.value.vi
    big = tmp_path / "big.toml"
    big.write_bytes(GOOD.encode() + b"#" * 70_000)
    with pytest.raises(KioskError) as err:
        load_agent(big)
    assert err.value.code == "dossier.agent_file"
