"""The REST API under ``/api/v1``: thin routers over the services, problem details for errors."""

from jejaring.api.app import create_app

__all__ = ["create_app"]
