"""What a catalogue entry is made of: renderers, rules, sources, and the catalogue itself.

The entries themselves are in printing/catalogue.py; this module holds only their shape, so it
imports no renderer and no record loader.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from kiosk.domain.enums import DocumentKind, PrinterRole, StrEnum
from kiosk.domain.labels import label as enum_label
from kiosk.errors import KioskError
from kiosk.store.models import Enrollment
from printing import sources

D = TypeVar("D")
# "card:<record id>": what a job prints, so a second job for it is a reprint.
GUARD = "{kind}:{source}"


@dataclass(frozen=True)
class PrintOptions:
    """A printer's rendering options from its configuration (printers.<role> in the config)."""

    width_dots: int = 576  # 80 mm paper: 72 mm printable at 203 dpi
    profile: str = "default"  # python-escpos capabilities profile
    text_mode: bool = False  # ESC/POS text with the profile's code page instead of raster
    offset_x_mm: float = 0.0  # booklet calibration: where the stock really sits
    offset_y_mm: float = 0.0

    @classmethod
    def of(cls, options: Mapping[str, Any]) -> PrintOptions:
        """From a printer's option table (width_mm, profile, text_mode, offset_x_mm/_y_mm)."""
        return cls(
            width_dots=round(float(options.get("width_mm", 80)) / 80 * 576),
            profile=str(options.get("profile", "default")),
            text_mode=bool(options.get("text_mode", False)),
            offset_x_mm=float(options.get("offset_x_mm", 0.0)),
            offset_y_mm=float(options.get("offset_y_mm", 0.0)),
        )

    @property
    def offsets(self) -> tuple[float, float]:
        return self.offset_x_mm, self.offset_y_mm


@dataclass(frozen=True)
class Renderers(Generic[D]):
    """How a document model becomes bytes: ESC/POS for a thermal printer, and/or a PDF."""

    escpos: Callable[[D, PrintOptions], bytes] | None = None
    pdf: Callable[[D, PrintOptions], bytes] | None = None
    page_mm: tuple[float, float] | None = None  # the PDF's paper, checked by the spooler

    def format_for(self, accepts: tuple[str, ...]) -> str | None:
        """ESC/POS only for a printer that takes nothing else (the PDF folder gets a PDF)."""
        if self.escpos is not None and (self.pdf is None or "pdf" not in accepts):
            return "escpos"
        return "pdf" if self.pdf is not None else None


@dataclass(frozen=True)
class Printable(Generic[D]):
    """A document model with the renderers that print it."""

    document: D
    render: Renderers[D]


class OnCrash(StrEnum):
    """What start-up does with a job of this kind a crash left "printing"."""

    RESUME = "resume"  # cheap paper without an identity on it: print it again
    REVIEW = "review"  # numbered stock: a person checks whether it came out


class Reprint(StrEnum):
    """Who may print an already printed document again (always with a reason)."""

    REASON = "reason"
    SUPERVISOR = "supervisor"  # a wrong "print again" makes a second card


@dataclass(frozen=True)
class Source:
    """The kind of record a job points at, and the name the job row stores for it."""

    type_name: str  # stored as print_jobs.source_type
    record: type[Any] | None  # the table the id is a key of (None: the job carries no record)


@dataclass(frozen=True)
class VisitDocument:
    """How a paid visit's documents of a kind are found (see printing.sources)."""

    key: Callable[[sources.Issuing, Enrollment], uuid.UUID | None]
    names: Callable[[Session, sources.VisitPeople], dict[uuid.UUID, str]]
    wanted: Callable[[Enrollment], bool] = sources.always
    by_default: bool = True  # issued after payment without being asked for


Loader = Callable[[Session, uuid.UUID, Mapping[str, Any]], D]


@dataclass(frozen=True)
class DocumentSpec(Generic[D]):
    """Everything printing knows about one kind of document."""

    kind: DocumentKind
    role: PrinterRole | None  # None: each job names its printer (test pages)
    source: Source
    load: Loader[D]  # (session, source id, job params) -> document model
    render: Renderers[D]
    on_crash: OnCrash
    reprint: Reprint = Reprint.REASON
    guard: str | None = GUARD  # None: every request prints (reports, test pages)
    visit: VisitDocument | None = None
    sample: Callable[[], D] | None = None  # the synthetic sample ("MẪU") for `render --sample`
    signed_sample: Callable[[Ed25519PrivateKey, str], D] | None = None  # provisional sample
    # This role's "In thử" page, if this kind is the one that shows the role works.
    test_page: Callable[[DocumentSpec[D]], Printable[Any]] | None = None

    @property
    def needs_supervisor(self) -> bool:
        """A reprint (or "did not come out, print again") needs a supervisor."""
        return self.reprint == Reprint.SUPERVISOR

    @property
    def resumes(self) -> bool:
        """A crash-interrupted job prints again by itself (else it waits for review)."""
        return self.on_crash == OnCrash.RESUME

    def label(self, lang: str = "vi") -> str:
        """The kind's name for people (kiosk.domain.labels.DOCUMENT)."""
        return enum_label(self.kind, lang)

    def guard_key(self, source_id: object) -> str | None:
        """The "already printed" key of a first request, or None for unguarded kinds."""
        if self.guard is None:
            return None
        return self.guard.format(kind=self.kind.value, source=source_id)

    def reprint_guard_key(self, source_id: object) -> str:
        """The key a reprint is filed under (unguarded kinds use the default format)."""
        return (self.guard or GUARD).format(kind=self.kind.value, source=source_id)

    def printable(
        self, session: Session, key: uuid.UUID, params: Mapping[str, Any]
    ) -> Printable[Any]:
        """The document a job of this kind prints, with its renderers."""
        document = self.load(session, key, params)
        if isinstance(document, Printable):  # a test page brings its own renderers
            return document
        return Printable(document, self.render)


class Catalogue:
    """The entries by kind, in the order a visit's documents print."""

    def __init__(self, specs: Iterable[DocumentSpec[Any]]) -> None:
        self._specs: dict[DocumentKind, DocumentSpec[Any]] = {s.kind: s for s in specs}

    def __iter__(self) -> Iterator[DocumentSpec[Any]]:
        return iter(self._specs.values())

    def entry(self, kind: DocumentKind) -> DocumentSpec[Any]:
        """The entry of `kind`; print.unprintable for a kind without one."""
        spec = self._specs.get(kind)
        if spec is None:
            raise unprintable(kind.value)
        return spec

    def replace(self, spec: DocumentSpec[Any]) -> Catalogue:
        """A copy with `spec` in place of its kind's entry (or added at the end)."""
        return Catalogue({**self._specs, spec.kind: spec}.values())

    def test_page(self, role: PrinterRole) -> Printable[Any]:
        """The test page of a printer role: the first entry of that role that has one."""
        for spec in self:
            if spec.role == role and spec.test_page is not None:
                return spec.test_page(spec)
        raise unprintable(f"test_page:{role.value}")


def unprintable(what: str) -> KioskError:
    """print.unprintable: no layout for this kind of document."""
    return KioskError(
        "print.unprintable",
        vi=f"Không có mẫu in cho loại giấy tờ “{what}”.",
        en=f"There is no print layout for “{what}”.",
    )
