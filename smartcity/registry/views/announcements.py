"""The public announcements: after each steering-committee meeting, the areas it
certified and the national totals as of that meeting (registry.selectors.announcement)."""

from dataclasses import dataclass
from html import unescape

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from smartcity.committee.models import Meeting
from smartcity.core.downloads import pdf_response
from smartcity.core.public_cache import public_page
from smartcity.core.throttle import throttled
from smartcity.registry import pdf, selectors


@dataclass
class Declared:
    """A figure summed over the areas that declared it: `reported` of `of` areas."""

    total: int | None
    reported: int
    of: int


def _declared(areas, field: str) -> Declared:
    values = [getattr(area, field) for area in areas if getattr(area, field) is not None]
    return Declared(sum(values) if values else None, len(values), len(areas))


def meeting_label(meeting: Meeting) -> str:
    """The meeting as every registry page names it (registry/_meeting.html), as text."""
    html = render_to_string("registry/_meeting.html", {"meeting": meeting})
    return unescape(strip_tags(html)).strip()


def headline(news: selectors.Announcement) -> str:
    """The announcement in one sentence: "<meeting>: 15 more areas in 14 provinces
    certified; the country now has 30 certified areas in 23 provinces." (without "more"
    for the programme's first batch)."""
    n, provinces = len(news.areas), news.provinces
    if news.figures.areas > n:
        areas = ngettext("%(n)d more area", "%(n)d more areas", n) % {"n": n}
    else:
        areas = ngettext("%(n)d area", "%(n)d areas", n) % {"n": n}
    total = news.figures.areas
    total_provinces = news.figures.provinces
    return _(
        "%(meeting)s: %(areas)s in %(provinces)s certified; the country now has %(total)s "
        "in %(total_provinces)s."
    ) % {
        "meeting": meeting_label(news.meeting),
        "areas": areas,
        "provinces": ngettext("%(n)d province", "%(n)d provinces", provinces) % {"n": provinces},
        "total": ngettext("%(n)d certified area", "%(n)d certified areas", total) % {"n": total},
        "total_provinces": ngettext("%(n)d province", "%(n)d provinces", total_provinces)
        % {"n": total_provinces},
    }


@require_safe
@public_page
def announcement_list(request):
    """Every steering meeting with an announcement, newest first: one query."""
    meetings = selectors.announced_meetings().annotate(
        n_provinces=Count("acknowledged_certificates__area__province", distinct=True)
    )
    return render(request, "registry/announcements.html", {"meetings": meetings})


@require_safe
@public_page
def announcement_detail(request, pk: int):
    meeting = Meeting.objects.select_related("committee").filter(pk=pk).first()
    news = selectors.announcement(meeting) if meeting else None
    if news is None:
        raise Http404
    return render(
        request,
        "registry/announcement.html",
        {
            "news": news,
            "headline": headline(news),
            "batch_population": _declared(news.areas, "population_served"),
            "batch_investment": _declared(news.areas, "expected_investment_baht"),
        },
    )


@require_safe
@throttled("pdf")
def announcement_pdf(request, pk: str, lang: str):
    """The announcement as PDF, in Thai or English; 404 for a meeting that has none. Each
    version is drawn once and kept (registry.pdf.kept_announcement_pdf)."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=int(pk))
    news = selectors.announcement(meeting)
    if news is None:
        raise Http404
    return pdf_response(
        pdf.kept_announcement_pdf(news, lang),
        filename=pdf.announcement_filename(news, lang),
        inline=True,
    )
