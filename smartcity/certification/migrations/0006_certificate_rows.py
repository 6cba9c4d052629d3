"""Every area's certificate columns become its first certificate row; its events and
logo domains follow. The imported areas keep their platform numbers and no term."""

from django.db import migrations


def _next_number(CertificateSequence, year_be: int) -> str:
    counter, _ = CertificateSequence.objects.get_or_create(year_be=year_be)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"SCT-{year_be}-{counter.last:03d}"


def areas_to_certificates(apps, schema_editor):
    CertifiedArea = apps.get_model("certification", "CertifiedArea")
    Certificate = apps.get_model("certification", "Certificate")
    CertificateEvent = apps.get_model("certification", "CertificateEvent")
    AreaDomain = apps.get_model("certification", "AreaDomain")
    CertificateSequence = apps.get_model("certification", "CertificateSequence")
    for area in CertifiedArea.objects.order_by("certified_on", "pk"):
        # An area recorded without a number (none on record) is numbered as an import is.
        number = area.certificate_number or _next_number(
            CertificateSequence, area.certified_on.year + 543
        )
        certificate = Certificate.objects.create(
            area=area,
            number=number,
            proposal_id=area.proposal_id,
            approving_meeting_id=area.approving_meeting_id,
            acknowledging_meeting_id=area.acknowledging_meeting_id,
            certified_on=area.certified_on,
            # A term on record runs from the certification; none is invented.
            valid_from=area.certified_on if area.valid_until else None,
            valid_until=area.valid_until,
            status=area.status,
            revoked_on=area.revoked_on,
        )
        CertificateEvent.objects.filter(area=area).update(certificate=certificate)
        AreaDomain.objects.filter(area=area).update(certificate=certificate)


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0005_certificate"),
    ]

    operations = [
        # Not reversible: a second term has no place among the area's old columns.
        migrations.RunPython(areas_to_certificates),
    ]
