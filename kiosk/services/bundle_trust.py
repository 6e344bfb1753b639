"""Which kiosk keys the office trusts: pinned by a person, never by a bundle, and bundle order."""

from __future__ import annotations

import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from kiosk.domain.keys import public_key_from_text, public_key_text
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.bundle_codec import Opened, verify_signature
from kiosk.services.context import KioskContext
from kiosk.services.staff_roles import require_supervisor_once_staffed
from kiosk.store.models import Kiosk
from kiosk.store.models.ops import TrustedKiosk

EXPLICIT = "explicit"
FIRST_USE = "first_use"


def trust_kiosk(
    session: Session,
    ctx: KioskContext,
    kiosk_id: str,
    public_key: str,
    *,
    replace: bool = False,
    staff_id: uuid.UUID | None = None,
) -> TrustedKiosk:
    """Pin `kiosk_id`'s signing key (base64, as `kiosk init` prints it) at this office.

    A supervisor's decision (`staff_id`) once the office has accounts.

    Pinning the same key again changes nothing. A different key for an already pinned kiosk
    needs `replace` (a reinstalled kiosk): its bundle numbering starts again from 1.
    """
    require_supervisor_once_staffed(session, staff_id)
    key = public_key_text(public_key_from_text(public_key))  # canonical text, or a KioskError
    if kiosk_id == ctx.kiosk_id:
        raise _own_id(kiosk_id)
    trusted = session.get(TrustedKiosk, kiosk_id)
    if trusted is not None and trusted.public_key == key:
        return trusted
    if trusted is not None and not replace:
        raise KioskError(
            "bundle.key_pinned",
            vi=f"Ki-ốt {kiosk_id} đã có khóa khác được đăng ký. Chỉ thay khi ki-ốt được cài lại, "
            "bằng “--replace”.",
            en=f"Kiosk {kiosk_id} already has another registered key. Replace it only when the "
            "kiosk was reinstalled, with “--replace”.",
            kiosk_id=kiosk_id,
        )
    old = trusted.public_key if trusted is not None else None
    if trusted is None:
        trusted = TrustedKiosk(kiosk_id=kiosk_id, public_key=key, last_sequence=0)
        session.add(trusted)
    trusted.public_key, trusted.pinned_at, trusted.pinned_how = key, ctx.now(), EXPLICIT
    trusted.last_sequence, trusted.last_bundle_id = 0, None
    _mirror_on_kiosk_row(session, kiosk_id, key)
    audit.record(
        session,
        ctx.kiosk_id,
        "bundle.key_replaced" if old else "bundle.key_pinned",
        entity="kiosk",
        entity_id=kiosk_id,
        staff_id=staff_id,
        public_key=key,
        previous_key=old or "",
    )
    session.flush()
    return trusted


def check_sender(
    session: Session, ctx: KioskContext, opened: Opened, *, trust_first_use: bool
) -> TrustedKiosk:
    """The pinned entry of the bundle's kiosk, after its signature is checked against it.

    An unknown kiosk is refused unless `trust_first_use`: then the key inside the bundle is
    pinned (and audited as such) in the caller's transaction, so it is kept only if the merge
    succeeds.
    """
    if opened.kiosk_id == ctx.kiosk_id:
        raise _own_id(opened.kiosk_id)
    trusted = session.get(TrustedKiosk, opened.kiosk_id)
    if trusted is None:
        if not trust_first_use:
            raise KioskError(
                "bundle.unknown_kiosk",
                vi=f"Văn phòng chưa đăng ký khóa của ki-ốt {opened.kiosk_id}. Đăng ký bằng "
                f"“python -m kiosk trust {opened.kiosk_id} KHÓA” (khóa do “python -m kiosk init” "
                "in ra trên ki-ốt), rồi nhập lại. Không nhập gì.",
                en=f"This office has no registered key for kiosk {opened.kiosk_id}. Register it "
                f"with “python -m kiosk trust {opened.kiosk_id} KEY” (the key “python -m kiosk "
                "init” prints on the kiosk), then merge again. Nothing imported.",
                kiosk_id=opened.kiosk_id,
            )
        public = _public(opened.public_key)
        verify_signature(opened, public)
        trusted = TrustedKiosk(
            kiosk_id=opened.kiosk_id,
            public_key=public_key_text(public),
            pinned_at=ctx.now(),
            pinned_how=FIRST_USE,
            last_sequence=0,
        )
        session.add(trusted)
        audit.record(
            session,
            ctx.kiosk_id,
            "bundle.key_pinned",
            entity="kiosk",
            entity_id=opened.kiosk_id,
            public_key=trusted.public_key,
            how=FIRST_USE,
        )
        session.flush()
        return trusted
    verify_signature(opened, public_key_from_text(trusted.public_key))
    return trusted


def check_order(trusted: TrustedKiosk, sequence: int) -> None:
    """Bundles of one kiosk merge in the order it wrote them; an older one is refused.

    Each bundle holds everything the kiosk recorded up to then, so refusing an older one loses
    nothing that a newer one merged here did not already bring.
    """
    if sequence <= trusted.last_sequence:
        raise KioskError(
            "bundle.out_of_order",
            vi=f"Gói số {sequence} của ki-ốt {trusted.kiosk_id} cũ hơn gói số "
            f"{trusted.last_sequence} đã nhập (gói mới hơn đã chứa dữ liệu của nó). Không nhập gì.",
            en=f"Bundle number {sequence} of kiosk {trusted.kiosk_id} is older than bundle "
            f"number {trusted.last_sequence} already merged (which holds its records). Nothing "
            "imported.",
            sequence=sequence,
            last_sequence=trusted.last_sequence,
        )


def mark_merged(
    session: Session, trusted: TrustedKiosk, sequence: int, bundle_id: uuid.UUID
) -> None:
    """Remember the newest bundle merged from this kiosk."""
    trusted.last_sequence, trusted.last_bundle_id = sequence, bundle_id
    _mirror_on_kiosk_row(session, trusted.kiosk_id, trusted.public_key)


def _mirror_on_kiosk_row(session: Session, kiosk_id: str, key: str) -> None:
    # The kiosks table shows the key too (reports, card verification); the pin is the truth.
    kiosk = session.get(Kiosk, kiosk_id)
    if kiosk is not None:
        kiosk.public_key = key


def _public(text: str) -> Ed25519PublicKey:
    try:
        return public_key_from_text(text)
    except KioskError:
        raise KioskError(
            "bundle.malformed",
            vi="Gói dữ liệu bị hỏng (khóa công khai).",
            en="The data bundle is damaged (public key).",
            detail="public key",
        ) from None


def _own_id(kiosk_id: str) -> KioskError:
    return KioskError(
        "bundle.own_kiosk",
        vi=f"Gói dữ liệu mang mã ki-ốt {kiosk_id} của chính máy này: không nhập.",
        en=f"The bundle claims this machine's own kiosk id {kiosk_id}: refused.",
        kiosk_id=kiosk_id,
    )
