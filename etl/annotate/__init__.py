"""Annotate stage: entities (canonical facet values), quotes, keywords, language, dateline.

Public interface (spaCy is imported lazily, on first use)::

    annotate_articles(articles, settings, run_id="") -> Iterator[AnnotatedArticle | Rejection]
    annotate_text(text, settings, *, title="", lead="", language="") -> Annotation

The annotated text is ``title + "\\n\\n" + lead + "\\n\\n" + body`` (+ image captions for
articles; empty parts and a lead repeated at the start of the body left out); every
offset refers to it (see :mod:`etl.annotate.annotation`). Only English text goes through the (English) NER model;
other languages get language, dateline and word count only.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterable, Iterator

from etl.annotate.annotation import Composed, build_annotation, compose, plain_annotation
from etl.annotate.canonical import load_aliases
from etl.annotate.model import MAX_CHARS, load_model, model_label
from etl.core.language import detect_language
from etl.core.records import AnnotatedArticle, Annotation, CleanedArticle, Rejection
from etl.core.settings import Settings

__all__ = ["annotate_articles", "annotate_text", "compose"]

log = logging.getLogger(__name__)
STAGE = "annotate"
#: Languages run through the (English) NER model; "" = too short to tell, treated as English.
NER_LANGUAGES = ("en", "")


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
    if lang not in NER_LANGUAGES or not composed.text:
        return plain_annotation(composed, language=lang, model=model_label(nlp))
    aliases = load_aliases(settings.annotate_aliases_file)
    return build_annotation(nlp(composed.text), composed, aliases, language=lang, model=model_label(nlp))


def annotate_articles(
    articles: Iterable[CleanedArticle], settings: Settings, run_id: str = ""
) -> Iterator[AnnotatedArticle | Rejection]:
    """Annotate articles in input order, one output per input.

    Texts go through ``nlp.pipe`` in batches of ``settings.annotate_batch_size``, on
    ``settings.annotate_processes`` worker processes when > 1; the model is loaded once
    per process. Non-English articles skip NER (their text is replaced by "" in the
    stream). Yields a Rejection (stage "annotate", reason "empty_text") for an article
    without title or body text. Raises ConfigError when the model or aliases cannot load.
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
    for doc, (article, composed, lang) in stream:
        if not composed.text.strip():
            yield Rejection(article.url, STAGE, "empty_text", "no title or body text to annotate")
            continue
        if lang in NER_LANGUAGES:
            annotation = build_annotation(doc, composed, aliases, language=lang, model=label)
        else:
            annotation = plain_annotation(composed, language=lang, model=label)
        yield AnnotatedArticle(article=article, annotation=annotation, run_id=run_id)


def _processes(settings: Settings) -> int:
    """Worker count for ``nlp.pipe``: 1 inside a daemonic process (which may not have children)."""
    wanted = max(1, settings.annotate_processes)
    if wanted > 1 and multiprocessing.current_process().daemon:
        log.warning("annotate: running in a daemonic process, using 1 process instead of %d", wanted)
        return 1
    return wanted


def _texts(articles: Iterable[CleanedArticle]):
    """(text for the model, (article, composed text, language)) per article."""
    for article in articles:
        captions = tuple(image.caption for image in article.images)
        composed: Composed = compose(article.title, article.lead, article.body[:MAX_CHARS], captions)
        lang = detect_language(composed.text, article.language) if composed.text.strip() else ""
        yield (composed.text if lang in NER_LANGUAGES else ""), (article, composed, lang)
