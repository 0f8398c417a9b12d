"""Entity mentions from a spaCy ``Doc``: label mapping, surface clean-up and junk filter.

Junk is dropped in two ways: by *region* (bylines, photo credits and the agency of a
dateline are not article content, so nothing in them becomes a facet) and by *form*
(times, numbers, lone titles, lower-case words, handles and slashed credit chains).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from etl.annotate import names, romanised, wordnames
from etl.annotate.names import english_words
from etl.annotate.textscan import alternation, offsets
from etl.annotate.words import (
    AGE_AFTER,
    ARABIC_NOT_NAMES,
    COUPLE_CHILDREN,
    FAMILY_WORDS,
    GOVERNMENT_BODY_ENDS,
    HEADLINE_NOUNS,
    HEADLINE_VERBS,
    JUNK_WORDS,
    KIN_WORDS,
    MONTH_ABBREVIATIONS,
    NAME_TITLES,
    NAME_TRAILERS,
    NAMED_BODY_ENDS,
    NOT_NAME_ENDS,
    OPENING_WORDS,
    ORG_WORDS,
    PARTICLES,
    PERSON_CUES,
    PLACE_ENDS,
    PRONOUNS,
    ROLE_CUES,
    ROLE_END_WORDS,
    ROLES,
    SHOW_END_WORDS,
    SPEECH_AFTER,
    STANDING_CUES,
    STORM_WORDS,
    TITLES,
)

#: spaCy label -> our entity type. NORP ("Russian") is an adjective, not a facet.
LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "location",
    "LOC": "location",
    "FAC": "location",
    "EVENT": "event",
}

_CUE_WORD = re.compile(r"\b([A-Za-z]+)\.?[ \t]+(?=[A-Z])")
_NAME_AFTER_CUE = re.compile(
    r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:[ \t]+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?){1,2}\b"
)
_PREV_WORD = re.compile(r"\b([A-Za-z-]+)\.?[ \t]+$")
#: One capitalised name word after a title, no name word after it: "President Plosser--dissented".
_ONE_NAME_AFTER_CUE = re.compile(r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\b(?![ \t]+[A-Z]|['’]?\w|-\w)")
#: A cricket scorecard's dismissal before a fielder's or bowler's name: "c Tillekeratne b Dharmasena", "st
#: Kaluwitharana", "c and b Jayasuriya", "lbw b Wasim".
_SCORECARD_BEFORE = re.compile(r"(?<![\w.'’-])(?:c|b|st)[ \t]+$")
_KIN_COMMA = re.compile(r"\b([a-z]+),[ \t]+$")
#: Words that introduce a person by name: "His name is Trea Turner", "a woman named Lori Kelly".
_NAMED_BEFORE = re.compile(
    r"\b(?:(?:his|her|my|whose|their)[ \t]+(?:full[ \t]+|real[ \t]+)?name[ \t]+(?:is|was)"
    r"|(?:man|woman|boy|girl|guy|teen|teenager|person|student|mother|father)[ \t]+(?:named|called)"
    r"|(?:named|identified)[ \t]+(?:him|her|the[ \t]+(?:victim|man|woman|boy|girl|driver|suspect|dead))[ \t]+as)[ \t]+$",
    re.IGNORECASE,
)
#: Non-person labels whose span may hold a person's name the model misread ("3 - Bixente Lizarazu").
_RETYPE_LABELS = frozenset("ORG GPE LOC FAC CARDINAL PERCENT QUANTITY MONEY DATE TIME ORDINAL".split())
_WORK_LABELS = frozenset(("WORK_OF_ART", "PRODUCT"))  # a name there is a person's only by its context
_RETYPE_OR_WORK_LABELS = _RETYPE_LABELS | _WORK_LABELS
_LISTED_PERSON_LABELS = _WORK_LABELS | {"ORG"}  # a name listed with a person's: :func:`_listed_with_person`
_ORG_OR_END_WORDS = ORG_WORDS | NOT_NAME_ENDS
#: Labels of a span that names a person when it is a notable person's surname (:func:`names.notable_alone`); not
#: ORG: companies bear their founders' names ("Disney", "Goldman").
_NOTABLE_LABELS = frozenset("GPE LOC NORP FAC WORK_OF_ART PRODUCT".split())
_PLACE_LABELS = frozenset("GPE LOC FAC".split())
#: A capitalised word and one space or tab right before a position: a given name before a surname.
_NAME_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[ \t]$")
_TITLED_INSIDE_LABELS = frozenset("ORG GPE LOC FAC WORK_OF_ART PRODUCT".split())  # names, not numbers
_AROUND = " \t-–—:;,.()"  # what may surround a name run inside a model span
#: A personal title and one capitalised word (:func:`_titled_surname`), and the titles it takes.
_TITLE_SURNAME = re.compile(r"([A-Z][a-z]+\.?)[ \t]+([A-Z][a-z]+(?:-[A-Z][a-z]+)?|Mc[A-Z][a-z]+)")
_SURNAME_TITLES = frozenset(
    """mr mrs ms dr sen senator president general gen gov governor rep col colonel lt capt captain sgt sergeant
    adm admiral judge justice ambassador prof professor rev bishop cardinal rabbi imam pastor coach mayor
    sheriff""".split()
)
#: Last words of a body named after a person, which the model may read as the person's name.
_NAMED_AFTER_ENDS = frozenset(
    "initiative scholarship scholarships fellowship fellowships foundation institute fund prize award awards trust medal"
    " school university college academy".split()
)
#: A capitalised word after a name, up to its first non-word character ("Airport" of "Airport's").
_CAP_WORD_AFTER = re.compile(r"[ \t]+([A-Z][\w-]*)")
_DAY_AFTER = re.compile(r"\.?[ \t]+\d")
#: A nickname or initials in brackets, then a surname: " (Pat) Jones", " (A.J.P.) Taylor"; group 1 the bracket's word.
_NICK_BRACKET = re.compile(r"[ \t]\(([A-Z][a-z]+|(?:[A-Z]\.){2,4})\)[ \t]+[A-Z][a-z'’-]+(?:-[A-Z][a-z'’-]+)?\b(?![.'’]?\w)")
_BRACKET_PLACES = frozenset({"U.S.", "U.K.", "U.N.", "E.U."})
_SUFFIX_THEN_WORD = re.compile(r"\b[JS]r\.?[ \t]+[A-Z]")
_LOWER_WORD4 = re.compile(r"\b[a-z]{4,}")
#: Bodies among :data:`NAMED_BODY_ENDS`; the others are places.
_BODY_ORG_ENDS = frozenset("school university college academy institute foundation".split())
_LETTER_STOP = re.compile(r"[A-Z]\.[ \t]+(?=[A-Z])")
_AFFILIATION_BEFORE = re.compile(r"\b(?:at|of)[ \t]+$")
_COMPANY_AFTER = re.compile(r"\s*(?:[+&]|,?\s*(?:Inc|Corp|Co|LLC|Ltd|Group|Holdings|GmbH|AG|SA|plc)\b)")
#: A role, then a name, after a span: the span is the team or firm the person works for ("Houston Rockets guard
#: Jalen Green", "Apple CEO Tim Cook"); kin words and honorifics are left out.
_WORK_ROLES = (PERSON_CUES - KIN_WORDS - {"mr", "mrs", "ms", "dr"}) | frozenset(
    "guard forward center centre owner founder boss star".split()
)
_ROLE_AFTER = re.compile(r"[ \t]+(?:" + "|".join(sorted(_WORK_ROLES)) + r")[ \t]+[A-Z]")
_MODEL_NUMBER = re.compile(r"(?<![\w.,:$€£/-])(?!(?:1[89]|20)\d\d\b)[A-Z]{0,2}-?\d{2,4}[A-Za-z]{0,2}[ \t]+$")
#: A model code after a name, hyphenated or a lone capital ("Mustang Mach-E", "Mustang Mach E SUV",
#: "Tesla Model S"): the name is a product.
_CODE_AFTER = re.compile(r"-[A-Z0-9][A-Za-z0-9]{0,2}(?![\w-])|[ \t][A-Z](?![\w.'’-])")
#: A word mixing letters and digits ("RDR2", "S10", "A320", "ID.4"): a model code.
_MODEL_CODE = re.compile(r"^(?=[\w.]*\d)(?=[\w.]*[^\W\d_])[\w.]+$")
_NUMBER = re.compile(r"\d+")
#: A given name, a nickname of one to four words in double quotes, a surname: 'Roberto "Hands of Stone" Duran'.
_NICKNAME = re.compile(
    r"(?<![\w'’.-])([A-Z][a-z]+(?:-[a-z]{1,6})?)[ \t]+[\"“]([A-Z][\w'’.-]*(?:[ \t]+[\w'’.-]+){0,3})[\"”][ \t]+"
    r"((?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+|-[a-z]{1,6})?)(?![\w'’-])"
)
#: A nickname in quotes between two words of a person's name, with the space before it: double quotes, or single
#: ones around capitalised words ("Dwayne 'The Rock' Johnson"; not the apostrophe of "O'Neill").
_INNER_NICKNAME = re.compile(
    r"(?<=\w)[ \t]+(?:[\"“][^\"“”\n]{1,40}[\"”]|['‘][A-Z][^'‘’\n]{0,38}['’])(?=[ \t]+[A-Z])"
)
_NICKNAME_OPEN = re.compile(r"[ \t][\"“][A-Z]")  # the mark opening the nickname, as in _NICKNAME
_TITLE_OF = re.compile(  # a title heading something: "Director of Product Management", "Minister of Finance"
    r"(?:Director|Head|Chief|Minister|Secretary|Commissioner|Chairman|Chairwoman|Chair|President|Governor|Dean"
    r"|Manager|Editor|Professor)[ \t]+of[ \t]+"
)
_TITLE_OF_BEFORE = re.compile(_TITLE_OF.pattern + "$")  # the title right before the span ("Director of " + ...)
#: Titles of monarchs and popes, before a name that may end in a Roman numeral ("Queen Elizabeth I").
ROYAL_TITLES = frozenset(
    "king queen pope emperor empress tsar czar kaiser sultan shah prince princess".split()
)
_REGNAL = re.compile(r" (?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})(?![\w'’])")
_ADJECTIVE_TITLE = re.compile(r"([A-Z][a-z]+)[ \t]+([A-Za-z-]+)\.?[ \t]+[A-Z]")  # "Belgian King Baudouin"
#: A line break or an opening bracket inside a person span, then a name of two capitalised words or more.
_SPLIT_NAMES = re.compile(r"(?:\n|[ \t]\()((?:[A-Z][\w.'’-]*[ \t]+)+[A-Z][\w.'’-]*)")
_PERSON_OF = re.compile(r"([A-Z][a-z]+(?:[ \t]+[A-Z][a-z'’-]+){1,2})[ \t]+of[ \t]+([A-Z][^\n]*)")
_SAID_BEFORE = re.compile(r"[,!?][”\"’'][ \t]*(?:said|says|added|asked|replied|wrote|continued)[ \t]+$")
#: A team's general manager, athletic director before a name: "Ravens GM Ozzie Newsome".
_ROLE_CODES = frozenset({"GM", "AD"})
_RANK = re.compile(r"\d{1,3}[ \t]+(?=[A-Z])")
#: People grouped around a person: "Trump Supporters", "Sanders Voters" (a headline's plural after a name).
_FOLLOWERS = frozenset(
    "supporter fan voter critic ally loyalist follower rival opponent backer defender admirer hater detractor".split()
)
#: Lower-case words inside a person's name: particles, and joiners ("Ortega y Gasset", "Kengo wa Dondo").
_NAME_JOINERS = PARTICLES | frozenset("do y e wa".split())
_LOWER_WORD = re.compile(r"[ \t]([a-z]+)(?=[ \t]+[A-Z])")  # a lower-case word between two name words
_LEADING_LOWER = re.compile(r"([a-z]+)[ \t]+(?=[A-Z])")  # a lower-case word opening a span, a name word after
_LINE_REACH = 300  # characters either side read to judge a line
_FIRST_WORD = re.compile(r"([^\W\d_][\w.'’-]*)[ \t]+")
_WORD = re.compile(r"[^\W\d_]+")
_CAP_FUNCTION = frozenset(
    "The Of To In For And On At With Is Are As By From A An Be Has Have Will After Over".split()
)
#: The word after a space or tab (the match's first character: a scan that starts with a character class is fast).
_CAP_FUNCTION_WORD = re.compile(r"[ \t](?:" + alternation(sorted(_CAP_FUNCTION)) + r")\b")
#: Particles and a surname after a given name: " ten Hag", " van Dijk", " de la Cruz", " bin Salman".
_PARTICLE_SURNAME = re.compile(
    r"(?:[ \t]+(?:van|von|der|den|ten|ter|da|dos|das|de|del|della|di|du|la|le|bin|ibn|al|el)){1,3}[ \t]+"
    r"([A-Z][a-z][\w'’-]*)\b"
)
#: Titles a person is named by, capitalised before one name ("King Charles", "Pope Francis", "Sheikh Hasina").
_NAMED_BY_TITLE = frozenset(t.capitalize() for t in NAME_TITLES - {"saint", "st", "crown"})
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_NEXT_NAME = re.compile(r"[ \t]+[A-Z][\w'’-]+")
#: An Irish or Italian surname right after a span, not followed by another name word ("Georgia" +
#: " O’Keefe": the model stops at the apostrophe and reads the given name as the place).
_APOSTROPHE_SURNAME = re.compile(r"[ \t]+[A-Z]['’][A-Z][a-z]+\b(?!['’]?[ \t]+[A-Z])")
_PLACE_PREP_BEFORE = re.compile(r"\b(?:at|in|into|near|from|to|via)[ \t]+$", re.I)
_TIME = re.compile(r"\d{1,2}[:.]\d{2}|\b(?:a\.?m|p\.?m)\b\.?", re.I)
_TRAILING_NUMBERS = re.compile(r"(?:\s+[+-]?\d[\d.,:–-]*(?:st|nd|rd|th)?)+$")
_NUMBERISH = re.compile(r"^[\d\s.,:%/$€£-]+(?:B|bn)?$")  # "2,000", "27B" (a model size, billions)
_LEADING_THE = re.compile(r"(?:the|The|THE)\s+")
#: An article the model took into a name: "the Kremlin", "a Democratic House of Representatives" ("A Tribe
#: Called Quest" keeps its capital "A").
_LEADING_ARTICLE = re.compile(r"(?:the|The|THE|an?)\s+(?=\S)")
#: A name the model cut before a year after "of": "the Great Crash of 2008", "the Panic of 1907".
_OF_YEAR = re.compile(r"[ \t]+of[ \t]+[12]\d{3}\b")
_ADJECTIVE_SUFFIX = re.compile(
    r"[^\W\d_]-(?:ian|esque|like|style|era|based|led|backed|born|ish|type|sized|inspired|themed)\b"
)
_INNER_POSSESSIVE = re.compile(r"['’]s[ \t]+(?=[A-Z])")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
#: Characters a page hides inside words ("Netan\u00adyahu": soft hyphen, zero-width spaces, BOM).
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_EDGE_PUNCT = " \t\r\n\"'“”‘’`.,;:!?()[]{}<>|*-–—_"

# Regions whose content never yields entities.
_BYLINE = re.compile(
    r"(?m)^[ \t]*[Bb]y[ \t]+[A-Z][^\n]{0,100}(?<![.!?\"”])[ \t]*$"  # "By Friday, ... ." is prose
    # a posting time, then the author ends the line: "September 10, 2011 at 1:06 PM ET by Katelyn Sabochik"
    r"|^[^\n]{0,60}(?:\d|\b[AP]M|\b[ECMP][SD]?T)[ \t]+by[ \t]+(?:[A-Z][\w.'’-]*[ \t]*){1,4}$"
    # a teaser's author and numeric date: "... a Pennsylvania Republican. By Steven Shepard 10/04/16 05:07 AM EDT"
    r"|\bBy[ \t]+(?:[A-Z][\w.'’-]*[ \t]+){1,4}\d{1,2}/\d{1,2}/\d{2,4}\b[^\n]{0,30}$"
    # names only, then the date: "By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m."
    r"|^[ \t]*By(?:[ \t]*(?:[A-Z][\w.'’-]*|,|&|and))+[ \t]+(?:on|at|updated|published|posted)\b[^\n]{0,80}$"
    # names only, then a colon or a dateline in capitals: "By Aaron Humes: The Americas ...", "By Alex
    # Dobuzinskis LOS ANGELES (Reuters) -"
    r"|^[ \t]*By[ \t]+(?:[A-Z](?:[a-z][\w'’-]*|\.)[ \t]+){0,3}[A-Z][a-z][\w'’-]*(?=[ \t]*:|[ \t]+[A-Z]{2,}\b)"
)
#: A posting line naming the authors ("Posted by Nathan Parker, Varun Khaneja and Kiran C Nair - Chrome team",
#: "Written by: Kimberly White"): the names only, what follows on the line is text; not a sentence's opening
#: participle ("Written by Sally Rooney, the novel sold").
_POSTED_BY = re.compile(
    r"(?m)^[ \t]*(?:Posted|Written)[ \t]+by:?[ \t]+(?>[A-Z][\w.'’-]*"
    r"(?:(?:,[ \t]*|[ \t]+(?:and|&)[ \t]+|[ \t]+)[A-Z][\w.'’-]*){0,15})"
    r"(?![ \t]*,[ \t]*(?:the|a|an|this|his|her|its|their)[ \t])"  # "Written by Sally Rooney, the novel ...": prose
)
#: A photo credit ("Photo: Jane Doe/AP", "Image by ...", "Photo courtesy of Jane Doe", "© Jane Doe"; not "courtesy of"
#: alone: "the goal came courtesy of Harry Kane" names the scorer; not after an article or a demonstrative: "The photo
#: by Annie Leibovitz was sold" is prose); not a caption's sentence after the label ("Header
#: Image: People have lived in Ecuador's Amazon ...": a capitalised word, then two lower-case words), nor one
#: after the credit on its line ("Photo: Jane Smith/Reuters. The minister, Andrew Holness, ...").
_CREDIT = re.compile(
    r"(?i)(?:\b(?<!\bthe )(?<!\ba )(?<!\bthis )(?<!\bthat )(?:photo(?:graph|graphy)?s?|images?|pictures?|pics?|video|illustration)"
    r"(?:\s+(?:credits?|composite|montage|collage|illustration))?"
    r"(?:\s*(?:\bby\b|:|©)|\s[-–—]\s|\s+courtesy(?:\s+of)?\b)|\b(?:credit|courtesy)\s*(?::|©)|©)"
    r"(?!(?-i:[ \t]*[A-Z][a-z'’-]*(?:[ \t]+(?!(?:of|via|for|and|by|images?|photos?)\b)[a-z]+){2}\b))"  # a caption
    r"(?:[^\n.]|\.(?!(?-i:[ \t]+[A-Z][a-z]+[ \t]+[a-z]))){0,80}"  # up to a sentence after it ("... /Reuters. The minister")
)
#: A contributors' line ("Contributing: Liz Szabo, Michael Winter, Associated Press.") and a bracketed list of
#: image credits ("[Top Image: Creativa, ..., Dorm Room: Vasin Lee, Readers: Kyle Wagner]"): credits throughout.
_CREDIT_LIST = re.compile(
    r"(?im)^[ \t]*(?:contributing|contributors|additional reporting)[ \t]*:[^\n]*"
    r"|\[[^\[\]\n]{0,300}\b(?:image|photo|picture)s?[ \t]*:[^\[\]\n]{0,400}\]"
)
#: A book excerpt's credit line ("From the book The Great Democracy by Ganesh Sitaraman. Copyright © 2019 by Ganesh
#: Sitaraman. Reprinted by permission of Basic Books"; "Excerpted from ... by ..."): the whole line.
_BOOK_CREDIT = re.compile(
    r"(?im)^[ \t]*(?:(?:excerpted|adapted|reprinted) (?:with permission )?from|from the (?:new )?book)\b[^\n]*"
    r"|\bcopyright[ \t]*(?:©|\(c\))?[ \t]*(?:19|20)\d\d[ \t]+by\b[^\n]*"
)
#: A caption's credit of a name after the bare word, at the caption's end ("... at the Department of
#: Health.....Picture Colin Keegan, Collins Dublin").
_CREDIT_BARE = re.compile(r"(?m)\b(?:Picture|Pic|Photo)[ \t]+[A-Z][\w'’-]+[ \t]+[A-Z][\w'’-]+(?:,[^\n.!?]{0,40})?$")
_CREDIT_PAREN = re.compile(
    r"\([^()\n]{0,40}?\b(?:Photo|Image|Credit|Getty|Reuters|AFP|AP|EPA)\b[^()\n]{0,40}?\)"
)
_SLASH_CHAIN = re.compile(  # parts of at most six words: linear on long runs of capitalised words
    r"[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,5}(?:[ \t]*/[ \t]*[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,5})+"
)
_STAFF = re.compile(  # a credit opens its line, a bracket or a clause: not "The album, produced by Rick Rubin, was"
    r"(?im)(?:^|(?<=[(\[;.!?])|(?<=[(\[;.!?][ \t]))[ \t]*(?:with[ \t]+|additional[ \t]+)?"
    r"(?:reporting|writing|editing|compiled|produced|(?:editing|reporting|writing) and production)"
    r" by\b[^\n]*"
    r"|\b(?:blog post|post|article|column) by\b[^\n.!?]{0,80}"  # "Read this blog post by X on Signal Strength."
)
_STAFF_LINE = re.compile(
    r"(?im)^[^\n]{0,150}\b(?:writers?|correspondents?|reporters?)\b[^\n]{0,80}\b(?:contributed|reported from)\b"
    r"[^\n]{0,80}$|^[^\n]{0,200}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b[^\n]{0,20}$"
    r"|^[^\n]{0,200}\bcontributed (?:reporting|research)\b[^\n]{0,40}$"  # "X and Y contributed reporting."
)
#: An author's contact line: an e-mail address or a phone number after "contact", "e-mail", "reach" ... "at" or "can be
#: reached at" ("Contact reporter Jane Smith at jsmith@example.com.", "Jane Smith can be reached at 555-1234.").
_CONTACT_LINE = re.compile(
    r"(?im)^(?:[ \t]*(?:please[ \t]+)?(?:contact|e-?mail|reach)\b|[^\n]{0,60}\b(?:can|may)[ \t]+be[ \t]+"
    r"(?:reached|contacted)\b)[^\n]{0,80}\bat\b[^\n]{0,30}"
    r"(?:[\w.+-]+@[\w-]+\.[\w.]+|(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4})[^\n]{0,40}$"
)
_PROMO = re.compile(
    r"(?im)^[ \t]*on (?:twitter|facebook|instagram)[ \t]*:[ \t]*follow\b[^\n]{0,240}$"  # "On Twitter: Follow Wendy Koch"
    r"|^[ \t]*(?:follow|like|subscribe to|listen to|watch|sign up|download|join)\b[^\n]{0,120}"
    r"\b(?:twitter|facebook|instagram|youtube|tiktok|newsletter|podcast|app|whatsapp|telegram)\b[^\n]{0,120}$"
)
#: A name with its role in a credit ("by Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)").
_ROLE_CREDIT = re.compile(
    r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]*\((?:reporting|photography|photos?|pictures|video|words"
    r"|text|illustrations?|graphics|design|editing)\)"
)
_AGENCY_IMAGES = re.compile(r"\b(?:Getty Images|AP Photo|EPA-EFE|Shutterstock|File Photo|AFP Photo)\b")
#: An author's note of one line: a name, then what the author does for the outlet ("Ashley Stewart covers
#: technology and finance for the Puget Sound Business Journal.", "Robert Powell is editor of ...").
_AUTHOR_NOTE = re.compile(
    r"(?m)^[ \t]*((?:[A-Z][\w.'’-]*[ \t]+){1,3}([A-Z][\w'’-]+))[ \t]+(?:covers|reports on|writes (?:about|for|on)"
    r"|is (?:a |an |the )?(?:[\w'’-]+[ \t]+){0,3}?(?:editor|reporter|writer|correspondent|columnist|contributor)s?"
    r"(?:[ \t]+(?:of|for|at|with)\b|\.))[^\n]{0,300}$"  # "... is the Forward’s contributing network editor."
)
#: Junk patterns, each with strings one of which every match holds (lower case for a case-blind pattern; () =
#: scanned throughout). No match of a pattern with strings crosses a line break, but those of :data:`_NEEDLE_LED`:
#: only the lines holding the strings are scanned (:func:`_line_matches`).
_JUNK_PATTERNS: tuple[tuple[re.Pattern, tuple[str, ...]], ...] = (
    (_BYLINE, ("By", "by")),
    (_POSTED_BY, ("Posted by", "Written by")),
    (_CREDIT, ("photo", "image", "pic", "video", "illustration", "credit", "courtesy", "©")),
    (_CREDIT_LIST, ("contributing", "contributors", "additional reporting", "[")),
    (_CREDIT_BARE, ("Picture ", "Pic ", "Photo ")),
    (_BOOK_CREDIT, ("excerpted", "adapted", "reprinted", "from the", "copyright")),
    (_CREDIT_PAREN, ()),
    (_SLASH_CHAIN, ("/",)),
    (
        _STAFF,
        (
            "reporting by",
            "writing by",
            "editing by",
            "compiled by",
            "produced by",
            "production by",
            "post by",
            "article by",
            "column by",
        ),
    ),
    (_STAFF_LINE, ("contributed", "reported from")),
    (_CONTACT_LINE, ("contact", "mail", "reach")),
    (_AGENCY_IMAGES, ("Getty Images", "AP Photo", "EPA-EFE", "Shutterstock", "File Photo", "AFP Photo")),
    (_PROMO, ()),
    (
        _ROLE_CREDIT,
        ("(reporting)", "(photo", "(pictures)", "(video)", "(words)", "(text)", "(illustration", "(graphics)")
        + ("(design)", "(editing)"),
    ),
)
#: Junk patterns every match of which opens with one of their strings: scanned only where those stand
#: (:func:`_matches_at`), not at every offset (a pattern opening with ``\b`` and a word list is slow to scan).
_NEEDLE_LED = frozenset({_CREDIT})
#: Letters a case-blind pattern matches beside ASCII ones ("ſ" as "s", Kelvin sign as "k", dotted/dotless i).
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")


@dataclass(frozen=True)
class RawMention:
    """One cleaned mention: offsets into the annotated text, surface text, our type."""

    start: int
    end: int
    text: str
    type: str
    label: str = ""


def junk_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` holding bylines, photo credits, staff credits and promo
    lines ("Follow Newsbeat on Instagram, Facebook and Twitter").

    Input: the annotated text. Output: sorted (start, end) pairs. Never raises.
    """
    regions: list[tuple[int, int]] = []
    lower = text.lower()
    blind_ok = len(lower) == len(text) and _ODD_CASE.search(text) is None  # lower holds what case-blind ones match
    for pattern, needles in _JUNK_PATTERNS:
        blind = bool(pattern.flags & re.IGNORECASE)
        if not needles or (blind and not blind_ok):
            matches: Iterable[re.Match] = pattern.finditer(text)
        elif pattern in _NEEDLE_LED:
            matches = _matches_at(pattern, text, lower if blind else text, needles)
        else:
            matches = _line_matches(pattern, text, lower if blind else text, needles)
        regions.extend(m.span() for m in matches)
    regions.extend(_author_notes(text))
    return sorted(regions)


