import datetime as dt
import hashlib
import threading

import pytest
from django.db import connection
from django.utils import timezone, translation

from smartcity.api.models import ApiToken, ApiTokenRequest
from smartcity.api.tokens.services import (
    TokenError,
    issue_token,
    mark_token_used,
    prune_token_log,
    revoke_token,
)
from smartcity.core.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.api.tokens.factories import issued, logged

pytestmark = pytest.mark.django_db


def test_issue_token_keeps_only_the_hash_and_prefix_of_the_secret(secretariat_user):
    _, secret = issue_token(
        agency=" สำนักงานคณะกรรมการส่งเสริมการลงทุน ",
        label="อ่านประวัติใบรับรอง",
        expires_on=None,
        by=secretariat_user,
    )

    stored = ApiToken.objects.get()
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert stored.prefix == secret[:8]
    assert stored.agency == "สำนักงานคณะกรรมการส่งเสริมการลงทุน"
    assert stored.issued_by == secretariat_user
    assert len(secret) >= 40
    assert secret not in str(ApiToken.objects.values().get())


def test_issue_token_is_audited_without_the_secret(secretariat_user):
    token, secret = issued(by=secretariat_user)

    entry = AuditEntry.objects.for_object(token).get()
    assert entry.action == "api.token.issued"
    assert entry.actor == secretariat_user
    assert entry.after["prefix"] == token.prefix
    assert secret not in str(entry.after)


def test_two_tokens_never_share_a_secret(secretariat_user):
    (_, first), (_, second) = (
        issued(by=secretariat_user, label="อ่านทะเบียน"),
        issued(by=secretariat_user, label="อ่านประวัติใบรับรอง"),
    )

    assert first != second


def test_the_same_issue_sent_twice_gives_one_token(secretariat_user):
    issued(by=secretariat_user)

    with translation.override("en"), pytest.raises(TokenError, match="a moment ago"):
        issued(by=secretariat_user)

    assert ApiToken.objects.count() == 1


def test_the_same_agency_and_purpose_may_be_issued_again_later(secretariat_user):
    first, _ = issued(by=secretariat_user)
    ApiToken.objects.filter(pk=first.pk).update(issued_at=timezone.now() - dt.timedelta(hours=1))

    issued(by=secretariat_user)

    assert ApiToken.objects.count() == 2


@pytest.mark.parametrize(
    ("agency", "label", "days", "message"),
    [
        ("", "อ่าน", 0, "Name the agency"),
        ("บีโอไอ", "  ", 0, "Say what the token is for"),
        ("บีโอไอ", "อ่าน", -1, "already past"),
    ],
)
def test_issue_token_refuses_bad_input_and_saves_nothing(
    secretariat_user, agency, label, days, message
):
    with translation.override("en"), pytest.raises(TokenError, match=message):
        issue_token(
            agency=agency,
            label=label,
            expires_on=timezone.localdate() + dt.timedelta(days=days),
            by=secretariat_user,
        )
    assert ApiToken.objects.count() == 0
    assert AuditEntry.objects.filter(action__startswith="api.").count() == 0


def test_a_token_may_last_until_today(secretariat_user):
    token, _ = issued(by=secretariat_user, expires_on=timezone.localdate())

    assert token.is_usable()
    assert token.is_expired(timezone.localdate() + dt.timedelta(days=1))


def test_revoke_token_records_who_when_and_why(secretariat_user):
    token, _ = issued(by=secretariat_user)

    revoke_token(token=token, reason="สัญญาความร่วมมือสิ้นสุด", by=secretariat_user)

    token.refresh_from_db()
    assert token.is_revoked
    assert token.revoked_by == secretariat_user
    assert token.revoke_reason == "สัญญาความร่วมมือสิ้นสุด"
    entry = AuditEntry.objects.for_object(token).get(action="api.token.revoked")
    assert entry.note == "สัญญาความร่วมมือสิ้นสุด"
    assert entry.before == {"revoked_at": None}


def test_revoking_twice_is_refused_and_audited_once(secretariat_user):
    token, _ = issued(by=secretariat_user)
    stale = ApiToken.objects.get(pk=token.pk)  # a second officer's page, read before
    revoke_token(token=token, reason="ครั้งแรก", by=secretariat_user)

    with pytest.raises(TokenError, match="ถูกเพิกถอนแล้ว"):
        revoke_token(token=stale, reason="ครั้งที่สอง", by=secretariat_user)

    token.refresh_from_db()
    assert token.revoke_reason == "ครั้งแรก"
    assert AuditEntry.objects.filter(action="api.token.revoked").count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The SQLite test database is in memory with a shared cache: threads share one "
    "connection's locks. Run with DATABASE_URL set to PostgreSQL; the test above covers "
    "the stale page on SQLite.",
)
def test_two_officers_revoking_at_once_revoke_once(transactional_db):
    officers = [UserFactory(is_secretariat=True) for _ in range(4)]
    token, _ = issued(by=officers[0])
    start = threading.Barrier(len(officers))
    outcomes: list[str] = []

    def work(officer):
        try:
            start.wait()
            revoke_token(token=ApiToken.objects.get(pk=token.pk), reason="พร้อมกัน", by=officer)
            outcomes.append("revoked")
        except TokenError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(o,)) for o in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "refused", "refused", "revoked"]
    assert AuditEntry.objects.filter(action="api.token.revoked").count() == 1


def test_revoke_token_needs_a_reason(secretariat_user):
    token, _ = issued(by=secretariat_user)

    with pytest.raises(TokenError):
        revoke_token(token=token, reason=" ", by=secretariat_user)

    token.refresh_from_db()
    assert not token.is_revoked


def test_last_used_moves_at_most_once_a_minute(secretariat_user):
    token, _ = issued(by=secretariat_user)
    first = timezone.now()

    mark_token_used(token=token, at=first)
    mark_token_used(token=ApiToken.objects.get(pk=token.pk), at=first + dt.timedelta(seconds=30))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    later = first + dt.timedelta(minutes=2)
    mark_token_used(token=ApiToken.objects.get(pk=token.pk), at=later)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later


def test_prune_token_log_deletes_only_rows_older_than_the_kept_days(secretariat_user):
    token, _ = issued(by=secretariat_user)
    logged(token, 2, days_ago=200)
    kept = logged(token, 1, days_ago=10)

    deleted = prune_token_log(older_than_days=180)

    assert deleted == 2
    assert list(ApiTokenRequest.objects.values_list("pk", flat=True)) == [kept[0].pk]


def test_the_scheduled_job_prunes_with_the_configured_days(
    secretariat_user, settings, load_command
):
    settings.SMARTCITY = {**settings.SMARTCITY, "API_TOKEN_LOG_DAYS": 5}
    token, _ = issued(by=secretariat_user)
    logged(token, 1, days_ago=6)
    logged(token, 1, days_ago=1)

    out = load_command("run_scheduled_jobs", "--only", "api.tokens.prune_log")

    assert "api.tokens.prune_log: 1 request row(s) older than 5 days deleted" in out
    assert ApiTokenRequest.objects.count() == 1
