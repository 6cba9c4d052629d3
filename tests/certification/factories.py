import datetime as dt

import factory

from smartcity.certification.models import AreaDomain, Batch, CertifiedArea
from smartcity.certification.services import refresh_search_document
from smartcity.committee.enums import CommitteeKind
from smartcity.committee.models import Committee, Meeting
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


class CertifiedAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertifiedArea
        skip_postgeneration_save = True

    name_th = factory.Sequence(lambda n: f"เมืองอัจฉริยะทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Smart City {n}")
    province = factory.LazyFunction(lambda: Province.objects.order_by("?").first())
    batch = factory.SubFactory(BatchFactory)
    acknowledged_at = factory.SubFactory(MeetingFactory)
    certified_on = dt.date(2023, 6, 1)

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            AreaDomain.objects.bulk_create(AreaDomain(area=self, domain=d) for d in extracted)

    @factory.post_generation
    def index(self, create, extracted, **kwargs):
        if create:
            self.search_document = refresh_search_document(self)
            self.save(update_fields=["search_document"])


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
