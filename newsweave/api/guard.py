"""What keeps `newsweave serve` safe by default: headers, rate and size limits, the write token.

The middlewares are plain ASGI (no per-request task switching), so they cost next to nothing
on the read path the load test measures.
"""

from __future__ import annotations

import hmac
import math
import threading
import time
from typing import Awaitable, Callable, MutableMapping

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from newsweave.api.deps import get_settings
from newsweave.settings import Settings

Scope = MutableMapping
Receive = Callable[[], Awaitable[MutableMapping]]
Send = Callable[[MutableMapping], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


async def _send_json(send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]] = ()) -> None:
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra],
    })
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the security headers to every HTTP response, whoever produced it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in SECURITY_HEADERS if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def host_name(header: bytes) -> str:
    """The host of a Host header, without the port (``[::1]:8000`` → ``::1``)."""
    text = header.decode("latin-1").strip().lower()
    if text.startswith("["):
        return text[1 : text.find("]")] if "]" in text else text
    return text.rsplit(":", 1)[0] if text.count(":") == 1 else text


class HostCheck:
    """400 for a Host header naming another machine: a web page cannot reach a loopback server
    through DNS rebinding (its requests would carry the attacker's host name)."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = {name.lower() for name in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            header = next((value for name, value in scope.get("headers", []) if name == b"host"), b"")
            if host_name(header) not in self.allowed:
                await _send_json(send, 400, b'{"detail":"this server answers only to its loopback names (Host header)"}')
                return
        await self.app(scope, receive, send)


class TokenBuckets:
    """One token bucket per client: ``per_minute`` requests a minute, bursts up to that many."""

    _PRUNE_AT = 10_000

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.refill_per_second = per_minute / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when the request may go ahead; otherwise the seconds until it may."""
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.refill_per_second)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            if len(self._buckets) > self._PRUNE_AT:
                self._prune(now)
            return (1.0 - tokens) / self.refill_per_second

    def _prune(self, now: float) -> None:
        """Forget clients whose bucket has refilled: they are indistinguishable from new ones."""
        full_after = self.capacity / self.refill_per_second
        self._buckets = {c: v for c, v in self._buckets.items() if now - v[1] < full_after}


class RateLimit:
    """429 with Retry-After once a client has used up its requests for the minute."""

    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app = app
        self.buckets = TokenBuckets(per_minute) if per_minute > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.buckets is None:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait = self.buckets.take(client[0] if client else "unknown")
        if wait > 0:
            retry_after = str(max(1, math.ceil(wait)))
            body = (b'{"detail":"too many requests: the limit is %d a minute per client; retry after %s s"}'
                    % (int(self.buckets.capacity), retry_after.encode()))
            await _send_json(send, 429, body, [(b"retry-after", retry_after.encode())])
            return
        await self.app(scope, receive, send)


class BodySizeLimit:
    """413 for a request body over ``max_bytes``: refused from Content-Length before it is read,
    or cut off while streaming when the length was not declared (chunked uploads)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> bytes:
        return b'{"detail":"the request body is larger than the limit of %d bytes (serve_max_upload_bytes)"}' % self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_json(send, 400, b'{"detail":"the Content-Length header is not a number"}')
                    return
                if declared > self.max_bytes:
                    await _send_json(send, 413, self._message())
                    return
        received = 0
        started = refused = False

        async def counting_receive() -> MutableMapping:
            nonlocal received, started, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Answer now, then tell the app the client went away: whatever it does with
                    # that (FastAPI may turn it into a 400) is not sent.
                    refused = True
                    if not started:
                        started = True
                        await _send_json(send, 413, self._message())
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: MutableMapping) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not refused:
                raise


def cors_origins(settings: Settings) -> list[str]:
    """The configured CORS origins; none (CORS off) by default."""
    return [origin.strip() for origin in settings.serve_cors_origins.split(",") if origin.strip()]


_bearer = HTTPBearer(auto_error=False, description="The server's write token (NEWSWEAVE_SERVE_TOKEN).")


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    """Write endpoints: 403 on a read-only server, 401 without a token, 403 with a wrong one."""
    settings = get_settings(request)
    if not settings.serve_token:
        raise HTTPException(403, "this server is read-only: start it with a token (NEWSWEAVE_SERVE_TOKEN) to allow writes")
    if credentials is None:
        raise HTTPException(401, "this endpoint needs the header Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(credentials.credentials.encode(), settings.serve_token.encode()):
        raise HTTPException(403, "the token is not this server's write token")
