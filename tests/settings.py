"""Settings for the test suite: production settings with fast hashing and plain static files."""

import os

os.environ.setdefault("SMARTCITY_ALLOW_INSECURE_KEY", "1")
os.environ.setdefault("SMARTCITY_TESTING", "1")

from smartcity.settings import *  # noqa: F403
from smartcity.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest storage needs collectstatic; tests serve the source files.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run inside the call that enqueues them, so a test sees their effect at once.
TASKS = {
    "default": {
        **TASKS["default"],  # noqa: F405
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
}
# Two-factor sign-in is off for the suite; its own tests turn it on (tests/accounts/
# views/test_two_factor.py), and people signed in by force_login stay unverified.
SMARTCITY_REQUIRE_2FA = False
