"""Jinja2 templates of the page parts the plugin writes, with autoescape; a site can override each one.

A template `NAME.html` is looked up first in the theme's `custom_dir` under `briefings/` (as
Material's tags plugin lets a site override its renderer), then in this package's
`templates/`. Every value is escaped unless it is `Markup` already.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape

_PACKAGE_TEMPLATES = PackageLoader("build_tools.site", "templates")


def environment(custom_dir: str | Path | None = None) -> Environment:
    """The templates of one site: its own overrides first, then the package's."""
    loaders = [FileSystemLoader(Path(custom_dir) / "briefings")] if custom_dir else []
    return Environment(loader=ChoiceLoader([*loaders, _PACKAGE_TEMPLATES]), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


_DEFAULT = environment()


def render(templates: Environment | None, name: str, **context: Any) -> str:
    """One part rendered with the site's templates (the package's own when none are given)."""
    return (templates or _DEFAULT).get_template(name).render(**context)
