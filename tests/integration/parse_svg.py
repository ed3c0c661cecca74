#!/usr/bin/env python3
"""Reads the SVG figures the gallery test (tests/unit/gallery_test.cpp) writes with Python's
xml.etree, a real XML parser, and checks their structure against what src/render/svg.h promises:

- the root <svg> has positive integer width and height and viewBox "0 0 width height" (one pixel
  of the layout is one user unit);
- <title> holds the figure's title, and the title is also drawn as a <text>; no <title> without one;
- every token label is a <text> element, in order: row labels upright, column labels turned through
  transform="translate(cx cy) rotate(-angle)" by the figure's label rotation;
- cells: up to 65,536 in a figure, each is a <rect> inside <g shape-rendering="crispEdges">, and
  the cells of one matrix tile a rows x columns grid; beyond, each matrix is one <image> holding a
  PNG with one pixel per cell; a line chart has no cells, but one <polyline> per line (each with
  two points or more, a stroke and a stroke width) and one <circle> or closed <path> per marker;
- nothing lies outside the viewBox: rectangles, images, lines' points and markers whole; upright text by its start and
  its em box above the baseline (its end needs the font's metrics); turned text by its length and
  font size about the turn (its x is minus half its length: the line is centred on the turn);
- every fill, stroke and stop-color is "#rrggbb" or url(#id) of a gradient the document defines (or
  fill "none", for lines).

    parse_svg.py DIR

The expected texts mirror the figures gallery_test.cpp builds; change both together.
"""
import base64
import re
import struct
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
COLOUR = re.compile(r"#[0-9a-f]{6}")
URL = re.compile(r"url\(#([^)]+)\)")
TURN = re.compile(r"translate\((-?[\d.]+) (-?[\d.]+)\) rotate\(-(\d+)\)")

# The gallery's awkward tokens as drawn: control characters (the tab too) become U+FFFD.
AWKWARD = ["[CLS]", "<s>", "a&b", '"quoted"', "it's", "]]>", "caf\u00e9", "\u4e2d\u6587", "\U0001f680",
           "tab\ufffdhere", "\ufffdctl", "[SEP]"]


def tokens(n):
    """tests/unit/figures.h's tokens(n), cut to 24 characters with an ellipsis as labels are."""
    return ["##antidisestablishmenta\u2026" if i % 7 == 3 else f"tok{i}" for i in range(n)]


def numbered(word, n):
    return [f"{word} {i}" for i in range(n)]


# name: title (None: none), cells ("rect", count, grids: matrices that tile alone) or ("image", count,
# pixels per side) or None (a line chart: curves (lines, markers), the legend's included), texts
# (lists, each in document order; upright or turned by an angle).
FIGURES = {
    "heatmap": dict(title="tiny-bert", cells=("rect", 144, [(12, 12)]),
                    texts=[(0, AWKWARD), (90, AWKWARD)]),
    "heatmap45": dict(title="tiny-bert", cells=("rect", 144, [(12, 12)]),
                      texts=[(0, AWKWARD), (45, AWKWARD)]),
    "grid": dict(title="model view \u00b7 12 layers \u00d7 12 heads", cells=("rect", 12 * 12 * 144, []),
                 texts=[(0, numbered("head", 12) + numbered("layer", 12))]),
    "grid64": dict(title=None, cells=("image", 144, 64), texts=[(0, numbered("head", 12) + numbered("layer", 12))]),
    # Token labels on the outer panels: rows of the left column (3 panels), columns of the bottom row (4).
    "heads": dict(title="layer 3, every head", cells=("rect", 12 * 144, []),
                  texts=[(0, AWKWARD * 3), (45, AWKWARD * 4), (0, numbered("head", 12))]),
    "compare": dict(title=None, cells=("rect", 144 + 81, []),
                    texts=[(0, AWKWARD + tokens(9)), (90, AWKWARD + tokens(9)), (0, ["tiny-bert", "tiny-roberta"])]),
    "cls": dict(title="[CLS] row", cells=("rect", 12, [(1, 12)]), texts=[(0, ["tok0 \u2192"]), (90, tokens(12))]),
    "saliency": dict(title=None, cells=("rect", 24, [(2, 12)]),
                     texts=[(0, ["integrated gradients", "grad \u00d7 attention"]), (0, AWKWARD)]),
    # tests/unit/figures.h's faithfulness_curves(): 2 panels x 7 methods x 5 bins, and the legend.
    "curves": dict(title="sentiment-bert \u00b7 faithfulness \u00b7 872 examples", cells=None,
                   curves=(2 * 7 + 7, 2 * 7 * 5 + 7),
                   texts=[(0, ["1%", "5%", "10%", "20%", "50%"] * 2),
                          (0, ["ig", "gradattn", "rollout", "flow", "valuenorm", "random", "loo"]),
                          (0, ["comprehensiveness (higher is better)", "sufficiency (lower is better)"]),
                          (90, ["drop in p(predicted class)"] * 2)]),
}


