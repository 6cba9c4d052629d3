"""What the secretariat's evaluation pages share: the gate, the phase being looked at,
pagination and messages."""

from types import SimpleNamespace

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods

from smartcity.core.enums import Domain
from smartcity.core.i18n import localised
from smartcity.core.querystring import changed_query
from smartcity.core.views import flash_form_errors, gate
from smartcity.reviews.enums import PhaseStatus
from smartcity.reviews.models import (
    ReviewPhase,
)

PAGE_SIZE = 50
ASSIGN_PAGE_SIZE = 20
DEFAULT_REVIEW_DAYS = 21
GET_OR_POST = require_http_methods(["GET", "HEAD", "POST"])


# Signed in (else the sign-in page) and allowed to manage evaluation (else 403).
secretariat_only = gate("reviews.manage_evaluation")


# Shared helpers ---------------------------------------------------------------------------


def phase_list():
    return ReviewPhase.objects.order_by("-created_at", "-pk")


def current_phase() -> ReviewPhase | None:
    """The latest open phase; without one, the latest phase; None before the first."""
    return phase_list().filter(status=PhaseStatus.OPEN).first() or phase_list().first()


def phase_from(data) -> ReviewPhase | None:
    raw = data.get("phase")
    if not raw:
        return current_phase()
    if not str(raw).isdigit():
        raise Http404
    return get_object_or_404(ReviewPhase, pk=raw)


def form_errors(request, form) -> None:
    """Each error of a refused form as a message, named by its field (core's flattener)."""
    flash_form_errors(request, form)


def paginate(request, queryset, size: int = PAGE_SIZE):
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    return page


def domain_label(code: str) -> str:
    try:
        return str(Domain(code).label)
    except ValueError:
        return code


def title_of(data: dict) -> str:
    return localised(SimpleNamespace(**data), "title")


def page_context(request, nav: str, **extra) -> dict:
    return {"nav": nav, "page_query": changed_query(request, page=None), **extra}
