import pytest
from django.utils import translation

from smartcity.accounts.forms import ProponentSignUpForm, SignUpForm
from smartcity.accounts.models import Organisation, User
from smartcity.geo.models import Province
from tests.accounts.factories import OrganisationFactory, UserFactory


def sign_up_data(**changes) -> dict:
    data = {
        "email": "somchai@khonkaen.go.th",
        "full_name": "สมชาย ใจดี",
        "password1": "a-long-and-unusual-passphrase",
        "password2": "a-long-and-unusual-passphrase",
        "preferred_language": "th",
        "organisation_name_th": "เทศบาลนครขอนแก่น",
        "organisation_name_en": "Khon Kaen City Municipality",
        "organisation_type": "municipality",
        "province": str(Province.objects.get(code="40").pk),
    }
    return {**data, **changes}


def submit(data: dict) -> ProponentSignUpForm:
    form = ProponentSignUpForm(data)
    if form.is_valid():
        form.save(site_url="http://testserver/")
    return form


@pytest.fixture(autouse=True)
def _english():
    """These tests read the services' messages in their English source text."""
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_sign_up_form_with_good_input_registers_the_proponent():
    form = submit(sign_up_data())

    assert form.errors == {}
    assert Organisation.objects.get(name_th="เทศบาลนครขอนแก่น").memberships.get().role == "owner"


@pytest.mark.django_db
def test_sign_up_form_keeps_quiet_about_an_existing_email_typed_in_another_case():
    UserFactory(email="somchai@khonkaen.go.th")

    form = submit(sign_up_data(email="SomChai@KhonKaen.go.th"))

    assert form.errors == {}
    assert form.email_taken is True
    assert Organisation.objects.filter(name_th="เทศบาลนครขอนแก่น").exists() is False


@pytest.mark.django_db
def test_sign_up_form_refuses_mismatched_passwords():
    form = submit(sign_up_data(password2="a-different-passphrase"))

    assert list(form.errors) == ["password2"]
    assert User.objects.count() == 0


@pytest.mark.parametrize("password", ["12345678", "password", "short", "somchai@khonkaen.go.th"])
@pytest.mark.django_db
def test_sign_up_form_refuses_a_weak_password(password):
    form = submit(sign_up_data(password1=password, password2=password))

    assert list(form.errors) == ["password2"]
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_sign_up_form_requires_the_organisation_name():
    form = submit(sign_up_data(organisation_name_th=""))

    assert list(form.errors) == ["organisation_name_th"]
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_sign_up_form_refuses_an_organisation_already_registered():
    OrganisationFactory(name_th="เทศบาลนครขอนแก่น")

    with translation.override("en"):
        form = submit(sign_up_data())
        errors = form.errors.get("organisation_name_th")

    assert errors == [
        "This organisation is already registered. Ask its owner to invite you (or the "
        "programme secretariat, if nobody manages it yet) instead of registering it again."
    ]
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_sign_up_form_refuses_an_unknown_province_and_type():
    form = submit(sign_up_data(province="999999", organisation_type="club"))

    assert sorted(form.errors) == ["organisation_type", "province"]


@pytest.mark.django_db
def test_sign_up_form_lists_provinces_in_the_readers_alphabet():
    with translation.override("th"):
        thai = [label for _, label in ProponentSignUpForm().fields["province"].choices][1:4]
    with translation.override("en"):
        english = [label for _, label in ProponentSignUpForm().fields["province"].choices][1:4]

    assert thai == ["กระบี่", "กรุงเทพมหานคร", "กาญจนบุรี"]
    assert english == ["Amnat Charoen", "Ang Thong", "Bangkok"]


@pytest.mark.django_db
def test_invitee_sign_up_form_has_no_organisation_fields():
    assert list(SignUpForm().fields) == [
        "email",
        "full_name",
        "password1",
        "password2",
        "preferred_language",
    ]
