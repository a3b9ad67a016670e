"""The last step of every page's content: an allowlist sanitiser on a real HTML5 parser (nh3, Rust's ammonia).

Article text is escaped when ingested, but a hand-written body is Markdown,
and Markdown passes raw HTML and attribute lists through; the plugin then adds
its own markup around it. The whole content of a page, the plugin's markup
included, goes through nh3 once, after everything else, so no later step can
turn text into markup. What survives is what Markdown, the Material theme and
the plugin's pages need: text structure, tables (alignment as the only style),
`abbr`, `sup`, `details`, pymdownx tabbed sets (radio inputs and their
labels), plain `type=button` buttons (the paragraphs' copy-link buttons; no form to submit), ids, classes, ARIA, and the `data-*` attributes the plugin's scripts
and Pagefind read. Links and images keep `http`, `https`, `mailto` and
relative URLs only. Every `title` is made plain text, because Material's
`content.tooltips` inserts it as HTML. A `data-pagefind-meta` may never set
the result's `url` or `image`, so a search result cannot become a
`javascript:` link. Nothing that runs, loads or redirects (script, style,
iframe, object, embed, form, meta, base, link, svg, math) is kept.
"""

from __future__ import annotations

import functools
import html
import re

import nh3

TAGS = frozenset({
    "a", "abbr", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "nav", "ol", "p", "pre", "q",
    "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Removed with everything inside them (their text is code, or hidden, or not the article's).
DROP_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "iframe", "object", "embed", "textarea", "select", "title", "xmp",
    "noembed", "noframes", "plaintext", "svg", "math", "frameset", "frame", "applet",
})
_GLOBAL = {"id", "class", "title", "lang", "dir", "role", "hidden", "tabindex", "style"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL,
    "a": {"href", "rel", "hreflang", "type"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "details": {"open"},
    "input": {"checked", "name", "disabled"},  # pymdownx tabbed sets: radio inputs (type restricted below)
    "label": {"for"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "bdo": {"dir"},
}
TAG_ATTRIBUTE_VALUES = {"input": {"type": {"radio", "checkbox"}}, "button": {"type": {"button"}}}
PREFIXES = {"aria-", "data-"}
URL_SCHEMES = {"http", "https", "mailto"}
STYLE_PROPERTIES = {"text-align"}  # Markdown tables align columns with it; nothing else may style content
_PAGEFIND_META = re.compile(r"^\s*(url|image)\b", re.IGNORECASE)
_PAGEFIND_ATTRIBUTES = frozenset({"data-pagefind-body", "data-pagefind-ignore", "data-pagefind-meta", "data-pagefind-filter",
                                  "data-pagefind-sort", "data-pagefind-weight"})


def _attribute(element: str, attribute: str, value: str) -> str | None:
    """Per-attribute rules the allowlist cannot say: plain-text titles, no result URL from a page body."""
    if attribute == "title":
        return html.escape(value, quote=False)  # Material's tooltips read it as HTML: keep it the text it was
    if attribute == "data-pagefind-meta" and any(_PAGEFIND_META.match(part) for part in value.split(",")):
        return None
    if attribute.startswith("data-pagefind-") and attribute not in _PAGEFIND_ATTRIBUTES:
        return None
    return value


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """The allowlist, built once: nh3.clean builds it afresh on every call."""
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        strip_comments=True,
        link_rel=None,
        generic_attribute_prefixes=PREFIXES,
        tag_attribute_values=TAG_ATTRIBUTE_VALUES,
        url_schemes=URL_SCHEMES,
        filter_style_properties=STYLE_PROPERTIES,
    )


def sanitise_html(text: str) -> str:
    """The HTML with only allowed elements, attributes and URL schemes, every title plain text."""
    return _cleaner().clean(text)
