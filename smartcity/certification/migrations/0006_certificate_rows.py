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


def certificates_to_areas(apps, schema_editor):
    """Back: each area takes its newest certificate's columns (an older term is lost)."""
    CertifiedArea = apps.get_model("certification", "CertifiedArea")
    Certificate = apps.get_model("certification", "Certificate")
    CertificateEvent = apps.get_model("certification", "CertificateEvent")
    AreaDomain = apps.get_model("certification", "AreaDomain")
    newest = {}
    for certificate in Certificate.objects.order_by("certified_on", "pk"):
        newest[certificate.area_id] = certificate.pk
    AreaDomain.objects.exclude(certificate_id__in=newest.values()).delete()
    for certificate in Certificate.objects.filter(pk__in=newest.values()):
        CertifiedArea.objects.filter(pk=certificate.area_id).update(
            certificate_number=certificate.number,
            proposal_id=certificate.proposal_id,
            approving_meeting_id=certificate.approving_meeting_id,
            acknowledging_meeting_id=certificate.acknowledging_meeting_id,
            valid_until=certificate.valid_until,
            status=certificate.status,
            revoked_on=certificate.revoked_on,
        )
        AreaDomain.objects.filter(certificate=certificate).update(area=certificate.area_id)
    for event in CertificateEvent.objects.select_related("certificate"):
        CertificateEvent.objects.filter(pk=event.pk).update(area=event.certificate.area_id)


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0005_certificate"),
    ]

    operations = [
        migrations.RunPython(areas_to_certificates, certificates_to_areas),
    ]
