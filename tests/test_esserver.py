"""The local Elasticsearch lifecycle: JDK discovery, start on loopback, clean stop by pid."""

import pytest

from etl.core.errors import ConfigError
from etl.core.settings import Settings
from etl.dev import esserver


def test_finds_a_jdk_new_enough_for_elasticsearch():
    home = esserver.find_java()
    assert (home / "bin" / "java").exists()
    assert esserver._java_major(home) >= esserver.MIN_JAVA


def test_java_home_too_old_is_skipped(monkeypatch, tmp_path):
    old = tmp_path / "jdk8"
    (old / "bin").mkdir(parents=True)
    (old / "bin" / "java").write_text("")
    (old / "release").write_text('JAVA_VERSION="1.8.0_392"\n')
    monkeypatch.setenv("JAVA_HOME", str(old))
    assert esserver.find_java() != old


def test_refuses_a_non_loopback_address():
    with pytest.raises(ConfigError, match="127.0.0.1"):
        esserver.node_for(Settings.from_env({}, es_url="http://10.1.2.3:9200"))


@pytest.mark.slow
def test_start_is_healthy_and_stop_leaves_nothing_running(es_url):
    settings = Settings.from_env({}, es_url="http://127.0.0.1:9261", es_heap="256m")
    node = esserver.start(settings)
    try:
        assert esserver.health(node.url)["status"] in ("green", "yellow")
        assert esserver.start(settings).url == node.url  # already up: no second process
        pid = esserver._read_pid(node)
        assert esserver._alive(pid)
    finally:
        assert esserver.stop(settings) is True
    assert not esserver._alive(pid)
    assert esserver.health(node.url) is None
    assert esserver.stop(settings) is False
