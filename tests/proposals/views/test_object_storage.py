"""Attachments on S3-compatible object storage: a real S3 server (moto's server mode) on
127.0.0.1, configured as production would be, from the environment's variables."""

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from moto.server import ThreadedMotoServer

from smartcity.accounts.enums import MembershipRole
from smartcity.proposals.models import Attachment
from smartcity.settings import s3_storage
from tests.proposals.factories import ProposalFactory, member

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BUCKET = "smartcity-uploads"


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings):
    """The environment production would have, read by the settings' own function."""
    environ = {
        "SMARTCITY_S3_BUCKET": BUCKET,
        "SMARTCITY_S3_ENDPOINT_URL": s3_server,
        "SMARTCITY_S3_REGION": "ap-southeast-1",
        "SMARTCITY_S3_ACCESS_KEY_ID": "test-key",
        "SMARTCITY_S3_SECRET_ACCESS_KEY": "test-secret",
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="ap-southeast-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
    )
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(environ)}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def anonymous_get(endpoint: str, key: str) -> int:
    """The bucket's answer to a request for `key` that carries no signature."""
    anonymous = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="ap-southeast-1",
        config=Config(signature_version=UNSIGNED),
    )
    try:
        return anonymous.get_object(Bucket=BUCKET, Key=key)["ResponseMetadata"]["HTTPStatusCode"]
    except ClientError as error:
        return error.response["ResponseMetadata"]["HTTPStatusCode"]


@pytest.mark.django_db
def test_an_attachment_goes_to_the_bucket_comes_back_through_the_view_and_is_not_public(
    bucket, s3_server
):
    proposal = ProposalFactory()
    client = Client()
    client.force_login(member(proposal.organisation, role=MembershipRole.EDITOR))

    client.post(
        reverse("proposals:attachment_upload", kwargs={"pk": proposal.pk}),
        {"file": SimpleUploadedFile("แผนการลงทุน.pdf", PDF, content_type="application/pdf")},
    )

    attachment = Attachment.objects.get()
    keys = [o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [attachment.file.name]
    assert bucket.get_object(Bucket=BUCKET, Key=attachment.file.name)["Body"].read() == PDF
    download = client.get(
        reverse("proposals:attachment", kwargs={"pk": proposal.pk, "attachment_pk": attachment.pk})
    )
    assert (download.status_code, b"".join(download.streaming_content)) == (200, PDF)
    # Straight from the bucket without a signature, the file is refused.
    assert anonymous_get(s3_server, attachment.file.name) == 403


@pytest.mark.django_db
def test_an_outsider_gets_nothing_from_the_bucket_through_the_view(bucket):
    proposal = ProposalFactory()
    editor = Client()
    editor.force_login(member(proposal.organisation, role=MembershipRole.EDITOR))
    editor.post(
        reverse("proposals:attachment_upload", kwargs={"pk": proposal.pk}),
        {"file": SimpleUploadedFile("แผน.pdf", PDF, content_type="application/pdf")},
    )
    outsider = Client()
    outsider.force_login(member(ProposalFactory().organisation, role=MembershipRole.OWNER))

    response = outsider.get(
        reverse(
            "proposals:attachment",
            kwargs={"pk": proposal.pk, "attachment_pk": Attachment.objects.get().pk},
        )
    )

    assert response.status_code == 404


@pytest.mark.django_db
def test_removing_an_attachment_removes_its_object(bucket, django_capture_on_commit_callbacks):
    proposal = ProposalFactory()
    client = Client()
    client.force_login(member(proposal.organisation, role=MembershipRole.EDITOR))
    client.post(
        reverse("proposals:attachment_upload", kwargs={"pk": proposal.pk}),
        {"file": SimpleUploadedFile("แผน.pdf", PDF, content_type="application/pdf")},
    )
    attachment = Attachment.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(
                "proposals:attachment_delete",
                kwargs={"pk": proposal.pk, "attachment_pk": attachment.pk},
            )
        )

    assert bucket.list_objects_v2(Bucket=BUCKET).get("KeyCount") == 0
