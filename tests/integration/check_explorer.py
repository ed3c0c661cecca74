#!/usr/bin/env python3
"""The explorer page (`attnmap render TEXT -o page.html`) in headless Chromium, driven as a reader
drives it: real mouse clicks, hovers and key presses (DevTools Input events), then what is drawn
and shown compared with attnmap's own numbers.

  - no request leaves the page (the Network domain sees only the file itself), no console error;
  - head view: clicking a head's swatch hides it, double-clicking shows it alone, hovering a token
    keeps only its lines, the arrow keys change the layer; each redraws the canvas;
  - matrix view: the value under the mouse is `attnmap dump`'s attention (one head) and `attnmap
    render --json`'s (rollout, words merged) to within what 16-bit storage keeps;
  - model view: clicking a thumbnail opens that layer and head; the head table sorts;
  - the URL's hash reopens the same view; both export buttons download files that parse (SVG)
    and decode (PNG) at the sizes shown;
  - a hostile text shows as text in every tab and runs nothing; a sentence pair and --compare
    offer their filters and show two models side by side.

    check_explorer.py ATTNMAP MODELS_DIR [--timeout SECONDS]
    check_explorer.py --pages PAGE.html...     any pages, as untrusted ones (batch --views explorer)

Exit status 0 when all holds, 1 with what failed, 77 (skipped) without Chromium.
"""
import argparse
import base64
import hashlib
import json
import struct
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
import zlib
from pathlib import Path

from chromium import Browser, CheckFailed, find_binary

TEXT = "The acting was unbelievably wooden, but the movie was not bad at all!"
HOSTILE = "</script><img src=x onerror=alert(1)> & \"quotes\" <b>bold</b>"


