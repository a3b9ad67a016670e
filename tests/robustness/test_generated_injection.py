"""Generated script injection: over a hundred payloads, built and previewed for real, opened in Chromium; none may run.

Hypothesis composes the payloads (tags, attribute separators `/`, tab,
newline, nesting, entity-encoded schemes, mutation-XSS shapes, SVG and
MathML, forms, CSS `url(javascript:…)`), and a fixed list adds the shapes
testers found. They are planted in batches: raw HTML in hand-written briefing
bodies, link and abbreviation titles (Material shows titles as HTML
tooltips), glossary definitions (front matter and "X is defined as …" in a
raw article), reference entries and `data-pagefind-meta`. The site is built
with `mkdocs build` and also served by `mkdocs serve`; each briefing is
opened with and without its Content-Security-Policy (Playwright's
`bypass_csp`, so the sanitiser alone must hold), every element gets hover
and focus events, glossary terms and previews are hovered for real, and the
built site is searched. A payload that runs sets `window.__pwned` or opens a
dialog; neither may happen.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import build_project
from tests.robustness.helpers import MKDOCS, project_with, serve
from tests.robustness.test_injection import _AUDIT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RUN = "__pwned=1,alert(1)"  # sets the flag and opens a dialog; no quotes or spaces, so it survives unquoted attributes
SCHEMES = ["javascript:", "JaVaScRiPt:", "java\tscript:", "jav&#x09;ascript:", "&#106;avascript:", "&#x6A;&#x61;vascript&#58;",
           " javascript:", "javascript&colon;", "vbscript:", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==,"]
TAGS = ["img", "svg", "math", "details", "video", "audio", "body", "input", "iframe", "object", "embed", "marquee", "select",
        "textarea", "a", "div", "span", "p", "table", "style", "form", "button", "animate", "image", "mglyph", "keygen"]
EVENTS = ["onerror", "onload", "onmouseover", "onmouseenter", "onfocus", "ontoggle", "onbegin", "onanimationstart", "onpointerover",
          "onclick", "ONERROR", "OnLoad"]
SEPARATORS = [" ", "/", "\t", "\n", "\x0c", "/ ", " /"]
QUOTES = ['"', "'", ""]
FIXED = [
    f"<scr<script>ipt>{RUN}</scr</script>ipt>",
    f"<svg/onload={RUN}>",
    f"<svg><script>{RUN}</script></svg>",
    f"<svg><animate onbegin={RUN} attributeName=x dur=1s>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={RUN}>",
    f'<form action="javascript:{RUN}"><button>Send</button></form>',
    f'<p style="background:url(javascript:{RUN})">styled</p>',
    f'<div style="width: expression({RUN})">expr</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:__pwned=1">',
    '<base href="https://attacker.invalid/">',
    f'<a href="&#106;avascript:{RUN}">entity link</a>',
    f'<iframe srcdoc="<script>parent.{RUN}</script>"></iframe>',
    f"<noscript><p title=\"</noscript><img src=x onerror={RUN}>\">",
    f"<details open ontoggle={RUN}>",
    f'<span data-pagefind-meta="url:javascript:{RUN}">meta</span>',
    f'<abbr title="<img src=x onerror={RUN}>">ABBR</abbr>',
    f'<a href="https://example.org/" title="<img src=x onerror={RUN}>">titled link</a>',
    f"<img src=x onerror={RUN}//",
    f"<<img src=x onerror={RUN}>",
    f"<!--><img src=x onerror={RUN}>-->",
    f"<style><img src=x onerror={RUN}></style>",
    f"<template><img src=x onerror={RUN}></template>",
    f'<object data="javascript:{RUN}"></object>',
    f'<embed src="javascript:{RUN}">',
    f'<input autofocus onfocus={RUN}>',
]


@st.composite
def payloads(draw) -> str:
    """One injection: a tag with a handler or a script URL, written with separators, quotes, case and nesting that parsers disagree on."""
    tag = draw(st.sampled_from(TAGS))
    sep = draw(st.sampled_from(SEPARATORS))
    quote = draw(st.sampled_from(QUOTES))
    kind = draw(st.sampled_from(["event", "url", "mutation", "nested"]))
    if kind == "event":
        event = draw(st.sampled_from(EVENTS))
        text = f"<{tag}{sep}src=x{sep}{event}={quote}{RUN}{quote}>x</{tag}>"
    elif kind == "url":
        scheme = draw(st.sampled_from(SCHEMES))
        attr = draw(st.sampled_from(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"]))
        text = f"<{tag}{sep}{attr}={quote}{scheme}{RUN}{quote}>link</{tag}>"
    elif kind == "mutation":
        outer = draw(st.sampled_from(["svg", "math", "noscript", "style", "textarea", "title", "select", "table", "template"]))
        text = f"<{outer}><{tag}{sep}title=\"</{outer}><img src=x onerror={RUN}>\"></{outer}>"
    else:
        inner = draw(st.sampled_from(["script", "img", "svg", "iframe"]))
        text = f"<{tag}><{inner[:3]}<{inner}>{inner[3:]}{sep}src=x onerror={RUN}>{RUN}</{inner}></{tag}>"
    if draw(st.booleans()):
        text = text.upper() if draw(st.booleans()) else text.replace("<", "<\n", 1)
    return text


def _briefing(n: int, batch: list[str]) -> str:
    glossary = "\n".join(
        f'  - term: Payloadterm{n}x{i}\n    kind: term\n    definition: {json.dumps("defined as " + p)}' for i, p in enumerate(batch[:5])
    )
    body = "\n\n".join(
        f"Paragraph {i} about Huawei and 5G networks uses Payloadterm{n}x{i} and carries {p} in the middle of its text."
        + (f' A [titled link](https://example.org/ "{p.replace(chr(34), chr(39))}") follows.' if i % 3 == 0 else "")
        for i, p in enumerate(batch)
    )
    return f"---\ntitle: Generated payloads {n}\ndate: 2020-01-0{n % 9 + 1}\nglossary:\n{glossary}\n---\n\n{body}\n"


def _seed(batch: list[str]) -> str:
    definitions = "\n\n".join(f"Zorblax{i} is defined as {p} in the policy literature, as this paragraph says of 5G and Huawei." for i, p in enumerate(batch))
    references = "\n".join(f'Author{i}, A. (2019). A paper on networks. <example.com/"onmouseover={RUN}"> {p}' for i, p in enumerate(batch))
    return (f"Generated payloads in a raw article about 5G\nBy Jane Doe\n13 June 2019\n\n{definitions}\n\n"
            f"The last paragraph cites a paper (Author0, 2019) about Huawei and digital sovereignty.\n\nReferences\n\n{references}\n")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _mkdocs_serve(project: Path):
    port = _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    proc = subprocess.Popen([MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"mkdocs serve did not start: {proc.stderr.read() if proc.stderr else ''}") from None
                time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


_PROVOKE = """() => {
  const types = ["mouseover", "mouseenter", "pointerover", "focus", "focusin", "animationstart"];
  for (const el of document.querySelectorAll("article *, .md-content *")) {
    for (const t of types) el.dispatchEvent(new Event(t, {bubbles: t !== "mouseenter"}));
  }
  for (const d of document.querySelectorAll("details")) d.open = true;
  return document.querySelectorAll("article *").length;
}"""


_INTO_VIEW = """el => {
  el.scrollIntoView({block: "center"});
  const r = el.getClientRects()[0];
  return r && r.width > 0 ? [r.left + Math.min(r.width / 2, 20), r.top + r.height / 2] : null;
}"""


def _attack(browser, base: str, paths: list[str], *, csp: bool) -> list[str]:
    """Open each page, provoke every element and hover the tooltips; return every sign that a payload ran."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=not csp)
    problems: list[str] = []
    try:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in paths:
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(200)
            assert page.evaluate(_PROVOKE) > 20, f"{path}: the page has no article"
            # A real pointer over each (Material's tooltips and our previews open), without Playwright's actionability waits.
            hover = page.locator("a.bf-term, abbr[title], a[title], a[data-bf-preview]").filter(visible=True)
            for i in range(min(hover.count(), 12)):
                point = hover.nth(i).evaluate(_INTO_VIEW)
                if point:
                    page.mouse.move(*point)
                    page.wait_for_timeout(40)
            page.wait_for_timeout(200)
            found = page.evaluate(_AUDIT)
            problems += [f"{path}: {b}" for b in found["bad"]]
            if page.evaluate("() => window.__pwned"):
                problems.append(f"{path}: a payload ran (window.__pwned is set){' with' if csp else ' without'} the CSP")
            refreshed = page.evaluate("() => location.href")
            if not refreshed.startswith(base + path):
                problems.append(f"{path}: the page navigated to {refreshed}")
        problems += [f"a dialog opened ({'with' if csp else 'without'} the CSP): {m!r}" for m in dialogs]
    finally:
        context.close()
    return problems


