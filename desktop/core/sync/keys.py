"""Ed25519 keys: generate, save (private 0600 + .pub), load, and the pinned trusted keys."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop.core.resources import resources_dir
from desktop.core.sync.errors import PublishError, SyncError


@dataclass(frozen=True)
class TrustedKey:
    """A public key the client accepts feeds from, with where it came from."""

    key: Ed25519PublicKey
    key_id: str
    origin: str


def key_id(public: Ed25519PublicKey) -> str:
    """A short fingerprint: the first 16 hex digits of sha256 of the raw public key."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_pem(public: Ed25519PublicKey, label: str = "") -> bytes:
    """The .pub file text: an optional '# label' line, then PEM SubjectPublicKeyInfo."""
    pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    head = f"# {label}\n# key id {key_id(public)}\n" if label else f"# key id {key_id(public)}\n"
    return head.encode("utf-8") + pem


def generate_keypair(out: Path, label: str = "") -> str:
    """Write a new private key to `out` (0600, never overwritten) and `out`.pub; return its id."""
    pub_path = out.with_name(out.name + ".pub")
    if out.exists() or pub_path.exists():
        raise PublishError(f"{out} or {pub_path.name} already exists: refusing to overwrite a key")
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        os.chmod(out, 0o600)
        pub_path.write_bytes(public_pem(private.public_key(), label))
    except OSError as exc:
        raise PublishError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return key_id(private.public_key())


def load_private(path: Path) -> Ed25519PrivateKey:
    """Read a private key written by keygen."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise PublishError(f"cannot read key {path}: {exc.strerror or exc}") from exc
    except (ValueError, TypeError) as exc:
        raise PublishError(f"{path} is not an unencrypted PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise PublishError(f"{path} is not an Ed25519 key")
    return key


def load_public(path: Path) -> Ed25519PublicKey:
    """Read a .pub file (PEM, '#' comment lines allowed)."""
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise SyncError(f"cannot read trusted key {path}: {exc.strerror or exc}", "config") from exc
    body = b"\n".join(line for line in text.splitlines() if not line.startswith(b"#"))
    try:
        key = serialization.load_pem_public_key(body)
    except ValueError as exc:
        raise SyncError(f"{path} is not a PEM public key", "config") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SyncError(f"{path} is not an Ed25519 public key", "config")
    return key


def bundled_keys_dir() -> Path:
    """The pinned keys shipped with the app: resources/keys/*.pub."""
    return resources_dir() / "keys"


def data_keys_dir(root: Path) -> Path:
    """Keys an administrator trusted for one data folder (kept by `sync --trusted-key`)."""
    return root / "trusted-keys"


def trusted_keys(
    extra: Iterable[Path] = (), *, bundled: bool = True, data_root: Path | None = None
) -> list[TrustedKey]:
    """Bundled keys, the data folder's kept keys, then extra ones (a bad extra file is an error)."""
    paths = sorted(bundled_keys_dir().glob("*.pub")) if bundled else []
    if data_root is not None:
        paths += sorted(data_keys_dir(data_root).glob("*.pub"))
    keys: list[TrustedKey] = []
    for path in [*paths, *extra]:
        public = load_public(Path(path))
        keys.append(TrustedKey(public, key_id(public), str(path)))
    return keys


def remember_key(root: Path, trusted: TrustedKey) -> None:
    """Keep a key given on the command line, so later syncs (and the window) trust it too."""
    if Path(trusted.origin).parent in (bundled_keys_dir(), data_keys_dir(root)):
        return
    folder = data_keys_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{trusted.key_id}.pub"
    tmp = folder / f".{trusted.key_id}.pub.tmp"
    tmp.write_bytes(public_pem(trusted.key, f"trusted from {trusted.origin}"))
    tmp.replace(target)


def sign(private: Ed25519PrivateKey, data: bytes) -> bytes:
    """The feed.json.sig contents: base64 of the signature, with a newline."""
    return base64.b64encode(private.sign(data)) + b"\n"


def verify(data: bytes, sig_file: bytes, keys: list[TrustedKey]) -> TrustedKey:
    """Return the trusted key that signed `data`, or raise SyncError(kind='signature')."""
    try:
        signature = base64.b64decode(sig_file.strip(), validate=True)
    except ValueError as exc:
        raise SyncError("feed.json.sig is not a base64 signature", "signature") from exc
    if len(signature) != 64:
        raise SyncError("feed.json.sig is not an Ed25519 signature", "signature")
    if not keys:
        raise SyncError("no trusted keys: add one with --trusted-key", "config")
    for trusted in keys:
        try:
            trusted.key.verify(signature, data)
        except InvalidSignature:
            continue
        return trusted
    raise SyncError(
        f"feed.json signature does not verify with any of the {len(keys)} trusted key(s): "
        "the feed was changed, cut short, or signed by an untrusted key",
        "signature",
    )
