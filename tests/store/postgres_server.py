"""A PostgreSQL server for the store tests, and a fresh schema per test.

The server is the one named by ``NEWSWEAVE_TEST_POSTGRES_URL`` (CI starts one), or else a
throwaway one started here from Debian's binaries (``initdb``/``pg_ctl``) in a temporary
folder, on a free loopback port, with trust authentication and without fsync (test data).
PostgreSQL refuses to run as root, so as root it runs as the ``postgres`` user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

ENV_URL = "NEWSWEAVE_TEST_POSTGRES_URL"
ENV_REQUIRED = "NEWSWEAVE_REQUIRE_POSTGRES"


class Unavailable(Exception):
    """No PostgreSQL server can be had for the tests (the message says why)."""


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a server in a temporary folder; yield its URL; stop it and remove the folder."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not (initdb and pg_ctl):
        raise Unavailable(f"no PostgreSQL server: set {ENV_URL}, or install postgresql (initdb, pg_ctl)")
    as_user: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="newsweave-pg-"))
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(folder)
            raise Unavailable("running as root and there is no 'postgres' user to run the server as") from None
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    run = dict(check=True, capture_output=True, text=True, timeout=120)
    try:
        subprocess.run([*as_user, initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                        "--no-locale", "--no-sync"], **run)
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c full_page_writes=off"
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-l", str(folder / "server.log"), "-o", options,
                        "-w", "start"], **run)
    except subprocess.CalledProcessError as exc:
        log = folder / "server.log"
        detail = (exc.stderr or "") + (log.read_text(errors="replace")[-2000:] if log.exists() else "")
        shutil.rmtree(folder, ignore_errors=True)
        raise Unavailable(f"could not start a PostgreSQL server: {detail.strip()}") from None
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def with_schema(url: str, schema: str) -> str:
    """The URL with the tables of the store put in ``schema`` (via the search path)."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    """A new, empty schema on the server at ``url``; yields a store URL that uses it, drops it after."""
    import psycopg

    schema = f"nw_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(url, schema)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
