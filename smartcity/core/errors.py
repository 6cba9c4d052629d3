from pathlib import Path


class ActionRefused(Exception):
    """An action the platform refuses, with a message for the person acting (in their
    language: services raise it with a lazy translation). Every app's refusal errors
    derive from it, so a view turns any of them into a message the same way
    (`core.views.refusal_as_message`)."""


class DataFileError(ActionRefused):
    """A data file cannot be imported; `problems` names every bad line."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path.name}: " + "; ".join(problems))