def _matches_at(pattern: re.Pattern, text: str, hay: str, needles: tuple[str, ...]) -> Iterator[re.Match]:
    r"""``pattern.finditer(text)`` for a pattern every match of which opens with one of ``needles``
    (:data:`_NEEDLE_LED`, the kin words of :data:`_KIN_BEFORE`), trying only where they stand in ``hay`` (``text``, or for a case-blind pattern ``text``
    in lower case, the same length, none of the letters of :data:`_ODD_CASE`): a pattern that opens with ``\b`` and
    a word list is slow to scan."""
    end = 0
    for at in sorted({at for needle in needles for at in offsets(hay, needle)}):
        if at >= end and (m := pattern.match(text, at)) is not None:
            end = m.end()
            yield m


def _line_matches(pattern: re.Pattern, text: str, hay: str, needles: tuple[str, ...]) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for a pattern no match of which crosses a line break and every match of which
    holds one of ``needles``: scanned only on the lines where they stand in ``hay`` (as for :func:`_matches_at`),
    each line once. A bylines' pattern tried at every offset of a long text costs more than finding its few lines."""
    ahead = {needle: hay.find(needle) for needle in needles}  # each needle's next offset, -1 past its last
    pos = 0  # where the next line opens
    while found := [at for at in ahead.values() if at >= 0]:
        at = min(found)
        start = hay.rfind("\n", pos, at) + 1 or pos
        end = hay.find("\n", at)
        end = len(hay) if end < 0 else end
        yield from pattern.finditer(text, start, end)
        pos = end + 1
        ahead = {needle: hay.find(needle, pos) if 0 <= at < pos else at for needle, at in ahead.items()}


