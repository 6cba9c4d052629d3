import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from smartcity.accounts.setup import ensure_secretariat_group
from smartcity.certification.models import CertifiedArea
from tests.accounts.factories import UserFactory


@pytest.mark.django_db
def test_admin_can_read_but_not_edit_certified_areas(admin, programme_data):
    area = CertifiedArea.objects.first()

    listing = admin.get("/admin/certification/certifiedarea/")
    change = admin.post(
        f"/admin/certification/certifiedarea/{area.pk}/change/", {"name_en": "Hijacked"}
    )

    assert listing.status_code == 200
    assert change.status_code == 403
    assert CertifiedArea.objects.get(pk=area.pk).name_en == area.name_en


@pytest.mark.django_db
def test_admin_audit_log_is_read_only(admin, programme_data):
    assert admin.get("/admin/core/auditentry/").status_code == 200
    assert admin.get("/admin/core/auditentry/add/").status_code == 403


@pytest.mark.django_db
def test_secretariat_without_permissions_cannot_open_the_audit_log(secretariat):
    assert secretariat.get("/admin/core/auditentry/").status_code == 403


# Every page of the admin a staff user may ask for: each registered model's list and add form.
ADMIN_PAGES = sorted(
    f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    for model in admin.site._registry
    for view in ("changelist", "add")
)
# What the secretariat's admin group opens (accounts.setup.SECRETARIAT_PERMISSIONS).
SECRETARIAT_OPENS = {
    "admin:accounts_organisation_changelist",
    "admin:certification_certifiedarea_changelist",
    "admin:committee_meeting_changelist",
    "admin:core_auditentry_changelist",
    "admin:proposals_call_add",
    "admin:proposals_call_changelist",
    "admin:proposals_criterion_add",
    "admin:proposals_criterion_changelist",
    "admin:proposals_criteriaset_add",
    "admin:proposals_criteriaset_changelist",
    "admin:proposals_proposal_changelist",
    "admin:reviews_assignment_changelist",
    "admin:reviews_conflict_changelist",
    "admin:reviews_conflictrules_add",
    "admin:reviews_conflictrules_changelist",  # goes straight to adding the one row
    "admin:reviews_review_changelist",
    "admin:reviews_reviewer_changelist",
    "admin:reviews_reviewphase_add",
    "admin:reviews_reviewphase_changelist",
}


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_a_staff_user_without_permissions_is_refused_every_admin_page(page):
    client = _client_for(UserFactory(is_staff=True))

    response = client.get(reverse(page), follow=True)

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_the_secretariat_group_opens_what_its_permissions_give(page):
    officer = UserFactory(is_secretariat=True, is_staff=True)
    officer.groups.add(ensure_secretariat_group())

    response = _client_for(officer).get(reverse(page), follow=True)

    assert response.status_code == (200 if page in SECRETARIAT_OPENS else 403)
