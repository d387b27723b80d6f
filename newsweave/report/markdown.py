"""The story dossier as Markdown: for notes, tickets and chat, where HTML is not welcome.

Structure is English; sentences stay in their language. Every article-derived string is
escaped so Markdown syntax or raw HTML in an article (``<script>``, ``*``, ``|``) shows as text
in any renderer.
"""

from __future__ import annotations

import re
from typing import Iterable

from newsweave.compare.dossier import Claim, Dossier
from newsweave.compare.provenance import source_phrase
from newsweave.compare.quotes import QUOTE_SLOT

_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_MARKDOWN = re.compile(r"([\\`*_\[\]{}|#!~])")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


def md(text: str | None) -> str:
    """Text made inert: HTML entities for ``<>&``, backslashes before Markdown syntax, one line."""
    if not text:
        return ""
    return _MARKDOWN.sub(r"\\\1", _LINE_BREAKS.sub(" ", text.translate(_HTML))).strip()


def _claim_lines(claim: Claim) -> list[str]:
    lines = [f"- **{md(claim.headline)}**"]
    if claim.note:
        lines.append(f"  - _{md(claim.note)}_")
    for value in claim.values:
        phrase = source_phrase(value.lang, value.outlet, value.via, channel=claim.slot == QUOTE_SLOT)
        lines.append(f"  - {md(value.display)} — {md(phrase)}{f' ({md(value.outlet)})' if value.outlet else ''}")
        lines.append(f"    > [{value.lang}] {md(value.text)}")
    return lines


def _section(title: str, claims: Iterable[Claim], empty: str | None = None) -> list[str]:
    claims = list(claims)
    if not claims and empty is None:
        return []
    lines = ["", f"### {title} ({len(claims)})", ""]
    if not claims:
        return lines + [empty or ""]
    for claim in claims:
        lines.extend(_claim_lines(claim))
    return lines


def dossier_markdown(dossier: Dossier, *, level: int = 2) -> str:
    """One story's dossier; ``level`` is the heading level of its title."""
    head = "#" * level
    what = [f"**What:** {md(dossier.event)}"]
    if dossier.who:
        what.append(f"**Who:** {md(', '.join(dossier.who))}")
    if dossier.where:
        what.append(f"**Where:** {md(', '.join(dossier.where))}")
    if dossier.when:
        what.append(f"**When:** {md(dossier.when)}")
    lines = [f"{head} {md(dossier.title)}", "", " · ".join(what), "", "### Sources", "",
             "| language | outlet | published | headline | cites |", "|---|---|---|---|---|"]
    for s in dossier.sources:
        lines.append(f"| {s.language} | {md(s.outlet) or '—'} | {s.published or 'undated'} | {md(s.headline)} | "
                     f"{md(', '.join(s.cites)) or '—'} |")
    lines += _section("Where the sources differ", dossier.differences, "No difference found between the sources.")
    lines += _section("Where they agree", dossier.agreements)
    lines += _section("Reported by one source only", dossier.only_in_one)
    lines += _section("Statements reported by several sources", [q for q in dossier.quotes if q.status == "agree"])
    lines += _section("Statements only one source reports", [q for q in dossier.quotes if q.status != "agree"])
    if dossier.timeline:
        lines += ["", "### Timeline", "", "| when | what | reported in |", "|---|---|---|"]
        for row in dossier.timeline:
            expected = " (expected)" if row.expected else ""
            lines.append(f"| {row.when} | {md(row.label)}{expected} | {', '.join(row.languages)} |")
    if dossier.entities:
        lines += ["", "### Entities", ""]
        for e in dossier.entities:
            names = "; ".join(f"{code}: {md(', '.join(ns))}" for code, _, ns in e.names if ns)
            lines.append(f"- **{md(e.label)}** ({e.type}, {e.articles} article{'s' if e.articles != 1 else ''})"
                         + (f" — {names}" if names else ""))
    return "\n".join(lines) + "\n"


def report_markdown(dossiers: Iterable[Dossier], *, title: str = "newsweave report") -> str:
    """Several dossiers under one title."""
    parts = [f"# {md(title)}", ""]
    parts += [dossier_markdown(d) for d in dossiers]
    return "\n".join(parts)
