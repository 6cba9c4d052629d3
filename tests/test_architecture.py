"""The app map holds: no app imports one that sits above it (docs/architecture.md,
"Apps and their arrows"), not at the top of a module, not inside a function.

Every module under smartcity/ is parsed (nothing is imported or run), so an import placed
in a function to dodge a circle is found like any other."""

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "smartcity"

# The app map, from the bottom up, as in docs/architecture.md: each app and the apps it
# may import. An app may only name apps listed before it, so the list is also the order.
# Apps named here and not built yet (notifications, api, ...) keep their place.
BELOW_COMMITTEE = {"core", "accounts", "geo", "notifications", "reviews", "proposals", "committee"}
PROGRAMME = {
    "certification",
    "monitoring",
    "investment",
    "network",
    "programmes",
    "awards",
    "events",
}
APP_MAP: list[tuple[str, set[str]]] = [
    ("core", set()),
    ("accounts", {"core"}),
    ("geo", {"core"}),
    ("notifications", {"core", "accounts"}),
    ("reviews", {"core", "accounts", "geo", "notifications"}),
    ("proposals", {"core", "accounts", "geo", "notifications", "reviews"}),
    ("committee", {"core", "accounts", "notifications", "reviews"}),
    *((app, BELOW_COMMITTEE) for app in sorted(PROGRAMME)),
    ("registry", BELOW_COMMITTEE | PROGRAMME),
    # The API reads the registry's selectors: "certified as of a date" and the national
    # figures have one definition, which the API publishes and does not repeat.
    ("api", BELOW_COMMITTEE | PROGRAMME | {"registry"}),
    ("dashboard", BELOW_COMMITTEE | PROGRAMME),
]
MAY_IMPORT = dict(APP_MAP)

# Back-imports that exist today and are being removed (issue 10). This list only
# shrinks: the test fails if one of these no longer exists, so it stays honest.
# (importing app, imported app, module that does it)
KNOWN_BACK_IMPORTS: set[tuple[str, str, str]] = {
    # The sign-up form offers the provinces for the organisation (Organisation names
    # geo.Province by string); accounts and geo sit side by side on the map.
    ("accounts", "geo", "smartcity/accounts/forms.py"),
}


def _app_of(path: Path, source: Path) -> str | None:
    parts = path.relative_to(source).parts
    return parts[0] if len(parts) > 1 else None  # settings.py, urls.py: the project


def _module_name(path: Path, source: Path) -> list[str]:
    parts = list(path.relative_to(source.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported_apps(path: Path, source: Path = SOURCE) -> set[str]:
    """The smartcity apps `path` imports, wherever the import statement stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path, source)
    if path.name != "__init__.py":
        package = package[:-1]
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            else:
                module = node.module or ""
            if module == "smartcity":  # from smartcity import proposals
                names.extend(f"smartcity.{alias.name}" for alias in node.names)
            else:
                names.append(module)
    return {
        name.split(".")[1]
        for name in names
        if name.startswith("smartcity.") and len(name.split(".")) > 1
    }


def back_imports(source: Path = SOURCE) -> set[tuple[str, str, str]]:
    found = set()
    for path in sorted(source.rglob("*.py")):
        app = _app_of(path, source)
        if app is None:
            continue
        for other in imported_apps(path, source) - {app}:
            if other not in MAY_IMPORT.get(app, set()):
                found.add((app, other, str(path.relative_to(source.parent))))
    return found


def test_the_app_map_is_an_order():
    seen: set[str] = set()
    for app, may_import in APP_MAP:
        assert may_import <= seen, f"{app} may import {may_import - seen}, listed after it"
        seen.add(app)


def test_every_app_is_on_the_map():
    apps = {p.name for p in SOURCE.iterdir() if (p / "__init__.py").exists()}
    assert apps - set(MAY_IMPORT) == set()


def test_no_app_imports_one_above_it():
    new = back_imports() - KNOWN_BACK_IMPORTS
    assert sorted(new) == [], "imports against the app map (docs/architecture.md)"


def test_the_known_back_imports_still_exist():
    """Once a back-import is gone, take it off KNOWN_BACK_IMPORTS: the list only shrinks."""
    gone = KNOWN_BACK_IMPORTS - back_imports()
    assert sorted(gone) == []


@pytest.mark.parametrize(
    "code",
    [
        "from smartcity.accounts.models import User\n",
        "import smartcity.accounts.rules\n",
        "from smartcity import accounts\n",
        "def later():\n    from smartcity.accounts import rules\n",
        "class Later:\n    def method(self):\n        import smartcity.accounts\n",
        "from ..accounts import rules\n",
    ],
)
def test_a_back_import_is_found_however_it_is_written(tmp_path, code):
    core = tmp_path / "smartcity" / "core"
    core.mkdir(parents=True)
    (core / "__init__.py").write_text("")
    (core / "sneaky.py").write_text(code)

    found = back_imports(tmp_path / "smartcity")

    assert found == {("core", "accounts", "smartcity/core/sneaky.py")}


TESTS = Path(__file__).resolve().parent


def test_no_test_module_imports_another():
    """Helpers shared by tests live in factories.py, conftest.py or a helper module; a
    test module imported by another would run its tests twice and hide where they live."""
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            found.extend(
                (str(path.relative_to(TESTS.parent)), module)
                for module in modules
                if module.startswith("tests.") and module.rsplit(".", 1)[-1].startswith("test_")
            )
    assert found == []
