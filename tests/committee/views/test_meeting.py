"""The secretariat's working page of a meeting, through its views: the whole journey from
scheduling to adopted minutes, and the refusals on the way."""

import datetime as dt

import pytest
from django.urls import reverse

from smartcity.certification.decision import KIND as PROPOSAL
from smartcity.committee.enums import MeetingStatus, MinutesStatus, ResolutionStatus
from smartcity.committee.models import AgendaItem, Meeting, Minutes, Recusal, Resolution
from smartcity.committee.services.meetings import close_meeting
from smartcity.committee.services.minutes import draft_minutes
from smartcity.committee.services.resolutions import record_resolution
from smartcity.proposals.enums import ProposalState
from tests.committee.factories import committee, evaluated
from tests.committee.views.world import evaluated_with_reviews
from tests.reviews.factories import FIRST


def shown(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def meeting_url(meeting) -> str:
    return reverse("committee:meeting", args=[meeting.pk])


def post(client, name: str, pk: int, data=None):
    return client.post(reverse(f"committee:{name}", args=[pk]), data or {}, follow=True)


def resolve(client, item, outcome: str, **fields):
    data = {f"item-{item.pk}-outcome": outcome}
    for key, value in fields.items():
        data[f"item-{item.pk}-{key}"] = value
    return post(client, "item_resolution", item.pk, data)


def test_the_whole_meeting_through_the_pages(secretariat_en, officer):
    board = committee()
    approved = evaluated_with_reviews(officer, FIRST)
    revising = evaluated(officer)
    rejected = evaluated(officer)

    # Schedule: the number is given, and shown.
    scheduled = secretariat_en.post(
        reverse("committee:meeting_new"),
        {
            "committee": board.pk,
            "held_on": "20/11/2569",
            "starts_at_time": "09:30",
            "place": "ห้องประชุม ดีป้า",
        },
        follow=True,
    )
    meeting = Meeting.objects.get()
    assert (meeting.number, meeting.year_be, meeting.held_on) == (1, 2569, dt.date(2026, 11, 20))
    assert "meeting 1/2569 is scheduled; 5 members are invited" in shown(scheduled)[0]

    # Attendance: everyone present.
    attendance = {f"attendance-{a.pk}": "present" for a in meeting.attendees.all()}
    page = post(secretariat_en, "attendance", meeting.pk, attendance)
    assert page.context["quorum"].reached

    # The agenda: three proposals, shown with their evaluation.
    assert [s.id for s in page.context["eligible"]] == [approved.pk, revising.pk, rejected.pk]
    assert page.context["eligible"][0].evaluation.mean_total == 64
    for proposal in (approved, revising, rejected):
        page = post(
            secretariat_en,
            "item_add_subject",
            meeting.pk,
            {"kind": PROPOSAL, "subject": proposal.pk},
        )
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    assert [i.subject_id for i in items] == [approved.pk, revising.pk, rejected.pk]
    assert page.context["eligible"] == []
    assert 'data-testid="item-mean">64.00' in page.text

    page = post(secretariat_en, "meeting_status", meeting.pk, {"action": "open"})
    assert page.context["meeting"].status == MeetingStatus.IN_SESSION

    # Resolutions: every domain is ticked by default; they stay pending.
    approve_form = page.context["items"][0].resolution_form
    assert approve_form.initial["domains"] == ["mobility", "environment"]
    resolve(secretariat_en, items[0], "approve", domains=["mobility"])
    resolve(secretariat_en, items[1], "approve_in_principle", conditions="ปรับแผนการลงทุน")
    page = resolve(secretariat_en, items[2], "reject", reasons="ยังไม่ครบห้าด้าน")
    assert page.text.count('data-testid="resolution-pending"') == 3

    page = post(secretariat_en, "meeting_status", meeting.pk, {"action": "close"})
    assert page.context["meeting"].status == MeetingStatus.CLOSED

    # Release asks for a confirmation, then moves every proposal.
    refused = post(secretariat_en, "meeting_release", meeting.pk)
    assert shown(refused) == ["Tick the box to confirm the release of the results."]
    assert Meeting.objects.get().status == MeetingStatus.CLOSED
    page = post(secretariat_en, "meeting_release", meeting.pk, {"confirm": "yes"})
    assert shown(page) == ["3 resolutions are released; the proponents are notified."]
    for proposal, state in [
        (approved, ProposalState.APPROVED),
        (revising, ProposalState.REVISING),
        (rejected, ProposalState.REJECTED),
    ]:
        proposal.refresh_from_db()
        assert proposal.state == state
    assert page.text.count('data-testid="resolution-released"') == 3
    assert Resolution.objects.get(item=items[0]).approved_domains == ["mobility"]

    # Minutes: draft, edit, circulate, adopt; then they are locked.
    post(secretariat_en, "minutes_draft", meeting.pk)
    minutes = Minutes.objects.get()
    assert "ปรับแผนการลงทุน" in minutes.body
    post(secretariat_en, "minutes_edit", meeting.pk,
         {"body": minutes.body + "\n\nปิดประชุมเวลา 12.00 น.", "revision": minutes.revision})  # fmt: skip
    post(secretariat_en, "minutes_status", meeting.pk, {"action": "circulate"})
    page = post(secretariat_en, "minutes_status", meeting.pk, {"action": "adopt"})
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.ADOPTED
    assert minutes.body.endswith("ปิดประชุมเวลา 12.00 น.")
    assert 'data-testid="minutes-locked"' in page.text
    assert 'data-testid="minutes-form"' not in page.text
    assert 'data-testid="draft-minutes"' not in page.text
    again = post(secretariat_en, "minutes_edit", meeting.pk, {"body": "ลบทิ้ง", "revision": 3})
    assert shown(again) == ["Only draft minutes can be edited."]
    minutes.refresh_from_db()
    assert "ลบทิ้ง" not in minutes.body


def test_a_second_add_of_the_same_proposal_says_it_is_already_on_the_agenda(secretariat_en, world):
    response = post(
        secretariat_en,
        "item_add_subject",
        world.meeting.pk,
        {"kind": PROPOSAL, "subject": world.open_proposal.pk},
    )

    assert response.status_code == 200
    assert shown(response) == [
        f"This proposal is already on the agenda of meeting {world.meeting.reference}."
    ]
    assert AgendaItem.objects.filter(meeting=world.meeting).count() == 3


def test_adding_a_bad_proposal_id_is_a_message(secretariat_en, world):
    response = post(
        secretariat_en, "item_add_subject", world.meeting.pk, {"kind": PROPOSAL, "subject": "abc"}
    )

    assert shown(response) == ["Choose a proposal from the list."]


def test_release_with_an_unresolved_item_is_refused_and_changes_nothing(
    secretariat_en, world, officer
):
    record_resolution(item=world.open_item, outcome="defer", by=officer)
    close_meeting(meeting=world.meeting, by=officer)

    page = post(secretariat_en, "meeting_release", world.meeting.pk, {"confirm": "yes"})

    assert shown(page) == ["Items 2 have no resolution yet."]
    assert page.context["unresolved"] == [2]
    assert Meeting.objects.get(pk=world.meeting.pk).status == MeetingStatus.CLOSED
    assert set(Resolution.objects.values_list("status", flat=True)) == {ResolutionStatus.PENDING}


def test_recording_without_quorum_is_refused(secretariat_en, world):
    absent = {f"attendance-{a.pk}": "absent" for a in world.meeting.attendees.all()}
    post(secretariat_en, "attendance", world.meeting.pk, absent)

    page = resolve(secretariat_en, world.open_item, "defer")

    assert shown(page) == ["The meeting has no quorum: record who is present first."]
    assert not Resolution.objects.exists()
    assert 'data-testid="quorum-missing"' in page.text


def test_closing_without_quorum_is_refused(secretariat_en, world):
    absent = {f"attendance-{a.pk}": "absent" for a in world.meeting.attendees.all()}
    saved = post(secretariat_en, "attendance", world.meeting.pk, absent)

    page = post(secretariat_en, "meeting_status", world.meeting.pk, {"action": "close"})

    assert "No quorum yet." in shown(saved)[0]
    assert shown(page) == ["The meeting has no quorum: record who is present first."]
    assert Meeting.objects.get(pk=world.meeting.pk).status == MeetingStatus.IN_SESSION


def test_an_unknown_attendance_value_is_refused(secretariat_en, world):
    rows = list(world.meeting.attendees.order_by("pk"))
    data = {f"attendance-{row.pk}": "absent" for row in rows}
    data[f"attendance-{rows[0].pk}"] = "asleep"

    page = post(secretariat_en, "attendance", world.meeting.pk, data)

    assert len(shown(page)) == 1
    assert "asleep" in shown(page)[0]
    assert set(world.meeting.attendees.values_list("attendance", flat=True)) == {"present"}


def test_approving_without_a_domain_is_refused(secretariat_en, world):
    page = resolve(secretariat_en, world.open_item, "approve")

    assert shown(page) == ["Choose at least one domain to approve."]
    assert not Resolution.objects.exists()


def test_a_stale_minutes_edit_keeps_both_texts_and_overwrites_nothing(
    secretariat_en, world, officer, secretariat_user
):
    record_resolution(item=world.open_item, outcome="defer", by=officer)
    record_resolution(item=world.secret_item, outcome="defer", by=officer)
    close_meeting(meeting=world.meeting, by=officer)
    minutes = draft_minutes(meeting=world.meeting, by=officer)
    loaded = minutes.revision
    url = reverse("committee:minutes_edit", args=[world.meeting.pk])
    secretariat_en.post(url, {"body": "ฉบับของคนแรก", "revision": loaded})

    response = secretariat_en.post(url, {"body": "ฉบับของคนที่สอง", "revision": loaded})

    assert response.status_code == 409
    assert Minutes.objects.get().body == "ฉบับของคนแรก"
    html = response.text
    assert 'data-testid="minutes-conflict"' in html
    assert f"{secretariat_user} saved these minutes at" in html
    assert "ฉบับของคนแรก" in html  # theirs, to read
    assert response.context["minutes_form"].initial["body"] == "ฉบับของคนที่สอง"  # mine, kept
    assert response.context["minutes_form"].initial["revision"] == loaded + 1


def test_hostile_text_is_escaped(secretariat_en, world, officer):
    hostile = '<script>alert("x")</script>'
    post(
        secretariat_en,
        "item_add_information",
        world.meeting.pk,
        {"title_th": f"เรื่อง {hostile}", "background": hostile},
    )
    page = resolve(secretariat_en, world.open_item, "approve_in_principle", conditions=hostile)

    assert hostile not in page.text
    assert page.text.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 3
    assert Resolution.objects.get().conditions == hostile


def test_the_agenda_moves_and_removes_items(secretariat_en, world):
    post(secretariat_en, "item_move", world.info_item.pk, {"direction": "up"})
    page = post(secretariat_en, "item_remove", world.open_item.pk)

    assert [(i.pk, i.position) for i in page.context["items"]] == [
        (world.info_item.pk, 1),
        (world.secret_item.pk, 2),
    ]
    assert shown(page) == ["Item 1 is removed from the agenda."]


def test_automatic_recusals_show_their_reason_and_members_can_be_recused(secretariat_en, world):
    page = post(
        secretariat_en,
        "item_recuse",
        world.open_item.pk,
        {"member": world.member.pk, "reason": "เคยเป็นที่ปรึกษาโครงการ"},
    )

    items = {i.pk: i for i in page.context["items"]}
    automatic = list(items[world.secret_item.pk].recusals.all())
    assert [(r.member_id, r.automatic) for r in automatic] == [(world.recused.pk, True)]
    assert "Member of the proponent organisation" in page.text
    assert Recusal.objects.get(item=world.open_item).reason == "เคยเป็นที่ปรึกษาโครงการ"
    assert world.member.pk not in [m.pk for m in items[world.open_item.pk].recusable]


def test_a_recusal_without_a_reason_is_refused(secretariat_en, world):
    page = post(secretariat_en, "item_recuse", world.open_item.pk, {"member": world.member.pk})

    assert len(shown(page)) == 1
    assert not Recusal.objects.filter(item=world.open_item).exists()


def test_cancelling_needs_a_reason(secretariat_en, officer):
    from smartcity.committee.services.meetings import schedule_meeting

    meeting = schedule_meeting(
        committee=committee(), held_on=dt.date(2026, 12, 1), place="ห้อง 1", by=officer
    )

    refused = post(secretariat_en, "meeting_status", meeting.pk, {"action": "cancel"})
    done = post(
        secretariat_en, "meeting_status", meeting.pk, {"action": "cancel", "reason": "เลื่อน"}
    )

    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED
    assert len(shown(refused)) == 1
    assert shown(done)[0].endswith("is now “Cancelled”.")
    assert done.context["actions"] == []


@pytest.mark.parametrize("action", ["release", "fly", ""])
def test_an_unknown_status_action_is_refused(secretariat_en, world, action):
    page = post(secretariat_en, "meeting_status", world.meeting.pk, {"action": action})

    assert shown(page) == ["Unknown action."]
    assert Meeting.objects.get(pk=world.meeting.pk).status == MeetingStatus.IN_SESSION


def test_the_header_offers_only_the_allowed_actions(secretariat_en, world):
    page = secretariat_en.get(meeting_url(world.meeting))

    assert page.context["actions"] == ["close"]
    assert 'data-testid="action-close"' in page.text
    assert 'data-testid="action-open"' not in page.text
    assert 'data-testid="release"' not in page.text
