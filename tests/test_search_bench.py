"""The benchmark's synthetic corpus and runner (small sizes): generated articles fit the strict
mapping, are deterministic, and the runner's final line has the promised shape."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "search"))

from generate import Generator  # noqa: E402


def test_generator_is_deterministic_and_varied():
    a, b = Generator(1), Generator(1)
    assert [x.to_dict() for x in a.articles(5)] == [x.to_dict() for x in b.articles(5)]
    arts = list(Generator(2).articles(300))
    assert len({x.article.doc_id for x in arts}) == 300
    assert len({p for x in arts for p in x.annotation.persons}) > 50
    assert len({x.article.site_name for x in arts}) > 10
    assert any(x.article.published_at is None for x in arts)
    assert sum(bool(x.annotation.quotes) for x in arts) > 50


@pytest.mark.es
def test_bench_runner_smoke(es_settings, tmp_path):
    env = {"NEWS_ETL_ES_URL": es_settings.es_url, "PATH": "/usr/bin:/bin"}
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "search" / "run.py"), "--count", "300", "--rounds", "1",
         "--warmup", "1", "--alias", es_settings.index_alias, "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=180, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"search: api_p50=[\d.]+ms api_p95=[\d.]+ms direct_p50=[\d.]+ms overhead=[\d.]+x docs=300",
                        last), last
    assert out.exists()
