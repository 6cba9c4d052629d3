"""Reading settings from the environment, loudly.

A production server that starts with a mistyped value and quietly uses a default is worse
than one that refuses to start: `DJANGO_SECURE=ture` would leave the cookies insecure. Each
reader raises ImproperlyConfigured naming the variable and what it accepts. A URL's password
is never repeated in the message (it lands in logs).

Imported by settings.py before Django is set up: nothing here may touch models or settings.
"""

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
CACHE_SCHEMES = frozenset({"redis", "rediss"})


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value: use 1 or 0 (also true/false, yes/no, on/off)."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is too small: it must be at least {minimum}.")
    return number


def env_rate(name: str, default: str) -> tuple[int, int]:
    """A throttle written "requests/seconds" ("60/60": sixty requests a minute)."""
    value = os.environ.get(name, "").strip() or default
    try:
        count, seconds = (int(part) for part in value.split("/"))
        if count < 1 or seconds < 1:
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate: write requests/seconds, such as 60/60."
        ) from None
    return count, seconds


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, "").strip() or default
    if value not in choices:
        allowed = ", ".join(sorted(choices))
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {allowed}.")
    return value


def _without_password(url: str) -> str:
    try:
        parts = urlsplit(url)
        if parts.password:
            return url.replace(f":{parts.password}@", ":***@", 1)
    except ValueError:
        pass
    return url


def env_database(name: str, default: str, **options) -> dict:
    """DATABASE_URL as Django's DATABASES entry (dj-database-url), refusing a URL that
    names no database or that dj-database-url cannot read."""
    url = os.environ.get(name, "").strip() or default
    try:
        config = dj_database_url.parse(url, **options)
    except (ValueError, dj_database_url.UnknownSchemeError) as error:
        raise ImproperlyConfigured(
            f"{name}={_without_password(url)!r} is not a database URL ({error}). "
            "Expected e.g. postgres://user:password@host:5432/name or sqlite:////path/db.sqlite3."
        ) from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(
            f"{name}={_without_password(url)!r} names no database. "
            "Expected e.g. postgres://user:password@host:5432/name."
        )
    if config["ENGINE"] != "django.db.backends.sqlite3" and not config.get("HOST"):
        # "postgres:/host/name" (one slash) parses as a database named "host/name" on a
        # local socket: almost always a typo.
        raise ImproperlyConfigured(
            f"{name}={_without_password(url)!r} names no host: write scheme://host/name "
            "(two slashes), e.g. postgres://postgres@127.0.0.1:5432/smartcity."
        )
    return config


def env_cache_url(name: str) -> str | None:
    """CACHE_URL, a redis:// or rediss:// URL with a host, or None when unset."""
    url = os.environ.get(name, "").strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
        parts = None
    if parts is None or parts.scheme not in CACHE_SCHEMES or not parts.hostname or not port_ok:
        raise ImproperlyConfigured(
            f"{name}={_without_password(url)!r} is not a Redis URL: "
            "expected redis://host:6379/0 (or rediss:// for TLS)."
        )
    return url
