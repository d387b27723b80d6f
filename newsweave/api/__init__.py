"""`newsweave serve`: a REST API and a web UI over the store, in one FastAPI app."""

from newsweave.api.app import create_app

__all__ = ["create_app"]
