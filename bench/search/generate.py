"""Synthetic but varied ``AnnotatedArticle`` records for the search benchmark.

Deterministic for a seed. Vocabulary: lower-case words of the shipped hunspell en_US
dictionary drawn with a Zipf-like law (realistic term statistics), mixed with topic
words (politics, economy, climate, ...) and entity names whose popularity is also
skewed, so facets have a long tail. Dates span 2015-2019; some articles are undated.

    python bench/search/generate.py --count 10000 --out var/bench/articles.jsonl
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import random
import re
from pathlib import Path

from etl.core.records import AnnotatedArticle, Annotation, CleanedArticle, Entity, Image, Quote

ROOT = Path(__file__).resolve().parents[2]
DIC = ROOT / "mappings" / "hunspell" / "en_US" / "en_US.dic"

FIRST = ("Anna Boris Carlos Diana Elena Farid Grace Hiro Ines Jamal Kofi Lena Marta Nikos Olga Pedro Qin Rosa "
         "Sven Tariq Ursula Viktor Wei Ximena Yusuf Zofia Ahmed Bianca Chen Dmitri Emma Felix Giulia Hannah "
         "Igor Julia Karim Laura Mateo Nadia").split()
LAST = ("Novak Müller García Kowalski Ivanov Tanaka Okafor Rossi Dubois Schmidt Haddad Nilsson Costa Petrov "
        "Moreau Jensen Silva Kaya Horvat Lindqvist Nakamura Mensah Fischer Romero Weber Almeida Popescu "
        "Svensson Yilmaz Ortega Janssen Kruger Fernández Berg Sato Adeyemi Dimitrov Laine Brennan Çelik").split()
FAMOUS = ["Vladimir Putin", "Donald Trump", "Rex Tillerson", "Angela Merkel", "Emmanuel Macron", "Xi Jinping",
          "Theresa May", "Justin Trudeau", "Shinzo Abe", "Narendra Modi", "Recep Tayyip Erdoğan",
          "Jean-Claude Juncker", "Sergey Lavrov", "Mike Pompeo", "Boris Johnson", "Kim Jong-un"]
ORGS = ["United Nations", "NATO", "European Union", "World Bank", "IMF", "Kremlin", "State Department",
        "Federal Reserve", "European Central Bank", "OPEC", "WHO", "Google", "Apple", "Amazon", "Microsoft",
        "Siemens", "Toyota", "Gazprom", "Bundestag", "Pentagon", "Red Cross", "Greenpeace", "FIFA", "IOC",
        "Reuters", "Bank of England", "Congress", "Supreme Court", "Airbus", "Boeing", "Samsung", "Tesla",
        "Nestlé", "Société Générale", "Volkswagen", "BP", "Shell", "Huawei", "Alibaba", "Interpol"]
LOCATIONS = ["Russia", "United States", "Germany", "France", "China", "Japan", "India", "Brazil", "Ukraine",
             "Syria", "Iran", "Turkey", "United Kingdom", "Canada", "Mexico", "Italy", "Spain", "Poland",
             "Moscow", "Washington", "Berlin", "Paris", "Beijing", "Tokyo", "London", "Brussels", "Geneva",
             "Helsinki", "Kyiv", "Damascus", "Tehran", "Ankara", "Ottawa", "São Paulo", "Zürich", "Kraków",
             "New York", "Los Angeles", "Nairobi", "Lagos", "Cairo", "Sydney", "Seoul", "Pyongyang",
             "Crimea", "Davos", "Strasbourg", "Vienna", "Reykjavík", "Málaga", "Istanbul", "Mumbai"]
EVENTS = ["G20 summit", "Helsinki summit", "World Economic Forum", "Brexit referendum", "COP23",
          "German federal election", "French presidential election", "US midterm elections", "World Cup",
          "Olympic Games", "Paris climate agreement", "NATO summit", "Munich Security Conference",
          "Davos forum", "UN General Assembly", "Asian Games", "Eurovision", "Nobel Prize ceremony"]
SITES = ["Example News", "Daily Planet", "Global Times Wire", "The Morning Ledger", "Le Monde English",
         "Market Wire", "Tech Herald", "Policy Review", "Northern Post", "Harbour Gazette", "City Tribune",
         "The Evening Standard-Bearer", "Continental Reporter", "Pacific Dispatch", "Alpine Courier",
         "Capital Observer", "Metro Daily", "Sunrise Bulletin", "Atlantic Chronicle", "Eastern Voice"]
TOPICS = {
    "politics": ("World", "election vote parliament minister government coalition opposition campaign "
                 "president sanctions diplomacy treaty summit talks negotiations policy reform law"),
    "economy": ("Business", "market markets stocks shares investors inflation tariffs trade growth economy "
                "bank banks interest rates oil prices currency exports imports deficit budget jobs"),
    "climate": ("Science", "climate emissions carbon warming temperatures energy renewable solar wind coal "
                "pollution glaciers drought floods environment agreement targets"),
    "technology": ("Technology", "software data privacy internet smartphone chips startup artificial "
                   "intelligence cloud security hackers platform users network devices"),
    "health": ("Health", "hospital patients vaccine virus outbreak doctors treatment disease health "
               "medicine research trial drugs epidemic care"),
    "sport": ("Sport", "match team players coach season league goal tournament championship final fans "
              "stadium victory defeat record"),
    "conflict": ("World", "troops military ceasefire attack forces border refugees conflict war peace "
                 "missile security soldiers rebels offensive"),
}
SECTIONS_EXTRA = ["Opinion", "Europe", "Asia", "Americas", "Africa", "Middle East"]
VERBS = "said announced warned argued insisted told reported claimed added noted suggested".split()


COMMON = ("the of and to in a is that for on was with as by at from it be has have are said not this but "
          "were had its after an which or more their been over new who also two they will would about "
          "than one year first last some other could into up people only we there her his when").split()


def _sentence(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def _dictionary_words(limit: int = 20000) -> list[str]:
    words = []
    for line in DIC.read_text(encoding="utf-8", errors="ignore").splitlines()[1:]:
        w = line.split("/", 1)[0]
        if re.fullmatch(r"[a-z]{3,12}", w):
            words.append(w)
    rnd = random.Random(7)
    rnd.shuffle(words)
    return COMMON + words[: limit - len(COMMON)]


class Generator:
    """``Generator(seed).article(i)`` -> a deterministic AnnotatedArticle."""

    def __init__(self, seed: int = 42):
        self.seed = seed
        self.words = _dictionary_words()
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** 1.05 for r in range(len(self.words))))
        rnd = random.Random(seed)
        generated = sorted({f"{rnd.choice(FIRST)} {rnd.choice(LAST)}" for _ in range(600)})
        rnd.shuffle(generated)
        self.persons = FAMOUS + generated
        self.orgs = ORGS + [f"{rnd.choice(LAST)} {s}" for s in ("Group", "Holdings", "Institute", "Foundation",
                                                                 "Party", "Union", "Bank", "Labs") for _ in range(12)]
        self.tags = sorted({w for _, (_, ws) in TOPICS.items() for w in ws.split()[:8]})

    def _pick(self, rnd: random.Random, pool: list[str], k: int, skew: float = 3.0) -> list[str]:
        out: list[str] = []
        for _ in range(k * 3):
            if len(out) >= k:
                break
            i = int(len(pool) * rnd.random() ** skew)  # power law: low indices are popular
            if pool[i] not in out:
                out.append(pool[i])
        return out

    def _filler(self, rnd: random.Random, n: int) -> list[str]:
        total = self.cum[-1]
        return [self.words[bisect.bisect_left(self.cum, rnd.random() * total)] for _ in range(n)]

    def article(self, i: int) -> AnnotatedArticle:
        rnd = random.Random(f"{self.seed}-{i}")
        topic = rnd.choice(list(TOPICS))
        section, topic_words = TOPICS[topic]
        topic_words = topic_words.split()
        if rnd.random() < 0.15:
            section = rnd.choice(SECTIONS_EXTRA)
        persons = self._pick(rnd, self.persons, rnd.randint(0, 4))
        orgs = self._pick(rnd, self.orgs, rnd.randint(0, 3))
        locs = self._pick(rnd, LOCATIONS, rnd.randint(1, 4), skew=2.0)
        events = self._pick(rnd, EVENTS, 1, skew=1.5) if rnd.random() < 0.3 else []
        paragraphs, quotes = [], []
        for _p in range(rnd.randint(4, 10)):
            sentences = []
            for _s in range(rnd.randint(2, 5)):
                words = self._filler(rnd, rnd.randint(8, 22))
                for _ in range(rnd.randint(1, 4)):
                    words.insert(rnd.randrange(len(words)), rnd.choice(topic_words))
                if persons and rnd.random() < 0.5:
                    words.insert(0, f"{rnd.choice(persons)} {rnd.choice(VERBS)}")
                elif locs and rnd.random() < 0.4:
                    words.insert(rnd.randrange(len(words)), f"in {rnd.choice(locs)}")
                if orgs and rnd.random() < 0.3:
                    words.insert(rnd.randrange(len(words)), f"the {rnd.choice(orgs)}")
                sentences.append(_sentence(words))
            if persons and rnd.random() < 0.35:
                speaker = rnd.choice(persons)
                text = _sentence(self._filler(rnd, rnd.randint(6, 14)) + rnd.sample(topic_words, 2)
                                 + ([rnd.choice(locs)] if locs else []))
                quotes.append(Quote(speaker=speaker, text=text))
                sentences.append(f"\u201c{text}\u201d {speaker} {rnd.choice(VERBS)}.")
            paragraphs.append(" ".join(sentences))
        body = "\n".join(paragraphs)
        subject = persons[0] if persons else (orgs[0] if orgs else locs[0])
        title = (f"{subject} {rnd.choice(VERBS)} {rnd.choice(topic_words)} "
                 f"{' '.join(self._filler(rnd, 2))} {rnd.choice(topic_words)}"
                 + (f" in {locs[-1]}" if locs else "")).strip()
        title = title[0].upper() + title[1:]
        lead = _sentence(self._filler(rnd, 12) + [rnd.choice(topic_words)])
        day = rnd.randrange(5 * 365)
        y, rest = 2015 + day // 365, day % 365
        month, dom = 1 + rest // 31 % 12, 1 + rest % 28
        published = None if rnd.random() < 0.03 else f"{y}-{month:02d}-{dom:02d}T{rnd.randrange(24):02d}:00:00+00:00"
        entities = []
        for kind, names in (("person", persons), ("organization", orgs), ("location", locs), ("event", events)):
            for rank, name in enumerate(names):
                entities.append(Entity(name=name, type=kind, count=body.count(name) or 1,
                                       salience=round(1.0 / (rank + 1.5), 3), first_offset=max(0, body.find(name))))
        site = SITES[int(len(SITES) * rnd.random() ** 2)]
        doc_id = hashlib.sha1(f"bench-{self.seed}-{i}".encode()).hexdigest()[:20]
        tags = sorted(set(rnd.sample(topic_words[:8], rnd.randint(1, 3))))
        return AnnotatedArticle(
            article=CleanedArticle(
                url=f"https://{site.lower().replace(' ', '-')}.example/{y}/{topic}/{doc_id}", doc_id=doc_id,
                title=title, body=body, lead=lead,
                authors=tuple(f"{rnd.choice(FIRST)} {rnd.choice(LAST)}" for _ in range(rnd.randint(0, 2))),
                agency="Reuters" if rnd.random() < 0.2 else "", site_name=site, section=section,
                tags=tuple(tags), language="en", published_at=published, modified_at=published,
                images=(Image(url=f"https://img.example/{doc_id}.jpg", caption=lead[:60], credit="Staff"),)
                if rnd.random() < 0.5 else (),
                fetched_at="2020-01-01T00:00:00+00:00", source="bench", content_hash=f"sha1:{doc_id}",
                extractor_version="bench-1",
            ),
            annotation=Annotation(
                language="en", persons=tuple(persons), organizations=tuple(orgs), locations=tuple(locs),
                events=tuple(events), entities=tuple(entities), quotes=tuple(quotes), keywords=tuple(tags),
                word_count=len(body.split()), model="bench-generator",
            ),
            run_id=f"bench-{self.seed}",
        )

    def articles(self, count: int):
        for i in range(count):
            yield self.article(i)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--count", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", default=str(ROOT / "var" / "bench" / "articles.jsonl"))
    args = p.parse_args(argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for a in Generator(args.seed).articles(args.count):
            fh.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
    print(f"wrote {args.count} articles to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
