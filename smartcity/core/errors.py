from pathlib import Path


class DataFileError(Exception):
    """A data file cannot be imported; `problems` names every bad line."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path.name}: " + "; ".join(problems))
