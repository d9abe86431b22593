"""The one-pass postings of the build's index workers equal Whoosh's analyzer chains."""

from __future__ import annotations

from desktop.core.search.fast_terms import fast_index
from desktop.core.search.schema import build_schema
from tests.core.medquad_golden import GOLDEN

TEXTS = [
    "The Crohn's and Ménière’s disease: it is an ÆSTHETIC test of the 2nd-3rd toes (50%).",
    "a an the of is it to Heart attacks ARE attacking; heart-attack, heart_attack 9-1-1.",
    "",
    "   ",
    "Ĉu ŝi? naïve café façade œuvre straße 123abc x",
    "it's O'Brien’s rock'n'roll don't -- __init__ ’quoted’",
    "Pneumonoultramicroscopicsilicovolcanoconiosis I x ab abc ab AB İstanbul ǅemal ﬁbre",
] + [path.read_text(encoding="utf-8") for path in sorted(GOLDEN.glob("*.md"))]


def test_one_pass_postings_equal_the_analyzer_chain() -> None:
    schema = build_schema()
    checked = []
    for name in schema.names():
        field = schema[name]
        faster = fast_index(field)
        if faster is None:
            continue
        checked.append(name)
        for text in TEXTS:
            assert sorted(faster(text)) == sorted(field.index(text)), (name, text[:40])
    assert {"body", "question", "prefix", "words"} <= set(checked)


def test_a_repeated_text_gives_the_same_postings_from_the_remembered_words() -> None:
    schema = build_schema()
    for name in ("body", "prefix", "words"):
        faster = fast_index(schema[name])
        assert faster is not None
        first = sorted(faster(TEXTS[0]))
        assert first and sorted(faster(TEXTS[0])) == first == sorted(schema[name].index(TEXTS[0]))


def test_other_fields_keep_whoosh_s_own_path() -> None:
    schema = build_schema()
    assert all(fast_index(schema[name]) is None for name in ("id", "topic", "source"))
