"""The ceiling of the API load bench: FastAPI endpoints doing (almost) nothing, served by
uvicorn as ``jejaring serve`` serves the API (``log_level="info"``, ``--workers`` processes).

    .venv/bin/python -m bench.bare_api --port 8001 [--db sqlite:////tmp/d10k.db] [--workers 1]

``GET /ping`` answers a small JSON object; with ``--db``, ``GET /naive/actors/{key}`` is the
naive read endpoint: a synchronous route opening an SQLAlchemy session per request and
selecting one actor row by key.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

import uvicorn
from fastapi import FastAPI, HTTPException
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from jejaring.store.engine import normalise_url

__all__ = ["bare_app", "from_environment"]

_DB = "JEJARING_BENCH_NAIVE_DB"  # how the workers learn ``--db``


def bare_app(database_url: str | None = None) -> FastAPI:
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict[str, Any]:
        return {"status": "ok", "items": [1, 2, 3]}

    if database_url is not None:
        engine = create_engine(normalise_url(database_url))

        @app.get("/naive/actors/{key}")
        def naive_actor(key: str) -> dict[str, Any]:
            with Session(engine) as session:
                row = session.execute(
                    text("SELECT key, name, kind FROM actor WHERE key = :key"), {"key": key}
                ).one_or_none()
            if row is None:
                raise HTTPException(404)
            return {"key": row.key, "name": row.name, "kind": row.kind}

    return app


def from_environment() -> FastAPI:
    """The app of one worker process."""
    return bare_app(os.environ.get(_DB))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", default=None)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    if args.workers == 1:
        uvicorn.run(bare_app(args.db), host="127.0.0.1", port=args.port, log_level="info")
        return
    if args.db is not None:
        os.environ[_DB] = args.db
    uvicorn.run(
        "bench.bare_api:from_environment",
        factory=True,
        workers=args.workers,
        host="127.0.0.1",
        port=args.port,
        log_level="info",
    )


if __name__ == "__main__":
    main()
