"""The dossier's XML Schemas (resources/dossier/*.xsd), each checked before a file is written."""

from __future__ import annotations

from functools import cache

import xmlschema
from lxml import etree

from kiosk.errors import KioskError
from resources import resource_path

# The root element of each layout and its schema file.
SCHEMA_FILES = {
    "Hoso": "bhxhdientu.xsd",
    "TK1-TS": "tk1-ts.xsd",
    "D03-TS": "d03-ts.xsd",
    "D05-TS": "d05-ts.xsd",
    "D01-TS": "d01-ts.xsd",
}


@cache
def schema(root_tag: str) -> xmlschema.XMLSchema:
    """The compiled schema for a root element (compiled once per process)."""
    return xmlschema.XMLSchema(str(resource_path("dossier", SCHEMA_FILES[root_tag])))


def check(data: bytes) -> None:
    """Raise a KioskError naming the first place `data` breaks its layout's schema."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(data, parser)
    if root.tag not in SCHEMA_FILES:
        raise KioskError(
            "dossier.schema",
            vi=f"Không có lược đồ cho <{root.tag}>.",
            en=f"No schema for <{root.tag}>.",
        )
    error = next(iter(schema(root.tag).iter_errors(root)), None)
    if error is not None:
        where = error.path or ""
        raise KioskError(
            "dossier.schema",
            vi=f"Tệp {root.tag} sai cấu trúc tại {where}: {error.reason}.",
            en=f"{root.tag} breaks its schema at {where}: {error.reason}.",
        )
