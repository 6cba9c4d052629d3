"""Issuing a certificate: the steering committee's acknowledgement certifies an area
(`certify`), with its validity term, its logo domains and its search text."""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _

from smartcity.certification import emails
from smartcity.certification.enums import EventKind, RecordQuality
from smartcity.certification.models import (
    Certificate,
    CertificateDomain,
    CertificateEvent,
    CertifiedArea,
)
from smartcity.certification.services.batches import batch_for_meeting, relabel_batches
from smartcity.certification.services.errors import CertificationError
from smartcity.certification.services.numbering import next_certificate_number
from smartcity.core import audit, versions
from smartcity.core.dates import be_year
from smartcity.core.enums import Domain
from smartcity.core.text import search_document
from smartcity.notifications.services import after_commit


def refresh_search_document(area: CertifiedArea) -> str:
    province = area.province
    proponent = area.proponent
    return search_document(
        area.name_th,
        area.name_en,
        province.name_th,
        province.name_en,
        proponent.name_th if proponent else "",
        proponent.name_en if proponent else "",
    )


def validity_end(certified_on: dt.date) -> dt.date:
    """The last day of a new certificate's validity: the configured term in years."""
    years = settings.SMARTCITY["CERTIFICATE_VALIDITY_YEARS"]
    try:
        anniversary = certified_on.replace(year=certified_on.year + years)
    except ValueError:  # 29 February: the anniversary in a common year is 1 March
        anniversary = dt.date(certified_on.year + years, 3, 1)
    return anniversary - dt.timedelta(days=1)


def certify(
    *,
    proposal,
    domains: list[str],
    approving_meeting=None,
    acknowledging_meeting=None,
    by,
) -> Certificate:
    """The steering committee acknowledged the sub-committee's approval of `proposal`:
    the area becomes certified for `domains`. Must run inside the caller's transaction.

    Side effects: a CertifiedArea and its first Certificate, with the next certificate
    number, the validity term from settings and the meeting references; its logo domains;
    a "certified" event; the registry's version bumped (public pages show the area); an
    audit row; after the commit, the certification email to the
    proponent (certificate number, verification page). The proposal's own state is the
    caller's (the committee's release)."""
    if not domains:
        raise CertificationError(_("An area is certified for at least one domain."))
    if any(d not in Domain.values for d in domains):
        raise CertificationError(_("Only the seven smart-city domains can be certified."))
    if Certificate.objects.filter(proposal=proposal).exists():
        raise CertificationError(_("This proposal's area is already certified."))
    on = acknowledging_meeting.held_on
    if on is None:
        raise CertificationError(_("The acknowledging meeting has no date."))
    provinces = list(proposal.provinces.order_by("code"))
    if not provinces:
        raise CertificationError(_("The proposal names no province."))
    name_en = proposal.name_en or proposal.name_th
    if CertifiedArea.objects.filter(name_en=name_en, province=provinces[0]).exists():
        raise CertificationError(
            _("An area named “%(name)s” in this province is already certified.") % {"name": name_en}
        )
    organisation = proposal.organisation
    area = CertifiedArea(
        name_th=proposal.name_th,
        name_en=name_en,
        province=provinces[0],
        proponent=organisation,
        proponent_type=organisation.type,
        batch=batch_for_meeting(acknowledging_meeting),
        certified_on=on,
        record_quality=RecordQuality.CONFIRMED,
        population_served=proposal.population_served,
        expected_investment_baht=proposal.expected_private_investment_baht,
    )
    area.search_document = refresh_search_document(area)
    area.save()
    certificate = Certificate.objects.create(
        area=area,
        number=next_certificate_number(be_year(on.year)),
        proposal=proposal,
        approving_meeting=approving_meeting,
        acknowledging_meeting=acknowledging_meeting,
        certified_on=on,
        valid_from=on,
        valid_until=validity_end(on),
    )
    relabel_batches(by=by)
    area.batch.refresh_from_db(fields=["code", "position"])
    CertificateDomain.objects.bulk_create(
        CertificateDomain(certificate=certificate, domain=d) for d in sorted(set(domains))
    )
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=EventKind.CERTIFIED,
        on=on,
        meeting=acknowledging_meeting,
        by=by,
    )
    versions.bump(versions.REGISTRY)
    audit.record(
        action="certification.area.certified",
        by=by,
        target=area,
        after={
            "certificate_number": certificate.number,
            **audit.snapshot(certificate, ["certified_on", "valid_from", "valid_until"]),
            "domains": sorted(set(domains)),
            "proposal": proposal.pk,
        },
    )
    after_commit(emails.send_certified, certificate.pk, event="certification.area.certified")
    return certificate


def set_certificate_domains(*, certificate: Certificate, domains: list[str], by=None) -> bool:
    """Make the certificate's logo domains exactly `domains`; audit and return True if
    changed (the audit row names the area, whose logo it is). Runs inside a service that
    bumps the registry's version once for all its rows (the import); a new caller bumps
    it too."""
    current = set(certificate.domains.values_list("domain", flat=True))
    wanted = set(domains)
    if current == wanted:
        return False
    certificate.domains.filter(domain__in=current - wanted).delete()
    CertificateDomain.objects.bulk_create(
        CertificateDomain(certificate=certificate, domain=d) for d in wanted - current
    )
    audit.record(
        action="certification.area.domains_changed",
        by=by,
        target=certificate.area,
        before={"domains": sorted(current)},
        after={"domains": sorted(wanted)},
    )
    return True
