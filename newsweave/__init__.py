"""newsweave: weave foreign-language news reports into stories with provenance."""

__version__ = "0.1.0"
