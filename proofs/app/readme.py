"""Rewrite the README's results table from the registry: ``python3 -m proofs.app.readme [README.md]``.

The table is what ``closedform list --markdown`` prints for closedform's own results (an installed result
package's results are not closedform's and stay out of it); it follows the line "Generated with
`closedform list --markdown`:" and runs to the end of the table.  A test holds the README to it, and its
failure message names this command.
"""

from __future__ import annotations

import sys
from pathlib import Path

from proofs import own_results

from .cli import markdown_table

MARKER = "Generated with `closedform list --markdown`:"


def updated(text: str) -> str:
    """``text`` (a README) with its results table replaced by the current one."""
    if MARKER not in text:
        raise ValueError(f"the README has no line {MARKER!r} to put the results table after")
    head, tail = text.split(MARKER, 1)
    lines = tail.split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("|")), len(lines))
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    table = markdown_table(own_results()).rstrip("\n").split("\n")
    return head + MARKER + "\n".join(lines[:start] + table + lines[end:])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "README.md")
    old = path.read_text(encoding="utf-8")
    new = updated(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
        print(f"{path}: results table rewritten ({len(own_results())} results)")
    else:
        print(f"{path}: results table already current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
