# Airflow 3 image with news-etl installed (used by docker-compose.yml).
FROM apache/airflow:3.3.2-python3.11
COPY --chown=airflow:root pyproject.toml README.md /opt/news-etl/
COPY --chown=airflow:root etl /opt/news-etl/etl
COPY --chown=airflow:root mappings /opt/news-etl/mappings
RUN pip install --no-cache-dir "/opt/news-etl" "apache-airflow-providers-postgres"
ENV NEWS_ETL_MAPPINGS_DIR=/opt/news-etl/mappings