class Problems:
    def __init__(self, name):
        self.name, self.found = name, []

    def check(self, ok, what):
        if not ok:
            self.found.append(f"{self.name}: {what}")
        return ok


def positive_int(text):
    return text is not None and re.fullmatch(r"[1-9]\d*", text) is not None


def angle_of(text):
    turn = TURN.fullmatch(text.get("transform", ""))
    return int(turn.group(3)) if turn else 0


def check_root(root, p):
    if not p.check(root.tag == SVG + "svg", f"root element is {root.tag}, not svg"):
        return None
    w, h = root.get("width"), root.get("height")
    if not p.check(positive_int(w) and positive_int(h), f"width {w!r} / height {h!r} are not positive integers"):
        return None
    p.check(root.get("viewBox") == f"0 0 {w} {h}", f"viewBox {root.get('viewBox')!r} is not '0 0 {w} {h}'")
    return int(w), int(h)


def check_title(root, title, p):
    titles = root.findall(SVG + "title")
    if title is None:
        p.check(not titles, "a <title> for a figure without a title")
        return
    p.check([t.text for t in titles] == [title], f"<title> is {[t.text for t in titles]}, not [{title!r}]")
    p.check(any(t.text == title for t in root.iter(SVG + "text")), f"the title {title!r} is not drawn")


def check_texts(root, texts, p):
    drawn = list(root.iter(SVG + "text"))
    for angle, wanted in texts:
        members = set(wanted)
        found = [t.text for t in drawn if t.text in members and angle_of(t) == angle]
        p.check(found == wanted, f"texts at {angle}\u00b0: {found}, not {wanted}")


def tiles(rects, rows, cols):
    """True when the rects are a rows x cols grid of equal cells, each position once."""
    w, h = rects[0]["width"], rects[0]["height"]
    x0, y0 = min(r["x"] for r in rects), min(r["y"] for r in rects)
    want = {(x0 + c * w, y0 + r * h) for r in range(rows) for c in range(cols)}
    got = [(r["x"], r["y"]) for r in rects]
    return len(got) == len(want) and set(got) == want and all(r["width"] == w and r["height"] == h for r in rects)


