"""The page a signed-in person lands on: what waits for each of their roles."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from smartcity.dashboard.selectors import work_for


@require_safe
@login_required
def home(request):
    today = timezone.localdate()
    return render(
        request,
        "dashboard/home.html",
        {"work": work_for(request.user, today=today), "today": today},
    )
