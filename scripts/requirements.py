#!/usr/bin/env python3
"""Print the pinned requirement lines of pyproject.toml, one per line, for `pip install -r`.

Usage: scripts/requirements.py [GROUP...]

Always prints `[project].dependencies`, then the lines of each named `[dependency-groups]` entry
(PEP 735; `{include-group = "..."}` entries are followed). Standard library only (tomllib), so
it runs before any virtual environment exists.
"""

import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def group_lines(groups: dict, name: str, seen: tuple[str, ...] = ()) -> list[str]:
    if name not in groups:
        raise SystemExit(f"requirements.py: unknown dependency group {name!r} in {PYPROJECT}")
    if name in seen:
        raise SystemExit(f"requirements.py: dependency group {name!r} includes itself")
    lines: list[str] = []
    for entry in groups[name]:
        if isinstance(entry, dict) and "include-group" in entry:
            lines += group_lines(groups, entry["include-group"], (*seen, name))
        else:
            lines.append(entry)
    return lines


def main(names: list[str]) -> None:
    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    lines = list(data["project"].get("dependencies", []))
    groups = data.get("dependency-groups", {})
    for name in names:
        lines += group_lines(groups, name)
    # Keep the first occurrence of each line, in order.
    print("\n".join(dict.fromkeys(lines)))


if __name__ == "__main__":
    main(sys.argv[1:])
