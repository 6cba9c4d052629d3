"""The secretariat's token pages, per persona: anonymous, applicant, reviewer, committee
member, secretariat, admin."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartcity.api.models import ApiToken
from smartcity.core.models import AuditEntry
from tests.accounts.factories import MembershipFactory
from tests.api.tokens.factories import issued, logged
from tests.committee.factories import committee
from tests.reviews.factories import ReviewerFactory

pytestmark = pytest.mark.django_db
LIST = reverse("api_tokens:list")
ISSUE = reverse("api_tokens:issue")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def token(secretariat_user):
    return issued(by=secretariat_user)[0]


@pytest.fixture(params=["applicant", "reviewer", "committee_member"])
def outsider(request) -> Client:
    """Signed in, with a role on the platform, but not the secretariat."""
    if request.param == "applicant":
        user = MembershipFactory().user
    elif request.param == "reviewer":
        user = ReviewerFactory().user
    else:
        user = committee().members.first().user
    return client_for(user)


def urls(token) -> list[tuple[str, str]]:
    return [
        ("get", LIST),
        ("get", reverse("api_tokens:detail", args=[token.pk])),
        ("post", ISSUE),
        ("post", reverse("api_tokens:revoke", args=[token.pk])),
    ]


def test_anonymous_is_asked_to_sign_in_on_every_page(anonymous, token):
    for method, url in urls(token):
        response = getattr(anonymous, method)(url)

        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_other_roles_are_refused_on_every_page(outsider, token):
    for method, url in urls(token):
        assert (
            getattr(outsider, method)(url, {"reason": "x", "agency": "x", "label": "x"}).status_code
            == 403
        )
    assert not ApiToken.objects.get(pk=token.pk).is_revoked
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("persona", ["secretariat", "admin"])
def test_the_secretariat_and_admin_see_the_list_and_a_token(request, persona, token):
    client = request.getfixturevalue(persona)

    listing = client.get(LIST)
    page = client.get(reverse("api_tokens:detail", args=[token.pk]))

    assert listing.status_code == 200
    assert page.status_code == 200
    assert "สำนักงานคณะกรรมการส่งเสริมการลงทุน" in listing.text
    assert f"<code>{token.prefix}…</code>" in listing.text


def test_the_secretariat_menu_links_to_the_tokens(secretariat):
    assert 'data-testid="nav-api-tokens"' in secretariat.get(reverse("dashboard:home")).text


def test_a_bad_token_id_is_404(secretariat):
    assert secretariat.get(reverse("api_tokens:detail", args=[999])).status_code == 404
    assert (
        secretariat.post(reverse("api_tokens:revoke", args=[999]), {"reason": "x"}).status_code
        == 404
    )


def test_the_action_endpoints_refuse_get(secretariat, token):
    assert secretariat.get(ISSUE).status_code == 405
    assert secretariat.get(reverse("api_tokens:revoke", args=[token.pk])).status_code == 405


def test_the_pages_refuse_post(secretariat, token):
    assert secretariat.post(LIST).status_code == 405
    assert secretariat.post(reverse("api_tokens:detail", args=[token.pk])).status_code == 405


def test_issuing_shows_the_secret_once_and_never_again(secretariat):
    response = secretariat.post(
        ISSUE, {"agency": "กรมส่งเสริมการปกครองท้องถิ่น", "label": "ข้อมูลพื้นที่", "expires_on": ""}
    )

    token = ApiToken.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("api_tokens:detail", args=[token.pk])
    first = secretariat.get(response.url)
    assert first["Cache-Control"] == "no-store"
    assert 'data-testid="new-secret"' in first.text
    secret = first.text.split('data-testid="secret"')[0].rsplit('value="', 1)[1].split('"')[0]
    assert secret.startswith(token.prefix)
    again = secretariat.get(response.url)
    assert 'data-testid="new-secret"' not in again.text
    assert secret not in again.text


def test_issuing_with_a_bc_year_is_refused_in_thai_and_nothing_is_saved(secretariat):
    response = secretariat.post(
        ISSUE, {"agency": "บีโอไอ", "label": "ประวัติใบรับรอง", "expires_on": "31/12/2027"}
    )

    assert response.status_code == 400
    assert "พ.ศ." in response.text
    assert ApiToken.objects.count() == 0


def test_the_issue_form_sent_twice_issues_one_token(secretariat):
    form = {"agency": "บีโอไอ", "label": "ประวัติใบรับรอง", "expires_on": ""}
    secretariat.post(ISSUE, form)

    again = secretariat.post(ISSUE, form)

    assert again.status_code == 400
    assert "เมื่อสักครู่" in again.text
    assert ApiToken.objects.count() == 1


def test_issuing_with_a_past_last_day_is_refused(secretariat):
    response = secretariat.post(
        ISSUE, {"agency": "บีโอไอ", "label": "ประวัติใบรับรอง", "expires_on": "01/01/2560"}
    )

    assert response.status_code == 400
    assert ApiToken.objects.count() == 0


def test_issuing_with_a_be_date_stores_it_in_ce(secretariat):
    secretariat.post(ISSUE, {"agency": "บีโอไอ", "label": "ประวัติ", "expires_on": "31/12/2599"})

    assert ApiToken.objects.get().expires_on.isoformat() == "2056-12-31"


def test_revoking_twice_is_safe(secretariat, token):
    url = reverse("api_tokens:revoke", args=[token.pk])

    first = secretariat.post(url, {"reason": "หมดความจำเป็น"}, follow=True)
    second = secretariat.post(url, {"reason": "กดซ้ำ"}, follow=True)

    assert first.status_code == second.status_code == 200
    assert 'data-testid="revoked"' in first.text
    assert "ถูกเพิกถอนแล้ว" in second.text
    token.refresh_from_db()
    assert token.revoke_reason == "หมดความจำเป็น"
    assert AuditEntry.objects.filter(action="api.token.revoked").count() == 1


def test_revoking_without_a_reason_is_refused(secretariat, token):
    page = secretariat.post(
        reverse("api_tokens:revoke", args=[token.pk]), {"reason": ""}, follow=True
    ).text

    assert 'data-testid="revoke-token"' in page
    assert not ApiToken.objects.get(pk=token.pk).is_revoked


def test_the_token_page_shows_its_log_newest_first_and_paginated(secretariat, token):
    logged(token, 51)

    page = secretariat.get(reverse("api_tokens:detail", args=[token.pk])).text
    second = secretariat.get(reverse("api_tokens:detail", args=[token.pk]) + "?page=2").text

    assert page.count('data-testid="log-row"') == 50
    assert second.count('data-testid="log-row"') == 1
    assert "/api/v1/areas/?page=51" in page
    assert "/api/v1/areas/?page=1<" in second


def test_the_list_counts_only_the_last_30_days(secretariat, token):
    logged(token, 3, days_ago=1)
    logged(token, 2, days_ago=31)

    page = secretariat.get(LIST).text

    assert '<td data-testid="recent-requests">3</td>' in page


@pytest.mark.parametrize("view", ["list", "detail"])
def test_the_pages_make_the_same_queries_at_two_sizes(
    secretariat, secretariat_user, django_assert_num_queries, view
):
    def url():
        token = ApiToken.objects.first()
        return LIST if view == "list" else reverse("api_tokens:detail", args=[token.pk])

    token = issued(by=secretariat_user)[0]
    logged(token, 2)
    secretariat.get(url())  # the session and the menu are warm
    with CaptureQueriesContext(connection) as small:
        secretariat.get(url())

    for n in range(5):
        logged(issued(by=secretariat_user, label=f"ชุดข้อมูลที่ {n}")[0], 3)
    logged(ApiToken.objects.first(), 20)
    with django_assert_num_queries(len(small.captured_queries)):
        secretariat.get(url())


def test_the_admin_shows_a_token_without_its_hash(admin, token):
    page = admin.get(reverse("admin:api_apitoken_change", args=[token.pk])).text
    listing = admin.get(reverse("admin:api_apitoken_changelist")).text

    assert token.prefix in page
    assert token.key_hash not in page
    assert token.key_hash not in listing


def test_the_admin_adds_and_deletes_no_token(admin, token):
    assert admin.get(reverse("admin:api_apitoken_add")).status_code == 403
    assert admin.post(reverse("admin:api_apitoken_delete", args=[token.pk])).status_code == 403
