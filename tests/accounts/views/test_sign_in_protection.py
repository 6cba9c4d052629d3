"""Sign-in, password reset and sign-up cannot be hammered: a username is locked on an
address after repeated wrong passwords (django-axes), reset and sign-up are throttled, and
none of them tells a stranger whether an address has an account."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from smartcity.accounts.models import Organisation
from smartcity.core.models import AuditEntry
from tests.accounts.factories import UserFactory

PASSWORD = "correct horse battery staple"  # the factories' password
LOGIN = reverse("accounts:login")
RESET = reverse("accounts:password_reset")


@pytest.fixture(autouse=True)
def _windows_that_do_not_end_mid_test(settings):
    """The configured counts, in windows so long (they start on multiples of their
    length) that none ends while a test runs."""
    settings.SMARTCITY_THROTTLES = {
        scope: (count, 10**9) for scope, (count, _seconds) in settings.SMARTCITY_THROTTLES.items()
    }


def sign_in(client, email, password, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def fail(client, email, times, **extra):
    for _ in range(times):
        sign_in(client, email, "wrong password", **extra)


@pytest.mark.django_db
def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_no_longer_signs_in():
    UserFactory(email="ann@example.go.th")
    client = Client()

    fail(client, "ann@example.go.th", 30)
    response = sign_in(client, "ann@example.go.th", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "ลงชื่อเข้าใช้ผิดพลาดหลายครั้งเกินไป" in response.text
    assert "30 นาที" in response.text
    assert 'name="username"' in response.text  # the sign-in page, not a bare error


@pytest.mark.django_db
def test_the_lock_comes_at_the_fifth_failure_not_before():
    UserFactory(email="ann@example.go.th")
    client = Client()

    fail(client, "ann@example.go.th", 4)
    fourth_then_right = sign_in(client, "ann@example.go.th", PASSWORD)

    assert fourth_then_right.status_code == 302
    client.post(reverse("accounts:logout"))
    fail(client, "ann@example.go.th", 5)
    assert sign_in(client, "ann@example.go.th", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_the_lockout_is_told_in_english_to_an_english_reader():
    UserFactory(email="ann@example.go.th")
    client = Client(headers={"accept-language": "en"})

    fail(client, "ann@example.go.th", 5)
    response = sign_in(client, "ann@example.go.th", PASSWORD)

    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.text
    assert response.headers["Retry-After"] == "1800"


@pytest.mark.django_db
def test_changing_the_letter_case_earns_no_fresh_attempts():
    UserFactory(email="ann@example.go.th")
    client = Client()

    for email in ["ann@example.go.th", "ANN@example.go.th", "Ann@Example.go.th"] * 2:
        sign_in(client, email, "wrong password")

    assert sign_in(client, "aNN@example.GO.th", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_the_lock_holds_one_address_only():
    UserFactory(email="ann@example.go.th")
    attacker = Client(REMOTE_ADDR="203.0.113.9")

    fail(attacker, "ann@example.go.th", 5)
    owner = Client(REMOTE_ADDR="198.51.100.4")

    assert sign_in(owner, "ann@example.go.th", PASSWORD).status_code == 302
    assert sign_in(attacker, "ann@example.go.th", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_axes_reset_lifts_the_lock(load_command):
    UserFactory(email="ann@example.go.th")
    client = Client()
    fail(client, "ann@example.go.th", 5)

    call_command("axes_reset", verbosity=0)

    assert sign_in(client, "ann@example.go.th", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_choosing_a_new_password_lifts_the_lock(django_capture_on_commit_callbacks):
    user = UserFactory(email="ann@example.go.th")
    client = Client()
    fail(client, "ann@example.go.th", 5)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": "ann@example.go.th"})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/password-reset/" in line)

    form = client.get(link.replace("http://testserver", ""), follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )

    user.refresh_from_db()
    assert user.check_password("a brand new passphrase") is True
    assert sign_in(client, "ann@example.go.th", "a brand new passphrase").status_code == 302


@pytest.mark.django_db
def test_sign_ins_failures_and_lockouts_are_audited_with_the_address():
    user = UserFactory(email="ann@example.go.th")
    client = Client(REMOTE_ADDR="203.0.113.9")

    fail(client, "ann@example.go.th", 5)
    client2 = Client(REMOTE_ADDR="198.51.100.4")
    sign_in(client2, "ann@example.go.th", PASSWORD)
    client2.post(reverse("accounts:logout"))

    rows = AuditEntry.objects.for_object(user).order_by("id")
    assert [(row.action, row.ip) for row in rows] == [
        *[("accounts.user.login_failed", "203.0.113.9")] * 4,
        # axes locks while it counts the fifth failure, before Django reports it
        ("accounts.user.locked_out", "203.0.113.9"),
        ("accounts.user.login_failed", "203.0.113.9"),
        ("accounts.user.logged_in", "198.51.100.4"),
        ("accounts.user.logged_out", "198.51.100.4"),
    ]
    assert rows[0].after == {"email": "ann@example.go.th"}
    assert rows[6].actor == user


# Password reset


@pytest.mark.django_db
def test_twenty_reset_requests_for_one_address_send_three_emails_and_look_the_same(
    django_capture_on_commit_callbacks,
):
    UserFactory(email="ann@example.go.th")
    client = Client()

    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(RESET, {"email": "ann@example.go.th"}) for _ in range(20)]

    assert len(mail.outbox) == 3
    assert {(r.status_code, r.url) for r in responses} == {
        (302, reverse("accounts:password_reset_done"))
    }


@pytest.mark.django_db
def test_reset_requests_from_one_address_are_capped_across_accounts(
    django_capture_on_commit_callbacks,
):
    for n in range(12):
        UserFactory(email=f"person{n}@city.go.th")
    client = Client(REMOTE_ADDR="203.0.113.9")

    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(RESET, {"email": f"person{n}@city.go.th"}) for n in range(12)]

    assert len(mail.outbox) == 10
    assert {r.status_code for r in responses} == {302}
    other = Client(REMOTE_ADDR="198.51.100.4")
    with django_capture_on_commit_callbacks(execute=True):
        other.post(RESET, {"email": "person11@city.go.th"})
    assert len(mail.outbox) == 11


# Sign-up


def proponent(**changes) -> dict:
    from smartcity.geo.models import Province

    data = {
        "email": "Ann@Example.go.th",
        "full_name": "Someone Else",
        "password1": "a-long-and-unusual-passphrase",
        "password2": "a-long-and-unusual-passphrase",
        "preferred_language": "en",
        "organisation_name_th": "เทศบาลเมืองทดลอง",
        "organisation_name_en": "",
        "organisation_type": "municipality",
        "province": str(Province.objects.get(code="40").pk),
    }
    return {**data, **changes}


@pytest.mark.django_db
def test_sign_up_with_a_taken_address_says_nothing_and_tells_its_owner(
    django_capture_on_commit_callbacks,
):
    owner = UserFactory(email="ann@example.go.th", preferred_language="th")
    client = Client(headers={"accept-language": "en"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), proponent())

    assert response.status_code == 200
    assert "Check your email" in response.text
    assert "already" not in response.text
    assert Organisation.objects.filter(name_th="เทศบาลเมืองทดลอง").exists() is False
    assert "_auth_user_id" not in client.session
    [notice] = mail.outbox
    assert notice.to == ["ann@example.go.th"]
    assert "มีผู้พยายามสมัครบัญชีใหม่" in notice.body  # the owner's language, not the page's
    assert "http://testserver/accounts/password-reset/" in notice.body
    assert AuditEntry.objects.for_object(owner).get(action="accounts.user.signup_attempted")


@pytest.mark.django_db
def test_repeated_sign_ups_with_a_taken_address_do_not_flood_its_owner(
    django_capture_on_commit_callbacks,
):
    UserFactory(email="ann@example.go.th")
    client = Client()

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):
            client.post(reverse("accounts:signup"), proponent(organisation_name_th=f"ทดลอง {n}"))

    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_sign_up_posts_from_one_address_are_throttled_with_a_429_page():
    client = Client()

    responses = [client.post(reverse("accounts:signup"), proponent(email="bad")) for _ in range(11)]

    assert [r.status_code for r in responses] == [200] * 10 + [429]
    assert "คำขอจากที่อยู่ของคุณมากเกินไป" in responses[-1].text
    assert int(responses[-1].headers["Retry-After"]) > 0
