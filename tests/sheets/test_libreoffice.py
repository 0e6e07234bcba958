"""A workbook edited in LibreOffice Calc and saved by it as .xlsx comes back as it should.

The edit is made in LibreOffice's own format: the exported workbook is converted to a
flat OpenDocument spreadsheet (.fods, XML), a cell's text is changed there, and LibreOffice
writes the .xlsx that is imported. Needs ``soffice`` (Debian: libreoffice-calc-nogui).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.sheets.common import MAP
from tests.sheets.test_cli import changes, exported, imported
from tests.tools import require


@pytest.fixture
def soffice() -> str:
    found = shutil.which("soffice")
    require(found is not None, "LibreOffice (soffice)", "apt-get install libreoffice-calc-nogui")
    assert found is not None
    return found


def convert(soffice: str, source: Path, to: str, folder: Path, profile: Path) -> Path:
    folder.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = folder / f"{source.stem}.{to.split(':')[0]}"
    assert converted.is_file(), f"soffice wrote no {converted}"
    return converted


def test_a_cell_changed_in_libreoffice(soffice: str, tmp_path: Path) -> None:
    path, book = exported(tmp_path)
    profile = tmp_path / "profile"
    flat = convert(soffice, book, "fods", tmp_path / "fods", profile)
    # Saved by LibreOffice with no edit: nothing changes.
    untouched = convert(soffice, flat, "xlsx:Calc MS Excel 2007 XML", tmp_path / "same", profile)
    result = imported(path, untouched)
    assert result.exit_code == 0, result.output
    assert "No changes" in result.stdout and result.stderr == ""
    # One step renamed in LibreOffice's own XML.
    xml = flat.read_text(encoding="utf-8")
    assert xml.count(">Signs up for the trial<") == 1
    flat.write_text(
        xml.replace(">Signs up for the trial<", ">Signs up with a work email<"), "utf-8"
    )
    edited = convert(soffice, flat, "xlsx:Calc MS Excel 2007 XML", tmp_path / "edited", profile)
    result = imported(path, edited)
    assert result.exit_code == 0, result.output
    assert changes(MAP, path.read_text(encoding="utf-8")) == [
        "-        action: Signs up for the trial",
        "+        action: Signs up with a work email",
    ]
