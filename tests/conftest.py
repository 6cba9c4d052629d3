"""Shared fixtures: the reference geography is loaded once per test database; programme
data and personas are per test."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

CATALOGUES = Path(__file__).resolve().parent.parent / "locale"


def pytest_configure(config):
    """Compile every message catalogue whose .mo is missing or older than its .po, so one
    test file run on its own sees the same Thai as `make test` (which compiles first).
    Under xdist only the controller compiles, before the workers start."""
    if hasattr(config, "workerinput"):
        return
    for po in CATALOGUES.glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        fresh = mo.with_suffix(".mo.tmp")
        msgfmt = shutil.which("msgfmt") or "msgfmt"
        subprocess.run([msgfmt, "--check-format", "-o", str(fresh), str(po)], check=True)
        fresh.replace(mo)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts with the 77 provinces, their districts and boundaries."""
    with django_db_blocker.unblock():
        from smartcity.geo.services import load_geography

        load_geography()


@pytest.fixture(autouse=True)
def _reference_data_survives_transactional_tests(request, django_db_blocker):
    """A transactional test (live server, real commits) empties every table when it
    ends; put the reference geography back so later tests on this worker find it."""
    yield
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        with django_db_blocker.unblock():
            from smartcity.geo.services import load_geography

            load_geography()


@pytest.fixture
def migrate_to(transactional_db):
    """Migrate the test database to the given targets and return the app registry of that
    state; when the test ends, every app goes back to its latest migration (later tests on
    this worker expect every table, and a flush fails on a missing one)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    yield migrate
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def programme_data(db):
    """The programme's public record: 30 certified areas and the ASEAN network cities."""
    from smartcity.certification.services.history import import_certified_areas
    from smartcity.network.services import import_network_cities

    import_certified_areas()
    import_network_cities()


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def secretariat_user(db):
    from tests.accounts.factories import UserFactory

    return UserFactory(is_secretariat=True, is_staff=True)


@pytest.fixture
def admin_user(db):
    from tests.accounts.factories import UserFactory

    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def secretariat(secretariat_user) -> Client:
    client = Client()
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def admin(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.fixture
def load_command():
    """Run a management command, returning its standard output."""
    from io import StringIO

    def run(name: str, *args, **kwargs) -> str:
        out = StringIO()
        call_command(name, *args, stdout=out, **kwargs)
        return out.getvalue()

    return run


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters live in the cache: each test starts without another test's."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_storage_per_test(settings, tmp_path_factory):
    """Files saved in the default storage (uploads, exports, kept PDFs) go to a folder of
    the test's own: never var/media, and no test is served another test's kept PDF."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _responses_closed_as_a_server_closes_them(monkeypatch):
    """A server closes every response once it is done with it; the test client closes a
    streamed one only when its content is read to the end. A kept file (a PDF, an export)
    that a test does not read would stay open until the garbage collector finds it, and
    its ResourceWarning would fail whichever test runs then. Close them at teardown, with
    close_old_connections held off as the test client holds it (closing the test's own
    database connection would break its transaction on PostgreSQL)."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    streamed = []
    request = Client.request

    def keeping(self, **kwargs):
        response = request(self, **kwargs)
        if response.streaming:
            streamed.append(response)
        return response

    monkeypatch.setattr(Client, "request", keeping)
    yield
    request_finished.disconnect(close_old_connections)
    try:
        for response in streamed:
            response.close()
    finally:
        request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A test that activates a language (a view answering in English, an email rendered
    for an English reader) must not leave it to the next test on the same worker."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def drawn(monkeypatch) -> list[bytes]:
    """Every PDF WeasyPrint drew since the test began, in order: a kept document is
    served without one."""
    from weasyprint import HTML

    pdfs: list[bytes] = []
    write_pdf = HTML.write_pdf

    def counting(self, *args, **kwargs):
        content = write_pdf(self, *args, **kwargs)
        pdfs.append(content)
        return content

    monkeypatch.setattr(HTML, "write_pdf", counting)
    return pdfs
