"""Alerts end to end: real pages served on 127.0.0.1, the news_ingest DAG run by real Airflow
(``airflow dags test``) three times against the real Elasticsearch, notifications counted at a
real local webhook server and a real SMTP server, then a rerun, then the Atom feed.

The pages (``tests/fixtures/alerts``): one wire story copied by three outlets (and updated by
the first), one other story that matches the alert, one that matches nothing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient
from httpserver import LocalServer, Reply
from smtpserver import smtp_server
from test_alerts import closed_port, hooks
from test_e2e import _airflow_env, airflow_home  # noqa: F401 - airflow_home is a fixture

from etl.alerts import NEW_OUTLET, NEW_STORY, new_alert, save_alert
from etl.alerts import log as alert_log
from etl.api import create_app
from etl.core.staging import read_jsonl, run_dir

BIN = Path(sys.executable).parent
PAGES = Path(__file__).resolve().parent / "fixtures" / "alerts"
pytestmark = [pytest.mark.airflow, pytest.mark.slow, pytest.mark.es]
RUNS = [  # (logical date, pages fetched by that run)
    ("2024-06-01T10:00:00+00:00", ["courier-baltic-grid.html", "courier-harbour-budget.html"]),
    ("2024-06-01T11:00:00+00:00", ["ledger-baltic-grid.html", "ledger-ferry-strike.html"]),
    ("2024-06-01T12:00:00+00:00", ["courier-baltic-grid-update.html", "gazette-baltic-grid.html"]),
]
COURIER, LEDGER, GAZETTE = "The Harbour Courier", "The Morning Ledger", "Alpine Gazette"


def run_dag(home: Path, settings, sources: Path, smtp_port: int, logical_date: str) -> None:
    env = _airflow_env(home, NEWS_ETL_ES_URL=settings.es_url, NEWS_ETL_INDEX_ALIAS=settings.index_alias,
                       NEWS_ETL_STAGING_DIR=settings.staging_dir, NEWS_ETL_SOURCES_FILE=str(sources),
                       NEWS_ETL_FETCH_ALLOWED_NETWORKS="127.0.0.0/8", NEWS_ETL_ALERT_SMTP_HOST="127.0.0.1",
                       NEWS_ETL_ALERT_SMTP_PORT=str(smtp_port), NEWS_ETL_ALERT_RETRIES="2",
                       NEWS_ETL_ALERT_BACKOFF="0.1", NEWS_ETL_ALERT_TIMEOUT="3")
    proc = subprocess.run([str(BIN / "airflow"), "dags", "test", "news_ingest", logical_date], env=env,
                          capture_output=True, text=True, timeout=600)
    (home / f"alerts-{logical_date[:13]}.log").write_text(proc.stdout + proc.stderr)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]


def sources_file(folder: Path, web: LocalServer, pages: list[str], n: int) -> Path:
    path = folder / f"sources-{n}.yaml"
    urls = "".join(f"      - {web.url('/' + p)}\n" for p in pages)
    path.write_text(f"sources:\n  - name: alerts-test\n    kind: urls\n    urls:\n{urls}", encoding="utf-8")
    return path


def test_three_runs_notify_each_new_story_and_outlet_once(airflow_home, es_settings, es, tmp_path):  # noqa: F811
    with LocalServer() as web, smtp_server() as (smtp_port, inbox):
        for page in PAGES.glob("*.html"):
            web.route("/" + page.name, Reply.html(page.read_text(encoding="utf-8")))
        web.route("/hook", Reply(200, b"ok"))
        save_alert(es, es_settings, new_alert("baltic", "Baltic", webhook=web.url("/hook"), email="desk@news.example"))
        save_alert(es, es_settings, new_alert("eriksen", "", filter_exprs=["persons=Lars Eriksen"],
                                              webhook=f"http://127.0.0.1:{closed_port()}/hook"))
        runs = [(date, sources_file(tmp_path, web, pages, i)) for i, (date, pages) in enumerate(RUNS)]

        seen: list[list[tuple]] = []
        for date, sources in runs:
            run_dag(airflow_home, es_settings, sources, smtp_port, date)
            seen.append([(h["event"], tuple(h["new_outlets"]), h["story_id"], h["title"])
                         for h in hooks(web)[sum(map(len, seen)):]])
        grid = seen[0][0][2]  # the wire story's id
        assert [s[:3] for s in seen[0]] == [(NEW_STORY, (COURIER,), grid)]
        assert sorted(s[:3] for s in seen[1] if s[2] == grid) == [(NEW_OUTLET, (LEDGER,), grid)]
        assert [(s[0], s[1], s[3]) for s in seen[1] if s[2] != grid] == [
            (NEW_STORY, (LEDGER,), "Baltic ferry crews strike over pay, stranding holiday travellers")]
        assert [s[:3] for s in seen[2]] == [(NEW_OUTLET, (GAZETTE,), grid)]  # the Courier's update is no news
        assert len(inbox.messages) == 4 and {m["To"] for m in inbox.messages} == {"desk@news.example"}
        assert sorted(m["Message-ID"] for m in inbox.messages) == sorted(f"<{h['id']}@news-etl>" for h in hooks(web))

        run_dag(airflow_home, es_settings, runs[-1][1], smtp_port, RUNS[-1][0])  # rerun: nothing new
        assert len(hooks(web)) == 4 and len(inbox.messages) == 4

    # the unreachable webhook: retried (3 tries), counted, the runs succeeded all the same
    failed = alert_log.recent(es, es_settings, "eriksen", 10)
    assert [n.new_outlets for n in failed] == [(GAZETTE,), (LEDGER,), (COURIER,)]
    assert all(n.deliveries["webhook"]["status"] == "failed" and n.deliveries["webhook"]["attempts"] >= 3
               for n in failed)
    summary = [row for row in read_jsonl(run_dir(es_settings, RUNS[0][0]) / "alerts.jsonl.gz")]
    assert {(r["alert"], r["deliveries"].get("webhook", {}).get("status")) for r in summary} == {
        ("baltic", "sent"), ("eriksen", "failed")}
    assert (run_dir(es_settings, RUNS[0][0]) / "report.json").exists()

    with TestClient(create_app(es_settings)) as client:
        feed = feedparser.parse(client.get("/alerts/baltic.atom").content)
    assert not feed.bozo and len(feed.entries) == 4
    assert feed.entries[0].title.startswith(f"[{GAZETTE}] ")
