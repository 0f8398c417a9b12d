"""Stage functions chained as the DAG chains them, on the sample pages served over 127.0.0.1."""

from etl.core.records import CleanedArticle
from etl.core.settings import Settings
from etl.core.shards import shard_inputs
from etl.core.staging import read_records
from etl.dev import samples
from etl.pipeline import clean_stage, discover_stage, fetch_stage

LOGICAL_DATE = "2024-05-01T10:00:00+00:00"


def _sources(tmp_path, base: str, extract: str = "") -> str:
    path = tmp_path / "sources.yaml"
    path.write_text(f"""sources:
  - name: blog
    kind: urls
    urls: ["{base}/tech/blog-rust-vs-go.html"]
{extract}""")
    return str(path)


def _clean(tmp_path, sources: str) -> CleanedArticle:
    settings = Settings.from_env({}, staging_dir=str(tmp_path / "staging"), sources_file=sources,
                                 fetch_allowed_networks="127.0.0.1/32")  # the samples are served on loopback
    found = discover_stage(settings, LOGICAL_DATE)
    (shard,) = shard_inputs(found)  # one shard by default: <run>/shard-00/discover.jsonl.gz
    assert shard.endswith("shard-00/discover.jsonl.gz")
    fetched = fetch_stage(settings, shard, LOGICAL_DATE)
    cleaned = clean_stage(settings, fetched.path)
    assert (found.count, fetched.count, cleaned.count) == (1, 1, 1)
    return next(read_records(cleaned.path, CleanedArticle))


def test_stages_chain_through_the_staging_store(tmp_path):
    with samples.serve() as base:
        article = _clean(tmp_path, _sources(tmp_path, base))
    assert article.source == "blog"
    assert article.story_id and article.content_hash
    assert "<" not in article.body and len(article.body.split()) > 300


def test_a_sources_extract_rule_overrides_the_algorithm(tmp_path):
    rule = "    extract:\n      body: blockquote\n"
    with samples.serve() as base:
        article = _clean(tmp_path, _sources(tmp_path, base, rule))
    assert article.body == ("The borrow checker did not make my program correct. It made me notice, early and "
                            "loudly, the places where I had not decided who owns what.")
