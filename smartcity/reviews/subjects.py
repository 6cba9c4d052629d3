"""The kinds of subject the review engine evaluates, registered by their owning apps at
start-up (AppConfig.ready). The engine never imports an owner: it reads the Dossier, asks
the registered kind for what a reviewer may see of the subject, and tells it when an
evaluation is complete.

A kind registers:
- `summary(dossier, assignment)`: what the score sheet shows of the subject (SubjectSummary),
  links to attachments included (through the owner's own views);
- `on_completed(dossier, by)`: what completing the evaluation does to the subject (it runs
  inside complete_evaluation()'s transaction: raising refuses the completion);
- `admin_url(dossier)`: optional, where the secretariat reads the subject itself;
- `criteria`: the (code, label) of every criterion its rubrics may hold, in order: the
  columns of the exports."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString


@dataclass(frozen=True)
class SubjectSummary:
    """What a reviewer may see of a subject: already rendered for the page (the owner's
    template), or None when there is nothing to show yet."""

    html: SafeString | None
    empty_text: str = ""


@dataclass(frozen=True)
class SubjectKind:
    kind: str
    summary: Callable
    on_completed: Callable
    admin_url: Callable | None = None
    criteria: Callable = lambda: []


_KINDS: dict[str, SubjectKind] = {}


def register(kind: SubjectKind) -> None:
    """Register (or re-register, as tests do) a kind of subject."""
    _KINDS[kind.kind] = kind


def unregister(name: str) -> None:
    _KINDS.pop(name, None)


def kind_of(dossier) -> SubjectKind:
    try:
        return _KINDS[dossier.subject_kind]
    except KeyError:
        raise LookupError(f"No subject kind {dossier.subject_kind!r} is registered.") from None


def registered() -> list[str]:
    return sorted(_KINDS)


def criterion_columns() -> list[tuple[str, str]]:
    """Every registered kind's criteria, each code once, in registration order."""
    seen: dict[str, str] = {}
    for kind in _KINDS.values():
        for code, label in kind.criteria():
            seen.setdefault(code, str(label))
    return list(seen.items())
