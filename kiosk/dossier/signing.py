"""The agent's XML-DSig signature on each form (<Cky>) and on the envelope (<CKy_Dvi>).

The shape copies a provider's signed files (github.com/5310101/ERS_EbhRemoteSigning,
EBH_RemoteSigning_ver2/TempHoSo/…/BHXHDienTu.xml and TK1-TS-595.xml): a ds:Signature with
Id="sigid" inside the slot element, enveloped (Reference URI="" with the enveloped-signature
transform), C14N 1.0, RSA-SHA256 over a SHA-256 digest, KeyInfo with the RSA key value and the
certificate (subject name and DER), and an unsigned ds:Object holding the signing time. That VSS
checks exactly this profile is UNVERIFIED (no published specification was found). One known
difference: the samples write the ds namespace unprefixed; signxml 5.2 signs an unprefixed
C14N 1.0 signature incorrectly (it verifies only with exclusive C14N), so the kiosk writes the
same signature with the "ds:" prefix, which XML-DSig treats as the same (UNVERIFIED that the
provider's and VSS's verifiers accept it; .NET's SignedXml verifies prefixed signatures).

The key is anything with cryptography's RSA `sign(data, padding, algorithm)`: a key from a
PKCS#12 file (`load_pkcs12`) or a USB token's key (kiosk/dossier/token.py).
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import (
    CanonicalizationMethod,
    DigestAlgorithm,
    SignatureConfiguration,
    SignatureMethod,
    XMLSigner,
    XMLVerifier,
)
from signxml.exceptions import InvalidInput, InvalidSignature

from kiosk.domain.localtime import UTC
from kiosk.errors import KioskError

DS = "http://www.w3.org/2000/09/xmldsig#"
SIGNING_TIME_NS = "http://example.org/#signatureProperties"  # as the provider's files write it
MAX_P12_BYTES = 65_536


@dataclass(frozen=True)
class XmlSigner:
    """A signing key and the certificate that names the agent."""

    key: Any
    certificate: x509.Certificate


def load_pkcs12(path: Path, password: bytes | None) -> XmlSigner:
    """The agent's key and certificate from a .p12/.pfx file (RSA only, as the profile is)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_P12_BYTES + 1)
    except OSError as err:
        raise KioskError(
            "dossier.cert_unreadable",
            vi=f"Không đọc được tệp chứng thư số {path}: {err.strerror}.",
            en=f"Cannot read the certificate file {path}: {err.strerror}.",
        ) from None
    if len(raw) > MAX_P12_BYTES:
        raise _bad_p12(path)
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(raw, password)
    except ValueError:
        raise KioskError(
            "dossier.cert_password",
            vi=f"Không mở được {path}: sai mật khẩu hoặc tệp không phải PKCS#12.",
            en=f"Cannot open {path}: wrong password or not a PKCS#12 file.",
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey) or cert is None:
        raise _bad_p12(path)
    return XmlSigner(key, cert)


