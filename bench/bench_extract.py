"""The extract stage, stage by stage: articles per second on one core.

On generated ~3 KB fa/ar/en articles (bench.generate), prepared by the text stages before the
clock starts. Every article goes through the stages in ``pipeline.extract`` order, each stage
fed by the ones before it, and each stage's time is added up separately:

- baseline: computing the match key of the prepared text (``keys.key``) — the least work any
  extractor that matches lexicons on the key must do;
- normalise: the article's normalised text and match key (``Article.normalized``), built once
  per article by the first stage that needs it and shared (cached) by the others — so it has
  its own row and the stage rows after it do not pay for it again;
- entities, link (the single writer's registry), time, quotes + facts: each stage alone;
- time + quotes + facts: the part issue 4 sets a target for (≥ 200 articles/s);
- whole extract stage: ``pipeline.extract`` (normalise + entities + time + quotes + facts) on
  fresh copies of the articles, timed as one call per article.

Times are CPU seconds of one spawned process pinned to one CPU (``time.process_time``): the
reference machine has two cores that other work shares, and wall time there measures the
neighbours as much as the code. Language data is loaded before the clock starts.
Run alone with ``python -m bench.bench_extract [--quick]``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from dataclasses import replace

from bench.registry import Measurement, register

FULL_N = 1_500
QUICK_N = 150
TARGET_TIME_QUOTES_FACTS = 200.0
TARGET_QUOTES_FACTS = 500.0
BASELINE = "baseline: match key of the prepared text"
STAGES = ("normalise (shared match key)", "entities", "link (single writer)", "time", "quotes + facts")


def _pin_to_one_cpu() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _prepared(n: int) -> list:
    from bench.generate import iter_articles
    from newsweave.model import RawArticle
    from newsweave.pipeline import prepare
    from newsweave.settings import Settings

    settings = Settings()
    return [
        prepare(RawArticle(f"bench:{i}", a.text, published=a.published, lang_hint=a.lang), settings)
        for i, a in enumerate(iter_articles(n))
    ]


def measure_stages(n: int) -> dict[str, float]:
    """CPU seconds per row label (run in the pinned child)."""
    from newsweave.extract.entities import find_mentions
    from newsweave.extract.facts import find_facts
    from newsweave.extract.quotes import find_attributions
    from newsweave.extract.time import find_times
    from newsweave.link.registry import EntityRegistry
    from newsweave.pipeline import extract
    from newsweave.settings import Settings
    from newsweave.text.keys import key
    from newsweave.text.normalize import normalize

    settings = Settings()
    articles = _prepared(n)
    for article in articles[:3]:  # language data and caches loaded before the clock
        extract(replace(article), settings)
    registry = EntityRegistry([], settings=settings)
    clock = time.process_time
    spent = dict.fromkeys((BASELINE, *STAGES, "whole extract stage (pipeline.extract)"), 0.0)
    for article in articles:
        article = replace(article)  # a fresh record: nothing cached on it
        normalize.cache_clear()
        t0 = clock()
        key(article.text)
        t1 = clock()
        article.normalized  # noqa: B018 - what the first stage to need the key pays
        t2 = clock()
        article = replace(article, mentions=find_mentions(article, settings))
        t3 = clock()
        registry.link(article)
        t4 = clock()
        article = replace(article, times=find_times(article))
        t5 = clock()
        article = replace(article, attributions=find_attributions(article))
        article = replace(article, facts=find_facts(article))
        t6 = clock()
        for label, seconds in zip((BASELINE, *STAGES), (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
            spent[label] += seconds
    whole = "whole extract stage (pipeline.extract)"
    for article in articles:
        article = replace(article)
        normalize.cache_clear()
        t0 = clock()
        extract(article, settings)
        spent[whole] += clock() - t0
    return spent


def _child(n: int, results: mp.Queue) -> None:
    _pin_to_one_cpu()
    try:
        results.put((measure_stages(n), ""))
    except Exception as error:  # reported as a row, so a broken stage does not hide the table
        results.put(({}, f"{type(error).__name__}: {error}"))


def _in_pinned_process(n: int) -> tuple[dict[str, float], str]:
    context = mp.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_child, args=(n, results))
    process.start()
    outcome = results.get()
    process.join()
    return outcome


def rows_from(spent: dict[str, float], n: int) -> list[Measurement]:
    """The table rows, with the targets and each stage's share of the whole extract stage."""
    whole_label = "whole extract stage (pipeline.extract)"
    extract_parts = ("normalise (shared match key)", "entities", "time", "quotes + facts")
    parts_total = sum(spent[label] for label in extract_parts) or 1.0
    rows = [Measurement(BASELINE, n, spent[BASELINE], note=f"{n} generated articles (~3 KB, fa/ar/en), CPU s")]
    for label in STAGES:
        note = "" if label.startswith("link") else f"{spent[label] / parts_total:.0%} of the extract stage"
        if label == "quotes + facts":
            rate = n / spent[label] if spent[label] else 0.0
            note += f"; target ≥ {TARGET_QUOTES_FACTS:.0f}/s: {'met' if rate >= TARGET_QUOTES_FACTS else 'NOT met'}"
        rows.append(Measurement(label, n, spent[label], baseline=BASELINE, note=note))
    tqf = spent["time"] + spent["quotes + facts"]
    verdict = "met" if n / tqf >= TARGET_TIME_QUOTES_FACTS else "NOT met"
    rows.append(Measurement("time + quotes + facts", n, tqf, baseline=BASELINE,
                            note=f"issue 4 target ≥ {TARGET_TIME_QUOTES_FACTS:.0f}/s: {verdict}"))
    rows.append(Measurement(whole_label, n, spent[whole_label], baseline=BASELINE,
                            note="normalise + entities + time + quotes + facts, one call per article"))
    return rows


@register("extract", "extract stage by stage (entities, link, time, quotes+facts, whole) on one core")
def bench_extract(quick: bool) -> list[Measurement]:
    n = QUICK_N if quick else FULL_N
    spent, error = _in_pinned_process(n)
    if error:
        return [Measurement("extract (failed)", 0, 0.0, note=error)]
    return rows_from(spent, n)


if __name__ == "__main__":
    # Run directly, not through bench.run.main: that would import this file a second time as
    # bench.bench_extract and register the benchmark twice.
    from bench.run import machine, table

    print(machine())
    print(table({"extract": bench_extract("--quick" in sys.argv[1:])}))
