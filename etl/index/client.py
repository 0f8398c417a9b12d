"""Elasticsearch client construction from :class:`etl.core.settings.Settings`."""

from __future__ import annotations

from typing import Any

from elasticsearch import Elasticsearch

from etl.core.settings import Settings


def client(settings: Settings, **kwargs: Any) -> Elasticsearch:
    """Return an ``elasticsearch.Elasticsearch`` client for ``settings``.

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
    return Elasticsearch(settings.es_url, **options)
