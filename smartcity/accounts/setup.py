"""What the platform sets up in accounts rather than people doing it: the secretariat's
admin group with exactly its permissions, and the demo accounts for development
(`manage.py seed_demo_users`, which refuses to run outside DEBUG)."""

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
        if secretariat:
            user.groups.add(ensure_secretariat_group())
        result.append((email, password, created))
    return result


SECRETARIAT_GROUP = "secretariat"
# What programme staff may do in the admin: configure criteria sets and calls, read the
# records and the audit log. Proposals and certified areas change only through the site.
SECRETARIAT_PERMISSIONS = [
    "proposals.add_criteriaset", "proposals.change_criteriaset", "proposals.view_criteriaset",
    "proposals.add_criterion", "proposals.change_criterion", "proposals.view_criterion",
    "proposals.add_criterionitem", "proposals.change_criterionitem", "proposals.delete_criterionitem",
    "proposals.view_criterionitem", "proposals.add_call", "proposals.change_call", "proposals.view_call",
    "proposals.view_proposal", "core.view_auditentry", "accounts.view_organisation",
    "committee.view_meeting",
    "certification.view_certifiedarea",
    "reviews.view_reviewer", "reviews.change_reviewer", "reviews.view_reviewphase",
    "reviews.change_reviewphase", "reviews.add_reviewphase", "reviews.view_conflictrules",
    "reviews.change_conflictrules", "reviews.add_conflictrules", "reviews.view_conflict",
    "reviews.view_assignment", "reviews.view_review",
]  # fmt: skip


def ensure_secretariat_group():
    """The admin group of programme staff, with exactly SECRETARIAT_PERMISSIONS."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    wanted = []
    for dotted in SECRETARIAT_PERMISSIONS:
        app_label, codename = dotted.split(".")
        wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    group.permissions.set(wanted)
    return group
