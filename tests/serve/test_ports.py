"""Where the preview listens: the port asked for, a free one when it is taken (said so),
and a plain reason when it cannot listen at all."""

from __future__ import annotations

import socket
from http.server import BaseHTTPRequestHandler

import pytest

from cjm.serve.ports import ListenError, is_loopback, open_server


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org", ""])
def test_other_hosts_reach_the_network(host: str) -> None:
    assert not is_loopback(host)


def test_a_free_port_is_taken_as_asked() -> None:
    server, moved = open_server("127.0.0.1", 0, BaseHTTPRequestHandler)
    try:
        port = server.server_address[1]
        assert port > 0
        assert not moved
    finally:
        server.server_close()
    again, moved = open_server("127.0.0.1", port, BaseHTTPRequestHandler)
    try:
        assert again.server_address[1] == port
        assert not moved
    finally:
        again.server_close()


def test_a_taken_port_moves_to_a_free_one() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        server, moved = open_server("127.0.0.1", taken, BaseHTTPRequestHandler)
        try:
            assert moved
            assert server.server_address[1] != taken
        finally:
            server.server_close()


def test_a_host_that_does_not_resolve_is_a_listen_error() -> None:
    with pytest.raises(ListenError, match=r"cannot listen on no-such-host\.invalid"):
        open_server("no-such-host.invalid", 0, BaseHTTPRequestHandler)


def test_an_address_not_of_this_machine_is_a_listen_error() -> None:
    with pytest.raises(ListenError, match=r"cannot listen on 192\.0\.2\.1:0: "):
        open_server("192.0.2.1", 0, BaseHTTPRequestHandler)
