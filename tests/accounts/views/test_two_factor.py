"""Two-factor sign-in: who must give a code after the password, enrolment with a QR code,
recovery codes, and the administrator's reset."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from smartcity.accounts import two_factor
from smartcity.core.models import AuditEntry
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.committee.factories import committee
from tests.reviews.factories import ReviewerFactory

PASSWORD = "correct horse battery staple"  # the factories' password
LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:two_factor_verify")
ENROL = reverse("accounts:two_factor_enrol")
HOME = reverse("dashboard:home")


@pytest.fixture(autouse=True)
def _required(settings):
    settings.SMARTCITY_REQUIRE_2FA = True


def current_code(device: TOTPDevice) -> str:
    """The code the app shows now, or, once a code of this time step was used (a code
    works once), the next step's code, which the device accepts too (one step of
    tolerance for a phone's clock)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if totp.t() <= device.last_t:
        totp.time = device.t0 + (device.last_t + 1) * device.step
    return f"{totp.token():06d}"


def signed_in(user) -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = two_factor.pending_authenticator(user)
    return two_factor.confirm_enrolment(user=user, code=current_code(device))


def persona(name: str):
    if name == "secretariat":
        return UserFactory(is_secretariat=True, is_staff=True)
    if name == "admin":
        return UserFactory(is_staff=True, is_superuser=True)
    if name == "committee member":
        return committee().members.first().user
    if name == "reviewer":
        return ReviewerFactory().user
    if name == "applicant":
        return MembershipFactory(role="owner").user
    raise AssertionError(name)


REQUIRED = ["secretariat", "admin", "committee member"]
OPTIONAL = ["applicant", "reviewer"]


@pytest.mark.parametrize("name", REQUIRED)
@pytest.mark.django_db
def test_a_role_that_requires_it_is_sent_to_enrol_before_any_page(name):
    client = signed_in(persona(name))

    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url == f"{ENROL}?next=%2Fwork%2F"
    assert client.get(reverse("accounts:me")).url.startswith(ENROL)


