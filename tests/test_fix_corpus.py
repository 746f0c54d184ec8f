"""--fix on copies of the shared sites (opt-in: LINTKIT_CORPUS=1): after
``check --fix`` a ``check`` finds nothing a safe fix could fix, a second
``--fix`` changes nothing, and only the files with fixes changed."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import SHARED
from fixkit import run_fixer

from lintkit.engine import Engine
from lintkit.fix import SAFE

SITES = [SHARED / "corpora" / "samman-site"] + sorted(
    (SHARED / "corpora" / "jekyll-panel").glob("*/")
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("LINTKIT_CORPUS") != "1" or not SITES[0].is_dir(),
        reason="set LINTKIT_CORPUS=1 to run on the shared sites",
    ),
]


def _copy(site: Path, tmp_path: Path) -> Path:
    root = tmp_path / site.name
    shutil.copytree(site, root, symlinks=True)
    for dirpath, dirnames, filenames in os.walk(root):  # shared/ has no write bits
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode | stat.S_IWUSR)
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


@pytest.mark.parametrize("site", SITES, ids=lambda p: p.name)
def test_fix_leaves_no_safe_fixable_finding(site, tmp_path):
    root = _copy(site, tmp_path)
    before = _snapshot(root)
    outcome = run_fixer(root)
    assert outcome.errors == []
    after = _snapshot(root)
    changed = {k for k in before if before[k] != after.get(k)}
    assert changed == {str(Path(f.path).relative_to(root)) for f in outcome.changed}
    assert set(after) == set(before)  # no file created or removed (no temporary left)
    result = Engine(site_root=str(root)).check([str(root)])
    left = [(f.path, f.line, f.rule) for f in result.findings if f.fix and f.fix.safety == SAFE]
    assert left == []
    assert run_fixer(root).files == {}
