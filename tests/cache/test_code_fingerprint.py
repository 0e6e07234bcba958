"""The fingerprint of cjm's code that names the cache's entries: every module's name, size
and modification time, listed with os.scandir, hashed as a walk with pathlib did."""

from __future__ import annotations

import hashlib
from pathlib import Path

import cjm.cache
from cjm.cache import _code_fingerprint, _modules


def _with_pathlib(package: Path) -> list[tuple[str, int, int]]:
    """The modules as ``sorted(package.rglob("*.py"))`` lists them."""
    found = []
    for module in sorted(package.rglob("*.py")):
        status = module.stat()
        found.append((str(module.relative_to(package)), status.st_size, status.st_mtime_ns))
    return found


def _with_scandir(package: Path) -> list[tuple[str, int, int]]:
    return [
        ("/".join(parts), status.st_size, status.st_mtime_ns)
        for parts, status in sorted(_modules(str(package), ()), key=lambda module: module[0])
    ]


def test_the_fingerprint_is_the_one_pathlib_gave() -> None:
    package = Path(cjm.cache.__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name, size, modified in _with_pathlib(package):
        digest.update(f"{name}|{size}|{modified}\n".encode())
    assert _code_fingerprint() == digest.hexdigest()


def test_modules_are_listed_and_ordered_as_pathlib_lists_them(tmp_path: Path) -> None:
    package = tmp_path / "package"
    for name in ["a.py", "a-b.py", "a/b.py", "a/z/c.py", "a0.py", "b/__init__.py", "B.py"]:
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {name}\n", encoding="utf-8")
    (package / "a" / "notes.txt").write_text("not a module", encoding="utf-8")
    (package / "a" / "__pycache__").mkdir()
    (package / "a" / "__pycache__" / "b.cpython-311.pyc").write_bytes(b"")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "linked.py").write_text("", encoding="utf-8")
    (package / "linked").symlink_to(outside, target_is_directory=True)
    (package / "alias.py").symlink_to(package / "a.py")
    listed = _with_scandir(package)
    # By the paths' parts: a folder's modules come before a name it starts (a/ then a-b).
    assert listed == _with_pathlib(package)
    assert [name for name, _size, _modified in listed] == [
        "B.py",
        "a/b.py",
        "a/z/c.py",
        "a-b.py",
        "a.py",
        "a0.py",
        "alias.py",
        "b/__init__.py",
    ]
