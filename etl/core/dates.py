"""Machine-written instants: feed, sitemap and HTTP dates as aware UTC datetimes.

Used where a date is a point in time to compare (a feed item's ``pubDate``, a sitemap's
``lastmod``, the logical date of a run, ``fetched_at`` of the fetch state). Dates written
for people inside an article (bylines, datelines, ``<meta>`` tags) are read by
:func:`etl.clean.dates.parse_date`, which knows many more formats and time zones.
"""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime


def parse_instant(text: str | None) -> datetime | None:
    """Parse an RFC 822 or ISO 8601 / W3C date into an aware UTC datetime.

    Input: the date text (None or blank allowed). Output: the instant in UTC; a date
    without a time (``2025-03-10``) stands for the whole day, so its last second is
    returned (neither the run's interval filter nor the fetch state then drops a page of
    that day); a date without a zone is taken as UTC. Errors: none, an unreadable date
    gives None.
    """
    text = (text or "").strip()
    if not text:
        return None
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        text += "T23:59:59+00:00"
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)
