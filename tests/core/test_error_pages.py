"""404 and 500 pages render without the database, in the request's language, and an
unhandled error is mailed to SMARTCITY_ERROR_EMAIL's addresses."""

import pytest
from django.core import mail
from django.test import Client, override_settings


@pytest.mark.django_db
def test_not_found_page_needs_no_database_and_speaks_thai(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/no-such-page/")

    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


@pytest.mark.django_db
def test_not_found_page_speaks_english_to_an_english_reader(django_assert_num_queries):
    client = Client()
    client.cookies["smartcity_language"] = "en"

    with django_assert_num_queries(0):
        response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.core.error_urls")
def test_server_error_page_needs_no_database_and_speaks_thai(django_assert_num_queries):
    client = Client(raise_request_exception=False)

    with django_assert_num_queries(0):
        response = client.get("/broken/")

    assert response.status_code == 500
    assert "ระบบขัดข้อง" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.core.error_urls")
def test_server_error_page_speaks_english_to_an_english_reader():
    client = Client(raise_request_exception=False, headers={"accept-language": "en"})

    response = client.get("/broken/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
@override_settings(
    ROOT_URLCONF="tests.core.error_urls",
    ADMINS=[("ops@smartcity.example.go.th", "ops@smartcity.example.go.th")],
)
def test_an_unhandled_error_is_mailed_to_the_error_addresses():
    Client(raise_request_exception=False).get("/broken/")

    [report] = mail.outbox
    assert report.to == ["ops@smartcity.example.go.th"]
    assert "OperationalError" in report.body
    assert "/broken/" in report.subject
