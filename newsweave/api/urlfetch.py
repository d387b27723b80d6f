"""Fetching an article from a URL without letting the server be used against its own network.

Every address a host name resolves to must be a public one (not loopback, link-local,
private, reserved, multicast or unspecified); the connection then goes to the checked address
itself (the name kept for the Host header and TLS), so a second DNS answer cannot swap in an
internal one. Redirects are followed by hand, each hop checked the same way. Bodies are read
up to a size cap, within a timeout.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx

MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


class UrlRefused(Exception):
    """The URL may not be fetched (bad form, forbidden address, too large, failed): says why."""

    def __init__(self, message: str, *, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UrlRefused(f"cannot resolve the host {host!r}: {exc}") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


def forbidden_reason(address: Address) -> str | None:
    """Why an address may not be fetched from, or None for a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return forbidden_reason(address.ipv4_mapped)
    for test, reason in (
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_private", "private"),
        ("is_multicast", "multicast"),
        ("is_reserved", "reserved"),
        ("is_unspecified", "unspecified"),
    ):
        if getattr(address, test):
            return reason
    if not address.is_global:
        return "not public"
    return None


@dataclass
class Fetched:
    url: str
    content: bytes
    content_type: str


@dataclass
class UrlFetcher:
    """Fetches public http(s) URLs; ``resolve`` and ``transport`` are replaceable for tests."""

    timeout: float
    max_bytes: int
    resolve: Resolver = resolve_host
    transport: httpx.BaseTransport | None = None

    def checked_address(self, url: str) -> tuple[httpx.URL, str]:
        """The URL and the one public address to connect to, or UrlRefused naming the problem."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"}:
            raise UrlRefused(f"only http and https URLs can be ingested, not {parts.scheme or 'a bare path'!r}")
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise UrlRefused(f"{url!r} is not a valid URL: {exc}") from None
        host = parsed.host
        if not host:
            raise UrlRefused(f"{url!r} names no host")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in self.resolve(host, port)]
        if not addresses:
            raise UrlRefused(f"the host {host!r} resolves to no address")
        for address in addresses:
            reason = forbidden_reason(address)
            if reason:
                raise UrlRefused(f"refusing to fetch {url!r}: {host} resolves to the {reason} address {address}",
                                 status=403)
        return parsed, str(addresses[0])

    def fetch(self, url: str) -> Fetched:
        with httpx.Client(timeout=self.timeout, follow_redirects=False, transport=self.transport) as client:
            for _ in range(MAX_REDIRECTS + 1):
                parsed, address = self.checked_address(url)
                status, headers, body = self._get(client, parsed, address)
                if status in _REDIRECTS:
                    location = headers.get("location")
                    if not location:
                        raise UrlRefused(f"{url} redirects without saying where", status=502)
                    url = urljoin(url, location)
                    continue
                if status != 200:
                    raise UrlRefused(f"{url} answered HTTP {status}", status=502)
                return Fetched(url, body, headers.get("content-type", ""))
        raise UrlRefused(f"more than {MAX_REDIRECTS} redirects from {url}", status=502)

    def _get(self, client: httpx.Client, parsed: httpx.URL, address: str) -> tuple[int, httpx.Headers, bytes]:
        """GET from the checked address itself, so the name cannot resolve elsewhere in between."""
        host_header = parsed.netloc.decode("ascii")
        pinned = parsed.copy_with(host=address)
        request = client.build_request(
            "GET", pinned, headers={"Host": host_header, "Accept": "text/html, application/xml, text/plain, */*"},
            extensions={"sni_hostname": parsed.host},
        )
        try:
            response = client.send(request, stream=True)
        except httpx.TimeoutException:
            raise UrlRefused(f"fetching {parsed} took longer than {self.timeout:g} s", status=504) from None
        except httpx.HTTPError as exc:
            raise UrlRefused(f"cannot fetch {parsed}: {exc}", status=502) from None
        try:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise UrlRefused(f"{parsed} is larger than the limit of {self.max_bytes:,} bytes", status=413)
            body = bytearray()
            if response.status_code not in _REDIRECTS:
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise UrlRefused(f"{parsed} is larger than the limit of {self.max_bytes:,} bytes", status=413)
            return response.status_code, response.headers, bytes(body)
        except httpx.HTTPError as exc:
            raise UrlRefused(f"cannot fetch {parsed}: {exc}", status=502) from None
        finally:
            response.close()
