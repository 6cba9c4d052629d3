"""The secretariat's committee and meeting lists, the scheduling form, and the members'
seats."""

import datetime as dt

import pytest
from django.urls import reverse

from smartcity.committee.enums import CommitteeKind, MeetingStatus
from smartcity.committee.models import CommitteeMember, Meeting
from smartcity.committee.services.meetings import cancel_meeting, schedule_meeting
from smartcity.core.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.committee.factories import committee


def shown(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def sub(db):
    return committee(CommitteeKind.SUB_COMMITTEE)


# Committees and members ---------------------------------------------------------------------


def test_the_committees_page_lists_both_committees_with_their_members(secretariat_en, sub):
    CommitteeMember.objects.create(
        committee=sub,
        user=UserFactory(full_name="อดีตกรรมการ"),
        role="member",
        term_starts_on=dt.date(2019, 1, 1),
        term_ends_on=dt.date(2019, 12, 31),
    )

    response = secretariat_en.get(reverse("committee:committees"))

    committees = {c.kind: c for c in response.context["committees"]}
    assert set(committees) == {CommitteeKind.SUB_COMMITTEE, CommitteeKind.STEERING}
    assert len(committees[CommitteeKind.SUB_COMMITTEE].serving) == 5
    assert [str(s.user) for s in committees[CommitteeKind.SUB_COMMITTEE].former] == ["อดีตกรรมการ"]
    assert "term ended" in response.text


def test_adding_a_member_by_email(secretariat_en, sub):
    person = UserFactory(email="somchai@example.go.th", full_name="สมชาย")

    response = secretariat_en.post(
        reverse("committee:member_add"),
        {
            "committee": sub.pk,
            "email": "SOMCHAI@example.go.th",
            "role": "member",
            "position": "ผู้แทนกระทรวง",
            "term_starts_on": "1/10/2568",
        },
        follow=True,
    )

    seat = CommitteeMember.objects.get(user=person)
    assert (seat.committee, seat.term_starts_on, seat.term_ends_on) == (
        sub,
        dt.date(2025, 10, 1),
        None,
    )
    assert shown(response) == [f"สมชาย now sits on the {sub.name_en}."]
    assert AuditEntry.objects.filter(action="committee.member.added").count() == 1


def test_a_new_member_is_invited_to_the_scheduled_meetings_of_their_term(
    secretariat_en, sub, officer
):
    meeting = schedule_meeting(
        committee=sub, held_on=dt.date(2026, 12, 1), place="ห้อง 1", by=officer
    )
    person = UserFactory()

    secretariat_en.post(
        reverse("committee:member_add"),
        {
            "committee": sub.pk,
            "email": person.email,
            "role": "member",
            "term_starts_on": "2026-11-01",
        },
    )

    assert meeting.attendees.filter(member__user=person).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "nobody@example.org"}, "No account uses this email address"),
        ({"term_starts_on": "31/02/2568"}, "Enter a date such as"),
        ({"term_ends_on": "1/1/2560"}, "The term cannot end before it starts."),
        ({"role": "chair"}, "The committee already has a chair during this term"),
    ],
)
def test_a_refused_member_is_not_added_and_the_form_says_why(secretariat_en, sub, data, message):
    person = UserFactory(email="new@example.go.th")
    seats = CommitteeMember.objects.count()
    base = {"committee": sub.pk, "email": person.email, "role": "member",
            "term_starts_on": "1/10/2568"}  # fmt: skip

    response = secretariat_en.post(reverse("committee:member_add"), base | data)

    assert response.status_code == 400
    assert message in response.text
    assert CommitteeMember.objects.count() == seats


def test_the_same_person_cannot_sit_twice_in_the_same_term(secretariat_en, sub):
    seat = sub.members.first()

    response = secretariat_en.post(
        reverse("committee:member_add"),
        {
            "committee": sub.pk,
            "email": seat.user.email,
            "role": "member",
            "term_starts_on": "1/10/2568",
        },
    )

    assert response.status_code == 400
    assert "already sits on this committee during this term" in response.text


