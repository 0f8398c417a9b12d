# news-etl: `make run` (demo) and `make test` (whole suite) do all set-up on a fresh machine.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
export AIRFLOW_HOME ?= $(CURDIR)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__LOAD_EXAMPLES := False
# https: the local node runs with security (TLS, least-privilege users; etl/dev/essecurity.py); http://... for a plain one
export NEWS_ETL_ES_URL ?= https://127.0.0.1:9200

.PHONY: setup run test lint es-start es-stop es-status serve bench clean-cache compose-up compose-down

setup: $(VENV)/.installed  ## venv with the project, Airflow, spaCy model, dev tools; system packages

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	bash scripts/setup.sh $(VENV)
	touch $@

run: setup  ## start Elasticsearch, run news_ingest once over the sample corpus, print a faceted search
	bash scripts/run-demo.sh

test: setup  ## start Elasticsearch, run the whole test suite, stop it
	bash scripts/test.sh

lint: setup
	$(BIN)/ruff check etl dags tests bench

es-start: setup
	$(BIN)/news-etl es start

es-stop:
	$(BIN)/news-etl es stop

es-status:
	$(BIN)/news-etl es status

serve: setup  ## search API and page on http://127.0.0.1:8000
	$(BIN)/news-etl serve

bench: setup  ## every benchmark (bench/*/run.py) printing our figures beside a reference; starts Elasticsearch
	bash scripts/bench.sh

clean-cache:
	rm -rf .cache var .airflow

# Docker Compose (docker-compose.yml; needs a Docker engine and a .env: cp .env.example .env).
# PROFILES: "celery" (Redis + Celery workers), "cluster" (three Elasticsearch nodes), or both.
PROFILES ?=
COMPOSE_ENV = export $$(bash scripts/compose/env.sh $(PROFILES) | xargs)

compose-up:  ## docker compose up -d --build with PROFILES (e.g. make compose-up PROFILES="celery cluster")
	@test -f .env || { echo "no .env: cp .env.example .env and set its passwords (README, Docker)"; exit 1; }
	$(COMPOSE_ENV) && docker compose up -d --build

compose-down:  ## stop and remove the containers of every profile (volumes are kept)
	$(COMPOSE_ENV) && COMPOSE_PROFILES=celery,cluster docker compose down
