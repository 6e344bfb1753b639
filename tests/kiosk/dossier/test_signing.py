"""The agent's signature: a signed dossier verifies, and one changed byte makes it fail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from lxml import etree

from kiosk.domain.localtime import UTC
from kiosk.dossier.envelope import embedded_files
from kiosk.dossier.schemas import check
from kiosk.dossier.service import write_dossier
from kiosk.dossier.signing import DS, XmlSigner, load_pkcs12, throwaway_signer, verify_xml
from kiosk.errors import KioskError
from kiosk.store.db import Database
from tests.kiosk.dossier.daydata import AGENT, DAY, paid_day

NOW = dt.datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def signer() -> XmlSigner:
    """A throwaway self-signed RSA certificate (key generation is done once per module)."""
    return throwaway_signer("MẪU — Đại lý thu thử", NOW)


@pytest.fixture
def signed(db: Database, tmp_path: Path, signer: XmlSigner) -> Path:
    day = paid_day(db)
    with db.read() as s:
        result = write_dossier(s, day.ctx, DAY, tmp_path / "out", signer=signer, agent=AGENT)
    assert result.folder is not None and result.signed
    return result.folder


def test_signed_dossier_verifies_envelope_and_every_form(signed: Path, signer: XmlSigner) -> None:
    """Envelope (CKy_Dvi) and each embedded form (Cky) verify with the agent's certificate, and
    still validate against their schemas; the signature has the provider's profile."""
    for procedure in ("bhyt-ho-gia-dinh", "bhxh-tu-nguyen"):
        data = (signed / procedure / "BHXHDienTu.xml").read_bytes()
        verify_xml(data, "CKy_Dvi", signer.certificate, NOW)
        check(data)
        for form in embedded_files(data):
            verify_xml(form.data, "Cky", signer.certificate, NOW)
            check(form.data)
        root = etree.fromstring(data)
        sig = root.find(f"CKy_Dvi/{{{DS}}}Signature")
        assert sig is not None and sig.get("Id") == "sigid"
        ns = {"ds": DS}
        assert sig.xpath("ds:SignedInfo/ds:Reference/@URI", namespaces=ns) == [""]
        assert sig.xpath(
            "ds:SignedInfo/ds:Reference/ds:Transforms/ds:Transform/@Algorithm", namespaces=ns
        ) == ["http://www.w3.org/2000/09/xmldsig#enveloped-signature"]
        assert sig.xpath("ds:SignedInfo/ds:CanonicalizationMethod/@Algorithm", namespaces=ns) == [
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
        ]
        assert sig.xpath("ds:SignedInfo/ds:SignatureMethod/@Algorithm", namespaces=ns) == [
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
        ]
        assert sig.xpath("string(.//*[local-name()='SigningTime'])") == "2026-11-25T03:00:00Z"


def test_one_changed_byte_fails_verification(signed: Path, signer: XmlSigner) -> None:
    """Changing one byte of a name (in the envelope, or inside an embedded form) fails the
    signature; another certificate fails it too."""
    data = (signed / "bhxh-tu-nguyen" / "BHXHDienTu.xml").read_bytes()
    tampered = data.replace(b"<MaThuTuc>602<", b"<MaThuTuc>603<", 1)
    assert len(tampered) == len(data) and tampered != data
    with pytest.raises(KioskError) as err:
        verify_xml(tampered, "CKy_Dvi", signer.certificate, NOW)
    assert err.value.code == "dossier.bad_signature"
    form = next(f for f in embedded_files(data) if f.code == "D05-TS")
    changed = form.data.replace(b"<TienTudong>264000<", b"<TienTudong>264001<", 1)
    assert changed != form.data
    with pytest.raises(KioskError):
        verify_xml(changed, "Cky", signer.certificate, NOW)
    other = throwaway_signer("MẪU — người khác", NOW)
    with pytest.raises(KioskError):
        verify_xml(data, "CKy_Dvi", other.certificate, NOW)


def test_pkcs12_file_loads_with_its_password_only(tmp_path: Path, signer: XmlSigner) -> None:
    """A .p12 written with a password gives back the same certificate; a wrong password is a
    clear error (code dossier.cert_password), not a traceback."""
    path = tmp_path / "agent.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"agent", signer.key, signer.certificate, None, BestAvailableEncryption(b"mat-khau")
        )
    )
    loaded = load_pkcs12(path, b"mat-khau")
    assert loaded.certificate == signer.certificate
    with pytest.raises(KioskError) as err:
        load_pkcs12(path, b"sai")
    assert err.value.code == "dossier.cert_password"
    with pytest.raises(KioskError) as err:
        load_pkcs12(tmp_path / "missing.p12", None)
    assert err.value.code == "dossier.cert_unreadable"


def test_an_expired_certificate_signs_nothing(db: Database, tmp_path: Path) -> None:
    """A certificate that ended before the payment day is refused before anything is written."""
    day = paid_day(db)
    old = throwaway_signer("MẪU — hết hạn", NOW - dt.timedelta(days=90))
    with db.read() as s, pytest.raises(KioskError) as err:
        write_dossier(s, day.ctx, DAY, tmp_path / "out", signer=old, agent=AGENT)
    assert err.value.code == "dossier.cert_expired"
    assert not (tmp_path / "out").exists()
