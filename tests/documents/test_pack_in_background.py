"""The meeting pack made by the background worker for the reader who asked: the same
access as the direct download, the same PDF (a recused member's leaves out the item they
are recused from), and a reader who can no longer see the meeting gets nothing."""

import pytest
from django.urls import reverse

from smartcity.core import exports
from smartcity.core.enums import ExportStatus
from smartcity.core.models import ExportJob
from tests.documents.pdftext import Reader
from tests.documents.world import RECUSED_TITLE, members_of, signed_in


@pytest.fixture
def ask(agenda, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path

    def press(user):
        client = signed_in(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("committee:meeting_pack_request", args=[agenda.pk]))
        return client, response

    return press


@pytest.mark.parametrize("persona", ["member", "recused_member", "secretariat"])
def test_the_pack_made_in_the_background_is_the_readers_pack(
    agenda, ask, secretariat_user, persona
):
    member, recused = members_of(agenda)
    reader = {"member": member, "recused_member": recused, "secretariat": secretariat_user}[persona]

    client, response = ask(reader)

    job = ExportJob.objects.get(kind="committee.meeting_pack", requested_by=reader)
    assert response.url == reverse("core:export", args=[job.pk])
    assert job.status == ExportStatus.READY
    assert job.filename == "meeting-pack-sub-committee-1-2569.pdf"
    download = client.get(reverse("core:export_file", args=[job.pk]))
    content = b"".join(download.streaming_content) if download.streaming else download.content
    assert content.startswith(b"%PDF")
    assert (RECUSED_TITLE in Reader(content)) is (persona != "recused_member")


@pytest.mark.parametrize("persona", ["applicant", "other_committee_member"])
def test_who_may_not_see_the_meeting_may_not_ask_for_its_pack(
    agenda, ask, applicant, other_committee_member, persona
):
    reader = {"applicant": applicant, "other_committee_member": other_committee_member}[persona]

    _client, response = ask(reader)

    assert response.status_code == 403
    assert not ExportJob.objects.filter(kind="committee.meeting_pack").exists()


def test_the_meeting_page_offers_the_pack_in_the_background(agenda, secretariat):
    html = secretariat.get(reverse("committee:meeting", args=[agenda.pk])).content.decode()
    assert f'action="{reverse("committee:meeting_pack_request", args=[agenda.pk])}"' in html


def test_a_reader_who_lost_sight_of_the_meeting_gets_no_pack(agenda, ask, monkeypatch):
    member, _recused = members_of(agenda)
    client = signed_in(member)
    enqueued = []
    monkeypatch.setattr(exports, "_enqueue", enqueued.append)
    response = client.post(reverse("committee:meeting_pack_request", args=[agenda.pk]))
    job = ExportJob.objects.get(kind="committee.meeting_pack")
    assert response.status_code == 302
    # The member's seat goes before the worker takes the job.
    agenda.attendees.filter(member__user=member).delete()
    monkeypatch.undo()
    with pytest.raises(exports.ExportRefused):  # the task fails, recorded for the secretariat
        exports.run_export.call(job.pk)

    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert not job.file
