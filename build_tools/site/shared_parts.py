"""Theme parts that come out the same on every briefing page, rendered once per build.

Material renders its navigation drawer, its tabs, its palette toggle, its
stylesheet and script tags and its `__config` script afresh for every page: about
two fifths of the time its templates take per page (N=1,000). What they show
depends on the page only through where the page lies (links are made relative to
it: the template's `base_url`) and through which navigation entry is active. A
briefing page is not in the navigation, so no entry is active on it, and every
briefing lies at the same depth. So among briefing pages each part is rendered
once per `base_url` and its HTML is written again for the others; every other page
(the home page, hubs, the project's docs) renders each part as Material does.

The templates wrap a part in `{% call briefings_shared_part("name") %}…{% endcall %}`
(theme/main.html, theme/partials/nav.html, theme/partials/header.html): the wrapped text is the part as
Material renders it, so the page is byte for byte what it would be without sharing.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context


class SharedParts:
    """`briefings_shared_part(name)` for the templates: one build's parts, by name and `base_url`."""

    def __init__(self, sharing_pages: Container[str]):
        self.sharing_pages = sharing_pages  # the src_uri of each page that shares (briefings, not in the navigation)
        self.made: dict[tuple[str, str], Any] = {}

    @pass_context
    def __call__(self, context: Context, name: str, *, caller: Callable[[], Any]) -> Any:
        page = context.get("page")
        file = getattr(page, "file", None)
        if file is None or file.src_uri not in self.sharing_pages:
            return caller()
        key = (name, str(context.get("base_url")))
        part = self.made.get(key)
        if part is None:
            part = self.made[key] = caller()
        return part


MATERIAL_PREFIX = "material"  # "material/partials/nav.html" is Material's own partial, under the one that wraps it


def theme_loader_with_material(loader: BaseLoader | None, dirs_below: list[str]) -> BaseLoader | None:
    """`loader`, which also finds the templates of the theme folder below ours that holds the navigation partial
    (Material's) under `material/`."""
    material = next((d for d in dirs_below if (Path(d) / "partials" / "nav.html").is_file()), None)
    if loader is None or material is None:
        return loader
    return ChoiceLoader([loader, PrefixLoader({MATERIAL_PREFIX: FileSystemLoader(material)})])
