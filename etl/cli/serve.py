"""``news-etl serve [--host] [--port]``: the API and page under uvicorn."""

from __future__ import annotations

import uvicorn

from etl.api.app import create_app
from etl.core.settings import Settings


def cli(args, settings: Settings) -> int:
    """Serve until interrupted on ``args.host``:``args.port``; returns the exit code 0."""
    app = create_app(settings)
    print(f"serving http://{args.host}:{args.port}/ (alias {settings.index_alias} at {settings.es_url})")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning",
                access_log=bool(getattr(args, "access_log", False)))
    return 0
