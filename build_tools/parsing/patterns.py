"""Line patterns and word lists the parser shares: what bylines, dates, DOIs, provenance,
headings, bullets and references look like in real article text.

Internal to the parser (`build_tools.seeds`); names keep their leading underscore.
"""

from __future__ import annotations

import re


# An issue number and its year, as periodicals print them in running footers: "01—2022", "4/2021".
_ISSUE_YEAR = re.compile(r"(?<![\d.])(?:0?[1-9]|1[0-2])\s*[—–/]\s*(?P<year>(?:19|20)\d\d)(?!\d)")
_PAGE_NUMBER = re.compile(r"^\s*(?:(?:page|p\.)\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?\s*(?:(?:of|/)\s*\d{1,3})?\s*$", re.I)


_SEPARATOR = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,}|(?:~\s*){3,}|(?:#\s*){3,}|(?:•\s*){3,}|(?:·\s*){3,})$")


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


# "2.1 Market concentration", "IV. RESULTS", and a named division: "Annex A: Methodology", "Chapter 3 The Vendors", "Part II. Markets".
_NUMBERED_HEADING = re.compile(r"^\s*(?:(?:\d{1,2}(?:\.\d{1,2})*\.?)|(?:[IVX]{1,5}\.)"
                               r"|(?:(?:Annex|Appendix|Chapter|Part|Section)\s+(?:[A-Z]|\d{1,2}|[IVX]{1,5})[:.]?)|(?:Annex|Appendix)[:.])\s+(?=[A-Z“\"'‘])")


_BULLET = re.compile(r"^\s*(?:[-*•→▪◦‣–—·]|\d{1,2}[.)]|[a-z][.)]|\(\d{1,2}\)|\([a-z]\))\s+\S")


_QUOTE = re.compile(r"^\s*>\s?")


_TERMINAL = ".!?:;…\"”’')]>»。！？」』）"


_LETTERS = re.compile(r"[^\W\d_]")


#: Chinese and Japanese script, written without spaces: each character counts as a word.
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[^\W_{CJK_CHARS}]+(?:['’.\-][^\W_{CJK_CHARS}]+)*|[{CJK_CHARS}]")


_BYLINE = re.compile(r"^\s*(?:by|written\s+by|words\s+by)\s*:?\s+(?P<names>\S.*)$", re.I)


_AUTHOR_LABEL = re.compile(r"^\s*(?:authors?|writers?|contributors?|作者|撰文|文)\s*[:：/]\s*(?P<names>\S.*)$", re.I)


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # the lookbehind keeps it linear on long words


_EMAIL_LINE = re.compile(r"^\s*(?:[•\-*]\s*)?e-?mail\s*:?\s*", re.I)


_ORCID = re.compile(r"\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b")


_ORCID_LINE = re.compile(r"^\s*(?:[•\-*]\s*)?orcid\b", re.I)


_ADDRESS_LINE = re.compile(r"^\s*(?:address|postal address|mailing address)\s*:", re.I)


_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s<>\"]+[^\s<>\".,;:)\]])")


_DOI_LINE = re.compile(r"^\s*(?:[•\-*]\s*)?(?:doi\s*:?|https?://(?:dx\.)?doi\.org/)", re.I)


_FUNDING = re.compile(
    r"^\s*(?:[•\-*]\s*)?(?:funding\s*:|supported\s+by\s*:?|acknowledge?ments?\s*:|"
    r"(?:the|this)\s+(?:reported\s+|present\s+)?(?:study|research|work|article|paper|project|publication)\s+(?:was|is|has\s+been)\s+"
    r"(?:\w+\s+){0,2}(?:funded|supported|financed|sponsored)\b|(?:this\s+)?(?:research|work)\s+(?:was\s+)?(?:funded|supported)\s+by\b)",
    re.I,
)


_PROVENANCE = re.compile(
    r"^\s*\(?(?:©|\(c\)\s|copyright\b|cite\s+as\b|citation\s*:|attribution\s*:|suggested\s+citation\b|how\s+to\s+cite\b|originally\s+published|first\s+published\s+(?:in|by|on)\b|"
    r"editor['’]?s['’]?\s+note\s*:|"
    r"republished\b|reprinted\b|reproduced\b|a\s+version\s+of\s+this\b|an?\s+(?:earlier|shorter|longer|previous)\s+version\b|"
    r"(?:this|the)\s+(?:story|article|piece|essay|op-ed|commentary|paper|post|report|interview|text)\s+"
    r"(?:was\s+|is\s+|has\s+been\s+|first\s+|originally\s+|initially\s+){1,3}(?:originally\s+|first\s+|initially\s+)?"
    r"(?:published|appeared|ran|written|posted|adapted|republished|reprinted|an?\s+(?:\w+\s+){0,3}(?:version|adaptation|update))\b)",
    re.I,
)


_ABSTRACT_LABEL = re.compile(r"^\s*(?:#{1,6}\s*)?(?:abstract|summary|standfirst)\s*[:.—–-]?\s*$", re.I)


_ABSTRACT_INLINE = re.compile(r"^\s*(?:(?i:abstract|summary)\s*[:.—–]|ABSTRACT|EXECUTIVE SUMMARY)\s*(?P<rest>[^\s:.—–]\S*.*)$")


#: "Title: …" / "Subtitle: …", as pasted metadata and MultiMarkdown label the headline; the label is not part of it.
_TITLE_LABEL = re.compile(r"^\s*(?:(?:sub)?title|headline)\s*:\s+(?=\S)", re.I)
_KEYWORDS = re.compile(r"^\s*(?:#{1,6}\s*)?(?:key\s*words|keywords|index\s+terms|tags)\s*[:.—–-]\s*(?P<rest>.*)$", re.I)


_JOURNAL_LINE = re.compile(r"\b(?:vol(?:ume)?\.?\s*\d+|issue\s*\(?\d+|no\.\s*\d+\s*,\s*(?:19|20)\d\d|pp?\.\s*\d+)|››|\bISSN\b", re.I)


_LABEL_BULLET = re.compile(r"^\s*[•▪◦]\s*\S")


_REFERENCES_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\d{1,2}\.?\s+)?(?:references?(?:\s+list)?|bibliography|sources|works\s+cited|literature(?:\s+cited)?|"
    r"notes(?:\s+and\s+(?:references|sources))?|(?:references|sources)\s+and\s+notes|endnotes|footnotes|citations|further\s+reading)\s*:?\s*$",
    re.I,
)


_NUMBERED_REF = re.compile(r"^\s*\[\d{1,3}[a-z]?\]:?\s+\S")


#: A news or press-release dateline opening the first paragraph: "LONDON (Reuters) - ", "BERLIN, 14 July 2023 — ",
#: "WASHINGTON, March 3, 2023 /PRNewswire/ -- ", "WASHINGTON, D.C. — "; the date, when there is one, is group `date`.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{1,40}[A-Z.](?:,\s*[A-Z][A-Za-z.]{1,15})?"
    r"(?:,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+(?:19|20)\d\d)?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:,?\s+(?:19|20)\d\d)?)))?"
    r"(?:\s*/[^/\n]{2,30}/)?\s*(?:\((?P<source>[^)]{2,30})\))?\s*(?:[–—]|--?)\s"
)


