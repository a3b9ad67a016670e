"""The package's import graph: no circles, and no arrow back up into the MkDocs plugin or the command line.

Layers, from the bottom: records and text tools; parsing, readers and analysis; the briefing file, body
and corpus; caches and site pages; then the MkDocs plugin and the `briefings` command, which nothing
else imports. Lazy imports inside functions count too: they are arrows all the same.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "build_tools"
TOP = ("build_tools.mkdocs_plugin", "build_tools.cli", "build_tools.build")  # entry points: imported by nothing below them


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def import_graph() -> dict[str, set[str]]:
    """module -> the package's modules it imports (at the top or inside a function)."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in paths}
    for module, path in paths.items():
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = package.split(".")
                    base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                targets = [base, *(f"{base}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            graph[module] |= {t for t in targets if t in paths and t != module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_has_no_circle() -> None:
    assert _cycles(import_graph()) == []


def test_no_arrow_runs_back_up_into_the_plugin_or_the_command() -> None:
    graph = import_graph()
    up = sorted((m, t) for m, targets in graph.items() for t in targets
                if t.startswith(TOP) and not m.startswith(TOP) and m != "build_tools.__main__")
    assert up == []


def test_the_plugin_package_holds_only_mkdocs_glue() -> None:
    """Caches, pages, the feed and the search index live in their own packages; the plugin routes to them."""
    files = sorted(p.name for p in (PACKAGE / "mkdocs_plugin").glob("*.py"))
    assert files == ["__init__.py", "assets.py", "convert_ahead.py", "plugin.py"]  # convert_ahead: MkDocs' page loop on every core
    site = import_graph()
    assert not any(t.startswith("build_tools.mkdocs_plugin") for m, ts in site.items() if m.startswith(("build_tools.site", "build_tools.caches")) for t in ts)
