"""What the generators share: Django set-up, timestamps kept as generated, cheap passwords."""

import contextlib
import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def setup_django() -> None:
    """Make the project importable and configure Django from the environment."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")
    import django

    django.setup()


@contextlib.contextmanager
def explicit_timestamps(*models):
    """Let bulk_create keep the created/updated/at values we set, instead of auto_now(_add)
    overwriting them with the current time."""
    changed = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                changed.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in changed:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def unusable_password(seed: str) -> str:
    """An unusable password (the bench logs in with force_login), cheap and reproducible."""
    return "!" + hashlib.sha256(seed.encode()).hexdigest()[:40]
