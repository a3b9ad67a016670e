"""Load every briefing file into a Corpus, reporting (not raising on) bad files."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..briefing_file import BriefingFile, load_briefing, load_briefing_text
from ..fsutil import TEMP_PREFIX
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


class FrontMatterCache:
    """Front matter read on an earlier build, as JSON under the hash of the file's text.

    JSON reads about ten times faster than YAML, so a rebuild spends its time
    on what changed. Only files that loaded without a problem are kept (a bad
    file is read, and reported, every time); values that JSON cannot carry
    exactly (keys that are not text) are not cached.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()

    def load(self, path: Path, shown: str) -> tuple[BriefingFile | None, list[Problem]]:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return load_briefing(path, shown)  # reports the problem
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        self.used.add(key)
        entry = self.folder / f"{key}.json"
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            return BriefingFile(path.stem, shown, data["meta"], data["body"], data["body_line"], data["key_lines"]), []
        except (OSError, ValueError, KeyError, TypeError):
            pass
        bf, problems = load_briefing_text(text, shown)
        if bf is not None and not problems:
            self._store(entry, bf)
        return bf, problems

    def _store(self, entry: Path, bf: BriefingFile) -> None:
        data = {"meta": bf.meta, "body": bf.body, "body_line": bf.body_line, "key_lines": bf.key_lines}
        try:
            blob = json.dumps(data, ensure_ascii=False)
            if json.loads(blob)["meta"] != bf.meta:
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f"{TEMP_PREFIX}{entry.name}"
            tmp.write_text(blob, encoding="utf-8")
            os.replace(tmp, entry)
        except (OSError, TypeError, ValueError):
            pass  # not representable, or a read-only checkout: read the YAML next time

    def prune(self) -> None:
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)


def load_docs(root: Path, folder_name: str, themes: dict[str, Theme], analyser: Any, reader: FrontMatterCache | None = None) -> tuple[list[Doc], list[Problem]]:
    folder = root / folder_name
    docs: list[Doc] = []
    problems: list[Problem] = []
    for path in briefing_paths(folder):
        shown = f"{folder_name.rstrip('/')}/{path.name}"
        bf, found = reader.load(path, shown) if reader else load_briefing(path, shown)
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
    reader = FrontMatterCache(root / ".briefings-cache" / "front-matter")
    docs, problems = load_docs(root, options["briefings_dir"], themes, analyser, reader)
    analyser.prune()
    reader.prune()
    if not include_drafts:
        docs = [d for d in docs if not d.draft]
    corpus = build_corpus(docs)
    for slug, doc in list(corpus.docs.items()):
        linked = resolve_wikilinks(doc.body.markdown, corpus)
        if linked != doc.body.markdown:
            corpus.docs[slug] = replace(doc, body=replace(doc.body, markdown=linked))
    return LoadResult(corpus, problems)
