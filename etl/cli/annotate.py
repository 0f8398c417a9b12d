"""``news-etl annotate FILE [--json]``: annotate an HTML page (cleaned first) or a text file."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from etl.annotate import annotate_articles, annotate_text
from etl.clean import clean_html
from etl.core.encoding import decode_bytes
from etl.core.errors import ConfigError
from etl.core.records import AnnotatedArticle, Annotation, Rejection
from etl.core.settings import Settings

_HTML = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<\?xml|<!--|<meta|<div|<p[\s>])", re.I)
_TYPES = (
    ("persons", "person"),
    ("organizations", "organization"),
    ("locations", "location"),
    ("events", "event"),
)


def cli(args, settings: Settings) -> int:
    """Annotate ``args.target`` and print it (``args.json``: one JSON object). Returns the exit code.

    Raises ConfigError for an unreadable file or a model that cannot be loaded.
    """
    path = Path(args.target)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    if is_html(path, raw):
        result = _annotate_page(raw, path, settings)
        if isinstance(result, Rejection):
            print(
                f"news-etl annotate: page rejected ({result.stage}): {result.reason} {result.detail}",
                file=sys.stderr,
            )
            return 1
        annotation, title = result.annotation, result.article.title
    else:
        annotation, title = annotate_text(decode_bytes(raw), settings), ""
    out = to_json(annotation, title=title)
    print(json.dumps(out, ensure_ascii=False, indent=2) if args.json else render(out))
    return 0


def is_html(path: Path, raw: bytes) -> bool:
    """True for ``.html``/``.htm`` files or content that starts like markup."""
    return path.suffix.lower() in (".html", ".htm", ".xhtml") or bool(_HTML.match(raw[:512]))


def _annotate_page(raw: bytes, path: Path, settings: Settings) -> AnnotatedArticle | Rejection:
    """Clean the page (``etl.clean``), then annotate it; a Rejection of either stage."""
    article = clean_html(raw, path.resolve().as_uri(), settings)
    if isinstance(article, Rejection):
        return article
    return next(annotate_articles([article], settings))


def to_json(annotation: Annotation, title: str = "") -> dict:
    """The printed JSON: entities by type (name, count, salience), quotes, keywords, language, ..."""
    out: dict = {}
    for key, etype in _TYPES:
        out[key] = [
            {"name": e.name, "count": e.count, "salience": e.salience}
            for e in annotation.entities
            if e.type == etype
        ]
    out["quotes"] = [{"speaker": q.speaker, "text": q.text} for q in annotation.quotes]
    out["keywords"] = list(annotation.keywords)
    out["language"] = annotation.language
    out["dateline"] = annotation.dateline
    out["word_count"] = annotation.word_count
    out["model"] = annotation.model
    if title:
        out["title"] = title
    return out


def render(out: dict) -> str:
    """Human-readable text version of :func:`to_json` output."""
    lines = [f"title: {out['title']}"] if out.get("title") else []
    lines.append(f"language: {out['language'] or '?'}   words: {out['word_count']}   model: {out['model']}")
    if out["dateline"]:
        lines.append(f"dateline: {out['dateline']}")
    for key, _ in _TYPES:
        items = ", ".join(f"{e['name']} ({e['count']}, {e['salience']:.2f})" for e in out[key])
        lines.append(f"{key}: {items or '-'}")
    lines.append(f"keywords: {', '.join(out['keywords']) or '-'}")
    lines.append(f"quotes: {len(out['quotes'])}")
    lines.extend(f"  - {q['speaker'] or '(unknown)'}: “{q['text']}”" for q in out["quotes"])
    return "\n".join(lines)
