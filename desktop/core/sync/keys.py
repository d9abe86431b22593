"""Ed25519 keys: generate, save (private 0600 + .pub), load, and the keys a computer trusts.

Trust is deliberate: keys bundled with the app and keys named in the administrator file are
trusted as given; any other key (a .pub file on the command line) is only a candidate until
the person syncing confirms its fingerprint (`--trust-new-key`). A confirmed key is
remembered in <data dir>/trusted-keys/ bound to the one feed id it verified, and is listed
and removed with `patient-answers keys`.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop.core.resources import resources_dir
from desktop.core.sync.errors import PublishError, SyncError

FEED_LINE = re.compile(rb"^# feed ([A-Za-z0-9._-]{1,64})\s*$", re.MULTILINE)
FINGERPRINT_HEX = 32  # 128 bits: long enough that nobody can make a key to match it


@dataclass(frozen=True)
class TrustedKey:
    """A public key, where it came from, and how far it is trusted.

    kind: "bundled" (shipped with the app), "given" (the administrator file or the caller),
    "remembered" (confirmed once, kept in the data folder, bound to `feed`), or "new" (a
    candidate that must be confirmed by its fingerprint before it is used).
    """

    key: Ed25519PublicKey
    key_id: str
    origin: str
    kind: str = "given"
    feed: str | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key)


def _digest(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def key_id(public: Ed25519PublicKey) -> str:
    """A short id (file names, feed.json's key_id): 16 hex digits of sha256 of the raw key."""
    return _digest(public)[:16]


def fingerprint(public: Ed25519PublicKey) -> str:
    """What a person compares and reads aloud: 32 hex digits of sha256, in groups of four."""
    digits = _digest(public)[:FINGERPRINT_HEX]
    return " ".join(digits[i : i + 4] for i in range(0, FINGERPRINT_HEX, 4))


def same_fingerprint(typed: str, public: Ed25519PublicKey) -> bool:
    """Does what someone typed (any case, spaces, colons or dashes) name this key in full?"""
    digits = re.sub(r"[\s:-]", "", typed).lower()
    return digits == _digest(public)[:FINGERPRINT_HEX]


def public_pem(public: Ed25519PublicKey, label: str = "") -> bytes:
    """The .pub file text: an optional '# label' line, then PEM SubjectPublicKeyInfo."""
    pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    head = f"# {label}\n" if label else ""
    head += f"# key id {key_id(public)}\n# fingerprint {fingerprint(public)}\n"
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
    return _load(path)[0]


def _load(path: Path) -> tuple[Ed25519PublicKey, bytes]:
    try:
        text = path.read_bytes()[: 64 * 1024]
    except OSError as exc:
        raise SyncError(f"cannot read trusted key {path}: {exc.strerror or exc}", "config") from exc
    body = b"\n".join(line for line in text.splitlines() if not line.startswith(b"#"))
    try:
        key = serialization.load_pem_public_key(body)
    except ValueError as exc:
        raise SyncError(f"{path} is not a PEM public key", "config") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SyncError(f"{path} is not an Ed25519 public key", "config")
    return key, text


def bundled_keys_dir() -> Path:
    """The pinned keys shipped with the app: resources/keys/*.pub."""
    return resources_dir() / "keys"


def data_keys_dir(root: Path) -> Path:
    """Keys an administrator trusted for one data folder (kept by `sync --trusted-key`)."""
    return root / "trusted-keys"


def remembered_keys(root: Path) -> list[TrustedKey]:
    """The keys confirmed for this data folder, each bound to the feed it verified.

    A key remembered by an older version has no feed line; it is bound to nothing and
    client.py accepts it only for the feed already installed."""
    found = []
    for path in sorted(data_keys_dir(root).glob("*.pub")):
        try:
            public, text = _load(path)
        except SyncError:
            continue  # a damaged file trusts nothing; `keys` lists it as such
        match = FEED_LINE.search(text)
        feed = match.group(1).decode() if match else None
        found.append(TrustedKey(public, key_id(public), str(path), "remembered", feed))
    return found


def trusted_keys(
    extra: Iterable[Path] = (), *, bundled: bool = True, data_root: Path | None = None
) -> list[TrustedKey]:
    """Bundled keys, the data folder's remembered keys, then `extra` ones trusted as given
    (a bad extra file is an error)."""
    keys: list[TrustedKey] = []
    for path in sorted(bundled_keys_dir().glob("*.pub")) if bundled else []:
        public = load_public(path)
        keys.append(TrustedKey(public, key_id(public), str(path), "bundled"))
    if data_root is not None:
        keys += remembered_keys(data_root)
    for path in extra:
        public = load_public(Path(path))
        keys.append(TrustedKey(public, key_id(public), str(path), "given"))
    return keys


def candidate_keys(files: Iterable[Path]) -> list[TrustedKey]:
    """Keys offered on the command line: used only once their fingerprint is confirmed."""
    keys = []
    for path in files:
        public = load_public(Path(path))
        keys.append(TrustedKey(public, key_id(public), str(path), "new"))
    return keys


def remember_key(root: Path, trusted: TrustedKey, feed_id: str) -> Path:
    """Keep a confirmed key for later syncs (and the window), bound to `feed_id`."""
    folder = data_keys_dir(root)
    target = folder / f"{trusted.key_id}.pub"
    tmp = folder / f".{trusted.key_id}.pub.tmp"
    when = datetime.now(UTC).isoformat(timespec="seconds")
    label = f"trusted {when} for feed {feed_id} (fingerprint confirmed)"
    body = public_pem(trusted.key, label) + f"# feed {feed_id}\n".encode()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(body)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SyncError(
            f"cannot remember the key in {folder} ({exc.strerror or type(exc).__name__}); "
            "nothing was installed",
            "readonly",
        ) from exc
    return target


def forget_key(root: Path, which: str) -> TrustedKey:
    """Remove a remembered key named by its fingerprint or key id; return it."""
    typed = re.sub(r"[\s:-]", "", which).lower()
    for trusted in remembered_keys(root):
        if typed and typed in (trusted.key_id, _digest(trusted.key)[:FINGERPRINT_HEX]):
            try:
                Path(trusted.origin).unlink()
            except OSError as exc:
                raise SyncError(
                    f"cannot remove {trusted.origin}: {exc.strerror or exc}", "readonly"
                ) from exc
            return trusted
    raise SyncError(f"no remembered key {which!r} in {data_keys_dir(root)}", "config")


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
