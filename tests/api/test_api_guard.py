"""Safety by default: security headers, rate limits, CORS off, the serve command's binding rules."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsweave.api.guard import TokenBuckets
from newsweave.cli import app as cli_app


@pytest.mark.parametrize("path", ["/api/health", "/api/articles/nope-not-here", "/api/search?q=", "/api/openapi.json"])
def test_every_answer_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


def test_no_interactive_docs_that_would_need_inline_script_or_a_cdn(client):
    assert client.get("/api/docs").status_code == 404
    assert client.get("/api/openapi.json").status_code == 200


def test_rate_limit_answers_429_with_retry_after(corpus_db, make_client):
    client = make_client(corpus_db, serve_rate_limit=5)
    statuses = [client.get("/api/health").status_code for _ in range(7)]
    assert statuses == [200] * 5 + [429] * 2
    refused = client.get("/api/health")
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "5 a minute" in refused.json()["detail"]
    assert refused.headers["x-frame-options"] == "DENY"


def test_token_bucket_refills_with_time_and_keeps_clients_apart():
    now = [0.0]
    buckets = TokenBuckets(60, clock=lambda: now[0])  # one request a second, bursts of 60
    assert all(buckets.take("a") == 0 for _ in range(60))
    assert buckets.take("a") == pytest.approx(1.0)
    assert buckets.take("b") == 0
    now[0] += 2.5
    assert buckets.take("a") == 0 and buckets.take("a") == 0
    assert buckets.take("a") > 0


def test_cors_is_off_by_default(client):
    origin = {"Origin": "https://elsewhere.example"}
    response = client.get("/api/health", headers=origin)
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/articles", headers={**origin, "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_only_the_configured_origins(corpus_db, make_client):
    client = make_client(corpus_db, serve_cors_origins="https://desk.example, https://wall.example")
    allowed = client.get("/api/health", headers={"Origin": "https://wall.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://wall.example"
    other = client.get("/api/health", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers


@pytest.fixture
def served(monkeypatch):
    """Capture what `newsweave serve` would run instead of starting a server."""
    calls = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def test_serve_binds_loopback_port_8000_by_default(served, corpus_db):
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(corpus_db)], env={"NEWSWEAVE_SERVE_TOKEN": ""})
    assert result.exit_code == 0, result.output
    app, options = served[0]
    assert (options["host"], options["port"]) == ("127.0.0.1", 8000)
    assert app.state.settings.db == str(corpus_db) and app.state.settings.serve_token == ""
    assert "read-only" in result.output


def test_serve_refuses_a_non_loopback_host_without_allow_remote(served, corpus_db):
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(corpus_db), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and served == []
    assert "--allow-remote" in result.output


def test_serve_warns_when_allowed_to_listen_beyond_loopback(served, corpus_db):
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(corpus_db), "--host", "0.0.0.0", "--allow-remote",
                                          "--port", "8123"], env={"NEWSWEAVE_SERVE_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert "warning: serving" in result.output and "read-only" in result.output
    assert served[0][1]["port"] == 8123


def test_serve_accepts_ipv6_loopback(served, corpus_db):
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(corpus_db), "--host", "::1"])
    assert result.exit_code == 0, result.output


def test_serve_on_loopback_answers_only_to_loopback_host_names(served, corpus_db):
    """A page on another site that rebinds its name to 127.0.0.1 still sends its own Host header."""
    from fastapi.testclient import TestClient

    CliRunner().invoke(cli_app, ["serve", "--db", str(corpus_db)], env={"NEWSWEAVE_SERVE_RATE_LIMIT": "0"})
    app = served[0][0]
    for base in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):
        assert TestClient(app, base_url=base).get("/api/health").status_code == 200
    refused = TestClient(app, base_url="http://attacker.example:8000").get("/api/health")
    assert refused.status_code == 400 and "Host" in refused.json()["detail"]
    assert refused.headers["x-frame-options"] == "DENY"


def test_serve_with_allow_remote_answers_any_host_name(served, corpus_db):
    from fastapi.testclient import TestClient

    CliRunner().invoke(cli_app, ["serve", "--db", str(corpus_db), "--host", "0.0.0.0", "--allow-remote"],
                       env={"NEWSWEAVE_SERVE_RATE_LIMIT": "0"})
    assert TestClient(served[0][0], base_url="http://news-desk.lan").get("/api/health").status_code == 200
