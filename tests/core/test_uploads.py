from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from smartcity.core.uploads import pdf_display_name, safe_filename, sha256_hex, validate_pdf

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL_PDF = (FIXTURES / "minimal.pdf").read_bytes()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refusal(data: bytes, filename: str = "plan.pdf", **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_pdf(data, filename=filename, **kwargs)
    return caught.value


@pytest.mark.parametrize("fixture", ["minimal.pdf", "weasyprint_thai.pdf"])
def test_validate_pdf_real_pdf_is_accepted(fixture):
    data = (FIXTURES / fixture).read_bytes()

    result = validate_pdf(data, filename=fixture)

    assert result is None


def test_validate_pdf_header_after_a_little_junk_is_accepted():
    data = b"\r\n" * 10 + MINIMAL_PDF

    result = validate_pdf(data, filename="plan.pdf")

    assert result is None


def test_validate_pdf_empty_file_is_refused():
    error = refusal(b"", filename="แผนงาน.pdf")

    assert (error.code, error.messages) == (
        "empty",
        ["“แผนงาน.pdf” is empty. Choose the file again, or save the document again as PDF."],
    )


def test_validate_pdf_file_over_the_limit_is_refused_naming_the_limit():
    data = b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024 - 16) + b"\n%%EOF\n"

    error = refusal(data)

    assert (error.code, error.messages) == (
        "too_large",
        [
            "“plan.pdf” is 21 MB; an attachment may be at most 20 MB. Reduce its size "
            "(for example, export it again with compressed images) and upload it again."
        ],
    )


def test_validate_pdf_size_just_over_the_limit_reads_over_the_limit():
    data = b"%PDF-1.7\n" + b"0" * (1024 * 1024) + b"\n%%EOF\n"

    error = refusal(data, max_bytes=1024 * 1024)

    assert error.messages == [
        "“plan.pdf” is 1.1 MB; an attachment may be at most 1 MB. Reduce its size (for "
        "example, export it again with compressed images) and upload it again."
    ]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "a Windows program (.exe)"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "a program or script"),
        (b"#!/bin/sh\nrm -rf /\n", "a program or script"),
        (b"PK\x03\x04\x14\x00" + b"\x00" * 200, "a ZIP archive"),
        (
            b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml" + b"\x00" * 200,
            "a Word, Excel or PowerPoint document",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200,
            "a Word, Excel or PowerPoint document",
        ),
        (b"<!DOCTYPE html>\n<html><body>%PDF-1.4</body></html>", "a web page (HTML)"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "an image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 200, "an image"),
        (b"Minutes of the meeting, in plain text.", "another kind of file"),
    ],
)
def test_validate_pdf_other_file_named_pdf_is_refused_saying_what_it_is(data, kind):
    error = refusal(data)

    assert (error.code, error.messages) == (
        "not_pdf",
        [
            f"“plan.pdf” is not a PDF document, whatever its name says: it is {kind}. Open "
            "the document, save or export it as PDF, and upload that file."
        ],
    )


def test_validate_pdf_program_with_a_pdf_header_inside_is_refused():
    data = b"MZ" + b"\x00" * 100 + MINIMAL_PDF

    error = refusal(data)

    assert error.code == "not_pdf"


def test_validate_pdf_without_end_marker_is_refused_as_damaged():
    data = MINIMAL_PDF[: len(MINIMAL_PDF) // 2]

    error = refusal(data)

    assert (error.code, error.messages) == (
        "pdf_truncated",
        [
            "“plan.pdf” is an incomplete or damaged PDF (its end is missing). Save or export "
            "the document as PDF again and upload the new file."
        ],
    )


def test_validate_pdf_encrypted_pdf_is_refused_asking_for_an_unprotected_copy():
    data = (FIXTURES / "encrypted.pdf").read_bytes()

    error = refusal(data, filename="สัญญา.pdf")

    assert (error.code, error.messages) == (
        "pdf_encrypted",
        [
            "“สัญญา.pdf” is protected by a password or encryption, so it cannot be reviewed "
            "or published. Upload a copy without protection (in your PDF program, remove the "
            "password or security settings and save it again)."
        ],
    )


def test_validate_pdf_word_encrypt_in_page_text_is_not_taken_for_encryption():
    data = MINIMAL_PDF.replace(b"(Smart City proposal)", b"(/Encrypt is a PDF key)")

    result = validate_pdf(data, filename="plan.pdf")

    assert result is None


def test_validate_pdf_message_names_the_file_safely():
    error = refusal(b"", filename="C:\\Users\\officer\\Desktop\\แผน\x00งาน.pdf")

    assert error.params["name"] == "แผนงาน.pdf"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.pdf", "report.pdf"),
        ("/etc/passwd", "passwd"),
        ("../../secret.pdf", "secret.pdf"),
        ("C:\\Users\\somchai\\แผนงาน 2568.pdf", "แผนงาน 2568.pdf"),
        ("แผน\u202egdp.exe", "แผนgdp.exe"),  # right-to-left override, used to fake extensions
        ("a\x00b\x07c\tname.pdf", "abc name.pdf"),
        ('what?<is>:"this"|*.pdf', "whatisthis.pdf"),
        ("  spaced   out  .pdf  ", "spaced out.pdf"),
        (".htaccess", "htaccess"),
        ("CON.pdf", "CON_.pdf"),
        ("", "file"),
        ("..", "file"),
        ("\x00\x01", "file"),
        ("เมืองอัจฉริยะ.pdf", "เมืองอัจฉริยะ.pdf"),
    ],
)
def test_safe_filename_cleans_name(name, expected):
    result = safe_filename(name)

    assert result == expected


def test_safe_filename_long_latin_name_is_cut_to_120_characters_keeping_extension():
    result = safe_filename("a" * 300 + ".pdf")

    assert result == "a" * 116 + ".pdf"


def test_safe_filename_long_thai_name_fits_a_file_system_name_and_keeps_marks_whole():
    # 3 UTF-8 bytes per Thai character: 120 characters would not fit 255 bytes.
    name = "กก" + "น้ำ" * 60 + ".pdf"

    result = safe_filename(name)

    assert (result, len(result.encode())) == ("กก" + "น้ำ" * 25 + ".pdf", 235)


def test_sha256_hex_is_the_standard_digest():
    result = sha256_hex(b"abc")

    assert result == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.exe", "report.pdf"),
        ("plan.pdf", "plan.pdf"),
        ("PLAN.PDF", "PLAN.pdf"),
        ("แผนงาน", "แผนงาน.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ('C:\\Users\\a\\"letter"\r\n.docx', "letter.pdf"),
        (".exe", "exe.pdf"),
        ("", "file.pdf"),
        ("a" * 300 + ".exe", "a" * 116 + ".pdf"),
    ],
)
def test_pdf_display_name_always_ends_in_pdf(name, expected):
    assert pdf_display_name(name) == expected
