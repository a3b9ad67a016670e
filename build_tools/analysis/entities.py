"""Named entities: people, organisations and places mentioned in the body.

Runs of capitalised words are cut out of each paragraph (joined across "of",
"for", "and" only inside organisation names), then classified:

1. known names and aliases from the gazetteer (countries, demonyms, cities,
   regions, organisations and companies) - "Russian" counts for Russia,
   "Russian Federation" becomes Russia only through `ALIASES`;
2. people by shape: a title ("President", "Dr", "Professor", ...) or a known
   first name followed by capitalised words, or any two- or three-word name the
   text shows to be a person's (a speaker label "Gareth Lloyd-Evans:", an
   apposition with a role "Kirsty Alder, an analyst", a reporting verb "said
   Rutger Vlaming"); a later bare surname ("Putin") counts for the full name;
   a known company with a legal suffix ("Huawei Technologies Co.") and its
   possessive ("Huawei's") count for the company;
3. organisations by a head word ("University", "Ministry", "Union", "Bank", ...);
4. any other capitalised phrase of two or more words, only if it recurs.

Precision over recall: single unknown capitalised words, sentence-initial
words, months, headings and citation authors ("(Weiss, 2015)") are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from build_tools.analysis.sentences import is_heading_like, reference_like, sentence_spans
from build_tools.model import Entity, EntityKind

if TYPE_CHECKING:
    from build_tools.analysis.document import Document


def _names(text: str) -> frozenset[str]:
    return frozenset(n.strip() for n in text.split("|") if n.strip())


COUNTRIES = _names(
    """Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|
    Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|Botswana|
    Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Chad|Chile|China|
    Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|
    Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|
    Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|
    Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|
    Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|
    Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|
    Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|
    Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|
    Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|
    Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|
    Solomon Islands|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|
    Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|
    Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|Uruguay|Uzbekistan|
    Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Soviet Union|Scotland|Wales|England"""
)
CITIES = _names(
    """Abu Dhabi|Addis Ababa|Amsterdam|Ankara|Athens|Auckland|Baghdad|Baku|Bangalore|Bangkok|Barcelona|
    Beijing|Beirut|Belgrade|Berlin|Bern|Bogotá|Brasília|Bratislava|Brussels|Bucharest|Budapest|Buenos Aires|
    Cairo|Canberra|Cape Town|Caracas|Chengdu|Chicago|Copenhagen|Dakar|Damascus|Davos|Delhi|Dhaka|Doha|Dubai|
    Dublin|Frankfurt|Geneva|Guangzhou|Hamburg|Hanoi|Havana|Helsinki|Hong Kong|Honiara|Islamabad|Istanbul|
    Jakarta|Jerusalem|Johannesburg|Kabul|Karachi|Kazan|Kyiv|Kiev|Kuala Lumpur|Lagos|Lima|Lisbon|Ljubljana|
    London|Los Angeles|Madrid|Manila|Melbourne|Mexico City|Milan|Minsk|Montreal|Moscow|Mumbai|Munich|Nairobi|
    New Delhi|New York|Novosibirsk|Osaka|Oslo|Ottawa|Paris|Port Moresby|Prague|Pretoria|Pyongyang|Riga|
    Rio de Janeiro|Riyadh|Rome|San Francisco|Santiago|São Paulo|Seoul|Shanghai|Shenzhen|Silicon Valley|
    Singapore|Sofia|St Petersburg|Saint Petersburg|Stockholm|Sydney|Taipei|Tallinn|Tashkent|Tehran|Tel Aviv|
    Tokyo|Toronto|Vienna|Vilnius|Vladivostok|Warsaw|Washington|Wellington|Wuhan|Yerevan|Zagreb|Zurich|
    Astana|Almaty|Minsk|Tbilisi|Strasbourg|The Hague|Luxembourg"""
)
REGIONS = _names(
    """Africa|Asia|Europe|Eurasia|Greater Eurasia|North America|South America|Latin America|Central America|
    Middle East|Near East|Far East|Central Asia|South Asia|Southeast Asia|East Asia|East Africa|West Africa|
    North Africa|Sub-Saharan Africa|Central Europe|Eastern Europe|Western Europe|Northern Europe|
    Southern Europe|Western Balkans|Balkans|Baltic|Baltics|Caucasus|South Caucasus|Scandinavia|Arctic|
    Antarctica|Pacific|South Pacific|Indo-Pacific|Asia-Pacific|Atlantic|Mediterranean|Gulf|Persian Gulf|
    South China Sea|East China Sea|Black Sea|Caribbean|Siberia|Crimea|Donbas|Xinjiang|Tibet|Kashmir|
    Scottish Highlands|California|Texas|Oceania|Sahel|Horn of Africa|Global South|Taiwan Strait"""
)
COMPANIES = _names(
    """Huawei|ZTE|Ericsson|Nokia|Samsung|Alibaba|Tencent|Baidu|ByteDance|TikTok|Xiaomi|Lenovo|China Mobile|
    China Unicom|China Telecom|MTS|Megafon|MegaFon|Beeline|Rostelecom|Tele2|Yandex|VKontakte|Kaspersky|
    Sberbank|Gazprom|Google|Alphabet|Facebook|Meta|Amazon|Apple|Microsoft|Twitter|Instagram|WhatsApp|
    Telegram|Netflix|Intel|Nvidia|AMD|Qualcomm|Cisco|CISCO|IBM|Oracle|Akamai|Cloudflare|Verisign|Afilias|
    Vodafone|Orange|Deutsche Telekom|Telefónica|BT|O2|Verizon|AT&T|T-Mobile|SoftBank|NTT|Fujitsu|NEC|
    Mavenir|Parler|SMIC|TSMC|ASML|Arm|SpaceX|Starlink|OpenAI|Amazon Web Services|AWS|Singtel|StarHub|M1|
    Telia|Tele2|Telenor|Sprint|Comcast|Charter|HBO|Time Warner|WarnerMedia|DirecTV|Hikvision|Dahua|
    Micron|Texas Instruments|Applied Materials|Lam Research|Tokyo Electron|Infineon|STMicroelectronics|
    Broadcom|MediaTek|Paytm|PhonePe|Flipkart|Reliance Jio|Jio|Airtel|Bharti Airtel|Visa|Mastercard|PayPal|
    WeChat|Ant Group|Uber|Zoom|Dell|HP|Hewlett Packard Enterprise|Siemens|Thales|Atos|OVHcloud|SAP"""
)
PUBLICATIONS = _names(
    """Reuters|Bloomberg|Financial Times|New York Times|The New York Times|Wall Street Journal|
    The Wall Street Journal|Washington Post|The Washington Post|The Economist|Economist|The Guardian|
    Guardian|The Times|The Telegraph|Nikkei|Nikkei Asia|South China Morning Post|Global Times|Xinhua|
    People's Daily|People’s Daily|TASS|RIA Novosti|Kommersant|Vedomosti|Izvestia|RBC|Le Monde|Der Spiegel|
    Handelsblatt|Politico|Axios|Foreign Affairs|Foreign Policy|ZDNet|ZDNET|The Verge|Wired|TechCrunch|
    Light Reading|Fierce Wireless|BBC|BBC News|CNN|CNBC|Fox News|Associated Press|AP|AFP|Agence France-Presse|
    Economic Times|The Economic Times|Financial Express|The Financial Express|Hindustan Times|The Hindu|
    Times of India|Mint|Livemint|Indian Express|The Indian Express|Business Standard|Caixin|Yonhap|
    Dagens Nyheter|Svenska Dagbladet|Al Jazeera|Lawfare|The Diplomat|Rest of World|The Register|Ars Technica|
    The Information|Euractiv"""
)
LAWS = _names(
    """GDPR|General Data Protection Regulation|Digital Services Act|Digital Markets Act|CHIPS Act|
    CHIPS and Science Act|Inflation Reduction Act|CLOUD Act|Patriot Act|Belt and Road Initiative|BRI|
    Digital Silk Road|Made in China 2025|China Standards 2035|Clean Network|Privacy Shield|Safe Harbor|
    Schrems II|Wassenaar Arrangement|Paris Agreement|Budapest Convention|Digital India|Atmanirbhar Bharat|
    Huawei Act|IEEPA|International Emergency Economic Powers Act|National Emergencies Act|Entity List|
    Declaration for the Future of the Internet|Global Gateway|Horizon Europe|Gaia-X|GAIA-X|IPEF|
    Indo-Pacific Economic Framework|PGII|USMCA|Sovereign Internet Law|Yarovaya Law"""
)
ORGANISATIONS = _names(
    """EU|European Union|European Commission|European Parliament|European Council|Council of Europe|UN|
    United Nations|UN Security Council|ITU|International Telecommunication Union|OECD|NATO|WTO|
    World Trade Organization|IMF|International Monetary Fund|World Bank|ASEAN|African Union|BRICS|SCO|
    Shanghai Cooperation Organisation|G7|G20|EAEU|Eurasian Economic Union|CIS|
    Commonwealth of Independent States|ICANN|IETF|IEEE|3GPP|ETSI|W3C|ISO|CSTO|APEC|OPEC|Interpol|
    Europol|ENISA|FCC|NSA|CIA|FBI|GCHQ|FSB|KGB|GRU|Pentagon|Kremlin|White House|Politburo|CCP|CPC|
    Chinese Communist Party|Communist Party of China|State Council|Congress|Duma|State Duma|
    Federation Council|Bundestag|Commerce Department|Department of Commerce|State Department|
    Department of Defense|Ministry of Defence|Roskomnadzor|MGIMO|Valdai Club|Valdai International Club|
    World Economic Forum|Brookings|RAND|Chatham House|Carnegie|CSIS|ASPI|Belt and Road Forum|
    Bureau of Industry and Security|BIS|Federal Communications Commission|CFIUS|DARPA|NASA|
    National Security Council|Department of Homeland Security|DHS|CISA|Treasury|Senate|House|
    Supreme Court|European Court of Justice|Court of Justice of the European Union|CJEU|
    Observer Research Foundation|Reserve Bank of India|RBI|NPCI|IMDA|Sapo|Swedish Armed Forces|
    Post and Telecom Authority|PTS|Open RAN Policy Coalition|O-RAN Alliance|GSMA|Brookings Institution"""
)
#: Well-known people of policy text, whatever their first name.
PEOPLE = _names(
    """Xi Jinping|Vladimir Putin|Joe Biden|Donald Trump|Barack Obama|Ursula von der Leyen|Emmanuel Macron|
    Angela Merkel|Olaf Scholz|Narendra Modi|Ren Zhengfei|Jake Sullivan|Antony Blinken|Gina Raimondo|
    Thierry Breton|Margrethe Vestager|Boris Johnson|Rishi Sunak|Keir Starmer|Kamala Harris|Jens Stoltenberg|
    Dmitry Medvedev|Sergey Lavrov|Mikhail Mishustin|Li Keqiang|Li Qiang|Wang Yi|Elon Musk|Mark Zuckerberg|
    Jeff Bezos|Tim Cook|Satya Nadella|Sundar Pichai|Jensen Huang|Morris Chang|Charles Michel|Josep Borrell|
    Theresa May|Scott Morrison|Jacinda Ardern|Shinzo Abe|Fumio Kishida|Moon Jae-in|Yoon Suk-yeol|
    Recep Tayyip Erdoğan|Volodymyr Zelensky|Lee Hsien Loong|S. Iswaran|Ajit Pai|Tom Wheeler|Meng Wanzhou"""
)
#: Other names for the same entity; the value is the canonical name.
ALIASES: Mapping[str, str] = {
    "Russian Federation": "Russia", "U.S.": "United States", "US": "United States", "USA": "United States",
    "U.S.A.": "United States", "America": "United States", "United States of America": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
    "PRC": "China", "People's Republic of China": "China", "People’s Republic of China": "China",
    "Mainland China": "China", "Republic of Korea": "South Korea", "Korea": "South Korea", "USSR": "Soviet Union",
    "Czechia": "Czech Republic", "Holland": "Netherlands", "UAE": "United Arab Emirates",
    "Kiev": "Kyiv", "Saint Petersburg": "St Petersburg", "Washington, D.C.": "Washington",
    "EU": "European Union", "UN": "United Nations", "ITU": "International Telecommunication Union",
    "EAEU": "Eurasian Economic Union", "CIS": "Commonwealth of Independent States",
    "CCP": "Chinese Communist Party", "CPC": "Chinese Communist Party", "Communist Party of China": "Chinese Communist Party",
    "WTO": "World Trade Organization", "IMF": "International Monetary Fund", "Department of Commerce": "Commerce Department",
    "MegaFon": "Megafon", "CISCO": "Cisco", "Alphabet": "Google", "Valdai Club": "Valdai International Club",
    "Duma": "State Duma", "Shanghai Cooperation Organisation": "SCO",
}
#: Adjectives and plural nouns of nationality, to the place they count for.
DEMONYMS: Mapping[str, str] = {
    **{d: "Russia" for d in ("Russian", "Russians")},
    **{d: "China" for d in ("Chinese",)},
    **{d: "United States" for d in ("American", "Americans")},
    **{d: "Europe" for d in ("European", "Europeans")},
    **{d: "United Kingdom" for d in ("British", "Briton", "Britons")},
    **{d: "Soviet Union" for d in ("Soviet", "Soviets")},
    **{d: "Eurasia" for d in ("Eurasian",)},
    **{d: "Africa" for d in ("African", "Africans")},
    **{d: "Asia" for d in ("Asian", "Asians")},
    **{d: "Latin America" for d in ("Latin American", "Latin Americans")},
    "French": "France", "German": "Germany", "Germans": "Germany", "Italian": "Italy", "Spanish": "Spain",
    "Swedish": "Sweden", "Finnish": "Finland", "Norwegian": "Norway", "Danish": "Denmark", "Dutch": "Netherlands",
    "Polish": "Poland", "Czech": "Czech Republic", "Slovak": "Slovakia", "Hungarian": "Hungary",
    "Austrian": "Austria", "Swiss": "Switzerland", "Belgian": "Belgium", "Greek": "Greece",
    "Portuguese": "Portugal", "Irish": "Ireland", "Estonian": "Estonia", "Latvian": "Latvia",
    "Lithuanian": "Lithuania", "Slovenian": "Slovenia", "Croatian": "Croatia", "Serbian": "Serbia",
    "Romanian": "Romania", "Bulgarian": "Bulgaria", "Ukrainian": "Ukraine", "Ukrainians": "Ukraine",
    "Belarusian": "Belarus", "Georgian": "Georgia", "Armenian": "Armenia", "Azerbaijani": "Azerbaijan",
    "Kazakh": "Kazakhstan", "Uzbek": "Uzbekistan", "Turkish": "Turkey", "Iranian": "Iran", "Israeli": "Israel",
    "Saudi": "Saudi Arabia", "Emirati": "United Arab Emirates", "Egyptian": "Egypt", "Indian": "India",
    "Indians": "India", "Pakistani": "Pakistan", "Japanese": "Japan", "Korean": "South Korea",
    "South Korean": "South Korea", "North Korean": "North Korea", "Taiwanese": "Taiwan",
    "Vietnamese": "Vietnam", "Indonesian": "Indonesia", "Malaysian": "Malaysia", "Thai": "Thailand",
    "Filipino": "Philippines", "Australian": "Australia", "Australians": "Australia",
    "Canadian": "Canada", "Mexican": "Mexico", "Brazilian": "Brazil", "Argentine": "Argentina",
    "Argentinian": "Argentina", "Chilean": "Chile", "Nigerian": "Nigeria", "Kenyan": "Kenya",
    "Ethiopian": "Ethiopia", "Scottish": "Scotland", "Welsh": "Wales",
}
#: Words that make a capitalised phrase an organisation ("Aalborg University", "Bank of Russia").
ORG_HEADS: frozenset[str] = frozenset(
    """University Institute Institution Agency Company Corporation Corp Inc Ltd LLC Group Holdings Ministry
    Department Council Union Bank Party Committee Commission Association Federation Foundation Fund Forum
    Club Center Centre Organisation Organization Office Service Authority Board Bureau Academy
    School College Court Parliament Assembly Congress Senate Administration Alliance Coalition Consortium
    Project Laboratory Laboratories Society Bank Regulator Commissariat Secretariat Tribunal
    Navy Army Police Guard Cooperation Research Forces Intelligence Coalition Services Affairs Security
    Budget Commerce Defense Defence Justice Treasury""".split()
)
#: Words of offices, not names: "Attorney General", "Secretary of Homeland Security" are no people.
OFFICE_WORDS: frozenset[str] = frozenset("General Attorney Secretary Services Security Affairs Human Health Budget Management".split())
#: Last words that make a capitalised name a company's ("Vocus Group", "Huawei Technologies Co.").
COMPANY_HEADS: frozenset[str] = frozenset(
    """Company Corporation Corp Corp. Inc Inc. Ltd Ltd. LLC PLC plc Group Holdings Telecom Telecommunications
    Technologies Labs Consult Analytics Networks Systems Semiconductor Semiconductors Electronics AG GmbH""".split()
)
#: Last words that make a capitalised name a publication's ("Financial Times", "China Daily").
PUBLICATION_HEADS: frozenset[str] = frozenset("Times Post Journal Review Herald Gazette Tribune Magazine Daily Chronicle Telegraph News".split())
#: Last words that make a capitalised name a law, treaty or programme ("CHIPS and Science Act").
LAW_HEADS: frozenset[str] = frozenset(
    """Act Acts Law Treaty Convention Directive Regulation Agreement Accord Protocol Charter Declaration
    Programme Program Initiative Framework Strategy Bill Arrangement Order Partnership""".split()
)
#: Words before a name that make it a person ("President Donald Trump", "Dr Mike Short").
TITLES: frozenset[str] = frozenset(
    """President Vice-President Premier Minister Chancellor Senator Sen Representative Rep Governor Mayor
    Secretary Ambassador Dr Dr. Prof Prof. Professor Mr Mr. Mrs Mrs. Ms Ms. Sir Dame Lord Lady King Queen
    Prince Princess Pope Gen. Admiral Colonel Commissioner Chairman Chairwoman Director Judge
    Envoy Spokesman Spokeswoman Commander Advisor Adviser Chair""".split()
)
#: Common first names (English, Russian, Chinese surnames-first, and other frequent ones).
FIRST_NAMES: frozenset[str] = frozenset(
    """Aaron Adam Adrian Alan Albert Alex Alexander Alexei Alexey Ali Alice Alison Amanda Amy Ana Anastasia
    Andrea Andrei Andrew Andrey Angela Ann Anna Anne Anthony Anton Antonio Arindrajit Arthur Barack Ben
    Benjamin Bernard Bill Boris Brian Bruce Carl Carlo Carlos Carol Caroline Catherine Charles Chris
    Christian Christina Christine Christopher Ciaran Claire Colin Craig Dan Daniel Darren David Dawn Dennis
    Diana Diane Dmitry Dmitri Donald Douglas Edward Elena Elizabeth Emily Emma Emmanuel Eric Erik Eugene
    Evgeny Fiona Francis Frank Fyodor Gary George Gerhard Graham Greg Gregory Hannah Harry Heather Helen
    Henry Hillary Hugh Ian Igor Ilya Irina Ivan Jack James Jan Jane Janet Jason Jean Jeff Jennifer Jessica
    Jim Joe Johannes John Jonathan Jonas Joseph Josh Julia Julian Karen Karl Katherine Kate Keith Kevin
    Kim Kip Konstantin Laura Lena Leonid Linda Lisa Louise Lucy Luis Manuel Marc Marcus Margaret Maria
    Marie Marina Mark Marta Martin Mary Matthew Maxim Michael Michel Mikhail Mike Monica Nadia Natalia
    Natalya Neil Nicholas Nick Nicola Nikolai Nina Nisha Olaf Oleg Olga Oliver Olivia Owen Patrick Paul
    Pavel Peter Philip Pierre Priya Rachel Ralph Raymond Rebecca Richard Robert Roger Roman Ronald Roslyn
    Ruth Ryan Sam Samuel Sarah Scott Sean Sebastian Sergei Sergey Simon Sophie Stephen Steve Steven Susan
    Svetlana Tatiana Thomas Tim Timothy Tom Tomas Tomasz Tony Ursula Valentina Valery Vera Victor Viktor
    Vladimir Vladislav Walter William Xavier Yuri Yury Zarah Angela Emmanuel Narendra Recep Volodymyr
    Justin Joe Kamala Antony Jake Liz Rishi Theresa Jacinda Scott Shinzo Fumio Moon Jair Lula Cyril
    Xi Li Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Hu Ren Deng Mao Jiang Wen""".split()
)
#: Surnames written first (Xi Jinping): the first token may stand alone for the person.
SURNAME_FIRST: frozenset[str] = frozenset("Xi Li Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Hu Ren Deng Mao Jiang Wen Kim Moon".split())
#: Words after a company's name that name the same company ("Huawei Technologies", "Alibaba Group").
COMPANY_SUFFIXES: frozenset[str] = frozenset(
    "Inc Inc. Corp Corp. Corporation Co Co. Ltd Ltd. Limited LLC plc PLC AG SA S.A. Oyj AB NV N.V. Technologies Group Holdings".split()
)
#: Words that, after "Name Surname, (a|an|the) ...", show the name is a person's ("Kirsty Alder, an analyst").
ROLES: frozenset[str] = frozenset(
    """analyst professor director founder co-founder president chairman chairwoman chair minister fellow
    researcher scholar economist spokesperson spokesman spokeswoman executive chief head author editor
    journalist correspondent reporter adviser advisor lawyer engineer secretary ambassador official
    diplomat commissioner consultant lecturer manager officer partner expert deputy senator governor
    mayor lawmaker legislator MP CEO CTO CFO COO SVP EVP VP""".split()
)
#: Verbs that, next to "Name Surname", show the name is a person's ("said Monica Paolini").
REPORTING_VERBS: frozenset[str] = frozenset("said says told argued argues added adds noted notes wrote writes explained explains".split())
#: Capitalised words that are never entities or parts of one.
NOT_ENTITIES: frozenset[str] = frozenset(
    """January February March April May June July August September October November December Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday Internet Web God I A An The This That These Those It
    Its They Their We Our He She His Her You Your In On At Of For And But Or If As By With From To Into
    Yet So Not No Nor All Any Some Each Every Both Many Most Such Other Another When While Where Which Who
    What Why How There Here Then Now After Before During Since Until Although Though However Moreover Also
    Finally First Second Third Firstly Secondly Thirdly Fourth One Two Three Four Five Six Seven Eight Nine
    Ten Mr Mrs Ms Dr Q Abstract Introduction Conclusion Conclusions References Keywords Figure Table Chapter
    Section Appendix Notes Note Source Sources""".split()
)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Known names and name-shape lexicons; inject a different one to extend or trim them."""

    places: frozenset[str] = field(default=COUNTRIES | CITIES | REGIONS)
    organisations: frozenset[str] = field(default=ORGANISATIONS)
    companies: frozenset[str] = field(default=COMPANIES)
    publications: frozenset[str] = field(default=PUBLICATIONS)
    laws: frozenset[str] = field(default=LAWS)
    company_heads: frozenset[str] = field(default=COMPANY_HEADS)
    """Last words of company names; they also count as organisation head words for the shape of a name."""
    publication_heads: frozenset[str] = field(default=PUBLICATION_HEADS)
    law_heads: frozenset[str] = field(default=LAW_HEADS)
    aliases: Mapping[str, str] = field(default_factory=lambda: dict(ALIASES))
    demonyms: Mapping[str, str] = field(default_factory=lambda: dict(DEMONYMS))
    org_heads: frozenset[str] = field(default=ORG_HEADS | COMPANY_HEADS | PUBLICATION_HEADS | LAW_HEADS)
    """Words that make a capitalised phrase a name (its kind then comes from `kind_by_head`)."""
    titles: frozenset[str] = field(default=TITLES)
    first_names: frozenset[str] = field(default=FIRST_NAMES)
    surname_first: frozenset[str] = field(default=SURNAME_FIRST)
    not_entities: frozenset[str] = field(default=NOT_ENTITIES)
    company_suffixes: frozenset[str] = field(default=COMPANY_SUFFIXES)
    roles: frozenset[str] = field(default=ROLES)
    reporting_verbs: frozenset[str] = field(default=REPORTING_VERBS)
    people: frozenset[str] = field(default=PEOPLE)
    """Full names known to be people's (`extract_entities` adds those the text shows by shape)."""
    others: frozenset[str] = frozenset()
    """Known names that are neither places nor organisations (programmes, systems, laws)."""
    min_other_mentions: int | None = None
    """How often an unknown multi-word name ("Big Tech") must recur to be listed as "other"; None lists none.

    Off by default: on real texts most such names were title-case fragments ("Threat Posed",
    "Services Supply Chain") of headings and legal titles, not entities.
    """

    def kind_of(self, name: str) -> EntityKind | None:
        """The kind of a known canonical name, or None."""
        if name in self.places:
            return "place"
        if name in self.publications:
            return "publication"
        if name in self.companies:
            return "company"
        if name in self.laws:
            return "law"
        if name in self.organisations:
            return "organisation"
        if name in self.people:
            return "person"
        if name in self.others:
            return "other"
        return None


    def kind_by_head(self, words: Sequence[str]) -> EntityKind:
        """The kind a name's head word gives it: "… Act" a law, "… Times" a publication, "… Inc." a company.

        The head is the last word, or the word before "of"/"for" ("Partnership for Global
        Infrastructure" is a programme, "Times of India" a newspaper).
        """
        cut = next((i for i, w in enumerate(words) if w in ("of", "for") and i > 0), len(words))
        last = words[cut - 1].rstrip(",")
        if last in self.law_heads:
            return "law"
        if last in self.publication_heads:
            return "publication"
        if last in self.company_heads:
            return "company"
        return "organisation"