def test_ending_a_term(secretariat_en, sub, officer):
    seat = sub.members.order_by("pk").last()
    later = schedule_meeting(committee=sub, held_on=dt.date(2026, 12, 1), place="ห้อง 1", by=officer)

    response = secretariat_en.post(
        reverse("committee:member_end", args=[seat.pk]), {"ends_on": "30/9/2569"}, follow=True
    )
    again = secretariat_en.post(
        reverse("committee:member_end", args=[seat.pk]), {"ends_on": "30/9/2569"}, follow=True
    )

    seat.refresh_from_db()
    assert seat.term_ends_on == dt.date(2026, 9, 30)
    assert not later.attendees.filter(member=seat).exists()
    assert shown(response) == [f"The term of {seat.user} is ended."]
    assert shown(again) == ["This term has already ended."]


# Meetings -----------------------------------------------------------------------------------


def test_scheduling_reads_a_buddhist_era_date_and_shows_the_number(secretariat_en, sub):
    response = secretariat_en.post(
        reverse("committee:meeting_new"),
        {
            "committee": sub.pk,
            "held_on": "9/11/2565",
            "online_link": "https://meet.example.go.th/x",
        },
        follow=True,
    )

    meeting = Meeting.objects.get()
    assert (meeting.held_on, meeting.reference) == (dt.date(2022, 11, 9), "1/2565")
    assert response.redirect_chain[-1][0] == reverse("committee:meeting", args=[meeting.pk])
    assert "meeting 1/2565 is scheduled" in shown(response)[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"held_on": "32/13/2565", "place": "ห้อง 1"}, "Enter a date such as"),
        ({"held_on": "9/11/2565"}, "Give the place or the online meeting link."),
        ({"held_on": "9/11/2565", "online_link": "javascript:alert(1)"}, "Enter a valid URL."),
    ],
)
def test_scheduling_refuses_bad_input_and_creates_nothing(secretariat_en, sub, data, message):
    response = secretariat_en.post(reverse("committee:meeting_new"), {"committee": sub.pk} | data)

    assert response.status_code == 400
    assert message in response.text
    assert not Meeting.objects.exists()


def test_the_meetings_list_shows_reference_date_status_and_items(secretariat, sub, officer):
    meeting = schedule_meeting(
        committee=sub, held_on=dt.date(2022, 11, 9), place="ห้อง 1", by=officer
    )
    thai = secretariat
    thai.cookies["smartcity_language"] = "th"

    response = thai.get(reverse("committee:meetings"))

    row = response.context["page"].object_list[0]
    assert (row.pk, row.n_items) == (meeting.pk, 0)
    assert "1/2565" in response.text
    assert "9 พฤศจิกายน 2565" in response.text


def test_the_meetings_list_filters_by_committee_and_status(secretariat_en, sub, officer):
    steering = committee(CommitteeKind.STEERING)
    kept = schedule_meeting(committee=sub, held_on=dt.date(2026, 1, 5), place="ห้อง", by=officer)
    cancelled = schedule_meeting(
        committee=sub, held_on=dt.date(2026, 2, 5), place="ห้อง", by=officer
    )
    cancel_meeting(meeting=cancelled, reason="เลื่อน", by=officer)
    other = schedule_meeting(
        committee=steering, held_on=dt.date(2026, 1, 9), place="ห้อง", by=officer
    )

    def rows(**params):
        response = secretariat_en.get(reverse("committee:meetings"), params)
        return {m.pk for m in response.context["page"].object_list}

    assert rows() == {kept.pk, cancelled.pk, other.pk}
    assert rows(committee=CommitteeKind.STEERING) == {other.pk}
    assert rows(committee=CommitteeKind.SUB_COMMITTEE, status=MeetingStatus.SCHEDULED) == {kept.pk}
    assert rows(status="nonsense") == {kept.pk, cancelled.pk, other.pk}


def test_the_meetings_list_answers_htmx_with_the_rows_only(secretariat_en, sub):
    response = secretariat_en.get(reverse("committee:meetings"), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "<html" not in response.text


def test_the_admin_lists_the_committee_records_read_only(admin, world):
    for model in ["committeemember", "meeting", "agendaitem", "resolution", "minutes"]:
        assert admin.get(reverse(f"admin:committee_{model}_changelist")).status_code == 200
        assert admin.get(reverse(f"admin:committee_{model}_add")).status_code == 403
