"""Production settings: pages render from collectstatic's hashed files with DEBUG off, a
server without them refuses to start, and `check --deploy` is clean under production
settings, which also send the security headers."""

import json
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from smartcity.core.checks import check_static_manifest

ROOT = Path(__file__).resolve().parent.parent
MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# Compressing every file is what collectstatic spends its time on, and not what is tested.
NO_COMPRESSION = ["css", "js", "svg", "ttf", "woff", "woff2", "json", "map", "txt", "md", "png"]


def production_storage(static_root):
    return override_settings(
        DEBUG=False,
        STATIC_ROOT=static_root,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": MANIFEST_STORAGE},
        },
        WHITENOISE_AUTOREFRESH=False,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_SKIP_COMPRESS_EXTENSIONS=NO_COMPRESSION,
    )


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("static")
    with production_storage(static_root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return static_root


def production_env(tmp_path, static_root) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE": "1",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "smartcity.example.go.th",
        "DJANGO_STATIC_ROOT": str(static_root),
        "SMARTCITY_VAR_DIR": str(tmp_path),
        "PYTHAINLP_OFFLINE": "1",
        "PYTHAINLP_READ_ONLY": "1",
    }


@pytest.mark.django_db
def test_pages_render_with_hashed_static_files_after_collectstatic(
    collected_static, programme_data, anonymous
):
    with production_storage(collected_static):
        pages = {path: anonymous.get(path) for path in ["/", "/areas/", "/verify/", "/map/"]}
        stylesheet = re.search(
            r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', pages["/"].content.decode()
        )
        served = anonymous.get(stylesheet.group(1)) if stylesheet else None
        if served is not None:
            served.close()  # WhiteNoise streams the file

    assert {path: response.status_code for path, response in pages.items()} == dict.fromkeys(
        pages, 200
    )
    assert served is not None
    assert served.status_code == 200
    assert served["Content-Type"].startswith("text/css")


def test_a_missing_manifest_is_an_error_of_the_deploy_check(tmp_path):
    with production_storage(tmp_path):
        errors = check_static_manifest(None)

    assert [error.id for error in errors] == ["smartcity.E001"]
    assert "run `manage.py collectstatic --no-input`" in errors[0].msg


def test_the_wsgi_server_refuses_to_start_without_collectstatic(tmp_path):
    env = production_env(tmp_path, tmp_path / "never-collected")

    result = subprocess.run(
        [sys.executable, "-c", "import smartcity.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode != 0
    assert "static files manifest" in result.stderr
    assert "collectstatic" in result.stderr.splitlines()[-1]


PROBE = """
import json, django
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("check", deploy=True, fail_level="WARNING")
response = Client().get("/verify/", secure=True, headers={"host": "smartcity.example.go.th"})
print(json.dumps({name: response.headers.get(name) for name in [
    "Strict-Transport-Security", "Permissions-Policy", "Referrer-Policy",
    "X-Content-Type-Options", "X-Frame-Options", "Cross-Origin-Opener-Policy"]}))
"""


def test_check_deploy_is_clean_and_headers_are_sent_under_production_settings(
    tmp_path, collected_static
):
    env = {
        **production_env(tmp_path, collected_static),
        "DJANGO_SETTINGS_MODULE": "smartcity.settings",
    }

    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_serve_refuses_to_start_without_a_secret_key(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "SMARTCITY_VAR_DIR": str(tmp_path)}

    result = subprocess.run(
        [sys.executable, "scripts/serve.py"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 2
    assert result.stderr.startswith("DJANGO_SECRET_KEY is not set.")
    assert not (tmp_path / "smartcity.sqlite3").exists()  # nothing was migrated
