"""URL ingest: off by default; when on, never reaches loopback, link-local or private addresses.

No test touches the network: names resolve through a stand-in resolver and pages come from an
httpx mock transport that records which address each request was sent to.
"""

from __future__ import annotations

import ipaddress

import httpx
import pytest

from newsweave.api.urlfetch import UrlFetcher, UrlRefused, forbidden_reason

PAGE = """<!doctype html><html><head><title>Grain ships leave Odesa</title></head><body><article>
<h1>Grain ships leave Odesa</h1>
<p>Three cargo ships carrying grain left the port of Odesa on Thursday under a new corridor agreement,
the port authority said. The ships are bound for Istanbul and Alexandria.</p>
</article></body></html>"""

DNS = {
    "news.example": ["93.184.216.34"],
    "sneaky.example": ["93.184.216.35", "10.0.0.7"],
    "rebind.example": ["127.0.0.1"],
    "v6.example": ["2606:4700::1111"],
    "localhost": ["127.0.0.1", "::1"],
}


def fake_resolve(host: str, port: int) -> list[str]:
    if host not in DNS:
        raise UrlRefused(f"cannot resolve the host {host!r}")
    return DNS[host]


class Recorder:
    """A mock web: answers by path, and records the address and Host header of every request."""

    def __init__(self, routes: dict[str, httpx.Response]) -> None:
        self.routes = routes
        self.seen: list[tuple[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((request.url.host, request.headers["host"]))
        return self.routes.get(request.url.path, httpx.Response(404))


@pytest.fixture
def web():
    return Recorder({
        "/grain": httpx.Response(200, text=PAGE, headers={"content-type": "text/html"}),
        "/moved": httpx.Response(302, headers={"location": "https://news.example/grain"}),
        "/to-private": httpx.Response(302, headers={"location": "http://sneaky.example/grain"}),
        "/to-metadata": httpx.Response(301, headers={"location": "http://169.254.169.254/latest/meta-data"}),
        "/loop": httpx.Response(302, headers={"location": "/loop"}),
        "/huge": httpx.Response(200, content=b"x" * 5000, headers={"content-type": "text/plain"}),
    })


@pytest.fixture
def url_client(store_copy, make_client, web):
    client = make_client(store_copy, serve_token="test-write-token", serve_allow_url_ingest=True)
    fetcher: UrlFetcher = client.app.state.url_fetcher
    fetcher.resolve = fake_resolve
    fetcher.transport = httpx.MockTransport(web)
    return client


@pytest.mark.parametrize("address, reason", [
    ("127.0.0.1", "loopback"),
    ("127.8.9.10", "loopback"),
    ("::1", "loopback"),
    ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
    ("fd00::1", "private"),
    ("::ffff:192.168.0.1", "private"),
    ("224.0.0.1", "multicast"),
    ("0.0.0.0", "private"),
    ("100.64.0.1", "not public"),
])
def test_non_public_addresses_are_forbidden(address, reason):
    assert forbidden_reason(ipaddress.ip_address(address)) == reason


def test_public_addresses_are_allowed():
    for address in ("93.184.216.34", "2606:4700::1111", "1.1.1.1"):
        assert forbidden_reason(ipaddress.ip_address(address)) is None


def test_url_ingest_is_off_by_default(write_client, auth):
    response = write_client.post("/api/ingest/url", json={"url": "https://news.example/grain"}, headers=auth)
    assert response.status_code == 403 and "off" in response.json()["detail"]


def test_a_public_page_is_fetched_from_the_checked_address_and_stored(url_client, auth, web):
    response = url_client.post("/api/ingest/url", json={"url": "https://news.example/grain", "outlet": "Example News",
                                                         "published": "2026-01-22"}, headers=auth)
    assert response.status_code == 201, response.json()
    assert web.seen == [("93.184.216.34", "news.example")]
    article = url_client.get(f"/api/articles/{response.json()['added'][0]}").json()
    assert article["title"] == "Grain ships leave Odesa"
    assert article["source"] == "https://news.example/grain"
    assert (article["outlet"], article["published"]) == ("Example News", "2026-01-22")


def test_redirects_are_followed_and_each_hop_is_checked(url_client, auth, web):
    response = url_client.post("/api/ingest/url", json={"url": "https://news.example/moved"}, headers=auth)
    assert response.status_code == 201
    assert [host for _, host in web.seen] == ["news.example", "news.example"]


@pytest.mark.parametrize("url, status, words", [
    ("http://127.0.0.1:8000/api/health", 403, "loopback"),
    ("http://localhost/admin", 403, "loopback"),
    ("http://[::1]/", 403, "loopback"),
    ("http://169.254.169.254/latest/meta-data", 403, "link-local"),
    ("http://192.168.0.10/router", 403, "private"),
    ("http://sneaky.example/grain", 403, "private address 10.0.0.7"),
    ("http://rebind.example/grain", 403, "loopback"),
    ("https://news.example/to-private", 403, "private"),
    ("https://news.example/to-metadata", 403, "link-local"),
    ("file:///etc/passwd", 422, "only http and https"),
    ("gopher://news.example/", 422, "only http and https"),
    ("https://unknown.example/", 422, "cannot resolve"),
    ("https://news.example/loop", 502, "redirects"),
    ("https://news.example/missing", 502, "HTTP 404"),
])
def test_refused_urls_name_the_reason_and_store_nothing(url_client, auth, web, url, status, words):
    before = url_client.get("/api/health").json()["articles"]
    response = url_client.post("/api/ingest/url", json={"url": url}, headers=auth)
    assert response.status_code == status
    assert words in response.json()["detail"]
    assert url_client.get("/api/health").json()["articles"] == before
    assert all(not ipaddress.ip_address(addr).is_private for addr, _ in web.seen)


def test_a_page_over_the_size_cap_is_refused(store_copy, make_client, auth, web):
    client = make_client(store_copy, serve_token="test-write-token", serve_allow_url_ingest=True,
                         serve_max_upload_bytes=4000)
    client.app.state.url_fetcher.resolve = fake_resolve
    client.app.state.url_fetcher.transport = httpx.MockTransport(web)
    response = client.post("/api/ingest/url", json={"url": "https://news.example/huge"}, headers=auth)
    assert response.status_code == 413 and "4,000 bytes" in response.json()["detail"]


def test_a_timeout_is_reported_as_504(url_client, auth):
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    url_client.app.state.url_fetcher.transport = httpx.MockTransport(slow)
    response = url_client.post("/api/ingest/url", json={"url": "https://news.example/grain"}, headers=auth)
    assert response.status_code == 504 and "longer than" in response.json()["detail"]
