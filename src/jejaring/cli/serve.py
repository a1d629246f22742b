"""``jejaring serve``: the API (and, later, the pages) over HTTP."""

from __future__ import annotations

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
) -> None:
    import uvicorn

    from jejaring.api import create_app

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
            uvicorn.run(create_app(context=ctx), host=host, port=port, log_level="info")
        finally:
            stop.set()
            sender.join(timeout=10)
