import json

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from smartcity.accounts.enums import MembershipRole
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Attachment, Proposal
from smartcity.proposals.services.submission import submit_proposal
from tests.accounts.factories import OrganisationFactory
from tests.proposals.factories import SQUARE, ProposalFactory, complete, member, rolling_call

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def proposal(db):
    return ProposalFactory()


@pytest.fixture
def editor(proposal):
    return member(proposal.organisation, role=MembershipRole.EDITOR)


@pytest.fixture
def viewer(proposal):
    return member(proposal.organisation, role=MembershipRole.VIEWER)


@pytest.fixture
def outsider(db):
    return member(OrganisationFactory(), role=MembershipRole.OWNER)


GET_PAGES = [
    ("proposals:detail", {}),
    ("proposals:section", {"section": "area"}),
    ("proposals:section", {"section": "infrastructure"}),
    ("proposals:section", {"section": "data"}),
    ("proposals:section", {"section": "services"}),
    ("proposals:section", {"section": "management"}),
]


@pytest.mark.parametrize(("name", "kwargs"), GET_PAGES)
@pytest.mark.django_db
def test_pages_work_for_members_and_the_secretariat(
    proposal, editor, viewer, secretariat, name, kwargs
):
    url = reverse(name, kwargs={"pk": proposal.pk, **kwargs})
    assert client_for(editor).get(url).status_code == 200
    assert client_for(viewer).get(url).status_code == 200
    assert secretariat.get(url).status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), GET_PAGES)
@pytest.mark.django_db
def test_another_citys_applicant_gets_404(proposal, outsider, name, kwargs):
    url = reverse(name, kwargs={"pk": proposal.pk, **kwargs})
    assert client_for(outsider).get(url).status_code == 404


@pytest.mark.parametrize(("name", "kwargs"), GET_PAGES)
@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(anonymous, proposal, name, kwargs):
    response = anonymous.get(reverse(name, kwargs={"pk": proposal.pk, **kwargs}))
    assert response.status_code == 302
    assert "/accounts/" in response.headers["Location"]


@pytest.mark.django_db
def test_unknown_proposal_and_section_are_404(editor, proposal):
    client = client_for(editor)
    assert client.get(reverse("proposals:detail", kwargs={"pk": 999999})).status_code == 404
    assert client.get(f"/proposals/{proposal.pk}/edit/secrets/").status_code == 404
    assert client.get("/proposals/abc/").status_code == 404


@pytest.mark.django_db
def test_list_shows_only_my_organisations_proposals(proposal, editor):
    ProposalFactory(name_th="ข้อเสนอของเมืองอื่น")
    html = client_for(editor).get(reverse("proposals:list")).text
    assert proposal.name_th in html
    assert "ข้อเสนอของเมืองอื่น" not in html


@pytest.mark.django_db
def test_an_editor_starts_a_draft(editor, proposal):
    call = rolling_call()
    response = client_for(editor).post(
        reverse("proposals:create"), {"organisation": proposal.organisation.pk, "call": call.pk}
    )
    created = Proposal.objects.exclude(pk=proposal.pk).get()
    assert response.headers["Location"] == reverse(
        "proposals:section", kwargs={"pk": created.pk, "section": "area"}
    )
    assert (created.state, created.organisation) == (ProposalState.DRAFT, proposal.organisation)


@pytest.mark.django_db
def test_a_viewer_cannot_start_or_edit(viewer, proposal):
    client = client_for(viewer)
    create = client.post(
        reverse("proposals:create"),
        {"organisation": proposal.organisation.pk, "call": rolling_call().pk},
    )
    edit = client.post(
        reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "management"}),
        {"revision": proposal.revision, "management_model": "x"},
    )
    assert (create.status_code, edit.status_code) == (403, 403)


