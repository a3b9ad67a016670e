"""Live preview: `mkdocs serve` shows an edit on the edited page and on the corpus pages that depend on it.

Between rebuilds the serve keeps what it loaded (unchanged briefings, finished
pages, compiled templates, the raw articles' state) in memory; these tests make
sure that what it keeps never hides a change: an edited briefing's new title
reaches its theme hub, the archive and the "Linked from" of the briefing it
cross-links, an edited raw article is re-ingested, and a deleted briefing leaves
the hub. Both ways of serving are tested: `mkdocs serve --dirty`, which `make
serve` runs and where the plugin leaves every page whose inputs did not change
as it was written, and MkDocs' default, which writes every page each time. The
waits are hang guards of minutes, not speed bounds.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools.readers import read_seed
from tests.conftest import BIN, SEEDS, make_scratch_project, run

OPED = read_seed(SEEDS[0]).slug
WAIT_S = 300.0
NOTE = (
    "---\ntitle: Why Russia chose Huawei for 5G\ndate: 2019-07-01\nthemes: [5g]\n---\n\n"
    f"Russia's largest operator chose Huawei as its 5G supplier, as [[{OPED}#p-2]] explains.\n\n"
    "For Moscow the 5G deal is about technological sovereignty and a partner under sanctions.\n"
)


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(url: str, present: str | None = None, absent: str | None = None) -> str:
    """The page at url once it holds `present` and not `absent`."""
    deadline = time.monotonic() + WAIT_S
    text = None
    while time.monotonic() < deadline:
        text = _fetch(url)
        if text is not None and (present is None or present in text) and (absent is None or absent not in text):
            return text
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {present!r} without {absent!r}; last: {(text or '')[:300]}")


@contextlib.contextmanager
def _serve(project: Path, flags: tuple[str, ...], log: Path) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", *flags, "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = make_scratch_project(tmp_path / "p")
    assert run([str(BIN / "briefings"), "ingest", "seeds"], project).returncode == 0
    (project / "briefings" / "my-note.md").write_text(NOTE, encoding="utf-8")
    return project


@pytest.mark.parametrize("flags", [("--dirty",), ()], ids=["dirty-as-make-serve", "mkdocs-default"])
def test_an_edit_reaches_the_corpus_pages_that_depend_on_it_and_a_seed_edit_is_reingested(project: Path, flags: tuple[str, ...]) -> None:
    """`make serve` (--dirty) hears of saves through the system's change events; MkDocs' default here also polls as MkDocs does."""
    note = project / "briefings" / "my-note.md"
    log = project.parent / "serve.log"
    if not flags:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("  - briefings:\n", "  - briefings:\n      preview_watch: polling\n", 1),
                          encoding="utf-8")
    with _serve(project, flags, log) as base:
        home, hub, archive, oped = base, f"{base}themes/5g/", f"{base}archive/", f"{base}briefings/{OPED}/"
        for url in (home, hub, archive, oped):
            _wait_for(url, present="Why Russia chose Huawei for 5G")

        note.write_text(NOTE.replace("title: Why Russia chose Huawei for 5G", "title: How Huawei won Russian 5G"), encoding="utf-8")
        # the home page's latest briefings, its hub, the archive, the page it links to ("Linked from"), itself
        for url in (home, hub, archive, oped, f"{base}briefings/my-note/"):
            _wait_for(url, present="How Huawei won Russian 5G", absent="Why Russia chose Huawei for 5G")
        rebuilds = log.read_text(encoding="utf-8").count("Detected file changes")
        time.sleep(1.5)  # the rebuild read every watched file: reading is no change, so no rebuild may follow
        assert log.read_text(encoding="utf-8").count("Detected file changes") == rebuilds, "rebuilds nothing asked for"

        seed = project / "seeds" / SEEDS[0].name
        seed.write_text(seed.read_text(encoding="utf-8").rstrip("\n") + "\n\nA reader wrote in about spectrum auctions.\n", encoding="utf-8")
        _wait_for(oped, present="A reader wrote in about spectrum auctions.")

        note.unlink()
        _wait_for(hub, absent="How Huawei won Russian 5G")
        _wait_for(oped, present="A reader wrote in about spectrum auctions.", absent="How Huawei won Russian 5G")
        deadline = time.monotonic() + WAIT_S
        while _fetch(f"{base}briefings/my-note/") is not None and time.monotonic() < deadline:  # its own page is gone too
            time.sleep(0.1)
        assert _fetch(f"{base}briefings/my-note/") is None, "the deleted briefing's page is still served"
    written = log.read_text(encoding="utf-8")
    assert written.count("; built in ") == written.count("Reloading browsers") + 1, "every build says its time (MkDocs logs no message twice)"
    events = "watching for changes with the system's change events" in written
    assert events == bool(flags), written[-2000:]
    if flags:  # the pages an edit did not touch were left as MkDocs wrote them the first time
        assert "generated pages unchanged, left as written" in written, written[-2000:]
    else:
        assert "left as written" not in written
