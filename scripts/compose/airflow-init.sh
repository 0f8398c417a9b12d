#!/usr/bin/env bash
# One-shot set-up of the compose stack (the airflow-init service); every step is idempotent:
#  1. Airflow's metadata database (airflow db migrate);
#  2. the pool that caps the bulk loads running at once (etl.dagkit.LOAD_POOL);
#  3. the admin password of the Airflow UI from AIRFLOW_ADMIN_PASSWORD (empty: the api-server
#     generates one into AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE and logs it);
#  4. the schema of the shared fetch/story state (NEWS_ETL_STATE_URL's search_path) and the bucket
#     of NEWS_ETL_STORAGE_URL.
set -euo pipefail
airflow db migrate
python - <<'PY'
import subprocess
from etl.dagkit import load_pool_command
subprocess.run(load_pool_command(), check=True)
PY
python "$(dirname "$0")/init_storage.py"
echo "airflow-init: done"
