"""Theme parts shared by briefing pages: rendered once per page depth among them, afresh on every other page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2

from build_tools.site.shared_parts import SharedParts, theme_loader_with_material

TEMPLATE = '<nav>{% call briefings_shared_part("nav") %}{{ render() }}:{{ base_url }}{% endcall %}</nav>'


def _render(env: jinja2.Environment, src_uri: str | None, base_url: str) -> str:
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri)) if src_uri else None
    return env.from_string(TEMPLATE).render(page=page, base_url=base_url)


def test_a_part_is_rendered_once_per_depth_among_sharing_pages_and_every_time_elsewhere() -> None:
    renders: list[int] = []
    env = jinja2.Environment()
    env.globals["render"] = lambda: renders.append(1) or len(renders)
    env.globals["briefings_shared_part"] = SharedParts(frozenset({"briefings/a.md", "briefings/b.md", "briefings/c.md"}))
    assert _render(env, "briefings/a.md", "../..") == "<nav>1:../..</nav>"
    assert _render(env, "briefings/b.md", "../..") == "<nav>1:../..</nav>", "the same part, not rendered again"
    assert _render(env, "briefings/c.md", "..") == "<nav>2:..</nav>", "another depth renders its own"
    assert _render(env, "index.md", "../..") == "<nav>3:../..</nav>", "a page that does not share renders its own"
    assert _render(env, None, ".") == "<nav>4:.</nav>", "a template without a page (404) renders its own"
    assert len(renders) == 4


def test_a_fresh_build_renders_its_parts_afresh() -> None:
    env = jinja2.Environment()
    env.globals["render"] = iter(range(1, 10)).__next__
    for expected in ("1", "2"):
        env.globals["briefings_shared_part"] = SharedParts(frozenset({"briefings/a.md"}))
        assert _render(env, "briefings/a.md", "../..") == f"<nav>{expected}:../..</nav>"


def _theme(folder: Path, text: str) -> str:
    (folder / "partials").mkdir(parents=True)
    (folder / "partials" / "nav.html").write_text(text, encoding="utf-8")
    return str(folder)


def test_the_wrapped_partial_is_the_one_of_the_first_theme_folder_below_ours(tmp_path: Path) -> None:
    ours = _theme(tmp_path / "ours", '{% include "material/partials/nav.html" %}')
    material = _theme(tmp_path / "material", "Material's nav")
    (tmp_path / "mkdocs").mkdir()
    loader = theme_loader_with_material(jinja2.FileSystemLoader([ours, material]), [material, str(tmp_path / "mkdocs")])
    assert jinja2.Environment(loader=loader).get_template("partials/nav.html").render() == "Material's nav"


def test_without_a_navigation_partial_below_ours_the_loader_is_left_as_it_was(tmp_path: Path) -> None:
    loader = jinja2.FileSystemLoader([str(tmp_path)])
    assert theme_loader_with_material(loader, [str(tmp_path)]) is loader
    assert theme_loader_with_material(None, [str(tmp_path)]) is None
