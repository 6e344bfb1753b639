"""The collection agent and its I-VAN provider, as the dossier's envelope names them.

None of these values can be made up (they are VSS's and the provider's identifiers). They come
from the ONE place the receipts read them too: the [agent] table of the kiosk's configuration
(kiosk.config.AgentConfig), and a dossier is refused while one is missing. A former
`dossier-agent.toml` beside the configuration ([agent] with unit_code, [ivan] with code and
name) is still read when the configuration's [agent] is not filled in yet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.config import AgentConfig, ConfigError, read_agent
from kiosk.errors import KioskError
from kiosk.toml_read import TOMLDecodeError, loads

AGENT_FILE_NAME = "dossier-agent.toml"  # the former separate file, read as a fallback
MAX_FILE_BYTES = 65_536  # the whole kiosk configuration, comments included
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# (AgentConfig field, required, label vi, label en)
FIELDS = (
    ("name", True, "tên đại lý thu", "agent's name"),
    ("code", True, "mã đơn vị của đại lý", "agent's unit code"),
    ("unit_kind", True, "loại đối tượng", "unit kind"),
    ("tax_code", False, "mã số thuế", "tax code"),
    ("signer", True, "người ký", "signer"),
    ("phone", False, "điện thoại", "phone"),
    ("vss_office", True, "mã cơ quan BHXH quản lý", "managing VSS office code"),
    ("ivan_code", True, "mã nhà cung cấp I-VAN", "I-VAN provider code"),
    ("ivan_name", True, "tên nhà cung cấp I-VAN", "I-VAN provider name"),
)

EXAMPLE = """[agent]
name = "Bưu điện xã Ea Kao"       # tên đại lý thu (tổ chức được BHXH uỷ quyền thu)
code = "…"                        # mã đơn vị do BHXH cấp cho đại lý
unit_kind = "…"                   # loại đối tượng theo hướng dẫn của nhà cung cấp I-VAN
tax_code = ""
signer = "…"                      # người ký hồ sơ
phone = ""
vss_office = "…"                  # mã cơ quan BHXH quản lý đại lý
ivan_code = "…"                   # mã nhà cung cấp I-VAN do BHXH Việt Nam cấp
ivan_name = "…"
series_bhyt = ""                  # ký hiệu biên lai BHYT do BHXH cấp
series_bhxh = ""                  # ký hiệu biên lai BHXH tự nguyện do BHXH cấp
"""


@dataclass(frozen=True)
class AgentInfo:
    """Who submits: the agent (ThongTinDonVi) and its provider (ThongTinIVAN)."""

    name: str
    unit_code: str
    unit_kind: str
    signer: str
    vss_office: str
    ivan_code: str
    ivan_name: str
    tax_code: str = ""
    phone: str = ""


def agent_info(agent: AgentConfig, source: str = "kiosk.toml") -> AgentInfo:
    """The dossier's agent from the configuration's [agent]; every missing or placeholder
    ("…") value is named in one error."""
    values: dict[str, str] = {}
    bad_vi: list[str] = []
    bad_en: list[str] = []
    for key, required, label_vi, label_en in FIELDS:
        value = unicodedata.normalize("NFC", getattr(agent, key).strip())
        if (required and not value) or _CONTROL.search(value) or len(value) > 200 or "…" in value:
            bad_vi.append(label_vi)
            bad_en.append(label_en)
        values[key] = value
    if bad_vi:
        raise KioskError(
            "dossier.agent_incomplete",
            vi=f"Mục [agent] trong {source} thiếu hoặc sai: {', '.join(bad_vi)}.",
            en=f"[agent] in {source} lacks or has a wrong: {', '.join(bad_en)}.",
        )
    return AgentInfo(
        name=values["name"],
        unit_code=values["code"],
        unit_kind=values["unit_kind"],
        signer=values["signer"],
        vss_office=values["vss_office"],
        ivan_code=values["ivan_code"],
        ivan_name=values["ivan_name"],
        tax_code=values["tax_code"],
        phone=values["phone"],
    )


def parse_agent(text: str, source: str = "kiosk.toml") -> AgentInfo:
    """The agent from a configuration's TOML text ([agent]; a former agent file's
    [agent] unit_code and [ivan] table are read too)."""
    return agent_info(_agent_config(text, source), source)


def load_agent(path: Path) -> AgentInfo:
    """The agent of the configuration at `path` (size-capped); when its [agent] is not filled
    in and a former dossier-agent.toml lies beside it, that file; else a clear error."""
    agent = _agent_config(_read(path), str(path))
    legacy = path.parent / AGENT_FILE_NAME
    if path.name != AGENT_FILE_NAME and not agent.code and legacy.exists():
        return agent_info(_agent_config(_read(legacy), str(legacy)), str(legacy))
    return agent_info(agent, str(path))


def default_agent_path() -> Path:
    """The kiosk's configuration file (its [agent] table)."""
    return paths.config_path()


def _agent_config(text: str, source: str) -> AgentConfig:
    try:
        data: dict[str, Any] = loads(text)
    except TOMLDecodeError as err:
        raise KioskError(
            "dossier.agent_file",
            vi=f"Tệp {source} không đọc được: {err}.",
            en=f"{source} cannot be read: {err}.",
        ) from None
    table = data.get("agent")
    table = dict(table) if isinstance(table, dict) else {}
    if "unit_code" in table:  # the former agent file's names
        table.setdefault("code", table.pop("unit_code"))
    ivan = data.get("ivan")
    if isinstance(ivan, dict):
        table.setdefault("ivan_code", ivan.get("code", ""))
        table.setdefault("ivan_name", ivan.get("name", ""))
    try:
        return read_agent({"agent": table})
    except ConfigError as err:
        raise KioskError("dossier.agent_file", vi=err.vi, en=err.en) from None


def _read(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KioskError(
            "dossier.no_agent",
            vi=f"Chưa có thông tin đại lý thu: điền mục [agent] trong {path} theo README.",
            en=f"The collection agent is not set up: fill in [agent] in {path} as the README "
            "shows.",
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise KioskError(
            "dossier.agent_file",
            vi=f"Tệp {path} quá lớn.",
            en=f"{path} is too large.",
        )
    return raw.decode("utf-8", errors="replace")
