"""The layers stay apart: domain is pure, db never reaches the UI, the UI never queries."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dutchfarm"

# layer -> module prefixes it must never import
FORBIDDEN = {
    "domain": (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "matplotlib",
        "dutchfarm.db",
        "dutchfarm.services",
        "dutchfarm.ui",
    ),
    "db": ("PySide6", "matplotlib", "dutchfarm.ui", "dutchfarm.services"),
    "services": ("PySide6", "matplotlib", "dutchfarm.ui"),
    # The UI talks to services only: no sessions, no SQL, no models.
    "ui": ("sqlalchemy", "alembic", "dutchfarm.db.models", "dutchfarm.db.seed"),
}


def imported_modules(path: Path) -> set[str]:
    """Return every module a file imports, at any depth (lazy imports count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def violations(layer: str, package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted((package / layer).rglob("*.py")):
        for module in imported_modules(path):
            if any(module == bad or module.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                found.append(f"{path.relative_to(package).as_posix()} imports {module}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer):
    assert violations(layer) == []


def test_the_checker_sees_a_forbidden_import(tmp_path):
    fake = tmp_path / "dutchfarm" / "domain"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("def f():\n    from PySide6 import QtCore\n")
    assert violations("domain", tmp_path / "dutchfarm") == ["domain/bad.py imports PySide6"]
