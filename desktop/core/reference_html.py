"""A reference as HTML: its URL, DOI and PubMed record made into links where they stand."""

from __future__ import annotations

import html
import re

from db.records import Reference

__all__ = ["reference_html", "reference_links"]


def reference_links(ref: Reference) -> list[tuple[str, str]]:
    """(label, url) links of a reference: its URL, DOI and PubMed record."""
    links = []
    if ref.url:
        links.append(("Link", ref.url))
    if ref.doi:
        links.append((f"doi:{ref.doi}", f"https://doi.org/{ref.doi}"))
    if ref.pmid:
        links.append((f"PubMed {ref.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"))
    return links


def reference_html(ref: Reference) -> str:
    """Reference text, escaped, with its URL, DOI and PMID made into links where they stand."""
    text = html.escape(ref.text)
    done: set[str] = set()
    for label, url in reference_links(ref):
        needle = html.escape(ref.url) if label == "Link" and ref.url else None
        if label.startswith("doi:"):
            needle = _find_ci(text, f"doi:{ref.doi}") or _find_ci(text, f"doi: {ref.doi}")
        elif label.startswith("PubMed"):
            found = re.search(rf"PMID:?\s*{ref.pmid}\b", text, re.IGNORECASE)
            needle = found.group(0) if found else None
        anchor_url = html.escape(url, quote=True)
        if needle and needle in text and needle not in done:
            text = text.replace(needle, f'<a href="{anchor_url}">{needle}</a>', 1)
            done.add(needle)
        else:
            text += f' <a href="{anchor_url}">{html.escape(label)}</a>'
    return text


def _find_ci(text: str, needle: str) -> str | None:
    index = text.lower().find(needle.lower())
    return text[index : index + len(needle)] if index >= 0 else None
