#!/usr/bin/env python3
"""Opens OUT_DIR/index.html of `attnmap batch` in headless Chromium and checks it as a reader's
browser shows it:

  - no console error, failed load or uncaught exception;
  - over all its pages (of 25 entries, the smallest page size), one entry per selected record of
    OUT_DIR/manifest.jsonl, with its id and text exactly as the manifest has them, and no element
    the data could have injected;
  - every <img> of every page loaded (complete, naturalWidth > 0), every page link (the explorer's
    pages) leads to a file;
  - each outcome filter shows the records with that outcome, the search box filters by id, and
    each sort order puts the entries in that order.

    check_index_html.py OUT_DIR [--expect N] [--timeout SECONDS]

Exit status: 0 when all holds, 1 with what failed on stderr, 77 (ctest's "skipped") when no
Chromium is installed. Chromium is driven by chromium.py beside this file.
"""
import argparse
import json
import sys
import time
import urllib.parse
from pathlib import Path

from chromium import Browser, CheckFailed, find_binary


def as_text(value) -> str:
    """A manifest value as the page shows it: strings as they are, numbers as JSON writes them."""
    return "" if value is None else value if isinstance(value, str) else json.dumps(value)


def selected_records(out_dir: Path) -> list:
    """The records the page must show, with "id" and "text" as the page shows them."""
    records = []
    with open(out_dir / "manifest.jsonl", encoding="utf-8") as manifest:
        for line in manifest:  # not splitlines(): a text may hold U+2028
            if line.strip():
                record = json.loads(line)
                if "error" not in record and record.get("selected") is True:
                    records.append({**record, "id": as_text(record.get("id")), "text": as_text(record.get("text"))})
    return records


def confidence(record: dict):
    model = (record.get("models") or [{}])[0]
    return (model.get("probabilities") or {}).get(model.get("predicted"))


# Goes through every page of entries from the current one (the first, after a filter or sort),
# collecting each entry, and when asked, waiting for each page's images and noting broken ones.
WALK = """async (waitForImages) => {
  const entries = [], broken = [], pages = [];
  let images = 0, injected = 0;
  for (;;) {
    for (const e of document.querySelectorAll('#entries > .entry')) {
      entries.push({line: e.dataset.line, id: e.querySelector('.entry-id').textContent,
                    text: e.querySelector('.entry-text').textContent});
    }
    injected += document.querySelectorAll('[onerror], img:not(figure img)').length + document.scripts.length - 2;
    pages.push(...[...document.querySelectorAll('#entries a.page-link')].map(a => a.getAttribute('href')));
    if (waitForImages) {
      const shown = Array.from(document.images);
      await Promise.all(shown.map(img => img.complete ? null : new Promise(done => {
        img.addEventListener('load', done);
        img.addEventListener('error', done);
      })));
      images += shown.length;
      broken.push(...shown.filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.getAttribute('src')));
    }
    const next = document.querySelector('#controls button.next');
    if (!next || next.disabled) return {entries, images, broken, injected, pages};
    const range = document.querySelector('#controls .range').textContent;
    next.click();
    if (document.querySelector('#controls .range').textContent === range) {
      throw new Error(`the next page button does nothing (at ${range})`);
    }
  }
}"""


def walk(browser: Browser, wait_for_images: bool = False) -> dict:
    return browser.evaluate(f"({WALK})({'true' if wait_for_images else 'false'})")


def lines_shown(browser: Browser, action: str) -> list:
    """The lines of the entries on every page after running `action` in the page."""
    browser.evaluate(action)
    return [e["line"] for e in walk(browser)["entries"]]


def check_entries(browser: Browser, records: list, failures: list, out_dir: Path) -> int:
    """Every page: one entry per record, id and text as in the manifest, every image loaded."""
    if records and browser.evaluate("document.getElementById('controls').hidden"):
        raise CheckFailed("the controls are still hidden: the page's script did not run to its end")
    if records:  # small pages, so that even a small report has several
        browser.evaluate("(() => { const s = document.getElementById('page-size'); s.selectedIndex = 0;"
                         " s.dispatchEvent(new Event('change')); })()")
    found = walk(browser, wait_for_images=True)
    shown = found["entries"]
    if len(shown) != len(records):
        failures.append(f"the pages have {len(shown)} entries, the manifest {len(records)} selected records")
    by_line = {str(r["line"]): r for r in records}
    if sorted(e["line"] for e in shown) != sorted(by_line):
        failures.append("the entries' lines are not the selected records' lines")
    for entry in shown:
        record = by_line.get(entry["line"])
        # An empty id is shown as a dash.
        if record is not None and (entry["text"] != record["text"] or entry["id"] != (record["id"] or "\u2014")):
            failures.append(f"line {entry['line']}: id or text differs from the manifest: "
                            f"{entry['id']!r} {entry['text'][:80]!r}")
    if found["broken"]:
        failures.append(f"{len(found['broken'])} of {found['images']} images did not load, "
                        f"e.g. {found['broken'][:3]}")
    # The explorer's pages are linked, not shown: each link's file is there.
    for href in found["pages"]:
        if not (out_dir / urllib.parse.unquote(href)).is_file():
            failures.append(f"the page link {href} leads to no file")
    if found["injected"]:
        failures.append(f"{found['injected']} elements the data injected into the page")
    return found["images"]