def _generated_project(root: Path, generated: list[str]) -> tuple[Path, list[str]]:
    """The fixed and generated payloads planted in hand-written briefings and a raw article; the briefing paths to open."""
    everything = FIXED + generated
    assert len(everything) >= 100 and len({p.split(">")[0][:4] for p in generated}) >= 8, "the generated payloads are too alike"
    batches = [everything[i : i + 30] for i in range(0, len(everything), 30)]
    project = project_with(root / "project", briefings={f"generated-{n}.md": _briefing(n, batch) for n, batch in enumerate(batches)})
    (project / "seeds" / "generated.txt").write_text(_seed(everything[:40]), encoding="utf-8")
    paths = [f"briefings/generated-{n}/" for n in range(len(batches))]
    return project, paths


# The build and the preview are two tests (each with its own generated payloads), so two workers share the work.
_GENERATED = dict(max_examples=1, phases=[Phase.generate], derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))


@settings(**_GENERATED)
@given(generated=st.lists(payloads(), min_size=110, max_size=110, unique=True))
def test_generated_payloads_never_run_in_the_built_site(generated: list[str], tmp_path_factory, browser) -> None:
    project, planted = _generated_project(tmp_path_factory.mktemp("generated"), generated)
    result = build_project(project, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    paths = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "briefings").glob("*/index.html"))
    assert set(planted) < set(paths) and len(paths) == len(planted) + 1, paths  # and the raw article's briefing
    extra = ["glossary/", "archive/", ""]

    problems: list[str] = []
    with serve(site) as base:
        for csp in (True, False):
            problems += _attack(browser, base, paths + extra, csp=csp)
        context = browser.new_context(bypass_csp=True)
        try:
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(base + "search/?q=payloads")
            page.wait_for_selector(".pagefind-ui__result", timeout=15000)
            page.wait_for_timeout(300)
            page.evaluate(_PROVOKE.replace("article *, .md-content *", ".pagefind-ui *"))
            links = page.eval_on_selector_all(".pagefind-ui__result a", "els => els.map(e => e.getAttribute('href'))")
            assert links, "search found nothing"
            problems += [f"search result links to {h}" for h in links if not h or h.replace(" ", "").lower().startswith(("javascript", "data", "vbscript"))]
            problems += [f"search: {b}" for b in page.evaluate(_AUDIT)["bad"]]
            if page.evaluate("() => window.__pwned") or dialogs:
                problems.append(f"search: a payload ran {dialogs}")
        finally:
            context.close()
    assert not problems, f"{len(problems)} signs of a payload that ran:\n" + "\n".join(problems[:60])


