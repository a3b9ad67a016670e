"""Cost checks that a busy machine cannot fail: ratios of CPU time measured in the same test, never absolute seconds.

A test that asserts "under 5 s" fails at random on a shared CI machine. What
matters is that cost grows linearly with the input, so `assert_linear` times
the work on an input and on one `factor` times larger, in CPU seconds of this
process (`time.process_time`, which other processes on the machine do not
add to), best of up to `tries`, and asserts the larger costs at most `bound`
times the smaller. A quadratic regression makes 4x the input cost 16x.
CPU time still wobbles when another process shares the cores and their caches
(beside a CPU hog one 4x case once read 6.2x where it measures 2.7x when quiet),
so each sample runs at least 0.05 s and there are up to five tries.
`hang_guard` turns an exponential regression into a failure instead of a hang.
"""

from __future__ import annotations

import contextlib
import faulthandler
import math
import time
from collections.abc import Callable, Iterator

HANG_GUARD_S = 600  # minutes, not seconds: only a runaway (exponential) cost reaches it
MIN_SAMPLE_S = 0.05  # a smaller input is repeated until one sample takes this long


def cpu_seconds(work: Callable[[], object], loops: int = 1, clock: Callable[[], float] = time.process_time) -> float:
    """CPU seconds this process spends running work `loops` times (`clock` may count its child processes too)."""
    start = clock()
    for _ in range(loops):
        work()
    return clock() - start


def _calibrate(work: Callable[[], object], clock: Callable[[], float]) -> tuple[int, float]:
    """How many runs make one sample long enough that timer noise and one-off costs do not decide a ratio, and that sample's time.

    Each try scales the runs to just over MIN_SAMPLE_S from the last sample, until a sample reaches it (a first run
    that paid one-off costs would otherwise leave the sample short). Fixed steps of 4x overshot by up to four times,
    and the larger case, timed with as many runs, paid that four times over.
    """
    loops = 1
    while True:
        seconds = cpu_seconds(work, loops, clock)
        if seconds >= MIN_SAMPLE_S or loops >= 10_000:
            return loops, seconds
        loops = min(10_000, max(loops + 1, math.ceil(1.2 * MIN_SAMPLE_S * loops / max(seconds, 1e-6))))


def assert_linear(small: Callable[[], object], large: Callable[[], object], *, factor: int = 4, bound: float = 6.0,
                  tries: int = 5, what: str = "the work", clock: Callable[[], float] = time.process_time) -> tuple[float, float]:
    """Assert `large` (the same work on `factor` times the input) costs at most `bound` times `small`; returns the best times.

    Both are measured alternately, best of up to `tries`, and measuring stops
    as soon as the bound holds: a sample slowed by the machine is measured again.
    """
    loops, best_small = _calibrate(small, clock)  # the calibrating sample is the first sample of the smaller case
    best_large = float("inf")
    for attempt in range(tries):
        if attempt:
            best_small = min(best_small, cpu_seconds(small, loops, clock))
        best_large = min(best_large, cpu_seconds(large, loops, clock))
        if best_large <= bound * best_small:
            break
    assert best_large <= bound * best_small, (
        f"{what}: took {best_large / best_small:.1f}x the CPU time of the smaller case, at most {bound}x allowed "
        f"({best_large:.3f} s against {best_small:.3f} s, {loops} run(s) each, best of {tries}; the input grew {factor}x)"
    )
    return best_small, best_large


@contextlib.contextmanager
def hang_guard(seconds: float = HANG_GUARD_S) -> Iterator[None]:
    """A regression to exponential time must fail the run (traceback, then exit), not hang it."""
    faulthandler.dump_traceback_later(seconds, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
