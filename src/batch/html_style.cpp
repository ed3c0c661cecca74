#include "batch/html_assets.h"

namespace attnmap::batch::html {

// Entries use content-visibility so that a long page lays out and paints only what is on screen.
const char* const kReportCss = R"css(
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --good: #1a7f37; --good-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --mixed: #9a6700; --mixed-bg: #fff8c5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink); }
[hidden] { display: none !important; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 0; }
h3 { font-size: 1rem; margin: 0 0 .25rem; font-weight: normal; }
table { border-collapse: collapse; }
th, td { padding: .15rem .5rem; text-align: left; }
.report-head { padding: 1rem 1.5rem; background: var(--panel); border-bottom: 1px solid var(--line); }
.warning { background: var(--mixed-bg); border: 1px solid var(--mixed); padding: .5rem .75rem; border-radius: 6px; }
.facts { display: flex; flex-wrap: wrap; gap: .25rem 2rem; margin: 0 0 1rem; }
.facts dt { color: var(--muted); font-size: .85rem; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.models { display: flex; flex-wrap: wrap; gap: 1rem; }
.models > section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; }
.accuracy { margin: .25rem 0 .5rem; }
.confusion caption { caption-side: bottom; color: var(--muted); font-size: .8rem; text-align: left; }
.confusion td { text-align: right; font-variant-numeric: tabular-nums; border: 1px solid var(--line); }
.comparison td { text-align: right; font-variant-numeric: tabular-nums; }
.tag { display: inline-block; min-width: 1.4em; text-align: center; border-radius: 4px; background: var(--ink);
  color: #fff; font-size: .8rem; font-weight: bold; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-size: .85rem; border: 1px solid;
  white-space: nowrap; background: var(--panel); color: var(--muted); }
.badge.good { color: var(--good); background: var(--good-bg); }
.badge.bad { color: var(--bad); background: var(--bad-bg); }
.badge.mixed { color: var(--mixed); background: var(--mixed-bg); }
.mark.good { color: var(--good); } .mark.bad { color: var(--bad); }
.controls { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; align-items: center;
  gap: .5rem 1.5rem; padding: .5rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); }
.controls button { font: inherit; padding: .15rem .6rem; border: 1px solid var(--line); border-radius: 6px;
  background: #fff; cursor: pointer; }
.controls button[aria-pressed="true"] { background: var(--ink); color: #fff; border-color: var(--ink); }
.controls .count { font-variant-numeric: tabular-nums; opacity: .75; }
.controls select, .controls input { font: inherit; }
.controls.bottom { position: static; border-top: 1px solid var(--line); border-bottom: 0; }
.controls button:disabled { opacity: .4; cursor: default; }
.range { color: var(--muted); font-variant-numeric: tabular-nums; }
.empty { padding: 1rem 1.5rem; color: var(--muted); }
.entry { padding: 1rem 1.5rem; border-bottom: 1px solid var(--line); content-visibility: auto;
  contain-intrinsic-size: auto 36rem; }
.entry-head { display: flex; align-items: baseline; gap: .75rem; }
.entry-id { overflow-wrap: anywhere; }
.entry-line { color: var(--muted); font-size: .85rem; }
.entry-text { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 60rem; margin: .5rem 0; }
.verdicts { display: flex; flex-wrap: wrap; align-items: flex-start; gap: .5rem 2rem; }
.gold { margin: 0; flex-basis: 100%; }
.probs { font-size: .85rem; font-variant-numeric: tabular-nums; }
.probs tr.predicted { font-weight: bold; }
.probs td.bar { width: 8rem; }
.probs td.bar span { display: block; height: .6rem; background: #8c959f; border-radius: 2px; }
.probs tr.predicted td.bar span { background: var(--ink); }
.figures { display: flex; flex-wrap: wrap; gap: 1rem; margin-top: .75rem; }
figure { margin: 0; max-width: 100%; }
/* Small enough that two views sit side by side; the link opens the full image. */
figure img { display: block; max-width: 100%; max-height: 26rem; width: auto; height: auto;
  border: 1px solid var(--line); }
figcaption { color: var(--muted); font-size: .85rem; }
)css";

}  // namespace attnmap::batch::html
