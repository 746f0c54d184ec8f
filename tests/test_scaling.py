"""Each input shape of bench/shapes.py is checked in time linear in its size:
generated at two sizes, four times apart, the larger must take well under the
square of the ratio (16) times as long. Generous bounds (8x): the machine is
shared, and a quadratic cliff is far beyond them."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from lintkit.engine import Engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import shapes

SIZES = {
    "broken-links": 250,
    "fragments": 500,
    "suppressions": 2500,
    "fences": 1000,
    "lines": 6000,
    "long-line": 250_000,
}


def _cpu_seconds(folder: Path) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        Engine(site_root=str(folder), jobs=1).check([str(folder)])
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("shape", sorted(SIZES))
def test_linear_in_size(tmp_path, shape):
    small = SIZES[shape]
    shapes.write(shape, 20, str(tmp_path / "warm"))
    _cpu_seconds(tmp_path / "warm")  # imports and compiled patterns
    t1 = _cpu_seconds(Path(shapes.write(shape, small, str(tmp_path / "a"))))
    t4 = _cpu_seconds(Path(shapes.write(shape, small * 4, str(tmp_path / "b"))))
    assert t4 < 8 * max(t1, 0.05), f"{shape}: {t1:.2f}s at {small}, {t4:.2f}s at {small * 4}"
