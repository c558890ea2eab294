"""Loops spread over forked workers give what the loop gives."""

from __future__ import annotations

import os

import pytest

from scorer.parallel import fork_map


def square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_results_come_back_in_the_items_order_whatever_order_they_ran() -> None:
    items = list(range(40))
    results = fork_map(square_and_pid, items, cost=lambda x: x % 7, jobs=2)
    assert [value for value, _ in results] == [x * x for x in items]
    # ... computed by workers, not by this process.
    assert os.getpid() not in {pid for _, pid in results}


def test_one_job_runs_the_loop_here() -> None:
    results = fork_map(square_and_pid, [1, 2, 3], jobs=1)
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
    assert fork_map(square_and_pid, [], jobs=2) == []


def test_a_task_reads_what_the_caller_holds_without_it_being_sent() -> None:
    table = {"a": 1, "b": 2, "c": 3}
    assert fork_map(lambda key: table[key] * 10, ["c", "a", "b"], jobs=2) == [
        30,
        10,
        20,
    ]


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    def fail(x: int) -> int:
        if x == 3:
            raise ValueError("no threes")
        return x

    with pytest.raises(ValueError, match="no threes"):
        fork_map(fail, [1, 2, 3, 4], jobs=2)
