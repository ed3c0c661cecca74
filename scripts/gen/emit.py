"""What the generators share: stopping on a broken assumption, packing C++ initialisers into lines,
and writing their output or, with --check, saying that the committed file is stale (exit status 1)
without touching it."""
from __future__ import annotations

import sys
from pathlib import Path


def requirement(script: str):
    """require(condition, message) for the generator `script`: exits naming the script and the
    assumption that broke, before anything is written."""
    def require(condition: bool, message: str) -> None:
        if not condition:
            sys.exit(f"{script}: {message}")
    return require


def wrap(items: list[str], width: int = 100, indent: str = "    ") -> str:
    """Comma-separated items packed greedily into lines of at most `width` columns."""
    lines, line = [], indent
    for item in items:
        piece = item + ","
        if line != indent and len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = indent
        line += piece if line == indent else " " + piece
    if line != indent:
        lines.append(line)
    return "\n".join(lines)


def write_or_check(output: Path, data: str | bytes, check: bool, rerun: str) -> int:
    """Writes `data` to `output` (bytes as they are, text as UTF-8 with "\\n" line ends), or with
    `check` compares instead: 1 and a line naming `rerun` when the file differs or is missing."""
    encoded = data if isinstance(data, bytes) else data.encode("utf-8")
    if check:
        if not output.exists() or output.read_bytes() != encoded:
            print(f"{output} is stale; rerun {rerun}", file=sys.stderr)
            return 1
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(encoded)
    return 0
