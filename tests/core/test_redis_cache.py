"""CACHE_URL=redis://... puts the cache and the sessions on Redis (the local Redis server on
127.0.0.1:6379; skipped when none runs there)."""

import json
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.test import override_settings

from tests.accounts.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent.parent
REDIS = ("127.0.0.1", 6379)
REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_reachable() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not redis_reachable(), reason="no Redis server on 127.0.0.1:6379 to test against"
)

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.cache import cache
cache.set("probe", "ค่าทดสอบ", 30)
print(json.dumps({
    "backend": settings.CACHES["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
    "read_back": cache.get("probe"),
}))
cache.delete("probe")
"""


def test_cache_url_gives_the_redis_cache_and_sessions_on_the_cache(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "smartcity.settings",
        "DJANGO_DEBUG": "1",
        "SMARTCITY_VAR_DIR": str(tmp_path),
        "CACHE_URL": REDIS_URL,
        "SMARTCITY_CACHE_PREFIX": f"test-{secrets.token_hex(4)}",
    }

    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "backend": "django.core.cache.backends.redis.RedisCache",
        "sessions": "django.contrib.sessions.backends.cached_db",
        "read_back": "ค่าทดสอบ",
    }


@pytest.mark.django_db
def test_a_signed_in_session_is_kept_in_redis(client):
    prefix = f"test-{secrets.token_hex(4)}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    user = UserFactory()
    with override_settings(
        CACHES=caches, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    ):
        client.force_login(user)
        response = client.get("/accounts/me/")
        session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
        server = redis.Redis.from_url(REDIS_URL)
        stored = server.keys(f"{prefix}:*{session_key}")
        server.delete(*server.keys(f"{prefix}:*"))

    assert response.status_code == 200
    assert len(stored) == 1
