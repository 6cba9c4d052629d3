import pytest

from smartcity.proposals.models import CriteriaSet
from tests.proposals.factories import rolling_call


@pytest.mark.django_db
def test_a_published_criteria_set_cannot_be_rewritten(admin):
    criteria_set = rolling_call().criteria_set
    url = f"/admin/proposals/criteriaset/{criteria_set.pk}/change/"

    page = admin.get(url)
    admin.post(url, {"version": "hacked", "name_th": "x", "name_en": "x", "status": "published"})

    assert page.status_code == 200
    assert CriteriaSet.objects.get(pk=criteria_set.pk).version == criteria_set.version


@pytest.mark.django_db
def test_a_draft_criteria_set_needs_weights_that_add_up_to_100(admin):
    response = admin.post(
        "/admin/proposals/criteriaset/add/",
        {
            "version": "2570-draft",
            "name_th": "ร่าง",
            "name_en": "Draft",
            "status": "draft",
            "min_domains": "2",
            "required_domains": "[]",
            "pass_mark": "60",
            "criteria-TOTAL_FORMS": "2",
            "criteria-INITIAL_FORMS": "0",
            "criteria-0-position": "1",
            "criteria-0-code": "area_vision",
            "criteria-0-title_th": "พื้นที่",
            "criteria-0-title_en": "Area",
            "criteria-0-weight": "50",
            "criteria-0-max_score": "10",
            "criteria-0-pass_mark": "6",
            "criteria-1-position": "2",
            "criteria-1-code": "services",
            "criteria-1-title_th": "บริการ",
            "criteria-1-title_en": "Services",
            "criteria-1-weight": "30",
            "criteria-1-max_score": "10",
            "criteria-1-pass_mark": "6",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "100" in response.text
    assert not CriteriaSet.objects.filter(version="2570-draft").exists()
