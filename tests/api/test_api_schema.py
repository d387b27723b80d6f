"""Schema-driven testing: schemathesis generates requests from the app's own OpenAPI document
(valid and invalid ones, for every operation) and checks the answers; none may be a 5xx."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from newsweave.api import create_app
from newsweave.settings import load_settings

from tests.api.conftest import TOKEN

# The schema is loaded when the module is collected (schemathesis needs it to make the tests);
# the store behind the app is filled with the woven corpus before the first request.
_DB_DIR = Path(tempfile.mkdtemp(prefix="newsweave-schema-"))
_DB = _DB_DIR / "store.db"
atexit.register(shutil.rmtree, _DB_DIR, True)  # also when the test is collected but not run
app = create_app(load_settings({"db": str(_DB), "serve_token": TOKEN, "serve_rate_limit": 0,
                                "serve_max_upload_bytes": 200_000}, env={}))
schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)


@pytest.fixture(scope="module", autouse=True)
def corpus_behind_the_app(corpus_db):
    for leftover in _DB_DIR.glob("store.db*"):
        leftover.unlink()
    shutil.copyfile(corpus_db, _DB)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_the_schema_allows_or_forbids_gets_a_server_error(case):
    """Every default check (no 5xx, documented status codes, content types and response bodies)
    except "schema-valid data is accepted": a schema cannot say "enough text to be an article"
    or "a file that is not binary", and the server rightly answers such inputs with 422."""
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=[positive_data_acceptance])
