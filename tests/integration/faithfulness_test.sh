#!/usr/bin/env bash
# attnmap faithfulness over a data set into --out-dir: two shards merged give the records and
# summary of one run, byte for byte; a run cut short (its last record torn, as a kill leaves it)
# and resumed gives them too; --resume with other settings and --merge of unfinished shards are
# refused.
# Usage: faithfulness_test.sh ATTNMAP_BINARY SOURCE_DIR PYTHON
source "$(dirname "$0")/common.sh" "$@"
passed=0 failed=0
check() {  # check NAME COMMAND...: passes when COMMAND succeeds
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; fi
}
faith() {
  "$bin" faithfulness --model "$src/models/sentiment-bert" --input "$src/examples/sentiment/test.tsv" --limit 8 \
    --methods rollout,gradattn --no-progress --threads 1 "$@" >/dev/null 2>"$work/stderr"
}
same_outputs() {  # same_outputs DIR_A DIR_B
  cmp -s "$1/faithfulness.jsonl" "$2/faithfulness.jsonl" && cmp -s "$1/faithfulness.json" "$2/faithfulness.json"
}

faith --out-dir "$work/whole"
check "a whole run writes records and a summary" test -s "$work/whole/faithfulness.jsonl" -a -s "$work/whole/faithfulness.json"
check "one record per example" test "$(wc -l <"$work/whole/faithfulness.jsonl")" -eq 8

faith --out-dir "$work/shards" --shard 0/2
check "--merge refuses an unfinished split" bash -c '! "$0" faithfulness --merge --out-dir "$1" 2>/dev/null' "$bin" "$work/shards"
faith --out-dir "$work/shards" --shard 1/2
"$bin" faithfulness --merge --out-dir "$work/shards" >/dev/null 2>&1
check "two shards merged equal the whole run" same_outputs "$work/whole" "$work/shards"

mkdir -p "$work/resumed"
cp "$work/whole/faithfulness-run.json" "$work/resumed/"
head -3 "$work/whole/faithfulness.jsonl" >"$work/resumed/faithfulness.jsonl"
sed -n 4p "$work/whole/faithfulness.jsonl" | head -c 200 >>"$work/resumed/faithfulness.jsonl"  # a torn append
"$py" - "$work/resumed/faithfulness-run.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); s["complete"] = False; json.dump(s, open(sys.argv[1], "w"))
PY
faith --out-dir "$work/resumed" --resume
check "a resumed run says so" grep -q "resuming: 3 examples already done" "$work/stderr"
check "a run resumed after a torn record equals the whole run" same_outputs "$work/whole" "$work/resumed"

faith --out-dir "$work/whole" --resume --removal mask
check "--resume with other settings is refused" grep -q "different settings.*removal" "$work/stderr"
faith --out-dir "$work/whole"
check "a second run into the same directory wants --resume" grep -q "add --resume" "$work/stderr"
"$bin" faithfulness --model "$src/models/tiny-bert" --text "not bad" --methods rollout,loo --json \
  >/dev/null 2>"$work/stderr"
check "loo, the reference, is refused as a scored method" grep -q "'loo' is faithfulness's reference" "$work/stderr"

# --scores: a method from elsewhere, ranked beside attnmap's. Given rollout's own scores under
# another name (half the rows by line number, half by id, one row left out), it gets rollout's
# numbers on every row it has, and the row without is skipped and counted.
"$py" - "$work/whole/faithfulness.jsonl" "$work/given.jsonl" <<'PY'
import json, sys
records = [json.loads(l) for l in open(sys.argv[1])]
with open(sys.argv[2], "w") as f:
    for k, r in enumerate(records[:-1]):
        key = {"line": r["line"]} if k % 2 == 0 else {"id": r["id"]}
        f.write(json.dumps({**key, "scores": {"theirs": r["methods"]["rollout"]["scores"]}}) + "\n")
PY
faith --out-dir "$work/given" --scores "$work/given.jsonl"
check "--scores: a row without given scores is skipped and counted" \
  grep -q "theirs could not run on 1 of 8 examples (no scores for this example in" "$work/stderr"