DEFAULT_GAZETTEER = Gazetteer()

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽА-ЯЁ"
_CAP = rf"(?:[A-Z]\.){{2,}}|[{_UPPER}][\w&]*(?:[-’'][\w&]+)*|[A-Z]\.(?= [{_UPPER}])"
#: A run of capitalised words joined by single spaces, with "of", "for", "and" ... inside
#: ("Bank of the ..."); a word glued to a hyphen ("then-President") does not start one.
_RUN_RE = re.compile(rf"(?<![\w’'-])(?:{_CAP})(?: (?:(?:of|for|and|de|du|des|la|von der|van der|von|van)(?: the)? )?(?:{_CAP}))*")
_ADJECTIVE_RE = re.compile(r"^(.+?)-[a-z][\w-]*$")  # "Melbourne-based", "US-led", "Chinese-controlled"
_WORD_RE = re.compile(r"\S+")
_POSSESSIVE_RE = re.compile(r"(?:['’]s|s['’])$")
_CONNECTORS = frozenset({"of", "for", "and", "the", "de", "du", "des", "la", "von", "van", "der"})
#: Capitalised words that start a sentence or a run but are no part of a name ("The", "In", "However").
_LEADING_NOISE = frozenset(
    """The A An This That These Those It Its They Their We Our He She His Her You Your In On At Of For And
    But Or If As By With From To Into Yet So Not No Nor All Any Some Each Every Both Many Most Such Other
    Another When While Where Which Who What Why How There Here Then Now After Before During Since Until
    Although Though However Moreover Also Finally First Second Third Firstly Secondly Thirdly Fourth One
    Two Three Four Five Six Seven Eight Nine Ten Under Over Despite Unlike Like Even Only Just Today
    January February March April May June July August September October November December Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
_NAME_POSSESSIVES = frozenset({"People’s", "People's"})  # "People's Liberation Army" is one name
_CITATION_RE = re.compile(r"\([^()]*\b(?:1[89]|20)\d\d[a-z]?\b[^()]*\)|\b[A-Z][\w’'-]+(?:\s+et\s+al\.?)?\s+\((?:1[89]|20)\d\d[a-z]?\)")
_OPENERS = "\"'“‘([*_"
#: A demonym that names a language, not a place: "English literacy", "in Chinese", "French-language".
_LANGUAGE_RE = re.compile(
    r"\b(?:English|French|Spanish|German|Chinese|Russian|Japanese|Arabic|Portuguese|Italian|Dutch|Korean|Swedish)"
    r"(?=[\s-]+(?:language|languages|literacy|speakers?|speaking|translations?|versions?|texts?|editions?|words?|names?)\b)"
    r"|(?:(?<=\bin )|(?<=\binto )|(?<=\bspeak )|(?<=\bspeaks )|(?<=\blearn ))(?:English|French|Spanish|German|Chinese|Russian|Japanese|Arabic)\b"
)
#: Every `_LANGUAGE_RE` match is one of these words; most paragraphs hold none, and testing for them
#: costs far less than the pattern's look-behinds at every place.
_LANGUAGE_NAMES = ("English", "French", "Spanish", "German", "Chinese", "Russian", "Japanese", "Arabic", "Portuguese", "Italian",
                   "Dutch", "Korean", "Swedish")


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention: canonical name, kind, paragraph id; `confident` unless an unknown phrase."""

    name: str
    kind: EntityKind
    paragraph: str
    confident: bool = True


def _runs(text: str, sentences: Sequence[tuple[int, int]], blocked: Sequence[tuple[int, int]] = ()) -> list[tuple[list[str], bool]]:
    """Runs of capitalised words (possessives cut and ending a run), each with a sentence-start flag.

    `sentences` are the sentence offsets of `text`. Citations ("(Weiss, 2015)",
    "Halvorsen (2015)") and `blocked` spans are blanked first, keeping offsets, so
    their names never start a run (and sentences are then found in the blanked text).
    """
    spans = [*blocked, *(m.span() for m in _CITATION_RE.finditer(text))]
    if spans:
        chars = list(text)
        for a, b in spans:
            chars[a:b] = " " * (b - a)
        text = "".join(chars)
        sentences = sentence_spans(text)
    starts = set()
    for s, _ in sentences:
        while s < len(text) and text[s] in _OPENERS:
            s += 1
        starts.add(s)
    runs: list[tuple[list[str], bool]] = []
    for m in _RUN_RE.finditer(text):
        words: list[str] = []
        first_at = m.start()
        for w in _WORD_RE.finditer(m.group(0)):
            word = w.group(0)
            if not words:
                first_at = m.start() + w.start()
            adjective = _ADJECTIVE_RE.match(word)
            if adjective:
                # "Melbourne-based Vocus Group": the place counts, the adjective ends the run.
                if words:
                    runs.append((words, first_at in starts))
                runs.append(([adjective.group(1)], False))
                words = []
            elif len(word) > 3 and _POSSESSIVE_RE.search(word) and word not in _NAME_POSSESSIVES:
                words.append(word[:-1] if word.endswith(("s'", "s’")) else word[:-2])
                runs.append((words, first_at in starts))
                words = []
            else:
                words.append(word)
        if words:
            runs.append((words, first_at in starts))
    return runs


def _split_connectors(words: list[str], g: Gazetteer) -> list[list[str]]:
    """Keep connectors only inside known or organisation names; otherwise split ("Russia and China")."""
    if not any(w in _CONNECTORS for w in words) or _known_name(" ".join(words), g):
        return [words]
    # First at an "and" that joins two names ("Russia and the Commonwealth of ...", "the Party
    # and the Bank"), then at every connector of a part that is not an organisation name.
    out: list[list[str]] = []
    for part in _split_at_and(words, g):
        if _keeps_connectors(part, g):
            out.append(part)
            continue
        # Split at the first connector; what follows may still be an organisation name.
        cut = next((i for i, w in enumerate(part) if w in _CONNECTORS), len(part))
        out.append(part[:cut])
        rest = part[cut + 1 :]
        while rest and rest[0] in _CONNECTORS:
            rest = rest[1:]
        if rest:
            out.extend(_split_connectors(rest, g) if _keeps_connectors(rest, g) else _split_at(rest, _CONNECTORS))
    return [p for p in out if p]


def _split_at_and(words: list[str], g: Gazetteer) -> list[list[str]]:
    """Split at "and" unless it sits inside one name ("Center for Internet and Society")."""
    parts: list[list[str]] = [[]]
    for i, w in enumerate(words):
        if w == "and" and parts[-1]:
            left = parts[-1]
            right = words[i + 1 :]
            joins_names = (
                left[-1] in g.org_heads
                or _known_name(" ".join(left), g)
                or (right and (right[0] == "the" or _known_name(right[0], g)))
            )
            # "Institute of Electrical and Electronics Engineers", "Belt and Road Forum": one name.
            head_then_connector = any(
                w in g.org_heads and any(c in _CONNECTORS for c in left[k + 1 :]) for k, w in enumerate(left)
            )
            inside_name = head_then_connector or any(x in g.org_heads for x in right)
            if joins_names or not inside_name:
                parts.append([])
                continue
        if parts[-1] or w != "the":
            parts[-1].append(w)
    return [p for p in parts if p]


def _keeps_connectors(words: list[str], g: Gazetteer) -> bool:
    """Whether "of"/"for" belong to the name: known, or an organisation head before the first one."""
    name = " ".join(words)
    if name in g.aliases or g.kind_of(name) is not None:
        return True
    first_connector = next((i for i, w in enumerate(words) if w in _CONNECTORS and w != "and"), len(words))
    # "University of Oxford", "Bank of Russia" keep it; "Chief Scientific Adviser for the
    # Department for International Trade" is a job title, then an organisation.
    return any(w in g.org_heads for w in words[:first_connector])


def _split_at(words: list[str], cuts: Iterable[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for w in words:
        if w in cuts:
            parts.append([])
        elif parts[-1] or w != "the":
            parts[-1].append(w)
    return [p for p in parts if p]


def _known_name(name: str, g: Gazetteer) -> bool:
    return name in g.aliases or g.kind_of(name) is not None or name in g.demonyms


def _known(word: str, g: Gazetteer) -> bool:
    return (
        word in g.aliases or g.kind_of(word) is not None or word in g.demonyms
        or word in g.first_names or word in g.titles or word in g.org_heads
    )


def _known_company(words: list[str], g: Gazetteer) -> tuple[str, EntityKind, bool] | None:
    """A known organisation followed only by company suffixes: "Huawei Technologies Co., Ltd" is Huawei."""
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k])
        canonical = g.aliases.get(head, head)
        kind = g.kind_of(canonical)
        if kind in ("organisation", "company"):
            return (canonical, kind, True) if all(w.rstrip(",") in g.company_suffixes for w in words[k:]) else None
    return None


def _classify(words: list[str], g: Gazetteer, sentence_initial: bool, surnames: set[str]) -> list[tuple[str, EntityKind, bool]]:
    """(canonical name, kind, confident) for the entities in one run of capitalised words."""
    while words and (words[0] in _LEADING_NOISE or words[0] in _CONNECTORS or len(words) == 1 and words[0] in g.not_entities):
        words = words[1:]
    while words and words[-1] in _CONNECTORS:
        words = words[:-1]
    if not words:
        return []
    name = " ".join(words)
    if len(words) > 1 and name not in g.aliases and not g.kind_of(name):
        company = _known_company(words, g)
        if company:
            return [company]
        # Unknown capitals ("JOURNAL", "CLOUD") are headers or acronyms, not parts of names,
        # unless an organisation's head word ends the run ("Open RAN Policy Coalition").
        unknown_caps = [i for i, w in enumerate(words) if w.isupper() and len(w) > 1 and not _known(w, g)]
        if unknown_caps and words[-1] in g.org_heads and not all(w.isupper() for w in words):
            return [(name, g.kind_by_head(words), True)]
        for i, w in enumerate(words):
            if w.isupper() and len(w) > 1 and not _known(w, g):
                left = _classify(words[:i], g, sentence_initial, surnames)
                return [*left, *_classify(words[i + 1 :], g, False, surnames)]
        # "American Commerce Department": a demonym before a known name is two entities.
        lead = g.aliases.get(words[0], words[0])
        if (words[0] in g.demonyms or g.kind_of(lead) == "place") and _known_name(" ".join(words[1:]), g):
            return [*_classify(words[:1], g, False, surnames), *_classify(words[1:], g, False, surnames)]
        # "Director of Network Resilience": a job title; only known names after it count.
        if words[0] in g.titles and words[1] in _CONNECTORS:
            rest = words[2:]
            return _classify(rest, g, False, surnames) if _known_name(" ".join(rest), g) else []
    canonical = g.aliases.get(name, name)
    kind = g.kind_of(canonical)
    if kind:
        return [(canonical, kind, True)]
    if len(words) >= 2 and words[-1] in g.titles:
        # "National Security Advisor", "Foreign Minister": an office; only known names inside count.
        return [m for w in words[:-1] for m in _classify([w], g, False, surnames) if _known_name(w, g)]
    # "Secretary of Commerce Gina Raimondo": a known person, or a first name, ends the run.
    for i in range(1, len(words) - 1):
        rest = words[i:]
        if " ".join(rest) in g.people or (
            rest[0] in g.first_names and len(rest) <= 3 and (words[i - 1] in g.org_heads or _known_name(words[i - 1], g))
            and not any(g.kind_of(w) or w in g.org_heads for w in rest)
        ):
            return [*_classify(words[:i], g, sentence_initial, surnames), (" ".join(rest), "person", True)]
    if name in g.demonyms:
        return [(g.demonyms[name], "place", True)]
    # A title inside the run: what follows is a person, what precedes is looked at on its own.
    for i in range(len(words) - 2, -1, -1):
        if words[i] in g.titles and all(w[0].isupper() and w not in g.titles for w in words[i + 1 :]):
            rest = words[i + 1 :]
            if any(g.kind_of(w) or w in g.org_heads or w.isupper() for w in rest) or len(rest) > 3:
                break
            if len(rest) == 3 and rest[0] not in g.first_names:
                break  # "General Data Protection Regulation" is not a person
            before = _classify(words[:i], g, sentence_initial, surnames) if i else []
            return [*before, (" ".join(rest), "person", True)]
    if len(words) >= 2 and words[0] in g.first_names and len(words) <= 3:
        rest = words[1:]
        if not any(g.kind_of(w) or w in g.org_heads or w in g.demonyms or w.isupper() for w in rest):
            return [(name, "person", True)]
    if len(words) >= 2 and (
        any(w in g.org_heads for w in words[1:]) or (words[0] in g.org_heads and words[1] in _CONNECTORS)
    ):
        first = words[0]
        if sentence_initial and not _known(first, g) and len(words) == 2 and g.kind_by_head(words) == "organisation":
            return []
        return [(name, g.kind_by_head(words), True)]
    if len(words) == 1:
        if name in surnames:
            return [(name, "person", True)]
        return []
    # An unknown phrase: count it only if it recurs; the known words inside still count.
    if sentence_initial and not _known(words[0], g):
        # "Swift advances" or "Big Tech"? Only a recurring whole phrase will tell.
        return [(name, "other", False), *_classify(words[1:], g, False, surnames)]
    inner: list[tuple[str, EntityKind, bool]] = []
    for w in words:
        inner.extend(_classify([w], g, False, surnames) if _known(w, g) or w in surnames else [])
    return [(name, "other", False), *inner]


@dataclass(frozen=True, slots=True)
class _ParagraphNames:
    """What a body paragraph names, before the surnames known: both passes of `extract_entities` share it."""

    paragraph: str
    phrases: tuple[Mention, ...]
    """Mentions of the expansions of defined acronyms, in order."""
    parts: tuple[tuple[list[str], bool], ...]
    """Capitalised runs split at connectors, each with whether it starts a sentence."""


def _language_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `_LANGUAGE_RE.finditer(text)`, trying the pattern only where a language name starts.

    Every match starts with one of `_LANGUAGE_NAMES`, so trying the pattern at each
    place one starts, in order, finds the same matches; its look-behinds tried at
    every place cost far more.
    """
    places = sorted({at for name in _LANGUAGE_NAMES for at in _occurrences(text, name)})
    spans: list[tuple[int, int]] = []
    for at in places:
        if spans and at < spans[-1][1]:
            continue
        m = _LANGUAGE_RE.match(text, at)
        if m:
            spans.append(m.span())
    return spans


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _paragraph_names(doc: Document, g: Gazetteer, phrases: Mapping[str, EntityKind]) -> list[_ParagraphNames]:
    """Cut every body paragraph into acronym expansions and capitalised name parts, in order."""
    phrase_re = (
        re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in sorted(phrases, key=len, reverse=True)))
        if phrases
        else None
    )
    out: list[_ParagraphNames] = []
    for para, sentences in zip(doc.paragraphs, doc.spans):
        if is_heading_like(para.text) or para.kind == "heading" or reference_like(para.text):
            continue  # a reference entry or note names its sources, not what the article is about
        found: list[Mention] = []
        blocked = _language_spans(para.text)
        if phrase_re:
            # Expansions of defined acronyms may hold commas or digits ("3rd Generation ...").
            for m in phrase_re.finditer(para.text):
                found.append(Mention(m.group(0), phrases[m.group(0)], para.id))
                blocked.append(m.span())
        parts = tuple(
            (part, sentence_start and i == 0)
            for words, sentence_start in _runs(para.text, sentences, blocked)
            for i, part in enumerate(_split_connectors(words, g))
        )
        out.append(_ParagraphNames(para.id, tuple(found), parts))
    return out


def _mentions(names: Iterable[_ParagraphNames], g: Gazetteer, surnames: set[str]) -> list[Mention]:
    """Every entity mention of the body, in order."""
    out: list[Mention] = []
    for para in names:
        out.extend(para.phrases)
        for part, sentence_initial in para.parts:
            for name, kind, confident in _classify(part, g, sentence_initial, surnames):
                out.append(Mention(name, kind, para.paragraph, confident))
    return out


_LOWER = "a-zß-öø-ÿāăąćčďđēėęěğģīįıķĺļľłńņňōőœŕřśşšţťūůűųźżžа-яё"
#: One word of a personal name: "Alder", "Lloyd-Evans", "O’Neil", "McDonald".
_NAME_WORD = rf"[{_UPPER}](?:[’'][{_UPPER}])?[{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:-[{_UPPER}]?[{_LOWER}]+)*"
_NAME = rf"{_NAME_WORD}(?: [{_UPPER}]\.)*(?: {_NAME_WORD}){{1,2}}"
_SPEAKER_RE = re.compile(rf"^(?:Q\d+\s+)?(?P<name>{_NAME}):\s")
_APPOSITION_RE = re.compile(rf"(?P<name>{_NAME}),\s+(?P<desc>[\w-]+(?:\s+[\w-]+){{0,4}})")
_SAID_BEFORE_RE = re.compile(rf"\b(?P<verb>[a-z]+),?\s+(?P<name>{_NAME})\b")
_SAID_AFTER_RE = re.compile(rf"(?P<name>{_NAME}),?\s+(?P<verb>[a-z]+)\b")


def people_by_shape(doc: Document, gazetteer: Gazetteer = DEFAULT_GAZETTEER) -> frozenset[str]:
    """Full names the text itself shows to be people's, whatever the first name.

    Three shapes: a speaker label opening a paragraph ("Q46 Gareth Lloyd-Evans: ..."),
    an apposition with a role in its first five words ("Kirsty Alder, an analyst
    at ...", "Greg Allen, a recent podcast guest and senior fellow") and a reporting
    verb ("said Monica Paolini", "Kirsty Alder said"). Names with a known place,
    organisation, demonym, title or organisation head word are never taken.
    """
    g = gazetteer
    found: set[str] = set()

    def take(name: str) -> None:
        words = name.split()
        if any(w in g.not_entities or w in _LEADING_NOISE or w in g.titles or w in g.org_heads or w in OFFICE_WORDS
               or _known_name(w, g) for w in words):
            return
        if not _known_name(name, g):
            found.add(name)

    for para in doc.paragraphs:
        text = para.text
        if is_heading_like(text) or para.kind == "heading":
            continue
        speaker = _SPEAKER_RE.match(text)
        if speaker:
            take(speaker.group("name"))
        for m in _APPOSITION_RE.finditer(text):
            if any(w in g.roles or w.lower() in g.roles for w in m.group("desc").split()):
                take(m.group("name"))
        for pattern in (_SAID_BEFORE_RE, _SAID_AFTER_RE):
            for m in pattern.finditer(text):
                if m.group("verb") in g.reporting_verbs:
                    take(m.group("name"))
    return frozenset(found)


def extract_entities(
    doc: Document,
    *,
    gazetteer: Gazetteer = DEFAULT_GAZETTEER,
    acronyms: Mapping[str, str] | None = None,
) -> tuple[Entity, ...]:
    """People, organisations and places of the body, by mentions (desc) then name.

    `acronyms` maps defined acronyms to their expansions (from the glossary), so
    "ITU" and "International Telecommunication Union" are one entity.
    """
    g = gazetteer
    phrases: dict[str, EntityKind] = {}
    if acronyms:
        # Only proper names: "International Telecommunication Union", not "radio access network".
        extra = {
            a: e for a, e in acronyms.items()
            if a not in g.aliases and sum(w[:1].isupper() for w in e.split()) >= 2 and not e[0].islower()
        }
        for acronym, expansion in list(extra.items()):
            kind = g.kind_of(g.aliases.get(expansion, expansion))
            if kind is None and any(w.strip(",") in g.org_heads for w in expansion.split()):
                kind = g.kind_by_head(expansion.split())
            if kind is None:
                del extra[acronym]  # "Artificial Intelligence (AI)" is a concept, not an entity
            else:
                phrases[expansion] = kind
        added = {k: frozenset(e for e, kind in phrases.items() if kind == k) for k in ("organisation", "company", "law", "publication")}
        g = replace(
            g, organisations=g.organisations | added["organisation"], companies=g.companies | added["company"],
            laws=g.laws | added["law"], publications=g.publications | added["publication"], aliases={**g.aliases, **extra},
        )
    shaped = people_by_shape(doc, g)
    if shaped:
        g = replace(g, people=g.people | shaped)
    names = _paragraph_names(doc, g, phrases)
    first_pass = _mentions(names, g, set())
    people = {m.name for m in first_pass if m.kind == "person" and " " in m.name}
    short: dict[str, set[str]] = {}
    for person in people:
        parts = person.split()
        short.setdefault(parts[-1], set()).add(person)
        if parts[0] in g.surname_first:
            short.setdefault(parts[0], set()).add(person)
    unique_short = {s: next(iter(full)) for s, full in short.items() if len(full) == 1}
    mentions = _mentions(names, g, set(unique_short))
    return _collect(mentions, unique_short, g)


def _collect(mentions: Iterable[Mention], surnames: Mapping[str, str], g: Gazetteer) -> tuple[Entity, ...]:
    counts: dict[str, int] = {}
    kinds: dict[str, EntityKind] = {}
    paragraphs: dict[str, dict[str, None]] = {}  # an ordered set per name: a list's `in` made this quadratic on long bodies
    confident: dict[str, bool] = {}
    for m in mentions:
        name = surnames.get(m.name, m.name) if m.kind == "person" else m.name
        counts[name] = counts.get(name, 0) + 1
        kinds.setdefault(name, m.kind)
        confident[name] = confident.get(name, False) or m.confident
        paragraphs.setdefault(name, {})[m.paragraph] = None
    entities = [
        Entity(name, kinds[name], n, tuple(paragraphs[name]))
        for name, n in counts.items()
        if confident[name] or (g.min_other_mentions is not None and n >= g.min_other_mentions)
    ]
    entities.sort(key=lambda e: (-e.mentions, e.name))
    return tuple(entities)
