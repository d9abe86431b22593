"""Per-source layouts of MedQuAD answers, where one site flattened its pages differently.

* every source: a leading "Summary :" label (MedlinePlus) and a lone "Espaol" language-link
  line (NHLBI) are page furniture, not answer text;
* NIH Senior Health runs its sub-headings into the next sentence ("Chest Pain or Discomfort
  The most common symptom ..."): a run of title-case words at a sentence start, before the
  capitalised first word of the sentence, is a heading;
* GARD, CDC and NIH Senior Health start sections with a question ("How is X diagnosed?
  X is ..."): a short question at a sentence start followed by more text is a heading;
* GARD symptom tables ("Signs and Symptoms Approximate number of patients (when available)
  Ataxia 90% Coma - ...") become a list, one sign per item with its frequency.
"""

from __future__ import annotations

import re

from desktop.core.importers.medquad_blocks import Block

_SUMMARY_LABEL = re.compile(r"^\s*Summary\s*:\s*")
_LANGUAGE_LINK = re.compile(r"^\s*Espa(?:ñ|)ol\s*$", re.MULTILINE)
_SMALL = frozenset("a an and as at by for from in into of on or the to with".split())
# Words that begin ordinary sentences, never a heading of these sites.
_SENTENCE_STARTERS = frozenset(
    """the a an this these those that it its if in for when some many most you your we they
    he she there our as at on but and or to after before during because although while with
    without by each every all any both one people doctors""".split()
)
_RUN_IN_MAX_WORDS = 8
_QUESTION = re.compile(
    r"(?:^|(?<=[.!?]\s))((?:How|What|Who|Why|When|Where|Which|Is|Are|Can|Could|Does|Do|Should)"
    r"\b[^.!?]{3,160}\?)\s+(?=[A-Z0-9\"“(])"
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+")
_HPO_HEADER = re.compile(r"\s*Signs and Symptoms Approximate number of patients \(when available\)")
_HPO_TRAILER = re.compile(r"\s*(?=The Human Phenotype Ontology \(HPO\) has collected)")
_HPO_ROW = re.compile(r"(.+?)\s+(\d+(?:\.\d+)?%|\d+/\d+|-)(?=\s|$)")


def prepare(text: str, source: str) -> str:
    """Remove page furniture every source may carry."""
    text = _SUMMARY_LABEL.sub("", text, count=1)
    return _LANGUAGE_LINK.sub("", text)


def _capitalised(word: str) -> bool:
    core = word.strip('("“')
    return bool(core) and (core[0].isupper() or core[0].isdigit()) and core[-1].isalnum()


def _run_in_heading(text: str) -> tuple[str, str] | None:
    """Split "Chest Pain or Discomfort The most common ..." into heading and sentence."""
    words = text.split(" ", _RUN_IN_MAX_WORDS + 3)
    run: list[str] = []
    for index, word in enumerate(words[: _RUN_IN_MAX_WORDS + 2]):
        following = words[index + 1] if index + 1 < len(words) else ""
        if _capitalised(word):
            run.append(word)
        elif word.lower() in _SMALL and run and _capitalised(following):
            run.append(word)
        else:
            break
    heading = run[:-1]
    if not heading or len(heading) > _RUN_IN_MAX_WORDS or heading[-1].lower() in _SMALL:
        return None
    if heading[0].lower() in _SENTENCE_STARTERS:
        return None
    rest = " ".join(words[len(heading) :])
    if len(rest.split()) < 3:
        return None
    return " ".join(heading), rest


def _split_run_in(text: str) -> list[Block]:
    """Every sentence start of a paragraph may carry a run-in heading."""
    out: list[Block] = []
    starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text)]
    taken = 0
    for start in starts:
        if start < taken:
            continue
        found = _run_in_heading(text[start:])
        if found is None:
            continue
        before = text[taken:start].strip()
        if before:
            out.append(Block("p", before))
        out.append(Block("h", found[0]))
        taken = start + len(found[0])
    rest = text[taken:].strip()
    if rest:
        out.append(Block("p", rest))
    return out


def _split_questions(text: str) -> list[Block]:
    """A question at a sentence start, with text after it, heads that text."""
    out: list[Block] = []
    taken = 0
    for match in _QUESTION.finditer(text):
        before = text[taken : match.start(1)].strip()
        if before:
            out.append(Block("p", before))
        out.append(Block("h", match.group(1)))
        taken = match.end()
    rest = text[taken:].strip()
    if rest:
        out.append(Block("p", rest))
    return out


def _symptom_table(text: str) -> list[Block] | None:
    """GARD's Human Phenotype Ontology table as a list of signs with their frequency."""
    header = _HPO_HEADER.search(text)
    if header is None:
        return None
    table = text[header.end() :]
    trailer = _HPO_TRAILER.search(table)
    after = ""
    if trailer is not None:
        table, after = table[: trailer.start()], table[trailer.end() :]
    out = [Block("p", text[: header.start()].strip())] if text[: header.start()].strip() else []
    for name, frequency in _HPO_ROW.findall(table.strip()):
        name = name.strip(" -")
        if name:
            out.append(Block("li", name if frequency == "-" else f"{name} ({frequency})"))
    if after.strip():
        out.append(Block("p", after.strip()))
    return out


def split_runs(blocks: list[Block], source: str) -> list[Block]:
    """Apply the layout rules of the answer's source to its paragraphs."""
    out: list[Block] = []
    for block in blocks:
        if block.kind != "p":
            out.append(block)
            continue
        parts = [block]
        if source == "GARD":
            parts = _symptom_table(block.text) or parts
        if source in ("GARD", "CDC", "NIHSeniorHealth"):
            parts = [q for p in parts for q in (_split_questions(p.text) if p.kind == "p" else [p])]
        if source == "NIHSeniorHealth":
            parts = [q for p in parts for q in (_split_run_in(p.text) if p.kind == "p" else [p])]
        if len(parts) == 1 and parts[0].text == block.text:
            out.append(block)
        else:
            out.extend(parts)
    return out