@settings(**_GENERATED)
@given(generated=st.lists(payloads(), min_size=110, max_size=110, unique=True))
def test_generated_payloads_never_run_in_the_preview(generated: list[str], tmp_path_factory, browser) -> None:
    project, paths = _generated_project(tmp_path_factory.mktemp("generated-preview"), generated)
    problems: list[str] = []
    with _mkdocs_serve(project) as base:  # the preview ingests the raw article itself
        with urllib.request.urlopen(base + paths[0]) as response:
            served = response.read().decode("utf-8")
        assert served.count('http-equiv="Content-Security-Policy"') == 1, "mkdocs serve must send the page with its policy"
        assert "base-uri 'none'" in served
        for csp in (True, False):
            problems += [f"serve: {p}" for p in _attack(browser, base, [*paths[:2], "briefings/generated-payloads-in-a-raw-article-about-5g/", "glossary/"], csp=csp)]
    assert not problems, f"{len(problems)} signs of a payload that ran:\n" + "\n".join(problems[:60])


def test_the_preview_keeps_live_reload_under_its_policy(tmp_path: Path, browser) -> None:
    """The live-reload script `mkdocs serve` adds is the one inline script the preview's policy gains: no violation, reload still works."""
    project = project_with(tmp_path / "project", briefings={"a.md": "---\ntitle: A briefing\ndate: 2020-01-01\n---\n\nHuawei and 5G networks.\n"})
    with _mkdocs_serve(project) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.sample || e.blockedURI)));")
            messages: list[str] = []
            page.on("console", lambda m: messages.append(m.text))
            page.goto(base + "briefings/a/")
            page.wait_for_timeout(800)
            assert page.evaluate("() => window.__csp") == []
            assert any("live reload" in m for m in messages), messages
        finally:
            context.close()

