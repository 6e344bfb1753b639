"""The agent's key on a token through PKCS#11, tested on SoftHSM 2 (Debian package softhsm2)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pkcs11
import pytest
from cryptography.hazmat.primitives import serialization
from pkcs11 import Attribute, CertificateType, ObjectClass
from pkcs11.util.rsa import decode_rsa_private_key

from kiosk.domain.localtime import UTC
from kiosk.dossier.envelope import embedded_files
from kiosk.dossier.service import write_dossier
from kiosk.dossier.signing import XmlSigner, throwaway_signer, verify_xml
from kiosk.dossier.token import token_signer
from kiosk.errors import KioskError
from kiosk.store.db import Database
from tests.kiosk.dossier.daydata import AGENT, DAY, paid_day

MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
NOW = dt.datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
PIN = "246810"


@pytest.fixture
def softhsm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> XmlSigner:
    """A fresh SoftHSM token "MAU" holding a throwaway key and its certificate."""
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            "MAU",
            "--pin",
            PIN,
            "--so-pin",
            "13579",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    signer = throwaway_signer("MẪU — chứng thư trên token", NOW)
    der = signer.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    token = pkcs11.lib(str(MODULE)).get_token(token_label="MAU")
    with token.open(user_pin=PIN, rw=True) as session:
        key = decode_rsa_private_key(der)
        key.update({Attribute.TOKEN: True, Attribute.LABEL: "agent", Attribute.ID: b"\x01"})
        session.create_object(key)
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "agent",
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: signer.certificate.subject.public_bytes(),
                Attribute.VALUE: signer.certificate.public_bytes(serialization.Encoding.DER),
            }
        )
    return signer


def test_token_signs_a_dossier_that_verifies(
    db: Database, tmp_path: Path, softhsm: XmlSigner
) -> None:
    """The dossier signed on the token verifies with the token's certificate (same as the key
    put on it); a changed byte fails; a wrong PIN is a clear error."""
    day = paid_day(db)
    with token_signer(MODULE, PIN, "MAU") as signer, db.read() as s:
        assert signer.certificate == softhsm.certificate
        result = write_dossier(s, day.ctx, DAY, tmp_path / "out", signer=signer, agent=AGENT)
    assert result.folder is not None
    envelope = (result.folder / "bhyt-ho-gia-dinh" / "BHXHDienTu.xml").read_bytes()
    verify_xml(envelope, "CKy_Dvi", softhsm.certificate, NOW)
    for form in embedded_files(envelope):
        verify_xml(form.data, "Cky", softhsm.certificate, NOW)
    with pytest.raises(KioskError):
        verify_xml(envelope.replace(b">604<", b">605<"), "CKy_Dvi", softhsm.certificate, NOW)
    with pytest.raises(KioskError) as err, token_signer(MODULE, "000000", "MAU"):
        pass
    assert err.value.code == "dossier.token_pin"
