"""HTTPS: the collector served by uvicorn with a certificate from a throwaway CA; the client verifies it."""
from __future__ import annotations

import datetime
import ipaddress
import ssl
from pathlib import Path

import pytest

from triage_desktop.sync.runner import SyncConfig
from triage_desktop.sync_cli import run_pass_on as run_sync_pass

from sync_support import Collector, Store

pytestmark = pytest.mark.timeout(120)


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A self-signed CA and a server certificate for 127.0.0.1 / localhost signed by it (PEM files)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "triage test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
          .not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    server = (x509.CertificateBuilder()
              .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
              .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
              .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                          x509.DNSName("localhost")]), critical=False)
              .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
              .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
              .sign(ca_key, hashes.SHA256()))
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return ca_file, cert_file, key_file


def test_client_verifies_the_collectors_certificate(tmp_path: Path, store: Store) -> None:
    ca_file, cert_file, key_file = make_certificates(tmp_path)
    collector = Collector(str(tmp_path / "tls.sqlite"), tmp_path,
                          extra=("--ssl-certfile", str(cert_file), "--ssl-keyfile", str(key_file)))
    collector.verify = ssl.create_default_context(cafile=str(ca_file))
    collector.start()
    try:
        assert collector.url.startswith("https://")
        store.add_calls(12)
        token = collector.add_device()
        untrusted = run_sync_pass(store.path, SyncConfig(collector_url=collector.url, token=token, max_attempts=5,
                                                         retry_base_s=1.0))
        assert untrusted.exit_code == 1 and "certificate" in untrusted.error
        assert untrusted.duration_s < 1.0  # not retried: waiting will not make the certificate trusted
        assert store.statuses() == {"pending": 12} and collector.count() == 0
        trusted = run_sync_pass(store.path, SyncConfig(collector_url=collector.url, token=token,
                                                       ca_bundle=str(ca_file)))
        assert trusted.exit_code == 0 and trusted.accepted == 12, trusted.line()
        assert collector.count() == 12
    finally:
        collector.stop()
