import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from smartcity.accounts.models import User
from smartcity.committee.enums import CommitteeKind, MemberRole
from smartcity.committee.models import CommitteeMember
from smartcity.committee.services.committees import ensure_committees

# (email, password, full name, committee, role, position)
DEMO_MEMBERS = [
    ("chair.sub@smartcity.example", "demo-committee-2569", "ประธานอนุกรรมการ (สาธิต)",
     CommitteeKind.SUB_COMMITTEE, MemberRole.CHAIR, "รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"),
    ("member.sub@smartcity.example", "demo-committee-2569", "อนุกรรมการ (สาธิต)",
     CommitteeKind.SUB_COMMITTEE, MemberRole.MEMBER, "ผู้ทรงคุณวุฒิด้านการพัฒนาเมือง"),
    ("member2.sub@smartcity.example", "demo-committee-2569", "อนุกรรมการคนที่สอง (สาธิต)",
     CommitteeKind.SUB_COMMITTEE, MemberRole.MEMBER, "ผู้ทรงคุณวุฒิด้านพลังงาน"),
    ("chair.steering@smartcity.example", "demo-committee-2569", "ประธานกรรมการ (สาธิต)",
     CommitteeKind.STEERING, MemberRole.CHAIR, "รองนายกรัฐมนตรี"),
    ("member.steering@smartcity.example", "demo-committee-2569", "กรรมการ (สาธิต)",
     CommitteeKind.STEERING, MemberRole.MEMBER, "เลขาธิการคณะกรรมการส่งเสริมการลงทุน"),
]  # fmt: skip
TERM_STARTS = dt.date(2025, 10, 1)


class Command(BaseCommand):
    help = "Seat demo members on the two committees (development only) and print their logins."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only (set DJANGO_DEBUG=1).")
        committees = ensure_committees()
        login_url = settings.SMARTCITY["SITE_URL"] + reverse("accounts:login")
        self.stdout.write(self.style.SUCCESS(f"Demo committee members (sign in at {login_url}):"))
        for email, password, name, kind, role, position in DEMO_MEMBERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email=email, password=password, full_name=name)
            CommitteeMember.objects.get_or_create(
                committee=committees[kind],
                user=user,
                defaults={"role": role, "position": position, "term_starts_on": TERM_STARTS},
            )
            self.stdout.write(f"  {email:35} {password}")
        self.stdout.write("")
