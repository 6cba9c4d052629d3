"""The resolution of each item on a meeting's working page, recorded pending release."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartcity.committee.forms import (
    ResolutionForm,
)
from smartcity.committee.services.resolutions import (
    outcomes_for,
    record_resolution,
    subject_of,
)
from smartcity.committee.views.common import back_to_meeting, item_or_404, secretariat_only
from smartcity.core.views import flash_form_errors, run_service


@require_POST
@secretariat_only
def resolution(request, pk: int):
    item = item_or_404(pk)
    form = ResolutionForm(
        request.POST,
        outcomes=outcomes_for(item),
        domains=list(subject.domains) if (subject := subject_of(item)) else [],
        prefix=f"item-{item.pk}",
    )
    if not form.is_valid():
        flash_form_errors(request, form)
        return back_to_meeting(item.meeting_id, f"item-{item.pk}")
    run_service(
        request,
        record_resolution,
        item=item,
        by=request.user,
        success=_("The resolution on item %(n)s is recorded, pending release.")
        % {"n": item.position},
        **form.service_arguments(),
    )
    return back_to_meeting(item.meeting_id, f"item-{item.pk}")
