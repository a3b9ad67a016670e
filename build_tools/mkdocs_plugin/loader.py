"""Load every briefing file into a Corpus, reporting (not raising on) bad files."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..briefing_file import load_briefing
from ..corpus import Corpus, Doc, build_corpus, doc_from_file
from ..errors import Problem
from ..links import resolve_wikilinks
from ..model import Theme
from ..schema import validate_meta
from .analysis_cache import CachedAnalyser


@dataclass
class LoadResult:
    corpus: Corpus
    problems: list[Problem] = field(default_factory=list)


def briefing_paths(folder: Path) -> list[Path]:
    """Briefing files in a folder, sorted; backups and hidden files are not briefings."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith("."))


def load_docs(root: Path, folder_name: str, themes: dict[str, Theme], analyser: Any) -> tuple[list[Doc], list[Problem]]:
    folder = root / folder_name
    docs: list[Doc] = []
    problems: list[Problem] = []
    for path in briefing_paths(folder):
        shown = f"{folder_name.rstrip('/')}/{path.name}"
        bf, found = load_briefing(path, shown)
        problems += found
        if bf is None:
            continue
        meta_problems = validate_meta(bf, tuple(themes))
        problems += meta_problems
        if any(p.severity == "error" for p in meta_problems):
            continue
        docs.append(doc_from_file(bf, analyser))
    return docs, problems


def load_corpus(root: Path, options: Any, themes: dict[str, Theme], *, include_drafts: bool) -> LoadResult:
    """Read, validate and analyse the corpus; files with errors are left out and reported."""
    from ..config import load_project_settings

    settings = load_project_settings(root / "mkdocs.yml") if (root / "mkdocs.yml").is_file() else None
    curated = settings.curated_glossary if settings else ()
    analyser = CachedAnalyser(root / ".briefings-cache" / "analysis", tuple(themes.values()), curated)
    docs, problems = load_docs(root, options["briefings_dir"], themes, analyser)
    analyser.prune()
    if not include_drafts:
        docs = [d for d in docs if not d.draft]
    corpus = build_corpus(docs)
    for slug, doc in list(corpus.docs.items()):
        linked = resolve_wikilinks(doc.body.markdown, corpus)
        if linked != doc.body.markdown:
            corpus.docs[slug] = replace(doc, body=replace(doc.body, markdown=linked))
    return LoadResult(corpus, problems)