_SPEAKER_LABEL = re.compile(r"^(?:Q\d*|A|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s")


_LABEL_PREFIX = re.compile(r"^[A-Z][\w ]{0,30}:\s")


#: Who submitted a piece of evidence or a consultation response, as its title says: "Written evidence submitted by the
#: Open Networks Coalition (TEL0042)", "Response submitted by Ada Okafor".
_SUBMITTED_BY = re.compile(r"(?:^(?i:(?:written|oral)\s+)?(?i:evidence|response|submission|comments)\b[^:]{0,80}?\s(?i:by|from)|\b(?i:submitted)\s+(?i:by|from))\s+(?i:the\s+)?"
                           r"(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|on|the|[A-Z][\w'’&.-]*)){0,8}?)\s*(?:\([A-Z]{2,5}\d{2,5}\))?$")

_SPEAKER = re.compile(
    r"\b(?i:speech|remarks|address|statement|keynote|lecture|testimony)\s+(?i:delivered\s+)?(?i:by)\s+"
    r"(?:(?i:the\s+)?(?:U\.S\.\s+|US\s+|EU\s+|UK\s+)?(?i:deputy\s+|principal\s+deputy\s+|assistant\s+|acting\s+)?"
    r"(?i:president|prime\s+minister|minister|commissioner|national\s+security\s+advis[eo]r|advis[eo]r|press\s+secretary|"
    r"special\s+envoy|envoy|administrator|spokesperson|representative|under\s*secretary(?:\s+of\s+\w+)?|"
    r"secretary(?:\s+of\s+(?:state|defen[cs]e|commerce|the\s+treasury|homeland\s+security|\w+))?|chancellor|ambassador|"
    r"vice[- ]president|executive\s+vice[- ]president|high\s+representative|governor|senator|chair(?:man|woman)?|"
    r"director(?:[- ]general)?|dr\.?|prof\.?|professor|mr\.?|ms\.?|mrs\.?|sir|dame|h\.?e\.?)\s+)*"
    r"(?P<name>(?:[A-Z][\w'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.|van|von|de|der|da|del|di|bin|al)){1,3})"
)


_READING_TIME = re.compile(r"^\s*(?:reading\s+time\s*:?\s*)?\d{1,3}\s*(?:-|–)?\s*min(?:ute)?s?(?:\s+read)?\s*$", re.I)


_POSTED_BY = re.compile(r"\bby\s+(?P<names>[A-Z][^|•·]+?)\s*(?:$|[|•·]|\bon\b)")