check "--scores: the given method's numbers are those of the method whose scores it was given" "$py" - "$work" <<'PY'
import json, sys
from pathlib import Path
work = Path(sys.argv[1])
given = [json.loads(l) for l in open(work / "given/faithfulness.jsonl")]
assert len(given) == 8
for r in given[:-1]:
    ours, theirs = r["methods"]["rollout"], r["methods"]["theirs"]
    for key in ("aopc_comprehensiveness", "aopc_sufficiency", "tau_loo", "comprehensiveness", "sufficiency", "ranking"):
        assert ours[key] == theirs[key], (r["line"], key, ours[key], theirs[key])
assert "theirs" not in given[-1]["methods"] and "theirs" in given[-1]["skipped"], given[-1].get("skipped")
summary = json.load(open(work / "given/faithfulness.json"))
assert summary["methods"]["theirs"]["all"]["n"] == 7, summary["methods"]["theirs"]["all"]
PY
"$bin" faithfulness --model "$src/models/sentiment-bert" --input "$src/examples/sentiment/test.tsv" --limit 8 \
  --methods rollout,gradattn --no-progress --threads 1 --scores "$work/given.jsonl" >"$work/table" 2>/dev/null
order=$(awk 'NR > 2 {printf "%s ", $1}' "$work/table")
check "--scores: the given method's row comes before the baselines ($order)" test "$order" = "gradattn rollout theirs random loo "
"$py" - "$work/given.jsonl" "$work/changed.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
rows[0]["scores"]["theirs"][1] += 1.0
open(sys.argv[2], "w").write("".join(json.dumps(r) + "\n" for r in rows))
PY
faith --out-dir "$work/given" --resume --scores "$work/changed.jsonl"
check "--resume with other given scores is refused" grep -q "different settings.*scores" "$work/stderr"
"$bin" faithfulness --model "$src/models/sentiment-bert" --input "$src/examples/sentiment/test.tsv" --limit 3 \
  --methods none --no-progress --threads 1 --scores "$work/given.jsonl" --out-dir "$work/none" >/dev/null 2>&1
check "--methods none ranks only the given scores" "$py" -c '
import json, sys
r = json.loads(open(sys.argv[1]).readline())
assert sorted(r["methods"]) == ["loo", "random", "theirs"], sorted(r["methods"])' "$work/none/faithfulness.jsonl"

# batch's faithfulness view: the same numbers per row as the command's, their means in summary.json,
# a section of index.html, and a curves figure per row.
"$bin" batch --model "$src/models/sentiment-bert" --input "$src/examples/sentiment/test.tsv" --limit 24 \
  --views faithfulness --out-dir "$work/batch" --no-progress >/dev/null 2>&1
"$bin" faithfulness --model "$src/models/sentiment-bert" --input "$src/examples/sentiment/test.tsv" --limit 24 \
  --select misclassified --out-dir "$work/command" --no-progress >/dev/null 2>&1
check "batch's faithfulness view gives the command's numbers, and their means" "$py" - "$work" <<'PY'
import json, sys
from pathlib import Path
work = Path(sys.argv[1])
command = {r["line"]: r for r in map(json.loads, open(work / "command/faithfulness.jsonl"))}
rows = [r for r in map(json.loads, open(work / "batch/manifest.jsonl")) if "faithfulness" in r]
assert rows and len(rows) == len(command), (len(rows), len(command))
sums = {}
command_summary = json.load(open(work / "command/faithfulness.json"))["methods"]
for r in rows:
    assert (work / "batch" / r["files"]["faithfulness"]).stat().st_size > 0, r["files"]
    for method, numbers in r["faithfulness"][0].items():
        want = command[r["line"]]["methods"][method]
        for key in ("aopc_comprehensiveness", "aopc_sufficiency"):
            assert abs(numbers[key] - want[key]) < 1e-5, (r["line"], method, key, numbers[key], want[key])
        sums.setdefault(method, []).append(numbers["aopc_comprehensiveness"])
summary = json.load(open(work / "batch/summary.json"))["faithfulness"][0]
for method, values in sums.items():
    assert summary[method]["n"] == len(values)
    mean = summary[method]["aopc_comprehensiveness"]
    assert abs(mean["mean"] - sum(values) / len(values)) < 1e-12, method
    want = command_summary[method]["all"]["aopc_comprehensiveness"]
    for end in ("mean", "low", "high"):
        assert abs(mean[end] - want[end]) < 1e-5, (method, end, mean[end], want[end])
assert '<section class="faithfulness">' in open(work / "batch/index.html", encoding="utf-8").read()
PY

echo "faithfulness: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
