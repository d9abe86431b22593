"""Which key may vouch for which feed: bound remembered keys and confirmed new ones."""

from __future__ import annotations

from desktop.core.sync import keys as keyring
from desktop.core.sync.errors import SyncError
from desktop.core.sync.feed import Feed


class UntrustedKey(SyncError):
    """The feed is signed by a key offered but not yet confirmed: its fingerprint is shown,
    and the sync is run again with that fingerprint (CLI `--trust-new-key`, or the window
    asking) once someone has checked it against a copy that did not come with the feed."""

    def __init__(self, candidate: keyring.TrustedKey, feed: Feed) -> None:
        super().__init__(
            f"feed {feed.feed} is signed by a new key, fingerprint {candidate.fingerprint}. "
            "Check it with the publisher (printed or read aloud, not from the feed's own "
            f"USB stick), then run again with --trust-new-key "
            f"{candidate.fingerprint.replace(' ', '')}",
            "untrusted",
        )
        self.fingerprint = candidate.fingerprint
        self.feed_id = feed.feed
        self.origin = candidate.origin


def check_signer(
    signer: keyring.TrustedKey, feed: Feed, installed_feed: str | None, confirm: str | None
) -> bool:
    """Refuse a signer that may not vouch for this feed; True when it is to be remembered."""
    if signer.kind == "remembered":
        bound = signer.feed or installed_feed  # older versions kept keys unbound
        if bound != feed.feed:
            raise SyncError(
                f"feed {feed.feed} is signed by key {signer.key_id}, which this computer "
                f"trusts only for feed {bound or '(another feed)'}: refusing it "
                "(see 'patient-answers keys')",
                "signature",
            )
        return False
    if signer.kind != "new":
        return False
    if confirm is None:
        raise UntrustedKey(signer, feed)
    if not keyring.same_fingerprint(confirm, signer.key):
        raise SyncError(
            f"the fingerprint given with --trust-new-key is not that of the key that signed "
            f"feed {feed.feed} ({signer.fingerprint}): refusing it",
            "untrusted",
        )
    return True
