"""The tools cjm is compared with, as `bench/setup-peers.sh` installs them.

Each peer lives in ``bench/.peers/`` only. When one is missing, ``missing`` says what
is absent and the command that installs it, and the benchmark goes on without it.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from measure import capture

BENCH = Path(__file__).resolve().parent
PEERS = BENCH / ".peers"
PUPPETEER_CONFIG = BENCH / "puppeteer-config.json"
CHROMIUM = Path("/usr/bin/chromium")
SETUP = "bash bench/setup-peers.sh"
VERSION = re.compile(r"\d+\.\d+")


@dataclass(frozen=True)
class Peer:
    """A peer tool: the command that starts it, or why it cannot be started."""

    name: str
    command: list[str]
    version: str
    missing: str = ""

    @property
    def available(self) -> bool:
        return not self.missing


def _version(command: list[str], prefix: str = "") -> str:
    """What ``command --version`` prints: the last line that holds a version number.

    (Debian's chromium wrapper prints a shell warning of its own on some machines.)"""
    status, output = capture([*command, "--version"])
    lines = [line for line in output.splitlines() if VERSION.search(line)]
    if status != 0 or not lines:
        return "unknown"
    return lines[-1].removeprefix(prefix).strip()


def check_jsonschema(venv: str = "venv", label: str = "check-jsonschema") -> Peer:
    """check-jsonschema from ``bench/.peers/<venv>``."""
    program = PEERS / venv / "bin" / "check-jsonschema"
    if not program.exists():
        return Peer(
            label, [], "", f"{label} is not installed ({program} is missing): run `{SETUP}`"
        )
    return Peer(label, [str(program)], _version([str(program)], "check-jsonschema, version"))


def mermaid_cli() -> Peer:
    """The Mermaid CLI (mmdc), which draws through Chromium and needs the puppeteer config."""
    program = PEERS / "node_modules" / ".bin" / "mmdc"
    name = "mmdc"
    if shutil.which("node") is None:
        return Peer(
            name, [], "", f"Node.js is not installed: `apt-get install nodejs npm`, then `{SETUP}`"
        )
    if not program.exists():
        return Peer(
            name, [], "", f"the Mermaid CLI is not installed ({program} is missing): run `{SETUP}`"
        )
    if not CHROMIUM.exists():
        return Peer(
            name,
            [],
            "",
            f"Chromium is not installed ({CHROMIUM} is missing): `apt-get install chromium`",
        )
    command = [str(program), "-p", str(PUPPETEER_CONFIG)]
    return Peer(name, command, _version([str(program)]))


def tool_versions() -> dict[str, str]:
    """Versions of the outside programs a run depends on, for the machine description."""
    versions = {}
    if shutil.which("node"):
        versions["Node.js"] = _version(["node"]).removeprefix("v")
    if CHROMIUM.exists():
        versions["Chromium"] = _version([str(CHROMIUM)]).removeprefix("Chromium").strip()
    return versions
