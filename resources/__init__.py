"""Data files shipped with the kiosk: fonts, policy tables, layouts, translations."""

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Return the path of a shipped resource file, e.g. resource_path("fonts", "NotoSans-Regular.ttf")."""
    return RESOURCES.joinpath(*parts)
