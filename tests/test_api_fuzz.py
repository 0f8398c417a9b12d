"""A schema-driven fuzzer (Schemathesis) against the real API on the real Elasticsearch.

Every operation of ``/openapi.json`` gets a bounded number of generated requests (examples,
boundary values, random valid and invalid data). Each response must be no 5xx, a documented
status code with a documented content type, and match its response schema; a request the
schema calls valid must be accepted, except for the rules no OpenAPI schema can express
(:data:`CROSS_PARAMETER_RULES`: they involve several parameters, a cursor's content, or a
query's cost), for which the API answers 400 with one of these messages.
"""

from __future__ import annotations

import os
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from test_search_corpus import corpus_index

from etl.api import create_app
from etl.core.settings import Settings

pytestmark = pytest.mark.es

# per operation and phase: the whole run stays well under a minute (more for a thorough run)
MAX_EXAMPLES = int(os.environ.get("NEWS_ETL_FUZZ_EXAMPLES", "40"))

# 400s a schema-valid request may get: what OpenAPI cannot say about the parameters.
CROSS_PARAMETER_RULES = re.compile(
    r"^(query too complex: "  # the cost caps of a query text, filters and the histogram
    r"|'from' \(.*\) is after 'to'"  # two dates
    r"|page \d+ is too deep"  # page x size
    r"|'collapse' cannot be combined with the 'after' cursor"
    r"|invalid 'after' cursor"  # a cursor's content
    r"|give a speaker, a topic, or both)")  # /quotes needs one of q, speaker, about


# Built at import (Schemathesis reads the schema then); the Elasticsearch client and alias are
# swapped in by the `corpus` fixture. No rate limit: the fuzzer sends many requests at once, and
# the limit has its own tests (test_api_limits.py).
APP = create_app(Settings.from_env(api_rate_limit=0))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def corpus(es_url):
    with corpus_index(es_url) as (es, settings):
        APP.state.es, APP.state.settings = es, settings
        yield


def accepted_unless_cross_parameter(ctx, response, case):
    """Like Schemathesis' ``positive_data_acceptance``, but a 400 whose message is one of
    :data:`CROSS_PARAMETER_RULES` is allowed for schema-valid data."""
    if response.status_code == 400 and case.meta and case.meta.generation.mode.is_positive:
        message = response.json().get("error", "")
        if CROSS_PARAMETER_RULES.match(message):
            return None
    return positive_data_acceptance(ctx, response, case)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate(excluded_checks=[positive_data_acceptance],
                           additional_checks=[accepted_unless_cross_parameter])


@pytest.mark.parametrize("path, path_parameters, query", [
    ("/articles/{doc_id}", {"doc_id": "a2"}, {}),
    ("/articles/{doc_id}/similar", {"doc_id": "a1"}, {"size": 3}),
    ("/search", {}, {"q": "putin", "facet": ["persons", "site"], "filter": ["persons:Vladimir Putin"]}),
    ("/search", {}, {"sort": "date", "size": 4, "collapse": True}),
    ("/quotes", {}, {"q": "what did Rex Tillerson say about Russia"}),
    ("/health", {}, {}),
])
def test_real_answers_match_their_schema(path, path_parameters, query):
    # random ids find no article: these requests bring real documents, hits and quotes back
    case = schema[path]["GET"].Case(path_parameters=path_parameters, query=query)
    response = case.call_and_validate()
    assert response.status_code == 200
