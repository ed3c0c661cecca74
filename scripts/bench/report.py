"""The results table, as aligned text (terminal) or Markdown (BENCHMARKS.md).

speed-up = peer time / attnmap time for the same work (above 1: attnmap is faster); for rate cases
(examples/s, texts/s) that is attnmap's rate / the peer's. Memory is each process's peak RSS.
"""


def _amount(case, seconds):
    if seconds is None:
        return "—"
    if case["work"]:
        rate = case["work"] / seconds
        unit = case["unit"].split("/")[0]
        return f"{rate:,.0f} {unit}/s" if rate >= 100 else f"{rate:.1f} {unit}/s"
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def _goal(case):
    if case.get("skipped"):
        return "—"
    speedup, goal = case.get("speedup"), case["goal"]
    if goal is None or speedup is None:
        return "—"
    target = f"≥{goal:g}×" if goal > 1 else ">1×"
    met = speedup >= goal if goal > 1 else speedup > 1
    return f"{target} {'met' if met else 'NOT met'}"


def _memory(case):
    ours, peer = case.get("ours_rss_mb"), case.get("peer_rss_mb")
    if ours is None or peer is None:
        return "—"
    return "below" if ours < peer else "NOT below"


def _mb(value, floor):
    """Peak MB; "≤floor" when the child was no larger than the measurement floor (measure.py)."""
    if value is None:
        return "—"
    return f"≤{floor:,.0f}" if value <= floor * 1.02 else f"{value:,.0f}"


def rows(results, rss_floor):
    table = []
    for c in results:
        if c.get("skipped"):
            table.append([c["key"], c["title"], "skipped: " + c["skipped"], "", "", "", "", "", ""])
            continue
        table.append([c["key"], c["title"], _amount(c, c["ours_s"]), _amount(c, c.get("peer_s")),
                      "—" if c.get("speedup") is None else f"{c['speedup']:.1f}×", _goal(c),
                      _mb(c["ours_rss_mb"], rss_floor), _mb(c.get("peer_rss_mb"), rss_floor), _memory(c)])
    return table


HEADER = ["case", "what", "attnmap", "Python peer", "speed-up", "goal", "attnmap MB", "peer MB", "memory"]


def text(results, rss_floor):
    table = [HEADER] + rows(results, rss_floor)
    measured = [r for r in table if not r[2].startswith("skipped")]  # a skip's reason spans the row
    widths = [max(len(r[i]) for r in (table if i < 2 else measured)) for i in range(len(HEADER))]
    out = []
    for r in table:
        if r[2].startswith("skipped"):
            out.append(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]}")
            continue
        cells = [r[0].ljust(widths[0]), r[1].ljust(widths[1])] + [v.rjust(w) for v, w in zip(r[2:], widths[2:])]
        out.append("  ".join(cells))
    out.insert(1, "-" * len(out[0]))
    return "\n".join(out)


def markdown(results, rss_floor):
    out = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---"] * 2 + ["---:"] * 7) + "|"]
    for r in rows(results, rss_floor):
        out.append("| " + " | ".join(f"`{v}`" if i == 0 else v for i, v in enumerate(r)) + " |")
    return "\n".join(out)
