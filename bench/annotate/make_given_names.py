"""Build ``etl/annotate/data/given_names.txt``, the given-name list of the annotator (run rarely).

Usage (outside the project venv; Faker is needed only here)::

    python3 -m venv /tmp/fakervenv && /tmp/fakervenv/bin/pip install faker==40.63.0  # the shipped file's
    apt-get install wamerican        # /usr/share/dict/american-english
    /tmp/fakervenv/bin/python bench/annotate/make_given_names.py

Sources: the first-name lists of Faker's person providers (MIT licence) for the
Latin-script locales of Europe, the Americas, Africa and Asia (Uzbek, Turkish, Indonesian,
...), the romanized Japanese list, the Russian, Ukrainian and Greek lists transliterated to the
usual English spelling, and every name with diacritics also without them ("László" ->
"Laszlo", as English text often writes it). Left out: names of
one or two letters, titles and calendar words, and names the alias table knows as a
place or organization ("Paris", "Chelsea"). Names listed only as male (or female) are marked ``m`` (``f``), for pronoun
resolution in quote attribution. A name whose lower-case form is a common
English word (``/usr/share/dict/american-english``: "will", "grace", "mark") is marked
``word``: the annotator then trusts it only where the model already saw an entity.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import unicodedata
from pathlib import Path

import faker.providers.person as person_providers

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "etl" / "annotate" / "data" / "given_names.txt"
ALIASES = ROOT / "etl" / "annotate" / "data" / "aliases.tsv"
DICTIONARY = Path("/usr/share/dict/american-english")
LATIN_PREFIXES = (
    "cs_ da_ de_ en es_ et_ fi_ fr_ ga_ hr_ hu_ id_ is_ it_ lt_ lv_ nl_ no_ pl_ pt_ ro_ sk_ sl_ sv_ "
    "sw tr_ az_ yo_ ig_ ha_ zu_ tw_ uz_"
).split()
ROMANIZED = ("ja_JP",)  # its first_romanized_names lists
# Not read: zh_CN, zh_TW, vi_VN, ko_KR. English text writes their given names after the family name
# ("Xi Jinping", "Nguyen Van Thanh"), where a list of names that open a name does not help, and their
# syllables are place words too ("Hong" of "Hong Kong", "Minh" of "Ho Chi Minh").
CYRILLIC = ("ru_RU", "uk_UA")  # bg_BG's lists mix the sexes ("Ирма", "Карен" as male)
GREEK = ("el_GR",)


def _table(letters: str, latin: str) -> dict[str, str]:
    """Letter -> Latin spelling: each letter of ``letters`` to the space-separated word of ``latin``."""
    return dict(zip(letters, latin.split(), strict=True))


def _pairs(spec: str) -> dict[str, str]:
    """ "ου:ou αι:ai" -> {"ου": "ou", "αι": "ai"}."""
    return dict(pair.split(":") for pair in spec.split())


_TRANSLIT = _table(
    "абвгдезийклмнопрстуфхцчшщыэюяёжьъіїєґ",
    "a b v g d e z i y k l m n o p r s t u f kh ts ch sh shch y e yu ya yo zh - - i yi ye g",
)
_GREEK_PAIRS = _pairs("ου:ou αι:ai ει:ei οι:oi αυ:av ευ:ev γγ:ng γκ:gk μπ:b ντ:nt")
_GREEK = _table("αβγδεζηθικλμνξοπρσςτυφχψω", "a v g d e z i th i k l m n x o p r s s t y f ch ps o")
_UNFOLDED = _pairs("ı:i ł:l Ł:L ø:o Ø:O æ:ae Æ:Ae ß:ss đ:d Đ:D ð:d Ð:D þ:th Þ:Th")
NOT_NAMES = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday king queen prince princess major general
    judge bishop pope sheikh emir lord lady sir dame saint president senator governor mayor chief""".split()
)


def translit(name: str) -> str:
    """Russian/Ukrainian given name in the usual English spelling: "Наталья" -> "Natalya"."""
    out = "".join(_TRANSLIT.get(c, c) for c in name.lower()).replace("-", "")
    out = out.replace("iy", "y").replace("yy", "y")
    return out[:1].upper() + out[1:]


