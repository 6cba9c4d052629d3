from django.utils.translation import gettext as _

from smartcity.core.i18n import localised


def dossier_label(assignment, *, hide_identity: bool) -> str:
    """What a reviewer calls the subject: its title, or in a blind phase the dossier's
    neutral label that says nothing of the proponent. Pages and emails to reviewers use
    this alone."""
    dossier = assignment.dossier
    if hide_identity:
        return localised(dossier, "label")
    return localised(dossier, "title") or _("Untitled proposal")


def criterion_title(code: str, criteria: dict | list) -> str:
    """A criterion's title in the reader's language, from the rubric it belongs to."""
    rows = criteria.get("criteria", []) if isinstance(criteria, dict) else criteria
    for criterion in rows:
        if criterion["code"] == code:
            return localised(_Bilingual(criterion), "title") or code
    return code


class _Bilingual:
    def __init__(self, data: dict):
        self.title_th = data.get("title_th", "")
        self.title_en = data.get("title_en", "")
