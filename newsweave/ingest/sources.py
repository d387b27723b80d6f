"""Paths to input units: files named directly, files found in directories, or standard input.

Directory walks are recursive, sorted by name (deterministic across machines) and lazy (one
directory listed at a time). They skip hidden entries (``.git``, ``.DS_Store``), editor backups
(``name~``) and extensions that are never articles (images, archives, media, office documents,
code, and ``*.json``, which in a corpus folder is metadata such as gold labels). A file named
directly is always read, whatever its extension, so a PNG named on the command line is reported
as ``binary`` rather than ignored.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from newsweave.ingest.problems import NOT_FOUND, UNREADABLE, problem
from newsweave.ingest.sniff import SKIPPED_IN_DIRECTORIES
from newsweave.model import IngestProblem

STDIN = "-"
STDIN_SOURCE = "<stdin>"


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read, or standard input when ``path`` is None."""

    source: str
    path: str | None
    size: int | None = None


def expand_paths(paths: Iterable[str | bytes | os.PathLike]) -> Iterator[InputFile | IngestProblem]:
    for raw in paths:
        name = os.fsdecode(raw)
        if name == STDIN:
            yield InputFile(source=STDIN_SOURCE, path=None)
            continue
        yield from _expand_one(name)


def _expand_one(name: str) -> Iterator[InputFile | IngestProblem]:
    try:
        info = os.stat(name)
    except FileNotFoundError:
        yield problem(name, NOT_FOUND, "no such file or directory")
        return
    except PermissionError:
        yield problem(name, UNREADABLE, "permission denied")
        return
    except OSError as exc:
        yield problem(name, UNREADABLE, exc.strerror or type(exc).__name__)
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(name)
    elif stat.S_ISREG(info.st_mode):
        yield InputFile(source=name, path=name, size=info.st_size)
    else:
        yield problem(name, UNREADABLE, "not a regular file or directory")


def _walk(directory: str) -> Iterator[InputFile | IngestProblem]:
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except PermissionError:
        yield problem(directory, UNREADABLE, "permission denied (directory)")
        return
    except OSError as exc:
        yield problem(directory, UNREADABLE, exc.strerror or type(exc).__name__)
        return
    for entry in entries:
        if _skipped(entry.name):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file()
        except OSError:
            yield problem(entry.path, UNREADABLE, "cannot be inspected")
            continue
        if is_dir:
            yield from _walk(entry.path)
        elif is_file:
            yield from _file_entry(entry)


def _file_entry(entry: os.DirEntry) -> Iterator[InputFile | IngestProblem]:
    try:
        size = entry.stat().st_size
    except OSError as exc:
        yield problem(entry.path, UNREADABLE, exc.strerror or type(exc).__name__)
        return
    yield InputFile(source=entry.path, path=entry.path, size=size)


def _skipped(name: str) -> bool:
    return name.startswith(".") or name.endswith("~") or Path(name).suffix.lower() in SKIPPED_IN_DIRECTORIES
