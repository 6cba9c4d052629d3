"""The certification enums' groups, each checked against a table written here, so that
moving a status, an event or a record quality in or out of a group is a visible change;
and the status rules over every CertificateStatus."""

import datetime as dt

import pytest

from smartcity.certification.enums import CertificateStatus, DisplayStatus, EventKind, RecordQuality
from smartcity.certification.models import Certificate, CertifiedArea, display_status
from smartcity.certification.services.status import CERTIFICATE_TRANSITIONS

C, E, Q = CertificateStatus, EventKind, RecordQuality

# status: (standing, the statuses it may become, and by which event)
STATUSES = {
    C.ACTIVE: (True, {C.SUSPENDED: E.SUSPENDED, C.REVOKED: E.REVOKED}),
    C.SUSPENDED: (True, {C.ACTIVE: E.REINSTATED, C.REVOKED: E.REVOKED}),
    C.REVOKED: (False, {}),
}
# event: (a status change, on the public record)
EVENTS = {
    E.CERTIFIED: (False, True),
    E.CEREMONY: (False, True),
    E.SUSPENDED: (True, False),
    E.REINSTATED: (True, False),
    E.REVOKED: (True, False),
}
# record quality: unconfirmed
QUALITIES = {Q.CONFIRMED: False, Q.INFERRED: True, Q.TITLE_TH_UNKNOWN: True}

VALID_UNTIL = dt.date(2026, 5, 31)


def test_the_tables_name_every_member():
    assert (set(STATUSES), set(EVENTS), set(QUALITIES)) == (set(C), set(E), set(Q))


@pytest.mark.parametrize("status", list(CertificateStatus))
def test_standing_statuses(status):
    assert (status in C.standing()) == STATUSES[status][0]


@pytest.mark.parametrize("kind", list(EventKind))
def test_event_groups(kind):
    assert (kind in E.status_changes(), kind in E.on_public_record()) == EVENTS[kind]


@pytest.mark.parametrize("quality", list(RecordQuality))
def test_unconfirmed_record_qualities(quality):
    assert (quality in Q.unconfirmed()) == QUALITIES[quality]
    assert CertifiedArea(record_quality=quality).is_record_unconfirmed == QUALITIES[quality]


@pytest.mark.parametrize("source", list(CertificateStatus))
@pytest.mark.parametrize("target", list(CertificateStatus))
def test_who_may_become_what_from_every_status(source, target):
    """The one writer's table: what each status may become, by which event; revoked is
    final, and only a standing certificate changes."""
    expected = STATUSES[source][1].get(target)

    assert CERTIFICATE_TRANSITIONS.get((source, target)) == expected
    if expected is not None:
        assert source in C.standing()
        assert expected in E.status_changes()


@pytest.mark.parametrize("status", list(CertificateStatus))
def test_every_status_reads_as_itself_in_term_and_expired_after_it_if_standing(status):
    after = VALID_UNTIL + dt.timedelta(days=1)

    assert display_status(status, VALID_UNTIL, VALID_UNTIL) == DisplayStatus(status)
    assert display_status(status, VALID_UNTIL, after) == (
        DisplayStatus.EXPIRED if STATUSES[status][0] else DisplayStatus(status)
    )
    assert Certificate(status=status).is_revoked == (status == C.REVOKED)