def throwaway_signer(common_name: str, now: dt.datetime) -> XmlSigner:
    """A self-signed RSA certificate for tests and the demo day (never for a real dossier)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return XmlSigner(key, cert)


def sign_xml(root: etree._Element, slot: str, signer: XmlSigner, when: dt.datetime) -> bytes:
    """The document with the signature in its (empty) child `slot`, serialised as UTF-8."""
    doc = copy.deepcopy(root)
    holder = doc.find(slot)
    if holder is None or len(holder):
        raise ValueError(f"<{doc.tag}> has no empty <{slot}> to sign into")
    etree.SubElement(holder, f"{{{DS}}}Signature", Id="placeholder", nsmap={"ds": DS})
    xml_signer = XMLSigner(
        signature_algorithm=SignatureMethod.RSA_SHA256,
        digest_algorithm=DigestAlgorithm.SHA256,
        c14n_algorithm=CanonicalizationMethod.CANONICAL_XML_1_0,
    )
    signed = xml_signer.sign(
        doc,
        key=signer.key,
        key_info=_key_info(signer.certificate),
        exclude_c14n_transform_element=True,  # the enveloped transform only, as the samples
    )
    signature = signed.find(f"{slot}/{{{DS}}}Signature")
    assert signature is not None
    # Neither the Id nor the Object is covered by SignedInfo: the provider's files add them too.
    signature.set("Id", "sigid")
    props = etree.SubElement(
        etree.SubElement(signature, f"{{{DS}}}Object"), f"{{{DS}}}SignatureProperties", Id="proid"
    )
    prop = etree.SubElement(props, f"{{{DS}}}SignatureProperty", Target="#sigid")
    stamp = etree.SubElement(
        prop, f"{{{SIGNING_TIME_NS}}}SigningTime", nsmap={None: SIGNING_TIME_NS}
    )
    stamp.text = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return bytes(etree.tostring(signed, xml_declaration=True, encoding="utf-8"))


def verify_xml(
    data: bytes, slot: str, certificate: x509.Certificate, at: dt.datetime | None = None
) -> etree._Element:
    """The signed document if the signature in `slot` is the certificate's and covers it all
    (the certificate must be valid `at`, by default now)."""
    config = SignatureConfiguration(
        location=f"./{slot}/",
        signature_methods=frozenset({SignatureMethod.RSA_SHA256}),
        digest_algorithms=frozenset({DigestAlgorithm.SHA256}),
        verification_time=at,
    )
    try:
        result = XMLVerifier().verify(data, x509_cert=certificate, expect_config=config)
    except (InvalidSignature, InvalidInput, etree.XMLSyntaxError) as err:
        raise KioskError(
            "dossier.bad_signature",
            vi=f"Chữ ký số không hợp lệ: {err}.",
            en=f"The digital signature is not valid: {err}.",
        ) from None
    assert not isinstance(result, list)  # one reference: the whole document
    signed: etree._Element = result.signed_xml
    return signed


def check_valid(signer: XmlSigner, now: dt.datetime) -> None:
    """Refuse to sign with a certificate that is not valid now (VSS would refuse the dossier)."""
    cert = signer.certificate
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise KioskError(
            "dossier.cert_expired",
            vi=f"Chứng thư số chỉ có hiệu lực từ {cert.not_valid_before_utc:%d/%m/%Y} đến "
            f"{cert.not_valid_after_utc:%d/%m/%Y}: không ký được hôm nay.",
            en=f"The certificate is valid only from {cert.not_valid_before_utc:%d/%m/%Y} to "
            f"{cert.not_valid_after_utc:%d/%m/%Y}: it cannot sign today.",
        )


def _key_info(cert: x509.Certificate) -> etree._Element:
    """KeyValue (RSA modulus and exponent) and X509Data (subject name and certificate)."""
    public = cert.public_key()
    if not isinstance(public, rsa.RSAPublicKey):
        raise KioskError(
            "dossier.cert_not_rsa",
            vi="Chứng thư số phải dùng khóa RSA.",
            en="The certificate must hold an RSA key.",
        )
    numbers = public.public_numbers()
    info = etree.Element(f"{{{DS}}}KeyInfo", nsmap={"ds": DS})
    rsa_value = etree.SubElement(
        etree.SubElement(info, f"{{{DS}}}KeyValue"), f"{{{DS}}}RSAKeyValue"
    )
    etree.SubElement(rsa_value, f"{{{DS}}}Modulus").text = _b64int(numbers.n)
    etree.SubElement(rsa_value, f"{{{DS}}}Exponent").text = _b64int(numbers.e)
    data = etree.SubElement(info, f"{{{DS}}}X509Data")
    etree.SubElement(data, f"{{{DS}}}X509SubjectName").text = cert.subject.rfc4514_string()
    der = cert.public_bytes(serialization.Encoding.DER)
    etree.SubElement(data, f"{{{DS}}}X509Certificate").text = base64.b64encode(der).decode()
    return info


def _b64int(value: int) -> str:
    return base64.b64encode(value.to_bytes((value.bit_length() + 7) // 8, "big")).decode()


def _bad_p12(path: Path) -> KioskError:
    return KioskError(
        "dossier.cert_unusable",
        vi=f"Tệp {path} không chứa khóa RSA và chứng thư số dùng được.",
        en=f"{path} holds no usable RSA key and certificate.",
    )
