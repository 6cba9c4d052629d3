"""Reading the PDFs back as a person would: their text (pdftotext) and their first page
as a picture (pdftoppm).

Text extracted from WeasyPrint's PDFs drops or moves some Thai marks (น้ำ comes out as
นา) and breaks lines between words, so both sides of a comparison lose their Thai marks
and their white space."""

import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

# Thai vowel and tone marks written above or below a consonant.
THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def plain(text: str) -> str:
    """`text` without Thai combining marks, its white space collapsed to single spaces.

    NFKD first splits sara am (ำ) into nikhahit and sara aa: the extraction reads the
    sara aa of bold text as sara am, and without the mark both read the same."""
    return " ".join(THAI_MARKS.sub("", unicodedata.normalize("NFKD", text)).split())


def squeezed(text: str) -> str:
    """plain() without any white space: line breaks inside Thai names do not matter."""
    return plain(text).replace(" ", "")


def pdf_text(pdf: bytes, *options: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            ["pdftotext", *options, str(path), "-"], capture_output=True, check=True
        )
    return result.stdout.decode("utf-8")


class Reader:
    """The text of a PDF, for asking whether a phrase is in it (marks and spaces aside).

    Two readings: the layout one keeps a table's row on one line; the raw one also
    reads rotated text (a watermark), which the layout one leaves out."""

    def __init__(self, pdf: bytes):
        self.text = pdf_text(pdf, "-layout")
        self._readings = (squeezed(self.text), squeezed(pdf_text(pdf, "-raw")))

    def __contains__(self, phrase: str) -> bool:
        return any(squeezed(phrase) in reading for reading in self._readings)


def page_count(pdf: bytes) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True)
    match = re.search(rb"^Pages:\s+(\d+)", result.stdout, re.MULTILINE)
    return int(match.group(1))


def ink_ratio(pdf: bytes, page: int = 1) -> float:
    """The share of pixels that are not white on `page`, rendered at 50 dpi (a blank page
    gives 0; a page of boxes instead of letters still gives ink, so the tests check the
    text too)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "50", "-f", str(page), "-l", str(page), "-gray", str(path),
             str(Path(folder) / "page")],
            check=True,
        )  # fmt: skip
        (image,) = Path(folder).glob("page*.pgm")
        pixels = _pgm_pixels(image.read_bytes())
    return sum(1 for value in pixels if value < 200) / len(pixels)


def _pgm_pixels(data: bytes) -> bytes:
    """The grey values of a binary PGM (P5) image, 8 bits per pixel."""
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:
        while data[position : position + 1].isspace():
            position += 1
        if data[position : position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    magic, width, height, maximum = fields
    assert magic == b"P5" and int(maximum) < 256
    start = position + 1  # a single white-space byte ends the header
    return data[start : start + int(width) * int(height)]
