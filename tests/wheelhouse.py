"""An offline wheelhouse for installing lintkit, so pre-commit can build its hook
environment without a network.

pre-commit installs a ``language: python`` hook with ``pip install .`` in a fresh
virtualenv: pip needs the build backend (setuptools) and lintkit's dependencies.
With ``PIP_NO_INDEX=1`` and ``PIP_FIND_LINKS`` pointing here, it takes them from:

- setuptools: the wheel virtualenv bundles to seed environments (virtualenv is a
  dependency of pre-commit, so it is present wherever pre-commit is);
- the runtime dependencies (mistune, PyYAML, click, and theirs): the distributions
  installed in this interpreter, packed back into wheels with their original
  ``WHEEL`` metadata (tags included), which is what pip would have installed.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import shutil
import sys
import zipfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
except ImportError:  # pragma: no cover - pip always vendors it
    from pip._vendor.packaging.markers import default_environment
    from pip._vendor.packaging.requirements import Requirement

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_SKIP_META = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


class WheelhouseError(Exception):
    pass


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def repack(name: str, folder: Path) -> Path:
    """Pack the installed distribution ``name`` into a wheel in ``folder``."""
    dist = metadata.distribution(name)
    wheel_meta = dist.read_text("WHEEL")
    if not wheel_meta or dist.files is None:
        raise WheelhouseError(f"{name} was not installed from a wheel; cannot repack it")
    tags = re.findall(r"^Tag:\s*(\S+)", wheel_meta, re.M)
    if not tags:
        raise WheelhouseError(f"{name}: no Tag in its WHEEL metadata")
    project = re.sub(r"[-_.]+", "_", dist.metadata["Name"]).lower()
    version = dist.version
    info_dir = None
    entries = []
    for path in dist.files:
        parts = path.parts
        if parts[0] == ".." or "__pycache__" in parts or path.suffix == ".pyc":
            continue
        if parts[0].endswith(".dist-info"):
            info_dir = parts[0]
            if len(parts) == 2 and parts[1] in _SKIP_META:
                continue
        source = Path(dist.locate_file(path))
        if source.is_file():
            entries.append((path.as_posix(), source.read_bytes()))
    if info_dir is None:
        raise WheelhouseError(f"{name}: no .dist-info among its files")
    target = folder / f"{project}-{version}-{tags[0]}.whl"
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for arcname, data in entries:
            zf.writestr(arcname, data)
            writer.writerow([arcname, _digest(data), len(data)])
        writer.writerow([f"{info_dir}/RECORD", "", ""])
        zf.writestr(f"{info_dir}/RECORD", record.getvalue())
    return target


def _closure(requirements: Iterable[str]) -> list[str]:
    """Names of the installed distributions ``requirements`` need, recursively."""
    env = default_environment()
    env["extra"] = ""
    todo = list(requirements)
    seen: set[str] = set()
    out: list[str] = []
    while todo:
        req = Requirement(todo.pop())
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        key = re.sub(r"[-_.]+", "-", req.name).lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(req.name)
        todo.extend(metadata.requires(req.name) or [])
    return sorted(out)


def bundled_setuptools() -> Path | None:
    try:
        from virtualenv.seed.wheels.embed import BUNDLE_FOLDER
    except ImportError:
        return None
    wheels = sorted(
        Path(BUNDLE_FOLDER).glob("setuptools-*.whl"),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p.name.split("-")[1])],
    )
    return wheels[-1] if wheels else None


def build(project: Path, folder: Path) -> list[str]:
    """Fill ``folder`` with every wheel ``pip install project`` needs; return their names."""
    folder.mkdir(parents=True, exist_ok=True)
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = bundled_setuptools()
    if setuptools is not None:
        shutil.copy(setuptools, folder / setuptools.name)
    else:
        for name in _closure(pyproject["build-system"]["requires"]):
            repack(name, folder)
    for name in _closure(pyproject["project"]["dependencies"]):
        repack(name, folder)
    return sorted(p.name for p in folder.glob("*.whl"))
