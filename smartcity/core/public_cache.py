"""Public pages cost what they show.

A public page (the registry's home, list, area and province pages, the map, the
announcements) shows the same thing to every anonymous reader in one language on one day,
until a service changes what the collection shows and bumps its version
(core.versions). So, for an anonymous GET:

- the answer carries a weak `ETag` made from the page's key (path, sorted query,
  language, htmx or not, the collection's version and today's date) and a
  `Last-Modified` (the version's change time, never before today's midnight: a page's
  default date is today, so its figures change at midnight with no write);
- a conditional request that still holds the key is answered 304 after one query (the
  version);
- otherwise the rendered page is taken from the cache under that key, or rendered and
  kept there. A change commits a new version, so the next request builds a new key and
  nobody asks for the old entry again: nothing is deleted, nothing stale is served, in
  any process or on any machine that shares the cache (Redis).

A signed-in reader's page differs (the header, the inbox count) and is never shared: it
is rendered every time and marked `private`. A page that was rendered with a CSRF token
or that sets a cookie (a message shown once, a new token) belongs to its reader and is
not kept either. The public pages carry no token of their own: the language switch is
exempt from CSRF (smartcity/urls.py), and the CSP sends no nonce.

`max-age` is short (MAX_AGE): a browser or proxy may answer from its own copy for a
minute after a certification, and must ask again (a cheap 304) after that.
"""

import datetime as dt
import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from smartcity.core import versions

# Seconds a browser or proxy may reuse a public page without asking: a certification is
# visible everywhere within a minute, and the question after that costs one query.
MAX_AGE = 60
# Seconds a rendered page stays in the cache. Entries never go stale (a change moves
# the key); this only bounds the memory kept by pages of yesterday or of old versions.
KEPT_SECONDS = 24 * 3600
# What a public page's content depends on besides its address: the language (from the
# cookie or Accept-Language), whether the reader is signed in (the session cookie), and
# whether htmx asked for the fragment only.
VARY = ("Accept-Language", "Cookie", "HX-Request")
# The headers a kept page is answered with again (the middleware adds the rest).
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def _personal(request) -> bool:
    """The reader sees something of their own: signed in, or a message waiting for them
    (after signing out, say). Counting the messages does not mark them read."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return len(get_messages(request)) > 0


def page_key(request, version: versions.Version, today: dt.date) -> str:
    """What the page shows depends on, hashed (a query may be long or hold any text)."""
    query = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
    parts = [
        request.path,
        query,
        get_language() or "",
        "htmx" if request.headers.get("HX-Request") else "page",
        version.stamp,
        today.isoformat(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def last_modified(version: versions.Version, today: dt.date) -> int:
    """The version's change time, not before today's midnight (local time), as a
    timestamp in whole seconds (HTTP dates have no finer grain)."""
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    return int(max(version.changed_at, midnight).timestamp())


def _mark_public(response: HttpResponse, etag: str, modified: int) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    patch_vary_headers(response, VARY)
    return response


def _mark_private(response: HttpResponse) -> HttpResponse:
    # no-cache: the browser may keep the page for the back button but asks again before
    # showing it anew (the inbox count changes without any version).
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, VARY)
    return response


def _kept(response: HttpResponse) -> dict:
    return {
        "status": response.status_code,
        "content": response.content,
        "headers": {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
    }


def _from_kept(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def _owned_by_reader(request, response: HttpResponse) -> bool:
    """Rendered with this reader's CSRF token, or setting a cookie: not for anyone else."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies)


def public_page(view=None, *, keep: bool = True, collection: str = versions.REGISTRY):
    """Serve a public view as the module says. `keep=False` for downloads that stream
    (the exports): they get the ETag, Last-Modified and 304, but are not kept; the
    view behind runs (and counts in its throttle) only for a real download.

    Put it below require_safe and above throttled: a 304 or a kept page costs nothing,
    so it counts in no throttle."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if _personal(request):
                return _mark_private(view(request, *args, **kwargs))
            version = versions.current(collection)
            today = timezone.localdate()
            key = page_key(request, version, today)
            etag = f'W/"{key[:32]}"'
            modified = last_modified(version, today)
            not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
            if not_modified is not None:
                return _mark_public(not_modified, etag, modified)
            cache_key = f"public-page:{key}"
            entry = cache.get(cache_key) if keep else None
            if entry is not None:
                return _mark_public(_from_kept(entry), etag, modified)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if response.status_code != 200:
                return response
            if _owned_by_reader(request, response):
                return _mark_private(response)
            if keep and not response.streaming:
                cache.set(cache_key, _kept(response), KEPT_SECONDS)
            return _mark_public(response, etag, modified)

        return wrapped

    return decorator(view) if view is not None else decorator


def cached(name: str, compute, *parts, collection: str = versions.REGISTRY):
    """`compute()` kept under `name`, `parts` and the collection's version: a figure
    worth keeping between pages, for signed-in readers too. The value must pickle."""
    stamp = versions.current(collection).stamp
    key = (
        "public-value:"
        + hashlib.sha256("\n".join([name, *map(str, parts), stamp]).encode()).hexdigest()
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, KEPT_SECONDS)
    return value
