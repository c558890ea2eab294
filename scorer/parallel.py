"""Independent pieces of one scoring step, on every core.

Scoring runs after extraction on one process; its largest steps (clustering the
blocks of a large corpus, scoring its subjects) are loops over pieces that do not
depend on one another. :func:`fork_map` runs such a loop on forked workers, which
inherit the step's data as it stands instead of receiving it, so only each piece's
index goes out and its (small) result comes back.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# The loop the forked workers run: set in the parent just before it forks.
_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_map(
    task: Callable[[Item], Result],
    items: Sequence[Item],
    cost: Callable[[Item], float] | None = None,
    jobs: int | None = None,
) -> list[Result]:
    """``[task(item) for item in items]``, spread over forked workers.

    Parameters
    ----------
    task
        Called once per item; it may read anything the caller holds (the workers are
        forked copies of this process) but its effects stay in the worker: only its
        return value comes back, so it must be picklable.
    items
        The pieces, in the order of the results.
    cost
        An estimate of each item's work: the costliest are handed out first, so that
        no worker is left with one large piece at the end.
    jobs
        Workers; default: the cores. With fewer than two (or one item, or where
        processes cannot be forked) the loop runs here, as written.
    """
    jobs = min(jobs or cores(), len(items))
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(item) for item in items]
    order = list(range(len(items)))
    if cost is not None:
        order.sort(key=lambda i: cost(items[i]), reverse=True)
    # Many small items go out in batches, each costing one round trip instead of one
    # per item; the items are dealt to the batches in turn, costliest first, so that
    # every batch carries a like share of the work.
    n_batches = min(len(items), jobs * 16)
    batches = [order[k::n_batches] for k in range(n_batches)]
    global _task
    _task = (task, items)
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            done = list(pool.map(_run, batches))
    finally:
        _task = None
    results: list[Any] = [None] * len(items)
    for batch, batch_results in zip(batches, done, strict=True):
        for position, result in zip(batch, batch_results, strict=True):
            results[position] = result
    return results


def _run(positions: list[int]) -> list[Any]:
    """Worker: the task on a batch of items of the loop it was forked with."""
    assert _task is not None, "fork_map's task is set before its workers are forked"
    task, items = _task
    return [task(items[position]) for position in positions]
