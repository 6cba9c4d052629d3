"""The inbox, the outbox and the calendar feed, per persona: anonymous, the owner, another
user, the secretariat."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartcity.core.models import AuditEntry
from smartcity.notifications.enums import MessageStatus
from smartcity.notifications.models import CalendarFeed, Notification, OutboxMessage
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
INBOX = reverse("notifications:inbox")
OUTBOX = reverse("notifications:outbox")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def line(user, n=0, **fields) -> Notification:
    return Notification.objects.create(
        user=user, event="reviews.reminder.before", title=f"เรื่องที่ {n}", link="/reviews/", **fields
    )


def message(status=MessageStatus.QUEUED, **fields) -> OutboxMessage:
    values = {
        "event": "reviews.reminder.before",
        "address": "someone@example.go.th",
        "language": "th",
        "subject": "เรื่องทดสอบ",
        "body": "ข้อความ",
        "status": status,
    }
    return OutboxMessage.objects.create(**{**values, **fields})


@pytest.fixture
def owner():
    return UserFactory()


# The inbox ---------------------------------------------------------------------------------


def test_the_inbox_asks_anonymous_to_sign_in(anonymous):
    response = anonymous.get(INBOX)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_inbox_lists_only_the_owners_notifications_with_the_unread_count(owner):
    line(owner, 1)
    line(owner, 2)
    line(UserFactory(), 3)  # another person's

    page = client_for(owner).get(INBOX).text

    assert page.count('data-testid="notification"') == 2
    assert "เรื่องที่ 3" not in page
    assert '<span class="visually-hidden">ยังไม่ได้อ่าน </span>2</span>' in page


def test_the_menu_shows_no_count_when_everything_is_read(owner):
    line(owner, read_at="2026-01-01T00:00:00Z")

    page = client_for(owner).get(reverse("accounts:me")).text

    assert 'data-testid="nav-inbox"' in page
    assert 'data-testid="unread-count"' not in page


def test_opening_a_notification_marks_it_read_and_follows_its_link(owner):
    notification = line(owner)

    response = client_for(owner).post(
        reverse("notifications:mark_read", args=[notification.pk]), {"open": "1"}
    )

    assert response.status_code == 302
    assert response.url == "/reviews/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_user_cannot_mark_someone_elses_notification(owner):
    notification = line(owner)

    response = client_for(UserFactory()).post(
        reverse("notifications:mark_read", args=[notification.pk])
    )

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_marks_only_the_owners(owner):
    line(owner, 1)
    line(owner, 2)
    other = line(UserFactory(), 3)

    response = client_for(owner).post(reverse("notifications:mark_all_read"), follow=True)

    assert "ทำเครื่องหมายว่าอ่านแล้ว 2 รายการ" in response.text
    assert Notification.objects.filter(user=owner, read_at__isnull=True).count() == 0
    other.refresh_from_db()
    assert other.read_at is None


@pytest.mark.parametrize(
    "url",
    [reverse("notifications:mark_all_read"), reverse("notifications:mark_read", args=[1])],
)
def test_marking_read_is_post_only(owner, url):
    assert client_for(owner).get(url).status_code == 405


def test_a_bad_notification_id_is_not_found(owner):
    assert client_for(owner).post(reverse("notifications:mark_read", args=[999])).status_code == 404


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_inbox_query_count_does_not_grow_with_the_notifications(owner):
    client = client_for(owner)
    line(owner)
    client.get(INBOX)  # session set-up, outside the measure
    small = count_queries(client, INBOX)

    for n in range(40):
        line(owner, n)
    large = count_queries(client, INBOX)

    assert large == small
    assert small <= 8


# The outbox --------------------------------------------------------------------------------


def test_the_outbox_is_for_the_secretariat(anonymous, owner, secretariat):
    message(subject="ข้อความที่ส่งแล้ว")

    assert anonymous.get(OUTBOX).status_code == 302
    assert client_for(owner).get(OUTBOX).status_code == 403
    response = secretariat.get(OUTBOX)
    assert response.status_code == 200
    assert "ข้อความที่ส่งแล้ว" in response.text


def test_the_outbox_filters_by_status(secretariat):
    message(MessageStatus.SENT, subject="ส่งแล้วเรียบร้อย")
    message(MessageStatus.FAILED, subject="ส่งไม่สำเร็จเลย", attempts=5, last_error="Down")

    page = secretariat.get(OUTBOX, {"status": "failed"}).text

    assert "ส่งไม่สำเร็จเลย" in page
    assert "ส่งแล้วเรียบร้อย" not in page
    assert page.count('data-testid="retry"') == 1


def test_the_outbox_query_count_does_not_grow_with_the_messages(secretariat):
    message(user=UserFactory())
    secretariat.get(OUTBOX)
    small = count_queries(secretariat, OUTBOX)

    for _ in range(30):
        message(user=UserFactory())
    large = count_queries(secretariat, OUTBOX)

    assert large == small


def test_the_secretariat_retries_a_failed_message(secretariat, secretariat_user):
    failed = message(MessageStatus.FAILED, attempts=5, last_error="Down")

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = secretariat.post(reverse("notifications:retry", args=[failed.pk]), follow=True)

    assert "ส่งอีกครั้ง" in response.text
    failed.refresh_from_db()
    assert failed.status == MessageStatus.SENT
    assert [m.to for m in mail.outbox] == [["someone@example.go.th"]]
    assert AuditEntry.objects.get(action="notifications.message.retried").actor == secretariat_user


def test_retrying_a_sent_message_says_why_not(secretariat):
    sent = message(MessageStatus.SENT)

    response = secretariat.post(reverse("notifications:retry", args=[sent.pk]), follow=True)

    assert "ไม่มีสิ่งใดต้องส่งใหม่" in response.text
    assert mail.outbox == []


def test_retry_is_for_the_secretariat_and_post_only(owner, secretariat):
    failed = message(MessageStatus.FAILED)
    url = reverse("notifications:retry", args=[failed.pk])

    assert client_for(owner).post(url).status_code == 403
    assert secretariat.get(url).status_code == 405
    assert secretariat.post(reverse("notifications:retry", args=[999])).status_code == 404


# The calendar feed ---------------------------------------------------------------------------


def test_a_person_makes_regenerates_and_turns_off_their_calendar_address(owner, anonymous):
    client = client_for(owner)

    page = client.post(reverse("notifications:calendar_regenerate"), follow=True).text
    first = CalendarFeed.objects.get(user=owner).token
    assert f"/calendar/{first}.ics" in page
    assert anonymous.get(f"/calendar/{first}.ics").status_code == 200

    client.post(reverse("notifications:calendar_regenerate"))
    second = CalendarFeed.objects.get(user=owner).token
    assert second != first
    assert anonymous.get(f"/calendar/{first}.ics").status_code == 404
    assert anonymous.get(f"/calendar/{second}.ics").status_code == 200

    client.post(reverse("notifications:calendar_revoke"))
    assert anonymous.get(f"/calendar/{second}.ics").status_code == 404
    assert list(
        AuditEntry.objects.filter(action__startswith="notifications.calendar_feed")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == [
        "notifications.calendar_feed.created",
        "notifications.calendar_feed.regenerated",
        "notifications.calendar_feed.revoked",
    ]


def test_the_calendar_controls_need_a_signed_in_person_and_post(anonymous, owner):
    url = reverse("notifications:calendar_regenerate")

    assert anonymous.post(url).status_code == 302
    assert CalendarFeed.objects.count() == 0
    assert client_for(owner).get(url).status_code == 405


def test_a_feed_of_an_inactive_person_or_a_guessed_token_is_not_found(anonymous, owner):
    feed = CalendarFeed.objects.create(user=owner)
    owner.is_active = False
    owner.save()

    assert anonymous.get(f"/calendar/{feed.token}.ics").status_code == 404
    assert anonymous.get("/calendar/guessed.ics").status_code == 404
