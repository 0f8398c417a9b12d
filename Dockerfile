# The news-etl image of docker-compose.yml: Airflow 3 (scheduler, dag-processor, api-server, Celery
# workers) with news-etl installed; also runs the search API, the sample pages and the init steps.
# AIRFLOW_VERSION is the venv's (scripts/setup.sh); tests/test_compose.py checks they agree.
ARG AIRFLOW_VERSION=3.3.2
FROM apache/airflow:${AIRFLOW_VERSION}-python3.11
ARG AIRFLOW_VERSION

# Folders the named volumes of docker-compose.yml are mounted on: a new volume takes the owner of the
# image's folder, so the airflow user (uid 50000) can write the staging store, logs and the UI passwords.
RUN mkdir -p /opt/airflow/staging /opt/airflow/auth /opt/airflow/logs /opt/airflow/es-ca \
    && chmod 0775 /opt/airflow/staging /opt/airflow/auth

COPY --chown=airflow:root pyproject.toml README.md LICENSE /opt/news-etl/
COPY --chown=airflow:root etl /opt/news-etl/etl
COPY --chown=airflow:root mappings /opt/news-etl/mappings
COPY --chown=airflow:root dags /opt/news-etl/dags
COPY --chown=airflow:root scripts/compose /opt/news-etl/scripts/compose
# Airflow pinned in the same pip call, so that installing news-etl can neither upgrade nor downgrade it;
# celery < 5.7: apache-airflow-providers-celery 3.26 does not start with celery 5.7 (scripts/cluster/README.md).
RUN pip install --no-cache-dir "apache-airflow[celery,postgres]==${AIRFLOW_VERSION}" "celery[redis]>=5.5,<5.7" \
    "/opt/news-etl[s3,postgres]"

ENV NEWS_ETL_MAPPINGS_DIR=/opt/news-etl/mappings
