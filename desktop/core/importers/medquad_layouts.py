"""Per-source layouts of MedQuAD answers, where one site flattened its pages differently.

* every source: a leading "Summary :" label (MedlinePlus), a lone "Espaol" language-link
  line (NHLBI) and "More on: Handwashing" links to other pages (CDC) are page furniture, not
  answer text;
* NIH Senior Health runs its sub-headings into the next sentence ("Chest Pain or Discomfort
  The most common symptom ..."): a run of title-case words at a sentence start, before the
  capitalised first word of the sentence, is a heading (small words, "is" and "--" inside it
  when a capitalised word follows: "Blood Flow to the Heart Is Blocked", "Breast Cancer is
  Not Contagious"). The split is wrong, and left out, when the sentence would start with a
  number, an acronym or a bracket ("Type | 2 diabetes", "Wet | AMD"), when the heading
  starts as sentences do ("Nearly", "About"), when the sentence is under three words,
  or when the two words at the split are a phrase the answer uses elsewhere ("Early-onset |
  Alzheimers ... early-onset Alzheimers");
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
_LINK_LABEL = re.compile(r"More(?: on)?:\s")
_LINK_LABEL_WORDS = 16
_SMALL = frozenset("a an and as at by for from in into of on or the to with".split())
# Words that begin ordinary sentences, never a heading of these sites.
_SENTENCE_STARTERS = frozenset(
    """the a an this these those that it its if in for when some many most you your we they
    he she there our as at on but and or to after before during because although while with
    without by each every all any both one people doctors did does have over about nearly
    approximately roughly several see almost only according""".split()
)
# Words that join a heading's capitalised words ("Heart Failure is Serious", "Problems -- A").
_JOINERS = _SMALL | {"is", "are", "--"}
_ACRONYM = re.compile(r"[A-Z]\S*[A-Z]|[B-HJ-Z](?![\w-])|[\d(\"“']")
_LETTER_OR_BRACKET = re.compile(r"[B-HJ-Z](?![\w-])|[(\"“']")
# Capitalised inside a run, these start the sentence ("Research The National Eye Institute").
_CUT_AT = frozenset("the this these those it if there although because".split())
_RUN_IN_MAX_WORDS = 8
_QUESTION = re.compile(
    r"(?:^|(?<=[.!?]\s))((?:How|What|Who|Why|When|Where|Which|Is|Are|Can|Could|Does|Do|Should)"
    r"\b[^.!?]{3,160}\?)\s+(?=[A-Z0-9\"“(])"
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+")
_HPO_HEADER = re.compile(r"\s*Signs and Symptoms Approximate number of patients \(when available\)")
_HPO_TRAILER = re.compile(r"\s*(?=The Human Phenotype Ontology \(HPO\) has collected)")
_HPO_ROW = re.compile(r"(.+?)\s+(\d+(?:\.\d+)?%|\d+/\d+|-)(?=\s|$)")


def is_link_label(text: str) -> bool:
    """ "More on: Handwashing": a link to another page of the site, not answer text."""
    return _LINK_LABEL.match(text) is not None and len(text.split()) <= _LINK_LABEL_WORDS


def prepare(text: str, source: str) -> str:
    """Remove page furniture every source may carry."""
    text = _SUMMARY_LABEL.sub("", text, count=1)
    return _LANGUAGE_LINK.sub("", text)


def _capitalised(word: str) -> bool:
    core = word.strip('("“)”')
    return bool(core) and (core[0].isupper() or core[0].isdigit()) and core[-1].isalnum()


def _used_elsewhere(answer: str, last: str, start: str) -> bool:
    """ "Early-onset | Alzheimers is ...": the heading's last word and the sentence's first
    word are a phrase the answer writes elsewhere in running text ("called early-onset
    Alzheimers", the first word in lower case)."""
    lowered = last[:1].lower() + last[1:]
    if lowered == last:
        return False
    return (
        re.search(f"(?<![\\w-]){re.escape(lowered)}\\s+(?i:{re.escape(start)})\\b", answer)
        is not None
    )


def _run_in_heading(text: str, answer: str = "") -> tuple[str, str] | None:
    """Split "Chest Pain or Discomfort The most common ..." into heading and sentence
    (`answer`: the whole answer, to tell phrases the split would cut)."""
    words = text.split(" ", _RUN_IN_MAX_WORDS + 3)
    run: list[str] = []
    first = -1  # index of the sentence's first word when it is not the run's last word
    for index, word in enumerate(words[: _RUN_IN_MAX_WORDS + 2]):
        following = next((w for w in words[index + 1 :] if w.lower() not in _JOINERS), "")
        if run and word.lower() in _CUT_AT and word[:1].isupper():
            run.append(word)  # the sentence's first word
            break
        if _capitalised(word):
            run.append(word)
        elif word.lower() in _JOINERS and run and _capitalised(following):
            run.append(word)
        else:
            if run and word[:1].isupper() and word[-1:] in ",;" and len(run) >= 2:
                first = index  # "Finding New Treatments Recently, there have been ..."
            break
    heading = run if first >= 0 else run[:-1]
    if heading and words[len(heading)][:1].isdigit():
        heading = heading[:-1]  # "Type 1 Diabetes | Type 1 diabetes ...": a number starts none
    if not heading or len(heading) > _RUN_IN_MAX_WORDS or heading[-1].lower() in _JOINERS:
        return None
    if heading[-1][:1].isdigit():  # "Between 5 | 10 percent": a number
        return None
    if heading[0].lower() in _SENTENCE_STARTERS or heading[0].startswith("("):
        return None
    rest = " ".join(words[len(heading) :])
    sentence = _SENTENCE_BREAK.split(rest, maxsplit=1)[0]
    if len(sentence.split()) < 3 or _LETTER_OR_BRACKET.match(rest):
        return None  # "Medicare Part | A is ...", "Deep Cleaning | (Scaling ...)"
    if _ACRONYM.match(rest) and len(heading) == 1:
        return None  # "Wet | AMD can be treated", "Adults | 65 and older": one phrase
    start = rest.split(" ", 1)[0].strip(",;")
    if start.lower() not in _SENTENCE_STARTERS and _used_elsewhere(answer, heading[-1], start):
        return None  # "Early-onset Alzheimers": one phrase, used again in the answer
    return " ".join(heading), rest


def _split_run_in(text: str, answer: str = "") -> list[Block]:
    """Every sentence start of a paragraph may carry a run-in heading."""
    out: list[Block] = []
    starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text)]
    taken = 0
    for start in starts:
        if start < taken:
            continue
        found = _run_in_heading(text[start:], answer)
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
    answer = " ".join(b.text for b in blocks) if source == "NIHSeniorHealth" else ""
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
            parts = [
                q for p in parts for q in (_split_run_in(p.text, answer) if p.kind == "p" else [p])
            ]
        if len(parts) == 1 and parts[0].text == block.text:
            out.append(block)
        else:
            out.extend(parts)
    return out
