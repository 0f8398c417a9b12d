"""DAG files parse fast, without import errors or heavy imports, into the expected graph."""

import subprocess
import sys
import time
from pathlib import Path

import pytest
from airflow.dag_processing.dagbag import DagBag

from etl.dagkit import LOAD_POOL

DAGS = Path(__file__).resolve().parent.parent / "dags"
HEAVY = ("bs4", "spacy", "elasticsearch", "fastapi", "lxml")


@pytest.fixture(scope="module")
def dagbag():
    start = time.perf_counter()
    bag = DagBag(dag_folder=str(DAGS))
    bag.parse_seconds = time.perf_counter() - start
    return bag


def test_no_import_errors_and_parse_is_fast(dagbag):
    assert dagbag.import_errors == {}
    assert "news_ingest" in dagbag.dags
    print(f"parse time of {len(dagbag.dags)} DAGs: {dagbag.parse_seconds:.3f}s")
    assert dagbag.parse_seconds < 1.0


def test_news_ingest_graph_schedule_and_retries(dagbag):
    dag = dagbag.dags["news_ingest"]
    edges = {t.task_id: sorted(t.downstream_task_ids) for t in dag.tasks}
    chain = ["discover", "fetch", "clean", "annotate", "load"]
    for up, down in zip(chain, chain[1:], strict=False):
        assert down in edges[up]
    assert set(edges) == {*chain, "report", "alerts"} and all("report" in edges[name] for name in chain)
    assert edges["load"] == ["alerts", "report"] and edges["alerts"] == []  # alerts beside the report
    # fetch -> load are one task group mapped over discover's shards (one instance per shard)
    group = dag.task_dict["fetch"].get_closest_mapped_task_group()
    assert group is not None and group.group_id == "shard"
    assert all(dag.task_dict[name].get_closest_mapped_task_group() is group for name in chain[1:])
    assert dag.task_dict["discover"].get_closest_mapped_task_group() is None
    assert dag.task_dict["report"].get_closest_mapped_task_group() is None
    assert dag.task_dict["load"].pool == LOAD_POOL == "news_etl_load"  # caps the bulk loads running at once
    assert {dag.task_dict[name].pool for name in edges if name != "load"} == {"default_pool"}
    assert dag.catchup is False
    assert dag.timetable.expression == "0 * * * *"
    for task in dag.tasks:
        assert task.retries >= 1 and task.retry_exponential_backoff


def test_news_reprocess_reuses_the_clean_annotate_load_stages(dagbag):
    dag = dagbag.dags["news_reprocess"]
    edges = {t.task_id: sorted(t.downstream_task_ids) for t in dag.tasks}
    assert edges == {"list_archive": ["clean"], "clean": ["annotate"], "annotate": ["load"], "load": []}


@pytest.mark.parametrize("dag_file", sorted(p.name for p in DAGS.glob("*.py")))
def test_dag_file_imports_no_heavy_library(dag_file):
    code = (
        "import sys, runpy; runpy.run_path(sys.argv[1]);"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(DAGS / dag_file)], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1:] in ([], [""]), f"heavy imports at parse time: {out.stdout}"
