"""Fuzzing: any text is an Article or an InputError, never a crash, and no word of it is lost; the front-matter loader never raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.briefing_file import BriefingFile, load_briefing_text
from build_tools.decoding import DecodeError, decode_article
from build_tools.errors import InputError, Problem
from build_tools.model import Article
from build_tools.schema import validate_meta
from build_tools.seeds import parse_seed
from tests.unit.test_no_loss import missing_words

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
THEMES = ("5g", "sovereignty", "ecosystems")

# ------------------------------------------------------------------ raw article text
_words = st.sampled_from([
    "Huawei", "5G", "sovereignty", "Russia", "China", "the", "and", "of", "networks", "By", "abstract", "keywords",
    "References", "Smith,", "J.", "(2019).", "doi:10.1234/abc", "https://example.org/x", "©", "2021", "13 June 2019",
    "Цифровой", "суверенитет", "数字主权", "السيادة", "🙂", "Café", "société’s", "Dr.", "Prof.", "[1]", "(Smith, 2019)",
    "*emphasis*", "**strong**", "<script>alert(1)</script>", "{: #p-1 }", "{{ 7*7 }}", "—", "…", "“quoted”", "'",
])
_sentence = st.lists(_words, min_size=1, max_size=25).map(" ".join)
_control = st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=20)
_punctuation = st.text(alphabet=st.characters(categories=["Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"]), min_size=1, max_size=80)
_any_text = st.text(max_size=200)
_huge_line = st.tuples(st.sampled_from(["a", "x y ", "(", "*", "-", "Smith, J., 2019; ", "é", "字", ".", "http://"]), st.integers(1_000, 20_000)).map(
    lambda t: t[0] * (t[1] // len(t[0]))
)  # test_limits.py takes the megabyte-sized lines
_nesting = st.integers(1, 5_000).flatmap(
    lambda n: st.sampled_from(["(", "[", "{", "<", "“", "'", '"']).map(lambda c: c * n + "word" + {"(": ")", "[": "]", "{": "}", "<": ">", "“": "”"}.get(c, c) * (n // 2))
)
_unbalanced = st.builds(lambda q, s: q + s, st.sampled_from(['"', "“", "‘", "'", "«", "(", "[", "`", "```"]), _sentence)
_line = st.one_of(_sentence, _sentence, _sentence, _control, _punctuation, _any_text, _huge_line, _nesting, _unbalanced, st.just(""), st.just("\f"))
# Header labels, keyword labels included (repeated keyword labels must keep every list).
_LABELS = ("Abstract:", "Summary:", "Abstract:", "Keywords:", "By", "Authors:", "References", "doi:", "©", "Originally published in")
_KEYWORD_LABELS = ("Keywords:", "Key words:", "Tags:", "Index terms:")
_separator = st.sampled_from(["\n", "\n", "\n\n", "\r\n", "\r\n\r\n", "\n\f\n", "\f", "\n" * 30, "\r"])


@st.composite
def raw_articles(draw: st.DrawFn) -> str:
    lines = draw(st.lists(_line, min_size=0, max_size=40))
    labels = draw(st.lists(st.sampled_from(_LABELS), max_size=4))
    labels = [label if label != "Keywords:" else draw(st.sampled_from(_KEYWORD_LABELS)) for label in labels]
    for label in labels:
        lines.insert(draw(st.integers(0, len(lines))), f"{label} {draw(_sentence)}" if draw(st.booleans()) else label)
    out = []
    for line in lines:
        out.append(line)
        out.append(draw(_separator))
    return draw(st.sampled_from(["", "\ufeff", "\n\n\n"])) + "".join(out)


def test_parse_seed_returns_an_article_or_an_input_error_and_loses_nothing() -> None:
    outcomes = {"article": 0, "input_error": 0}

    @FUZZ
    @given(raw_articles())
    def check(text: str) -> None:
        try:
            article = parse_seed(text, "fuzz.txt")
        except InputError as exc:
            assert exc.problem.path == "fuzz.txt"
            outcomes["input_error"] += 1
            return
        assert isinstance(article, Article)
        assert article.title.strip()
        lost = missing_words(text, article)
        assert not lost, f"words lost: {dict(lost)}"
        outcomes["article"] += 1

    check()
    print(f"parse_seed fuzz: {outcomes}")
    assert sum(outcomes.values()) >= 300, outcomes
    assert outcomes["article"] >= 100, outcomes  # the generator must mostly produce parseable articles


@pytest.mark.slow  # about a minute and a half: started first, beside the other long tests
def test_decode_then_parse_of_any_bytes_raises_only_input_errors() -> None:
    seen = {"n": 0}

    @FUZZ
    @given(st.one_of(
        st.binary(max_size=400),
        st.tuples(raw_articles(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1251", "cp1252", "latin-1"])).map(
            lambda t: t[0].encode(t[1], "replace") if "16" not in t[1] else t[0].encode(t[1], "surrogatepass")
        ),
    ))
    def check(data: bytes) -> None:
        seen["n"] += 1
        try:
            text = decode_article(data).text
        except DecodeError:
            return
        try:
            parse_seed(text, "fuzz.txt")
        except InputError:
            pass

    check()
    print(f"decode + parse fuzz: {seen['n']} examples")
    assert seen["n"] >= 300


# ------------------------------------------------------------------ front matter
_keys = st.sampled_from([
    "title", "subtitle", "date", "type", "authors", "publisher", "source_url", "doi", "abstract", "dek", "keywords",
    "funding", "provenance", "themes", "tags", "draft", "reading_time_minutes", "summary", "key_points", "glossary",
    "entities", "paragraph_themes", "header_lines", "diagnostics", "generated", "titel", "? complex", "[a, b]", "1", "null", "",
])
_scalars = st.sampled_from([
    "x", "'quoted'", '"double \\n escaped"', "2019-06-13", "2019-13-45", "notadate", "yes", "no", "true", "~", "null",
    "[a, b]", "{a: 1}", "[5g, sovereignty]", "[unknown]", "!!python/object/apply:os.system [\"echo pwned\"]",
    "!!python/name:os.system", "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "&anchor [1, 2]", "*anchor", "*missing",
    "'unterminated", '"unterminated', "[unclosed", "{unclosed", "a: b: c", "- item", ">-\n  folded", "|\n  literal",
    "- name: Jane\n    affiliations: [X]", "\n  - a\n  - b", "\n\t- tab", "<script>alert(1)</script>", "@reserved", "`backtick",
    "%TAG", "1e309", "0x1F", "-.inf", ".nan", "2019-06-13T12:00:00Z", "{{ 7*7 }}", "\"\\ud800\"",
])
_fm_line = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", _keys, _scalars),
    st.builds(lambda k, v: f"{k}: {v}", _keys, st.text(max_size=40)),
    st.text(max_size=60),
    st.sampled_from(["---", "...", "- a", "  - b", "\t", "#comment", "? key", ": value", "&a a: 1", "<<: *a", "%YAML 1.1"]),
)


@st.composite
def briefing_texts(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=300))
    opening = draw(st.sampled_from(["---\n", "---\r\n", "\ufeff---\n", "--- \n", "----\n"]))
    lines = draw(st.lists(_fm_line, max_size=15))
    closing = draw(st.sampled_from(["---\n", "---", "...\n", "", "---\n---\n"]))
    body = draw(st.one_of(st.text(max_size=200), _sentence))
    return opening + "\n".join(lines) + "\n" + closing + "\n" + body


def test_load_briefing_text_never_raises_and_problems_name_the_file() -> None:
    outcomes = {"loaded": 0, "rejected": 0}

    @FUZZ
    @given(briefing_texts())
    def check(text: str) -> None:
        bf, problems = load_briefing_text(text, "briefings/fuzz.md")
        assert bf is None or isinstance(bf, BriefingFile)
        assert all(isinstance(p, Problem) and p.path == "briefings/fuzz.md" for p in problems)
        if bf is None:
            assert problems, "a file that does not load must say why"
            assert all(p.format().startswith("briefings/fuzz.md:") for p in problems)
            outcomes["rejected"] += 1
            return
        assert isinstance(bf.meta, dict)
        for problem in validate_meta(bf, THEMES):
            assert problem.path == "briefings/fuzz.md" and (problem.line or 0) >= 1
        outcomes["loaded"] += 1

    check()
    print(f"front-matter loader fuzz: {outcomes}")
    assert sum(outcomes.values()) >= 300, outcomes
    assert outcomes["loaded"] >= 30 and outcomes["rejected"] >= 30, outcomes


# ------------------------------------------------------------------ found by fuzzing (seeds.py)
BODY = "\n\nThe body paragraph has enough words to be a real paragraph of the article.\n"


def test_a_second_abstract_label_keeps_the_first_abstract() -> None:
    text = "A title for the article\n\nAbstract: First abstract text.\n\nAbstract: Second abstract text." + BODY
    article = parse_seed(text, "x.txt")
    assert not missing_words(text, article), dict(missing_words(text, article))


def test_a_second_keywords_label_keeps_the_first_keywords() -> None:
    text = "A title for the article\n\nKeywords: alpha, beta\n\nKeywords: gamma" + BODY
    article = parse_seed(text, "x.txt")
    assert not missing_words(text, article), dict(missing_words(text, article))


def test_minimal_keyword_labels_input_from_hypothesis() -> None:
    text = "Tags:\nKey words: Huawei\n\nKeywords:\nAbstract:\n"
    article = parse_seed(text, "x.txt")
    assert not missing_words(text, article), dict(missing_words(text, article))


def test_a_funding_label_is_not_lost() -> None:
    text = "A title for the article\n\nFunding: The Foundation." + BODY
    article = parse_seed(text, "x.txt")
    assert not missing_words(text, article), dict(missing_words(text, article))


def test_minimal_abstract_label_input_from_hypothesis() -> None:
    text = "Abstract: Huawei\n\n0\nAbstract:\n"
    article = parse_seed(text, "x.txt")
    assert not missing_words(text, article), dict(missing_words(text, article))
