"""``jejaring serve``: the API (and, later, the pages) over HTTP."""

from __future__ import annotations

import os
import threading
from typing import Annotated

import typer

from jejaring.cli.app import DbOption, app, context
from jejaring.i18n import _
from jejaring.services.webhook_delivery import run_dispatcher

__all__ = ["serve_command"]


@app.command("serve", help=_("Serve the API and its documentation over HTTP."))
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help=_("Address to listen on."))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help=_("Port."))] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help=_("Server processes answering requests (for a machine with that many cores)."),
        ),
    ] = 1,
    threads: Annotated[
        int | None,
        typer.Option(
            "--threads",
            min=1,
            max=256,
            help=_("Threads of each process answering at once (default 8)."),
        ),
    ] = None,
) -> None:
    import uvicorn

    from jejaring.api import create_app

    if threads is not None:  # read by the settings, of this process and of its workers
        os.environ["JEJARING_WORKER_THREADS"] = str(threads)
    with context(db) as ctx:
        typer.echo(
            _("Serving on http://{host}:{port} (API documentation: /api/docs).").format(
                host=host, port=port
            )
        )
        # Webhook deliveries wait in the outbox; the server sends them while it runs.
        stop = threading.Event()
        sender = threading.Thread(
            target=run_dispatcher, args=(ctx, stop), name="webhook-dispatcher", daemon=True
        )
        sender.start()
        try:
            if workers == 1:
                uvicorn.run(create_app(context=ctx), host=host, port=port, log_level="info")
            else:
                # Each worker builds its own app from the settings, read from the environment
                # it inherits; what they keep agrees through the database's change counters.
                os.environ["JEJARING_DATABASE_URL"] = ctx.settings.database_url
                uvicorn.run(
                    f"{create_app.__module__}:create_app",
                    factory=True,
                    workers=workers,
                    host=host,
                    port=port,
                    log_level="info",
                )
        finally:
            stop.set()
            sender.join(timeout=10)
