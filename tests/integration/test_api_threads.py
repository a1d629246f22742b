"""How many threads of a server process answer at once: its settings say."""

from __future__ import annotations

from pathlib import Path

import pytest
from anyio import to_thread
from fastapi.testclient import TestClient
from pydantic import ValidationError

from jejaring.api import create_app
from jejaring.config import Settings


@pytest.mark.parametrize("threads", [1, 3, 8])
def test_the_threads_answering_are_those_the_settings_name(tmp_path: Path, threads: int) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/j.db", worker_threads=threads)
    with TestClient(create_app(settings)) as client:
        limiter = client.portal.call(to_thread.current_default_thread_limiter)
        assert limiter.total_tokens == threads


def test_no_threads_is_refused() -> None:
    with pytest.raises(ValidationError, match="worker_threads"):
        Settings(worker_threads=0)
