"""Every link to an attachment opens that attachment, for everyone who may see it: two
files of the same bytes under different names (a signed letter and its copy) are two
documents. Outsiders and a reviewer who declared a conflict get 404."""

import re
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from smartcity.core.uploads import sha256_hex
from smartcity.proposals.services.attachments import add_attachment
from smartcity.proposals.services.screening import screen_proposal, start_screening
from smartcity.proposals.services.submission import submit_proposal
from smartcity.reviews.services import assign_reviewer, declare_conflict
from tests.accounts.factories import OrganisationFactory
from tests.proposals.factories import ProposalFactory, complete, member
from tests.reviews.factories import DUE, PhaseFactory, ReviewerFactory, dossier_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NAMES = ["confirm_letter.pdf", "plan.pdf", "หนังสือยืนยัน.pdf"]
LINK = re.compile(r'<a href="(/[^"]+/attachments/\d+/)">([^<]+)</a>')


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def served_name(response) -> str:
    header = response["Content-Disposition"]
    encoded = re.search(r"filename\*=UTF-8''([^;]+)", header)
    return unquote(encoded.group(1)) if encoded else re.search(r'filename="([^"]*)"', header)[1]


def attachment_links(html: str) -> dict[str, str]:
    """Name shown -> link, in the page's attachments section."""
    section = html.split('id="attachments"', 1)[1].split("</section>", 1)[0]
    return {name: href for href, name in LINK.findall(section)}


@pytest.fixture
def world(db, settings, tmp_path, secretariat_user):
    """A proposal in evaluation with three attachments of identical bytes, its applicant,
    an assigned reviewer, and a reviewer who declared a conflict after being assigned."""
    settings.MEDIA_ROOT = tmp_path
    proposal = complete(ProposalFactory())
    applicant = member(proposal.organisation)
    for name in NAMES:
        add_attachment(
            proposal=proposal,
            data=PDF,
            original_name=name,
            sha256=sha256_hex(PDF),
            criterion="",
            by=applicant,
        )
    submit_proposal(proposal=proposal, by=applicant)
    start_screening(proposal=proposal, by=secretariat_user)
    screen_proposal(proposal=proposal, outcome="pass", by=secretariat_user)
    phase = PhaseFactory()
    assigned, conflicted = ReviewerFactory(), ReviewerFactory()
    assignment, lost = (
        assign_reviewer(
            phase=phase, dossier=dossier_of(proposal), reviewer=r, due_on=DUE, by=secretariat_user
        )
        for r in (assigned, conflicted)
    )
    declare_conflict(
        reviewer=conflicted, dossier=dossier_of(proposal), reason="ญาติ", by=conflicted.user
    )
    return {
        "proposal": proposal,
        "applicant": applicant,
        "secretariat": secretariat_user,
        "reviewer": assigned.user,
        "assignment": assignment,
        "conflicted": conflicted.user,
        "lost_assignment": lost,
    }


PAGES = {
    # persona: (the page that links the attachments, its URL's arguments)
    "applicant": ("proposals:detail", lambda w: [w["proposal"].pk]),
    "secretariat": ("proposals:review", lambda w: [w["proposal"].pk]),
    "secretariat on the score sheet": ("reviews:score_sheet", lambda w: [w["assignment"].pk]),
    "reviewer": ("reviews:score_sheet", lambda w: [w["assignment"].pk]),
}


@pytest.mark.parametrize("persona", PAGES)
def test_each_attachment_link_downloads_its_own_file(world, persona):
    user = world[persona.split()[0]]
    client = client_for(user)
    page, args = PAGES[persona]

    links = attachment_links(client.get(reverse(page, args=args(world))).text)

    assert sorted(links) == sorted(NAMES)
    assert len(set(links.values())) == len(NAMES)
    for name, href in links.items():
        response = client.get(href)
        assert (response.status_code, served_name(response)) == (200, name)
        assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("persona", ["other city's applicant", "conflicted", "unassigned"])
def test_outsiders_get_404_for_every_attachment(world, persona):
    proposal = world["proposal"]
    outsider = {
        "other city's applicant": lambda: member(OrganisationFactory()),
        "conflicted": lambda: world["conflicted"],
        "unassigned": lambda: ReviewerFactory().user,
    }[persona]()
    client = client_for(outsider)

    for attachment in proposal.attachments.all():
        urls = [
            reverse("proposals:attachment", args=[proposal.pk, attachment.pk]),
            reverse(
                "proposals:reviewer_attachment", args=[world["lost_assignment"].pk, attachment.pk]
            ),
            reverse("proposals:reviewer_attachment", args=[world["assignment"].pk, attachment.pk]),
        ]
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]


def test_a_version_frozen_before_ids_links_by_content_and_name(world, secretariat):
    """Versions submitted before the snapshot recorded ids still open the right file."""
    version = world["proposal"].versions.get()
    for a in version.content["attachments"]:
        del a["id"]
    version.save(update_fields=["content"])

    links = attachment_links(
        secretariat.get(reverse("proposals:review", args=[world["proposal"].pk])).text
    )

    for name, href in links.items():
        response = secretariat.get(href)
        assert (served_name(response), b"".join(response.streaming_content)) == (name, PDF)


@pytest.mark.parametrize("persona", ["applicant", "reviewer"])
def test_a_document_stored_under_a_program_name_downloads_as_a_pdf(world, persona):
    """A file stored as `report.exe` before names were made safe: served as a PDF."""
    proposal = world["proposal"]
    document = proposal.attachments.first()
    type(document).objects.filter(pk=document.pk).update(original_name="report.exe")
    url = {
        "applicant": reverse("proposals:attachment", args=[proposal.pk, document.pk]),
        "reviewer": reverse(
            "proposals:reviewer_attachment", args=[world["assignment"].pk, document.pk]
        ),
    }[persona]

    response = client_for(world[persona]).get(url)
    b"".join(response.streaming_content)  # read to the end, which closes the file

    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        response["X-Content-Type-Options"],
    ) == ("application/pdf", 'attachment; filename="report.pdf"', "nosniff")
