"""The certification notice: the proponent learns its area is certified, with the
certificate's number and the address where anyone can verify it. Sent after commit."""

from django.urls import reverse

from smartcity.certification.models import Certificate
from smartcity.certification.selectors import verification_url
from smartcity.core.enums import Domain
from smartcity.notifications.services import notify
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.notifications import decision_text, proponent_recipients


def send_certified(certificate_id: int) -> int:
    """Tell the proponent's owners and editors, each in their language (inbox and email),
    that the area of their proposal is certified; returns how many were told. The steering committee's
    resolution travels in the note of the proposal's step to "certified"."""
    certificate = Certificate.objects.select_related("area", "proposal__organisation").get(
        pk=certificate_id
    )
    proposal = certificate.proposal
    step = (
        proposal.state_changes.filter(to_state=ProposalState.CERTIFIED)
        .order_by("-at", "-pk")
        .first()
    )
    domains = [
        Domain(code)
        for code in certificate.domains.order_by("domain").values_list("domain", flat=True)
    ]
    context = {
        "area": certificate.area,
        "certificate": certificate,
        "proposal": proposal,
        "domains": domains,
        "resolution": decision_text(step) if step else "",  # the meeting in the reader's language
        "verify_url": verification_url(certificate),
    }
    people = list(proponent_recipients(proposal.organisation))
    notify(
        "certification.area.certified",
        people,
        context=context,
        link=reverse("proposals:detail", kwargs={"pk": proposal.pk}),
    )
    return len(people)
