"""Every document leaves the platform as a PDF under a safe `.pdf` name."""

import pytest

from smartcity.core.downloads import content_disposition, pdf_response


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("report.exe", 'attachment; filename="report.pdf"'),
        ("minutes-1-2568.pdf", 'attachment; filename="minutes-1-2568.pdf"'),
        ('x"\r\nSet-Cookie: a=b;.pdf', 'attachment; filename="x Set-Cookie a=b;.pdf"'),
        (
            "แผนงาน.pdf",
            "attachment; filename=\"document.pdf\"; filename*=UTF-8''"
            "%E0%B9%81%E0%B8%9C%E0%B8%99%E0%B8%87%E0%B8%B2%E0%B8%99.pdf",
        ),
        (
            "Café plan.pdf",
            "attachment; filename=\"Cafe plan.pdf\"; filename*=UTF-8''Caf%C3%A9%20plan.pdf",
        ),
    ],
)
def test_content_disposition_is_a_safe_pdf_name(name, header):
    assert content_disposition(name) == header


def test_pdf_response_says_what_it_is_and_forbids_sniffing():
    response = pdf_response(b"%PDF-1.4\n%%EOF\n", filename="../plan.html")

    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        response["X-Content-Type-Options"],
    ) == ("application/pdf", 'attachment; filename="plan.pdf"', "nosniff")
