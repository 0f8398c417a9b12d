"""``news-etl alerts add|list|remove|test``: saved searches that notify about new stories (:mod:`etl.alerts`)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import datetime, timezone
from urllib.parse import urlsplit

from etl.alerts import log as alert_log
from etl.alerts.deliver import channels, deliver
from etl.alerts.log import TEST, Notification
from etl.alerts.match import StoryMatch, plan, story_matches
from etl.alerts.store import Alert, AlertError, delete_alert, get_alert, list_alerts, new_alert, save_alert
from etl.core.settings import Settings
from etl.index.client import client
from etl.search.export import match_query

SHOWN_STORIES = 20  # 'test': stories printed


def alerts(args: argparse.Namespace, settings: Settings) -> int:
    """Run ``args.action`` on the alerts of ``settings.index_alias``.

    Returns 0; 2 for a user error (unknown alert, invalid name, query, filter, webhook or
    address: the message says which); 1 when ``test --send`` could not deliver. Raises
    TransientError/Elasticsearch errors when Elasticsearch is unreachable.
    """
    if not getattr(args, "verbose", False):
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    actions = {"add": _add, "list": _list, "remove": _remove, "test": _test}
    es = client(settings)
    try:
        if args.action != "list" and not args.name:
            raise AlertError(f"'alerts {args.action}' needs the alert's NAME")
        return actions[args.action](es, settings, args)
    except AlertError as exc:
        print(f"news-etl alerts: {exc}", file=sys.stderr)
        return 2
    finally:
        es.close()


def _add(es, settings: Settings, args: argparse.Namespace) -> int:
    created = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    alert = new_alert(args.name, args.query, args.filter, args.webhook, args.email, created_at=created)
    save_alert(es, settings, alert)
    now = ""
    if es.indices.exists_alias(name=settings.index_alias):
        now = f"; {es.count(index=settings.index_alias, query=match_query(alert.request()))['count']} articles match now"
    print(f"saved alert {alert.name!r} ({', '.join(channels(alert)) or 'feed only'}{now})")
    if alert.email and not settings.alert_smtp_host:
        print("news-etl alerts: warning: NEWS_ETL_ALERT_SMTP_HOST is not set here: e-mails are sent only where "
              "the alerts task runs with it set", file=sys.stderr)
    return 0


def _row(alert: Alert, sent: int) -> dict:
    return {"name": alert.name, "query": alert.q, "filters": {k: list(v) for k, v in alert.filters.items()},
            "webhook": alert.webhook, "email": alert.email, "created_at": alert.created_at, "notifications": sent}


def _list(es, settings: Settings, args: argparse.Namespace) -> int:
    counts = alert_log.count_by_alert(es, settings)
    rows = [_row(a, counts.get(a.name, 0)) for a in list_alerts(es, settings)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not rows:
        print("no alerts (add one with `news-etl alerts add NAME \"QUERY\"`)")
    for r in rows:
        filters = " ".join(f"{k}={v!r}" for k, vs in r["filters"].items() for v in vs)
        hook = f"{urlsplit(r['webhook']).scheme}://{urlsplit(r['webhook']).hostname}/…" if r["webhook"] else "-"
        print(f"{r['name']:20} {r['notifications']:>5} sent  {(r['query'] + ' ' + filters).strip():40}  "
              f"webhook {hook}  email {r['email'] or '-'}")
    return 0


def _remove(es, settings: Settings, args: argparse.Namespace) -> int:
    delete_alert(es, settings, args.name)
    print(f"removed alert {args.name!r} and its {alert_log.forget(es, settings, args.name)} notifications")
    return 0


def _test(es, settings: Settings, args: argparse.Namespace) -> int:
    """Dry run: what the alert matches (in one run, or the whole index) and what it would send."""
    alert = get_alert(es, settings, args.name)
    matches = story_matches(es, settings.index_alias, alert, args.run)
    known = alert_log.known_outlets(es, settings, alert.name, matches, args.run or "") if matches else {}
    planned = {n.story_id: n for n in plan(alert, matches.values(), known, args.run or "", "")}
    rows = [{"story_id": s, "would_send": planned[s].event if s in planned else None,
             "articles": m.articles} for s, m in matches.items()]
    if args.json:
        print(json.dumps({"alert": _row(alert, 0), "stories": rows}, ensure_ascii=False))
    else:
        _print_test(alert, rows, args.run)
    return _send_test(alert, matches, settings) if args.send else 0


def _print_test(alert: Alert, rows: list[dict], run: str | None) -> None:
    print(f"alert {alert.name!r}: {len(rows)} stories match {'in run ' + run if run else 'in the whole index'}")
    for r in rows[:SHOWN_STORIES]:
        print(f"- story {r['story_id']}: {r['would_send'] or 'already told (no new outlet)'}")
        for a in r["articles"][:5]:
            print(f"    {a['outlet']}: {a['title']}  {a['url']}")
    if len(rows) > SHOWN_STORIES:
        print(f"  ... and {len(rows) - SHOWN_STORIES} more")


def _send_test(alert: Alert, matches: dict[str, StoryMatch], settings: Settings) -> int:
    """Send one test notification (the first matching story, if any) over each channel; 1 if any failed."""
    if not channels(alert):
        print("no channel to test (the alert has neither --webhook nor --email; its feed needs none)")
        return 0
    first = next(iter(matches.values()), StoryMatch("test"))
    stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    n = Notification(alert=alert.name, story_id=first.story_id, run_id=f"test:{stamp}", logical_date=stamp,
                     event=TEST, outlets=tuple(sorted(first.outlets)), new_outlets=(), articles=tuple(first.articles))
    done = deliver(alert, n, settings)
    for channel, result in done.deliveries.items():
        tail = f": {result['error']}" if result.get("error") else ""
        print(f"{channel}: {result['status']} after {result['attempts']} tries{tail}")
    return 1 if any(r["status"] != "sent" for r in done.deliveries.values()) else 0
