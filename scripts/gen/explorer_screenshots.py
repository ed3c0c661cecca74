#!/usr/bin/env python3
"""The README's screenshots of the explorer page: one per tab (head, model, matrix, token scores),
of the page `attnmap render` writes for one sentence, taken in headless Chromium.

    PYTHONPATH=. .venv/bin/python scripts/gen/explorer_screenshots.py [--attnmap build/attnmap]
        [--model models/sentiment-bert] [--out examples/gallery]

Writes OUT/explorer-{head,model,matrix,scores}.png (the browser window chromium.py opens, 1400 x 1000).
"""
import argparse
import base64
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
from chromium import Browser  # noqa: E402

TEXT = "The acting was unbelievably wooden, but the movie was not bad at all!"
# Each tab as a link opens it: the URL's hash is the state.
TABS = {
    "head": "tab=head&view=matrix&layer=1&head=-1",
    "model": "tab=model&view=matrix&layer=2&head=-1",
    "matrix": "tab=matrix&view=rollout&layer=2&head=0&words=1",
    "scores": "tab=scores&view=matrix&layer=2&head=-1&score=ig",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attnmap", default=str(ROOT / "build" / "attnmap"))
    parser.add_argument("--model", default=str(ROOT / "models" / "sentiment-bert"))
    parser.add_argument("--out", type=Path, default=ROOT / "examples" / "gallery")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "page.html"
        # From the repository root, so that the page's command lines name models/... as a reader types them.
        model = Path(args.model).resolve().relative_to(ROOT) if Path(args.model).resolve().is_relative_to(ROOT) else args.model
        subprocess.run([args.attnmap, "render", "--model", str(model), "--text", TEXT, "-o", str(page)], check=True,
                       cwd=ROOT, capture_output=True)
        for name, state in TABS.items():
            with Browser.launch(deadline=time.monotonic() + 60) as browser:
                browser.open(page.as_uri() + "#" + state)
                browser.evaluate("new Promise((done) => { const check = () => document.body.dataset.ready === '1' ? "
                                 "done() : requestAnimationFrame(check); check(); })")
                shot = browser.call("Page.captureScreenshot", {"format": "png"})
                target = args.out / f"explorer-{name}.png"
                target.write_bytes(base64.b64decode(shot["data"]))
                print(target)
                if browser.errors():
                    print(f"{name}: {browser.errors()}", file=sys.stderr)
                    return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
