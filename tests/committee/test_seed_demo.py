import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from smartcity.committee.enums import CommitteeKind
from smartcity.committee.models import CommitteeMember


@override_settings(DEBUG=True)
def test_demo_members_sit_on_both_committees_once(db, capsys):
    call_command("seed_demo_committees")
    call_command("seed_demo_committees")
    seats = CommitteeMember.objects.select_related("committee", "user")
    assert seats.count() == 5
    assert {s.committee.kind for s in seats} == set(CommitteeKind.values)
    out = capsys.readouterr().out
    assert "chair.sub@smartcity.example" in out and "demo-committee-2569" in out


def test_refused_outside_development(db):
    with pytest.raises(CommandError):
        call_command("seed_demo_committees")
