"""The floor plan: `techgouv` → `projects` → `missions`, never the other way round."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each package and the first-party packages its modules may import (besides itself).
ALLOWED = {
    "missions": set(),
    "projects": {"missions"},
    "techgouv": {"projects", "missions"},
}


def imported_packages(path: Path) -> set[str]:
    """The top-level first-party packages a module imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(ALLOWED)


def test_imports_follow_the_layering():
    wrong = []
    for package, allowed in ALLOWED.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            for target in imported_packages(path) - allowed - {package}:
                wrong.append(f"{path.relative_to(ROOT)} imports {target}")
    assert wrong == []


def test_the_layering_check_sees_a_wrong_import(tmp_path):
    module = tmp_path / "leaf.py"
    module.write_text("def f():\n    from projects.models import Project\n")
    assert imported_packages(module) == {"projects"}
