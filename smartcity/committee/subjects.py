"""The kinds of subject an agenda item can be about, registered by the apps that own them.

An agenda item names a subject kind and an id (`AgendaItem.subject_kind`, `subject_id`);
the committee knows nothing else of the subject. Each owning app registers its kind once,
in its AppConfig.ready(): what the agenda calls the subject, what may go on which
committee's agenda, the outcomes a committee may record, who must be recused, and what
releasing a resolution does. The kinds registered are listed in docs/architecture.md.

The owner's functions receive ids and return `Subject`s: the committee asks for all the
subjects of a page at once (one call per kind), so pages keep a constant query count."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Evaluation:
    """The evaluation the committee weighs: reviews submitted and their mean total."""

    reviews: int
    mean_total: Decimal | None


@dataclass
class Subject:
    """What the committee shows and checks of an item's subject, as its owner describes it."""

    kind: str
    id: int
    name_th: str
    name_en: str
    # The agenda item's title when the subject is put on the agenda.
    title_th: str
    title_en: str
    # The organisation that proposes it (name_th, name_en), named in the pages and minutes.
    proponent: Any = None
    # The domains an approval may name, or those an acknowledgement takes over.
    domains: list[str] = field(default_factory=list)
    # The owner's status of the subject, for a badge: (code, label).
    status: tuple[str, str] | None = None
    evaluation: Evaluation | None = None
    recommendation: str = ""  # the secretariat's recommendation, as a label
    # Templates of the owner: the item's facts on the secretariat's page, its papers in
    # the meeting pack. They read `item`, `subject` and (the pack) `papers`.
    facts_template: str = ""
    papers_template: str = ""
    # The owner's own object and anything else its templates and handlers read.
    obj: Any = None
    details: dict = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        """How a text may name the subject: a recused member reads no text naming it."""
        return [name for name in (self.name_th, self.name_en) if name]


@dataclass(frozen=True)
class SubjectKind:
    """One kind of subject, as registered by its owner. All callables take keyword
    arguments."""

    code: str  # stored in AgendaItem.subject_kind: "<app>.<thing>"
    label: Any  # lazy, for the admin and the docs
    committee: str  # the CommitteeKind whose agenda takes it
    item_kind: str  # the ItemKind of its items
    outcomes: tuple[str, ...]  # the outcomes a committee may record on it
    # subjects(ids=) -> {id: Subject}, for the ids that exist.
    subjects: Callable[..., dict[int, Subject]]
    # eligible(meeting=) -> ids, in the order the agenda builder lists them; the committee
    # leaves out those already on an agenda of the same committee that is not released.
    eligible: Callable[..., list[int]]
    # refusal(subject_id=) -> why this subject may not go on the agenda now.
    refusal: Callable[..., str]
    # The message when the subject is already on an open agenda (%(ref)s: the meeting).
    already_on_agenda: Any
    # conflicts(subject=) -> {user id: reason}: who may take no part in the item.
    conflicts: Callable[..., dict[int, str]]
    # release(subject=, resolution=, meeting=, note=, reference=, by=): what releasing a resolution on
    # it does, inside the release's transaction. A refusal raises one of `refused`.
    release: Callable[..., None]
    refused: tuple[type[Exception], ...] = ()
    # lock(subject_id=): lock the subject's row while it is put on an agenda.
    lock: Callable[..., None] | None = None
    # papers(subjects=) -> {id: the context of its papers in the meeting pack}, for the
    # subjects of the pack at once.
    papers: Callable[..., dict[int, dict]] | None = None


_kinds: dict[str, SubjectKind] = {}


def register(kind: SubjectKind) -> None:
    """Register `kind` (once, from its owner's AppConfig.ready())."""
    if kind.code in _kinds and _kinds[kind.code] != kind:
        raise ValueError(f"subject kind {kind.code!r} is registered twice")
    _kinds[kind.code] = kind


def get(code: str) -> SubjectKind:
    """The kind registered as `code`; LookupError if no app registers it."""
    try:
        return _kinds[code]
    except KeyError:
        raise LookupError(f"no app registers the subject kind {code!r}") from None


def kinds() -> list[SubjectKind]:
    return list(_kinds.values())


def for_committee(committee_kind: str) -> list[SubjectKind]:
    """The kinds the agenda of a committee of `committee_kind` takes."""
    return [kind for kind in _kinds.values() if kind.committee == committee_kind]


def attach(items: Iterable) -> list:
    """Set `item.subject` on every item (None for an item about no subject), asking each
    kind once for all its subjects. Returns the items as a list."""
    items = list(items)
    wanted: dict[str, set[int]] = {}
    for item in items:
        if item.subject_kind:
            wanted.setdefault(item.subject_kind, set()).add(item.subject_id)
    found = {code: get(code).subjects(ids=sorted(ids)) for code, ids in wanted.items()}
    for item in items:
        item.subject = found[item.subject_kind].get(item.subject_id) if item.subject_kind else None
    return items
