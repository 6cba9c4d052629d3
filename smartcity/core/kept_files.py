"""Files made once per version and kept in the default storage: the certificate and
announcement PDFs (core.documents) and the registry's open-data files (registry.exports).

A caller names each file by everything its content depends on (a digest of its page, or
the collection's version with the date, language and filters), so a kept file never goes
stale: a change gives a new name, and the next request makes the new file. What this
module holds is the storage part every such caller shares:

- `open_kept(storage, name)`: the kept file open for streaming, or None;
- `keep(storage, name, write)`: make the file through `write(out)`, seen whole or not at
  all. On disk the bytes go to a temporary file beside the target, renamed over it (a
  reader opens either complete file, never a half-written one, and two first requests at
  once both complete, one file kept); in a bucket an object appears whole, and the second
  writer, finding the name taken, drops its copy;
- `prune(storage, name, others=..., keep=...)`: delete the other files beside `name` that
  `others` selects (its older versions), all but the `keep` most recently stored.

The files live in the default storage (local disk, or the S3-compatible bucket with
SMARTCITY_S3_BUCKET; docs/production.md), not in the cache: they survive a restart and a
Redis flush, every web machine shares them, and they take no memory from the cache.
"""

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import BinaryIO

from django.core.files import File
from django.core.files.storage import Storage

# Temporary files beside the kept ones start with this; pruning leaves them alone.
PARTIAL = ".partial-"
# A file made for a bucket is held in memory up to this size, then on local disk.
SPOOL_BYTES = 8 * 1024 * 1024


def open_kept(storage: Storage, name: str) -> File | None:
    """The kept file `name`, open for reading, or None when it was never made (or was
    pruned a moment ago by a request that made a newer version)."""
    if not storage.exists(name):
        return None
    try:
        return storage.open(name, "rb")
    except FileNotFoundError:
        return None


def keep(storage: Storage, name: str, write: Callable[[BinaryIO], None]) -> None:
    """Make the file `name` in `storage`: `write(out)` writes its bytes to `out`. Readers
    see the whole file or none; `write` raising leaves nothing behind."""
    try:
        path = storage.path(name)
    except NotImplementedError:  # a bucket: an object is never seen half-written
        _keep_in_bucket(storage, name, write)
        return
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(prefix=PARTIAL, dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as out:
            write(out)
        mode = getattr(storage, "file_permissions_mode", None)
        if mode is not None:
            os.chmod(partial, mode)
        os.replace(partial, path)
    except BaseException:
        os.unlink(partial)
        raise


def _keep_in_bucket(storage: Storage, name: str, write: Callable[[BinaryIO], None]) -> None:
    if storage.exists(name):
        return
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as out:
        write(out)
        out.seek(0)
        saved = storage.save(name, File(out))
    if saved != name:  # another request stored this version first
        storage.delete(saved)


def prune(storage: Storage, name: str, *, others: Callable[[str], bool], keep: int = 0) -> None:
    """Delete the files beside `name` (not `name` itself, nor a file being made) whose
    file name `others` selects, all but the `keep` most recently stored of them."""
    folder, current = PurePosixPath(name).parent, PurePosixPath(name).name
    try:
        _folders, files = storage.listdir(str(folder))
    except FileNotFoundError:
        return
    chosen = [f for f in files if f != current and not f.startswith(PARTIAL) and others(f)]
    if keep and len(chosen) > keep:
        chosen = sorted(chosen, key=lambda f: _stored_at(storage, str(folder / f)))[:-keep]
    elif keep:
        chosen = []
    for other in chosen:
        # Another request may have pruned it first.
        with contextlib.suppress(FileNotFoundError):
            storage.delete(str(folder / other))


def _stored_at(storage: Storage, name: str) -> float:
    try:
        return storage.get_modified_time(name).timestamp()
    except FileNotFoundError:
        return 0.0
