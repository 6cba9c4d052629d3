"""Public documents rendered once per version and kept: the certificate and the
announcement PDFs.

A document's version is its HTML: the page WeasyPrint would draw, made from the template,
its style sheet, the translations and every value it shows. Rendering the HTML costs a few
milliseconds where drawing the PDF costs hundreds, so each request renders the HTML, names
the kept file by its digest and streams that file when it exists. Whatever changes what the
page shows (a revocation, a renewal, a domain, a meeting's reference, a translation or the
template in a new release) changes the HTML and so the name, and the next request draws the
new version; a change the page does not show keeps the name and the file. No service has to
remember to invalidate anything, and no stale document can outlive the change.

The files live in the default storage (local disk, or the S3-compatible bucket with
SMARTCITY_S3_BUCKET; docs/production.md), not in the cache: they survive a restart and a
Redis flush, every web machine shares them (no rendering storm when a cache is cold or
per process), and they take no memory from the pages and throttles the cache holds.

    documents/<kind>/<id>/<language>-<digest>.pdf

Storing a version deletes that document's older versions in the same language, so the store
holds about one file per document and language. Two first requests at once both draw the
page and both store it, and one file is kept (core.kept_files, which the registry's
open-data files share).
"""

import hashlib

from django.core.files import File
from django.core.files.storage import Storage, default_storage

from smartcity.core import kept_files
from smartcity.core.pdf import pdf_from_html

FOLDER = "documents"


def version(html: str) -> str:
    """The version of a document whose page is `html`."""
    return hashlib.sha256(html.encode()).hexdigest()[:32]


def kept_name(kind: str, key: str | int, language: str, html: str) -> str:
    return f"{FOLDER}/{kind}/{key}/{language}-{version(html)}.pdf"


def kept_pdf(
    *, kind: str, key: str | int, language: str, html: str, storage: Storage | None = None
) -> bytes | File:
    """The PDF of `html`, document `key` of `kind` in `language`: the kept file, open for
    streaming, when this version was drawn before; otherwise the bytes just drawn, stored
    for the next request (and the older versions of the same document and language
    deleted)."""
    storage = storage or default_storage
    name = kept_name(kind, key, language, html)
    kept = kept_files.open_kept(storage, name)
    if kept is not None:
        return kept
    content = pdf_from_html(html)
    kept_files.keep(storage, name, lambda out: out.write(content))
    kept_files.prune(
        storage,
        name,
        others=lambda other: other.startswith(f"{language}-") and other.endswith(".pdf"),
    )
    return content
