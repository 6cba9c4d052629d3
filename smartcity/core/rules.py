"""Predicates about core's own objects. The rules that combine them with a role live with
the role (accounts.rules), since core imports none of our apps."""

import rules


@rules.predicate
def is_requester(user, job) -> bool:
    """The person who asked for this export."""
    return bool(
        getattr(user, "is_authenticated", False)
        and job is not None
        and job.requested_by_id == user.pk
    )
