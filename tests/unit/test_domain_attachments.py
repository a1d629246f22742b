"""Attached files: type by content, safe labels, size limits."""

from __future__ import annotations

import io
import zipfile

import pytest

from jejaring.domain.attachments import DOCX, JPEG, PDF, PNG, XLSX, check_size, safe_name, sniff
from jejaring.domain.errors import InvalidValue


def office(folder: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{folder}/document.xml", "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.pdf", b"%PDF-1.7\n...", PDF),
        ("a.png", b"\x89PNG\r\n\x1a\n....", PNG),
        ("foto.JPG", b"\xff\xd8\xff\xe0....", JPEG),
        ("harga.xlsx", office("xl"), XLSX),
        ("surat.docx", office("word"), DOCX),
        ("harga.csv", b"produk,harga\ncabai,60000\n", "text/csv"),
        ("catatan", b"Harga naik, kata Bu Siti.", "text/plain"),
        # The content decides, not the name.
        ("laporan.pdf", b"\x89PNG\r\n\x1a\n....", PNG),
    ],
)
def test_a_file_is_known_by_its_content(name: str, data: bytes, kind: str) -> None:
    assert sniff(name, data) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03",
        b"PK\x03\x04not a zip",
        office("other"),
        b"\xff\xfe\x00b\x00",
        b"GIF89a\x00",
    ],
)
def test_other_files_are_refused_naming_the_file(data: bytes) -> None:
    with pytest.raises(InvalidValue, match=r"^setup\.exe: not an accepted kind of file"):
        sniff("setup.exe", data)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ani\\harga.xlsx", "harga.xlsx"),
        ("..", "file"),
        (".bashrc", "bashrc"),
        ("a\x00b\nc.txt", "a_b_c.txt"),
        ("lapor<an>?.pdf", "lapor_an_.pdf"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
    ],
)
def test_a_label_never_names_a_place(given: str, kept: str) -> None:
    assert safe_name(given) == kept


def test_the_size_limit_names_the_file_and_the_limit() -> None:
    check_size("a.pdf", 10, 10)
    with pytest.raises(
        InvalidValue, match=r"^a\.pdf: the file has 11 bytes, more than the limit of 10"
    ):
        check_size("a.pdf", 11, 10)
    with pytest.raises(InvalidValue, match=r"^a\.pdf: the file is empty"):
        check_size("a.pdf", 0, 10)
