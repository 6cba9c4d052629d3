"""The members' portal: a member sees the meetings they are invited to and, of each, what
they may see. A recused member is shown nothing of the item they are recused from."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from smartcity.committee.enums import CommitteeKind, Outcome
from smartcity.committee.services.meetings import cancel_meeting, close_meeting, schedule_meeting
from smartcity.committee.services.minutes import draft_minutes, edit_minutes, transition_minutes
from smartcity.committee.services.release import release_results
from smartcity.committee.services.resolutions import record_resolution
from tests.committee.factories import committee
from tests.committee.views.world import SECRET_NAME_EN, SECRET_NAME_TH, client_for


def page(client, world):
    return client.get(reverse("committee:member_meeting", args=[world.meeting.pk]))


def secret_words(world) -> list[str]:
    item = world.secret_item
    return [SECRET_NAME_TH, SECRET_NAME_EN, item.title_th, item.title_en]


def decide_and_release(world, officer):
    record_resolution(
        item=world.open_item, outcome=Outcome.APPROVE, domains=["mobility"], by=officer
    )
    record_resolution(
        item=world.secret_item, outcome=Outcome.REJECT, reasons="ยังไม่พร้อม", by=officer
    )
    close_meeting(meeting=world.meeting, by=officer)
    release_results(meeting=world.meeting, by=officer)


def circulated_minutes(world, officer):
    minutes = draft_minutes(meeting=world.meeting, by=officer)
    return transition_minutes(minutes=minutes, to_status="circulated", by=officer)


def test_an_invited_member_sees_the_whole_agenda_with_its_numbers(member_client, world):
    response = page(member_client, world)

    assert [i.position for i in response.context["items"]] == [1, 2, 3]
    assert SECRET_NAME_EN in response.text


def test_a_recused_member_sees_nothing_of_their_item_and_the_others_keep_their_numbers(
    recused_client, world
):
    response = page(recused_client, world)

    assert [i.position for i in response.context["items"]] == [1, 3]
    html = response.text
    assert "Item 1" in html and "Item 3" in html and "Item 2" not in html
    for word in secret_words(world):
        assert word not in html


def test_a_recused_member_never_reads_their_item_anywhere_after_release_and_minutes(
    recused_client, world, officer
):
    decide_and_release(world, officer)
    circulated_minutes(world, officer)

    responses = [
        page(recused_client, world),
        recused_client.get(reverse("committee:my_meetings")),
    ]

    minutes = responses[0].context["minutes"]
    assert "ระเบียบวาระที่ 1 " in minutes and "ระเบียบวาระที่ 3 " in minutes
    assert "ระเบียบวาระที่ 2 " not in minutes
    for response in responses:
        for word in [*secret_words(world), "ยังไม่พร้อม"]:
            assert word not in response.text


def test_minutes_that_name_the_item_elsewhere_are_withheld_from_the_recused_member(
    recused_client, member_client, world, officer
):
    decide_and_release(world, officer)
    minutes = draft_minutes(meeting=world.meeting, by=officer)
    edit_minutes(
        minutes=minutes,
        body=f"{minutes.body}\n\nหมายเหตุ: {SECRET_NAME_TH} จะกลับมาในครั้งหน้า",
        revision=minutes.revision,
        by=officer,
    )
    transition_minutes(minutes=minutes, to_status="circulated", by=officer)

    recused = page(recused_client, world)
    invited = page(member_client, world)

    assert recused.context["minutes"] is None
    assert 'data-testid="minutes-withheld"' in recused.text
    assert SECRET_NAME_TH not in recused.text
    assert SECRET_NAME_TH in invited.context["minutes"]


def test_a_manual_recusal_hides_the_item_too(world, officer, member_client):
    from smartcity.committee.services.agenda import recuse_member

    recuse_member(item=world.open_item, member=world.member, reason="เป็นที่ปรึกษา", by=officer)

    response = page(member_client, world)

    assert [i.position for i in response.context["items"]] == [2, 3]
    assert world.open_proposal.name_th not in response.text


def test_resolutions_are_shown_to_members_only_once_released(member_client, world, officer):
    record_resolution(
        item=world.secret_item, outcome=Outcome.REJECT, reasons="เหตุผลที่ยังไม่ประกาศ", by=officer
    )

    before = page(member_client, world)
    record_resolution(
        item=world.open_item, outcome=Outcome.APPROVE, domains=["mobility"], by=officer
    )
    close_meeting(meeting=world.meeting, by=officer)
    release_results(meeting=world.meeting, by=officer)
    after = page(member_client, world)

    assert "เหตุผลที่ยังไม่ประกาศ" not in before.text
    assert 'data-testid="released-resolution"' not in before.text
    assert "เหตุผลที่ยังไม่ประกาศ" in after.text
    assert after.text.count('data-testid="released-resolution"') == 3  # the noted item too


def test_members_read_the_minutes_only_once_circulated(member_client, world, officer):
    close_meeting(meeting=world.meeting, by=officer)
    minutes = draft_minutes(meeting=world.meeting, by=officer)

    draft = page(member_client, world)
    transition_minutes(minutes=minutes, to_status="circulated", by=officer)
    circulated = page(member_client, world)

    assert draft.context["minutes"] is None
    assert "รายงานการประชุม" not in draft.text
    assert "รายงานการประชุม" in circulated.context["minutes"]


def test_the_page_gives_date_place_and_link(member_client, world, officer):
    board = committee(CommitteeKind.SUB_COMMITTEE)
    meeting = schedule_meeting(
        committee=board,
        held_on=dt.date(2026, 12, 4),
        starts_at_time=dt.time(13, 30),
        place="ห้องประชุม 2",
        online_link="https://meet.example.go.th/abc",
        by=officer,
    )
    thai = client_for(world.member.user, "th")

    html = thai.get(reverse("committee:member_meeting", args=[meeting.pk])).text

    assert "4 ธันวาคม 2569" in html
    assert "13:30" in html
    assert "ห้องประชุม 2" in html
    assert 'href="https://meet.example.go.th/abc"' in html


def test_my_meetings_lists_the_coming_ones_first_then_the_past(world, officer):
    board = committee(CommitteeKind.SUB_COMMITTEE)
    today = timezone.localdate()
    later = schedule_meeting(
        committee=board, held_on=today + dt.timedelta(days=40), place="ห้อง 1", by=officer
    )
    sooner = schedule_meeting(
        committee=board, held_on=today + dt.timedelta(days=10), place="ห้อง 1", by=officer
    )
    past = schedule_meeting(
        committee=board, held_on=today - dt.timedelta(days=10), place="ห้อง 1", by=officer
    )
    cancelled = schedule_meeting(
        committee=board, held_on=today + dt.timedelta(days=5), place="ห้อง 1", by=officer
    )
    cancel_meeting(meeting=cancelled, reason="ประธานติดภารกิจ", by=officer)
    client = client_for(world.member.user)

    response = client.get(reverse("committee:my_meetings"))

    upcoming = [m.pk for m in response.context["upcoming"]]
    past_rows = [m.pk for m in response.context["past"]]
    assert upcoming[:2] == [sooner.pk, later.pk]
    assert past.pk in past_rows and cancelled.pk in past_rows
    assert reverse("committee:member_meeting", args=[sooner.pk]) in response.text


def test_my_meetings_leaves_out_the_other_committee(other_member_client, world):
    response = other_member_client.get(reverse("committee:my_meetings"))

    assert [*response.context["upcoming"], *response.context["past"]] == []


@pytest.mark.parametrize("persona", ["member_client", "recused_client"])
def test_the_pack_link_shows_when_the_documents_exist(request, world, persona):
    from django.urls import NoReverseMatch

    client = request.getfixturevalue(persona)
    try:
        pack = reverse("committee:meeting_pack_pdf", kwargs={"pk": world.meeting.pk})
    except NoReverseMatch:
        pytest.skip("the meeting pack is not built yet")

    assert pack in page(client, world).text
