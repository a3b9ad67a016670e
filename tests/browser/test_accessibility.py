"""axe-core (bundled in the axe-playwright-python wheel, nothing fetched at run time) on every page type,
in the light and the dark palette: no serious or critical violation."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PAGE_TYPES, settle

pytestmark = pytest.mark.browser
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="install the test extras: pip install -e '.[test]'")
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module")
def axe():
    return axe_module.Axe()


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {n['target']} {n['html'][:160]}" for n in v["nodes"][:5]]
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_serious_accessibility_violations(browser, site_server, axe, kind: str, scheme: str) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark" if scheme == "dark" else "light")
    page = context.new_page()
    try:
        settle(page, site_server + PAGE_TYPES[kind])
        assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
        results = axe.run(page, options={"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, f"{kind} ({scheme}):\n{_report(bad)}"
    finally:
        context.close()
