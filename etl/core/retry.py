"""The one retry helper: exponential backoff with a cap, honouring a server's hint.

Every retry in news-etl goes through here: fetching pages (async), reading feeds and
sitemaps, creating the index before a load, resuming an interrupted bulk load, and calls to
the object store and the state database (:data:`SERVICE`).

- :class:`Backoff` is the policy: ``attempts`` retries after the first try, the first
  delay ``first`` seconds, doubled per attempt, never more than ``cap``; a hint (e.g. a
  ``Retry-After`` header, carried by the exception as ``retry_after``) lengthens a delay.
- :func:`retry` calls a function until it succeeds or the attempts are used up, sleeping
  between tries; :func:`aretry` does the same for a coroutine function.

Only the exception types named in ``retry_on`` are retried; the last one propagates.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Backoff:
    """Retry policy: ``attempts`` retries, delays ``first * 2**n`` capped at ``cap`` seconds."""

    attempts: int
    first: float
    cap: float

    def delay(self, attempt: int, hint: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (0-based); ``hint`` (e.g.
        Retry-After) lengthens the wait, the cap bounds both."""
        wait = max(0.0, self.first) * 2**attempt
        if hint is not None:
            wait = max(wait, hint)
        return min(wait, self.cap)


SERVICE = Backoff(attempts=3, first=0.5, cap=4.0)
"""In-process retries of one call to a shared service (object store, state database): a
hiccup is ridden out here, a longer outage raises TransientError and the task's own retries
(Airflow) take over."""


def _hint(exc: BaseException) -> float | None:
    value = getattr(exc, "retry_after", None)
    return float(value) if isinstance(value, (int, float)) else None


def retry(func: Callable[[], T], policy: Backoff, retry_on: tuple[type[BaseException], ...],
          what: str = "", sleep: Callable[[float], None] = time.sleep) -> T:
    """Return ``func()``, retried on ``retry_on`` exceptions as ``policy`` says.

    Input: a no-argument callable, the policy, the retryable exception types and a label
    for the log. Output: the callable's result. Errors: the last retryable exception once
    the attempts are used up; any other exception at once.
    """
    for attempt in range(policy.attempts + 1):
        try:
            return func()
        except retry_on as exc:
            if attempt >= policy.attempts:
                raise
            wait = policy.delay(attempt, _hint(exc))
            log.warning("%s: %s; retry %d of %d in %.1fs", what or "retry", exc, attempt + 1, policy.attempts, wait)
            sleep(wait)
    raise AssertionError("unreachable")


async def aretry(func: Callable[[], Awaitable[T]], policy: Backoff, retry_on: tuple[type[BaseException], ...],
                 what: str = "", on_retry: Callable[[BaseException, float], None] | None = None) -> T:
    """Async twin of :func:`retry`: awaits ``func()``; ``on_retry(exc, wait)`` is called
    before each wait (e.g. to pause a host after a 429 with Retry-After)."""
    for attempt in range(policy.attempts + 1):
        try:
            return await func()
        except retry_on as exc:
            if attempt >= policy.attempts:
                raise
            wait = policy.delay(attempt, _hint(exc))
            if on_retry is not None:
                on_retry(exc, wait)
            log.debug("%s: %s; retry %d of %d in %.2fs", what or "retry", exc, attempt + 1, policy.attempts, wait)
            await asyncio.sleep(wait)
    raise AssertionError("unreachable")
