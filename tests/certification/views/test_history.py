"""The secretariat's history pages: upload a CSV of areas certified before the platform,
preview it, record it. Only the secretariat (and an administrator) may use them."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from smartcity.certification.history import columns, reading
from smartcity.certification.models import CertifiedArea
from smartcity.committee.enums import CommitteeKind
from smartcity.committee.models import Meeting
from smartcity.core.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.certification.factories import ROW_1, ROW_2, csv_text
from tests.committee.factories import committee
from tests.proposals.factories import ProposalFactory, member
from tests.reviews.factories import ReviewerFactory

pytestmark = pytest.mark.django_db

UPLOAD = reverse("certification:history")
PREVIEW = reverse("certification:history_preview")
APPLY = reverse("certification:history_apply")
DISCARD = reverse("certification:history_discard")
TEMPLATE = reverse("certification:history_template")


def client_for(user, language="th") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["smartcity_language"] = language
    return client


@pytest.fixture
def officer(secretariat_user):
    return client_for(secretariat_user)


def upload(client, text, name="history.csv", encoding="utf-8"):
    data = text.encode(encoding) if isinstance(text, str) else text
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data, "text/csv")})


def digest_of(client) -> str:
    return client.session["certification.history.staged"]["digest"]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# Personas -----------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(anonymous):
    for url in (UPLOAD, PREVIEW, TEMPLATE):
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith(reverse("accounts:login")), url
    for url in (UPLOAD, APPLY, DISCARD):
        assert anonymous.post(url).headers["Location"].startswith(reverse("accounts:login"))


def _refused(client):
    for url in (UPLOAD, PREVIEW, TEMPLATE):
        assert client.get(url).status_code == 403, url
    assert upload(client, csv_text(ROW_1)).status_code == 403
    for url in (APPLY, DISCARD):
        assert client.post(url).status_code == 403, url
    assert CertifiedArea.objects.count() == 0


def test_an_applicant_is_refused():
    _refused(client_for(member(ProposalFactory().organisation)))


def test_a_reviewer_is_refused():
    _refused(client_for(ReviewerFactory().user))


def test_a_committee_member_is_refused():
    _refused(client_for(committee(CommitteeKind.STEERING).members.first().user))


def test_a_signed_in_person_without_a_role_is_refused():
    _refused(client_for(UserFactory()))


@pytest.mark.parametrize("persona", ["secretariat", "admin"])
def test_secretariat_and_admin_see_the_upload_page(request, persona):
    assert request.getfixturevalue(persona).get(UPLOAD).status_code == 200


def test_the_actions_refuse_get(officer):
    for url in (APPLY, DISCARD):
        assert officer.get(url).status_code == 405, url
    assert officer.post(TEMPLATE).status_code == 405


# The journey --------------------------------------------------------------------------


def test_upload_preview_apply_records_the_areas(officer, secretariat_user):
    response = upload(officer, csv_text(ROW_1, ROW_2))
    assert response.status_code == 302
    assert response.headers["Location"] == PREVIEW
    assert CertifiedArea.objects.count() == 0  # nothing before the apply

    preview = officer.get(PREVIEW)
    html = preview.content.decode()
    assert [str(r["record"].name_en) for r in preview.context["rows"]] == [
        "Sukhothai Smart City",
        "Uttaradit Smart City",
    ]
    assert "ตรวจดูก่อนบันทึก" in html
    assert [m["exists"] for m in preview.context["meetings"]] == [False, False]
    assert "2/2563 (15 กันยายน 2563)" in html
    assert "จะบันทึกใหม่" in html

    response = officer.post(APPLY, {"digest": preview.context["digest"]})

    assert response.status_code == 302
    assert CertifiedArea.objects.count() == 2
    assert messages_of(response) == [
        "บันทึกจาก history.csv แล้ว: เพิ่มพื้นที่ 2 แห่ง ปรับปรุง 0 แห่ง มีอยู่แล้ว 0 แห่ง"
    ]
    entry = AuditEntry.objects.get(action="certification.history.imported")
    assert (entry.actor, entry.after["source"], entry.after["created"]) == (
        secretariat_user,
        "history.csv",
        2,
    )


def test_a_double_submission_records_once(officer):
    upload(officer, csv_text(ROW_1, ROW_2))
    digest = officer.get(PREVIEW).context["digest"]
    officer.post(APPLY, {"digest": digest})

    second = officer.post(APPLY, {"digest": digest})

    assert CertifiedArea.objects.count() == 2
    assert Meeting.objects.count() == 2
    assert messages_of(second)[-1] == "ไฟล์นี้บันทึกไปแล้ว ไม่มีการเพิ่มข้อมูลซ้ำ"
    assert AuditEntry.objects.filter(action="certification.history.imported").count() == 1


def test_what_is_applied_is_what_was_previewed(officer):
    upload(officer, csv_text(ROW_1))
    first = officer.get(PREVIEW).context["digest"]
    upload(officer, csv_text(ROW_2))  # another file replaces the one waiting

    response = officer.post(APPLY, {"digest": first})

    assert CertifiedArea.objects.count() == 0
    assert messages_of(response) == ["ไฟล์ที่ตรวจดูไว้ไม่ได้รอบันทึกแล้ว กรุณาอัปโหลดอีกครั้ง"]


def test_a_tampered_session_is_not_applied(officer):
    upload(officer, csv_text(ROW_1))
    session = officer.session
    staged = session["certification.history.staged"]
    staged["records"][0]["name_en"] = "Somewhere Else"
    session.save()

    officer.post(APPLY, {"digest": staged["digest"]})

    assert CertifiedArea.objects.count() == 0


def test_the_preview_without_a_file_sends_back_to_the_upload(officer):
    response = officer.get(PREVIEW)

    assert response.headers["Location"] == UPLOAD


def test_setting_the_file_aside_records_nothing(officer):
    upload(officer, csv_text(ROW_1))

    officer.post(DISCARD)

    assert officer.get(PREVIEW).status_code == 302
    assert CertifiedArea.objects.count() == 0


def test_a_bad_row_in_the_middle_shows_its_problem_in_thai_and_keeps_nothing(officer):
    third = ROW_2.replace("Uttaradit Smart City", "Uttaradit Two")
    response = upload(officer, csv_text(ROW_1, ROW_2.replace(",53,", ",99,"), third))

    html = response.content.decode()
    assert response.status_code == 200
    assert [(p.line, p.column) for p in response.context["problems"]] == [(3, "province_code")]
    assert "ไม่รู้จักรหัสจังหวัด “99”" in html
    assert "ไฟล์ยังไม่ถูกบันทึก" in html
    assert "certification.history.staged" not in officer.session
    assert CertifiedArea.objects.count() == 0
    assert Meeting.objects.count() == 0


def test_a_meeting_scheduled_on_the_platform_since_the_preview_stops_the_apply(officer):
    upload(officer, csv_text(ROW_1, ROW_2))
    digest = officer.get(PREVIEW).context["digest"]
    Meeting.objects.create(committee=committee(CommitteeKind.SUB_COMMITTEE), number=2, year_be=2563)

    response = officer.post(APPLY, {"digest": digest})

    assert response.status_code == 200
    assert [(p.line, p.column) for p in response.context["problems"]] == [
        (2, "approved_by"),
        (3, "approved_by"),
    ]
    assert CertifiedArea.objects.count() == 0


def test_an_oversized_file_is_refused_before_it_is_read(officer):
    response = upload(officer, b"a" * (reading.MAX_BYTES + 10))

    assert [str(p)[:12] for p in response.context["problems"]] == ["ไฟล์มีขนาด 1"]


def test_a_file_in_tis620_is_refused_with_the_way_to_fix_it(officer):
    response = upload(officer, csv_text(ROW_1), encoding="tis-620")

    assert "CSV UTF-8 (comma delimited)" in str(response.context["problems"][0])


def test_hostile_text_is_shown_escaped(officer):
    row = ROW_2.replace("อุตรดิตถ์เมืองอัจฉริยะ", "<script>alert(1)</script>").replace(
        ",ทดสอบ", ",=cmd|' /C calc'!A0"
    )
    upload(officer, csv_text(row))

    html = officer.get(PREVIEW).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "=cmd|&#x27; /C calc&#x27;!A0" in html


def test_the_template_has_every_column_with_its_thai_header(officer):
    response = officer.get(TEMPLATE)

    text = response.content.decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    read = reading.read(text.removeprefix("\ufeff") + ROW_1 + "\n")
    assert text.startswith("\ufeffชื่อพื้นที่ (ไทย),ชื่อพื้นที่ (อังกฤษ),รหัสจังหวัด,")
    assert (read.problems, len(read.records)) == ([], 1)


def test_the_upload_page_documents_the_columns_in_thai_and_english(officer):
    html = officer.get(UPLOAD).content.decode()

    for column in columns.COLUMNS:
        assert column.header_th in html
        assert f"<code>{column.key}</code>" in html


# Query count --------------------------------------------------------------------------


def _rows(n: int) -> list[str]:
    return [
        ROW_2.replace("Uttaradit Smart City", f"Area {i}").replace("อุตรดิตถ์เมือง", f"เมือง{i}")
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [2, 20])
def test_the_preview_takes_the_same_queries_whatever_its_size(
    officer, n, django_assert_num_queries
):
    assert upload(officer, csv_text(*_rows(n))).status_code == 302
    officer.get(PREVIEW)  # the session and the user are loaded the same at both sizes

    # The session, the user and the menu (committee seats, unread count), then the
    # provinces, the areas on record and the meetings on record: the same at both sizes.
    with django_assert_num_queries(10):
        response = officer.get(PREVIEW)

    assert len(response.context["rows"]) == n


@pytest.mark.parametrize("n", [2, 20])
def test_checking_the_file_takes_the_same_queries_whatever_its_size(
    officer, n, django_assert_num_queries
):
    # The session and the user, then the provinces, the meetings the file names and the
    # areas certified on the platform, then the session saved: the same at both sizes.
    with django_assert_num_queries(10):
        upload(officer, csv_text(*_rows(n)))
