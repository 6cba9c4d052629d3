"""A kept file is seen whole or not at all: two first requests at once both complete and
one file is kept; a writer that fails leaves nothing; pruning keeps what it is told to."""

import os
import time

import pytest
from django.core.files.storage import FileSystemStorage, InMemoryStorage

from smartcity.core import kept_files

NAME = "kept/thing/v2-abc.csv"


@pytest.fixture
def storage(tmp_path) -> FileSystemStorage:
    return FileSystemStorage(location=tmp_path)


def test_two_first_requests_at_once_both_complete_and_one_file_is_kept(storage):
    seen = {}

    def second(out):
        out.write(b"whole file")

    def first(out):
        out.write(b"whole ")
        # The second request makes and reads the file while the first is half-way.
        kept_files.keep(storage, NAME, second)
        with kept_files.open_kept(storage, NAME) as file:
            seen["second"] = file.read()
        out.write(b"file")

    kept_files.keep(storage, NAME, first)

    with kept_files.open_kept(storage, NAME) as file:
        assert file.read() == b"whole file"
    assert seen["second"] == b"whole file"
    assert os.listdir(storage.path("kept/thing")) == ["v2-abc.csv"]


def test_a_writer_that_fails_leaves_nothing(storage):
    def failing(out):
        out.write(b"half")
        raise ValueError("the database went away")

    with pytest.raises(ValueError):
        kept_files.keep(storage, NAME, failing)

    assert kept_files.open_kept(storage, NAME) is None
    assert os.listdir(storage.path("kept/thing")) == []


class Bucket(InMemoryStorage):
    """A storage with no local path, as an S3-compatible bucket (Django's in-memory
    storage finds its nodes through path(), so they are found by name instead)."""

    def path(self, name):
        raise NotImplementedError

    def _relative_path(self, name):
        return os.path.normpath(name)


def test_in_a_bucket_the_second_writer_drops_its_copy():
    bucket = Bucket()
    kept_files.keep(bucket, NAME, lambda out: out.write(b"first"))

    kept_files.keep(bucket, NAME, lambda out: out.write(b"second"))

    assert bucket.listdir("kept/thing") == ([], ["v2-abc.csv"])
    with kept_files.open_kept(bucket, NAME) as file:
        assert file.read() == b"first"


def test_prune_deletes_the_chosen_others_beyond_the_newest_kept(storage):
    for index, name in enumerate(["v1-a.csv", "v2-a.csv", "v2-b.csv", "v2-c.csv"]):
        kept_files.keep(storage, f"kept/thing/{name}", lambda out: out.write(b"x"))
        os.utime(storage.path(f"kept/thing/{name}"), (time.time() + index, time.time() + index))
    kept_files.keep(storage, NAME, lambda out: out.write(b"x"))

    kept_files.prune(storage, NAME, others=lambda other: other.startswith("v1-"))
    kept_files.prune(storage, NAME, others=lambda other: other.startswith("v2-"), keep=2)

    assert sorted(os.listdir(storage.path("kept/thing"))) == ["v2-abc.csv", "v2-b.csv", "v2-c.csv"]
