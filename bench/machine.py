"""What a benchmark ran on: numbers from different machines are not comparable."""

from __future__ import annotations

import compileall
import datetime
import os
import platform
from pathlib import Path

from measure import capture


def _proc_field(path: str, key: str) -> str:
    """The value of the first ``key: value`` line of a /proc file, or ''."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    for line in lines:
        name, _, value = line.partition(":")
        if name.strip() == key:
            return value.strip()
    return ""


def cpu() -> str:
    model = _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown"
    return f"{model}, {os.cpu_count()} logical CPUs"


def memory() -> str:
    total_kib = _proc_field("/proc/meminfo", "MemTotal").removesuffix("kB").strip()
    return f"{int(total_kib) / 1024 / 1024:.1f} GiB" if total_kib.isdigit() else "unknown"


def operating_system() -> str:
    try:
        name = platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError):
        name = platform.system()
    return f"{name}, kernel {platform.release()} ({platform.machine()})"


def python_version(python: str) -> str:
    status, output = capture([python, "-c", "import platform; print(platform.python_version())"])
    return output if status == 0 else "unknown"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine skews timings."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def cjm_version(cjm: list[str]) -> str:
    status, output = capture([*cjm, "--version"])
    return output.removeprefix("cjm").strip() if status == 0 else "unknown"


def describe(python: str, cjm: list[str], tools: dict[str, str]) -> list[tuple[str, str]]:
    """Rows of (what, value) describing the machine, the software and the date."""
    rows = [
        ("Date", datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", cpu()),
        ("RAM", memory()),
        ("OS", operating_system()),
        ("Load average at start", load_average()),
        ("Python", python_version(python)),
        ("cjm", cjm_version(cjm)),
    ]
    return rows + list(tools.items())


def compile_sources(folders: list[str | Path]) -> None:
    """Compile cjm's modules in ``folders`` (each holding a ``cjm`` package) to bytecode,
    as pip does when it installs cjm. With PYTHONDONTWRITEBYTECODE set (as on the
    development machines), a run from the sources would otherwise compile every module it
    imports, every time: about 0.3 s that no installed cjm pays."""
    for folder in folders:
        package = Path(folder) / "cjm"
        if package.is_dir():
            compileall.compile_dir(package, quiet=1)