def greek(name: str) -> str:
    """Greek given name in the usual English spelling (ELOT 743 simplified): "Κυριάκος" -> "Kyriakos"."""
    out = "".join(c for c in unicodedata.normalize("NFD", name.lower()) if not unicodedata.combining(c))
    out = re.sub("([αε])υ(?=[θκξπστφχψ])", r"\1φ", out)  # "Ευθύμιος" -> "Efthymios"
    for pair, latin in _GREEK_PAIRS.items():
        out = out.replace(pair, latin)
    out = "".join(_GREEK.get(c, c) for c in out)
    return out[:1].upper() + out[1:]


def ascii_fold(name: str) -> str:
    """The name without diacritics ("László" -> "Laszlo", "Şükrü" -> "Sukru")."""
    out = "".join(_UNFOLDED.get(c, c) for c in unicodedata.normalize("NFD", name))
    return "".join(c for c in out if not unicodedata.combining(c))


def _spelled(name: str, locale: str) -> str:
    """A provider's name in Latin script: transliterated for CYRILLIC and GREEK locales, else as is."""
    if locale in GREEK:
        return greek(name)
    if locale in CYRILLIC:
        return translit(name)
    return name.capitalize() if name.isupper() else name


def provider_names() -> dict[str, set[str]]:
    """First names of the Latin-script (and transliterated) Faker locales, by list: "" (all),
    "m" (male lists), "f" (female lists); "~", "~m", "~f" the same for the forms without
    diacritics that no list spells so (their sex is read only where no list spells them)."""
    names: dict[str, set[str]] = {key: set() for key in ("", "m", "f", "~", "~m", "~f")}
    for module in pkgutil.iter_modules(person_providers.__path__):
        locale = module.name
        latin = locale.startswith(tuple(LATIN_PREFIXES))
        if not latin and locale not in CYRILLIC + GREEK + ROMANIZED:
            continue
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        prefix = "first_romanized_names" if locale in ROMANIZED else "first_names"
        for suffix, sex in (("", ""), ("_male", "m"), ("_female", "f")):
            value = getattr(provider, prefix + suffix, None)
            if isinstance(value, (list, tuple, set, dict)):
                spelled = {_spelled(str(v), locale) for v in value}
                for key, items in (("", spelled), ("~", {ascii_fold(v) for v in spelled} - spelled)):
                    names[key].update(items)
                    names[key + sex].update(items if sex else ())
    return names


def flags(name: str, names: dict[str, set[str]], words: set[str]) -> str:
    """ "word" (also a common English word), "m"/"f" (only in male/female lists), comma-joined."""
    out = ["word"] if name.lower() in words else []
    key = "" if name in names[""] else "~"
    male, female = name in names[key + "m"], name in names[key + "f"]
    out += ["m"] if male and not female else ["f"] if female and not male else []
    return ",".join(out)


def main() -> int:
    words = {w.strip() for w in DICTIONARY.read_text(encoding="utf-8").splitlines() if w[:1].islower()}
    places = {
        line.split("\t")[0].strip().lower()
        for line in ALIASES.read_text(encoding="utf-8").splitlines()
        if "\t" in line and not line.startswith("#") and line.rstrip().split("\t")[-1] != "person"
    }
    names = provider_names()
    keep = sorted(
        n
        for n in names[""] | names["~"]
        if len(n) > 2
        and n[0].isupper()
        and n.replace("-", "").replace("'", "").isalpha()
        and unicodedata.category(n[0]) == "Lu"
        and all(unicodedata.name(c, "").startswith(("LATIN", "MODIFIER")) for c in n if c.isalpha())
        and n.lower() not in NOT_NAMES
        and n.lower() not in places
    )
    lines = [
        "# Given names (first names) for etl.annotate, one a line, then TAB and flags: 'word' (also a",
        "# common English word), 'm'/'f' (listed only as male/female). Generated by bench/annotate/make_given_names.py from the",
        "# first-name lists of Faker (https://github.com/joke2k/faker, MIT licence); do not edit by hand.",
    ]
    lines += [f"{n}\t{flags(n, names, words)}".rstrip("\t") for n in keep]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(keep)} names ({sum(n.lower() in words for n in keep)} also words) -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
