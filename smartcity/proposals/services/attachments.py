"""The PDFs kept with a draft: added and removed while the proposal may be edited."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from smartcity.core import audit
from smartcity.proposals.models import Attachment, Proposal
from smartcity.proposals.services.drafting import refuse_unless_editable
from smartcity.proposals.services.state import locked


@transaction.atomic
def add_attachment(
    *, proposal: Proposal, data: bytes, original_name: str, sha256: str, criterion: str, by
) -> Attachment:
    """Store a checked PDF with the draft. Side effects: the file written to storage
    (removed again if the transaction rolls back); an audit row."""
    current = locked(proposal)
    refuse_unless_editable(current)
    attachment = Attachment(
        proposal=current,
        criterion=criterion,
        original_name=original_name,
        size=len(data),
        sha256=sha256,
        uploaded_by=by,
    )
    attachment.file.save(f"{sha256[:16]}.pdf", ContentFile(data), save=False)
    try:
        attachment.save()
        current.revision += 1
        current.save(update_fields=["revision", "updated_at"])
        audit.record(
            action="proposals.attachment.added",
            by=by,
            target=current,
            after={
                "name": original_name,
                "size": len(data),
                "sha256": sha256,
                "criterion": criterion,
            },
        )
    except Exception:
        default_storage.delete(attachment.file.name)  # no row, so no file either
        raise
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, by) -> None:
    proposal = locked(attachment.proposal)
    refuse_unless_editable(proposal)
    name, stored = attachment.original_name, attachment.file.name
    attachment.delete()
    proposal.revision += 1
    proposal.save(update_fields=["revision", "updated_at"])
    audit.record(
        action="proposals.attachment.removed", by=by, target=proposal, before={"name": name}
    )
    # Versions keep only the name and checksum, so the file goes once the row is gone.
    transaction.on_commit(lambda: default_storage.delete(stored))
