"""One record each: the national figures on a date, an area with its certificates, a
certificate by number, a meeting."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from smartcity.api import records, serializers
from smartcity.api.access import is_partner
from smartcity.api.filters import AsOfFilter, cleaned
from smartcity.api.views.base import ApiView
from smartcity.api.views.schema import AS_OF, one
from smartcity.certification.models import Certificate, CertificateEvent, CertifiedArea
from smartcity.certification.serialisers import area_records, decision_records
from smartcity.certification.views.public import certificate_json
from smartcity.registry import selectors

# Beyond the database's integers: no such row, rather than an overflow.
LARGEST_ID = 2**63 - 1


@extend_schema_view(
    get=one(
        "figures",
        serializers.Figures,
        summary="National figures on a date: the home page's numbers",
        parameters=[AS_OF],
    )
)
class Figures(ApiView):
    def read(self, request):
        filters = cleaned(AsOfFilter, request.query_params)
        figures = selectors.cached_national_figures(filters.get("as_of"))
        return Response(records.figures_record(figures))


def certificate(number: str, request) -> dict | None:
    """The verification record (/verify/<n>.json is its alias); for a partner, every
    event of the history also says when the platform recorded it, and the committees'
    resolutions that led to the certificate are listed with their agenda items and votes."""
    record = certificate_json(number, request)
    if record is None:
        return None
    if is_partner(request):
        recorded = (
            CertificateEvent.objects.filter(certificate__number=record["certificate_number"])
            .order_by("on", "id")  # the history's own order
            .values_list("created_at", flat=True)
        )
        for event, at in zip(record["history"], recorded, strict=True):
            event["recorded_at"] = at.isoformat(timespec="seconds")
        record["decisions"] = decision_records(record["certificate_number"], request=request)
    return record


@extend_schema_view(
    get=one(
        "certificate",
        serializers.Certificate,
        summary="A certificate by its number: the verification record",
    )
)
class CertificateDetail(ApiView):
    keep = False

    def read(self, request, number: str):
        record = certificate(number, request)
        if record is None:
            raise NotFound(_("No certificate has this number."))
        return Response(record)


@extend_schema_view(
    get=one(
        "area",
        serializers.AreaDetail,
        summary="A certified area with its certificates and their history",
    )
)
class AreaDetail(ApiView):
    keep = False

    def read(self, request, pk: int):
        today = timezone.localdate()
        visible = CertifiedArea.objects.filter(pk=min(pk, LARGEST_ID), certified_on__lte=today)
        record = next(area_records(visible, request=request), None)
        if record is None:
            raise NotFound(_("No certified area has this number."))
        del record["geometry"]
        numbers = (
            Certificate.objects.filter(area_id=pk, certified_on__lte=today)
            .order_by("certified_on", "id")
            .values_list("number", flat=True)
        )
        record["certificates"] = [certificate(n, request) for n in numbers]
        return Response(record)


@extend_schema_view(
    get=one(
        "meeting",
        serializers.Meeting,
        summary="A committee meeting whose results are public",
        parameters=[OpenApiParameter("pk", int, OpenApiParameter.PATH)],
    )
)
class MeetingDetail(ApiView):
    def read(self, request, pk: int):
        rows = records.public_meetings({"pk": min(pk, LARGEST_ID)})
        found = records.meeting_records(rows, request)
        if not found:
            raise NotFound(_("No public meeting has this number."))
        return Response(found[0])
