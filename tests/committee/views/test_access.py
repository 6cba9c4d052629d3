"""Who may open which committee page, for every persona.

Decision on the admin (a superuser without the secretariat flag): Django's permission
backend lets an active superuser pass every permission, as on the evaluation pages, so
the admin may open and act on the secretariat's pages and read any meeting; they hold no
seat, so no meeting is "theirs"."""

import pytest
from django.urls import reverse

from smartcity.core.models import AuditEntry


def login_url(next_url: str) -> str:
    return f"{reverse('accounts:login')}?next={next_url}"


def secretariat_pages(world) -> list[str]:
    return [
        reverse("committee:committees"),
        reverse("committee:meetings"),
        reverse("committee:meeting_new"),
        reverse("committee:meeting", args=[world.meeting.pk]),
    ]


def secretariat_actions(world) -> list[tuple[str, dict]]:
    meeting, item = world.meeting.pk, world.open_item.pk
    return [
        (reverse("committee:member_add"), {"email": "x@example.org"}),
        (reverse("committee:member_end", args=[world.member.pk]), {"ends_on": "1/1/2570"}),
        (reverse("committee:meeting_status", args=[meeting]), {"action": "close"}),
        (reverse("committee:meeting_release", args=[meeting]), {"confirm": "yes"}),
        (reverse("committee:attendance", args=[meeting]), {}),
        (
            reverse("committee:item_add_subject", args=[meeting]),
            {"kind": "proposals.proposal", "subject": "1"},
        ),
        (reverse("committee:item_add_information", args=[meeting]), {"title_th": "เรื่อง"}),
        (reverse("committee:item_move", args=[item]), {"direction": "down"}),
        (reverse("committee:item_remove", args=[item]), {}),
        (reverse("committee:item_recuse", args=[item]), {"member": world.member.pk}),
        (reverse("committee:item_resolution", args=[item]), {f"item-{item}-outcome": "defer"}),
        (reverse("committee:minutes_draft", args=[meeting]), {}),
        (reverse("committee:minutes_edit", args=[meeting]), {"body": "x", "revision": 1}),
        (reverse("committee:minutes_status", args=[meeting]), {"action": "circulate"}),
    ]


@pytest.mark.parametrize("persona", ["secretariat", "admin"])
def test_secretariat_pages_open_for_the_secretariat_and_the_admin(request, world, persona):
    client = request.getfixturevalue(persona)

    statuses = [client.get(url).status_code for url in secretariat_pages(world)]

    assert statuses == [200, 200, 200, 200]


@pytest.mark.parametrize(
    "persona", ["applicant", "member_client", "recused_client", "other_member_client"]
)
def test_secretariat_pages_are_forbidden_to_applicants_and_members(request, world, persona):
    client = request.getfixturevalue(persona)

    statuses = [client.get(url).status_code for url in secretariat_pages(world)]

    assert statuses == [403, 403, 403, 403]


def test_secretariat_pages_send_the_anonymous_to_sign_in(anonymous, world):
    for url in secretariat_pages(world):
        response = anonymous.get(url)
        assert (response.status_code, response.url) == (302, login_url(url))


@pytest.mark.parametrize("persona", ["applicant", "member_client", "anonymous"])
def test_secretariat_actions_change_nothing_for_others(request, world, persona):
    client = request.getfixturevalue(persona)
    audit_rows = AuditEntry.objects.count()

    statuses = {client.post(url, data).status_code for url, data in secretariat_actions(world)}

    assert statuses == ({302} if persona == "anonymous" else {403})
    assert AuditEntry.objects.count() == audit_rows


def test_secretariat_actions_reject_get(secretariat, world):
    statuses = {
        secretariat.get(url).status_code
        for url, _data in secretariat_actions(world)
        if not url.endswith("/meetings/new/")
    }

    assert statuses == {405}


@pytest.mark.parametrize("name", ["committees", "meetings", "meeting"])
def test_read_only_pages_reject_post(secretariat, world, name):
    args = [world.meeting.pk] if name == "meeting" else []

    assert secretariat.post(reverse(f"committee:{name}", args=args)).status_code == 405


@pytest.mark.parametrize(
    "name",
    [
        "meeting",
        "meeting_status",
        "meeting_release",
        "attendance",
        "item_add_subject",
        "item_add_information",
        "item_move",
        "item_remove",
        "item_recuse",
        "item_resolution",
        "minutes_draft",
        "minutes_edit",
        "minutes_status",
        "member_end",
        "member_meeting",
    ],
)
def test_a_bad_identifier_is_404(secretariat, world, name):
    method = secretariat.get if name in {"meeting", "member_meeting"} else secretariat.post

    assert method(reverse(f"committee:{name}", args=[999_999])).status_code == 404


# The members' portal ------------------------------------------------------------------------


def test_member_pages_send_the_anonymous_to_sign_in(anonymous, world):
    for url in [
        reverse("committee:my_meetings"),
        reverse("committee:member_meeting", args=[world.meeting.pk]),
    ]:
        response = anonymous.get(url)
        assert (response.status_code, response.url) == (302, login_url(url))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("member_client", 200),
        ("recused_client", 200),
        ("other_member_client", 200),  # a member of the other committee has a portal too
        ("applicant", 403),
        ("secretariat", 403),  # holds no seat: the meetings are theirs to manage instead
        ("admin", 200),
    ],
)
def test_my_meetings_is_for_committee_members(request, world, persona, expected):
    client = request.getfixturevalue(persona)

    assert client.get(reverse("committee:my_meetings")).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("member_client", 200),
        ("recused_client", 200),
        ("other_member_client", 403),
        ("applicant", 403),
        ("secretariat", 200),
        ("admin", 200),
    ],
)
def test_a_meeting_opens_only_for_those_invited_and_the_secretariat(
    request, world, persona, expected
):
    client = request.getfixturevalue(persona)

    response = client.get(reverse("committee:member_meeting", args=[world.meeting.pk]))

    assert response.status_code == expected


def test_member_pages_reject_post(member_client, world):
    urls = [
        reverse("committee:my_meetings"),
        reverse("committee:member_meeting", args=[world.meeting.pk]),
    ]

    assert {member_client.post(url).status_code for url in urls} == {405}
