"""A request reaches a file of the output folder or nothing: climbing, encoded climbing,
backslashes, NUL bytes and symlinks that lead out are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.serve.paths import FORBIDDEN, NOT_FOUND, Refused, request_parts, resolve_request


@pytest.fixture
def output(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    (folder / "sub").mkdir(parents=True)
    (folder / "index.html").write_text("home", encoding="utf-8")
    (folder / "sub" / "page.html").write_text("page", encoding="utf-8")
    (folder / "a b.html").write_text("spaced", encoding="utf-8")
    (tmp_path / "secret.yaml").write_text("secret", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("target", "found"),
    [
        ("/index.html", "index.html"),
        ("/index.html?q=x#top", "index.html"),
        ("/sub/page.html", "sub/page.html"),
        ("//sub//page.html", "sub/page.html"),
        ("/a%20b.html", "a b.html"),
        ("http://127.0.0.1:8000/index.html", "index.html"),
    ],
)
def test_a_file_of_the_output_is_found(output: Path, target: str, found: str) -> None:
    assert resolve_request(output, target) == (output / found).resolve()


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.yaml",
        "/sub/../../secret.yaml",
        "/%2e%2e/secret.yaml",
        "/%2E%2E/secret.yaml",
        "/sub/%2e%2e/%2e%2e/secret.yaml",
        "/.%2e/secret.yaml",
        "/..%2fsecret.yaml",
        "/..%5csecret.yaml",
        "/..\\secret.yaml",
        "/index.html%00.png",
        "/./index.html",
        "/../../../../../../etc/passwd",
    ],
)
def test_climbing_is_forbidden(output: Path, target: str) -> None:
    with pytest.raises(Refused) as refused:
        resolve_request(output, target)
    assert refused.value.status == FORBIDDEN


@pytest.mark.parametrize(
    "target", ["/etc/passwd", "//etc/passwd", "/missing.html", "/sub", "/", "/%ff.html"]
)
def test_what_is_not_a_file_of_the_output_is_not_found(output: Path, target: str) -> None:
    with pytest.raises(Refused) as refused:
        resolve_request(output, target)
    assert refused.value.status == NOT_FOUND


def test_a_symlink_that_leads_out_is_forbidden(output: Path) -> None:
    (output / "leak.yaml").symlink_to(output.parent / "secret.yaml")
    (output / "up").symlink_to(output.parent, target_is_directory=True)
    (output / "root").symlink_to("/", target_is_directory=True)
    for target in ("/leak.yaml", "/up/secret.yaml", "/root/etc/passwd"):
        with pytest.raises(Refused) as refused:
            resolve_request(output, target)
        assert refused.value.status == FORBIDDEN, target


def test_a_symlink_inside_the_output_is_followed(output: Path) -> None:
    (output / "alias.html").symlink_to(output / "sub" / "page.html")
    assert resolve_request(output, "/alias.html") == (output / "sub" / "page.html").resolve()


def test_the_output_folder_may_itself_be_reached_through_a_symlink(
    output: Path, tmp_path: Path
) -> None:
    linked = tmp_path / "linked"
    linked.symlink_to(output, target_is_directory=True)
    assert resolve_request(linked, "/index.html") == (output / "index.html").resolve()


def test_request_parts_drop_empty_segments_and_the_query() -> None:
    assert request_parts("/a//b.html?x=/../y") == ["a", "b.html"]
    assert request_parts("/") == []
