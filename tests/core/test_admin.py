import pytest

from smartcity.certification.models import CertifiedArea


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
