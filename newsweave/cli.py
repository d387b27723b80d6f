"""The ``newsweave`` command line.

Exit codes: 0 success; 1 an error stopped the command; 2 bad usage; 3 the command finished but
some inputs were skipped (each named on stderr with its problem).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsweave import __version__
from newsweave.errors import NewsweaveError
from newsweave.model import Article, EntityType, IngestProblem
from newsweave.settings import Settings, load_settings

EXIT_SKIPPED = 3

app = typer.Typer(
    name="newsweave",
    help="Weave foreign-language news reports into stories with provenance.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class _State:
    db: str | None = None
    quiet: bool = False


state = _State()


def _settings(**overrides) -> Settings:
    return load_settings({"db": state.db, **overrides})


@contextmanager
def _errors() -> Iterator[None]:
    """Turn newsweave errors into one clear line and exit code 1."""
    try:
        yield
    except NewsweaveError as exc:
        err.print(f"newsweave: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None


def _open(settings: Settings, *, readonly: bool = False):
    from newsweave.store import open_store

    return open_store(settings.db, settings=settings, readonly=readonly)


def _parse_date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.callback()
def _main(
    db: Optional[str] = typer.Option(None, "--db", envvar="NEWSWEAVE_DB", help="Store: a SQLite file or a postgresql:// URL (default newsweave.db)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summaries."),
    version: bool = typer.Option(False, "--version", help="Show the version and exit."),
) -> None:
    if version:
        out.print(f"newsweave {__version__}")
        raise typer.Exit(0)
    state.db = db
    state.quiet = quiet


def _run_ingest(
    paths: list[str],
    settings: Settings,
    outlet: Optional[str],
    published: Optional[dt.date],
    engine: str = "local",
    ray_address: Optional[str] = None,
):
    from newsweave.engine import open_engine
    from newsweave.ingest import read_inputs
    from newsweave.pipeline import Weaver, frozen_heap

    with open_engine(engine, settings, address=ray_address) as mapper, _open(settings) as store, Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed} inputs"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=state.quiet or not err.is_terminal,
    ) as progress:
        task = progress.add_task("weaving", total=None)

        def on_item(item) -> None:
            progress.advance(task)
            if isinstance(item, IngestProblem):
                err.print(f"skipped {item}", markup=False, highlight=False)

        weaver = Weaver(store, settings, mapper=mapper, on_item=on_item)
        items = read_inputs(paths, settings=settings, outlet=outlet, published=published)
        with frozen_heap():
            return weaver.weave(items)


def _summary(result) -> dict:
    return {
        "added": len(result.added),
        "unchanged": len(result.unchanged),
        "skipped": [{"source": p.source, "code": p.code, "message": p.message} for p in result.problems],
    }


PATHS = typer.Argument(..., help="Files, directories (recursive), or - for standard input.")
PUBLISHED = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for inputs that carry none.")
OUTLET = typer.Option(None, "--outlet", help="Outlet name for inputs that carry none.")
MAX_BYTES = typer.Option(None, "--max-bytes", help="Refuse inputs larger than this many bytes.")
ENGINE = typer.Option(
    "local", "--engine", envvar="NEWSWEAVE_ENGINE",
    help="Where per-article stages run: local (this process), process (a worker per core) or ray (every core, or a Ray cluster).",
)
RAY_ADDRESS = typer.Option(
    None, "--ray-address", help="Join this Ray cluster (default: $RAY_ADDRESS, else start Ray on this machine).",
)


def _engine_name(value: str) -> str:
    from newsweave.engine import ENGINES

    if value not in ENGINES:
        raise typer.BadParameter(f"unknown engine {value!r}: use " + " or ".join(ENGINES), param_hint="--engine")
    return value


def _finish(result, where: str, *, quiet: bool = False) -> None:
    """One summary line on stderr, and exit code 3 when some inputs were skipped."""
    if not (quiet or state.quiet):
        err.print(
            f"{len(result.added)} added, {len(result.unchanged)} already stored, "
            f"{len(result.problems)} skipped — {where}",
            highlight=False,
        )
    if result.problems:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def ingest(
    paths: list[str] = PATHS,
    published: Optional[str] = PUBLISHED,
    outlet: Optional[str] = OUTLET,
    max_bytes: Optional[int] = MAX_BYTES,
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    engine: str = ENGINE,
    ray_address: Optional[str] = RAY_ADDRESS,
) -> None:
    """Read articles and store them with everything extracted from them."""
    engine = _engine_name(engine)
    with _errors():
        settings = _settings(max_input_bytes=max_bytes)
        result = _run_ingest(paths, settings, outlet, _parse_date(published), engine, ray_address)
    if as_json:
        _print_json(_summary(result))
    from newsweave.store import masked_location

    _finish(result, f"store: {masked_location(settings.db)}", quiet=as_json)


@app.command()
def weave(
    paths: list[str] = PATHS,
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="Where to write the HTML report."),
    published: Optional[str] = PUBLISHED,
    outlet: Optional[str] = OUTLET,
    max_bytes: Optional[int] = MAX_BYTES,
    engine: str = ENGINE,
    ray_address: Optional[str] = RAY_ADDRESS,
) -> None:
    """Ingest PATHS, then write a self-contained HTML report of them."""
    from newsweave.report.html_report import render_report

    engine = _engine_name(engine)
    with _errors():
        settings = _settings(max_input_bytes=max_bytes)
        result = _run_ingest(paths, settings, outlet, _parse_date(published), engine, ray_address)
        with _open(settings, readonly=True) as store:
            html = render_report(store, article_ids=result.article_ids or None)
        try:
            output.write_text(html, encoding="utf-8")
        except OSError as exc:
            raise NewsweaveError(f"cannot write the report to {output}: {exc.strerror}") from None
    _finish(result, f"report: {output}")


@app.command()
def articles(
    lang: Optional[str] = typer.Option(None, "--lang", help="Only this language (fa, ar, en …)."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Only this outlet."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many rows."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """List stored articles."""
    with _errors(), _open(_settings(), readonly=True) as store:
        rows = list(store.iter_articles(lang=lang, outlet=outlet, limit=limit))
        total = store.count_articles(lang=lang, outlet=outlet)
    if as_json:
        for article in rows:
            sys.stdout.write(json.dumps(_brief(article), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(rows)} of {total} articles", title_justify="left")
    for column in ("id", "lang", "published", "outlet", "title", "ents", "source"):
        table.add_column(column, overflow="fold")
    for article in rows:
        table.add_row(
            article.id[:12],
            article.lang,
            article.published.isoformat() if article.published else "",
            article.outlet or "",
            _headline(article),
            str(len(article.mentions)),
            article.source,
        )
    out.print(table)


def _headline(article: Article, width: int = 70) -> str:
    text = article.title or article.text.split("\n", 1)[0]
    return text if len(text) <= width else text[: width - 1] + "…"


def _brief(article: Article) -> dict:
    return {
        "id": article.id,
        "lang": article.lang,
        "published": article.published.isoformat() if article.published else None,
        "outlet": article.outlet,
        "title": article.title,
        "source": article.source,
    }


@app.command()
def show(
    article_id: str = typer.Argument(..., help="Article id (or a unique prefix of 6+ characters)."),
    as_json: bool = typer.Option(False, "--json", help="The article as in the JSON export."),
) -> None:
    """Show one article with what was extracted from it."""
    from newsweave.report.json_export import article_to_export

    with _errors(), _open(_settings(), readonly=True) as store:
        article = store.get_article(article_id)
        entities = {m.entity: store.get_entity(m.entity) for m in article.mentions if m.entity}
    data = article_to_export(article, entities)
    if as_json:
        _print_json(data)
        return
    _print_article(article, data, entities)


def _print_article(article: Article, data: dict, entities: dict) -> None:
    meta = Table.grid(padding=(0, 2))
    for name in ("id", "source", "outlet", "published", "lang", "title"):
        value = data.get(name)
        if name == "lang":
            value = f"{article.lang} ({article.lang_confidence:.2f})"
        meta.add_row(name, str(value) if value is not None else "—")
    meta.add_row("sentences", str(len(article.sentences)))
    if article.boilerplate:
        meta.add_row("boilerplate", " | ".join(article.boilerplate))
    out.print(meta)
    out.print()
    out.print(article.text, markup=False, highlight=False)
    out.print()
    if article.mentions:
        table = Table(title="entities", title_justify="left")
        for column in ("text", "type", "entity", "label", "at"):
            table.add_column(column)
        for m in article.mentions:
            entity = entities.get(m.entity)
            table.add_row(m.text, m.type.value, (m.entity or "")[:16], entity.label if entity else "", f"{m.start}-{m.end}")
        out.print(table)
    for key, columns in (
        ("times", ("text", "kind", "value")),
        ("attributions", ("speaker_text", "speaker", "via", "quote")),
        ("facts", ("event", "participants", "place", "time", "duration")),
    ):
        rows = data.get(key) or []
        if not rows:
            continue
        table = Table(title=key, title_justify="left")
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        out.print(table)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("text") or value.get("value") or value.get("entity") or "")
    text = str(value)
    return text if len(text) <= 160 else text[:159] + "…"


@app.command()
def search(
    query: str = typer.Argument(..., help="Words to find (any script; ی/ي and ZWNJ variants match)."),
    limit: int = typer.Option(20, "--limit", min=1),
    lang: Optional[str] = typer.Option(None, "--lang"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Full-text search over stored articles."""
    with _errors(), _open(_settings(), readonly=True) as store:
        hits = store.search(query, limit=limit, lang=lang)
    if as_json:
        for hit in hits:
            sys.stdout.write(json.dumps({"id": hit.article_id, "title": hit.title, "snippet": hit.snippet, "score": hit.score}, ensure_ascii=False) + "\n")
        return
    if not hits:
        err.print(f"no article matches {query!r}", highlight=False)
        return
    table = Table(title=f"{len(hits)} matches for {query!r}", title_justify="left")
    for column in ("id", "title", "snippet"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        table.add_row(hit.article_id[:12], hit.title or "", hit.snippet)
    out.print(table)


@app.command()
def export(
    fmt: str = typer.Option("json", "--format", "-f", help="json (one document) or jsonl (one article a line)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default standard output)."),
) -> None:
    """Export the store in the documented JSON format (docs/json-format.md)."""
    from newsweave.report.json_export import export_document, write_json

    if fmt not in {"json", "jsonl"}:
        raise typer.BadParameter(f"unknown format {fmt!r}: use json or jsonl", param_hint="--format")
    with _errors(), _open(_settings(), readonly=True) as store:
        doc = export_document(store)
        if output is None:
            write_json(doc, sys.stdout, jsonl=fmt == "jsonl")
        else:
            try:
                with output.open("w", encoding="utf-8") as fp:
                    write_json(doc, fp, jsonl=fmt == "jsonl")
            except OSError as exc:
                raise NewsweaveError(f"cannot write {output}: {exc.strerror}") from None


@app.command()
def entities(
    type_: Optional[str] = typer.Option(None, "--type", help="PER, ORG or LOC (or person, organisation, place)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Only entities named in this language."),
    limit: int = typer.Option(100, "--limit", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List entities, most mentioned first."""
    etype = _entity_type(type_)
    with _errors(), _open(_settings(), readonly=True) as store:
        rows = sorted(store.iter_entities(type=etype, lang=lang), key=lambda e: (-len(e.articles), e.label))
    rows = rows[:limit]
    if as_json:
        for e in rows:
            sys.stdout.write(json.dumps(_entity_data(e), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(rows)} entities", title_justify="left")
    for column in ("id", "type", "label", "names", "articles"):
        table.add_column(column, overflow="fold")
    for e in rows:
        names = "; ".join(f"{code}: {', '.join(ns)}" for code, ns in sorted(e.names.items()))
        table.add_row(e.id, e.type.value, e.label, names, str(len(e.articles)))
    out.print(table)


def _entity_type(value: Optional[str]) -> Optional[EntityType]:
    if value is None:
        return None
    aliases = {"per": "PER", "person": "PER", "org": "ORG", "organisation": "ORG", "organization": "ORG",
               "loc": "LOC", "place": "LOC", "location": "LOC"}
    code = aliases.get(value.lower())
    if code is None:
        raise typer.BadParameter(f"unknown entity type {value!r}: use PER, ORG or LOC", param_hint="--type")
    return EntityType(code)


def _entity_data(e) -> dict:
    return {"id": e.id, "type": e.type.value, "label": e.label, "names": {k: list(v) for k, v in e.names.items()},
            "articles": list(e.articles), "roles": list(e.roles)}


@app.command()
def entity(
    entity_id: str = typer.Argument(..., help="Entity id."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Show one entity: its names in every script and the articles that mention it."""
    with _errors(), _open(_settings(), readonly=True) as store:
        e = store.get_entity(entity_id)
        arts = []
        for article_id in e.articles:
            try:
                arts.append(store.get_article(article_id))
            except NewsweaveError:
                continue
    if as_json:
        _print_json(_entity_data(e))
        return
    grid = Table.grid(padding=(0, 2))
    grid.add_row("id", e.id)
    grid.add_row("type", e.type.value)
    grid.add_row("label", e.label)
    for code, names in sorted(e.names.items()):
        grid.add_row(f"names ({code})", ", ".join(names))
    if e.roles:
        grid.add_row("roles", ", ".join(e.roles))
    out.print(grid)
    table = Table(title=f"{len(arts)} articles", title_justify="left")
    for column in ("id", "lang", "published", "outlet", "title"):
        table.add_column(column, overflow="fold")
    for a in arts:
        table.add_row(a.id[:12], a.lang, a.published.isoformat() if a.published else "", a.outlet or "", _headline(a))
    out.print(table)


@app.command()
def compare(
    story_id: str = typer.Argument(..., help="Story id."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, md (Markdown) or json."),
) -> None:
    """Compare the sources of one story: where they agree, differ, or stand alone."""
    from newsweave.compare.dossier import dossier_from_store
    from newsweave.compare.export import comparison_to_export
    from newsweave.compare.terminal import print_dossier
    from newsweave.report.markdown import dossier_markdown

    if fmt not in {"table", "md", "json"}:
        raise typer.BadParameter(f"unknown format {fmt!r}: use table, md or json", param_hint="--format")
    with _errors(), _open(_settings(), readonly=True) as store:
        dossier = dossier_from_store(store, story_id)
    if fmt == "json":
        _print_json({"story": dossier.id, "title": dossier.title,
                     "comparison": [comparison_to_export(c) for c in dossier.comparisons]})
    elif fmt == "md":
        sys.stdout.write(dossier_markdown(dossier))
    else:
        print_dossier(dossier, out)


@app.command()
def stories(
    since: Optional[str] = typer.Option(None, "--since", help="Only stories still running on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Only stories started on or before YYYY-MM-DD."),
    storyline: Optional[str] = typer.Option(None, "--storyline", help="Only the stories of this storyline id."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many rows."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines (as in the export) instead of a table."),
) -> None:
    """List stories: one real-world event each, with every article about it in any language."""
    from newsweave.report.json_export import story_to_export

    with _errors(), _open(_settings(), readonly=True) as store:
        rows = list(store.iter_stories(storyline=storyline, since=_parse_date(since), until=_parse_date(until), limit=limit))
    if as_json:
        for story in rows:
            sys.stdout.write(json.dumps(story_to_export(story), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(rows)} stories", title_justify="left")
    for column in ("id", "start", "end", "label", "langs", "arts", "storyline", "title"):
        table.add_column(column, overflow="fold")
    for story in rows:
        table.add_row(
            story.id, _iso_or_blank(story.start), _iso_or_blank(story.end), story.label, ",".join(story.languages),
            str(len(story.articles)), story.storyline or "", _shorten(story.title),
        )
    out.print(table)


@app.command()
def story(
    story_id: str = typer.Argument(..., help="Story id (or a unique prefix of 6+ characters)."),
    as_json: bool = typer.Option(False, "--json", help="The story as in the JSON export."),
) -> None:
    """Show one story: its articles, outlets and languages, and its timeline."""
    from newsweave.report.json_export import story_to_export

    with _errors(), _open(_settings(), readonly=True) as store:
        found = store.get_story(story_id)
        arts = [store.get_article(a) for a in found.articles]
    if as_json:
        _print_json(story_to_export(found))
        return
    grid = Table.grid(padding=(0, 2))
    for name, value in (("id", found.id), ("label", found.label), ("title", found.title), ("event", found.event),
                        ("dates", f"{_iso_or_blank(found.start)} – {_iso_or_blank(found.end)}"),
                        ("languages", ", ".join(found.languages)), ("outlets", ", ".join(found.outlets)),
                        ("storyline", found.storyline)):
        grid.add_row(name, value or "—")
    out.print(grid)
    table = Table(title=f"{len(arts)} articles", title_justify="left")
    for column in ("id", "lang", "published", "outlet", "title"):
        table.add_column(column, overflow="fold")
    for a in arts:
        table.add_row(a.id[:12], a.lang, _iso_or_blank(a.published), a.outlet or "", _headline(a))
    out.print(table)
    _print_timeline(found.timeline, f"timeline of {found.id}")


@app.command()
def timeline(
    storyline_id: Optional[str] = typer.Argument(None, help="Storyline id (or unique prefix); default: all storylines."),
    as_json: bool = typer.Option(False, "--json", help="JSON (as in the export) instead of tables."),
) -> None:
    """Show the timeline of a storyline (or of every storyline): dated events with their reports."""
    from newsweave.report.json_export import storyline_to_export

    with _errors(), _open(_settings(), readonly=True) as store:
        lines = [store.get_storyline(storyline_id)] if storyline_id else list(store.iter_storylines())
    if as_json:
        if storyline_id:
            _print_json(storyline_to_export(lines[0]))
        else:
            for line in lines:
                sys.stdout.write(json.dumps(storyline_to_export(line), ensure_ascii=False) + "\n")
        return
    if not lines:
        err.print("no storylines yet: ingest articles about events that follow one another", highlight=False)
        return
    for line in lines:
        out.print(f"[bold]{line.id}[/bold]  {_iso_or_blank(line.start)} – {_iso_or_blank(line.end)}  {len(line.stories)} stories")
        out.print(line.label, markup=False, highlight=False)
        _print_timeline(line.timeline, f"timeline of {line.id}")


def _print_timeline(events, title: str) -> None:
    if not events:
        return
    table = Table(title=title, title_justify="left")
    for column in ("date", "event", "label", "story", "langs", "outlets", "arts"):
        table.add_column(column, overflow="fold")
    for event in events:
        label = event.label if event.modality == "asserted" else f"{event.label} (expected)"
        table.add_row(event.date, event.event, label, event.story or "", ",".join(event.languages),
                      ", ".join(event.outlets), str(len(event.articles)))
    out.print(table)


def _iso_or_blank(value) -> str:
    return value.isoformat() if value else ""


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", help="Store to serve (default: the global --db, else newsweave.db)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless --allow-remote)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    allow_remote: bool = typer.Option(
        False, "--allow-remote", help="Allow listening on a non-loopback address (other machines can then read the store).",
    ),
) -> None:
    """Serve the store over HTTP: a web UI and a REST API (docs/api.md). Read-only unless
    NEWSWEAVE_SERVE_TOKEN is set; ingest endpoints then need that token."""
    import uvicorn

    from newsweave.api import create_app
    from newsweave.api.guard import LOOPBACK_NAMES

    if not _is_loopback(host) and not allow_remote:
        raise typer.BadParameter(
            f"{host} is not a loopback address: other machines could read the store; add --allow-remote to mean it",
            param_hint="--host",
        )
    with _errors():
        settings = _settings(db=db or state.db)
        # On loopback, answer only to loopback names: a web page cannot then read the store
        # through DNS rebinding. --allow-remote serves whatever name the network uses.
        application = create_app(settings, allowed_hosts=LOOPBACK_NAMES if _is_loopback(host) else None)
    if not _is_loopback(host):
        writes = "writes need the token" if settings.serve_token else "read-only (no NEWSWEAVE_SERVE_TOKEN)"
        err.print(f"warning: serving {settings.db} to the network on {host}:{port}; {writes}", highlight=False)
    if not state.quiet:
        mode = "writes need the token" if settings.serve_token else "read-only"
        err.print(f"serving {settings.db} on http://{host}:{port}/ ({mode}); Ctrl-C stops", highlight=False)
    # proxy_headers off: a client cannot pick its own address (and rate-limit bucket) with X-Forwarded-For.
    uvicorn.run(application, host=host, port=port, log_level="warning" if state.quiet else "info",
                server_header=False, proxy_headers=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
