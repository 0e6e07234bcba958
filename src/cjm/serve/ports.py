"""Where the preview listens: the address asked for, or a free port beside it.

A workshop laptop often runs something on the usual port already. Rather than stop with
"address in use", the preview tries the next few ports and then lets the system choose
one, and says which it took. Any other failure to listen (a host that does not resolve,
a port below 1024 without the right) is a :class:`ListenError` with a plain reason.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# How many ports after the one asked for are tried before the system picks one.
NEARBY = 10
LOOPBACK_NAMES = ("localhost", "localhost.localdomain")


class ListenError(Exception):
    """The preview cannot listen where it was asked to."""


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server whose request threads never hold up the exit."""

    daemon_threads = True
    block_on_close = False


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _family(host: str) -> socket.AddressFamily:
    try:
        found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as problem:
        raise ListenError(f"cannot listen on {host}: {problem.strerror}") from None
    return found[0][0]


def open_server(
    host: str, port: int, handler: type[BaseHTTPRequestHandler]
) -> tuple[PreviewServer, bool]:
    """A server listening on ``host`` at ``port`` or, when that port is taken, at a free
    one; and whether it moved. Port 0 asks the system for any free port."""
    family = _family(host.strip("[]"))

    class Server(PreviewServer):
        address_family = family

    tries = [port] if port == 0 else [*range(port, min(port + NEARBY, 65535) + 1), 0]
    for candidate in tries:
        try:
            server = Server((host.strip("[]"), candidate), handler)
        except OSError as problem:
            if problem.errno == errno.EADDRINUSE:
                continue
            reason = problem.strerror or str(problem)
            if problem.errno == errno.EACCES:
                reason += " (ports below 1024 need administrator rights; choose another --port)"
            raise ListenError(f"cannot listen on {host}:{candidate}: {reason}") from None
        return server, candidate != port
    raise ListenError(f"cannot listen on {host}: no free port")  # pragma: no cover
