import pytest

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "mail", "exports"],
    }
}


@pytest.fixture
def database_tasks(settings):
    """Tasks go through the database, as in production: enqueued, they wait for a worker."""
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def media(settings, tmp_path):
    """Files saved in the default storage go to a fresh folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """request_export() as a view's request makes it: the task is enqueued on commit."""
    from smartcity.core import exports

    def run(kind: str, parameters: dict, by):
        with django_capture_on_commit_callbacks(execute=True):
            job = exports.request_export(kind=kind, parameters=parameters, by=by)
        job.refresh_from_db()
        return job

    return run