class Page:
    """One explorer page open in the browser, with the actions a reader takes."""

    def __init__(self, browser: Browser, url: str):
        self.browser = browser
        self.url = url
        browser.open(url)
        self.wait("document.body && document.body.dataset.ready === '1'")

    def js(self, expression: str):
        return self.browser.evaluate(expression)

    def wait(self, condition: str):
        """Until `condition` holds in the page (checked on every animation frame, within the deadline)."""
        self.js(f"""new Promise((done) => {{ const check = () => ({condition}) ? done(true) : requestAnimationFrame(check);
                  check(); }})""")

    def drawn(self) -> str:
        """What the canvas shows, once every pending drawing is done."""
        self.js("window.attnmapExplorer.ready")
        return hashlib.sha256(self.js("document.getElementById('view-canvas').toDataURL()").encode()).hexdigest()

    def state(self) -> dict:
        self.js("window.attnmapExplorer.ready")
        return self.js("""(() => { const s = window.attnmapExplorer.state;
                          return {...s, hidden: [...s.hidden].sort((a, b) => a - b)}; })()""")

    def mouse(self, kind: str, x: float, y: float, clicks: int = 1):
        self.browser.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left" if kind != "mouseMoved" else "none",
                                                      "clickCount": clicks})

    def click_at(self, x: float, y: float, clicks: int = 1):
        for n in range(1, clicks + 1):
            self.mouse("mousePressed", x, y, n)
            self.mouse("mouseReleased", x, y, n)
        self.js("window.attnmapExplorer.ready")

    def center(self, selector: str):
        box = self.js(f"""(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null;
                         e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect();
                         return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
        if box is None:
            raise CheckFailed(f"nothing on the page matches {selector}")
        return box

    def click(self, selector: str, clicks: int = 1):
        self.click_at(*self.center(selector), clicks=clicks)

    def hover(self, point):
        if point is None:
            raise CheckFailed("the page did not say where to point")
        self.mouse("mouseMoved", *point)
        self.js("window.attnmapExplorer.ready")

    def key(self, key: str):
        code = {"ArrowUp": 38, "ArrowDown": 40, "ArrowLeft": 37, "ArrowRight": 39}.get(key, ord(key.upper()[0]))
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "windowsVirtualKeyCode": code}
            if kind == "keyDown" and len(key) == 1:
                params["text"] = key
            self.browser.call("Input.dispatchKeyEvent", params)
        self.js("window.attnmapExplorer.ready")

    def choose(self, select_id: str, value: str):
        """Picks an option of a <select> as the keyboard would: focus, value, change event."""
        self.js(f"""(() => {{ const s = document.getElementById({json.dumps(select_id)}); s.focus();
                   s.value = {json.dumps(value)}; s.dispatchEvent(new Event('change')); s.blur(); }})()""")
        self.js("window.attnmapExplorer.ready")

    def tooltip(self) -> str:
        return self.js("document.getElementById('tooltip').textContent")


def attnmap_json(attnmap: str, model: Path, text: str, *args) -> dict:
    out = subprocess.run([attnmap, "render", "--model", str(model), "--text", text, "--json", *args],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def dumped_head(attnmap: str, model: Path, text: str, layer: int, head: int, work: Path) -> dict:
    """One head's attention as `attnmap dump` writes it, labelled as render --json labels it."""
    dump = work / "dump.json"
    subprocess.run([attnmap, "dump", "--model", str(model), "--text", text, "-o", str(dump)], check=True, capture_output=True)
    attention = json.loads(dump.read_text(encoding="utf-8"))["attentions"]
    _, heads, queries, keys = attention["shape"]
    base = (layer * heads + head) * queries * keys
    values = [attention["values"][base + q * keys:base + (q + 1) * keys] for q in range(queries)]
    labelled = attnmap_json(attnmap, model, text, "--layer", str(layer), "--head", str(head))
    return {**labelled, "values": values}


def shown_value(tooltip: str) -> tuple:
    """'query → key: 0.1234' as (query, key, value)."""
    pair, _, value = tooltip.rpartition(": ")
    query, _, key = pair.partition(" \u2192 ")
    return query, key, float(value)


def check_cells(page: Page, expected: dict, failures: list, what: str):
    """Hovers every cell of the matrix on the page and compares it with `expected` (render --json)."""
    values = expected["values"]
    lo = min(min(r) for r in values)
    hi = max(max(r) for r in values)
    # 16 bits on the matrix's own range, then 4 decimals on the page.
    tolerance = (hi - lo) / 131070 + 5e-5 + 1e-6
    rows, cols = len(values), len(values[0])
    checked = 0
    for r in range(rows):
        for c in range(cols):
            page.hover(page.js(f"window.attnmapExplorer.cellCenter({r}, {c})"))
            query, key, value = shown_value(page.tooltip())
            if (query, key) != (expected["row_labels"][r], expected["col_labels"][c]):
                failures.append(f"{what}: cell {r},{c} is labelled {query!r} \u2192 {key!r}, attnmap says "
                                f"{expected['row_labels'][r]!r} \u2192 {expected['col_labels'][c]!r}")
                return
            if abs(value - values[r][c]) > tolerance:
                failures.append(f"{what}: cell {r},{c} shows {value}, attnmap computes {values[r][c]} (tolerance {tolerance:.2g})")
            checked += 1
    return checked


def png_size(data: bytes) -> tuple:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise CheckFailed("the PNG export is no PNG")
    width, height = struct.unpack(">II", data[16:24])
    # Decode it: every IDAT chunk inflated to the rows the header promises (filter byte + RGBA).
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    channels = {6: 4, 2: 3}[data[25]]
    if len(raw) != height * (1 + width * channels):
        raise CheckFailed(f"the PNG export's pixels do not fill its {width}x{height}")
    return width, height


def download(page: Page, button: str, directory: Path) -> Path:
    """Clicks `button` and waits for the download it starts to finish; the file it wrote."""
    before = set(directory.iterdir())
    seen = len(page.browser.events)
    page.click(button)
    while True:
        page.browser.wait_for_event("Browser.downloadProgress", since=seen)
        for seen in range(seen, len(page.browser.events)):
            method, params = page.browser.events[seen]
            if method == "Browser.downloadProgress" and params.get("state") == "canceled":
                raise CheckFailed(f"the download of {button} was cancelled")
            if method == "Browser.downloadProgress" and params.get("state") == "completed":
                new = set(directory.iterdir()) - before
                if len(new) != 1:
                    raise CheckFailed(f"{button} wrote {len(new)} files: {sorted(p.name for p in new)}")
                return new.pop()
        seen = len(page.browser.events)


def check_main(browser: Browser, attnmap: str, models: Path, work: Path, failures: list) -> str:
    model = models / "sentiment-bert"
    html = work / "page.html"
    subprocess.run([attnmap, "render", "--model", str(model), "--text", TEXT, "-o", str(html)], check=True, capture_output=True)
    size = html.stat().st_size
    if size > 200_000:
        failures.append(f"the page of a {len(TEXT.split())}-word text is {size} bytes (goal: 200 KB)")
    downloads = work / "downloads"
    downloads.mkdir()
    browser.call("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads), "eventsEnabled": True},
                 page=False)
    page = Page(browser, html.as_uri())
    state = page.state()
    if state["tab"] != "head":
        failures.append(f"the page opens on {state['tab']!r}, not the head view")

    # Head view: toggle a head, solo one, hover a token, change the layer with the keyboard.
    first = page.drawn()
    page.click(".swatch[data-head='0']")
    if page.state()["hidden"] != [0] or page.drawn() == first:
        failures.append(f"clicking head 0's swatch: hidden {page.state()['hidden']}, drawing changed: {page.drawn() != first}")
    if page.js("document.querySelector(\".swatch[data-head='0']\").getAttribute('aria-pressed')") != "false":
        failures.append("head 0's swatch does not say it is off")
    page.click(".swatch[data-head='3']", clicks=2)
    heads = page.js("window.attnmapExplorer.state.hidden.size + document.querySelectorAll('.swatch[aria-pressed=true]').length")
    if page.state()["hidden"] != [h for h in range(heads) if h != 3]:
        failures.append(f"double-clicking head 3 leaves hidden {page.state()['hidden']}")
    solo = page.drawn()
    page.hover(page.js("window.attnmapExplorer.tokenCenter('left', 2)"))
    if page.state()["hover"] != {"side": "left", "index": 2} or page.drawn() == solo:
        failures.append(f"hovering token 2: hover state {page.state()['hover']}")
    page.hover([2, 2])
    layer = page.state()["layer"]
    page.key("ArrowUp")
    if page.state()["layer"] != layer - 1 or page.drawn() == solo:
        failures.append(f"ArrowUp: layer {layer} -> {page.state()['layer']}")

    # Matrix view: every cell of head 3 of layer 1 against render --json.
    page.click("button[data-tab='matrix']")
    page.choose("layer-select", "1")
    page.choose("head-select", "3")
    checked = check_cells(page, dumped_head(attnmap, model, TEXT, 1, 3, work), failures, "attention layer 1 head 3")
    command = page.js("document.getElementById('command').value")
    if "--view matrix --layer 1 --head 3" not in command or not command.startswith("attnmap render"):
        failures.append(f"the command line for layer 1 head 3 is {command!r}")

    # Another method, and words: rollout through all layers, then the mean of the last layer merged.
    before = page.drawn()
    page.choose("view-select", "rollout")
    if page.drawn() == before:
        failures.append("switching to rollout drew nothing new")
    entries = page.js("document.getElementById('layer-select').options.length")
    page.choose("layer-select", str(entries - 1))
    checked += check_cells(page, attnmap_json(attnmap, model, TEXT, "--view", "rollout"), failures, "rollout")
    # valuenorm's heads are built in the page from attention and per-key scales.
    page.choose("view-select", "valuenorm")
    page.choose("layer-select", "1")
    page.choose("head-select", "5")
    checked += check_cells(page, attnmap_json(attnmap, model, TEXT, "--view", "valuenorm", "--layer", "1", "--head", "5"),
                           failures, "valuenorm layer 1 head 5")
    page.choose("view-select", "matrix")
    page.choose("head-select", "-1")
    page.choose("layer-select", "2")
    tokens = page.js("window.attnmapExplorer.cellCenter(0, 0) && document.getElementById('view-canvas').height")
    page.key("w")
    if not page.state()["words"] or page.js("document.getElementById('view-canvas').height") == tokens:
        failures.append("the w key did not merge the word pieces")
    checked += check_cells(page, attnmap_json(attnmap, model, TEXT, "--layer", "2", "--merge-subwords"), failures,
                           "layer 2 mean, words")
    page.key("w")

    # The model view: a thumbnail opens its layer and head; the head table sorts.
    page.key("2")
    page.hover(page.js("window.attnmapExplorer.tileCenter(1, 4)"))
    page.click_at(*page.js("window.attnmapExplorer.tileCenter(1, 4)"))
    s = page.state()
    if (s["tab"], s["layer"], s["head"]) != ("matrix", 1, 4):
        failures.append(f"clicking tile (1, 4) opened {s['tab']} layer {s['layer']} head {s['head']}")
    page.click("#head-table th[data-column='entropy']")
    entropies = page.js("[...document.querySelectorAll('#head-table tbody tr')].map(r => Number(r.cells[2].textContent))")
    if entropies != sorted(entropies, reverse=True) or len(entropies) != 36:
        failures.append(f"sorting by entropy gives {entropies[:6]}... ({len(entropies)} rows)")
    page.click("#head-table th[data-column='entropy']")
    entropies = page.js("[...document.querySelectorAll('#head-table tbody tr')].map(r => Number(r.cells[2].textContent))")
    if entropies != sorted(entropies):
        failures.append("sorting by entropy a second time does not reverse the order")
    page.click("#head-table tbody tr[data-layer='2'][data-head='7']")
    s = page.state()
    if (s["view"], s["layer"], s["head"]) != ("matrix", 2, 7):
        failures.append(f"clicking the table's row of layer 2 head 7 opened {s['view']} {s['layer']} {s['head']}")

    # The hash: a fresh page at the same URL shows the same.
    page.key("s")
    drawn, hash_ = page.drawn(), page.js("location.hash")
    again = Page(browser, html.as_uri() + hash_)
    s2 = again.state()
    if (s2["tab"], s2["view"], s2["layer"], s2["head"], s2["special"]) != ("matrix", "matrix", 2, 7, False) or again.drawn() != drawn:
        failures.append(f"reopening {hash_} shows {s2['tab']} {s2['view']} layer {s2['layer']} head {s2['head']} special {s2['special']}")
    page = again

    # Exports: the files as shown.
    css = page.js("(() => { const c = document.getElementById('view-canvas'); return [parseFloat(c.style.width), parseFloat(c.style.height), c.width, c.height]; })()")
    svg = download(page, "#export-svg", downloads)
    root = ElementTree.parse(svg).getroot()
    if root.tag != "{http://www.w3.org/2000/svg}svg" or (int(root.get("width")), int(root.get("height"))) != (round(css[0] + 0.49), round(css[1] + 0.49)):
        failures.append(f"the SVG export {svg.name} is {root.tag} {root.get('width')}x{root.get('height')}, the view {css[0]}x{css[1]}")
    if len(root.findall(".//{http://www.w3.org/2000/svg}rect")) < 10:
        failures.append("the SVG export has no heatmap cells")
    png = download(page, "#export-png", downloads)
    if png_size(png.read_bytes()) != (css[2], css[3]):
        failures.append(f"the PNG export is {png_size(png.read_bytes())}, the canvas {css[2]}x{css[3]}")

    requests = [p["request"]["url"] for m, p in browser.events if m == "Network.requestWillBeSent"]
    foreign = [u for u in requests if not u.startswith(html.as_uri()) and not u.startswith(("blob:", "data:"))]
    if foreign:
        failures.append(f"the page asked the network for {foreign[:5]}")
    return f"{size // 1000} KB, {checked} cells equal to attnmap's"


def check_hostile(browser: Browser, attnmap: str, models: Path, work: Path, failures: list):
    html = work / "hostile.html"
    subprocess.run([attnmap, "render", "--model", str(models / "sentiment-bert"), "--text", HOSTILE, "-o", str(html)],
                   check=True, capture_output=True)
    page = Page(browser, html.as_uri())
    for tab in "1234":
        page.key(tab)
        page.drawn()
    if page.js("document.getElementById('text').textContent") != HOSTILE:
        failures.append("the hostile text is not shown as written")
    injected = page.js("document.querySelectorAll('img, b, [onerror]').length + document.scripts.length - 2")
    if injected:
        failures.append(f"{injected} elements injected by the text")
    dialogs = [p for m, p in browser.events if m == "Page.javascriptDialogOpening"]
    if dialogs:
        failures.append(f"the text opened a dialog: {dialogs[0].get('message')}")
    page.key("3")
    labels = [t.text for t in ElementTree.fromstring(page.js("window.attnmapExplorer.svg()")).iter("{http://www.w3.org/2000/svg}text")]
    if "script" not in labels or "<" not in labels:
        failures.append(f"the matrix view's labels do not show the text's tokens: {labels[:12]}")


def check_untrusted_page(browser: Browser, html: Path, failures: list):
    """Any explorer page (one `batch --views explorer` wrote): every tab drawn, its text shown as
    written (as its data holds it), nothing injected, no dialog, no request, no console error."""
    page = Page(browser, html.resolve().as_uri())
    for tab in "1234":
        page.key(tab)
        page.drawn()
    text, data = page.js("[document.getElementById('text').textContent, JSON.parse(document.getElementById('explorer-data').textContent).text]")
    if text != data:
        failures.append(f"{html}: the text shows as {text[:60]!r}, its data holds {data[:60]!r}")
    injected = page.js("document.querySelectorAll('img, iframe, object, embed, [onerror], [onload]').length + document.scripts.length - 2")
    if injected:
        failures.append(f"{html}: {injected} elements injected by the text")
    if any(m == "Page.javascriptDialogOpening" for m, _ in browser.events):
        failures.append(f"{html}: the text opened a dialog")
    requests = [p["request"]["url"] for m, p in browser.events if m == "Network.requestWillBeSent"]
    if [u for u in requests if not u.startswith(("file:", "blob:", "data:"))]:
        failures.append(f"{html}: the page asked the network for {requests[:3]}")


def check_pair_and_compare(browser: Browser, attnmap: str, models: Path, work: Path, failures: list):
    html = work / "pair.html"
    subprocess.run([attnmap, "render", "--model", str(models / "sentiment-bert"), "--compare", str(models / "sentiment-roberta"),
                    "--text", "The plot was thin.", "--pair", "I loved it anyway.", "--methods", "rollout", "-o", str(html)],
                   check=True, capture_output=True)
    page = Page(browser, html.as_uri())
    page.key("3")
    everything = page.js("document.getElementById('view-canvas').height")
    page.choose("rows-select", "a")
    first_text = page.js("window.attnmapExplorer.state.rows")
    if first_text != "a" or page.js("document.getElementById('view-canvas').height") >= everything:
        failures.append("the queries filter (text A) does not shrink the matrix")
    page.choose("model-select", "both")
    if page.js("window.attnmapExplorer.cellCenter(0, 0, 1)") is None:
        failures.append("'both, side by side' does not draw the second model")
    page.hover(page.js("window.attnmapExplorer.cellCenter(0, 0, 1)"))
    if "<s>" not in page.tooltip():
        failures.append(f"the second model's first cell says {page.tooltip()!r}, not RoBERTa's <s>")


def finish(failures: list, success: str) -> int:
    """The exit status: what failed on stderr (1), or `success` on stdout (0)."""
    if failures:
        print("check_explorer: FAILED", *failures, sep="\n  ", file=sys.stderr)
        return 1
    print(success)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("attnmap", nargs="?")
    parser.add_argument("models", type=Path, nargs="?")
    parser.add_argument("--pages", type=Path, nargs="+", help="only open these pages as untrusted ones (batch's)")
    parser.add_argument("--timeout", type=float, default=240)
    args = parser.parse_args()
    binary = find_binary()
    if not binary:
        print("check_explorer: skipped: no Chromium (install the Debian package chromium)", file=sys.stderr)
        return 77
    start = time.monotonic()
    failures, summary = [], ""
    if args.pages:
        for html in args.pages:
            with Browser(binary, time.monotonic() + args.timeout) as browser:
                try:
                    check_untrusted_page(browser, html, failures)
                except CheckFailed as e:
                    failures.append(f"{html}: {e}")
                failures += [f"{html}: {e}" for e in browser.errors()]
        return finish(failures, f"{len(args.pages)} explorer pages: every tab drawn, texts shown as text, nothing run "
                                f"({time.monotonic() - start:.1f} s)")
    if args.attnmap is None or args.models is None:
        parser.error("give ATTNMAP and MODELS_DIR, or --pages")
    with tempfile.TemporaryDirectory(prefix="attnmap-explorer-") as work:
        for check in (check_main, check_hostile, check_pair_and_compare):
            browser = Browser(binary, time.monotonic() + args.timeout)
            try:
                result = check(browser, args.attnmap, args.models, Path(work), failures)
                summary = result or summary
            except CheckFailed as e:
                failures.append(f"{check.__name__}: {e}")
            finally:
                failures += [f"{check.__name__}: {e}" for e in browser.errors()]
                browser.close()
    return finish(failures, f"explorer: {summary}; clicks, hovers, keys, hash, exports, hostile text, pair and compare "
                            f"work ({time.monotonic() - start:.1f} s)")


if __name__ == "__main__":
    sys.exit(main())
