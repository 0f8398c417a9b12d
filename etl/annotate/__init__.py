"""Annotate stage: entities (canonical facet values), quotes, keywords, language, dateline.

Public interface (spaCy is imported lazily, on first use)::

    annotate_articles(articles, settings, run_id="") -> Iterator[AnnotatedArticle | Rejection]
    annotate_text(text, settings, *, title="", lead="", language="") -> Annotation
    entity_facets(title, body) -> {"persons": [...], "organizations": [...], "locations": [...]}

The annotated text is ``title + "\\n\\n" + lead + "\\n\\n" + body`` (+ image captions for
articles; empty parts and a lead repeated at the start of the body left out); every
offset refers to it (see :mod:`etl.annotate.annotation`). English text and name lists or
results tables in any language go through the (English) NER model; other languages get
persons by name shape, places and organizations from the multilingual alias table
(``Entity.sources`` says which), language, dateline and word count.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import re
from collections.abc import Iterable, Iterator

from etl.annotate.annotation import Composed, build_annotation, compose, plain_annotation
from etl.annotate.canonical import load_aliases
from etl.annotate.model import MAX_CHARS, load_model, model_label
from etl.core.language import detect_language
from etl.core.records import AnnotatedArticle, Annotation, CleanedArticle, Rejection
from etl.core.settings import Settings

__all__ = ["annotate_articles", "annotate_text", "compose", "entity_facets"]

log = logging.getLogger(__name__)
STAGE = "annotate"
#: Languages run through the (English) NER model; "" = too short to tell, treated as English.
NER_LANGUAGES = ("en", "")
_WORDS = re.compile(r"[^\W\d_]+")
_LIST_SAMPLE = 2000  # characters read to tell a name list / results table from prose
_LIST_LOWER_SHARE = 0.35  # prose: English ~0.75, German ~0.6 of words lower-case; tables ~0.2


def annotate_text(
    text: str, settings: Settings, *, title: str = "", lead: str = "", language: str = ""
) -> Annotation:
    """Annotate one text (``text`` is the body; ``title``/``lead`` are optional).

    ``language`` is a hint (e.g. the page's declared language) used only for very short
    text. Returns an Annotation (empty entities for empty or non-English text).
    Raises ConfigError when the model cannot be loaded or the alias file is invalid.
    """
    composed = compose(title, lead, text[:MAX_CHARS])
    lang = detect_language(composed.text, language)
    nlp = load_model(settings.spacy_model)
    if not composed.text:
        return plain_annotation(composed, language=lang, model=model_label(nlp))
    aliases = load_aliases(settings.annotate_aliases_file)
    doc = nlp(composed.text) if runs_ner(lang, composed.text) else None
    return build_annotation(doc, composed, aliases, language=lang, model=model_label(nlp))


def entity_facets(title: str, body: str) -> dict[str, list[str]]:
    """Facet values of one story, the benchmark plugin interface (kept stable).

    Input: title and body text. Output: ``{"persons": [...], "organizations": [...],
    "locations": [...]}`` (canonical names, by salience). Settings come from the
    ``NEWS_ETL_*`` environment. Raises ConfigError when the model or aliases cannot load.
    """
    annotation = annotate_text(body, _facet_settings(), title=title)
    return {
        "persons": list(annotation.persons),
        "organizations": list(annotation.organizations),
        "locations": list(annotation.locations),
    }


@functools.lru_cache(maxsize=1)
def _facet_settings() -> Settings:
    return Settings.from_env()


def annotate_articles(
    articles: Iterable[CleanedArticle], settings: Settings, run_id: str = ""
) -> Iterator[AnnotatedArticle | Rejection]:
    """Annotate articles in input order, one output per input.

    Texts go through ``nlp.pipe`` in batches of ``settings.annotate_batch_size``, on
    ``settings.annotate_processes`` worker processes when > 1; the model is loaded once
    per process. Non-English articles skip NER (their text is replaced by "" in the
    stream; they get places and organizations from the multilingual alias table and
    persons by name shape). Yields a Rejection (stage "annotate", reason "empty_text") for
    an article without title or body text, and reason "error" (logged) should the rules fail
    on one. Text over ``MAX_CHARS`` is cut. Raises ConfigError when the model or aliases cannot load.
    """
    nlp = load_model(settings.spacy_model)
    aliases = load_aliases(settings.annotate_aliases_file)
    label = model_label(nlp)
    stream = nlp.pipe(
        _texts(articles),
        as_tuples=True,
        batch_size=max(1, settings.annotate_batch_size),
        n_process=_processes(settings),
    )
    for doc, (article, composed, lang, ner) in stream:
        if not composed.text.strip():
            yield Rejection(
                article.url, STAGE, "empty_text", "no title or body text to annotate", article.source
            )
            continue
        try:
            annotation = build_annotation(doc if ner else None, composed, aliases, language=lang, model=label)
        except Exception as exc:  # a rule bug must cost one article, counted, not the run
            log.exception("annotate: rules failed for %s", article.url)
            yield Rejection(article.url, STAGE, "error", f"{type(exc).__name__}: {exc}"[:300], article.source)
            continue
        yield AnnotatedArticle(article=article, annotation=annotation, run_id=run_id)


def runs_ner(language: str, text: str) -> bool:
    """True when ``text`` goes through the (English) NER model.

    English text and text too short to tell do; so does a name list or results table in
    any language (under 35% of its words lower-case: "1. Ludmila Engquist (Sweden) 12.60"
    reads as no language, and the model still finds the names in it).
    """
    if language in NER_LANGUAGES:
        return True
    words = _WORDS.findall(text[:_LIST_SAMPLE])
    return len(words) >= 20 and sum(w[0].islower() for w in words) < _LIST_LOWER_SHARE * len(words)


def _processes(settings: Settings) -> int:
    """Worker count for ``nlp.pipe``: 1 inside a daemonic process (which may not have children)."""
    wanted = max(1, settings.annotate_processes)
    if wanted > 1 and multiprocessing.current_process().daemon:
        log.warning("annotate: running in a daemonic process, using 1 process instead of %d", wanted)
        return 1
    return wanted


def _texts(articles: Iterable[CleanedArticle]):
    """(text for the model, (article, composed text, language, runs NER)) per article."""
    for article in articles:
        captions = tuple(image.caption for image in article.images)
        composed: Composed = compose(article.title, article.lead, article.body[:MAX_CHARS], captions)
        lang = detect_language(composed.text, article.language) if composed.text.strip() else ""
        ner = runs_ner(lang, composed.text)
        yield (composed.text if ner else ""), (article, composed, lang, ner)
