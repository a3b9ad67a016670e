"""`briefings check`: every problem in the briefings, one line each, with file and line.

Per file: YAML and front-matter schema (briefing_file, schema). Across the
corpus: duplicate slugs, cross-links to briefings or paragraphs that do not
exist, and glossary terms defined twice with different meanings. The MkDocs
plugin reports the same problems with the same messages.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .corpus import Corpus, build_corpus, term_key
from .errors import Problem, unusable_file

if TYPE_CHECKING:
    from .config import ProjectSettings


def corpus_problems(corpus: Corpus, folder: Path | None = None) -> list[Problem]:
    """Problems that only show across files: duplicate slugs, dangling links, conflicting glossary terms."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for doc in corpus.docs.values():
        key = doc.slug.casefold()
        if key in seen:
            problems.append(Problem(doc.path, 1, 1, "error", f"duplicate slug '{doc.slug}' (also {seen[key]})", "rename one of the files"))
        seen[key] = doc.path
    suggest = SlugSuggester(corpus.docs)
    for doc in corpus.docs.values():
        for link in doc.body.links:
            if link.target.lower().startswith("glossary:"):
                term = link.target.split(":", 1)[1].strip()
                if term_key(term) not in corpus.glossary:
                    problems.append(Problem(doc.path, link.line, link.column, "error", f"link to unknown glossary term '{term}'",
                                            "use a term from the glossary page or glossary.yml"))
                continue
            target = corpus.docs.get(link.target)
            if target is None:
                close = suggest(link.target)
                hint = f"did you mean '{close}'?" if close else "link to the file name of an existing briefing, without .md"
                problems.append(Problem(doc.path, link.line, link.column, "error", f"link to unknown briefing '{link.target}'", hint))
            elif link.anchor and link.anchor not in _anchors(target):
                problems.append(Problem(
                    doc.path, link.line, link.column, "error",
                    f"link to '{link.target}#{link.anchor}': that briefing has no paragraph or heading '{link.anchor}'",
                    f"use an anchor between p-1 and p-{len(target.body.paragraphs)}",
                ))
    for term in corpus.glossary.values():
        if len(term.definitions) > 1:
            (first_def, first_slug), (other_def, other_slug) = term.definitions[0], term.definitions[1]
            doc = corpus.docs[other_slug]
            line = next((p.line for p in doc.body.paragraphs if term.term.casefold() in p.text.casefold()), 1)
            problems.append(Problem(
                doc.path, line, 1, "warning",
                f"glossary term '{term.term}' is defined as '{other_def}' here but as '{first_def}' in {corpus.docs[first_slug].path}",
                "make the definitions agree, or add the term to glossary.yml to settle it",
            ))
    return problems


class SlugSuggester:
    """"Did you mean" for an unknown slug, compared with the few slugs that share its rarest words, not with every slug.

    Comparing each broken link with every briefing (difflib, about 0.15 ms a
    pair) made the check quadratic: seconds per broken link at 10,000 briefings.
    """

    CANDIDATES = 20
    COMMON = 200  # a word in more slugs than this only narrows the search when no rarer word matched

    def __init__(self, slugs: Iterable[str]) -> None:
        self.by_word: dict[str, list[str]] = defaultdict(list)
        for slug in slugs:
            for word in dict.fromkeys(slug.casefold().split("-")):
                self.by_word[word].append(slug)

    def __call__(self, target: str) -> str | None:
        words = sorted((w for w in set(target.casefold().split("-")) if w in self.by_word), key=lambda w: len(self.by_word[w]))
        shared: Counter[str] = Counter()
        for word in words:
            if shared and len(self.by_word[word]) > self.COMMON:
                break
            shared.update(self.by_word[word][: self.COMMON * 10])
        candidates = [slug for slug, _ in shared.most_common(self.CANDIDATES)]
        close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)
        return close[0] if close else None


def _anchors(doc) -> set[str]:
    return {p.id for p in doc.body.paragraphs} | {r.id for r in doc.body.references}


def check_paths(paths: list[Path], *, config_path: Path, settings: ProjectSettings | None = None) -> list[Problem]:
    """All problems in the given briefing files or folders, in file and line order (settings read from config_path unless given)."""
    from .config import load_project_settings
    from .corpus import doc_from_file
    from .markdown_ext import DEFAULT_EXTENSIONS, BlockReader
    from .briefing_file import load_briefing
    from .caches.analysis import CachedAnalyser
    from .schema import validate_meta

    if settings is None:
        settings = load_project_settings(config_path if config_path.is_file() else None)
    theme_slugs = tuple(t.slug for t in settings.themes)
    root = config_path.parent
    analyser = CachedAnalyser(root / ".briefings-cache" / "analysis", settings.themes, settings.curated_glossary, read_only=True)
    block_reader = BlockReader(DEFAULT_EXTENSIONS)  # one parser for every file checked
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.glob("*.md") if not p.name.startswith("."))
        elif path.exists():
            files.append(path)
    problems: list[Problem] = list(settings.problems)
    missing = [p for p in paths if not p.exists()]
    problems += [Problem(p.as_posix(), None, None, "error", "no such file or folder", "check the path") for p in missing]
    docs = []
    for path in files:
        bf, found = load_briefing(path, path.as_posix())
        problems += found
        if bf is None:
            continue
        meta_problems = validate_meta(bf, theme_slugs)
        problems += meta_problems
        if not any(p.severity == "error" for p in meta_problems):
            try:
                docs.append(doc_from_file(bf, analyser, block_reader))
            except (ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError) as exc:
                problems.append(unusable_file(path.as_posix(), exc))
    problems += corpus_problems(build_corpus(docs))
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0, p.message))
