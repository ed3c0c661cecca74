#!/usr/bin/env python3
"""attnmap's explorer page (`attnmap render -o page.html`) against bertviz's head_view and
model_view, on the same model (models/minilm: its bundle for attnmap, its Hugging Face checkpoint
models/minilm/hf for bertviz) and the same texts of exactly 20, 128 and 512 tokens.

attnmap writes two pages per text: its default page (`render -o page.html`, every view and method
the model supports, "attnmap") and the attention alone (`--methods matrix`, what bertviz shows).
For each text and each tool it measures:
  - file size and time to write the file: attnmap's process wall time; for bertviz the whole
    Python script (this file run with --bertviz-child: import torch, transformers and bertviz,
    load the tokenizer and model, one forward pass with output_attentions, head_view or
    model_view(..., html_action="return"), write the page), one fresh process per run, median of
    --repeat runs after one untimed warm-up of each command (at the first size); a write that took
    longer than --once-s is not repeated, and each writer runs under an address-space cap
    (prlimit --as, --write-memory-gib) and --write-timeout-s;
  - time to first paint in headless Chromium (tests/integration/chromium.py), median of --repeat
    runs, a fresh browser each run, the viewport 1400 x 900 at scale 1:
      attnmap: the startTime of its performance mark "attnmap-first-paint" (set when the first
      drawing is done, with body.dataset.ready = "1"); the model view is the same page opened at
      #tab=model;
      bertviz: performance.now() when its <svg> has been put into its #vis div with its <line>
      elements (a MutationObserver on #vis: it runs right after bertviz's synchronous drawing);
    and, measured the same way for both, "frame": the end of the first frame after that point
    (requestAnimationFrame, then a task), which includes style, layout and paint of what was drawn;
  - whether it renders offline at all: every request that is not the file itself fails
    (Fetch domain, net::ERR_INTERNET_DISCONNECTED). attnmap: body.dataset.ready == "1" and ink on
    its canvas; bertviz: <line> elements in its SVG, within --quiet-s seconds of the load event.
    "online": the machine has no internet, so bertviz's CDN scripts (require.js 2.3.6, d3 5.7.0,
    jQuery 2.0.0 at cdnjs, read from the installed bertviz's own source) are served from local copies
    fetched with `npm pack` into build/bench/explorer-cdn/ (Fetch.fulfillRequest). npm has no
    jQuery 2.0.0 (its 2.x starts at 2.1.0) and requirejs' package has no require.min.js: jQuery 2.1.0's
    dist/jquery.min.js and requirejs' require.js stand in at those URLs (of jQuery, bertviz uses
    only selectors and .append, .empty, .attr, .val, .text, .on and .change).

bertviz's pages: head_view/model_view(attention, tokens, html_action="return") gives an IPython HTML
object whose .data is a fragment (bertviz's <script src> of require.js, the view's <div>, and an
inline <script> with the attention as JSON and the view's JavaScript). It is written unchanged
inside a minimal HTML5 document -- <!DOCTYPE html>, <html>, <head> with <meta charset="utf-8"> and a
<title>, <body> -- which is what a user who saves it as a page gets (browsers open the bare
fragment the same way; the wrapper only fixes the encoding and the standards mode).

The browser's memory is watched (every Chromium process's RSS, summed; --memory-limit-gib): a page
that goes past the limit is stopped and reported so, as is one that does not draw within
--timeout-s (bertviz draws one SVG <line> per head and token pair: 12 x T^2 for the head view,
6 x 12 x T^2 for the model view).

  PYTHONPATH=. .venv/bin/python scripts/bench/explorer_bertviz.py --attnmap build/attnmap \\
      [--out DIR] [--screenshots examples/gallery] [--json FILE] [--sizes 20,128,512] [--repeat 3]

bertviz and what it imports at run time (IPython, traitlets) are pinned in requirements-test.txt
and installed with --no-deps like the rest: .venv/bin/pip install --no-deps -r requirements-test.txt.
--screenshots DIR writes explorer-head-view.png and bertviz-head-view.png there (the 20-token text).
attnmap's binary is fingerprinted (size, time, SHA-256) at the start and the end: a rebuild during
the run is reported.
"""
import argparse
import base64
import csv
import json
import os
import select
import signal
import statistics
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SENTIMENT = [ROOT / "examples" / "sentiment" / f"{split}.tsv" for split in ("test", "dev", "train")]
CHILD_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error", "PYTHONWARNINGS": "ignore",
             "TOKENIZERS_PARALLELISM": "false"}
