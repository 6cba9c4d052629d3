"""The admin shows certificates with their number, status and history, read-only."""

import pytest
from django.urls import reverse

from tests.certification.views.certificates import suspended

pytestmark = pytest.mark.django_db


def test_admin_lists_certificates_by_number_and_status(admin, secretariat_user):
    certificate = suspended(secretariat_user)

    changelist = admin.get(reverse("admin:certification_certificate_changelist"), {"q": "2566-002"})
    change = admin.get(reverse("admin:certification_certificate_change", args=[certificate.pk]))
    areas = admin.get(reverse("admin:certification_certifiedarea_changelist"), {"q": "2566-002"})

    assert changelist.status_code == 200
    assert list(changelist.context["cl"].result_list) == [certificate]
    assert list(areas.context["cl"].result_list) == [certificate.area]
    assert change.status_code == 200
    assert "ไม่ส่งรายงานความก้าวหน้าตามกำหนด" in change.text  # the suspension, in the history
