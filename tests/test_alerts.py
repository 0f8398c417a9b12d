"""Saved searches with story-aware alerts against the real Elasticsearch, a real local webhook
(HTTP) server and a real SMTP server (aiosmtpd): what is notified, once, and what a bad
receiver or a bad alert does. The whole DAG under Airflow is in test_alerts_e2e.py."""

from __future__ import annotations

import dataclasses
import json
import socket
import uuid

import feedparser
import pytest
from fastapi.testclient import TestClient
from httpserver import LocalServer, Reply
from lxml import etree
from smtpserver import smtp_server
from test_search_corpus import article

from etl.alerts import NEW_OUTLET, NEW_STORY, AlertError, get_alert, new_alert, run_alerts, save_alert
from etl.alerts import log as alert_log
from etl.api import create_app
from etl.cli import main
from etl.index.load import bulk_load
from etl.pipeline import alerts_stage

pytestmark = pytest.mark.es
ATOM = "{http://www.w3.org/2005/Atom}"
WIRE = ("Leaders of the Pacific rim economies ended their summit in Da Nang on Saturday with a joint "
        "statement on trade, after two days of talks over tariffs and supply chains.")


def copy(doc_id: str, story: str, site: str, run_id: str, title: str = "Pacific summit ends with trade pledge",
         body: str = WIRE):
    """An annotated article of story ``story`` published by outlet ``site``, loaded by run ``run_id``."""
    a = article(doc_id, title, body, site=site, run_id=run_id, persons=("Nguyen Xuan Phuc",),
                published="2024-05-01T08:00:00+00:00")
    return dataclasses.replace(a, article=dataclasses.replace(a.article, story_id=story))


def load(es, settings, *articles) -> None:
    result = bulk_load(es, list(articles), settings)
    assert result.indexed == len(articles), result


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


@pytest.fixture
def settings(es_settings):
    return es_settings.replace(alert_retries=2, alert_backoff=0.01, alert_max_backoff=0.05, alert_timeout=2.0)


@pytest.fixture
def receivers(settings):
    """A webhook server (``/hook`` answers 200) and an SMTP server; settings pointing at the latter."""
    with LocalServer() as web, smtp_server() as (port, inbox):
        web.route("/hook", Reply(200, b"ok"))
        yield web, inbox, settings.replace(alert_smtp_host="127.0.0.1", alert_smtp_port=port)


def hooks(web: LocalServer) -> list[dict]:
    return [json.loads(body) for path, _, body in web.posts if path == "/hook"]


def test_story_aware_notifications_once_per_story_and_new_outlet(es, receivers):
    web, inbox, settings = receivers
    save_alert(es, settings, new_alert("apec", "summit trade", webhook=web.url("/hook"), email="desk@news.example"))
    load(es, settings, copy("s1-a", "S", "Daily Planet", "r1"),
         article("u1", "Local council approves budget", "The council approved the budget.", run_id="r1"))
    first = run_alerts(es, settings, "2024-05-01T10:00:00+00:00", "r1")
    assert (first.new, first.matched, first.stories) == (1, 1, 1)
    assert [(h["event"], h["story_id"], h["new_outlets"]) for h in hooks(web)] == [(NEW_STORY, "S", ["Daily Planet"])]

    # run 2: outlet B joins story S, outlet A publishes S again, and story T is new
    load(es, settings, copy("s1-b", "S", "Morning Ledger", "r2"), copy("s1-a2", "S", "Daily Planet", "r2"),
         copy("t1-a", "T", "Daily Planet", "r2", title="Summit trade ministers plan new talks",
              body="Trade ministers will meet again after the summit to plan talks on tariffs and trade rules."))
    second = run_alerts(es, settings, "2024-05-01T11:00:00+00:00", "r2")
    assert (second.new, second.unchanged, dict(second.sent)) == (2, 0, {"webhook": 2, "email": 2})
    by_story = {h["story_id"]: h for h in hooks(web)[1:]}
    assert by_story["S"]["event"] == NEW_OUTLET and by_story["S"]["new_outlets"] == ["Morning Ledger"]
    assert by_story["S"]["outlets"] == ["Daily Planet", "Morning Ledger"]
    assert [a["id"] for a in by_story["S"]["articles"]] == ["s1-b"]  # only the new outlet's copy
    assert by_story["T"]["event"] == NEW_STORY

    # a retried task or a rerun of run 2: nothing sent again
    again = run_alerts(es, settings, "2024-05-01T11:00:00+00:00", "r2")
    assert (again.new, again.again, dict(again.sent)) == (0, 2, {})

    # run 3: outlet A's first copy changed (indexed again): no new outlet, nothing sent
    load(es, settings, copy("s1-a", "S", "Daily Planet", "r3", title="Pacific summit ends with trade pledge (updated)"))
    third = run_alerts(es, settings, "2024-05-01T12:00:00+00:00", "r3")
    assert (third.new, third.unchanged, third.matched) == (0, 1, 1)

    assert len(hooks(web)) == 3 and len(inbox.messages) == 3
    ids = [h["id"] for h in hooks(web)]
    assert len(set(ids)) == 3
    assert [headers["X-News-Etl-Delivery"] for _, headers, _ in web.posts] == ids
    assert sorted(m["Message-ID"] for m in inbox.messages) == sorted(f"<{i}@news-etl>" for i in ids)
    joined = next(m for m in inbox.messages if "Morning Ledger joined" in m["Subject"])
    assert joined["To"] == "desk@news.example" and "https://news.example/s1-b" in joined.get_content()
    assert "https://news.example/s1-a2" not in joined.get_content()  # outlet A's new copy is no news


