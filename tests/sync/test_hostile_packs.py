"""Issue 14 items 2 and 4: a validly signed pack that costs too much to read or holds an
absurd answer is refused with one line, with progress all along (so it can be cancelled),
and the installed answers stay as they were."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sync_helpers import content, hand_made_feed, upsert_line
from sync_server import FeedServer

from desktop.core.paths import DataDir
from desktop.core.sync import SyncError, SyncEvent, SyncOptions, sync
from desktop.core.sync.limits import PackLimits

FEED = "feed"
GOOD = {"id": "good-answer", "question": "Is this a good answer?", "summary": "Yes, it is."}
# Small bounds so every member is cheap to build; the defaults are the same rules, larger.
LIMITS = PackLimits(
    max_line_bytes=64 * 1024,
    max_expansion=40,
    expansion_floor=256 * 1024,
    max_lines=5000,
    max_answers=100,
    max_answer_bytes=32 * 1024,
    max_references=5,
    max_topics=5,
    max_asks=5,
    max_field_chars=500,
    max_nesting=8,
)


def _answer(**changes: object) -> dict[str, object]:
    return {**GOOD, **changes}


def _refuse(
    sample_data: DataDir, server: FeedServer, keypair, fast_retry, lines: list[bytes], **kw
) -> tuple[SyncError, list[SyncEvent]]:
    hand_made_feed(server.root / FEED, keypair[0], lines)
    options = SyncOptions(
        feed=server.url,
        trusted_key_files=[keypair[1]],
        bundled_keys=False,
        retry=fast_retry,
        packs=replace(LIMITS, **kw),
    )
    before = content(sample_data)
    events: list[SyncEvent] = []
    with pytest.raises(SyncError) as caught:
        sync(sample_data, options, events.append)
    assert content(sample_data) == before
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300
    return caught.value, events


BLOAT = {
    "one-huge-line": (
        [upsert_line(_answer(body="a" * 2_000_000))],
        "is over 65,536 bytes",
        {},
    ),
    "a-pack-of-newlines": ([b"\n" * 30_000_000], "unpacks to more than", {"max_lines": 10**9}),
    "too-many-lines": (
        [b'{"op": "delete", "id": "gone"}\n'] * 6000,
        "more than 5,000 lines",
        {},
    ),
    "too-many-answers": (
        [upsert_line(_answer(id=f"a{i}")) for i in range(101)],
        "more than 100 answers",
        {},
    ),
}


@pytest.mark.parametrize("name", sorted(BLOAT))
def test_a_pack_that_costs_too_much_to_read_is_refused(
    sample_data: DataDir, server: FeedServer, keypair, fast_retry, name: str
) -> None:
    lines, reason, limits = BLOAT[name]
    error, _ = _refuse(sample_data, server, keypair, fast_retry, lines, **limits)
    assert error.kind == "corrupt" and reason in str(error)


def test_reading_a_pack_has_a_time_bound(
    sample_data: DataDir, server: FeedServer, keypair, fast_retry
) -> None:
    lines = [b'{"op": "delete", "id": "gone"}\n'] * 10
    error, _ = _refuse(sample_data, server, keypair, fast_retry, lines, max_seconds=0.0)
    assert "took over 0 s" in str(error)


def test_reading_a_big_pack_reports_progress_and_can_be_cancelled(
    sample_data: DataDir, server: FeedServer, keypair, fast_retry
) -> None:
    """The window cancels by raising from its progress callback (closing the window)."""
    hand_made_feed(server.root / FEED, keypair[0], [b"\n" * 3_000_000])
    options = SyncOptions(
        feed=server.url,
        trusted_key_files=[keypair[1]],
        bundled_keys=False,
        retry=fast_retry,
        packs=replace(LIMITS, max_lines=10_000_000, expansion_floor=10**8),
    )
    reading: list[SyncEvent] = []

    def progress(event: SyncEvent) -> None:
        if event.stage == "apply" and "bytes read" in event.message:
            reading.append(event)
            if len(reading) == 3:
                raise SyncError("the window was closed", "cancelled")

    before = content(sample_data)
    with pytest.raises(SyncError) as caught:
        sync(sample_data, options, progress)
    assert caught.value.kind == "cancelled" and len(reading) == 3
    assert content(sample_data) == before


ABSURD = {
    "answer-too-big": (_answer(body="word " * 8000), "answer larger than 32,768 bytes"),
    "too-many-references": (
        _answer(references=[{"number": i, "text": "x"} for i in range(1, 7)]),
        "more than 5 references",
    ),
    "too-many-topics": (_answer(topics=[f"t{i}" for i in range(6)]), "more than 5 topics"),
    "too-many-asks": (_answer(asks=[f"q{i}?" for i in range(6)]), "more than 5 asks"),
    "deep-list": (
        _answer(body="\n".join("    " * i + "- level" for i in range(12))),
        "nest",
    ),
    "deep-quote": (_answer(body="> " * 12 + "quoted"), "nest"),
    "long-question": (_answer(question="Why? " * 200), "question is longer than 500"),
    "question-a-number": (_answer(question=5), "question is not text"),
    "topics-a-string": (_answer(topics="asthma"), "topics is not a list"),
    "reference-number-true": (_answer(references=[{"number": True}]), "reference number"),
    "reference-a-string": (_answer(references=["see NHS"]), "a reference is not an object"),
    "revision-huge": (_answer(revision=10**30), "revision is not a whole number"),
    "revision-text": (_answer(revision="2"), "revision is not a whole number"),
    "body-a-list": (_answer(body=["a"]), "body is not text"),
    "unknown-field": (_answer(colour="red"), "unknown field 'colour'"),
    "bad-id": (_answer(id="has space"), "must be 1-100 characters"),
}


@pytest.mark.parametrize("name", sorted(ABSURD))
def test_an_absurd_answer_refuses_the_pack(
    sample_data: DataDir, server: FeedServer, keypair, fast_retry, name: str
) -> None:
    answer, reason = ABSURD[name]
    error, _ = _refuse(sample_data, server, keypair, fast_retry, [upsert_line(answer)])
    assert error.kind == "corrupt" and reason in str(error), str(error)


OTHER_LINES = {
    "json-nesting": (b'{"op": "upsert", "answer": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"),
    "not-an-object": b"[1, 2]\n",
    "unknown-op": b'{"op": "<b>drop</b>"}\n',
    "op-a-list": b'{"op": ["upsert"]}\n',
    "delete-id-number": b'{"op": "delete", "id": 5}\n',
    "synonyms-not-rows": b'{"op": "synonyms", "synonyms": ["a"]}\n',
    "synonyms-numbers": b'{"op": "synonyms", "synonyms": [[1, 2]]}\n',
    "huge-number": b'{"op": "delete", "id": ' + b"9" * 5000 + b"}\n",
}


@pytest.mark.parametrize("name", sorted(OTHER_LINES))
def test_a_malformed_pack_line_is_one_line(
    sample_data: DataDir, server: FeedServer, keypair, fast_retry, name: str
) -> None:
    lines = [upsert_line(GOOD), OTHER_LINES[name]]
    error, _ = _refuse(sample_data, server, keypair, fast_retry, lines, max_line_bytes=400_000)
    assert error.kind == "corrupt" and "line 2" in str(error)
    assert "<b>" not in str(error)


def test_a_sane_hand_made_pack_installs(
    sample_data: DataDir, server: FeedServer, keypair, fast_retry
) -> None:
    """The same path with a good answer: the refusals above are the rules, not the helper."""
    answer = _answer(
        body="- one\n  - two\n\n> quoted",
        topics=["Tests"],
        references=[{"number": 1, "text": "A source", "url": "https://example.org/"}],
    )
    hand_made_feed(server.root / FEED, keypair[0], [upsert_line(answer)])
    options = SyncOptions(
        feed=server.url,
        trusted_key_files=[keypair[1]],
        bundled_keys=False,
        retry=fast_retry,
        packs=LIMITS,
    )
    result = sync(sample_data, options)
    assert result.status == "updated"
    assert set(content(sample_data)["answers"]) == {"good-answer"}
    assert json.loads(json.dumps(answer))  # the answer above is plain JSON