@pytest.mark.django_db
def test_autosave_saves_and_returns_the_new_revision(editor, proposal):
    response = client_for(editor).post(
        reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "management"}),
        {
            "revision": proposal.revision,
            "management_model": "บริษัทพัฒนาเมือง <script>alert(1)</script>",
        },
        headers={"HX-Request": "true"},
    )
    proposal.refresh_from_db()
    assert response.status_code == 200
    assert 'data-saved="true"' in response.text
    assert f'value="{proposal.revision}"' in response.text
    assert proposal.management_model == "บริษัทพัฒนาเมือง <script>alert(1)</script>"


@pytest.mark.django_db
def test_hostile_text_is_shown_as_text(editor, proposal):
    proposal.vision = "<script>alert('x')</script>วิสัยทัศน์"
    proposal.save()
    html = (
        client_for(editor)
        .get(reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "area"}))
        .text
    )
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_autosave_after_the_session_expired_keeps_the_text_and_says_so(anonymous, proposal):
    response = anonymous.post(
        reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "management"}),
        {"revision": proposal.revision, "management_model": "ข้อความยาวที่พิมพ์ไว้"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'data-saved="false"' in response.text
    assert Proposal.objects.get(pk=proposal.pk).management_model == ""


@pytest.mark.django_db
def test_text_typed_before_the_session_expired_is_saved_after_signing_in_again(editor, proposal):
    client = client_for(editor)
    client.logout()  # the session expires while the page is open
    url = reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "management"})
    typed = {"revision": proposal.revision, "management_model": "ข้อความยาวที่พิมพ์ไว้ก่อนหมดเวลา"}
    client.post(url, typed, headers={"HX-Request": "true"})

    client.force_login(editor)  # signs in again in another tab; the page retries
    response = client.post(url, typed, headers={"HX-Request": "true"})

    assert 'data-saved="true"' in response.text
    assert Proposal.objects.get(pk=proposal.pk).management_model == typed["management_model"]


@pytest.mark.django_db
def test_autosave_with_a_stale_revision_is_refused_with_a_message(editor, proposal):
    client = client_for(editor)
    url = reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "management"})
    client.post(url, {"revision": 0, "management_model": "first"}, headers={"HX-Request": "true"})

    response = client.post(
        url, {"revision": 0, "management_model": "second"}, headers={"HX-Request": "true"}
    )

    assert "Someone else saved" in response.text or "บันทึก" in response.text
    assert Proposal.objects.get(pk=proposal.pk).management_model == "first"


@pytest.mark.django_db
def test_rows_section_saves_years_typed_in_buddhist_era(editor, proposal):
    url = reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "infrastructure"})
    data = {
        "revision": proposal.revision,
        "infrastructure_items-TOTAL_FORMS": "2",
        "infrastructure_items-INITIAL_FORMS": "0",
        "infrastructure_items-MIN_NUM_FORMS": "0",
        "infrastructure_items-MAX_NUM_FORMS": "1000",
        "infrastructure_items-0-title": "โครงข่ายไฟเบอร์",
        "infrastructure_items-0-cost_baht": "12000000",
        "infrastructure_items-0-year": "2570",
        "infrastructure_items-0-is_digital": "on",
    }
    client_for(editor).post(url, data)
    item = proposal.infrastructure_items.get()
    assert (item.title, item.year, item.is_digital) == ("โครงข่ายไฟเบอร์", 2027, True)


