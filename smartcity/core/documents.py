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
page and both store it: on disk each writes a temporary file beside the target and renames
it over (a reader opens either complete file, never a half-written one); in a bucket an
object appears whole, and the second writer, finding the name taken, drops its copy.
"""

import contextlib
import hashlib
import os
import tempfile
from pathlib import PurePosixPath

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage

from smartcity.core.pdf import pdf_from_html

FOLDER = "documents"
# Temporary files beside the kept ones start with this; pruning leaves them alone.
PARTIAL = ".partial-"


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
    if storage.exists(name):
        try:
            return storage.open(name, "rb")
        except FileNotFoundError:
            pass  # pruned by a request that drew a newer version in between: draw it again
    content = pdf_from_html(html)
    _store(storage, name, content)
    _prune(storage, name)
    return content


def _store(storage: Storage, name: str, content: bytes) -> None:
    try:
        path = storage.path(name)
    except NotImplementedError:  # a bucket: an object is never seen half-written
        if not storage.exists(name):
            saved = storage.save(name, ContentFile(content))
            if saved != name:  # another request stored this version first
                storage.delete(saved)
        return
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(prefix=PARTIAL, dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        mode = getattr(storage, "file_permissions_mode", None)
        if mode is not None:
            os.chmod(partial, mode)
        os.replace(partial, path)
    except BaseException:
        os.unlink(partial)
        raise


def _prune(storage: Storage, name: str) -> None:
    """Delete the other versions of `name`'s document in its language."""
    folder, current = PurePosixPath(name).parent, PurePosixPath(name).name
    language = current.split("-", 1)[0]
    try:
        _folders, files = storage.listdir(str(folder))
    except FileNotFoundError:
        return
    for other in files:
        if other != current and other.startswith(f"{language}-") and other.endswith(".pdf"):
            # Another request may have pruned it first.
            with contextlib.suppress(FileNotFoundError):
                storage.delete(str(folder / other))
