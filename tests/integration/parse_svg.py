#!/usr/bin/env python3
"""Parses every SVG in a directory with Python's xml.etree (a real XML parser) and checks that
each is an <svg> document with text in it. Used by ctest on the figures the gallery test writes.

    parse_svg.py DIR [MIN_FILES]
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"


def main() -> int:
    directory, min_files = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1
    files = sorted(directory.glob("*.svg"))
    if len(files) < min_files:
        print(f"expected at least {min_files} SVG files in {directory}, found {len(files)}", file=sys.stderr)
        return 1
    for f in files:
        root = ET.parse(f).getroot()
        if root.tag != SVG + "svg":
            print(f"{f}: root element is {root.tag}, not svg", file=sys.stderr)
            return 1
        if not any(t.text for t in root.iter(SVG + "text")):
            print(f"{f}: no text", file=sys.stderr)
            return 1
    print(f"{len(files)} SVG files parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
