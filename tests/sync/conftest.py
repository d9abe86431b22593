"""Sync fixtures: signing keys, a real threaded HTTP server on 127.0.0.1, data folder copies."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sync_server import FeedServer

from desktop.core.paths import DataDir
from desktop.core.sync.download import RetryPolicy
from desktop.core.sync.keys import generate_keypair
from desktop.core.sync.limits import NetLimits


@pytest.fixture
def server(tmp_path: Path) -> Iterator[FeedServer]:
    """Serves tmp_path/www over HTTP on 127.0.0.1 (the feed is at /feed/)."""
    root = tmp_path / "www"
    root.mkdir()
    httpd = FeedServer(root)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.stopping.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture(scope="session")
def keypair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A signing key and its public key, made for this test session."""
    folder = tmp_path_factory.mktemp("keys")
    generate_keypair(folder / "feed.key", "test feed")
    return folder / "feed.key", folder / "feed.key.pub"


@pytest.fixture(scope="session")
def other_keypair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A second key nobody trusts."""
    folder = tmp_path_factory.mktemp("other-keys")
    generate_keypair(folder / "other.key")
    return folder / "other.key", folder / "other.key.pub"


@pytest.fixture
def sample_data_factory(built_sample: DataDir, tmp_path: Path) -> Callable[[], DataDir]:
    """More private copies of the sample data folder, for tests that need two."""
    made: list[DataDir] = []

    def factory() -> DataDir:
        target = tmp_path / f"extra-data-{len(made)}"
        shutil.copytree(built_sample.root, target)
        made.append(DataDir(target))
        return made[-1]

    return factory


@pytest.fixture
def fast_retry() -> RetryPolicy:
    """Retries without real waiting."""
    return RetryPolicy(attempts=3, backoff=0.01)


@pytest.fixture
def fast_net() -> NetLimits:
    """Network limits small enough for tests: a hostile server is given up on in ~1 s."""
    return NetLimits(
        deadline=6.0, small_file_seconds=3.0, stall_seconds=1.0, min_rate=200.0, rate_window=1.0
    )
