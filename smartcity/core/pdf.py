"""PDF documents: a Django template rendered to HTML, then to PDF by WeasyPrint.

Thai is drawn with the Debian TLWG fonts found by fontconfig (see templates/pdf/pdf.css).
Rendering never reaches the network: a document may embed data URIs and the platform's own
static files, nothing else (the platform must work on a closed government network, and a
template must not be able to make the server fetch an address)."""

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

# WeasyPrint logs each rendering step at INFO, which the root logger would print for
# every document served.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

STATIC_SOURCE = Path(settings.BASE_DIR) / "smartcity" / "static"
# The style sheet of a document (templates/pdf/base.html): one block in its head.
STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def _static_roots() -> list[Path]:
    roots = [Path(d) for d in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


class LocalFetcher(URLFetcher):
    """Fetches data: URIs and files under the static directories; refuses the rest
    (http, https, ftp, and any other file on the server)."""

    def __init__(self):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(unquote(urlparse(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in _static_roots()):
                raise ValueError(f"Not a static file: {url}")
        return super().fetch(url, headers)


def render_html(template: str, context: dict, language: str) -> str:
    with translation.override(language):
        return render_to_string(template, {**context, "pdf_language": language})


def render_pdf(template: str, context: dict, language: str) -> bytes:
    """The PDF of `template` rendered with `context` in `language` ("th" or "en").

    Relative addresses in the template (images, style sheets) are read from the static
    source directory."""
    return pdf_from_html(render_html(template, context, language))


def _base_url() -> str:
    return STATIC_SOURCE.as_uri() + "/"


@lru_cache(maxsize=32)
def _style_sheet(text: str) -> CSS:
    """The document's style sheet, parsed once per process: parsing it cost about a
    third of drawing the certificate, and every certificate (and every announcement of
    one language) has the same style sheet."""
    return CSS(string=text, base_url=_base_url(), url_fetcher=LocalFetcher())


_fonts = threading.local()


def _font_config() -> FontConfiguration:
    """The fonts of this thread, kept between documents: a new configuration per
    document loaded and shaped the Thai fonts afresh, a quarter of the certificate's
    drawing. Per thread: Pango's font map is not to be shared between threads. The
    documents declare no @font-face, so what it keeps is the system fonts' cache."""
    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


def pdf_from_html(html: str) -> bytes:
    """The PDF of a document's HTML (render_html()), relative addresses read from the
    static source directory. The style block is taken out and applied as the parsed
    sheet kept for its text (a sheet given to WeasyPrint has the user origin, which
    outranks only the browser's defaults, as the document's own sheet did)."""
    style = STYLE.search(html)
    sheets = []
    if style is not None:
        sheets = [_style_sheet(style.group(1))]
        html = html[: style.start()] + html[style.end() :]
    document = HTML(string=html, base_url=_base_url(), url_fetcher=LocalFetcher(), encoding="utf-8")
    return document.write_pdf(stylesheets=sheets, font_config=_font_config())


def reference_pdf() -> bytes:
    """A page with one line of Thai and English, regular and bold, through the same base
    template: what any document costs at the least (fonts loaded, shaped and subset). The
    figure the documents' rendering times are read against (make bench)."""
    return render_pdf("pdf/reference.html", {}, language="th")