DOC = ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>bertviz {view}_view</title>\n</head>\n'
       '<body>\n{fragment}\n</body>\n</html>\n')
# bertviz's CDN scripts (as its source names them) and the npm package and file that stand in for each.
CDN = {
    "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js": ("requirejs@2.3.6", "package/require.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/d3/5.7.0/d3.min.js": ("d3@5.7.0", "package/dist/d3.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/jquery/2.0.0/jquery.min.js": ("jquery@2.1.0", "package/dist/jquery.min.js"),
}
VIEWPORT = {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False}
SCREENSHOT_MAX_BYTES = 300_000

# Runs in every page before its own scripts. It reports, as console.debug messages (sent while the
# page may still be busy), "drawn": the time the first drawing is done (attnmap: its mark's
# startTime; bertviz: its SVG with lines in #vis), and "frame": the end of the next frame (style,
# layout and paint of it), both in ms from the navigation start.
PROBE = r"""
(() => {
  const say = (what) => console.debug("attnmap-bench " + JSON.stringify(what));
  let drawn = false;
  const done = (t, how) => {
    if (drawn) return;
    drawn = true;
    say({ drawn: t, how });
    requestAnimationFrame(() => setTimeout(() => say({ frame: performance.now() }), 0));
  };
  const mark = performance.mark.bind(performance);
  performance.mark = function (name, ...rest) {
    const entry = mark(name, ...rest);
    if (name === "attnmap-first-paint") done(entry.startTime, "mark");
    return entry;
  };
  let vis = null;
  const visObserver = new MutationObserver(() => {
    if (vis.querySelector("svg line")) { done(performance.now(), "svg"); visObserver.disconnect(); }
  });
  const documentObserver = new MutationObserver(() => {
    vis = document.querySelector("div[id^='bertviz-'] #vis");
    if (vis) { documentObserver.disconnect(); visObserver.observe(vis, { childList: true }); }
  });
  documentObserver.observe(document, { childList: true, subtree: true });
})();
"""
# What is on the page once it is done (or given up on).
CONTENT = r"""
(() => {
  const out = { ready: document.body ? document.body.dataset.ready || null : null,
                lines: document.getElementsByTagName("line").length,
                rects: document.getElementsByTagName("rect").length,
                svgs: document.getElementsByTagName("svg").length, canvas_ink: null };
  const c = document.getElementById("view-canvas");
  if (c && c.width && c.height) {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] && (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250)) ++ink;
    out.canvas_ink = ink;
    out.canvas = [c.width, c.height];
  }
  // bertviz: whether its inline script ran (it gives require.js the paths of d3 and jQuery).
  const r = window.requirejs && window.requirejs.s && window.requirejs.s.contexts._;
  out.bertviz_script_ran = r ? Boolean(r.config.paths && r.config.paths.d3) : null;
  const nav = performance.getEntriesByType("navigation")[0];
  if (nav) { out.dom_content_loaded_ms = nav.domContentLoadedEventEnd; out.load_ms = nav.loadEventEnd; }
  return JSON.stringify(out);
})()
"""


def say(*args):
    print(*args, file=sys.stderr, flush=True)


# --- the bertviz side, as a child process -----------------------------------------------------

def bertviz_child(argv):
    """What a user of bertviz runs: load the model, one forward pass with the attentions,
    head_view or model_view, write the page. Prints the token count and the page's size."""
    p = argparse.ArgumentParser(prog="explorer_bertviz.py --bertviz-child")
    p.add_argument("view", choices=["head", "model"])
    p.add_argument("model_dir")
    p.add_argument("text_file")
    p.add_argument("out")
    a = p.parse_args(argv)
    import torch
    from transformers import AutoModel, AutoTokenizer
    from bertviz import head_view, model_view

    text = Path(a.text_file).read_text(encoding="utf-8").strip()
    tokenizer = AutoTokenizer.from_pretrained(a.model_dir)
    model = AutoModel.from_pretrained(a.model_dir, output_attentions=True, attn_implementation="eager")
    model.eval()
    inputs = tokenizer(text, return_tensors="pt", truncation=True, max_length=512)
    with torch.no_grad():
        attention = model(**inputs).attentions
    tokens = tokenizer.convert_ids_to_tokens(inputs["input_ids"][0])
    view = head_view if a.view == "head" else model_view
    fragment = view(attention, tokens, html_action="return").data
    page = DOC.format(view=a.view, fragment=fragment).encode("utf-8")
    Path(a.out).write_bytes(page)
    print(json.dumps({"tokens": len(tokens), "bytes": len(page)}))


# --- inputs -----------------------------------------------------------------------------------

def sentences():
    for path in SENTIMENT:
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                yield row["text"]


def text_of(tokenizer, target):
    """A text of exactly `target` tokens ([CLS] and [SEP] included): whole sentences of
    examples/sentiment in file order while they fit, then the words of the next ones that still fit
    (a word of several pieces that would overshoot is left out)."""
    count = lambda t: len(tokenizer.encode(t).ids)  # noqa: E731
    text, stream = "", sentences()
    for sentence in stream:
        longer = f"{text} {sentence}".strip()
        if count(longer) > target:
            for s in [sentence, *stream]:
                for word in s.split():
                    if count(f"{text} {word}".strip()) <= target:
                        text = f"{text} {word}".strip()
                        if count(text) == target:
                            return text
            break
        text = longer
        if count(text) == target:
            return text
    raise SystemExit(f"examples/sentiment has too few sentences for {target} tokens")


def make_texts(model, sizes, out):
    from tokenizers import Tokenizer

    bundle = json.loads((model / "attnmap.json").read_text())
    tokenizer = Tokenizer.from_file(str(model / bundle["tokenizer"]["file"]))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    texts = {}
    for size in sizes:
        if size > bundle["max_length"]:
            raise SystemExit(f"{size} tokens: more than {model.name}'s max_length {bundle['max_length']}")
        text = text_of(tokenizer, size)
        path = out / f"text-{size}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        texts[size] = {"text": text, "file": path, "tokens": len(tokenizer.encode(text).ids)}
    return texts


def cdn_copies(directory):
    """{url: bytes} for bertviz's CDN scripts, from `npm pack` tarballs kept in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    wanted = sorted({spec for spec, _ in CDN.values()})
    missing = [spec for spec in wanted if not (directory / tarball_name(spec)).exists()]
    if missing:
        say(f"npm pack {' '.join(missing)} (into {directory})")
        subprocess.run(["npm", "pack", "--silent", *missing], cwd=directory, check=True, stdout=subprocess.DEVNULL)
    bodies = {}
    for url, (spec, member) in CDN.items():
        with tarfile.open(directory / tarball_name(spec)) as tar:
            bodies[url] = tar.extractfile(member).read()
    return bodies


def tarball_name(spec):
    name, version = spec.rsplit("@", 1)
    return f"{name}-{version}.tgz"


def check_bertviz_urls(python):
    """The CDN URLs in the installed bertviz's source must be the ones CDN stands in for."""
    code = ("import bertviz, pathlib, re, sys; d = pathlib.Path(bertviz.__file__).parent; "
            "s = ''.join((d / f).read_text() for f in ('head_view.py', 'model_view.py', 'head_view.js', 'model_view.js')); "
            "urls = set(re.findall(r'src=\"(https://[^\"]+)\"', s)) | "
            "{u + '.js' for u in re.findall(r\"(?:d3|jquery): '(https://[^']+)'\", s)}; "
            "print('\\n'.join(sorted(urls))); import importlib.metadata as m; print(m.version('bertviz'))")
    r = subprocess.run([python, "-c", code], capture_output=True, text=True, env={**os.environ, **CHILD_ENV})
    if r.returncode != 0:
        raise SystemExit("bertviz is not importable from " + python + " (.venv/bin/pip install --no-deps -r "
                         "requirements-test.txt installs it):\n" + r.stderr.strip()[-600:])
    *urls, version = r.stdout.split()
    if set(urls) != set(CDN):
        raise SystemExit(f"bertviz {version} loads {sorted(urls)}; this script serves {sorted(CDN)}")
    return version


def fingerprint(path):
    import hashlib

    st = os.stat(path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return {"bytes": st.st_size, "mtime": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(st.st_mtime)) + " UTC",
            "sha256": digest}


# --- writing the pages ------------------------------------------------------------------------

def timed(argv, args):
    """One fresh process: wall time and peak RSS (scripts/bench/measure.py), or why it failed. Its
    address space is capped (prlimit --as, --write-memory-gib): past it, allocations fail and the
    writer stops, rather than the machine running out of memory."""
    from measure import RunFailed, run_once

    cap = ["prlimit", f"--as={int(args.write_memory_gib * 2**30)}", "--"]
    start = time.monotonic()
    try:
        r = run_once(cap + [str(a) for a in argv], env={**os.environ, **CHILD_ENV}, cwd=ROOT,
                     timeout=args.write_timeout_s)
    except RunFailed as e:
        seconds = time.monotonic() - start
        why = (f"killed after {seconds:.0f} s (--write-timeout-s)" if seconds >= args.write_timeout_s else
               " ".join(str(e).split("\n", 1)[-1].split())[-300:] + f" (after {seconds:.0f} s)")
        return {"failed": why, "seconds": seconds}
    return {"seconds": r.seconds, "max_rss_mb": r.max_rss_mb, "stdout": r.stdout.strip()[-400:]}


# --- the browser ------------------------------------------------------------------------------

class PageBrowser:
    """Mixed into chromium.Browser: answers every Fetch.requestPaused as it arrives (the file
    itself goes on, a URL in `routes` gets that body, any other request fails), inside call() and
    while waiting, so that no command waits on a request nobody answers."""

    def setup(self, routes):
        self.routes = routes
        self.requests = []       # (url, "file" | "served" | "blocked")
        self.unanswered = set()  # ids of the Fetch commands sent without waiting for their reply

    def _write(self, command):
        data = json.dumps(command).encode() + b"\0"
        while data:
            data = data[os.write(self.commands, data):]

    def _dispatch(self, message):
        if message.get("id") in self.unanswered:
            self.unanswered.discard(message["id"])
            if "error" in message:
                self.requests.append(("(Fetch error)", message["error"].get("message")))
            return
        if "method" not in message:
            return
        self.events.append((message["method"], message.get("params", {})))
        if message["method"] == "Fetch.requestPaused":
            params = message["params"]
            url, request_id = params["request"]["url"], params["requestId"]
            if url.startswith("file:"):
                method, args, what = "Fetch.continueRequest", {}, "file"
            elif url in self.routes:
                method, what = "Fetch.fulfillRequest", "served"
                args = {"responseCode": 200, "body": base64.b64encode(self.routes[url]).decode(),
                        "responseHeaders": [{"name": "Content-Type", "value": "text/javascript; charset=utf-8"},
                                            {"name": "Access-Control-Allow-Origin", "value": "*"}]}
            else:
                method, args, what = "Fetch.failRequest", {"errorReason": "InternetDisconnected"}, "blocked"
            self.requests.append((url, what))
            self.next_id += 1
            self.unanswered.add(self.next_id)
            self._write({"id": self.next_id, "method": method, "params": {"requestId": request_id, **args},
                         "sessionId": message.get("sessionId", self.session)})

    def call(self, method, params=None, page=True):
        from chromium import CheckFailed

        self.next_id += 1
        mine = self.next_id
        command = {"id": mine, "method": method, "params": params or {}}
        if page and self.session:
            command["sessionId"] = self.session
        try:
            self._write(command)
        except BrokenPipeError:
            raise CheckFailed(f"Chromium exited (status {self.process.wait()})") from None
        while True:
            message = self._receive()
            if message.get("id") == mine:
                if "error" in message:
                    raise CheckFailed(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            self._dispatch(message)

    def pump(self, seconds):
        """Handles what arrives for `seconds` (or until the deadline)."""
        end = min(time.monotonic() + seconds, self.deadline)
        while True:
            while b"\0" in self.buffer:
                self._dispatch(self._receive())
            left = end - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.replies], [], [], left)
            if ready:
                self._dispatch(self._receive())

    def seen(self, method):
        return any(name == method for name, _ in self.events)

    def probe(self):
        """What PROBE has said so far: {"drawn", "how", "frame"}."""
        said = {}
        for name, params in self.events:
            args = params.get("args") or [{}]
            value = args[0].get("value")
            if name == "Runtime.consoleAPICalled" and isinstance(value, str) and value.startswith("attnmap-bench "):
                said.update(json.loads(value.split(" ", 1)[1]))
        return said


class MemoryWatch(threading.Thread):
    """Sums the RSS of Chromium's processes (its session: start_new_session) every 0.25 s; past
    `limit` bytes it kills them all and says so."""

    def __init__(self, session, limit):
        super().__init__(daemon=True)
        self.session, self.limit = session, limit
        self.peak, self.killed, self.stop = 0, None, threading.Event()
        self.started_at = time.monotonic()
        self.page_size = os.sysconf("SC_PAGE_SIZE")

    def rss(self):
        total = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
                if int(fields[3]) != self.session:
                    continue
                with open(f"/proc/{entry}/statm", "rb") as f:
                    total += int(f.read().split()[1]) * self.page_size
            except (OSError, IndexError, ValueError):
                pass
        return total

    def run(self):
        while not self.stop.wait(0.25):
            now = self.rss()
            self.peak = max(self.peak, now)
            if now > self.limit:
                self.killed = (f"stopped: Chromium's processes went past {self.limit / 2**30:.0f} GiB "
                               f"after {time.monotonic() - self.started_at:.0f} s")
                try:
                    os.killpg(self.session, signal.SIGKILL)
                except OSError:
                    pass
                return


def open_page(url, routes, args, screenshot=None):
    """One page in a fresh headless Chromium: when it drew, what it drew, its errors."""
    from chromium import Browser, CheckFailed

    Chromium = type("Chromium", (PageBrowser, Browser), {})
    out = {"drawn_ms": None, "frame_ms": None}
    with Chromium.launch(deadline=time.monotonic() + 60) as browser:
        browser.setup(routes)
        watch = MemoryWatch(browser.process.pid, args.memory_limit_gib * 2**30)
        watch.start()
        try:
            target = browser.call("Target.createTarget", {"url": "about:blank"}, page=False)["targetId"]
            browser.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                           page=False)["sessionId"]
            for domain in ("Runtime", "Log", "Page"):
                browser.call(f"{domain}.enable")
            browser.call("Emulation.setDeviceMetricsOverride", VIEWPORT)
            browser.call("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
            browser.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})
            started = time.monotonic()
            browser.deadline = started + args.timeout_s
            result = browser.call("Page.navigate", {"url": url})
            if result.get("errorText"):
                raise CheckFailed(f"cannot open {url}: {result['errorText']}")
            loaded, said = None, {}
            while True:
                now = time.monotonic()
                if loaded is None and browser.seen("Page.loadEventFired"):
                    loaded = now
                said = browser.probe()
                if "drawn" in said and "frame" in said:
                    break
                if "drawn" not in said and loaded is not None and now - loaded > args.quiet_s:
                    break
                if now > browser.deadline:
                    out["failed"] = (f"no frame within --timeout-s {args.timeout_s:.0f} s" if "drawn" in said
                                     else f"not drawn within --timeout-s {args.timeout_s:.0f} s")
                    break
                browser.pump(0.1)
            out["drawn_ms"], out["frame_ms"], out["how"] = said.get("drawn"), said.get("frame"), said.get("how")
            if loaded is not None:
                out["load_event_s"] = loaded - started
            browser.deadline = time.monotonic() + 30
            out.update(json.loads(browser.evaluate(CONTENT)))
            if screenshot and not out.get("failed") and out["drawn_ms"] is not None:
                browser.deadline = time.monotonic() + 60
                png = base64.b64decode(browser.call("Page.captureScreenshot", {"format": "png"})["data"])
                write_screenshot(png, screenshot)
                out["screenshot"] = str(screenshot)
        except CheckFailed as e:
            said = browser.probe()
            out["drawn_ms"], out["frame_ms"] = said.get("drawn"), said.get("frame")
            out["failed"] = watch.killed or out.get("failed") or (
                "page busy past --timeout-s" if "timed out" in str(e) else str(e))
        finally:
            watch.stop.set()
            out["errors"] = browser.errors()[:20]
            out["requests"] = browser.requests
            out["chromium_peak_rss_mb"] = round(watch.peak / 2**20)
            out["wall_s"] = time.monotonic() - watch.started_at
    return out


