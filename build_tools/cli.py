"""The `briefings` command: the only place that prints and picks exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .errors import InputError
from .fsutil import PathEscapeError


def _cmd_inspect(args: argparse.Namespace) -> int:
    from .analysis import Analyser
    from .pipeline import inspect_record
    from .readers import read_path

    try:
        article = read_path(Path(args.file), source=args.file)
    except InputError as exc:
        print(f"briefings: {exc}", file=sys.stderr)
        return 1
    settings = args.settings
    record = inspect_record(article, Analyser.prepare(settings.themes, settings.curated_glossary))
    print(json.dumps(record, ensure_ascii=False, indent=2 if args.json else None))
    return 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import ingest

    paths = [Path(p) for p in (args.paths or ["seeds"])]
    report = ingest(paths, Path(args.out), config_path=Path(args.config), settings=args.settings, force=args.force, jobs=args.jobs)
    for line in report.lines():
        print(line, file=sys.stderr if line.startswith(("error", "warning")) or ": error:" in line else sys.stdout)
    return 1 if report.failed else 0


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check_paths

    problems = check_paths([Path(p) for p in (args.paths or ["briefings"])], config_path=Path(args.config), settings=args.settings)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    print(f"briefings check: {errors} error(s), {warnings} warning(s)", file=sys.stderr if errors else sys.stdout)
    return 1 if errors or (args.strict and warnings) else 0


def _cmd_new(args: argparse.Namespace) -> int:
    from .authoring import NewBriefingError, new_briefing

    try:
        path = new_briefing(args.title, Path(args.out), theme=args.theme, source=args.from_, config_path=Path(args.config),
                            settings=args.settings)
    except NewBriefingError as exc:
        print(f"briefings: error: {exc}", file=sys.stderr)
        return 1
    print(path.as_posix())
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error message instead of the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="briefings", description="Turn raw policy articles into a briefing site.")
    parser.add_argument("--version", action="version", version=f"briefings {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("inspect", help="print the parsed record of one raw article", description="Print the parsed and analysed record of one raw article.")
    p.add_argument("file", help="a raw article (.txt)")
    p.add_argument("--json", action="store_true", help="pretty-print the JSON record (the default output is compact JSON)")
    p.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml with the theme configuration (default: %(default)s)")
    p.set_defaults(func=_cmd_inspect)

    p = sub.add_parser("ingest", help="convert raw articles into briefings/<slug>.md", description="Convert raw articles into front-matter Markdown briefings. Files an author has edited are left alone unless --force.")
    p.add_argument("paths", nargs="*", help="files or folders of raw articles (default: seeds/)")
    p.add_argument("--out", default="briefings", help="output folder (default: %(default)s)")
    p.add_argument("--force", action="store_true", help="regenerate edited briefings, keeping the author's version as a .bak backup")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (0 = all cores; default: %(default)s)")
    p.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml with the theme configuration (default: %(default)s)")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("check", help="validate briefings", description="Validate briefing files: front matter, links, slugs, glossary.")
    p.add_argument("paths", nargs="*", help="briefing files or folders (default: briefings/)")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml with the theme configuration (default: %(default)s)")
    p.set_defaults(func=_cmd_check)

    from .build import add_arguments, run_command

    p = sub.add_parser("build", help="build site/, replacing it only when the build succeeds",
                       description="Run mkdocs build into a temporary folder and swap it with site/ only when it succeeds.")
    add_arguments(p)
    p.set_defaults(func=run_command)

    p = sub.add_parser("new", help="start a hand-written briefing from a template", description="Create briefings/<slug>.md with a commented front-matter template.")
    p.add_argument("title", help="the briefing's title")
    p.add_argument("--theme", action="append", help="a configured theme slug (repeatable)")
    p.add_argument("--from", dest="from_", metavar="URL-or-file", help="the source: a URL to record, or a raw article file to pre-fill from")
    p.add_argument("--out", default="briefings", help="output folder (default: %(default)s)")
    p.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml with the theme configuration (default: %(default)s)")
    p.set_defaults(func=_cmd_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .config import SettingsError, load_project_settings

    try:
        config = getattr(args, "config", None)
        # Read once, here: a wrong option is one clear error before any work starts, and every command gets the result.
        args.settings = load_project_settings(Path(config)) if config else None
        return args.func(args)
    except SettingsError as exc:
        print(f"briefings: {getattr(args, 'config', 'mkdocs.yml')}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("briefings: interrupted", file=sys.stderr)
        return 130
    except PathEscapeError as exc:  # a symlinked site/ or cache: refused before anything is touched
        print(f"briefings: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