def test_feed_is_valid_atom_with_stable_ids(es, receivers):
    web, _, settings = receivers
    save_alert(es, settings, new_alert("apec", "summit", filter_exprs=["persons=Nguyen Xuan Phuc"]))
    load(es, settings, copy("s1-a", "S", "Daily Planet", "r1"))
    run_alerts(es, settings, "2024-05-01T10:00:00+00:00", "r1")
    load(es, settings, copy("s1-b", "S", "Morning Ledger <&> Co", "r2"))
    run_alerts(es, settings, "2024-05-01T11:00:00+00:00", "r2")
    with TestClient(create_app(settings)) as client:
        resp = client.get("/alerts/apec.atom")
        again = client.get("/alerts/apec.atom")
        missing = client.get("/alerts/nope.atom")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/atom+xml")
    assert missing.status_code == 404 and "unknown alert 'nope'" in missing.json()["error"]
    feed = feedparser.parse(resp.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == ["[Morning Ledger <&> Co] Pacific summit ends with trade pledge",
                                               "Pacific summit ends with trade pledge"]
    assert feed.entries[0].link == "https://news.example/s1-b"
    assert [e.id for e in feed.entries] == [e.id for e in feedparser.parse(again.content).entries]
    check_atom(etree.fromstring(resp.content))


def check_atom(feed) -> None:
    """The MUSTs of RFC 4287 that a reader relies on: feed and entries have exactly one id,
    title and updated (RFC 3339), an author, unique ids, absolute links, one alternate link."""
    assert feed.tag == ATOM + "feed"
    for node in [feed, *feed.findall(ATOM + "entry")]:
        for tag in ("id", "title", "updated"):
            assert len(node.findall(ATOM + tag)) == 1, (node.tag, tag)
        assert node.findtext(ATOM + "updated").endswith("Z")
        assert len([link for link in node.findall(ATOM + "link") if link.get("rel", "alternate") == "alternate"]) <= 1
        assert all(link.get("href", "").startswith(("http://", "https://")) for link in node.findall(ATOM + "link"))
    assert feed.find(ATOM + "author/" + ATOM + "name") is not None
    ids = [e.findtext(ATOM + "id") for e in feed.findall(ATOM + "entry")]
    assert len(ids) == len(set(ids)) and all(i.startswith("urn:uuid:") for i in ids)


def test_unreachable_webhook_is_retried_counted_and_delivered_on_a_rerun(es, settings):
    with LocalServer() as web:
        web.route("/hook", Reply(503), Reply(503), Reply(503), Reply(200, b"ok"))
        save_alert(es, settings, new_alert("flaky", "summit", webhook=web.url("/hook")))
        save_alert(es, settings, new_alert("down", "summit", webhook=f"http://127.0.0.1:{closed_port()}/hook"))
        save_alert(es, settings, new_alert("gone", "summit", webhook=web.url("/gone")))  # 404: not retried
        save_alert(es, settings, new_alert("mail", "summit", email="desk@news.example"))  # no SMTP host set
        load(es, settings, copy("s1-a", "S", "Daily Planet", "r1"))
        summary = alerts_stage(settings, "2024-05-01T10:00:00+00:00", "r1")
        assert summary.count == 4 and summary.rejected == 4
        assert summary.reasons == {"webhook_failed": 3, "email_not_configured": 1}
        log = {name: alert_log.recent(es, settings, name, 5)[0] for name in ("flaky", "down", "gone", "mail")}
        assert log["flaky"].deliveries["webhook"] == {"status": "failed", "attempts": 3,
                                                      "error": log["flaky"].deliveries["webhook"]["error"]}
        assert "503" in log["flaky"].deliveries["webhook"]["error"]
        assert log["down"].deliveries["webhook"]["attempts"] == 3
        assert "unreachable" in log["down"].deliveries["webhook"]["error"]
        assert log["gone"].deliveries["webhook"]["attempts"] == 1 and "404" in log["gone"].deliveries["webhook"]["error"]
        assert log["mail"].deliveries["email"]["error"] == "email_not_configured"
        assert web.hits("/hook") == 3 and web.hits("/gone") == 1

        rerun = alerts_stage(settings, "2024-05-01T10:00:00+00:00", "r1")  # the failed deliveries only
        assert rerun.extra["sent"] == {"webhook": 1} and rerun.extra["again"] == 4 and rerun.extra["new"] == 0
        assert web.hits("/hook") == 4 and len({json.loads(b)["id"] for _, _, b in web.posts if b}) == 2
        assert alert_log.recent(es, settings, "flaky", 5)[0].deliveries["webhook"]["status"] == "sent"
        third = alerts_stage(settings, "2024-05-01T10:00:00+00:00", "r1")
        assert web.hits("/hook") == 4 and third.extra["sent"] == {}


def test_a_broken_saved_search_is_skipped_and_counted(es, settings):
    save_alert(es, settings, new_alert("good", "summit"))
    es.index(index=f"{settings.index_alias}-alerts", id="bad", refresh=True,
             document={"name": "bad", "q": "summit", "filters": {"colour": ["red"]}})
    load(es, settings, copy("s1-a", "S", "Daily Planet", "r1"))
    summary = alerts_stage(settings, "2024-05-01T10:00:00+00:00", "r1")
    assert summary.reasons == {"invalid_alert": 1} and summary.count == 1 and summary.extra["alerts"] == 2


def test_no_alerts_no_work(es, settings):
    load(es, settings, copy("s1-a", "S", "Daily Planet", "r1"))
    summary = alerts_stage(settings, "2024-05-01T10:00:00+00:00", "r1")
    assert (summary.count, summary.rejected, summary.extra["alerts"]) == (0, 0, 0)
    assert not es.indices.exists(index=alert_log.log_index(settings))


@pytest.mark.parametrize(("args", "message"), [
    (["bad name!", "summit"], "invalid alert name"),
    (["x", "summit", "--filter", "colour=red"], "invalid query for alert 'x': unknown filter field 'colour'"),
    (["x", "summit", "--filter", "persons"], "invalid query for alert 'x': filter must look like facet=value"),
    (["x", "a" * 1001], "invalid query for alert 'x': "),  # the search's own message follows
    (["x", "summit\x00"], "invalid query for alert 'x': query contains a NUL character"),
    (["x", "  "], "needs a query or a filter"),
    (["x", "summit", "--webhook", "ftp://example.org/x"], "webhook must be an http(s) URL"),
    (["x", "summit", "--email", "not-an-address"], "not an e-mail address"),
])
def test_alerts_add_rejects_bad_input_clearly(es_settings, monkeypatch, capsys, args, message):
    env(monkeypatch, es_settings)
    assert main(["alerts", "add", *args]) == 2
    assert message in capsys.readouterr().err


def env(monkeypatch, settings) -> None:
    monkeypatch.setenv("NEWS_ETL_ES_URL", settings.es_url)
    monkeypatch.setenv("NEWS_ETL_INDEX_ALIAS", settings.index_alias)


def test_alerts_cli_add_list_test_remove(es, es_settings, monkeypatch, capsys):
    env(monkeypatch, es_settings)
    load(es, es_settings, copy("s1-a", "S", "Daily Planet", "r1"), copy("s1-b", "S", "Morning Ledger", "r1"))
    with LocalServer() as web:
        web.route("/hook", Reply(204))
        assert main(["alerts", "add", "apec", "summit", "--filter", "persons=Nguyen Xuan Phuc",
                     "--webhook", web.url("/hook")]) == 0
        assert "2 articles match now" in capsys.readouterr().out
        assert main(["alerts", "add", "apec", "other"]) == 2
        assert "exists already" in capsys.readouterr().err
        assert main(["alerts", "list", "--json"]) == 0
        listed = json.loads(capsys.readouterr().out)
        assert [(r["name"], r["query"], r["filters"]) for r in listed] == [
            ("apec", "summit", {"persons": ["Nguyen Xuan Phuc"]})]
        assert main(["alerts", "test", "apec", "--json", "--run", "r1", "--send"]) == 0
        shown = json.loads(capsys.readouterr().out.splitlines()[0])
        assert [(s["story_id"], s["would_send"], len(s["articles"])) for s in shown["stories"]] == [("S", NEW_STORY, 2)]
        assert [json.loads(b)["event"] for _, _, b in web.posts] == ["test"]
    assert not es.indices.exists(index=alert_log.log_index(es_settings)) or not alert_log.recent(
        es, es_settings, "apec", 5)  # a test sends, never logs
    for action in (["remove", "nope"], ["test", "nope"]):
        assert main(["alerts", *action]) == 2
        assert "unknown alert 'nope'" in capsys.readouterr().err
    assert main(["alerts", "remove", "apec"]) == 0
    with pytest.raises(AlertError, match="unknown alert 'apec'"):
        get_alert(es, es_settings, "apec")


def test_alert_index_is_strict(es, es_settings):
    save_alert(es, es_settings, new_alert("apec", "summit"))
    with pytest.raises(Exception, match="strict_dynamic_mapping_exception"):
        es.index(index=f"{es_settings.index_alias}-alerts", id=str(uuid.uuid4()), document={"nme": "typo"})
