"""YAML front matter: unsafe tags are refused (never run), and every mistake is one `file:line:col: error:` line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.briefing_file import load_briefing_text
from build_tools.schema import validate_meta
from tests.conftest import run
from tests.robustness.helpers import BRIEFINGS, project_with
from tests.timing import assert_linear, hang_guard

THEMES = ("5g", "sovereignty", "ecosystems")
BODY = "\nA body paragraph about 5G networks.\n"

# name -> (file text, line, column, words the message must contain)
UNSAFE = {
    "apply": ('---\ntitle: Ok\ndate: 2020-01-01\nx: !!python/object/apply:os.system ["echo pwned"]\n---\n' + BODY, 4, 4, "python/object/apply:os.system"),
    "new": ('---\ntitle: Ok\nx: !!python/object/new:subprocess.Popen [["touch", "pwned"]]\n---\n' + BODY, 3, 4, "python/object/new"),
    "name": ("---\ntitle: !!python/name:os.system\n---\n" + BODY, 2, 8, "python/name:os.system"),
    "module": ("---\ntitle: Ok\nx: !!python/module:os\n---\n" + BODY, 3, 4, "python/module:os"),
    "object": ("---\ntitle: Ok\nauthors:\n  - !!python/object:builtins.dict {}\n---\n" + BODY, 4, 5, "python/object:builtins.dict"),
    "nested": ('---\ntitle: Ok\nglossary:\n  - term: X\n    definition: !!python/object/apply:os.system ["echo pwned"]\n---\n' + BODY, 5, 17, "python/object/apply"),
}
MISTAKES = {
    "tab-indent": ("---\ntitle: Ok\nauthors:\n\t- Jane Doe\n---\n" + BODY, 4, 1, "tab"),
    "duplicate": ("---\ntitle: One\ndate: 2020-01-01\ntitle: Two\n---\n" + BODY, 4, 1, "duplicate key 'title'"),
    "duplicate-nested": ("---\ntitle: Ok\nauthors:\n  - name: A\n    name: B\n---\n" + BODY, 5, 5, "duplicate key 'name'"),
    "title-list": ("---\ntitle: [a, b]\n---\n" + BODY, 2, 1, "title must be text"),
    "bad-date": ("---\ntitle: Ok\ndate: notadate\n---\n" + BODY, 3, 1, "date 'notadate' is not a date"),
    "impossible-date": ("---\ntitle: Ok\ndate: 2019-02-30\n---\n" + BODY, 3, 1, "is not a date"),
    "unknown-theme": ("---\ntitle: Ok\nthemes: [unknownslug]\n---\n" + BODY, 3, 1, "theme 'unknownslug' is not configured"),
    "draft-string": ('---\ntitle: Ok\ndraft: "yes"\n---\n' + BODY, 3, 1, "draft must be true or false"),
    "syntax": ("---\ntitle: Ok\nsubtitle: 'unterminated\n---\n" + BODY, 4, 1, "not valid YAML"),
    "crlf-tag": ("---\r\ntitle: Ok\r\n\r\nx: !!python/name:os.system\r\n---\r\n" + BODY, 4, 4, "python/name"),
    "bom-duplicate": ("\ufeff---\ntitle: One\ntitle: Two\n---\n" + BODY, 3, 1, "duplicate key"),
}
ALL = {**UNSAFE, **MISTAKES}
_LINE = re.compile(r"^(?P<path>[^:\s]+\.md):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+)$")


def _problems(text: str, path: str) -> list[str]:
    bf, problems = load_briefing_text(text, path)
    if bf is not None:
        problems = problems + [p for p in validate_meta(bf, THEMES) if p.severity == "error"]
    return [p.format() for p in problems]


@pytest.mark.parametrize("name", list(ALL))
def test_each_mistake_is_one_error_naming_file_line_and_column(name: str) -> None:
    text, line, col, words = ALL[name]
    problems = _problems(text, f"briefings/{name}.md")
    assert len(problems) == 1, problems
    m = _LINE.match(problems[0])
    assert m, problems[0]
    assert (m["path"], int(m["line"]), int(m["col"])) == (f"briefings/{name}.md", line, col), problems[0]
    assert words in m["message"], problems[0]
    assert "; " in m["message"], f"no hint on what to do: {problems[0]}"


@pytest.mark.parametrize("name", list(UNSAFE))
def test_unsafe_tags_are_refused_and_never_run(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import subprocess

    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: calls.append(a))
    text, *_ = UNSAFE[name]
    bf, problems = load_briefing_text(text, "briefings/x.md")
    assert bf is None and problems
    assert "remove the tag" in problems[0].format()
    assert not calls


def _alias_bomb(depth: int) -> str:
    """Ten anchors of nine aliases each (a billion "lol"s if expanded); the fields use the anchor of `depth`."""
    lines = ["---", "title: Laughs", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 10)]
    lines += [f"{key}: *a{depth}" for key in ("keywords", "tags", "summary", "glossary", "entities")] + ["---", BODY]
    return "\n".join(lines)


def test_alias_bombs_load_fast_and_do_not_expand() -> None:
    bomb, shallow = _alias_bomb(9), _alias_bomb(1)  # the same text but for one digit; expanded, a9 is 9**8 times a1
    with hang_guard():
        problems = _problems(bomb, "briefings/laughs.md")
        assert_linear(lambda: _problems(shallow, "briefings/laughs.md"), lambda: _problems(bomb, "briefings/laughs.md"),
                      factor=1, bound=3.0, what="front matter whose aliases would expand 9**8 times further")
    assert any("keywords must be a list of text" in p for p in problems)


def test_briefings_check_reports_every_mistake_with_file_line_and_column(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project", briefings={f"{name}.md": text for name, (text, *_rest) in ALL.items()})
    (project / "pwned").unlink(missing_ok=True)
    result = run([BRIEFINGS, "check"], project)
    assert result.returncode == 1, result.stdout + result.stderr
    reported: dict[str, tuple[int, int, str]] = {}
    for line in result.stderr.splitlines():
        m = _LINE.match(line)
        if m:
            reported.setdefault(m["path"], (int(m["line"]), int(m["col"]), m["message"]))
    for name, (_text, line, col, words) in ALL.items():
        path = f"briefings/{name}.md"
        assert path in reported, f"{path} not reported:\n{result.stderr}"
        assert reported[path][:2] == (line, col), (path, reported[path])
        assert words in reported[path][2], (path, reported[path])
    assert f"{len(ALL)} error(s)" in result.stderr
    assert not (project / "pwned").exists() and not (tmp_path / "pwned").exists()
