import datetime as dt

import factory

from smartcity.certification.models import Batch, Certificate, CertificateDomain, CertifiedArea
from smartcity.certification.services.issuing import refresh_search_document
from smartcity.committee.enums import CommitteeKind
from smartcity.committee.models import Committee, Meeting
from smartcity.core import versions
from smartcity.geo.models import Province


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ["kind"]

    kind = CommitteeKind.SUB_COMMITTEE
    name_th = "คณะอนุกรรมการ"
    name_en = "Sub-committee"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory, kind=CommitteeKind.STEERING)
    number = factory.Sequence(lambda n: n + 1)
    year_be = 2566
    held_on = dt.date(2023, 6, 1)


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"T{n + 1}")
    logo_ceremony_on = dt.date(2023, 7, 1)


# What CertifiedAreaFactory passes on to the area's certificate (factory name: field).
CERTIFICATE_FIELDS = {
    "certificate_number": "number",
    "proposal": "proposal",
    "approving_meeting": "approving_meeting",
    "acknowledging_meeting": "acknowledging_meeting",
    "valid_from": "valid_from",
    "valid_until": "valid_until",
    "status": "status",
    "revoked_on": "revoked_on",
}


class CertifiedAreaFactory(factory.django.DjangoModelFactory):
    """A certified area with its one certificate (`area.certificate`): the certificate's
    fields are given here too (certificate_number, valid_until, status, ...). Like the
    services that certify, it moves the registry's version, so the public pages show it."""

    class Meta:
        model = CertifiedArea
        skip_postgeneration_save = True

    name_th = factory.Sequence(lambda n: f"เมืองอัจฉริยะทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Smart City {n}")
    province = factory.LazyFunction(lambda: Province.objects.order_by("?").first())
    batch = factory.SubFactory(BatchFactory)
    acknowledging_meeting = factory.SubFactory(MeetingFactory)
    certified_on = dt.date(2023, 6, 1)
    # Four digits: never one of the numbers a test gives ("SCT-2566-001").
    certificate_number = factory.Sequence(lambda n: f"SCT-2566-{n + 1001}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        given = {
            field: kwargs.pop(name) for name, field in CERTIFICATE_FIELDS.items() if name in kwargs
        }
        area = super()._create(model_class, *args, **kwargs)
        area.certificate = Certificate.objects.create(
            area=area, certified_on=area.certified_on, **given
        )
        return area

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            CertificateDomain.objects.bulk_create(
                CertificateDomain(certificate=self.certificate, domain=d) for d in extracted
            )

    @factory.post_generation
    def index(self, create, extracted, **kwargs):
        if create:
            self.search_document = refresh_search_document(self)
            self.save(update_fields=["search_document"])
            versions.bump(versions.REGISTRY)


HEADER = (
    "name_th,name_en,province_code,province_th,proponent_th,proponent_type,approved_by,"
    "approved_on,acknowledged_by,acknowledged_on,logo_ceremony,domains,record,note"
)
# Synthetic areas in provinces the public record does not cover (Sukhothai, Uttaradit).
ROW_1 = (
    "สุโขทัยเมืองอัจฉริยะ,Sukhothai Smart City,64,สุโขทัย,เทศบาลเมืองสุโขทัยธานี,municipality,"
    "2/2563,15/9/2563,1/2563,2/10/2563,2/11/2563,environment living,confirmed,"
)
ROW_2 = (
    "อุตรดิตถ์เมืองอัจฉริยะ,Uttaradit Smart City,53,อุตรดิตถ์,,province,"
    "2/2563,15/9/2563,1/2563,2/10/2563,,governance,,ทดสอบ"
)


def csv_text(*rows, header=HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


class CertificateFactory(factory.django.DjangoModelFactory):
    """Another certificate of an area (a second term): give `area` and the dates. Moves
    the registry's version, as the renewal will."""

    class Meta:
        model = Certificate

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        certificate = super()._create(model_class, *args, **kwargs)
        versions.bump(versions.REGISTRY)
        return certificate

    number = factory.Sequence(lambda n: f"SCT-2569-{n + 1001}")
    acknowledging_meeting = factory.SubFactory(MeetingFactory)
    certified_on = dt.date(2026, 6, 1)