@pytest.mark.django_db
def test_boundary_upload_shows_area_and_provinces(editor, proposal):
    upload = ("area.geojson", json.dumps(SQUARE).encode())
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(editor).post(
        reverse("proposals:boundary", kwargs={"pk": proposal.pk}),
        {"file": SimpleUploadedFile(*upload, content_type="application/geo+json")},
        follow=True,
    )
    proposal.refresh_from_db()
    assert proposal.boundary_province_codes == ["65"]
    assert 1.1 < float(proposal.boundary_area_km2) < 1.3
    assert 'data-testid="boundary-summary"' in response.text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("area.geojson", b"%PDF-1.4 not a boundary"),
        ("area.geojson", b'{"type": "Point", "coordinates": [100.5, 13.7]}'),
        ("area.geojson", b"{not json"),
    ],
)
@pytest.mark.django_db
def test_bad_boundary_files_are_refused_and_nothing_is_saved(editor, proposal, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(editor).post(
        reverse("proposals:boundary", kwargs={"pk": proposal.pk}),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert Proposal.objects.get(pk=proposal.pk).boundary is None
    assert response.context["messages"]
    assert any(m.level_tag == "error" for m in response.context["messages"])


@pytest.mark.django_db
def test_a_drawn_boundary_is_saved(editor, proposal):
    client_for(editor).post(
        reverse("proposals:boundary", kwargs={"pk": proposal.pk}), {"geojson": json.dumps(SQUARE)}
    )
    assert Proposal.objects.get(pk=proposal.pk).boundary_province_codes == ["65"]


@pytest.mark.django_db
def test_attachments_accept_a_pdf_and_refuse_a_renamed_executable(
    editor, proposal, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = client_for(editor)
    url = reverse("proposals:attachment_upload", kwargs={"pk": proposal.pk})
    client.post(url, {"file": SimpleUploadedFile("แผน.pdf", PDF, content_type="application/pdf")})
    client.post(
        url,
        {
            "file": SimpleUploadedFile(
                "virus.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf"
            )
        },
    )

    assert [a.original_name for a in Attachment.objects.all()] == ["แผน.pdf"]
    attachment = Attachment.objects.get()
    download = client.get(
        reverse("proposals:attachment", kwargs={"pk": proposal.pk, "attachment_pk": attachment.pk})
    )
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.django_db
def test_a_pdf_uploaded_under_a_program_name_is_kept_as_a_pdf(editor, proposal, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = client_for(editor)
    client.post(
        reverse("proposals:attachment_upload", kwargs={"pk": proposal.pk}),
        {"file": SimpleUploadedFile("../report.exe", PDF, content_type="application/x-msdownload")},
    )

    assert [a.original_name for a in Attachment.objects.all()] == ["report.pdf"]


@pytest.mark.django_db
def test_submitting_an_incomplete_proposal_lists_the_missing_items(editor, proposal):
    response = client_for(editor).post(
        reverse("proposals:submit", kwargs={"pk": proposal.pk}), follow=True
    )
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.DRAFT
    assert response.text.count('data-testid="missing-item"') >= 10


@pytest.mark.django_db
def test_submitting_twice_creates_one_version(editor, proposal, django_capture_on_commit_callbacks):
    complete(proposal)
    client = client_for(editor)
    url = reverse("proposals:submit", kwargs={"pk": proposal.pk})

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url)
        second = client.post(url, follow=True)

    assert first.status_code == 302
    assert proposal.versions.count() == 1
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.SUBMITTED
    assert second.status_code == 200
    assert len(mail.outbox) >= 1


@pytest.mark.django_db
def test_submit_and_withdraw_refuse_get(editor, proposal):
    client = client_for(editor)
    assert client.get(reverse("proposals:submit", kwargs={"pk": proposal.pk})).status_code == 405
    assert client.get(reverse("proposals:withdraw", kwargs={"pk": proposal.pk})).status_code == 405


@pytest.mark.django_db
def test_only_an_owner_may_withdraw(editor, proposal):
    owner = member(proposal.organisation, role=MembershipRole.OWNER)
    assert (
        client_for(editor)
        .post(reverse("proposals:withdraw", kwargs={"pk": proposal.pk}))
        .status_code
        == 403
    )
    client_for(owner).post(reverse("proposals:withdraw", kwargs={"pk": proposal.pk}))
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.WITHDRAWN


@pytest.mark.django_db
def test_a_submitted_proposal_can_no_longer_be_edited(editor, proposal):
    complete(proposal)
    submit_proposal(proposal=proposal, by=editor)
    response = client_for(editor).post(
        reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "management"}),
        {
            "revision": Proposal.objects.get(pk=proposal.pk).revision,
            "management_model": "late edit",
        },
    )
    assert response.status_code == 403
