"""Saved searches with story-aware alerts.

A saved search (``news-etl alerts add NAME "QUERY" [--filter ...] [--webhook URL] [--email ADDR]``)
is kept in ``<alias>-alerts`` (:mod:`etl.alerts.store`). After each load, the ``alerts`` task
of ``news_ingest`` (``etl.pipeline.alerts_stage`` -> :func:`etl.alerts.run.run_alerts`) runs
every saved search over **only the documents that run indexed or changed** (their
``provenance.run_id``), with the search's own query builder; groups the matches by
``story_id`` (:mod:`etl.alerts.match`) and notifies once per story new to the alert, and again
only when outlets it had not told about join that story. Every notification is logged in
``<alias>-alert-log`` under an id made of alert, story and run (:mod:`etl.alerts.log`), so a
retried task or a rerun sends nothing twice (a delivery that failed is tried again).

Delivery (:mod:`etl.alerts.deliver`): webhook (JSON POST) and e-mail (SMTP), each retried
through :mod:`etl.core.retry`; failures are counted in the task's summary, never raised. The
Atom feed of an alert (``GET /alerts/{name}.atom``, :mod:`etl.alerts.atom`) is read from the log.
"""

from etl.alerts.log import NEW_OUTLET, NEW_STORY, Notification
from etl.alerts.run import AlertsRun, run_alerts
from etl.alerts.store import Alert, AlertError, delete_alert, get_alert, list_alerts, new_alert, save_alert

__all__ = [
    "NEW_OUTLET", "NEW_STORY", "Alert", "AlertError", "AlertsRun", "Notification", "delete_alert", "get_alert",
    "list_alerts", "new_alert", "run_alerts", "save_alert",
]
