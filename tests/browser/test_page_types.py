"""Every page type in a real browser: screenshots at desktop and phone widths, no request leaving the
site, and a Content-Security-Policy that the theme lives with (no violations, everything still works)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import DESKTOP, JOURNAL, OPED, PAGE_TYPES, PHONE, settle

pytestmark = pytest.mark.browser
# Records what the Content-Security-Policy blocked; init scripts run outside the page's policy.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sample || '')));
"""


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_screenshot_of_each_page_type(browser, site_server, artifacts, kind: str, width: str) -> None:
    viewport = DESKTOP if width == "desktop" else PHONE
    context = browser.new_context(viewport=viewport, is_mobile=width == "phone", has_touch=width == "phone")
    page = context.new_page()
    try:
        settle(page, site_server + PAGE_TYPES[kind])
        assert page.locator("article h1").first.is_visible()
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {viewport['width']}px"
        page.screenshot(path=str(artifacts / f"{kind}-{width}.png"))
    finally:
        context.close()


def test_page_weight_of_a_briefing(page, site_server, artifacts) -> None:
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
    settle(page, site_server + JOURNAL)
    html = sizes[site_server + JOURNAL]
    total = sum(sizes.values())
    (artifacts / "page-weight.json").write_text(json.dumps({"page": JOURNAL, "html_bytes": html, "all_bytes": total, "requests": len(sizes)}, indent=1), encoding="utf-8")
    assert total < 600_000, f"a briefing page downloads {total} bytes"


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_request_leaves_the_site_and_the_policy_blocks_nothing_the_theme_needs(page, site_server, kind: str) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_server))
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(RECORD_VIOLATIONS)
    settle(page, site_server + PAGE_TYPES[kind])
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
    page.mouse.wheel(0, 4000)  # lazy work (tooltips, code buttons) happens on scroll
    page.wait_for_load_state("networkidle")
    outside = [u for u in requests if not u.startswith((origin + "/briefings-site/", "data:"))]
    assert not outside, f"{kind} requested {outside}"
    assert requests, "the listener saw the page load"
    assert page.evaluate("() => window.__csp") == []
    assert not errors, errors


def test_the_theme_works_under_the_policy(page, site_server) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.add_init_script(RECORD_VIOLATIONS)
    settle(page, site_server + OPED)
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    page.locator("nav.md-tabs a", has_text="Glossary").click()
    page.wait_for_url("**/glossary/")
    assert page.locator("body").get_attribute("data-md-color-scheme") != before, "the palette choice persists (localStorage script ran)"
    page.go_back()
    page.wait_for_load_state("networkidle")
    cite = page.locator("section.bf-cite .tabbed-block").first
    cite.hover()
    cite.locator('button[data-md-type="copy"]').click()
    assert page.evaluate("() => navigator.clipboard.readText()").startswith(page.locator("section.bf-cite code").first.inner_text()[:20])
    assert page.evaluate("() => window.__csp") == []