def png_size(href):
    prefix = "data:image/png;base64,"
    if not href or not href.startswith(prefix):
        return None
    data = base64.b64decode(href[len(prefix):], validate=True)
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def check_cells(root, cells, p):
    groups = [g for g in root.iter(SVG + "g") if g.get("shape-rendering") == "crispEdges"]
    if not p.check(len(groups) == 1, f"{len(groups)} <g shape-rendering=\"crispEdges\">, not 1"):
        return
    if cells is None:
        p.check(not list(root.iter(SVG + "image")), "an <image> in a figure without cells")
        return
    rects = [{k: int(r.get(k)) for k in ("x", "y", "width", "height")}
             for r in groups[0].findall(SVG + "rect") if COLOUR.fullmatch(r.get("fill", ""))]
    images = groups[0].findall(SVG + "image")
    kind, count, extra = cells
    sizes = Counter((r["width"], r["height"]) for r in rects)
    if kind == "image":
        p.check(len(images) == count, f"{len(images)} embedded matrices, not {count}")
        for image in images:
            cell = (int(image.get("width")) // extra, int(image.get("height")) // extra)
            p.check(sizes[cell] == 0, f"{sizes[cell]} cells drawn as <rect> besides the images")
            size = png_size(image.get(XLINK_HREF))
            p.check(size == (extra, extra), f"an embedded matrix of {size} pixels, not {extra} x {extra}")
            p.check(image.get("preserveAspectRatio") == "none", "an embedded matrix keeps its aspect ratio")
        return
    p.check(not images, f"{len(images)} <image> in a figure of {count} cells")
    cell_size, n = sizes.most_common(1)[0] if sizes else ((0, 0), 0)
    p.check(n == count, f"{n} cells of the commonest size {cell_size}, not {count}")
    for rows, cols in extra:
        p.check(tiles([r for r in rects if (r["width"], r["height"]) == cell_size], rows, cols),
                f"the cells do not tile a {rows} x {cols} grid")


def polyline_points(line):
    return [tuple(float(v) for v in point.split(",")) for point in line.get("points", "").split()]


def path_corners(path):
    """The corners of "M x y L x y ... Z", or None when the path is not one closed polygon."""
    words = path.get("d", "").split()
    if len(words) < 4 or words[0] != "M" or words[-1] != "Z" or (len(words) - 1) % 3:
        return None
    triples = [words[i:i + 3] for i in range(0, len(words) - 1, 3)]
    if [t[0] for t in triples] != ["M"] + ["L"] * (len(triples) - 1):
        return None
    return [(float(x), float(y)) for _, x, y in triples]


def check_curves(root, curves, p):
    lines, markers = curves if curves else (0, 0)
    polylines = list(root.iter(SVG + "polyline"))
    shapes = list(root.iter(SVG + "circle")) + list(root.iter(SVG + "path"))
    p.check(len(polylines) == lines, f"{len(polylines)} <polyline>, not {lines}")
    p.check(len(shapes) == markers, f"{len(shapes)} markers, not {markers}")
    for line in polylines:
        p.check(len(polyline_points(line)) >= 2, f"a <polyline> of {line.get('points')!r}")
        p.check(COLOUR.fullmatch(line.get("stroke", "")) and float(line.get("stroke-width", "0")) > 0,
                f"a <polyline> with stroke {line.get('stroke')!r}, width {line.get('stroke-width')!r}")
    for path in root.iter(SVG + "path"):
        p.check(path_corners(path) is not None and len(path_corners(path)) >= 3,
                f"a marker path {path.get('d')!r} is not a closed polygon")


def inside(x0, y0, x1, y1, width, height):
    return x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height


def check_inside(root, width, height, p):
    for tag in ("rect", "image"):
        for e in root.iter(SVG + tag):
            x, y, w, h = (float(e.get(k)) for k in ("x", "y", "width", "height"))
            p.check(w > 0 and h > 0 and inside(x, y, x + w, y + h, width, height),
                    f"<{tag}> at {x},{y} of {w} x {h} leaves the {width} x {height} viewBox")
    for line in root.iter(SVG + "polyline"):
        for x, y in polyline_points(line):
            p.check(inside(x, y, x, y, width, height), f"a line's point {x},{y} leaves the viewBox")
    for circle in root.iter(SVG + "circle"):
        x, y, r = (float(circle.get(k)) for k in ("cx", "cy", "r"))
        p.check(r > 0 and inside(x - r, y - r, x + r, y + r, width, height), f"a circle at {x},{y} leaves the viewBox")
    for path in root.iter(SVG + "path"):
        for x, y in path_corners(path) or []:
            p.check(inside(x, y, x, y, width, height), f"a marker's corner {x},{y} leaves the viewBox")
    for t in root.iter(SVG + "text"):
        size = float(t.get("font-size"))
        p.check(size > 0, f"text {t.text!r} has font size {size}")
        turn = TURN.fullmatch(t.get("transform", ""))
        if turn is None:  # upright: x is where the line starts, y its baseline
            x, y = float(t.get("x")), float(t.get("y"))
            p.check(inside(x, y - size, x, y, width, height), f"text {t.text!r} at {x},{y} leaves the viewBox")
            continue
        cx, cy, angle = float(turn.group(1)), float(turn.group(2)), int(turn.group(3))
        length = -2 * float(t.get("x"))
        p.check(length > 0, f"turned text {t.text!r} is not centred on its turn (x = {t.get('x')})")
        if angle == 90:  # the line runs up: length tall, font size wide
            box = (cx - size / 2, cy - length / 2, cx + size / 2, cy + length / 2)
        else:  # 45: the length x font size rectangle's bounding square
            half = (length + size) * 0.7071 / 2
            box = (cx - half, cy - half, cx + half, cy + half)
        p.check(inside(*box, width, height), f"turned text {t.text!r} about {cx},{cy} leaves the viewBox")


def check_fills(root, p):
    gradients = {g.get("id") for g in root.iter(SVG + "linearGradient")}
    for e in root.iter():
        for key in ("fill", "stroke", "stop-color"):
            value = e.get(key)
            if value is None or COLOUR.fullmatch(value) or (key == "fill" and value == "none"):
                continue
            url = URL.fullmatch(value)
            p.check(url is not None and url.group(1) in gradients, f"{e.tag} has {key}={value!r}")


def check(path, expected):
    p = Problems(path.name)
    root = ET.parse(path).getroot()
    size = check_root(root, p)
    if size is None:
        return p.found
    check_title(root, expected["title"], p)
    check_texts(root, expected["texts"], p)
    check_cells(root, expected["cells"], p)
    check_curves(root, expected.get("curves"), p)
    check_inside(root, *size, p)
    check_fills(root, p)
    return p.found


def main() -> int:
    directory = Path(sys.argv[1])
    problems = []
    for name, expected in FIGURES.items():
        path = directory / f"{name}.svg"
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        try:
            problems += check(path, expected)
        except ET.ParseError as e:
            problems.append(f"{path}: {e}")
    for line in problems[:40]:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problems", file=sys.stderr)
        return 1
    print(f"{len(FIGURES)} SVG files parse and hold what they should")
    return 0


if __name__ == "__main__":
    sys.exit(main())
