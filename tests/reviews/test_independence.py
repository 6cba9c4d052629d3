"""The review engine knows no subject: nothing under smartcity/reviews imports the
proposals app, at module level or inside a function (its migrations aside, which carried
the data over)."""

import ast
from pathlib import Path

import smartcity.reviews

ROOT = Path(smartcity.reviews.__file__).parent


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_reviews_imports_no_subject_app():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in imported_modules(path) if name.startswith("smartcity.proposals")
        )
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts
    }

    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def f():\n    from smartcity.proposals.models import Proposal\n")

    assert "smartcity.proposals.models" in imported_modules(sneaky)
