"""Development commands: ``news-etl es start|stop|status|fetch`` (local Elasticsearch) and
``news-etl samples serve`` (the bundled sample pages)."""

from __future__ import annotations

import argparse
import contextlib
import json
import time

from etl.core.errors import ConfigError
from etl.core.settings import Settings
from etl.dev import essecurity, esserver, samples


def es(args: argparse.Namespace, settings: Settings) -> int:
    """Download, start, stop or check the local node of ``settings``; print what happened.

    Returns 0, or 1 for ``status`` when no node answers. Raises ConfigError (no JDK, no
    Maven, non-loopback address) or TransientError (the node did not start).
    """
    if args.action == "fetch":
        print(esserver.distribution_home(settings))
    elif args.action == "start":
        node = esserver.start(settings)
        secured = f"security on, CA and credentials in {essecurity.security_dir(settings)}"
        print(f"Elasticsearch {settings.es_version} up at {node.url} ({secured if esserver.secured(settings) else 'security off'})")
    elif args.action == "stop":
        print("stopped" if esserver.stop(settings) else "not running")
    else:
        doc = esserver.health(esserver.node_for(settings).url, **esserver.access(settings))
        print(json.dumps(doc) if doc else "not running")
        return 0 if doc else 1
    return 0


def samples_serve(args: argparse.Namespace, settings: Settings | None = None) -> int:
    """Run ``news-etl samples serve [--host H] --port N``: serve the sample pages until Ctrl-C
    (or SIGTERM, e.g. ``docker stop``).

    Input: ``args.action`` (only ``"serve"``), ``args.host`` (default 127.0.0.1; 0.0.0.0 in a
    container) and ``args.port``; ``settings`` is unused.
    Output: exit code 0 after Ctrl-C; prints the base URL and the page URLs first.
    Errors: :class:`etl.core.errors.ConfigError` if the address cannot be bound.
    """
    host = getattr(args, "host", "127.0.0.1")
    try:
        with samples.serve(port=args.port, host=host) as base_url:
            print(f"Serving {samples.PAGES_DIR} at {base_url} (Ctrl-C to stop)", flush=True)
            print("\n".join(f"  {url}" for url in samples.page_urls(base_url)), flush=True)
            _sleep_until_interrupted()
    except OSError as exc:
        raise ConfigError(f"cannot serve the samples on {host}:{args.port}: {exc}") from exc
    return 0


def _sleep_until_interrupted() -> None:
    with contextlib.suppress(KeyboardInterrupt):
        while True:
            time.sleep(3600)
