"""The wheel built from the repository holds the rules, and a fresh virtual
environment that installs only that wheel (and the dependencies) can run
``lintkit check examples/site``."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from wheelhouse import build as build_wheelhouse

REPO = Path(__file__).resolve().parents[1]

# pip builds a wheelhouse and a wheel (and a virtual environment): slow tier (CI runs it)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def house(tmp_path_factory):
    """An offline wheelhouse: the build backend and the runtime dependencies."""
    folder = tmp_path_factory.mktemp("house")
    build_wheelhouse(REPO, folder)
    return folder


def offline(house):
    return dict(
        os.environ, PIP_NO_INDEX="1", PIP_FIND_LINKS=str(house), PIP_DISABLE_PIP_VERSION_CHECK="1"
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, house):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        cwd=out,
        env=offline(house),
    )
    wheels = list(out.glob("lintkit-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_holds_every_rule(wheel):
    from lintkit.rules import MODULES

    names = set(zipfile.ZipFile(wheel).namelist())
    for module in MODULES:
        assert f"lintkit/rules/{module}.py" in names
    assert "lintkit/rules/__init__.py" in names
    for preset in (REPO / "rules").glob("*.yml"):
        assert f"lintkit/rules/{preset.name}" in names
    assert not any(n.startswith(("tests/", "rules/", "examples/")) for n in names)
    # every package of the source tree (a new subpackage must be listed in pyproject.toml)
    for init in (REPO / "lintkit").glob("*/__init__.py"):
        assert f"lintkit/{init.parent.name}/__init__.py" in names, init.parent.name


def test_wheel_holds_every_module_of_the_package(wheel):
    # a subpackage missing from pyproject's list breaks every fresh install
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = sorted(
        p.relative_to(REPO).as_posix()
        for p in (REPO / "lintkit").rglob("*.py")
        if "__pycache__" not in p.parts
    )
    assert sources and [s for s in sources if s not in names] == []


def test_fresh_venv_runs_the_example(wheel, house, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    py = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    # Installed where Python may not write bytecode (a read-only or shared
    # environment, PYTHONDONTWRITEBYTECODE in CI): pip compiles the wheel's
    # modules at install time all the same, and runs use that bytecode.
    env = dict(offline(house), PYTHONDONTWRITEBYTECODE="1")
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, env=env)
    installed = Path(
        subprocess.run(
            [str(py), "-c", "import lintkit, os; print(os.path.dirname(lintkit.__file__))"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            cwd=tmp_path,  # not the repository's lintkit/
        ).stdout.strip()
    )
    tag = subprocess.run(
        [str(py), "-c", "import sys; print(sys.implementation.cache_tag)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert installed.parent.name == "site-packages"
    modules = sorted(p for p in installed.rglob("*.py") if "__pycache__" not in p.parts)
    assert any(p.parent.name == "rules" for p in modules)
    missing = [
        p for p in modules if not (p.parent / "__pycache__" / f"{p.stem}.{tag}.pyc").is_file()
    ]
    assert missing == []
    before = sorted(installed.rglob("*.pyc"))
    res = subprocess.run(
        [str(env_dir / "bin" / "lintkit"), "check", "examples/site", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
    )
    assert sorted(installed.rglob("*.pyc")) == before
    verbose = subprocess.run(
        [str(py), "-v", "-c", "import lintkit.engine, lintkit.rules.spelling"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    ).stderr
    for pyc in (
        installed / "__pycache__" / f"engine.{tag}.pyc",
        installed / "rules" / "__pycache__" / f"spelling.{tag}.pyc",
    ):
        assert f"# code object from '{pyc}'" in verbose
    assert res.returncode == 1, res.stderr
    assert res.stdout.count('"rule": ') == 8
    assert (
        res.stderr
        == "lintkit: 5 of these can be fixed with --fix (--diff shows the changes first)\n"
    )