def check_filters(browser: Browser, records: list, failures: list):
    if not records:
        return
    # outcome: null for the button that shows all, "" for records without an outcome
    buttons = browser.evaluate("""Array.from(document.querySelectorAll('#outcome-filter button')).map(b => ({
        outcome: b.hasAttribute('data-all') ? null : b.dataset.outcome,
        count: b.querySelector('.count').textContent}))""")
    outcomes = {r.get("outcome") or "" for r in records}
    if sorted(b["outcome"] for b in buttons if b["outcome"] is not None) != sorted(outcomes):
        failures.append(f"filter buttons {[b['outcome'] for b in buttons]} for outcomes {sorted(outcomes)}")
    if [b["outcome"] for b in buttons].count(None) != 1:
        failures.append("no one button that shows all outcomes")
    for i, button in enumerate(buttons + buttons[:1]):  # and back to the first, "all"
        want = sorted(str(r["line"]) for r in records if button["outcome"] in (None, r.get("outcome") or ""))
        got = lines_shown(browser, f"document.querySelectorAll('#outcome-filter button')[{i % len(buttons)}].click()")
        if sorted(got) != want or button["count"] != str(len(want)):
            name = "all" if button["outcome"] is None else button["outcome"] or "no outcome"
            failures.append(f"filter {name!r} (count {button['count']}) shows {len(got)} entries, expected {len(want)}")
    query = next((r["id"] for r in records if r["id"].isascii() and r["id"].isprintable()), records[0]["id"])
    search = ("(() => {{ const s = document.getElementById('search'); s.value = {};"
              " s.dispatchEvent(new Event('input')); }})()")
    got = lines_shown(browser, search.format(json.dumps(query)))
    lines_shown(browser, search.format('""'))
    want = [r for r in records if query.lower() in (r["id"] + "\n" + r["text"]).lower()]
    if len(got) != len(want):
        failures.append(f"searching {query!r} shows {len(got)} entries, expected {len(want)}")


def check_sorting(browser: Browser, records: list, failures: list):
    if not records:
        return
    by_line = {str(r["line"]): r for r in records}
    for order in ("id", "confidence-desc", "confidence-asc", "line"):
        lines = lines_shown(browser, f"(() => {{ const s = document.getElementById('sort'); s.value = '{order}';"
                                     " s.dispatchEvent(new Event('change')); })()")
        if sorted(lines) != sorted(by_line):
            failures.append(f"sorting by {order} lost or added entries")
            continue
        if order == "line":
            keys = [int(line) for line in lines]
        elif order == "id":
            keys = None  # the page collates ids numerically (Intl.Collator), Python cannot
        else:
            values = [confidence(by_line[line]) for line in lines]
            present = [v for v in values if v is not None]
            if values[:len(present)] != present:
                failures.append(f"sorting by {order}: entries without a confidence come first")
            keys = present if order.endswith("asc") else [-v for v in present]
        if keys is not None and keys != sorted(keys):
            failures.append(f"sorting by {order} gives lines in the order {lines[:10]}...")


def check_faithfulness(browser: Browser, summary: dict, failures: list):
    """The faithfulness view's table, one per model: visible, a row per method with the baselines
    last, the numbers as the summary has them to 3 decimals, names from the data shown as text."""
    expected = summary.get("faithfulness", [])
    tables = browser.evaluate("""[...document.querySelectorAll('section.faithfulness table')].map(t => ({
        visible: t.offsetHeight > 0,
        rows: [...t.querySelectorAll('tr')].slice(1).map(r => [...r.children].map(c => c.textContent))}))""")
    if len(tables) != len(expected):
        failures.append(f"{len(tables)} faithfulness tables, expected {len(expected)}")
        return
    for table, methods in zip(tables, expected):
        if not table["visible"]:
            failures.append("a faithfulness table is not visible")
        names = sorted(name for name in methods if name not in ("random", "loo"))
        names += [b for b in ("random", "loo") if b in methods]
        def shown(e):
            return "\u2014" if e is None else f"{e['mean']:.3f} [{e['low']:.3f}, {e['high']:.3f}]"
        want = [[name, shown(methods[name]["aopc_comprehensiveness"]), shown(methods[name]["aopc_sufficiency"]),
                 shown(methods[name]["tau_loo"]), str(methods[name]["n"])] for name in names]
        if table["rows"] != want:
            failures.append(f"faithfulness table rows {table['rows']}, expected {want}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--expect", type=int, help="the number of entries the page must have")
    parser.add_argument("--timeout", type=float, default=120, help="seconds for the whole check")
    args = parser.parse_args()

    binary = find_binary()
    if not binary:
        print("check_index_html: skipped: no Chromium (install the Debian package chromium)", file=sys.stderr)
        return 77
    page = (args.out_dir / "index.html").resolve()
    if not page.is_file():
        print(f"check_index_html: FAILED: no {page}", file=sys.stderr)
        return 1
    records = selected_records(args.out_dir)
    failures = []
    if args.expect is not None and args.expect != len(records):
        failures.append(f"the manifest has {len(records)} selected records, expected {args.expect}")

    start = time.monotonic()
    try:
        browser = Browser(binary, start + args.timeout)
    except OSError as e:
        print(f"check_index_html: FAILED: cannot start {binary}: {e}", file=sys.stderr)
        return 1
    try:
        browser.open(page.as_uri())
        images = check_entries(browser, records, failures, args.out_dir)
        check_filters(browser, records, failures)
        check_sorting(browser, records, failures)
        check_faithfulness(browser, json.loads((args.out_dir / "summary.json").read_text(encoding="utf-8")), failures)
    except CheckFailed as e:
        failures.append(str(e))
        if browser.process.poll() is not None or "timed out" in str(e):
            failures.append(f"Chromium's output:\n{browser.browser_log()}")
    finally:
        failures += browser.errors()
        browser.close()
    if failures:
        print(f"check_index_html: FAILED: {page}", *failures, sep="\n  ", file=sys.stderr)
        return 1
    print(f"{page}: {len(records)} entries, {images} images loaded, filters, search and sorting work, "
          f"no console errors ({time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
