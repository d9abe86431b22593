"""The one HTML allow-list: every piece of answer HTML we show or export passes through here.

Content is untrusted (it comes from a feed), so nothing outside this short list survives:
no script, styles, images, forms or unsafe link schemes. Kept apart from render.py so the
list can be read (and reviewed) on its own.
"""

from __future__ import annotations

import nh3

_ALLOWED_TAGS = {
    "a",
    "b",
    "strong",
    "i",
    "em",
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "div",
    "sup",
    "sub",
    "small",
    "dl",
    "dt",
    "dd",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title"},
    "a": {"href", "name"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
}
_URL_SCHEMES = {"http", "https", "mailto"}  # (our visit sheet links are added after)


def sanitize(fragment: str) -> str:
    """Keep only the HTML subset we render; no script, styles, images or unsafe links."""
    return nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
    )
