"""newsweave errors as HTTP answers: a status and ``{"detail": message, "code", "hint"}``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from newsweave.errors import InputError, NewsweaveError, NotFoundError, SettingsError, StoreError

_STATUS = {NotFoundError: 404, InputError: 422, SettingsError: 400, StoreError: 503}


def error_body(exc: NewsweaveError) -> dict:
    return {"detail": str(exc.args[0]), "code": exc.code, "hint": exc.hint or None}


def status_of(exc: NewsweaveError) -> int:
    for kind, status in _STATUS.items():
        if isinstance(exc, kind):
            return status
    return 500


async def _newsweave_error(request: Request, exc: NewsweaveError) -> JSONResponse:
    return JSONResponse(error_body(exc), status_code=status_of(exc))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(NewsweaveError, _newsweave_error)
