"""Forms of evaluation: the reviewer's (score sheet, declaring a conflict) and the
secretariat's (`forms.secretariat`). Their data goes to one service each."""

from smartcity.reviews.forms.reviewer import DeclareConflictForm, ScoreSheetForm

__all__ = ["DeclareConflictForm", "ScoreSheetForm"]