def _author_notes(text: str) -> list[tuple[int, int]]:
    """Lines of :data:`_AUTHOR_NOTE` whose surname the text names nowhere else: the author's note at the
    end of a story, not a sentence about a journalist the story is about."""
    out = []
    for m in _AUTHOR_NOTE.finditer(text):
        if len(re.findall(rf"\b{re.escape(m.group(2))}\b", text)) == 1:
            out.append(m.span())
    return out


def in_regions(start: int, end: int, regions: Sequence[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps any region."""
    return any(s < end and start < e for s, e in regions)


class Covered:
    """Character ranges of a text already taken (mentions, credits): overlap tests in C time,
    so rules stay linear on 200,000-character results tables."""

    def __init__(self, size: int, spans: Iterable[tuple[int, int]] = ()):
        self._mask = mask = bytearray(size + 1)
        for start, end in spans:  # add() inlined, without max() and min() calls: every mention of a text
            start = start if start > 0 else 0
            end = end if end < size + 1 else size + 1
            if end > start:
                mask[start:end] = b"\x01" * (end - start)

    def add(self, start: int, end: int) -> None:
        """Mark [start, end) as taken."""
        start, end = max(0, start), min(len(self._mask), end)
        if end > start:
            self._mask[start:end] = b"\x01" * (end - start)

    def hits(self, start: int, end: int) -> bool:
        """True when any character of [start, end) is taken."""
        return self._mask.find(1, start if start > 0 else 0, end if end > 0 else 0) >= 0  # faster than max()


def doc_mentions(
    doc,
    regions: list[tuple[int, int]],
    text: str | None = None,
    places: frozenset[str] = frozenset(),
    organizations: frozenset[str] = frozenset(),
    kin: Iterable[tuple[int, int]] = (),
) -> list[RawMention]:
    """Cleaned, junk-filtered mentions of persons, organizations, locations, events in ``doc``.

    Input: a spaCy Doc with ``ents``, the junk regions of its text (and the text itself,
    to save rebuilding it from the tokens). Output: RawMention list in text order;
    offsets point at the cleaned surface form. Besides the model's entities: a span it
    labelled otherwise that is a person's name by its shape ("Guy Forget (France)" as
    ORG), names after a title and name-shaped runs it missed (:mod:`etl.annotate.names`).
    ``places``: lower-case one-word place/organization names (alias table) that end no
    person's name inside a span the model saw as a place ("S. Korea"). ``organizations``:
    lower-case one-word organization names (alias table): a group label (NORP) equal to one
    names that organization ("Democrats", "Tories"), other NORP spans are adjectives. ``kin``: the spans of
    :func:`kin_items` of the text; those the model missed become persons (:func:`kin_names`).
    """
    out: list[RawMention] = []
    covered = 0
    text = doc.text if text is None else text  # doc.text is rebuilt from tokens on each access
    junk = Covered(len(text), regions)
    spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    spans = [(s, e, _party(text, s, e, organizations) if label == "NORP" else label) for s, e, label in spans]
    spans = _aged_surnames(text, _listed_with_person(text, _joined_persons(text, spans, places), places))
    spans = _joined_person_spans(text, spans)
    not_last = _with_name_ends(places)
    for span in [part for whole in spans for part in _split_span(text, whole)]:
        if span[0] < covered or junk.hits(span[0], span[1]):
            continue
        mention = _ent_mention(text, span, places, not_last)
        if mention is not None and mention.start < covered <= span[0] and _grown_over_full_name(mention, out):
            # grown back over the name before ("Sarah Jessica Parker" + "Matthew Broderick"): the model's start
            mention = replace(mention, start=span[0], text=text[span[0] : mention.end])
        if mention is not None:
            covered = max(span[1], mention.end)
            out.append(mention)
    out += titled_names(text, out, regions, places)
    out += kin_names(kin, out, regions, text)
    out += speaking_words(text, regions + [(s, e) for s, e, _ in spans] + [(m.start, m.end) for m in out], places)
    if shared := _shared_surname_names(text, out, places):
        out = [m for m in out if not in_regions(m.start, m.end, [(n.start, n.end) for n in shared])] + shared
    if nicknamed := [m for m in _nicknamed(text) if not junk.hits(m.start, m.end)]:
        spans_of = [(n.start, n.end) for n in nicknamed]
        out = [m for m in out if not in_regions(m.start, m.end, spans_of)] + nicknamed
    seen = [(start, end) for start, end, _ in spans] + [(m.start, m.end) for m in out]
    return sorted(out + shape_mentions(text, regions + seen), key=lambda m: m.start)


def _grown_over_full_name(mention: RawMention, out: list[RawMention]) -> bool:
    """True when the person ``mention`` starts inside the last mention of ``out``, a person's full name: its
    growth by given names ran back over that name ("Sarah Jessica Parker" + "Matthew Broderick"; not "Jan" (a
    date) + "Allan Mueller")."""
    last = out[-1] if out else None
    return mention.type == "person" and last is not None and last.type == "person" and " " in last.text


#: A given name, then "and" or "&", ending right before a person's full name: "Noel and " of "Noel and Liam Gallagher".
_SHARED_GIVEN = re.compile(r"\b([A-Z][a-z]+)[ \t]+(?:and|&)[ \t]+$")
#: A capitalised word (or a title's abbreviation) and a space ending a text: a given name after it is a longer name's end.
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w.'’-]*[ \t]+$")
#: A lower-case word or a comma and a space ending a text: a capitalised word after it is a name's.
_LOWER_BEFORE = re.compile(r"(?:\b[a-z]+|,)[ \t]+$")


def _shared_surname_names(text: str, found: list[RawMention], places: frozenset[str]) -> list[RawMention]:
    """Person mentions for a given name joined by "and" or "&" to a two-word person's name whose surname it shares:
    "Noel and Liam Gallagher" gives "Noel Gallagher" (at the offsets of "Noel"), "Venus and Serena Williams" "Venus
    Williams". A given name that is also an English word counts only after a lower-case word ("brothers Mark and
    Scott Kelly"). Not when a capitalised word or title stands before the given name ("Prince William and Kate
    Middleton"), the text names someone else by it ("Elizabeth Warren ... Warren and Bernie Sanders", "Johnny Manziel
    ... staring at Johnny and Zack Martin") or it is one of
    ``places`` (the alias table's lower-case one-word names) or read as a place ("Officials in Austin and Mark Cuban").

    Input: the annotated text, its mentions so far and ``places``. Output: the new mentions (label ``NAME``). Never raises."""
    out = []
    for m in found:
        if m.type != "person" or not (text.endswith("and ", 0, m.start) or text.endswith("& ", 0, m.start)):
            continue  # the common case: no "and" right before a person's name
        words = m.text.split()
        given = _SHARED_GIVEN.search(text, max(0, m.start - 30), m.start)
        if len(words) != 2 or given is None or _CAPITALISED_BEFORE.search(text, max(0, given.start() - 30), given.start()):
            continue
        inside = _LOWER_BEFORE.search(text, max(0, given.start() - 30), given.start()) is not None
        if given.group(1).lower() in places or any(p.start == given.start(1) and p.type == "location" for p in found):
            continue  # "Officials in Austin (GPE) and Mark Cuban"
        if not names.is_given(given.group(1), strict=not inside):
            continue  # a sentence's first word must be no English word too ("Will and Grace Adler")
        if re.search(rf"[A-Z][a-z]+[ \t]+{given.group(1)}\b|\b{given.group(1)}[ \t]+[A-Z]", text):
            continue  # "Elizabeth Warren", "Johnny Manziel": someone else's name holds it
        out.append(RawMention(given.start(1), given.end(1), f"{given.group(1)} {words[1]}", "person", "NAME"))
    return out


def _joined_person_spans(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` with two person spans of two words or more each, one space apart on a line that is no Title Case
    headline, joined into one: the model cut a long name in two ("Carrie Lam" + "Cheng Yuet-ngor", "Zine
    al-Abidine" + "Ben Ali"); not single words ("Trump Biden Debate")."""
    if not any(a[2] == b[2] == "PERSON" and b[0] == a[1] + 1 for a, b in zip(spans, spans[1:], strict=False)):
        return spans  # the common case: no two person spans one character apart
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out and _one_name(text, out[-1], span):
            out[-1] = (out[-1][0], span[1], "PERSON")
        else:
            out.append(span)
    return out


def _one_name(text: str, first: tuple[int, int, str], second: tuple[int, int, str]) -> bool:
    """True for two PERSON spans of two or more words each, one space between, five words at most together, no
    role word among them ("Baark Volunteer Coordinator" + "Bonnie Young"), not both opening with a listed given name
    ("Elizabeth Warren" + "Bernie Sanders", "Sarah Jessica Parker" + "Matthew Broderick": two names), not in a Title
    Case line (:func:`_joined_person_spans`)."""
    if first[2] != "PERSON" or second[2] != "PERSON" or second[0] != first[1] + 1 or text[first[1]] != " ":
        return False  # the common case
    words = text[first[0] : second[1]].split()
    if any(w.lower() in ROLE_END_WORDS or w.lower() in ROLES for w in words):
        return False  # "says Baark Volunteer Coordinator" + "Bonnie Young": a role, then the name
    second_first = text[second[0] : second[1]].split(" ", 1)[0]
    if names.is_given(words[0], strict=True) and names.is_given(second_first, strict=True):
        return False  # "Elizabeth Warren" + "Bernie Sanders": two full names, a comma left out
    return (
        " " in text[first[0] : first[1]]
        and " " in text[second[0] : second[1]]
        and len(words) <= 5
        and not _in_title_case_line(text, first[0])
    )


def _split_span(text: str, span: tuple[int, int, str]) -> list[tuple[int, int, str]]:
    """A person span the model ran on, split into its names: a headline's names run into its other words
    (:func:`_names_in_run`: "Jennifer Lopez Dating Alex Rodriguez"), a name run into a new sentence at a
    capitalised determiner (``_DETERMINER_INSIDE``: "Romney Some Trump" -> "Romney"), two names across a line
    break or into a bracket: "Celine Dion\nSteve Wynn" (two list items), "Newt Scamander (Eddie Redmayne" (a
    character, then its actor; the second part counts only as two capitalised words or more). An organization
    span opening with a person's name and "of" is split by :func:`_person_of_org`; else the span is left whole."""
    start, end, label = span
    if label == "ORG":
        return _person_of_org(text, span)
    if label != "PERSON":
        return [span]
    if names_in_run := _names_in_run(text, start, end):
        return names_in_run
    if (cut := _DETERMINER_INSIDE.search(text, start, end)) is not None:
        return [(start, cut.start(), label)]  # "Romney Some Trump loyalists": a new sentence's determiner
    if text.count(" ", start, end) >= 3 and (second := _second_full_name(text, start, end)) is not None:
        return [(start, second - 1, label), (second, end, label)]  # "Donald Trump Melania Trump": two full names
    m = _SPLIT_NAMES.search(text, start, end)
    if m is None or m.end() != end:
        return [span]
    return [(start, m.start(), label), (m.start(1), end, label)]


def _second_full_name(text: str, start: int, end: int) -> int | None:
    """Start of a second full name inside the person span ``text[start:end]`` of four words or more, one space
    between words: a listed given name (strict) after a capitalised word no given name (a surname) that a given
    name precedes, two words at least from the cut on ("Donald Trump Melania Trump", "Joe Biden Kamala Harris"
    joined from two spans); None for one long name ("Zine al-Abidine Ben Ali", "Jose Maria Aznar Lopez", "Mary
    Kate Olsen")."""
    words = text[start:end].split(" ")
    for i in range(2, len(words) - 1):
        before = words[i - 1]
        if (
            names.is_given(words[i], strict=True)
            and before[:1].isupper()
            and before.isalpha()
            and not names.is_given(before, strict=False)
            and any(names.is_given(w, strict=False) for w in words[: i - 1])
        ):
            return start + len(" ".join(words[:i])) + 1
    return None


_RUN_WORD = re.compile(r"\S+")
#: A capitalised determiner inside a person span opens a new sentence the model ran the name into: "Romney Some
#: Trump" ("... re: Romney Some Trump loyalists warn ..."); no name holds one.
_DETERMINER_INSIDE = re.compile(
    r"(?<=\w)[ \t]+(?:Some|Many|Most|Several|Both|Each|Every|Few|These|Those)[ \t]+(?=[A-Z])"
)


def _names_in_run(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The names inside a person span of three words or more that runs a headline's names into its other
    words ("Jennifer Lopez Dating", "Robert Herjavec Dating Kym Johnson", "Kanye West Slams Taylor Swift
    Again Over Famous Video"): each a given name and the word after it that the text writes elsewhere with
    its capital (:func:`_named_elsewhere`: "Lopez said", no "lopez"), every other word a lower-case English
    word named nowhere else and no given name unless a word too ("Over"), none just before or after a name.
    [] when the span is no such run (a name of three words: "Helena Bonham Carter", "Martin Luther King
    Day", "Miguel Angel Martin"), or holds one name and nothing else."""
    matches = list(_RUN_WORD.finditer(text, start, end))
    words, at = [w.group() for w in matches], [w.start() for w in matches]
    found: list[tuple[int, int, str]] = []
    others, i = 0, 0
    while len(words) >= 3 and i < len(words):
        if i + 1 < len(words) and _given(words[i]) and _named_elsewhere(text, words[i + 1], start, end):
            if i and _given(words[i - 1]) and not _ends_at(found, at[i - 1] + len(words[i - 1])):
                return []  # "Martin Luther King Day": the given name before is the name's
            found.append((at[i], at[i + 1] + len(words[i + 1]), "PERSON"))
            i += 2
        elif _plain_word(words[i]) and not _named_elsewhere(text, words[i], start, end):
            if i and _ends_at(found, at[i - 1] + len(words[i - 1])) and _given(words[i]):
                return []  # "Miguel Angel Martin": a given name right after a name is its surname
            others += 1
            i += 1
        else:
            return []
    return found if found and (others or len(found) > 1) else []


def _ends_at(found: list[tuple[int, int, str]], end: int) -> bool:
    return bool(found) and found[-1][1] == end


def _given(word: str) -> bool:
    return names.is_given(word, strict=False) or names.rare_given(word)


def _plain_word(word: str) -> bool:
    """A lower-case English word, no given name unless a word too ("Over", "Will")."""
    return word.isalpha() and word.lower() in english_words() and not names.is_given(word, strict=True)


def _named_elsewhere(text: str, word: str, start: int, end: int) -> bool:
    """The capitalised ``word`` stands with its capital outside ``text[start:end]`` too, and nowhere in lower
    case ("Swift said"; not "The", "Over")."""
    if not word[:1].isupper() or not word.isalpha():
        return False
    hay = text.lower()
    if word.isascii() and len(hay) == len(text):  # str.find in lower case: no pattern compiled and run per word
        hits = [at for at in _word_offsets(hay, word.lower()) if not start <= at < end]
    else:  # other letters, or a lower case of another length ("İ"): case-blind matching by the regex
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", re.IGNORECASE)
        hits = [hit.start() for hit in pattern.finditer(text) if not start <= hit.start() < end]
    return bool(hits) and all(text[at].isupper() for at in hits)


def _word_offsets(hay: str, word: str) -> list[int]:
    """Offsets of ``word`` (ASCII letters) in ``hay`` as a whole word: no letter, digit, "_", apostrophe or
    hyphen before it, no letter, digit, "_" or hyphen after it."""
    out = []
    for at in offsets(hay, word):
        before, after = hay[at - 1 : at] if at else "", hay[at + len(word) : at + len(word) + 1]
        if not (before and (before.isalnum() or before in "_'’-")) and not (after and (after.isalnum() or after in "_-")):
            out.append(at)
    return out


def _person_of_org(text: str, span: tuple[int, int, str]) -> list[tuple[int, int, str]]:
    """An organization span that opens with a person's full name and "of" split in the person and the
    organization: "reported Alexandra Olgin of South Carolina Public Radio" (one ORG). The name is two or three
    capitalised words, a listed given name first and no English word last ("Bank of America", "Catherine of
    Aragon", "Sisters of Mercy" stay whole)."""
    start, end, _ = span
    m = _PERSON_OF.match(text, start, end)
    if m is None or m.end() != end:
        return [span]
    words = m.group(1).split()
    if words[-1].lower() in english_words():
        return [span]
    if not names.is_given(words[0], strict=True) and not _NAMED_BEFORE.search(text, max(0, start - 40), start):
        return [span]  # an unlisted given name: "Police named the victim as Tevita Fifita of Nuku'alofa"
    return [(start, m.end(1), "PERSON"), (m.start(2), end, "ORG")]


@functools.lru_cache(maxsize=4)
def _with_name_ends(places: frozenset[str]) -> frozenset[str]:
    """``NOT_NAME_ENDS | places``, memoised: ``places`` is the alias table's set of some 2,500 words, the same
    for every document, and the union costs a fifth of a millisecond."""
    return NOT_NAME_ENDS | places


def _nicknamed(text: str) -> list[RawMention]:
    """Names with a nickname in quotes between the given name and the surname ('Roberto "Hands of Stone" Duran',
    'Hector "Macho" Camacho'): the model reads the parts as other things or nothing. Each is a person named
    by its given name and surname (the mention spans the nickname); the given name is one the list knows, the
    surname no English word ('Said "Yes" Then')."""
    out: list[RawMention] = []
    if '"' not in text and "“" not in text:
        return out
    english = names.english_words()
    for m in _nickname_matches(text):
        if _nicknamed_person(m.group(1), m.group(3), english):
            out.append(RawMention(m.start(), m.end(), f"{m.group(1)} {m.group(3)}", "person", "NAME"))
    return out


def _nicknamed_person(first: str, last: str, english: frozenset[str]) -> bool:
    """True when the words around a nickname make a person's name: a listed given name and a surname that is no
    English word, or a romanised name in either order ('Kim "Faker" Sang-hyeok', 'Ji-hoon "Robin" Kim')."""
    if romanised.given_shape(last) or romanised.given_shape(first):
        return romanised.is_name(f"{first} {last}")
    surname = last.lower()
    return names.is_given(first, strict=False) and surname not in NOT_NAME_ENDS and surname not in english


def _nickname_matches(text: str) -> Iterator[re.Match]:
    """``_NICKNAME.finditer(text)``, tried only at the given name before an opening mark after a space and
    before a capital (:data:`_NICKNAME_OPEN`): a scan that opens with a look-behind is slow."""
    end = 0
    for mark in _NICKNAME_OPEN.finditer(text):
        start = mark.start()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        while start > 0 and "a" <= text[start - 1] <= "z":
            start -= 1
        if text[start - 1 : start] == "-":  # a romanised given name: "Ji-hoon"
            start -= 1
            while start > 0 and "a" <= text[start - 1] <= "z":
                start -= 1
        start -= 1  # the given name's capital
        if start >= end and (m := _NICKNAME.match(text, start)) is not None:
            end = m.end()
            yield m


#: After a name that an age adjective opens, a verb or a clause's end: the name heads its noun phrase ("The
#: 38-year-old Applewhite had been"; not "the 20-year-old Norwich striker").
_AFTER_AGED = re.compile(
    r"[ \t]*[,.;:!?)]|[ \t]+(?:[a-z]+ed|was|is|has|had|have|will|would|could|can|said|says|told|who|and|scored|won|"
    r"became|made|took|left|spent|joined|signed|faces|faced|played|plays|gets|got)\b"
)
#: What joins two items of a list: "Benj Pasek and Justin Paul", "Pasek, Paul and ...".
_LIST_JOINTS = frozenset({" and ", ", ", ", and "})
_JOINT_LENGTHS = frozenset(len(j) for j in _LIST_JOINTS)


def _listed_with_person(
    text: str, spans: list[tuple[int, int, str]], places: frozenset[str]
) -> list[tuple[int, int, str]]:
    """``spans`` with a name of two or three words read as a work, a product or an organization relabelled PERSON
    where a list joins it to a person's name whose first word is a strict given name ("our lyricists Benj Pasek
    (WORK_OF_ART) and Justin Paul", "Emma Stone and Willem Dafoe" (ORG); :func:`_person_shaped`); not "Goldman
    Sachs and Morgan Stanley" (both ORG), "Taylor Swift and Sony Music"."""
    out = list(spans)
    for i in range(len(spans) - 1):
        gap = spans[i + 1][0] - spans[i][1]  # the common case: no list joint's length
        if gap not in _JOINT_LENGTHS or text[spans[i][1] : spans[i + 1][0]] not in _LIST_JOINTS:
            continue
        person, other = (i, i + 1) if spans[i][2] == "PERSON" else (i + 1, i)
        (ps, pe, plabel), (xs, xe, xlabel) = spans[person], spans[other]
        if (
            plabel == "PERSON"
            and xlabel in _LISTED_PERSON_LABELS
            and names.is_given(text[ps:pe].split()[0], strict=True)
            and _person_shaped(text[xs:xe], places, given=xlabel == "ORG")
        ):
            out[other] = (xs, xe, "PERSON")
    return out


def _joined_persons(
    text: str, spans: list[tuple[int, int, str]], places: frozenset[str]
) -> list[tuple[int, int, str]]:
    """``spans`` with a span read as an organization, a work or a product that holds two names of a person's shape
    opening with a listed given name joined by one "and" split in two person spans (CoNLL "Laurent Cabannes and
    Laurent Benezech" (ORG); :func:`_person_shaped`); not "Procter and Gamble", "Highland Capital Partners and
    Technology Crossover Ventures"."""
    if not any(label in _LISTED_PERSON_LABELS and text.find(" and ", s, e) >= 0 for s, e, label in spans):
        return spans  # the common case
    out = []
    for start, end, label in spans:
        cut = text.find(" and ", start, end) if label in _LISTED_PERSON_LABELS else -1
        if (
            cut < 0
            or text.find(" and ", cut + 5, end) >= 0
            or not _person_shaped(text[start:cut], places, given=True)
            or not _person_shaped(text[cut + 5 : end], places, given=True)
        ):
            out.append((start, end, label))
            continue
        out += [(start, cut, "PERSON"), (cut + 5, end, "PERSON")]
    return out


def _person_shaped(name: str, places: frozenset[str], *, given: bool) -> bool:
    """True for two or three capitalised words, no organization, place or name-ending word among them nor a one-word
    name of the alias table (``places``), that open with a listed given name or hold no English word ("Benj Pasek";
    not "Sony Music", "Blue Origin", "Royal Mail"); ``given``: only the former (an organization's name: "Rio
    Tinto")."""
    words = name.split()
    if not (2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].isalpha() and w[1:].islower() for w in words)):
        return False
    if any(w.lower() in _ORG_OR_END_WORDS or w.lower() in places for w in words):
        return False
    known = english_words()
    return names.is_given(words[0], strict=False) or not given and all(w.lower() not in known for w in words)


def _aged_surnames(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` with a one-word group label (NORP) after an age adjective relabelled PERSON where the model reads
    the same word as a person's name, or its last word, elsewhere ("Major Applewhite" (PERSON) ... "The 38-year-old
    Applewhite" (NORP) had been": a surname the model takes for a demonym there; not "the 31-year-old Texan")."""
    groups = [i for i, (s, e, label) in enumerate(spans) if label == "NORP" and text.endswith("-year-old ", 0, s)]
    if not groups:  # the common case
        return spans
    surnames = {text[s:e].split()[-1] for s, e, label in spans if label == "PERSON"}
    out = list(spans)
    for i in groups:
        start, end, _ = spans[i]
        if text[start:end] in surnames and aged(text, start, end):
            out[i] = (start, end, "PERSON")
    return out


def _party(text: str, start: int, end: int, organizations: frozenset[str]) -> str:
    """The label of a group entity (NORP) ``text[start:end]``: ORG when the alias table knows it as an
    organization ("Democrats", "Tories": parties named as a noun), else NORP."""
    return "ORG" if text[start:end].lower() in organizations else "NORP"


def shape_mentions(text: str, covered: list[tuple[int, int]], *, short: bool = False) -> list[RawMention]:
    """Persons by name shape alone (:func:`etl.annotate.names.missed_names`, ``short`` for
    languages that capitalise nouns), outside ``covered`` spans and headline-style lines;
    label ``NAME``. Works on text of any language."""
    out = []
    taken = Covered(len(text), covered + list(title_case_lines(text)))
    spans = names.missed_names(text, taken.hits, NOT_NAME_ENDS, short=short)
    for start, end in sorted(spans + romanised.missed(text, Covered(len(text), spans).hits, taken.hits)):
        mention = clean_mention(text, start, end, "person", "NAME")
        out += [mention] if mention is not None else []
    return out


def _ent_mention(text: str, span: tuple[int, int, str], places: frozenset[str], not_last: frozenset[str]):
    """The cleaned mention of one model entity ``(start, end, label)``; None when it is junk or
    no facet type. ``not_last``: words that end no person's name (``NOT_NAME_ENDS`` + ``places``)."""
    start, end, label = span
    etype = LABEL_TYPES.get(label)
    grown = _apostrophe_surname(text, start, end) if etype is not None else end
    if grown > end:
        return clean_mention(text, start, grown, "person", "NAME")
    if etype != "person" and romanised.is_name(text[start:end]):
        return clean_mention(text, start, end, "person", "NAME")  # "Sun Yat-sen" (ORG)
    if etype in ("person", "organization") and romanised.place_shape(text[start:end]):
        return clean_mention(text, start, end, "location", "GPE")  # "Gangnam-gu" (PERSON), "Suwon-si" (ORG)
    if (
        etype != "person"
        and label in _RETYPE_OR_WORK_LABELS
        and not (span_text := text[start:end]).islower()  # "two minutes": nothing to look at
        and (" " in span_text or "\t" in span_text)  # one word is no name run (names.person_run)
        and not _affiliation(text, start, end)
    ):
        # a label before a spaced dash is no part of the name: "Romania - Cosmin Contra" (ORG), scorers' line
        begin = _after_spaced_dash(text, start, end)
        run = names.person_run(text, begin, _before_bracket(text, begin, end), not_last, unlisted=True)
        if run is not None and _retyped_person(text, run, label):
            return clean_mention(text, run[0], run[1], "person", "NAME")
    titled_span = (
        label in _TITLED_INSIDE_LABELS
        and len(span_words := text[start:end].split()) >= 3  # title + 2 words
        and not (label in _PLACE_LABELS and span_words[-1].lower() in PLACE_ENDS)  # "Prince Edward Island" (GPE)
    )
    inner = _titled_inside(text, start, end) if titled_span else None
    if inner is not None:  # "Patrol Chief James Hall" (WORK_OF_ART): the name after the title
        return clean_mention(text, inner[0], inner[1], "person", "NAME")
    if label in _TITLED_INSIDE_LABELS and (surname := _titled_surname(text, start, end, places)) is not None:
        return clean_mention(text, surname[0], surname[1], "person", "NAME")  # "General Petraeus" (ORG)
    if etype != "person" and label in _RETYPE_OR_WORK_LABELS and _said_given(text, start, end):
        return clean_mention(text, start, end, "person", "NAME")
    if etype != "person" and label in _NOTABLE_LABELS and _notable_person(text, text[start:end], label):
        return clean_mention(text, start, end, "person", "NAME")  # "like Freud." (PRODUCT)
    if etype in ("location", "organization") and (surname_end := _surname_after_given(text, start, end, etype, places)):
        return clean_mention(text, start, surname_end, "person", "NAME")  # "Israel" + "Adesanya" (GPE), "Novak" (ORG)
    if etype == "location" and (given := _given_before_unknown_place(text, start, end, places)) is not None:
        return clean_mention(text, given, end, "person", "NAME")  # "his colleague Ana Muñoz" (GPE "Muñoz")
    if etype in ("organization", "location") and _relative_of_name(text, start, end, places):
        return clean_mention(text, start, end, "person", "NAME")  # "the widow of Desi Bouterse" (ORG)
    if etype is None:
        return None
    if etype == "person" and _firm_or_named_after(text[start:end]):
        return clean_mention(text, start, end, "organization", "ORG")
    if etype == "person" and (named := _named_after_suffix(text, start, end)) is not None:
        return clean_mention(text, start, end, named, "FAC" if named == "location" else "EVENT")  # "... Jr. Day"
    if etype == "person" and (body := _named_body_after(text, end)) is not None and not titled(text, start):
        return clean_mention(text, start, body[0], body[1], "ORG" if body[1] == "organization" else "FAC")
    if etype == "person":
        start, end = romanised.grow(text, start, end)  # "Moon Jae" + "-in", "Son" + "Heung-min"
        start, end = names.extend_name(text, start, _particle_surname(text, _extend_particle(text, end), places))
        end = _bracketed_nickname(text, _regnal_number(text, start, end), places)
        start = _name_title_before(text, start, end)
        return clean_mention(text, _after_places(text, start, end, places), end, etype, label)
    lowered = {w.lower() for w in text[start:end].split()} if _after_title(text, start) or aged(text, start, end) else None
    if lowered is not None and lowered.isdisjoint(places) and lowered.isdisjoint(ORG_WORDS):
        etype = "person"  # "SoftBank COO Marcelo Claure"; not "President Ascom North America"
    return clean_mention(text, start, end, etype, label)


def _relative_of_name(text: str, start: int, end: int, places: frozenset[str]) -> bool:
    """True for one to three capitalised words after a relative or a regime "of" (:func:`wordnames.relative_of`:
    "the widow of Desi Bouterse", "the regime of Srettha Thavisin"), no word a one-word place or organization of the
    alias table (``places``: "the mother of Europe") nor an organization word."""
    if not wordnames.relative_of(text, start):
        return False
    words = text[start:end].split()
    return 1 <= len(words) <= 3 and all(
        w[:1].isupper() and w.lower() not in places and w.lower() not in ORG_WORDS for w in words
    )


def _notable_person(text: str, word: str, label: str) -> bool:
    """True when ``word``, a span the model read as no person with ``label``, is a notable person's surname named
    alone (:func:`names.notable_alone`: "like Freud." PRODUCT); one read as a place (GPE, LOC, FAC) only where the
    text treats it as a person's at some mention: a title before it, a speech verb after it or a given name right
    before it ("Ezra Klein ... Klein" GPE; not "according to Nielsen", the ratings firm)."""
    if not names.notable_alone(text, word):
        return False
    if label not in _PLACE_LABELS:
        return True
    return any(
        titled(text, at) or SPEECH_AFTER.match(text, at + len(word)) or _given_before(text, at)
        for at in offsets(text, word)
    )


def _given_before(text: str, start: int) -> bool:
    """A capitalised given name right before ``start``, one space or tab between ("Ezra Klein")."""
    m = _NAME_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and names.is_given(m.group(1), strict=False)


def _firm_or_named_after(span: str) -> bool:
    """True for a person span that names a firm ("John Wiley & Sons", "Simon & Schuster") or a body named after a
    person ("Andrew Lloyd Webber Initiative", "Bill & Melinda Gates Foundation", "Nobel Prize"): its own
    mention, the person's name alone ("grateful to Andrew Lloyd Webber") another."""
    words = span.split()
    return "&" in span or (len(words) >= 2 and words[-1].lower().strip(".,") in _NAMED_AFTER_ENDS)


def _named_body_after(text: str, end: int) -> tuple[int, str] | None:
    """(end, type) of the name of a body or place that the person's name ending at ``end`` opens, where the model
    cut it before its other words: one to three capitalised words after it, the last a word of
    :data:`NAMED_BODY_ENDS` ("Ronald Reagan" + "Washington National Airport" -> a place, "John Smith" + "High
    School" -> an organization); None otherwise, at a Title Case headline's verb or noun or in a Title Case line
    ("Joe Biden Visits Kennedy Center"), and before "of" ("Jane Doe University of Michigan": an affiliation)."""
    if text[end : end + 1] not in (" ", "\t") or not text[end + 1 : end + 2].isupper():
        return None  # the common case: no capitalised word right after the name
    pos = end
    for _ in range(3):
        m = _CAP_WORD_AFTER.match(text, pos)
        if m is None or m.group(1) in HEADLINE_VERBS or m.group(1) in HEADLINE_NOUNS:
            return None
        pos, word = m.end(), m.group(1).lower()
        if word not in NAMED_BODY_ENDS:
            continue
        if text.startswith(" of ", pos) or _in_title_case_line(text, end):
            return None  # "Jane Doe University of Michigan": a person and her affiliation
        return pos, "organization" if word in _BODY_ORG_ENDS else "location"
    return None


def _named_after_suffix(text: str, start: int, end: int) -> str | None:
    """The type of what the person span ``text[start:end]`` names when a capitalised word follows a generational
    suffix inside it ("Martin Luther King Jr. Day" -> "event", "Martin Luther King Jr. Stadium" -> "location"): a
    name ends at "Jr."/"Sr."; None otherwise, and in a Title Case line ("Sammy Davis Jr. Sings Again")."""
    span = text[start:end]
    if " Jr" not in span and " Sr" not in span:  # the common case
        return None
    if _SUFFIX_THEN_WORD.search(text, start, end) is None or _in_title_case_line(text, start):
        return None
    return "location" if span.split()[-1].lower().strip(".,") in NAMED_BODY_ENDS else "event"


def _in_title_case_line(text: str, pos: int) -> bool:
    """True when the line holding ``pos`` (read up to 200 characters either side) has no lower-case word of four
    letters or more: a headline in Title Case, whose capitalised words run on after a name."""
    start = text.rfind("\n", max(0, pos - 200), pos) + 1
    end = text.find("\n", pos, pos + 200)
    return _LOWER_WORD4.search(text, start, end if end >= 0 else min(len(text), pos + 200)) is None


def _surname_after_given(text: str, start: int, end: int, etype: str, places: frozenset[str]) -> int | None:
    """End of a person's name that opens with a given name the model read alone as a place or organization (of
    ``etype``): a given name that is also a place ("Israel Adesanya", "Sydney Sweeney":
    :func:`etl.annotate.names.place_given`), or any listed one read as an organization ("Natasha" of "Natasha
    Zvereva"); one capitalised word after it that is no English word nor place, and the text treats the pair or
    the surname alone as a person's somewhere (:func:`_acts_as_person`); None otherwise ("London Heathrow")."""
    word = text[start:end]
    if not (names.place_given(word) or etype == "organization" and names.is_given(word, strict=True)):
        return None
    m = _NEXT_NAME.match(text, end)
    if m is None or not _unknown_surname(m.group().strip(), places):
        return None
    return m.end() if _acts_as_person(text, start, m.end()) else None


def _unknown_surname(word: str, places: frozenset[str]) -> bool:
    """True for a capitalised word no English word, place or organization word: a surname's shape."""
    lowered = word.lower()
    return word[1:].islower() and lowered not in english_words() and lowered not in places and lowered not in _ORG_OR_END_WORDS


def _acts_as_person(text: str, start: int, end: int) -> bool:
    """True when the name ``text[start:end]`` has a title, person cue or age beside it, or the text treats it as a
    person's (:func:`etl.annotate.names.person_context`: an appositive, its surname alone speaking, in an appositive
    or titled elsewhere: "Adesanya said")."""
    return titled(text, start) or person_cue(text, start, end) or names.person_context(text, start, end)


def _given_before_unknown_place(text: str, start: int, end: int, places: frozenset[str]) -> int | None:
    """Start of a listed given name right before a one-word "place" the alias table does not know, the model
    having left the given name out ("his colleague Ana Muñoz": GPE "Muñoz"); None otherwise."""
    word = text[start:end]
    if " " in word or not word[:1].isupper() or word.lower() in places or word.isupper():
        return None
    grown, _ = names.extend_name(text, start, end)
    return grown if grown < start and " " not in text[grown:start].strip() else None


def _said_given(text: str, start: int, end: int) -> bool:
    """True for one given name right after a quote and its speech verb, the model having read it as something
    else: '“It’s the new counterculture,” said Jared, an undergraduate' (PRODUCT)."""
    word = text[start:end]
    return word.isalpha() and names.is_given(word, strict=True) and said_after_quote(text, start)


def said_after_quote(text: str, start: int) -> bool:
    """True when a quote's closing mark and a speech verb stand right before ``start`` ('...,” said Jared')."""
    return _SAID_BEFORE.search(text, max(0, start - 20), start) is not None


def _before_bracket(text: str, start: int, end: int) -> int:
    """End of a span the model ran on into a bracket after a name: "Scott Draper (Australia" (ORG) in a
    results line is "Scott Draper" and a country."""
    cut = text.find(" (", start, end)
    return cut if cut > start else end


def _retyped_person(text: str, run: tuple[int, int], label: str) -> bool:
    """True when the name run ``run`` filling a span the model labelled ``label`` (no person) is a
    person's: the text treats it as one (:func:`etl.annotate.names.person_context`: "Rich Lowry, the
    editor", "Will Power ... Power said"), or, outside works and products, its given name is no
    English word or the line is a results list ("Sierra Nevada", "Blue Moon": a given name that is
    also a word only counts in a results list). A name whose first word no list knows ("Binyah Kesselly",
    :func:`etl.annotate.names.unlisted_name`) counts only by its context; a rare given name
    (:func:`etl.annotate.names.rare_given`: "Sergen Yalcin") as a given name, the run having its shape."""
    if names.person_context(text, run[0], run[1]):
        return True
    first = text[run[0] : run[1]].split()[0]
    unlisted = not first.endswith(".") and not names.is_given(first, strict=False)  # context only
    if label in _WORK_LABELS or unlisted and not names.rare_given(first):
        return False
    return (
        names.is_given(first, strict=True)
        or names.rare_given(first)
        or (LABEL_TYPES.get(label) != "location" and _list_line(text, run[0]))
    )


def _titled_surname(text: str, start: int, end: int, places: frozenset[str]) -> tuple[int, int] | None:
    """(start, end) of the surname in a span the model read as no person that is a person's title and one
    capitalised word no English word nor one-word name of the alias table ("Just met with General Petraeus"
    as ORG); else None. Only titles of a person's office or rank ("General Motors", "Lord Howe", "King
    Kong" have other shapes or titles)."""
    m = _TITLE_SURNAME.fullmatch(text, start, _before_possessive(text, start, end))
    if m is None or m.group(1).lower().rstrip(".") not in _SURNAME_TITLES:
        return None
    word = m.group(2)
    if word.lower() in english_words() or word.lower() in places:
        return None
    return m.start(2), m.end(2)


def _before_possessive(text: str, start: int, end: int) -> int:
    """End of ``text[start:end]`` before a possessive ending ("Petraeus’s" -> "Petraeus"), else ``end``."""
    hit = _POSSESSIVE.search(text, start, end)
    return hit.start() if hit and hit.start() > start else end


def _titled_inside(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the person's name after a personal title inside a span the model read as
    something else ("Patrol Chief James Hall" as a work, "Fire Commissioner Ann Lee" as an
    organization): one name run filling the span, a title, then a given name and at least one more
    name word; else None. A title with "of" and what it heads may come first: the name ends the span
    ("Director of Product Management Joe Ambeault" as an organization; the title may stand right before it)."""
    runs = names.name_runs(text, start, end)
    titled_of = _TITLE_OF.match(text, start) or _TITLE_OF_BEFORE.search(text, max(0, start - 40), start)
    if runs and titled_of and not text[runs[-1][-1].end : end].strip(_AROUND):
        return _name_after_head(runs[-1])
    if (
        len(runs) != 1
        or text[start : runs[0][0].start].strip(_AROUND)
        or text[runs[0][-1].end : end].strip(_AROUND)
    ):
        return None
    words = runs[0]
    for i in range(len(words) - 3, -1, -1):
        if words[i].text.lower() in TITLES or words[i].text.lower() in PERSON_CUES:
            rest = words[i + 1 :]
            lowered = [_POSSESSIVE.sub("", w.text).lower() for w in rest]
            ok = (
                rest[0].kind == "cap"
                and (names.looks_like_person(rest, strict=False) or _place_given_pair(rest))
                and not set(lowered) & _ORG_OR_END_WORDS - {lowered[-1]}
                # a place word ends a name only as the surname after a given name: "James Hall"
                and (
                    lowered[-1] not in NOT_NAME_ENDS
                    or len(rest) == 2
                    and names.is_given(rest[0].text, strict=True)
                )
            )
            return (rest[0].start, rest[-1].end) if ok else None
    return None


def _place_given_pair(words: list[names.Word]) -> bool:
    """True for two words, a given name that is also a place and a surname's shape: "Sydney Sweeney" after a title
    ("Actress Sydney Sweeney", read whole as an organization)."""
    return len(words) == 2 and names.place_given(words[0].text) and _unknown_surname(words[1].text, frozenset())


def _name_after_head(words: list[names.Word]) -> tuple[int, int] | None:
    """(start, end) of the last two or three words of a name run when they open with a given name no English
    word, after the words of a title's head ("Product Management" + "Joe Ambeault"), and hold no organization
    or place word; else None."""
    for i in range(1, len(words) - 1):
        rest = words[i:]
        if names.is_given(rest[0].text, strict=True) and len(rest) <= 3:
            lowered = {_POSSESSIVE.sub("", w.text).lower() for w in rest}
            if names.looks_like_person(rest, strict=True) and not lowered & _ORG_OR_END_WORDS:
                return rest[0].start, rest[-1].end
            return None
    return None


def _apostrophe_surname(text: str, start: int, end: int) -> int:
    """End of a name grown by an apostrophe surname right after a span of one or two capitalised
    words ("Georgia" + " O’Keefe", "Conan" + " O'Brien"), else ``end``. Not after a preposition of
    place ("flights at Chicago O'Hare"), nor when another name word follows ("O’Connell Street")."""
    m = _APOSTROPHE_SURNAME.match(text, end)
    if m is None:
        return end
    words = text[start:end].split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() and not w.isupper() for w in words):
        return end
    if _PLACE_PREP_BEFORE.search(text, max(0, start - 8), start):
        return end
    return m.end()


@functools.lru_cache(maxsize=2)  # read by two rules of one text in turn
def title_case_lines(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of headline-style lines ("Taylor Swift Is Allowed To Play"): name shapes mislead there."""
    out: list[tuple[int, int]] = []
    judged = -1  # end of the last line judged: each line is read once (linear on huge one-line texts)
    for m in _CAP_FUNCTION_WORD.finditer(text):  # only lines with a capitalised "To", "Of", ...
        at = m.start() + 1  # the word, after its space
        if at < judged:
            continue
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", m.end())
        end = judged = len(text) if end < 0 else end
        words = _WORD.findall(text, start, end)
        caps = sum(w[0].isupper() for w in words)
        if len(words) >= 4 and caps >= 0.6 * len(words) and any(w in _CAP_FUNCTION for w in words[1:]):
            out.append((start, end))
    return tuple(out)


def reseat_headline_persons(mentions: list[RawMention], text: str) -> list[RawMention]:
    """Persons of headline-style lines (:func:`title_case_lines`) moved onto a name of several words the text
    names outside such lines: the model runs a headline's name on into its verbs ("Donald Trump Got Booed",
    "Jury Finds Dylann Roof Guilty" -> "Finds Dylann" + "Roof Guilty"). A person that overlaps such a name's
    occurrence in its line becomes that occurrence (the longest); one occurrence is kept once.

    Input and output: mentions in text order; others and persons named as the text does are left alone.
    """
    lines = title_case_lines(text)
    known = {
        m.text
        for m in mentions
        if m.type == "person" and " " in m.text and not in_regions(m.start, m.end, lines)
    }
    if not lines or not known:
        return mentions
    out: list[RawMention] = []
    for m in mentions:
        if m.type == "person" and m.text not in known and in_regions(m.start, m.end, lines):
            m = _known_occurrence(text, m, known) or m
        if not out or (out[-1].start, out[-1].end) != (m.start, m.end):
            out.append(m)
    return out


def _known_occurrence(text: str, mention: RawMention, known: set[str]) -> RawMention | None:
    """The longest occurrence of a ``known`` name on ``mention``'s line that overlaps it, as a mention."""
    start = text.rfind("\n", 0, mention.start) + 1
    end = text.find("\n", mention.end)
    line = text[start : len(text) if end < 0 else end]
    best = None
    for name in known:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", line):
            if (
                m.start() + start < mention.end
                and m.end() + start > mention.start
                and (best is None or len(name) > len(best[2]))
            ):
                best = (m.start() + start, m.end() + start, name)
    return RawMention(best[0], best[1], best[2], "person", mention.label) if best else None


#: Royal titles that open a name of two or three words the model missed ("Prince Norodom Ranariddh and Hun Sen"):
#: not "king" and "queen", which open streets and hospitals more often ("King Edward Street").
_ROYAL_CUES = frozenset({"prince", "princess", "sheikh", "emir"})


def titled_names(
    text: str, found: list[RawMention], regions: list[tuple[int, int]], places: frozenset[str] = frozenset()
) -> list[RawMention]:
    """Names the model missed after a title: "Fed Chair Eleanor Whitfield" -> person "Eleanor Whitfield".

    Only 2-3 capitalised words right after a word of PERSON_CUES, or one such word no capitalised word follows that
    is no English word nor one of ``places`` (the alias table's one-word names): "Philadelphia Fed President
    Plosser--dissented"; not "Captain America", "Coach Outlet"; or 2-3 words of a person's shape
    (:func:`_person_shaped`) after a role of ROLE_CUES ("Economist Maria Okafor said"; not "the Student Union
    Council"); overlapping no mention found.
    """
    out = []
    taken = Covered(len(text), regions + [(f.start, f.end) for f in found])
    for cue in _CUE_WORD.finditer(text):
        cue_word = cue.group(1).lower()
        if cue_word in ROLE_CUES and cue_word not in PERSON_CUES:
            m = _NAME_AFTER_CUE.match(text, cue.end())
            if m is None or not _person_shaped(m.group(), places, given=False):
                continue
        elif cue_word in PERSON_CUES or cue_word in _ROYAL_CUES:
            m = _NAME_AFTER_CUE.match(text, cue.end()) or _one_titled_word(text, cue.end(), cue_word, places)
        else:
            continue
        if m is None:
            continue
        start, end = m.span()
        words = m.group().split()
        if any(w.lower() in JUNK_WORDS or w.lower() in TITLES for w in words) or taken.hits(start, end):
            continue
        if cue_word in _ROYAL_CUES and words[-1].lower() in NOT_NAME_ENDS:
            continue  # "Prince Edward Island", "Prince Albert Hall": a place named after a royal
        out.append(RawMention(start, end, m.group(), "person", "TITLE"))
    return out


def _one_titled_word(text: str, pos: int, cue_word: str, places: frozenset[str]) -> re.Match | None:
    """The one capitalised word at ``pos`` after the title ``cue_word`` (:data:`_ONE_NAME_AFTER_CUE`: no capitalised
    word after it) when it is no English word nor one of ``places``, the title no royal one ("Prince" alone opens a
    place's name too); else None."""
    if cue_word in _ROYAL_CUES or cue_word in KIN_WORDS:  # "his daughter Ivanka": :func:`kin_items`
        return None
    m = _ONE_NAME_AFTER_CUE.match(text, pos)
    if m is None or m.group().lower() in english_words() or m.group().lower() in places:
        return None
    return m


#: What may follow a speaking word of :func:`speaking_words`: an appositive's article or age, a speech verb and a
#: pronoun (checked in full by :func:`etl.annotate.wordnames.speaks_after`); two patterns, each opening with a
#: literal character, scan faster than their union.
_SPEAKING_CUES = (
    re.compile(r",[ \t]+(?:the|a|an|his|her|their|herself|himself|\d|[RDI]-[A-Z])"),
    re.compile(r" (?:said|says|added|told)[ \t]+(?:(?:that[ \t]+)?(?:he|she)|reporters|journalists)\b"),
)
#: One capitalised word (a hyphen may join two): a speaking word's shape.
_SPEAKING_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_OPENERS = "\"“‘'("
#: Two such words after a place's possessive ("Brazil’s "), a lower-case word, a sentence's end, a bracket or a
#: quote: group 1 opens them.
_TWO_WORDS_BEFORE = re.compile(
    r"(?:[A-Z][a-z]+['’]s|\b[a-z]+,?|[.!?]|^)[ \t]+[\"“‘'(]?([A-Z][a-z]+(?:-[A-Z][a-z]+)?[ \t]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)$"
)
#: Label of a one-word given name the model missed after a kin word (:func:`kin_names`).
KIN_LABEL = "KIN"
#: A kin word, singular or plural, then a marriage's length and an optional comma: "his daughter Ivanka", "their
#: two daughters, Esmeralda", "survived by his wife of 52 years, Margaret".
_KIN_WORDS = tuple(sorted(FAMILY_WORDS))  # "child" opens "children" too
_KIN_BEFORE = re.compile(
    rf"\b(?:(?:{'|'.join(_KIN_WORDS)})s?|children)(?:[ \t]+of[ \t]+(?:\d+|[a-z]+(?:-[a-z]+)?)[ \t]+years)?,?[ \t]+(?=[A-Z])"
)
#: One capitalised word, then a list joint (", ", " and ", ", and ") when another item follows.
_KIN_ITEM = re.compile(r"([A-Z][a-z]+)(?![\w’'-]|\.\w|[ \t]+[A-Z])((?:,?[ \t]+and|,)[ \t]+(?=[A-Z]))?")


def kin_items(text: str) -> list[tuple[int, int]]:
    """(start, end) of each given name named alone after a kin word: "Trump invited his daughter Ivanka",
    "their two daughters, Esmeralda and Amada", "Stephen's sister, Charlotte, has": every word of the list
    after the kin word that is a listed given name and no English word, followed by no capitalised word (a
    full name there is the model's or :func:`titled_names`'s). Never raises."""
    spans = []
    for cue in _matches_at(_KIN_BEFORE, text, text, _KIN_WORDS):
        pos = cue.end()
        while (item := _KIN_ITEM.match(text, pos)) is not None:
            if names.is_given(item.group(1), strict=True):
                spans.append(item.span(1))
            if item.group(2) is None:
                break
            pos = item.end()
    return spans


def kin_names(
    kin: Iterable[tuple[int, int]], found: list[RawMention], regions: list[tuple[int, int]], text: str
) -> list[RawMention]:
    """Person mentions (label KIN_LABEL) for the given names after a kin word (``kin``: :func:`kin_items` of
    ``text``) that the model missed: overlapping no mention ``found`` nor a junk region. Never raises."""
    taken = Covered(len(text), regions + [(f.start, f.end) for f in found])
    return [
        RawMention(start, end, text[start:end], "person", KIN_LABEL)
        for start, end in kin
        if not taken.hits(start, end)
    ]


def speaking_words(text: str, covered: list[tuple[int, int]], places: frozenset[str]) -> list[RawMention]:
    """Person mentions (label ``NAME``) of one or two capitalised words the model left unlabelled that speak as a
    person (:func:`etl.annotate.wordnames.speaks_after`): "Modi said he was confident", "Djokovic, the top seed,
    beat", "Rubio, 53, said", "(Brazil’s Dilma Rousseff, herself a ...". Not the end of a longer name
    (:func:`_name_before`), no word an English word, a title or one of ``places`` (the alias table's one-word names:
    "Kyiv said he"), not inside ``covered`` (junk regions, the model's spans, mentions). Never raises."""
    out = []
    taken: Covered | None = None
    for cue in (m for pattern in _SPEAKING_CUES for m in pattern.finditer(text)):
        start = _name_before(text, cue.start())
        name = text[start : cue.start()]
        if not name or any(_no_name_word(w, places) for w in name.split()):
            continue
        taken = taken or Covered(len(text), covered)
        if wordnames.speaks_after(text, cue.start()) and not taken.hits(start, cue.start()):
            out.append(RawMention(start, cue.start(), name, "person", "NAME"))
    return sorted(out, key=lambda m: m.start)


def _no_name_word(word: str, places: frozenset[str]) -> bool:
    """True for a word no unlabelled one-word name found by a cue may be: an English word, one of ``places`` (the
    alias table's one-word names) or a title."""
    low = word.lower()
    return low in english_words() or low in places or low in TITLES


#: A capitalised word (a hyphen may join two) standing alone: a name a player's cue may follow (:func:`playing_words`).
_LONE_CAPITAL = re.compile(r"(?<![\w'’.-])[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?![\w'’-])")


def playing_words(
    text: str, covered: list[tuple[int, int]], places: frozenset[str], words: set[str] | frozenset[str]
) -> list[RawMention]:
    """Person mentions (label ``NAME``) of one capitalised word the model left unlabelled that does what only a
    player or a performer does or thinks as a person (:func:`_plays_or_thinks`: "Vlasic limped off", "Ruiz made his
    debut", "Rodri is expected to return from injury", "Adele performed her hit", "Shakira was born in"): found from
    the cues' literal pieces whose word is among ``words`` (the text's lower-case words;
    :func:`etl.annotate.wordnames.player_cues`), the last capitalised word of the 50 characters before one that the
    cue's shape follows. Not the end of a longer
    name (:func:`_name_before`), no English word, title or one of ``places``, not inside ``covered``. Never raises."""
    out: list[RawMention] = []
    taken: Covered | None = None
    for cue in wordnames.player_cues(text, words):
        capitals = list(_LONE_CAPITAL.finditer(text, max(0, cue - 50), cue))
        hit = next((w for w in reversed(capitals) if _plays_or_thinks(text, w.start(), w.end())), None)
        if hit is None or _name_before(text, hit.end()) != hit.start():
            continue
        name = hit.group()
        if _no_name_word(name, places):
            continue
        taken = taken or Covered(len(text), covered)
        if not taken.hits(hit.start(), hit.end()) and all(m.start != hit.start() for m in out):
            out.append(RawMention(hit.start(), hit.end(), name, "person", "NAME"))
    return out


#: A pair's names owning what follows ("Stephen and Karen’s four " before "kids"): groups 1 and 2 are the names.
_PAIR_OWNS = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[ \t]+(?:and|&)[ \t]+([A-Z][a-z]+)['’]s[ \t]+(?:[\w-]+[ \t]+)?$")


def couple_words(
    text: str, covered: list[tuple[int, int]], places: frozenset[str], words: set[str] | frozenset[str]
) -> list[RawMention]:
    """Person mentions (label ``NAME``) of the one-word names of a pair owning children that the model left
    unlabelled ("the fourth of Stephen and Karen’s four kids," :func:`etl.annotate.wordnames.couple_member`; not
    "Johnson and Johnson's baby shampoo", "Marks and Spencer's kids range"): looked for before each of
    :data:`COUPLE_CHILDREN` among ``words`` (the text's lower-case words). No English word, title or one of
    ``places``, not inside ``covered``. Never raises."""
    out: list[RawMention] = []
    taken: Covered | None = None
    for at in sorted(at for word in COUPLE_CHILDREN.intersection(words) for at in offsets(text, f" {word}")):
        pair = _PAIR_OWNS.search(text, max(0, at - 50), at + 1)
        if pair is None:
            continue
        for group in (1, 2):
            start, end = pair.span(group)
            name = pair.group(group)
            if _no_name_word(name, places):
                continue
            taken = taken or Covered(len(text), covered)
            if not taken.hits(start, end) and wordnames.couple_member(text, start, end):
                out.append(RawMention(start, end, name, "person", "NAME"))
    return out


def _plays_or_thinks(text: str, start: int, end: int) -> bool:
    """The one word ``text[start:end]`` does what only a player or performer does or thinks as a person
    (:func:`etl.annotate.wordnames.plays_as_person`, :func:`etl.annotate.wordnames.thinks_as_person`)."""
    return wordnames.plays_as_person(text, start, end) or wordnames.thinks_as_person(text, end)


def _name_before(text: str, end: int) -> int:
    """Start of the name ending at ``end``: one capitalised word (:data:`_SPEAKING_WORD`, an opening quote or bracket
    before it allowed) with no capitalised word before it but one ending a sentence ("Modi", "said. Modi"; not
    "Prime Minister Modi", "Mr. Modi"), or two such words after a place's possessive, a lower-case word or a
    sentence's end (:data:`_TWO_WORDS_BEFORE`: "Brazil’s Dilma Rousseff"); ``end`` when there is none."""
    words = text[max(0, end - 40) : end].rsplit(None, 2)
    word = words[-1].lstrip(_OPENERS) if words else ""
    if _SPEAKING_WORD.fullmatch(word) is None:
        return end
    prev = words[-2] if len(words) > 1 else ""
    if not prev[:1].isupper() or (prev[-1:] in ".!?:" and prev.strip(".").lower() not in TITLES):
        return end - len(word)
    two = _TWO_WORDS_BEFORE.search(text, max(0, end - 60), end)
    return two.start(1) if two is not None else end


def _after_title(text: str, start: int) -> bool:
    """True when the word just before ``start`` is a personal title ("Mr", "CEO", "Senator") or a competitor's
    standing ("champion", "seed": :data:`STANDING_CUES`), or the plural of
    a role in lower case before a word that is no English word ("political scientists Yascha Mounk and ...";
    not "mine managers Gold Fields")."""
    m = _PREV_WORD.search(text, names.word_search_start(text, start, 30), start)
    if m is None:
        return False
    word = m.group(1)
    if word.lower() in PERSON_CUES or word.lower() in STANDING_CUES:
        return True
    plural_role = word.islower() and word[-1:] == "s" and word[:-1] in ROLES
    first = _FIRST_WORD.match(text, start)
    return plural_role and first is not None and first.group(1).lower() not in english_words()


def aged(text: str, start: int, end: int) -> bool:
    """True when an age of one or two digits as an adjective stands right before the name ``text[start:end]`` and
    a verb or a clause's end follows it (:data:`_AFTER_AGED`): "The 38-year-old Applewhite had been", "the
    27-year-old Okonkwo was arrested"; not "the 150-year-old Unilever", "a kidnapped 8-year-old Fort Worth girl",
    "20-year-old Norwich striker" (the name is an adjective there)."""
    if not text.endswith("-year-old ", 0, start) or _AFTER_AGED.match(text, end) is None:  # the common case first
        return False
    number = text[max(0, start - 13) : start - 10]
    return number[-1:].isdigit() and not number[:1].isdigit()  # " 38", not "150"


def person_cue(text: str, start: int, end: int) -> bool:
    """True when the text around the mention ``text[start:end]`` says it names a person: a
    person cue word before it ("CEO", "wife"; a kin word also before a comma: "his father, Hori
    Parata"; "his name is", "a woman named") or an age after it ("Parata, 75, has") or before it ("the 38-year-old
    Applewhite had been": :func:`aged`)."""
    if (
        _after_title(text, start)
        or AGE_AFTER.match(text, end)
        or aged(text, start, end)
        or _SCORECARD_BEFORE.search(text, max(0, start - 8), start)
        or _NAMED_BEFORE.search(text, max(0, start - 40), start)
    ):
        return True
    kin = _KIN_COMMA.search(text, max(0, start - 20), start)
    return kin is not None and kin.group(1).lower() in KIN_WORDS


def titled(text: str, start: int) -> bool:
    """True when the word just before ``start`` is any title or honorific ("President", "Mr")."""
    m = _PREV_WORD.search(text, names.word_search_start(text, start, 30), start)
    return m is not None and (m.group(1).lower() in PERSON_CUES or m.group(1).lower() in TITLES)


def _bracketed_nickname(text: str, end: int, places: frozenset[str]) -> int:
    """End of a name written with a nickname or initials in brackets before its surname, which the model cuts at the
    bracket ("J.W." + "(Pat) Jones", "James Leander" + "(Leo) Nichols", "Alan John Percivale" + "(A.J.P.) Taylor"):
    the surname's end; ``end`` when no such bracket follows, when it holds a place ("Guy Forget (France) Pete
    Sampras": a results line; ``places``: lower-case one-word places) or when another bracket follows the surname."""
    if not text.startswith(" (", end):  # the common case
        return end
    m = _NICK_BRACKET.match(text, end)
    if m is None or m.group(1).lower() in places or m.group(1) in _BRACKET_PLACES or text.startswith(" (", m.end()):
        return end
    return m.end()


def _regnal_number(text: str, start: int, end: int) -> int:
    """End of a monarch's or pope's name with its number, which the model leaves out: a Roman numeral
    then no word character nor apostrophe, after a one-word name ("Pedro" + "II became") or a name after a
    monarch's title ("Queen Elizabeth" + "I born"; a lone "I" only there: "told Smith I would")."""
    m = _REGNAL.match(text, end)
    if m is None:
        return end
    words = text[start:end].split()
    before = text[max(0, start - 16) : end].split()  # the title may lie before the model's span
    royal = len(before) >= 2 and before[-2].lower() in ROYAL_TITLES
    return m.end() if royal or len(words) == 1 and m.group() != " I" else end


def _name_title_before(text: str, start: int, end: int) -> int:
    """Start of a given name with the title its bearer is named by, which the model left out: "King" + "Charles",
    "Pope" + "Francis" (``_NAMED_BY_TITLE``); else ``start`` (also before a surname: "King Sihanouk" is the short
    form of "Norodom Sihanouk")."""
    if " " in text[start:end] or not names.is_given(text[start:end], strict=False):  # "King Sihanouk": a surname
        return start
    m = _PREV_WORD.search(text, names.word_search_start(text, start, 12), start)
    return m.start(1) if m is not None and m.group(1) in _NAMED_BY_TITLE else start


def _particle_surname(text: str, end: int, places: frozenset[str]) -> int:
    """End of a person's name the model cut before its particles and surname: "Erik" + " ten Hag", "Virgil" +
    " van Dijk", "Maria" + " de la Cruz" (after a given name, a surname no place nor organization word); else ``end``."""
    m = _PARTICLE_SURNAME.match(text, end)
    if m is None or not text[end - 1 : end].isalpha() or m.group(1).lower() in places:
        return end
    given = _LAST_WORD.search(text, max(0, end - 30), end)
    if given is None or not names.is_given(given.group(), strict=False):  # not a rare one: "Croix" (SSA)
        return end  # "the Croix" + "de Guerre": a medal
    return m.end() if m.group(1).lower() not in _ORG_OR_END_WORDS else end


def _extend_particle(text: str, end: int) -> int:
    """ "Ursula von der" + "Leyen": a name cut after a particle takes the next capitalised word; so does one cut
    after a surname joined to its particle before a capitalised "Ben", "Bin" or "Ibn" ("Zine al-Abidine" + "Ben
    Ali")."""
    if text.startswith((" Ben ", " Bin ", " Ibn "), end):
        last = text[max(0, end - 30) : end].rsplit(None, 1)[-1:]
        m = _NEXT_NAME.match(text, end + 4)
        return m.end() if last and names.particle_surname(last[0]) and m else end
    words = text[max(0, end - 20) : end].split()
    if not words or words[-1] not in PARTICLES:
        return end
    m = _NEXT_NAME.match(text, end)
    return m.end() if m else end


def clean_mention(text: str, start: int, end: int, etype: str, label: str = "") -> RawMention | None:
    """Trim a raw span to its name ("the Kremlin's" -> "Kremlin"); None when it is junk.

    Persons also lose leading titles ("President Vladimir Putin" -> "Vladimir Putin").
    """
    if etype == "person" and _LEADING_THE.match(text, start, end):
        etype = "organization"  # "the Beatles", "the Davis Cup": not a person's name
    start, end = _trim(text, start, end)
    if etype == "person":
        start = _after_lower_word(text, _after_spaced_dash(text, _after_rank(text, start, end), end), end)
        end = _before_headline_verb(text, start, _before_group_word(text, start, _before_lower_word(text, start, end)))
        start, end = _owner_or_owned(text, start, _before_of(text, start, end))
        start = _strip_titles(text, _after_opening_word(text, start, end), end)
        start = _after_tag(text, names.after_question_verb(text, start, end), end)
        start = _after_sentence_end(text, start, end)
        if _storm(text, start):
            return None
    end = _strip_trailing_numbers(text, start, end)  # "G. Kersey 63", "Chile 3-0"
    end, etype = _of_year(text, start, end, etype)
    end = _before_possessive(text, start, end)  # "Obama’s 2008 campaign" -> "Obama’s" -> "Obama"
    surface = _INVISIBLE.sub("", text[start:end])
    if etype == "person" and ("“" in surface or '"' in surface or " '" in surface or " ‘" in surface):
        surface = _INNER_NICKNAME.sub("", surface)  # 'Kemar “Bad Boy” Grant' -> "Kemar Grant"
    if end <= start or is_junk(surface, etype) or _product(text, start, end):
        return None
    return RawMention(start, end, surface, etype, label)


def _of_year(text: str, start: int, end: int, etype: str) -> tuple[int, str]:
    """End and type of a name the model cut after "of" before a year: the whole name with its year is an event
    ("After the Great Crash of 2008" read as the place "Great Crash of"); a person keeps the span and type."""
    if etype == "person" or not text.endswith(" of", start, end):
        return end, etype
    m = _OF_YEAR.match(text, end - 3)
    return (m.end(), "event") if m else (end, etype)


def _after_sentence_end(text: str, start: int, end: int) -> int:
    """Start of a person's name after a one-letter word closing the sentence before it, the model having read
    the letter as an initial ("announced his resignation on X. Lin Junyang was ..." -> "Lin Junyang"): only
    when the text also names the rest without that letter ("E. Jean Carroll" stays)."""
    m = _LETTER_STOP.match(text, start, end)
    if m is None or " " not in text[m.end() : end].strip():
        return start
    rest = text[m.end() : end]
    return m.end() if any(not text.endswith(m.group(), 0, i) for i in offsets(text, rest) if i != m.end()) else start


def _after_rank(text: str, start: int, end: int) -> int:
    """Start of a person's name after a score or rank the model took into the span ("64 Bob Estes" in a
    golf leaderboard)."""
    m = _RANK.match(text, start, end)
    return m.end() if m else start


def _after_spaced_dash(text: str, start: int, end: int) -> int:
    """Start of a person's name after a label the model ran on across a spaced dash: a team sheet's "Sri
    Lanka - Arjuna Ranatunga (captain)", "Belgium - Filip De Wilde"."""
    cut = max(text.rfind(" - ", start, end), text.rfind(" – ", start, end), text.rfind(" — ", start, end))
    return cut + 3 if cut >= 0 else start


def _before_lower_word(text: str, start: int, end: int) -> int:
    """End of a person's name the model ran on across a lower-case word that is no name particle: a
    scorecard's "J. Gillespie st Kaluwitharana" (stumped by) -> "J. Gillespie", "Yorkshire at Headingley";
    particles stay ("Ludwig van Beethoven", "Kengo wa Dondo", "Ortega y Gasset")."""
    for m in _LOWER_WORD.finditer(text, start, end):
        if m.group(1) not in _NAME_JOINERS and m.start() > start:
            return m.start()
    return end


def _before_group_word(text: str, start: int, end: int) -> int:
    """End of a person's name before a capitalised plural of a group of people that a headline in Title Case
    ran on into ("Are There Any Un-Angry Trump Supporters?", "Biden Aides Say"): the plural of a role or a
    follower word; kin words stay ("Warner Brothers" is no person either way)."""
    if text[end - 1 : end] not in ("s", "S"):  # most names: no plural
        return end
    cut = text.rfind(" ", start, end)
    single = text[cut + 1 : end - 1].lower()  # the word without its "s"
    if cut <= start or single in KIN_WORDS:
        return end
    return cut if single in ROLES or single in _FOLLOWERS else end


def _before_headline_verb(text: str, start: int, end: int) -> int:
    """End of a person's name before a verb or noun that a headline in Title Case ran on into, from the name's second
    word on (:data:`HEADLINE_VERBS`, :data:`HEADLINE_NOUNS`: "Tom Hanks Reveals Secret" -> "Tom Hanks", "Messi
    Leaving" -> "Messi", "Harry Memoir Tops Charts" -> "Harry"), or before a platform or a credential it ran on into
    (:data:`NAME_TRAILERS`: "Kylie Jenner Instagram", "Maria Lopez MD"), or before a month's abbreviation and a day
    ending it ("Jane Doe Jan 5, 2024"); ``end`` when none follows a name word."""
    cut = text.find(" ", start, end)
    while cut >= 0:
        following = text.find(" ", cut + 1, end)
        word = text[cut + 1 : following if following >= 0 else end]
        if word in HEADLINE_VERBS or word in HEADLINE_NOUNS or word in NAME_TRAILERS:
            return cut
        if word.rstrip(".") in MONTH_ABBREVIATIONS and _DAY_AFTER.match(text, following if following >= 0 else end):
            return cut  # "Jane Doe Jan 5, 2024": an author line's date
        cut = following
    return end


def _after_lower_word(text: str, start: int, end: int) -> int:
    """Start of a person's name the model began at the lower-case word before it that is no name particle
    ("went on to assert Giuliani" -> "Giuliani"); particles stay ("de Klerk", "al-Assad")."""
    m = _LEADING_LOWER.match(text, start, end)
    return m.end() if m and m.group(1) not in _NAME_JOINERS else start


def _product(text: str, start: int, end: int) -> bool:
    """A product's name, not an entity's: a one-word name right after a model number ("737 MAX",
    "Galaxy S10 Plus"); a name of several words continued by a code ("Mustang Mach-E", "Model S")
    or holding a model code after its first word ("Stadia RDR2", "Samsung Galaxy S10")."""
    words = text[start:end].split()
    if len(words) == 1:
        return bool(_MODEL_NUMBER.search(text, max(0, start - 12), start))
    return bool(_CODE_AFTER.match(text, end)) or any(_MODEL_CODE.match(w) for w in words[1:])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    for stop in (
        "\n",
        ", ",
        "; ",
        " (",
    ):  # never across a line; "Big Machine, Braun" is two; "Draper (Australia"
        if stop in span:
            if stop == " (" and (nick := _NICK_BRACKET.match(text, start + span.index(stop))) and nick.end() == end:
                continue  # a nickname in brackets before the surname: "J.W. (Pat) Jones" (:func:`_bracketed_nickname`)
            end = start + span.index(stop)
            span = text[start:end]
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    if text[start - 1 : start] in ("'", "’") and text[start : start + 2] == "s ":
        start += 2  # "Vietnam’s Hoa Lo" cut after the apostrophe: "s Hoa Lo"
    m = _LEADING_ARTICLE.match(text, start, end)
    if m:
        start = m.end()
        while start < end and text[start] in _EDGE_PUNCT:
            start += 1  # 'a “New Center'
    m = _POSSESSIVE.search(text[start:end])
    if m:
        end = start + m.start()
    while end > start and text[end - 1] in _EDGE_PUNCT and not _is_abbrev_dot(text, start, end):
        end -= 1
    return start, end


def _list_line(text: str, pos: int) -> bool:
    """True when the line holding ``pos`` is a results list or table row (three or more numbers)."""
    start = text.rfind("\n", max(0, pos - _LINE_REACH), pos) + 1 or max(0, pos - _LINE_REACH)
    end = text.find("\n", pos, pos + _LINE_REACH)
    return len(_NUMBER.findall(text, start, end if end >= 0 else pos + _LINE_REACH)) >= 3


def _after_places(text: str, start: int, end: int, places: frozenset[str]) -> int:
    """Start of a person's name after known place words the model took in
    ("Ambassador to Ukraine Marie Yovanovitch" -> "Marie Yovanovitch"); not a given name that is a place too
    before a name opening with no given name ("Maurice A. Person": "Maurice" is Mauritius in French)."""
    while (m := _FIRST_WORD.match(text, start, end)) is not None and m.group(1).lower() in places:
        rest = text[m.end() : end].split()
        if len(rest) < 2 or (names.is_given(m.group(1), strict=False) and not names.is_given(rest[0], strict=False)):
            break
        start = m.end()
    return start


def _affiliation(text: str, start: int, end: int) -> bool:
    """True when a span reads as a company or affiliation, not a person ("strategist at Miller
    Tabak", "Miller Tabak + Co", "Freddie Mac Inc", "Houston Rockets guard Jalen Green")."""
    return bool(
        _AFFILIATION_BEFORE.search(text, max(0, start - 6), start)
        or _COMPANY_AFTER.match(text, end)
        or _ROLE_AFTER.match(text, end)
    )


def _owner_or_owned(text: str, start: int, end: int) -> tuple[int, int]:
    """The person of a span holding a possessive: the owner when it is a full name opening with a given
    name ("Rupert Murdoch’s Fox" -> "Rupert Murdoch"), else the name after the possessor ("Punjab’s
    Bhatinda" -> "Bhatinda")."""
    found = list(_INNER_POSSESSIVE.finditer(text, start, end))
    if not found:
        return start, end
    owner = text[start : found[0].start()].split()
    if len(owner) >= 2 and names.is_given(owner[0], strict=True):
        return start, found[0].start()
    return found[-1].end(), end


def _before_of(text: str, start: int, end: int) -> int:
    """End of a person's name the model ran on into an affiliation ("Sasha Luccioni of Mila" -> "Sasha
    Luccioni"); a given name alone before "of" is a title of its own ("Catherine of Aragon")."""
    cut = text.find(" of ", start, end)
    if cut < 0:
        return end
    head = text[start:cut].split()
    return end if len(head) == 1 and names.is_given(head[0], strict=False) else cut


def _after_opening_word(text: str, start: int, end: int) -> int:
    """Start of a person's name after a word that opens the sentence and is no name: an adverb or
    conjunction ("Maybe Instagram", `OPENING_WORDS`), a gerund ("Rejecting Keystone"), a word in
    capitals before a name that is not ("READ Hoenig's full remarks"), or a role noun before a given name
    and a surname ("Farmer Chad Smith"); never a given name."""
    m = _FIRST_WORD.match(text, start, end)
    if m is None or names.is_given(m.group(1), strict=False):
        return start
    word, rest = m.group(1), text[m.end() : end]
    gerund = len(word) >= 6 and word.endswith("ing") and word[1:].islower()
    shout = len(word) >= 3 and word.isalpha() and word.isupper() and not rest.isupper()
    return m.end() if word.lower() in OPENING_WORDS or gerund or shout or _role_noun(word, rest) else start


def _role_noun(word: str, rest: str) -> bool:
    """A capitalised English word before a given name and a surname is a role ("Farmer Chad Smith",
    "Patrolman Joe Doe"), not part of the name; "Baker Mayfield" (no given name after) keeps it. A word
    of :data:`ROLES` is one before any two names ("Broker Khurshid Alam said")."""
    after = rest.split()
    return (
        len(after) >= 2
        and word[1:].islower()
        and (
            word.lower() in ROLES - TITLES  # titles: _strip_titles ("St" opens a saint's name)
            or word.lower() in names.english_words()
            and names.is_given(after[0].strip(",."), strict=False)
        )
    )


def _storm(text: str, start: int) -> bool:
    """A storm's name ("storm Abigail", "Hurricane Sandy" when the model left the word out)."""
    m = _PREV_WORD.search(text, names.word_search_start(text, start, 20), start)
    return m is not None and m.group(1).lower() in STORM_WORDS


def _is_abbrev_dot(text: str, start: int, end: int) -> bool:
    """Keep the final dot of "U.S." / "Jr." style abbreviations."""
    return text[end - 1] == "." and bool(
        re.search(r"(?:\b[A-Z]\.[A-Z]\.|\bJr\.|\bSr\.|\bInc\.|\bCo\.)$", text[start:end])
    )


def _strip_trailing_numbers(text: str, start: int, end: int) -> int:
    """ "Chile 3-0" -> "Chile": scores and counts glued to a name are not part of it, nor a signed
    figure or a minute ("Anthony Barker +48", "Gordon Durie 75th": a phone number, a substitution)."""
    m = _TRAILING_NUMBERS.search(text, start, end)
    return m.start() if m and m.start() > start else end


_LEADING_WORD = re.compile(r"([A-Za-z-]+)\.?\s+")
_TAG = re.compile(r"([A-Z]{2,3}|[\w-]+)[ \t]+(?=\S+[ \t]+\S)")


def _after_tag(text: str, start: int, end: int) -> int:
    """Start of a person's name after a tag the model took in: a table's position code ("DL Myles
    Garrett", "LB Mack Wilson") or a hashtag ("#Browns Greedy Williams"); two words kept at least."""
    m = _TAG.match(text, start, end)
    if m is None or not (m.group(1).isupper() or text[start - 1 : start] == "#"):
        return start
    return m.end()


def _strip_titles(text: str, start: int, end: int) -> int:
    """Start of a person's name after its leading titles ("President Vladimir Putin"), and after an
    adjective of nationality or a team before a title ("Belgian King Baudouin I", "French President Jacques
    Chirac", "Ravens GM Ozzie Newsome": a first word that is no given name, then a title and a name)."""
    m = _ADJECTIVE_TITLE.match(text, start, end)
    if (
        m
        and (m.group(2).lower() in TITLES or m.group(2) in _ROLE_CODES)
        and not names.is_given(m.group(1), strict=False)
    ):
        start = m.start(2)
    while True:
        m = _LEADING_WORD.match(text[start:end])
        if not m or m.group(1).lower() not in TITLES:
            return start
        if m.group(1).lower() in NAME_TITLES and not _full_name(text[start + m.end() : end].split()):
            return start
        start += m.end()


def _full_name(words: list[str]) -> bool:
    """True for two name words or more, particles between them, no regnal number: after "Prince" or "Sheikh" such
    a name is the person's own ("Crown Prince Mohammed bin Salman"), where "Prince William" and "Queen Elizabeth
    II" are named by their title."""
    return (
        len(words) >= 2
        and _REGNAL.fullmatch(" " + words[-1]) is None
        and all(w[:1].isupper() or w in PARTICLES for w in words)
    )


@functools.lru_cache(maxsize=65536)  # pure; a story names the same entity many times
def is_junk(surface: str, etype: str) -> bool:
    """True when ``surface`` cannot be a facet value of type ``etype``.

    Junk: too short, no capital letter, times ("01:13 am PT"), numbers, slashes, @ or
    URLs, lone titles, calendar words or pronouns ("Us", not "US"), and person names with digits or > 5 words (particles and
    titles kept in a name, "bin", "Al", "Sheikh", not counted).
    """
    words = surface.split()
    if len(surface) < 2 or not words or not any(c.isupper() for c in surface):
        return True
    if _NUMBERISH.match(surface) or _TIME.search(surface) or any(c in surface for c in "/@\\|"):
        return True
    lowered = [w.lower().strip(".,") for w in words]
    if all(w in TITLES or w in JUNK_WORDS for w in lowered):
        return not _government_body(words, lowered, etype)
    if surface[1:].islower() and lowered[0] in PRONOUNS:
        return True
    if etype == "person":  # "Dark Souls-ian", "Obama-era": an adjective made of a name
        if any(c.isdigit() for c in surface) or _ADJECTIVE_SUFFIX.search(surface):
            return True
        long = sum(w not in PARTICLES and w not in NAME_TITLES for w in lowered) > 5  # "Sheikh Tamim bin Hamad Al Thani"
        # "Jimmy Kimmel Live!": a show named after its host (a given name opens it; not "Xbox Live")
        show = len(words) > 2 and words[-1] in SHOW_END_WORDS and names.is_given(words[0], strict=False)
        return long or show or not (words[-1][0].isupper() or _particle_name(words))
    return False


def _government_body(words: list[str], lowered: list[str], etype: str) -> bool:
    """True for an organization's name of a title and a department noun, every word capitalised ("State
    Department", "Defence Ministry", "Justice Ministry"; not one word, "Department", nor a person's type)."""
    return (
        etype != "person"
        and len(words) >= 2
        and lowered[-1] in GOVERNMENT_BODY_ENDS
        and all(w[:1].isupper() for w in words)
    )


def _particle_name(words: list[str]) -> bool:
    """A name ending in a surname joined to its particle, opening with a given name or other capitalised words
    ("Bashar al-Assad", "Moqtada al-Sadr", "Abu Bakr al-Baghdadi"), none of which names a group or place
    (:data:`ARABIC_NOT_NAMES`: not "Ansar al-Sharia", "Masjid al-Aqsa", "Hayat Tahrir al-Sham")."""
    if len(words) < 2 or not names.particle_surname(words[-1]):
        return False
    if any(w.lower().rpartition("-")[2] in ARABIC_NOT_NAMES for w in words):
        return False  # "Hayat Tahrir al-Sham": "Hayat" is a given name too
    return names.is_given(words[0], strict=False) or all(w[:1].isupper() for w in words[:-1])
