"""Encodings: BOMs, UTF-16 and Windows code pages decode exactly; other bytes are refused by name; no mojibake reaches the site."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from build_tools.errors import InputError
from build_tools.readers import read_seed
from tests.conftest import build_project, run
from tests.robustness.helpers import BRIEFINGS, project_with

RUSSIAN = "Цифровой суверенитет"
RUSSIAN_BODY = (
    "Россия стремится к технологической независимости в области телекоммуникаций и сетей пятого поколения.\n\n"
    "Импортозамещение оборудования остаётся главной задачей для операторов связи и государства.\n"
)
FRENCH = "Café société’s « dépendance » numérique"
FRENCH_BODY = (
    "L’Europe débat de sa souveraineté numérique face aux équipementiers étrangers et aux réseaux 5G.\n\n"
    "Les opérateurs français, déjà dépendants, cherchent une stratégie cohérente – et rapide.\n"
)
ENGLISH = "Naïve “smart” sovereignty — a 5G primer"
ENGLISH_BODY = "Huawei and Ericsson compete for the networks of Europe in this short paragraph about 5G.\n\nA second paragraph.\n"

# file name -> (bytes, expected title, expected encoding)
CASES = {
    "utf8-bom.txt": ("\ufeff" + ENGLISH + "\n\n" + ENGLISH_BODY, "utf-8-sig", ENGLISH),
    "utf8-bom-crlf.txt": (("\ufeff" + FRENCH + "\n\n" + FRENCH_BODY).replace("\n", "\r\n"), "utf-8-sig", FRENCH),
    "utf16le.txt": ("\ufeff" + RUSSIAN + "\r\n\r\n" + RUSSIAN_BODY.replace("\n", "\r\n"), "utf-16-le", RUSSIAN),
    "utf16be.txt": ("\ufeff" + FRENCH + "\n\n" + FRENCH_BODY, "utf-16-be", FRENCH),
    "cp1251.txt": (RUSSIAN + "\n\n" + RUSSIAN_BODY, "cp1251", RUSSIAN),
    "cp1251-crlf.txt": ((RUSSIAN + " России\n\n" + RUSSIAN_BODY).replace("\n", "\r\n"), "cp1251", RUSSIAN + " России"),
    "cp1252.txt": (FRENCH + "\n\n" + FRENCH_BODY, "cp1252", FRENCH),
    "cp1252-english.txt": (ENGLISH.replace("—", "-") + "\n\n" + ENGLISH_BODY, "cp1252", ENGLISH.replace("—", "-")),
}
INVALID = {
    "undefined-bytes.txt": b"A title\n\nText with \x98\x81\x8d\x8f\x90 bytes that no code page defines.\n",
    "binary.txt": bytes(range(256)) * 4,
    "bad-utf16.txt": b"\xff\xfeA\x00 \x00\x00\xd8\x00\xd8",  # a UTF-16 BOM, then lone surrogates
}
MOJIBAKE = "CafÃ© sociÃ©tÃ©â€™s plans\n\nDouble-encoded text â€“ read as cp1252 and saved again â€“ is repaired.\n"


def test_mojibake_is_repaired_and_said(tmp_path: Path) -> None:
    path = tmp_path / "mojibake.txt"
    path.write_bytes(MOJIBAKE.encode("utf-8"))
    article = read_seed(path, source="seeds/mojibake.txt")
    assert article.title == "Café société’s plans"
    assert "text – read as cp1252" in article.paragraphs()[0].text
    assert any("repaired 6 mojibake sequences" in d.message for d in article.diagnostics), article.diagnostics


def _write_cases(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, (text, encoding, _title) in CASES.items():
        path = folder / name
        path.write_bytes(text.encode(encoding))
        paths[name] = path
    return paths


@pytest.mark.parametrize("name", list(CASES))
def test_each_encoding_decodes_to_the_exact_title(name: str, tmp_path: Path) -> None:
    path = _write_cases(tmp_path)[name]
    article = read_seed(path, source=f"seeds/{name}")
    assert article.title == CASES[name][2]
    words = " ".join(p.text for p in article.paragraphs())
    assert not re.search("[ÃÐÑ][\u0080-\u00ff]|â€|\ufffd", words), words[:200]


@pytest.mark.parametrize("name", list(INVALID))
def test_undecodable_bytes_are_an_input_error_naming_the_file(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(INVALID[name])
    with pytest.raises(InputError) as info:
        read_seed(path, source=f"seeds/{name}")
    message = str(info.value)
    assert message.startswith(f"seeds/{name}"), message
    assert "error:" in message and ("UTF-8" in message or "binary" in message), message


def test_ingest_names_the_undecodable_file_and_carries_on(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project")
    _write_cases(project / "seeds")
    (project / "seeds" / "undecodable.txt").write_bytes(INVALID["undefined-bytes.txt"])
    result = run([BRIEFINGS, "ingest", "seeds"], project)
    assert result.returncode == 1
    assert re.search(r"^seeds/undecodable\.txt: error: cannot decode the file", result.stderr, re.MULTILINE), result.stderr
    assert f"{len(CASES)} written" in result.stdout, result.stdout


@pytest.mark.slow
def test_the_built_site_shows_every_title_exactly(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project")
    _write_cases(project / "seeds")
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    titles = []
    for page in sorted((site / "briefings").glob("*/index.html")):
        h1 = re.search(r'<h1 id="title"[^>]*>(.*?)</h1>', page.read_text(encoding="utf-8"), re.DOTALL)
        assert h1, page
        titles.append(html.unescape(h1.group(1)))
    assert sorted(titles) == sorted(title for _text, _encoding, title in CASES.values())
    for page in site.rglob("*.html"):
        text = html.unescape(page.read_text(encoding="utf-8"))
        assert not re.search("Ã[\u0080-\u00bf]|Ð[\u0080-\u00bf]|Ñ[\u0080-\u00bf]|â€|\ufffd", text), page
    home = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    assert RUSSIAN in home and FRENCH in home
