"""Delivering a notification: a webhook (JSON POST) and an e-mail (SMTP), each retried, never raising.

Both go through :func:`etl.core.retry.retry` (``alert_retries`` retries, ``alert_backoff``
doubled up to ``alert_max_backoff``): connection errors, timeouts, HTTP 408/429/5xx and SMTP
4xx replies are transient; other HTTP 4xx and SMTP 5xx replies fail at once. The outcome is
a result dict ``{"status": "sent"|"failed", "attempts": n, "error": reason}`` that the alerts
run counts and stores: a receiver that is down never fails the run. Receivers can drop
repeats by the notification id (JSON ``id``, header ``X-News-Etl-Delivery``, e-mail
``Message-ID``), the same on every retry of a delivery. Webhook URLs often carry a token:
only their host is logged.
"""

from __future__ import annotations

import json
import logging
import smtplib
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import urlsplit

import httpx

from etl.alerts.log import NEW_STORY, TEST, Notification
from etl.alerts.store import Alert
from etl.core.errors import EtlError, TransientError
from etl.core.retry import Backoff, retry
from etl.core.settings import Settings

log = logging.getLogger(__name__)
NOT_CONFIGURED = "email_not_configured"
_RETRY_STATUS = {408, 429, 500, 502, 503, 504}


class _Refused(EtlError):
    """The receiver refused the notification for good (HTTP 4xx, SMTP 5xx): not retried."""


def feed_path(alert_name: str) -> str:
    """The path of an alert's Atom feed on the API."""
    return f"/alerts/{alert_name}.atom"


def payload(alert: Alert, n: Notification) -> dict:
    """The webhook's JSON body for notification ``n`` of ``alert``."""
    return {"id": n.id, "alert": alert.name, "query": alert.q, "filters": {k: list(v) for k, v in alert.filters.items()},
            "event": n.event, "story_id": n.story_id, "title": n.title, "outlets": list(n.outlets),
            "new_outlets": list(n.new_outlets), "articles": [dict(a) for a in n.articles], "run_id": n.run_id,
            "logical_date": n.logical_date, "feed": feed_path(alert.name)}


def backoff(settings: Settings) -> Backoff:
    """The delivery retry policy from settings."""
    return Backoff(attempts=settings.alert_retries, first=settings.alert_backoff, cap=settings.alert_max_backoff)


def _attempted(func: Callable[[], None], settings: Settings, what: str) -> dict:
    """Run ``func`` under the retry policy; return the result dict (never raises an EtlError/OSError)."""
    tries = 0

    def once() -> None:
        nonlocal tries
        tries += 1
        func()

    try:
        retry(once, backoff(settings), (TransientError,), what=what)
    except Exception as exc:  # noqa: BLE001 - a receiver's fault, whatever it is, never fails the run
        log.warning("%s failed after %d tries: %s", what, tries, exc)
        return {"status": "failed", "attempts": tries, "error": str(exc)[:500]}
    return {"status": "sent", "attempts": tries}


# ----------------------------------------------------------------------------- webhook


def _post(url: str, body: bytes, delivery_id: str, settings: Settings) -> None:
    headers = {"Content-Type": "application/json", "User-Agent": settings.user_agent,
               "X-News-Etl-Delivery": delivery_id}
    try:
        resp = httpx.post(url, content=body, headers=headers, timeout=settings.alert_timeout)
    except httpx.TransportError as exc:
        raise TransientError(f"unreachable: {type(exc).__name__}") from exc
    if resp.status_code in _RETRY_STATUS:
        err = TransientError(f"answered HTTP {resp.status_code}")
        err.retry_after = _seconds(resp.headers.get("Retry-After"))  # type: ignore[attr-defined]
        raise err
    if resp.status_code >= 300:
        raise _Refused(f"refused the notification: HTTP {resp.status_code}")


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def send_webhook(alert: Alert, n: Notification, settings: Settings) -> dict:
    """POST ``n`` as JSON to ``alert.webhook``; return the delivery result."""
    body = json.dumps(payload(alert, n), ensure_ascii=False).encode("utf-8")
    what = f"alert {alert.name}: webhook {urlsplit(alert.webhook).hostname}"
    return _attempted(lambda: _post(alert.webhook, body, n.id, settings), settings, what)