@pytest.mark.parametrize("name", REQUIRED)
@pytest.mark.django_db
def test_a_role_that_requires_it_gives_a_code_after_the_password(name, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no pause after the wrong code
    user = persona(name)
    device, _codes = enrolled(user)
    client = signed_in(user)

    blocked = client.get(HOME)
    wrong = client.post(VERIFY, {"code": "000000", "next": HOME})
    right = client.post(VERIFY, {"code": current_code(device), "next": HOME})

    assert blocked.url == f"{VERIFY}?next=%2Fwork%2F"
    assert wrong.status_code == 200
    assert list(wrong.context["form"].errors) == ["code"]
    assert (right.status_code, right.url) == (302, HOME)
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("name", OPTIONAL)
@pytest.mark.django_db
def test_other_roles_are_not_asked_unless_they_turned_it_on(name):
    user = persona(name)

    assert signed_in(user).get(HOME).status_code == 200
    device, _codes = enrolled(user)
    client = signed_in(user)
    assert client.get(HOME).url == f"{VERIFY}?next=%2Fwork%2F"
    client.post(VERIFY, {"code": current_code(device)})
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_with_the_requirement_off_staff_sign_in_with_the_password_alone(settings):
    settings.SMARTCITY_REQUIRE_2FA = False

    assert signed_in(persona("secretariat")).get(HOME).status_code == 200


@pytest.mark.django_db
def test_an_unverified_person_may_still_sign_out_and_switch_language():
    client = signed_in(persona("secretariat"))

    language = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    out = client.post(reverse("accounts:logout"))

    assert language.status_code == 302
    assert (out.status_code, out.url) == (302, reverse("registry:home"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_an_htmx_request_is_told_where_to_go():
    client = signed_in(persona("secretariat"))

    response = client.get(HOME, headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(ENROL)


# Enrolment


@pytest.mark.django_db
def test_enrolment_shows_a_qr_code_and_the_secret_then_the_recovery_codes_once():
    user = persona("secretariat")
    client = signed_in(user)

    page = client.get(ENROL + "?next=/work/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = page.context["secret"].replace(" ", "")
    done = client.post(ENROL, {"code": current_code(device), "next": "/work/"})

    assert page.status_code == 200
    assert "<svg" in page.text
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    assert f"secret={secret}" in device.config_url
    assert done.status_code == 200
    assert done["Cache-Control"] == "no-store"
    codes = done.context["codes"]
    assert len(codes) == 10
    assert all(code in done.text for code in codes)
    assert client.get(HOME).status_code == 200  # verified by enrolling
    assert AuditEntry.objects.for_object(user).filter(action="accounts.two_factor.enabled")
    assert secret not in str(list(AuditEntry.objects.values_list("after", "note")))


@pytest.mark.django_db
def test_enrolment_with_a_wrong_code_enables_nothing():
    user = persona("secretariat")
    client = signed_in(user)
    client.get(ENROL)

    response = client.post(ENROL, {"code": "123456"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["code"]
    assert two_factor.is_enabled_for(user) is False
    assert client.get(HOME).url.startswith(ENROL)


@pytest.mark.django_db
def test_someone_with_only_the_password_cannot_replace_the_device():
    user = persona("secretariat")
    enrolled(user)
    client = signed_in(user)

    response = client.get(ENROL)

    assert response.url == VERIFY
    assert TOTPDevice.objects.filter(user=user, confirmed=False).exists() is False


# Recovery codes


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once():
    user = persona("committee member")
    _device, codes = enrolled(user)

    first = signed_in(user)
    used = first.post(VERIFY, {"code": codes[0].upper()})
    second = signed_in(user)
    reused = second.post(VERIFY, {"code": codes[0]})

    assert used.status_code == 302
    assert first.get(HOME).status_code == 200
    assert reused.status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9


@pytest.mark.django_db
def test_new_recovery_codes_cancel_the_old_ones():
    user = persona("secretariat")
    device, old = enrolled(user)
    client = signed_in(user)
    client.post(VERIFY, {"code": current_code(device)})

    response = client.post(reverse("accounts:two_factor_recovery_codes"))

    new = response.context["codes"]
    assert set(new).isdisjoint(old)
    assert two_factor.verify(user=user, code=new[0]) is not None
    assert two_factor.verify(user=user, code=old[0]) is None
    assert AuditEntry.objects.for_object(user).filter(
        action="accounts.two_factor.recovery_codes_regenerated"
    )


@pytest.mark.django_db
def test_recovery_codes_cannot_be_regenerated_before_verifying():
    user = persona("secretariat")
    _device, old = enrolled(user)
    client = signed_in(user)

    response = client.post(reverse("accounts:two_factor_recovery_codes"))

    assert response.url.startswith(VERIFY)
    assert two_factor.verify(user=user, code=old[0]) is not None


@pytest.mark.django_db
def test_recovery_codes_refuse_get():
    user = persona("applicant")
    client = signed_in(user)

    assert client.get(reverse("accounts:two_factor_recovery_codes")).status_code == 405


# Turning it off, and the administrator's reset


@pytest.mark.django_db
def test_an_applicant_may_turn_it_off_and_a_secretariat_officer_may_not():
    applicant, officer = persona("applicant"), persona("secretariat")
    for user in (applicant, officer):
        device, _codes = enrolled(user)
        client = signed_in(user)
        client.post(VERIFY, {"code": current_code(device)})
        client.post(reverse("accounts:two_factor_disable"))

    assert two_factor.is_enabled_for(applicant) is False
    assert two_factor.is_enabled_for(officer) is True


@pytest.mark.django_db
def test_an_administrator_resets_a_lost_phone_and_it_is_audited(admin_user):
    officer = persona("secretariat")
    enrolled(officer)
    admin_user.is_secretariat = False
    admin_client = Client()
    admin_client.force_login(admin_user)
    # The administrator is verified too: the admin is behind the same gate.
    admin_device, _codes = enrolled(admin_user)
    admin_client.post(VERIFY, {"code": current_code(admin_device)})

    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [officer.pk]},
    )

    assert response.status_code == 302
    assert two_factor.is_enabled_for(officer) is False
    row = AuditEntry.objects.for_object(officer).get(action="accounts.two_factor.reset")
    assert row.actor == admin_user
    assert signed_in(officer).get(HOME).url.startswith(ENROL)


@pytest.mark.django_db
def test_the_admin_site_is_behind_the_second_factor():
    client = signed_in(persona("admin"))

    assert client.get(reverse("admin:index")).url.startswith(ENROL)


@pytest.mark.django_db
def test_verifying_is_audited_without_the_code(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = persona("secretariat")
    device, _codes = enrolled(user)
    client = signed_in(user)
    code = current_code(device)

    client.post(VERIFY, {"code": "999999"})
    client.post(VERIFY, {"code": code})

    actions = list(
        AuditEntry.objects.for_object(user)
        .filter(action__startswith="accounts.two_factor.v")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["accounts.two_factor.verification_failed", "accounts.two_factor.verified"]
    assert code not in str(list(AuditEntry.objects.values_list("before", "after", "note")))


@pytest.mark.django_db
def test_after_a_wrong_code_the_next_must_wait_and_says_so(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 600  # the pause outlasts the test
    user = persona("secretariat")
    device, _codes = enrolled(user)
    client = signed_in(user)  # a Thai reader

    client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": current_code(device)})

    assert response.status_code == 200
    assert "กรอกรหัสผิดหลายครั้งเกินไป โปรดรอ" in response.text
    assert client.get(HOME).url.startswith(VERIFY)


@pytest.mark.django_db
def test_verify_goes_only_to_pages_of_this_site():
    user = persona("secretariat")
    device, _codes = enrolled(user)
    client = signed_in(user)

    response = client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})

    assert response.url == HOME


@pytest.mark.django_db
def test_the_pages_speak_thai_by_default():
    user = persona("secretariat")
    client = signed_in(user)

    enrol = client.get(ENROL)
    enrolled_device = TOTPDevice.objects.get(user=user, confirmed=False)
    codes = client.post(ENROL, {"code": current_code(enrolled_device)})
    me = client.get(reverse("accounts:me"))

    assert "ตั้งค่าการยืนยันตัวตนสองขั้นตอน" in enrol.text
    assert "รหัสสำรองของท่าน" in codes.text
    assert "เหลือรหัสสำรอง 10 รหัส" in me.text
    assert "ปิดการยืนยันตัวตนสองขั้นตอน" not in me.text  # required by the role
