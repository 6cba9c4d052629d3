"""Checks on uploaded attachments, by their content and never by their name.

An officer's browser says nothing trustworthy about a file: the name and the declared type
are whatever the sender chose. So a PDF is recognised by its own bytes (the `%PDF-` header
and the `%%EOF` marker), and a file that starts like a program, an archive, an Office
document, a web page or an image is refused with a message saying what it really is.
"""

import hashlib
import math
import re
import unicodedata
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF_MAX_BYTES = 20 * 1024 * 1024
# Acrobat accepts the header anywhere in the first 1024 bytes and the end marker in the
# last 1024 bytes; writers put a little junk around them, so we allow the same.
PDF_HEADER_WINDOW = 1024
PDF_TRAILER_WINDOW = 1024
# An /Encrypt entry points at the encryption dictionary (`/Encrypt 12 0 R`) or holds it
# inline (`/Encrypt <<`). Requiring one of those forms keeps the word "/Encrypt" inside
# uncompressed page text from counting.
_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R\b|<<)")

# A web page, possibly behind a byte-order mark, an XML declaration or comments.
_HTML_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)

FILENAME_MAX_CHARS = 120
# ext4 and most file systems limit a name to 255 bytes; a Thai letter takes three bytes in
# UTF-8, so 120 Thai characters alone would not fit.
FILENAME_MAX_BYTES = 240
_FILENAME_FORBIDDEN = set('<>:"/\\|?*')
_WINDOWS_DEVICE_NAMES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def megabytes(size: int, *, round_up: bool = False) -> str:
    """A byte count as megabytes for messages: "20", "20.5". Round a file's size up, so a
    file just over a 20 MB limit never reads "20 MB"."""
    tenths = size * 10 / (1024 * 1024)
    tenths = math.ceil(tenths) if round_up else round(tenths)
    return f"{tenths / 10:,.1f}".removesuffix(".0")


def sniff_foreign_type(data: bytes):
    """What a file that is not the expected kind really is, as a translatable phrase
    ("a Windows program"), or None when its first bytes say nothing we recognise."""
    head = data[:512]
    if head.startswith(b"MZ"):
        return _("a Windows program (.exe)")
    if head.startswith(b"\x7fELF") or head.startswith(b"#!"):
        return _("a program or script")
    if head.startswith((b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe")):
        return _("a program or script")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if b"[Content_Types].xml" in data[:4096] or b"word/" in head or b"xl/" in head:
            return _("a Word, Excel or PowerPoint document")
        return _("a ZIP archive")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _("a Word, Excel or PowerPoint document")
    if head.startswith((b"Rar!", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")):
        return _("a compressed archive")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")) or (
        head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    ):
        return _("an image")
    if _HTML_START.match(data, 0, 1024):
        return _("a web page (HTML)")
    if head.startswith(b"%PDF-"):
        return _("a PDF document")
    return None


def validate_pdf(data: bytes, *, filename: str, max_bytes: int = PDF_MAX_BYTES) -> None:
    """Refuse an attachment that is empty, too large, not a PDF by content, or encrypted.

    Raises ValidationError with a message naming the file and what to do; returns None
    for an acceptable PDF. Reads nothing but `data`."""
    name = safe_filename(filename)
    if not data:
        raise ValidationError(
            _("“%(name)s” is empty. Choose the file again, or save the document again as PDF."),
            code="empty",
            params={"name": name},
        )
    if len(data) > max_bytes:
        raise ValidationError(
            _(
                "“%(name)s” is %(size)s MB; an attachment may be at most %(limit)s MB. "
                "Reduce its size (for example, export it again with compressed images) "
                "and upload it again."
            ),
            code="too_large",
            params={
                "name": name,
                "size": megabytes(len(data), round_up=True),
                "limit": megabytes(max_bytes),
            },
        )
    header_at = data.find(b"%PDF-", 0, PDF_HEADER_WINDOW)
    foreign = sniff_foreign_type(data)
    # A file that starts as a program or an archive is refused even if "%PDF-" follows:
    # such polyglots open as the program, not the document.
    if header_at == -1 or (foreign is not None and not data.startswith(b"%PDF-")):
        raise ValidationError(
            _(
                "“%(name)s” is not a PDF document, whatever its name says: it is %(kind)s. "
                "Open the document, save or export it as PDF, and upload that file."
            ),
            code="not_pdf",
            params={"name": name, "kind": foreign or _("another kind of file")},
        )
    if b"%%EOF" not in data[-PDF_TRAILER_WINDOW:]:
        raise ValidationError(
            _(
                "“%(name)s” is an incomplete or damaged PDF (its end is missing). "
                "Save or export the document as PDF again and upload the new file."
            ),
            code="pdf_truncated",
            params={"name": name},
        )
    if _ENCRYPT.search(data):
        raise ValidationError(
            _(
                "“%(name)s” is protected by a password or encryption, so it cannot be "
                "reviewed or published. Upload a copy without protection (in your PDF "
                "program, remove the password or security settings and save it again)."
            ),
            code="pdf_encrypted",
            params={"name": name},
        )


def safe_filename(name: str) -> str:
    """A file name safe to store and show: no folders, control or invisible characters,
    characters Windows forbids or device names; Thai letters and their marks kept; at most
    120 characters and 240 UTF-8 bytes, the extension kept when shortened; never empty."""
    name = unicodedata.normalize("NFC", name or "")
    name = PurePosixPath(name.replace("\\", "/")).name
    kept = []
    for char in name:
        category = unicodedata.category(char)
        if category.startswith("Z") or char in "\t\n\r":
            kept.append(" ")
        elif category in {"Cc", "Cf", "Cs", "Co", "Cn"} or char in _FILENAME_FORBIDDEN:
            continue
        else:
            kept.append(char)
    name = " ".join("".join(kept).split()).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 16 or not stem:
        stem, extension = name, ""
    if stem.split(".")[0].upper() in _WINDOWS_DEVICE_NAMES:
        stem = f"{stem}_"
    suffix = f".{extension}" if extension else ""
    stem = _truncate(
        stem, FILENAME_MAX_CHARS - len(suffix), FILENAME_MAX_BYTES - len(suffix.encode())
    )
    return f"{stem.rstrip(' .')}{suffix}" if stem.rstrip(" .") else f"file{suffix}"


def _truncate(text: str, max_chars: int, max_bytes: int) -> str:
    end = min(len(text), max_chars)
    while end and len(text[:end].encode()) > max_bytes:
        end -= 1
    # Never cut a Thai letter from the vowel and tone marks written above or below it.
    while 0 < end < len(text) and unicodedata.category(text[end]) == "Mn":
        end -= 1
    return text[:end]


def pdf_display_name(name: str) -> str:
    """The name a checked PDF is stored and served under: safe_filename() with a `.pdf`
    extension. The content is a PDF whatever the sender called it, so the last extension,
    if any, is replaced (`report.exe` becomes `report.pdf`), never kept in front."""
    safe = safe_filename(name)
    stem, dot, extension = safe.rpartition(".")
    if not dot or not stem or len(extension) > 16:
        stem = safe
    return safe_filename(f"{stem}.pdf")