_CREDENTIALS = re.compile(r",?\s*\b(?:PhD|Ph\.D\.|MD|MBA|MA|MSc|BA|JD|Jr\.?|Sr\.?|Esq\.?|FRS)\b\.?", re.I)


_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zà-ÿ'’\-]+(?:-[A-Z][a-zà-ÿ'’]+)?|[A-Z]{2,}|[A-Z]\.(?:[A-Z]\.)*|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+|[a-z]{1,3})$")


_NAME_PARTICLES = {"van", "von", "de", "der", "da", "del", "di", "bin", "al", "la", "le", "du", "dos", "das"}


_NOT_NAME_WORDS = {
    "the", "and", "of", "in", "on", "for", "to", "with", "from", "digital", "policy", "report", "brief", "briefing",
    "review", "analysis", "introduction", "conclusion", "abstract", "summary", "contents", "keywords", "references",
    "protocols", "technology", "technologies", "network", "networks", "security", "sovereignty", "china", "russia",
    "europe", "america", "united", "states", "union", "university", "institute", "center", "centre", "school", "department",
    "committee", "council", "ministry", "news", "wire", "press", "times", "post", "journal", "magazine", "daily",
    "global", "world", "international", "national", "new", "key", "points", "executive", "background", "methods", "results",
    "discussion", "notes", "sources", "appendix", "chapter", "part", "section", "table", "figure", "opinion", "commentary",
    "analysis", "update", "updated", "published", "reports", "data", "cyber", "internet", "open", "ran", "strategy",
    "geopolitics", "trade", "economy", "power", "future", "age", "war", "cold", "era", "dives", "what", "why", "how",
    "who", "when", "where", "is", "are", "a", "an", "our", "your", "their", "its", "this", "that", "these",
    "via", "teleconference", "conference", "call", "webinar", "transcript", "delivered", "remarks", "embargoed",
    "house", "code", "act", "law", "order", "office", "government", "administration", "foundation", "agency",
}


_ORG_WORDS = re.compile(
    r"\b(?:university|universit[äe]t|institute|institution|college|school|department|faculty|centre|center|academy|ministry|"
    r"agency|council|foundation|laboratory|lab|office|bureau|corporation|company|group|programme|program|association|"
    r"society|commission|committee|chair|professor|director|fellow|researcher|lecturer|editor|analyst|head|dean|"
    r"student|candidate|post|ltd|inc|llc|gmbh|forum|observatory|initiative|alliance|consortium|secretariat|parliament|directorate|"
    r"authority)\b",
    re.I,
)


#: An official document's number on its cover: the EU's "COM(2026) 118 final" and "SWD(2025) 12", a UN symbol
#: ("A/HRC/55/L.12"), a Council or parliamentary paper ("ST 9876/26 INIT", "HC 412", "CP 1034"), a Chinese
#: government document's ("Guo Fa [2026] No. 7").
_DOCUMENT_NUMBER = re.compile(
    r"^(?:(?:COM|SWD|SEC|JOIN|C)\s*\(\d{4}\)\s*\d+(?:\s+final)?|[A-Z]{1,4}(?:/[A-Z0-9.]+){2,}|(?:ST|HC|HL|CP|CM|Cm)\s+\d{1,5}(?:/\d{2,4})?(?:\s+[A-Z]{2,6})?|"
    r"(?:[A-Z][a-z]+\s+){1,3}[\[〔(]\d{4}[\]〕)]\s*No\.\s*\d{1,4})$"  # a Chinese State Council number: "Guo Fa [2026] No. 7"
)
#: The type of an official document, in capitals over its title: "COMMUNICATION FROM THE COMMISSION TO THE EUROPEAN
#: PARLIAMENT, …", "REPORT FROM THE COMMISSION", "COMMISSION STAFF WORKING DOCUMENT", "COUNCIL CONCLUSIONS ON …".
_DOCUMENT_TYPE = re.compile(
    r"^(?=[^a-z]*$)(?:JOINT\s+)?(?:COMMUNICATION|REPORT|RECOMMENDATION|WHITE\s+PAPER|GREEN\s+PAPER|(?:COMMISSION\s+)?STAFF\s+WORKING\s+(?:DOCUMENT|PAPER)|"
    r"(?:COUNCIL\s+)?CONCLUSIONS)\b(?:\s+(?:FROM|TO|OF|ON|BY)\b.*)?$"
)

#: A page's breadcrumb trail pasted above the headline: "Home > Technology > Telecoms", "News › Europe", "Home / Opinion".
_BREADCRUMB = re.compile(r"^(?:(?:[^\s>›»][^>›»]{0,40}?\s+[>›»]\s+)+[^>›»]{1,60}|home\s+/\s+[^/]{1,40}(?:\s+/\s+[^/]{1,40}){0,5})$", re.I)
