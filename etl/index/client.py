"""Elasticsearch client construction from :class:`etl.core.settings.Settings`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from elasticsearch import (
    ApiError,
    AuthenticationException,
    AuthorizationException,
    ConnectionTimeout,
    Elasticsearch,
    NotFoundError,
    SSLError,
    TransportError,
)
from elasticsearch import ConnectionError as ESConnectionError

from etl.core.errors import ConfigError, EtlError, TransientError
from etl.core.settings import Settings

BUSY = (429, 502, 503, 504)


def client(settings: Settings, **kwargs: Any) -> Elasticsearch:
    """Return an ``elasticsearch.Elasticsearch`` client for ``settings``.

    ``settings.es_url`` may list several nodes, comma-separated: requests go round-robin and a
    node that stops answering is set aside while the others serve (the client's retries).
    Uses an API key when set, else basic auth when a username is set; TLS CA bundle
    and verification come from settings. Credentials are never logged. Retries on
    connection errors and timeouts are done by the client (``es_max_retries``).
    """
    options: dict[str, Any] = {
        "request_timeout": settings.es_request_timeout,
        "max_retries": settings.es_max_retries,
        "retry_on_timeout": True,
        "retry_on_status": (429, 502, 503, 504),
    }
    if settings.es_api_key:
        options["api_key"] = settings.es_api_key
    elif settings.es_username:
        options["basic_auth"] = (settings.es_username, settings.es_password)
    if settings.es_url.startswith("https"):
        if settings.es_ca_certs:
            options["ca_certs"] = settings.es_ca_certs
        options["verify_certs"] = settings.es_verify_certs
    options.update(kwargs)
    nodes = [url.strip() for url in settings.es_url.split(",") if url.strip()]  # several nodes of one cluster
    return Elasticsearch(nodes, **options)


@contextmanager
def es_errors(settings: Settings, doing: str) -> Iterator[None]:
    """Turn the Elasticsearch errors raised inside the block into one-line news-etl errors.

    ``doing`` says what was being done ("searching"). Unreachable, timed out or busy (429,
    5xx) -> TransientError; TLS failure or refused credentials -> ConfigError; a missing index
    -> EtlError telling how to create it; any other error -> EtlError with its status and type.
    """
    try:
        yield
    except SSLError as exc:
        raise ConfigError(f"TLS to Elasticsearch at {settings.es_url} failed while {doing} "
                          f"(check NEWS_ETL_ES_CA_CERTS): {exc.message}") from exc
    except (ESConnectionError, ConnectionTimeout) as exc:  # refused, reset, no answer in time
        raise TransientError(f"Elasticsearch unreachable at {settings.es_url} while {doing} "
                             f"({type(exc).__name__})") from exc
    except (AuthenticationException, AuthorizationException) as exc:
        raise ConfigError(f"Elasticsearch at {settings.es_url} refused the credentials while {doing} "
                          f"(HTTP {exc.meta.status})") from exc
    except NotFoundError as exc:
        if exc.error != "index_not_found_exception":
            raise EtlError(f"Elasticsearch: not found while {doing}: {exc.error}") from exc
        raise EtlError(f"no index behind {settings.index_alias!r} at {settings.es_url}: "
                       "run `news-etl index create` or `news-etl ingest` first") from exc
    except ApiError as exc:
        status = exc.meta.status
        if status in BUSY:
            raise TransientError(f"Elasticsearch busy while {doing} (HTTP {status}): try again later") from exc
        raise EtlError(f"Elasticsearch refused a request while {doing} (HTTP {status}: {exc.error})") from exc
    except TransportError as exc:
        raise EtlError(f"Elasticsearch transport error while {doing}: {exc.message}") from exc
