"""Writes for people and organisations."""

from smartcity.accounts.models import User
from smartcity.core import audit

DEMO_ACCOUNTS = [
    # (email, password, full name, secretariat, superuser)
    ("admin@smartcity.example", "demo-admin-2569", "ผู้ดูแลระบบ (Admin)", False, True),
    (
        "secretariat@smartcity.example",
        "demo-secretariat-2569",
        "เจ้าหน้าที่สำนักงานเลขานุการ",
        True,
        False,
    ),
]


def ensure_demo_users() -> list[tuple[str, str, bool]]:
    """Create the demo accounts if missing. Returns (email, password, created) per account.

    Development only: the caller refuses to run outside DEBUG."""
    result = []
    for email, password, full_name, secretariat, superuser in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        created = user is None
        if created:
            user = User.objects.create_user(
                email=email,
                password=password,
                full_name=full_name,
                is_secretariat=secretariat,
                is_staff=secretariat or superuser,
                is_superuser=superuser,
            )
            audit.record(action="accounts.user.demo_created", target=user)
        result.append((email, password, created))
    return result
