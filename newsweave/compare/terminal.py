"""The dossier in a terminal (``newsweave compare STORY``): differences first, in English."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from newsweave.compare.dossier import Claim, Dossier
from newsweave.compare.provenance import source_phrase
from newsweave.compare.quotes import QUOTE_SLOT

_STATUS_STYLE = {"differ": "bold white on red", "agree": "bold white on green", "only_in_one": "bold white on grey50"}


def _values(claim: Claim) -> Text:
    text = Text()
    for n, value in enumerate(claim.values):
        if n:
            text.append("\n")
        text.append(value.display, style="bold")
        phrase = source_phrase(value.lang, value.outlet, value.via, channel=claim.slot == QUOTE_SLOT)
        text.append(f" — {phrase}", style="dim")
    return text


def claims_table(title: str, claims: list[Claim]) -> Table:
    table = Table(title=f"{title} ({len(claims)})", title_justify="left", show_lines=True, expand=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("slot", no_wrap=True)
    table.add_column("values (source)", ratio=3)
    table.add_column("note", ratio=2)
    for claim in claims:
        table.add_row(Text(claim.status.replace("_", " "), style=_STATUS_STYLE.get(claim.status, "")),
                      claim.event, claim.slot, _values(claim), Text(claim.note or "", style="italic"))
    return table


def print_dossier(dossier: Dossier, console: Console, *, quotes: bool = True) -> None:
    """The story's summary, sources and every verdict, differences first."""
    console.print(Text(dossier.title, style="bold"))
    console.print(Text(dossier.summary, style="dim"))
    sources = Table(title="sources", title_justify="left")
    for column in ("language", "outlet", "published", "cites"):
        sources.add_column(column)
    for s in dossier.sources:
        sources.add_row(s.language, s.outlet or "—", s.published or "undated", ", ".join(s.cites) or "—")
    parts = [sources, claims_table("where the sources differ", list(dossier.differences))]
    if dossier.agreements:
        parts.append(claims_table("where they agree", list(dossier.agreements)))
    if dossier.only_in_one:
        parts.append(claims_table("reported by one source only", list(dossier.only_in_one)))
    if quotes and dossier.quotes:
        parts.append(claims_table("statements", list(dossier.quotes)))
    console.print(Group(*parts))