# ----------------------------------------------------------------------------- e-mail


def email_message(alert: Alert, n: Notification, settings: Settings) -> EmailMessage:
    """The e-mail for notification ``n`` (plain text, one paragraph per article)."""
    msg = EmailMessage()
    what = {NEW_STORY: "new story", TEST: "test"}.get(n.event) or f"{', '.join(n.new_outlets)} joined"
    msg["Subject"] = f"[news-etl] {alert.name}: {what}: {n.title}"[:200]
    msg["From"] = settings.alert_smtp_from
    msg["To"] = alert.email
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = f"<{n.id}@news-etl>"
    msg["X-News-Etl-Alert"] = alert.name
    lines = [f"Alert {alert.name!r}: {alert.q or ''} {_filters_text(alert)}".rstrip(), "",
             {NEW_STORY: "A new story matches.", TEST: "A test of this alert's delivery."}.get(n.event)
             or f"New outlets on a story you were told about: {', '.join(n.new_outlets)}.",
             f"Outlets so far: {', '.join(n.outlets)}", ""]
    for a in n.articles:
        lines += [f"- {a.get('title') or '(untitled)'}", f"  {a.get('outlet')}, {a.get('published_at') or 'undated'}",
                  f"  {a.get('url')}", ""]
    lines += [f"Run {n.run_id} ({n.logical_date}); feed: {feed_path(alert.name)}"]
    msg.set_content("\n".join(lines))
    return msg


def _filters_text(alert: Alert) -> str:
    return " ".join(f"[{k}: {' | '.join(v)}]" for k, v in alert.filters.items())


def _smtp_send(msg: EmailMessage, settings: Settings) -> None:
    try:
        with smtplib.SMTP(settings.alert_smtp_host, settings.alert_smtp_port, timeout=settings.alert_timeout) as smtp:
            if settings.alert_smtp_starttls:
                smtp.starttls()
            if settings.alert_smtp_username:
                smtp.login(settings.alert_smtp_username, settings.alert_smtp_password)
            smtp.send_message(msg)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        raise (TransientError if all(400 <= c < 500 for c in codes) else _Refused)(
            f"SMTP refused the recipient: {codes}") from exc
    except smtplib.SMTPResponseException as exc:
        kind = TransientError if 400 <= exc.smtp_code < 500 else _Refused
        raise kind(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}"[:300]) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise TransientError(f"SMTP {settings.alert_smtp_host}:{settings.alert_smtp_port}: "
                             f"{type(exc).__name__}: {exc}") from exc


def send_email(alert: Alert, n: Notification, settings: Settings) -> dict:
    """Send ``n`` to ``alert.email`` through ``alert_smtp_host``; return the delivery result
    (``failed`` with :data:`NOT_CONFIGURED` when no SMTP host is set)."""
    if not settings.alert_smtp_host:
        return {"status": "failed", "attempts": 0, "error": NOT_CONFIGURED}
    msg = email_message(alert, n, settings)
    return _attempted(lambda: _smtp_send(msg, settings), settings, f"alert {alert.name}: e-mail")


def channels(alert: Alert) -> list[str]:
    """The delivery channels an alert has (the feed needs none: it reads the log)."""
    return [c for c, target in (("webhook", alert.webhook), ("email", alert.email)) if target]


def deliver(alert: Alert, n: Notification, settings: Settings) -> Notification:
    """Deliver ``n`` over every channel of ``alert`` not delivered yet; return it with the results."""
    senders = {"webhook": send_webhook, "email": send_email}
    for channel in n.pending(channels(alert)):
        n = n.delivered(channel, senders[channel](alert, n, settings))
    return n
