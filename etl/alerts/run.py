"""One alerts run: every saved search over the documents one ingest run indexed or changed.

For each alert (:func:`run_alerts`): its matches among the run's documents grouped by story
(:func:`etl.alerts.match.story_matches`); the notifications this run already made for it
(a retried task or a rerun: :func:`etl.alerts.log.of_run`) are kept and only their
undelivered channels tried again; for the other stories, :func:`etl.alerts.match.plan`
decides from the outlets told about in earlier runs; each new notification is stored
*before* it is delivered, then stored again with the delivery results.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from elasticsearch import BadRequestError

from etl.alerts import log as alert_log
from etl.alerts.deliver import NOT_CONFIGURED, channels, deliver
from etl.alerts.log import Notification
from etl.alerts.match import plan, story_matches
from etl.alerts.store import Alert, list_alerts
from etl.core.settings import Settings
from etl.search.request import InvalidQuery

log = logging.getLogger(__name__)


@dataclass
class AlertsRun:
    """What one alerts run did: counts and the run's notifications (new or found again)."""

    alerts: int = 0
    matched: int = 0  # documents of the run matching some alert
    stories: int = 0  # (alert, story) pairs among them
    new: int = 0  # notifications made by this run for the first time
    again: int = 0  # notifications this run had made before (retry, rerun)
    unchanged: int = 0  # stories already told about, no new outlet
    sent: Counter = field(default_factory=Counter)  # channel -> deliveries that succeeded now
    failed: Counter = field(default_factory=Counter)  # reason -> deliveries that failed now
    notifications: list[Notification] = field(default_factory=list)


def run_alerts(es, settings: Settings, logical_date: str, run_id: str) -> AlertsRun:
    """Run every saved search over run ``run_id``'s documents; notify; return the counts.

    Delivery failures are counted, never raised; so is an alert whose saved search is no
    longer valid (``invalid_alert``: skipped). Raises Elasticsearch errors (the caller maps
    them to TransientError) and ConfigError for a bad mapping file.
    """
    result = AlertsRun()
    alerts = list_alerts(es, settings)
    result.alerts = len(alerts)
    if not alerts:
        return result
    if not es.indices.exists_alias(name=settings.index_alias):
        return result
    log_index = alert_log.ensure_log(es, settings)
    es.indices.refresh(index=settings.index_alias)
    for alert in alerts:
        try:
            _run_one(es, settings, alert, logical_date, run_id, result)
        except (InvalidQuery, BadRequestError) as exc:  # one broken saved search does not stop the others
            log.warning("alert %s skipped: its search is not valid (any more): %s", alert.name, exc)
            result.failed["invalid_alert"] += 1
    es.indices.refresh(index=log_index)  # the feeds and the next run search the log
    return result


def _run_one(es, settings: Settings, alert: Alert, logical_date: str, run_id: str, result: AlertsRun) -> None:
    matches = story_matches(es, settings.index_alias, alert, run_id)
    result.matched += sum(len(m.articles) for m in matches.values())
    result.stories += len(matches)
    earlier = alert_log.of_run(es, settings, alert.name, matches, run_id)
    fresh = [m for story, m in matches.items() if story not in earlier]
    known = alert_log.known_outlets(es, settings, alert.name, (m.story_id for m in fresh), run_id)
    planned = plan(alert, fresh, known, run_id, logical_date)
    result.unchanged += len(fresh) - len(planned)
    result.new += len(planned)
    result.again += len(earlier)
    for n in earlier.values():
        result.notifications.append(_notify(es, settings, alert, n, result, stored=True))
    for n in planned:
        result.notifications.append(_notify(es, settings, alert, n, result, stored=False))


def _notify(es, settings: Settings, alert: Alert, n: Notification, result: AlertsRun, stored: bool) -> Notification:
    """Store ``n`` unless ``stored``, deliver its pending channels, store and count the outcome."""
    pending = n.pending(channels(alert))
    if not stored:
        alert_log.save(es, settings, n)  # stored before delivery: a crash mid-way is found by the retry
    if not pending:
        return n
    done = deliver(alert, n, settings)
    alert_log.save(es, settings, done)
    for channel in pending:
        outcome = done.deliveries[channel]
        if outcome["status"] == "sent":
            result.sent[channel] += 1
        else:
            result.failed[NOT_CONFIGURED if outcome.get("error") == NOT_CONFIGURED else f"{channel}_failed"] += 1
    log.info("alert %s: %s story=%s outlets=%s deliveries=%s", alert.name, n.event, n.story_id,
             ",".join(n.new_outlets), {c: done.deliveries[c]["status"] for c in pending})
    return done
