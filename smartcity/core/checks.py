"""Start-up guards for production: a site that would answer every page with a 500 refuses
to start instead, saying what to run."""

import json

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages


def static_manifest_problem() -> str | None:
    """Why pages cannot render their static files, or None. With the manifest storage
    (DEBUG off) every {% static %} needs collectstatic's manifest; without it every page
    is a 500."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return None
    where = f"{settings.STATIC_ROOT}/{storage.manifest_name}"
    try:
        content = storage.read_manifest()
        paths = json.loads(content).get("paths") if content else None
    except (OSError, ValueError) as error:
        return (
            f"The static files manifest {where} cannot be read ({error}): run collectstatic again."
        )
    if content is None:
        return (
            f"The static files manifest {where} is missing: run "
            "`manage.py collectstatic --no-input` (make serve does) before starting the server."
        )
    if not paths:
        return f"The static files manifest {where} lists no file: run collectstatic again."
    return None


def refuse_without_static_manifest() -> None:
    """Called by the WSGI entry point: no production server starts without the manifest."""
    problem = static_manifest_problem()
    if problem:
        raise ImproperlyConfigured(problem)


@checks.register(checks.Tags.staticfiles, deploy=True)
def check_static_manifest(app_configs, **kwargs):
    problem = static_manifest_problem()
    return [checks.Error(problem, id="smartcity.E001")] if problem else []