def write_screenshot(png, path):
    """The PNG as Chromium made it, or, past SCREENSHOT_MAX_BYTES, reduced to 256 colours."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if len(png) > SCREENSHOT_MAX_BYTES:
        import io

        from PIL import Image

        image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        png = buffer.getvalue()
    path.write_bytes(png)


def rendered(tool, page):
    if page.get("failed"):
        return False
    if tool.startswith("attnmap"):
        return page.get("ready") == "1" and (page.get("canvas_ink") or 0) > 0
    return page.get("lines", 0) > 0


def browse(tool, view, path, condition, routes, args, screenshot=None):
    """--repeat runs of one page in one condition; one run when it does not render (nothing to
    time) or fails (a timeout or the memory limit would only repeat)."""
    url = path.as_uri() + ("#tab=model" if tool.startswith("attnmap") and view == "model" else "")
    runs = []
    for i in range(args.repeat):
        page = open_page(url, routes if condition == "online" else {}, args, screenshot if i == 0 else None)
        page["rendered"] = rendered(tool, page)
        runs.append(page)
        drawn = f"{page['drawn_ms']:.0f} ms" if page["drawn_ms"] is not None else "not drawn"
        say(f"    {tool} {view} {condition} run {i + 1}: {drawn}"
            + (f", frame {page['frame_ms']:.0f} ms" if page.get("frame_ms") is not None else "")
            + (f", lines {page['lines']}" if not tool.startswith("attnmap") else f", ink {page.get('canvas_ink')}")
            + f", Chromium {page['chromium_peak_rss_mb']} MB" + (f"; {page['failed']}" if page.get("failed") else ""))
        if not page["rendered"] or page.get("failed"):
            break
    times = [r["drawn_ms"] for r in runs if r["rendered"] and r["drawn_ms"] is not None]
    frames = [r["frame_ms"] for r in runs if r["rendered"] and r.get("frame_ms") is not None]
    return {"runs": runs, "rendered": all(r["rendered"] for r in runs),
            "first_paint_ms": statistics.median(times) if times else None,
            "frame_ms": statistics.median(frames) if frames else None,
            "failed": next((r["failed"] for r in runs if r.get("failed")), None)}


# --- the run ----------------------------------------------------------------------------------

def writers(args, texts, size, out):
    """The commands that write each page: {key: (tool, argv, page, views it holds)}. attnmap's
    page holds every view; bertviz writes one page per view."""
    model = Path(args.model).resolve()
    model = model.relative_to(ROOT) if model.is_relative_to(ROOT) else model  # as a user types it, from ROOT
    commands = {}
    for methods in args.attnmap_methods if "attnmap" in args.tools else ():
        tool = "attnmap" if methods == "all" else f"attnmap --methods {methods}"
        page = (out / f"attnmap-{methods}-{size}.html").absolute()
        extra = [] if methods == "all" else ["--methods", methods]
        argv = [args.attnmap, "render", "--model", model, "--text", texts[size]["text"], *extra, "-o", page]
        commands[tool] = (tool, argv, page, ["head", "model"])
    for view in ("head", "model") if "bertviz" in args.tools else ():
        page = (out / f"bertviz-{view}-{size}.html").absolute()
        argv = [args.python, Path(__file__).resolve(), "--bertviz-child", view, model / "hf",
                texts[size]["file"].absolute(), page]
        commands[f"bertviz {view}_view"] = ("bertviz", argv, page, [view])
    return commands


def write_pages(commands, args, warm):
    """--repeat timed runs of every command, interleaved; one warm-up run each first when `warm`.
    A command that failed, or whose run took longer than --once-s, is not run again (minutes are
    minutes; its one run is the result)."""
    if warm:
        for key, (_, argv, _, _) in commands.items():
            say(f"  warm-up: {key}")
            timed(argv, args)
    runs = {key: [] for key in commands}
    for i in range(args.repeat):
        for key, (_, argv, page, _) in commands.items():
            if runs[key] and (runs[key][-1].get("failed") or runs[key][-1]["seconds"] > args.once_s):
                continue
            r = timed(argv, args)
            r["bytes"] = page.stat().st_size if page.exists() and not r.get("failed") else None
            runs[key].append(r)
            say(f"  {key}: run {i + 1}: " + (r["failed"] if r.get("failed") else
                                              f"{r['seconds']:.2f} s, {r['bytes'] / 1e6:.2f} MB, {r['max_rss_mb']:.0f} MB RSS"))
    results = {}
    for key, rs in runs.items():
        ok = [r for r in rs if not r.get("failed")]
        results[key] = {"runs": rs, "failed": next((r["failed"] for r in rs if r.get("failed")), None),
                         "write_s": statistics.median(r["seconds"] for r in ok) if ok else None,
                         "bytes": ok[-1]["bytes"] if ok else None,
                         "max_rss_mb": statistics.median(r["max_rss_mb"] for r in ok) if ok else None}
    return results


def run(args):
    import machine

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    bertviz_version = check_bertviz_urls(args.python)
    routes = cdn_copies(ROOT / "build" / "bench" / "explorer-cdn")
    texts = make_texts(Path(args.model), args.sizes, out)
    m = machine.describe(args.attnmap, args.python)
    binary = {"at_start": fingerprint(args.attnmap)}
    say(machine.summary(m).splitlines()[0])
    say(f"bertviz {bertviz_version}; CDN scripts served from npm: " + ", ".join(spec for spec, _ in CDN.values()))
    rows = []
    for n, size in enumerate(args.sizes):
        say(f"{size} tokens: {texts[size]['text'][:60]}...")
        commands = writers(args, texts, size, out)
        written = write_pages(commands, args, warm=n == 0 and not args.no_warmup)
        for key, (tool, *_) in commands.items():  # Hugging Face's tokenizer must see the same tokens
            ok = [r for r in written[key]["runs"] if not r.get("failed")]
            if tool == "bertviz" and ok and json.loads(ok[0]["stdout"].splitlines()[-1])["tokens"] != size:
                raise SystemExit(f"{key}: {ok[0]['stdout']}, not {size} tokens")
        shot_tool = next((t for t, *_ in commands.values() if t.startswith("attnmap")), None)
        for key, (tool, argv, page, views) in commands.items():
            for view in views:
                row = {"tokens": size, "tool": tool, "view": view,
                       **{k: v for k, v in written[key].items() if k != "runs"}, "write_runs": written[key]["runs"],
                       "browser": {}}
                rows.append(row)
                if written[key].get("failed"):
                    continue
                shot = None
                if args.screenshots and size == min(args.sizes) and view == "head" and tool in (shot_tool, "bertviz"):
                    shot = Path(args.screenshots) / ("bertviz-head-view.png" if tool == "bertviz"
                                                     else "explorer-head-view.png")
                for condition in ("offline", "online"):
                    row["browser"][condition] = browse(tool, view, page, condition, routes, args,
                                                       shot if condition == "online" else None)
    m["load_average_at_end"] = os.getloadavg()
    binary["at_end"] = fingerprint(args.attnmap)
    binary["rebuilt_during_run"] = binary["at_start"]["sha256"] != binary["at_end"]["sha256"]
    if binary["rebuilt_during_run"]:
        say(f"note: {args.attnmap} changed during the run ({binary['at_start']['mtime']} -> {binary['at_end']['mtime']})")
    return {"machine": m, "attnmap_binary": binary, "bertviz": bertviz_version, "model": str(args.model), "repeat": args.repeat,
            "texts": {str(k): {"text": v["text"], "tokens": v["tokens"]} for k, v in texts.items()},
            "cdn": {url: spec for url, (spec, _) in CDN.items()}, "rows": rows,
            "limits": {"timeout_s": args.timeout_s, "memory_limit_gib": args.memory_limit_gib,
                       "write_timeout_s": args.write_timeout_s, "write_memory_gib": args.write_memory_gib,
                       "once_s": args.once_s, "quiet_s": args.quiet_s}}


# --- the report -------------------------------------------------------------------------------

def size_text(b):
    if b is None:
        return "—"
    return f"{b / 1e6:.1f} MB" if b >= 1e6 else f"{b / 1e3:.0f} KB"


def ms_text(page):
    if not page:
        return "—"
    if page.get("first_paint_ms") is not None:
        return f"{page['first_paint_ms']:.0f} ms"
    last = (page.get("runs") or [{}])[-1]
    if last.get("bertviz_script_ran") is False:
        return "not drawn: its script never ran"
    return page.get("failed") or "not drawn"


def markdown(result):
    m = result["machine"]
    binary = result.get("attnmap_binary", {})
    lines = [f"- {m['cpu']}, {m['usable_cpus']} CPUs, {m['memory_gib']} GiB; load average "
             f"{m['load_average_at_start'][0]:.2f} at the start, {m['load_average_at_end'][0]:.2f} at the end",
             f"- {m['attnmap']}; bertviz {result['bertviz']}, transformers {m['packages'].get('transformers')}, "
             f"torch {m['packages'].get('torch')}; {result['model']}; median of {result['repeat']} runs",
             *([f"- attnmap binary {binary['at_start']['mtime']}, sha256 {binary['at_start']['sha256'][:12]}"
                + (f"; REBUILT during the run ({binary['at_end']['mtime']})" if binary.get("rebuilt_during_run") else "")]
               if binary else []),
             "- first paint: ms from navigation start to the first drawing (attnmap: its `attnmap-first-paint` "
             "mark; bertviz: its SVG with its lines); frame: the end of the next frame (style, layout, paint)",
             "",
             "| tokens | tool | view | file size | write time | first paint offline | first paint online "
             "| frame online | renders offline | drawn | Chromium MB |",
             "|---:|---|---|---:|---:|---:|---:|---:|---|---|---:|"]
    for row in result["rows"]:
        b = row.get("browser") or {}
        online = b.get("online") or {}
        runs = online.get("runs") or []
        last = runs[-1] if runs else {}
        if not last:
            drawn = "—"
        elif row["tool"].startswith("attnmap"):
            drawn = f"canvas {last['canvas'][0]}×{last['canvas'][1]}" if last.get("canvas") else "no canvas"
        else:
            drawn = f"{last.get('lines', 0):,} lines" if "lines" in last else "?"
        ok = [r for r in row.get("write_runs", []) if not r.get("failed")]
        write = row.get("failed") or (f"{row['write_s']:.2f} s" + (f" ({len(ok)} run)" if len(ok) < result["repeat"]
                                                                    else "") if row.get("write_s") is not None else "—")
        frame = f"{online['frame_ms']:.0f} ms" if online.get("frame_ms") is not None else "—"
        peak = max((r.get("chromium_peak_rss_mb") or 0 for r in runs), default=None)
        offline = b.get("offline")
        lines.append(f"| {row['tokens']} | {row['tool']} | {row['view']} | {size_text(row.get('bytes'))} | {write} "
                     f"| {ms_text(offline)} | {ms_text(online)} | {frame} "
                     f"| {('yes' if offline['rendered'] else 'no') if offline else '—'} | {drawn} | {peak or '—'} |")
    return "\n".join(lines)


def main():
    if sys.argv[1:2] == ["--bertviz-child"]:
        return bertviz_child(sys.argv[2:])
    sys.path[:0] = [str(HERE), str(ROOT / "tests" / "integration")]
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--attnmap", default=os.environ.get("ATTNMAP_BIN", str(ROOT / "build" / "attnmap")))
    p.add_argument("--model", default=str(ROOT / "models" / "minilm"), help="bundle with the checkpoint in hf/")
    p.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"), help="bertviz's interpreter")
    p.add_argument("--out", default=str(ROOT / "build" / "bench" / "explorer"), help="the pages and texts")
    p.add_argument("--screenshots", help="write explorer-head-view.png and bertviz-head-view.png here")
    p.add_argument("--json", help="write every run's numbers here")
    p.add_argument("--sizes", default="20,128,512", help="token counts, comma-separated")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--no-warmup", action="store_true")
    p.add_argument("--attnmap-methods", default="all,matrix",
                   help="attnmap pages to write, comma-separated --methods values (all: its default page)")
    p.add_argument("--timeout-s", type=float, default=300, help="a page not drawn by then is given up")
    p.add_argument("--quiet-s", type=float, default=15,
                   help="after the load event, how long a page that has drawn nothing gets to draw")
    p.add_argument("--tools", default="attnmap,bertviz", help="attnmap, bertviz or both")
    p.add_argument("--memory-limit-gib", type=float, default=12, help="Chromium's processes together")
    p.add_argument("--write-timeout-s", type=float, default=1500, help="a page's writer is killed after this")
    p.add_argument("--write-memory-gib", type=float, default=12, help="a page's writer's address space")
    p.add_argument("--once-s", type=float, default=60, help="a write that took longer is not repeated")
    p.add_argument("--report", metavar="JSON", help="print the table of an earlier --json; run nothing")
    args = p.parse_args()
    if args.report:
        print(markdown(json.loads(Path(args.report).read_text())))
        return
    # The writers run from the repository's root (the page's "print it with" then reads models/...).
    args.attnmap, args.python = os.path.abspath(args.attnmap), os.path.abspath(args.python)
    args.sizes = [int(s) for s in args.sizes.split(",")]
    args.attnmap_methods = args.attnmap_methods.split(",")
    args.tools = args.tools.split(",")
    result = run(args)
    print(markdown(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, default=str) + "\n")


if __name__ == "__main__":
    main()
