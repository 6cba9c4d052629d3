"""Documents leaving the platform: one response for every PDF the site serves.

Whatever name a file was uploaded under, it is served as what it is: a PDF under a `.pdf`
name without folders, line breaks or quotes (the Thai kept, in RFC 5987's `filename*`),
`application/pdf`, and `nosniff` so that no browser guesses another type from the bytes.
"""

import unicodedata
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

from smartcity.core.uploads import pdf_display_name

PDF = "application/pdf"


def _ascii_fallback(name: str) -> str:
    """The name for clients that ignore `filename*`: accents dropped, any other character
    outside printable ASCII (Thai, say) replaced by "_"."""
    stem = unicodedata.normalize("NFKD", name.removesuffix(".pdf"))
    stem = "".join(c for c in stem if not unicodedata.combining(c))
    stem = "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in stem)
    return f"{stem.strip(' _') or 'document'}.pdf"


def content_disposition(name: str, *, inline: bool = False) -> str:
    name = pdf_display_name(name)
    disposition = "inline" if inline else "attachment"
    header = f'{disposition}; filename="{_ascii_fallback(name)}"'
    if not name.isascii():
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header


def pdf_response(content, *, filename: str, inline: bool = False) -> HttpResponse:
    """A PDF as a response: `content` is bytes or an open binary file (streamed then).
    Downloaded (`attachment`) unless `inline`, which only the documents the platform
    generates itself use, so that a browser shows them."""
    if isinstance(content, bytes | bytearray):
        response = HttpResponse(content, content_type=PDF)
    else:
        response = FileResponse(content, content_type=PDF)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    return response
