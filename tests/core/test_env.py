"""Settings read from the environment refuse a malformed value and name the variable."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from smartcity.core.env import env_bool, env_cache_url, env_database, env_int

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("Yes", True), ("off", False)])
def test_env_bool_reads_yes_and_no_words(monkeypatch, value, expected):
    monkeypatch.setenv("DJANGO_SECURE", value)

    assert env_bool("DJANGO_SECURE", not expected) is expected


def test_env_bool_refuses_maybe_naming_the_variable(monkeypatch):
    monkeypatch.setenv("DJANGO_SECURE", "maybe")

    with pytest.raises(ImproperlyConfigured, match=r"DJANGO_SECURE='maybe' is not a yes/no value"):
        env_bool("DJANGO_SECURE", False)


def test_env_int_refuses_a_word_naming_the_variable(monkeypatch):
    monkeypatch.setenv("DATABASE_CONN_MAX_AGE", "sixty")

    with pytest.raises(ImproperlyConfigured, match=r"DATABASE_CONN_MAX_AGE='sixty' is not a whole"):
        env_int("DATABASE_CONN_MAX_AGE", 60)


def test_env_int_refuses_a_number_below_its_minimum(monkeypatch):
    monkeypatch.setenv("SMARTCITY_TARGET_AREAS", "0")

    with pytest.raises(ImproperlyConfigured, match=r"SMARTCITY_TARGET_AREAS=0 is too small"):
        env_int("SMARTCITY_TARGET_AREAS", 105, minimum=1)


@pytest.mark.parametrize(
    "url",
    [
        "postgress://app:s3cret@db.example/smartcity",  # unknown scheme
        "postgres:/db.example/smartcity",  # one slash: no host
        "postgres://app:s3cret@db.example:port/smartcity",  # port is not a number
        "postgres://app:s3cret@db.example/",  # no database name
    ],
)
def test_env_database_refuses_a_malformed_url_without_repeating_its_password(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)

    with pytest.raises(ImproperlyConfigured, match=r"^DATABASE_URL=") as raised:
        env_database("DATABASE_URL", default="sqlite:///x.sqlite3")

    assert "s3cret" not in str(raised.value)


def test_env_database_reads_a_postgres_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://app@db.example:5433/smartcity")

    config = env_database("DATABASE_URL", default="sqlite:///x.sqlite3")

    assert (config["ENGINE"], config["HOST"], config["PORT"], config["NAME"]) == (
        "django.db.backends.postgresql",
        "db.example",
        5433,
        "smartcity",
    )


@pytest.mark.parametrize(
    "url", ["redis:/cache.example:6379", "memcached://cache.example", "redis://:6379/0"]
)
def test_env_cache_url_refuses_what_is_not_a_redis_url(monkeypatch, url):
    monkeypatch.setenv("CACHE_URL", url)

    with pytest.raises(ImproperlyConfigured, match=r"^CACHE_URL=.* is not a Redis URL"):
        env_cache_url("CACHE_URL")


def test_manage_py_stops_at_start_naming_the_malformed_variable(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SECRET_KEY": "x" * 60,
        "SMARTCITY_VAR_DIR": str(tmp_path),
        "DJANGO_SECURE": "ture",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode != 0
    assert "DJANGO_SECURE='ture' is not a yes/no value" in result.stderr
