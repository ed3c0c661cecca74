#!/usr/bin/env bash
# attnmap batch end to end on the sample sentiment models and the shipped test set: counts and
# predictions against the Hugging Face reference, one model and two; hostile ids and bad rows;
# a run killed (SIGKILL) at known points and resumed, and one stopped by SIGINT, equal an
# uninterrupted run; two shards merged equal one unsharded run; the other input formats.
# Usage: batch_test.sh ATTNMAP_BINARY SOURCE_DIR PYTHON
source "$(dirname "$0")/common.sh" "$@"
export HF_HUB_OFFLINE=1 TRANSFORMERS_VERBOSITY=error TQDM_DISABLE=1
passed=0 failed=0
bert=$src/models/sentiment-bert
roberta=$src/models/sentiment-roberta
data=$src/examples/sentiment/test.tsv

check() {  # check NAME COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; tail -5 "$work/err" >&2 2>/dev/null; fi
}
run_cli() { "$bin" "$@" >"$work/out" 2>"$work/err"; echo $? >"$work/rc"; }
rc_is() { [ "$(cat "$work/rc")" = "$1" ]; }
err_has() { grep -q -- "$1" "$work/err"; }
reference() { PYTHONPATH="$src" "$py" "$src/tests/integration/batch_reference.py" "$@" >"$work/ref" 2>"$work/err"; }
# same_run A B: the two output directories hold the same files with the same bytes.
same_run() {
  (cd "$1" && find . -type f | sort) >"$work/files-a"
  (cd "$2" && find . -type f | sort) >"$work/files-b"
  diff -q "$work/files-a" "$work/files-b" >/dev/null || { diff "$work/files-a" "$work/files-b" | head -5 >&2; return 1; }
  while read -r f; do
    cmp -s "$1/$f" "$2/$f" || { echo "differs: $f" >&2; diff <(tr ',' '\n' <"$1/$f") <(tr ',' '\n' <"$2/$f") | head -6 >&2; return 1; }
  done <"$work/files-a"
}
# Every manifest line parses and every file it lists exists: what a stop must leave.
consistent() {
  "$py" - "$1" <<'PY'
import json, os, sys
out = sys.argv[1]
manifest = os.path.join(out, "manifest.jsonl")
for n, line in enumerate(open(manifest, encoding="utf-8") if os.path.exists(manifest) else [], 1):
    record = json.loads(line)
    for path in record.get("files", {}).values():
        assert os.path.getsize(os.path.join(out, path)) > 0, (n, path)
PY
}
no_temporaries() { [ -z "$(find "$1" -name '.*.tmp-*')" ]; }

# --- one model, then two, against the reference ---------------------------------------------------
run_cli batch --model "$bert" --input "$data" --out-dir "$work/one" --no-progress
check "batch on the test set exits 0" rc_is 0
check "one model: counts, predictions and figures match transformers" reference "$work/one" "$data" misclassified "$bert"
# The gallery in a real browser: no console errors, one entry per selected row, every image loads.
browser() {
  "$py" "$src/tests/integration/check_index_html.py" "$1" >"$work/browser" 2>"$work/err"
  local rc=$?
  [ "$rc" = 77 ] && { echo "note: no Chromium, the gallery was not opened" >&2; return 0; }
  return "$rc"
}
check "index.html opens in Chromium with every entry and image" browser "$work/one"

run_cli batch --model "$bert" --compare "$roberta" --input "$data" --out-dir "$work/two" --views matrix,cls,explorer --no-progress
check "--compare exits 0" rc_is 0
check "two models: counts, agreement and predictions match transformers" \
  reference "$work/two" "$data" misclassified "$bert" "$roberta"
check "the two-model gallery opens in Chromium" browser "$work/two"
check "--compare draws per-model strips" test -n "$(find "$work/two/examples" -name 'cls-b.png' | head -1)"
explorer_pages() {  # explorer_pages OUT_DIR: one page per selected example, holding both models
  "$py" - "$1" <<'PY'
import json, os, sys
out = sys.argv[1]
selected = [json.loads(l) for l in open(os.path.join(out, "manifest.jsonl"), encoding="utf-8") if l.strip()]
selected = [r for r in selected if r.get("selected")]
assert selected, "nothing selected"
for r in selected:
    page = open(os.path.join(out, r["files"]["explorer"]), encoding="utf-8").read()
    data = json.loads(page.split('id="explorer-data">', 1)[1].split("</script>", 1)[0])
    assert [m["name"] for m in data["models"]] == ["sentiment-bert", "sentiment-roberta"], data["models"][0]["name"]
    assert data["text"] == r["text"], r["line"]
PY
}
check "--views explorer: a page per selected example with both models" explorer_pages "$work/two"

# The two families with no trained sample (random tiny models: near-uniform probabilities, so every
# row is kept), on 40 rows with views of every kind, faithfulness included; ModernBERT's faithfulness
# view leaves out the methods it has not.
head -n 41 "$data" >"$work/forty.tsv"
for family in tiny-deberta tiny-modernbert; do
  run_cli batch --model "$src/models/$family" --input "$work/forty.tsv" --select all --views grid,cls,rollout,valuenorm,faithfulness \
    --out-dir "$work/$family" --no-progress
  check "$family: batch exits 0" rc_is 0
  check "$family: counts, predictions and figures match transformers" reference "$work/$family" "$work/forty.tsv" all \
    "$src/models/$family"
done

# --- hostile ids and bad rows --------------------------------------------------------------------
mkdir -p "$work/hostile/parent"
"$py" - "$work/hostile/rows.jsonl" <<'PY'
import json, sys
rows = [
    {"id": "../../escaped", "text": "A fine film.", "label": "positive"},
    {"id": "/tmp/absolute", "text": "Awful.", "label": "negative"},
    {"id": "nul\u0000byte", "text": "Great fun.", "label": 1},
    {"id": "x" * 5000, "text": "Dull and slow.", "label": 0},
    {"id": "..", "text": "Loved it.", "label": "positive"},
    {"id": "ok", "text": "", "label": "positive"},
    {"id": "ok2", "text": "Fine.", "label": "neutral"},
    {"id": "ok3", "label": "positive"},
    {"id": "ok4", "text": ["not", "text"], "label": "positive"},
    {"id": "zero-width", "text": "\u200b\u200b", "label": "positive"},
]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
    f.write("{not json\n")
PY
printf '{"id": "bad-utf8", "text": "caf\xe9", "label": "positive"}\n' >>"$work/hostile/rows.jsonl"
# A text that is markup: shown as text in the report and in its explorer page, run nowhere.
printf '%s\n' '{"id": "xss", "text": "</script><img src=x onerror=alert(1)><script>alert(2)</script>", "label": "positive"}' \
  >>"$work/hostile/rows.jsonl"
run_cli batch --model "$bert" --input "$work/hostile/rows.jsonl" --out-dir "$work/hostile/parent/out" --select all --views matrix,explorer --no-progress
check "hostile rows: the run goes on (exit 0)" rc_is 0
check "hostile ids: nothing written outside the output directory" \
  test "$(cd "$work/hostile" && find . -mindepth 1 -not -path './parent/out*' | sort | tr '\n' ' ')" = "./parent ./rows.jsonl "
check "hostile ids: one folder per good row, each a plain name" \
  test "$(ls "$work/hostile/parent/out/examples" | wc -l)" = 6
check "hostile ids: folder names stay short and safe" \
  test -z "$(ls "$work/hostile/parent/out/examples" | grep -v '^[0-9]\{6\}-[A-Za-z0-9._-]\{1,60\}$')"
check "bad rows are reported with their line numbers" err_has "line 6: empty text"
check "an unknown label is reported" err_has "line 7: unknown label 'neutral'"
check "a missing text field is reported" err_has "line 8: no field 'text'"
check "a text of nothing the model reads is reported" err_has "line 10: the text is empty"
check "malformed JSON is reported" err_has "line 11: not valid JSON"
check "invalid UTF-8 is reported" err_has "line 12: "
check "the summary counts the rejected rows" \
  "$py" -c "import json,sys; s=json.load(open(sys.argv[1])); sys.exit(s['rows']['rejected'] != 7 or s['rows']['evaluated'] != 6)" \
  "$work/hostile/parent/out/summary.json"
untrusted_pages() {  # the explorer pages of hostile texts in Chromium: shown as text, nothing run
  "$py" "$src/tests/integration/check_explorer.py" --pages "$@" >"$work/browser" 2>"$work/err"
  local rc=$?
  [ "$rc" = 77 ] && { echo "note: no Chromium, the explorer pages were not opened" >&2; return 0; }
  return "$rc"
}
check "hostile texts: the explorer pages show them as text and run nothing" \
  untrusted_pages "$work"/hostile/parent/out/examples/*/explorer.html
check "hostile texts: the report opens in Chromium, its page links lead to files" browser "$work/hostile/parent/out"
run_cli batch --model "$bert" --input "$work/hostile/rows.jsonl" --out-dir "$work/strict" --select all --strict --no-progress
check "--strict: the first bad row is fatal (exit 3)" rc_is 3
check "--strict names the line" err_has "line 6: empty text"

printf 'id\ttext\tlabel\nr1\tGood.\tpositive\nr2\tonly two fields\nr3\tBad.\tnegative\textra\n' >"$work/fields.tsv"
run_cli batch --model "$bert" --input "$work/fields.tsv" --out-dir "$work/fields" --select all --no-progress
check "a wrong number of TSV fields is a bad row, not a failure" rc_is 0
check "the field count is named" err_has "line 3: expected 3 tab-separated fields, found 2"

# --- kill and resume ---------------------------------------------------------------------------
# A stopped run reads its rows from a FIFO that the test writes into, so where the run stands when
# the signal comes is known rather than timed: windows are 16 rows (8 x --batch-size 2), and a
# window is committed to the manifest once the next one has been predicted. With the header and
# 16k+1 rows written, windows 0..k-2 are committed, window k-1 is predicted and the reader waits
# for row 16k+2; nothing more can happen until the test writes again.
common=(--model "$bert" --input "$work/rows.tsv" --select all --limit 96 --batch-size 2 --no-progress)
head -n 97 "$data" >"$work/rows.full"
cp "$work/rows.full" "$work/rows.tsv"
run_cli batch "${common[@]}" --out-dir "$work/whole"
check "the uninterrupted run exits 0" rc_is 0

records() { [ -f "$1/manifest.jsonl" ] && wc -l <"$1/manifest.jsonl" || echo 0; }
# wait_for_records DIR N PID: until DIR's manifest has N records (60 s at most, or the run ends).
wait_for_records() {
  local tries=1200
  while [ "$(records "$1")" -lt "$2" ] && [ $tries -gt 0 ] && kill -0 "$3" 2>/dev/null; do
    sleep 0.05
    tries=$((tries - 1))
  done
  [ "$(records "$1")" -ge "$2" ]
}
# start_fed DIR ARGS...: starts a run on the FIFO $work/rows.tsv, held open as fd 7 (read-write, so
# that opening it waits for nobody and what is written stays there until the run reads it).
start_fed() {
  local dir=$1; shift
  rm -f "$work/rows.tsv"
  mkfifo "$work/rows.tsv"
  "$bin" batch "${common[@]}" --out-dir "$dir" "$@" >/dev/null 2>"$work/err" &
  pid=$!
  exec 7<>"$work/rows.tsv"
}
feed() { sed -n "$1,$2p" "$work/rows.full" >&7; }  # feed FIRST LAST: those lines of the data
stop_feeding() { exec 7>&-; rm -f "$work/rows.tsv"; cp "$work/rows.full" "$work/rows.tsv"; }

# kill_when_committed LAST RECORDS: a resumed run fed lines 1..LAST, killed (SIGKILL) once RECORDS
# rows are committed, which is all it can commit until it is fed more.
kill_when_committed() {
  start_fed "$work/killed" --resume
  feed 1 "$1"
  check "the fed run commits $2 rows" wait_for_records "$work/killed" "$2" "$pid"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
  stop_feeding
  check "after SIGKILL at $2 rows the manifest holds exactly the committed windows" test "$(records "$work/killed")" = "$2"
  check "after SIGKILL at $2 rows the manifest can be trusted" consistent "$work/killed"
}
kill_when_committed 50 32  # the header and 49 rows: windows 0 and 1 committed
kill_when_committed 82 64  # resumed: windows 0 and 1 are done, 2 and 3 get committed, 4 is predicted
# What a SIGKILL in the middle of a write leaves (src/core/files.cpp names temporaries so).
planted="$work/killed/examples/.planted.png.tmp-AbC123"
mkdir -p "$(dirname "$planted")" && echo partial >"$planted"
run_cli batch "${common[@]}" --out-dir "$work/killed" --resume
check "the resumed run exits 0" rc_is 0
check "--resume clears the temporaries a SIGKILL leaves" no_temporaries "$work/killed"
check "killed twice and resumed equals uninterrupted" same_run "$work/whole" "$work/killed"

start_fed "$work/interrupted"
feed 1 50
check "the run to interrupt commits two windows" wait_for_records "$work/interrupted" 32 "$pid"
kill -INT "$pid"
feed 51 97  # the rest: the run stops before predicting the next window
exec 7>&-
wait "$pid"
echo $? >"$work/rc"
stop_feeding
check "SIGINT: exit 130" rc_is 130
check "SIGINT: says how to continue" err_has "with --resume"
check "SIGINT: the windows predicted before it are committed, no more" test "$(records "$work/interrupted")" = 48
check "SIGINT: a consistent manifest" consistent "$work/interrupted"
check "SIGINT: no temporary files" no_temporaries "$work/interrupted"
run_cli batch "${common[@]}" --out-dir "$work/interrupted" --resume
check "interrupted and resumed equals uninterrupted" same_run "$work/whole" "$work/interrupted"

run_cli batch "${common[@]}" --out-dir "$work/whole"
check "an existing run is not overwritten without --resume (exit 2)" rc_is 2
run_cli batch "${common[@]}" --out-dir "$work/whole" --resume --select misclassified
check "--resume with other settings is refused (exit 2)" rc_is 2
check "--resume names the setting that differs" err_has "select"

# --- shards ------------------------------------------------------------------------------------
run_cli batch "${common[@]}" --out-dir "$work/sharded" --shard 1/2
check "shard 1/2 exits 0" rc_is 0
run_cli batch --merge --out-dir "$work/sharded"
check "merging with a shard missing is refused (exit 3)" rc_is 3
check "the missing shard is named" err_has "shard 0/2 has not run"
run_cli batch "${common[@]}" --out-dir "$work/sharded" --shard 0/2
run_cli batch --merge --out-dir "$work/sharded"
check "merge exits 0" rc_is 0
rm -f "$work"/sharded/*.shard-*
check "two shards merged equal one unsharded run" same_run "$work/whole" "$work/sharded"

# --- other formats and standard input ------------------------------------------------------------
"$py" - "$data" "$work/data.csv" "$work/data.jsonl" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))[:40]
rows[3]["text"] = 'He said "fine",\nthen left.'  # a quoted field with a comma and a newline
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["id", "text", "label"])
    w.writeheader()
    w.writerows(rows)
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
PY
counts() { "$py" -c "import json,sys; s=json.load(open(sys.argv[1])); print(s['rows'], [m['confusion'] for m in s['models']])" "$1/summary.json"; }
run_cli batch --model "$bert" --input "$work/data.csv" --out-dir "$work/csv" --no-progress
check "CSV with a quoted multi-line field exits 0" rc_is 0
run_cli batch --model "$bert" --input - --format jsonl --out-dir "$work/jsonl" --no-progress <"$work/data.jsonl"
check "JSON Lines from standard input exits 0" rc_is 0
check "CSV and JSON Lines give the same counts" test "$(counts "$work/csv")" = "$(counts "$work/jsonl")"
check "the CSV record keeps its newline" grep -q 'He said \\"fine\\",\\nthen left.' "$work/csv/manifest.jsonl"

printf 'text\nno labels here\n' >"$work/nolabel.tsv"
run_cli batch --model "$bert" --input "$work/nolabel.tsv" --out-dir "$work/nolabel" --no-progress
check "no label column with --select misclassified is a usage error (exit 2)" rc_is 2
run_cli batch --model "$bert" --input "$work/nolabel.tsv" --out-dir "$work/nolabel" --select all --no-progress
check "no label column with --select all works" rc_is 0
run_cli batch --model "$bert" --input "$work/missing.tsv" --out-dir "$work/missing" --no-progress
check "a missing input is an I/O error (exit 5)" rc_is 5
printf 'id\tsentence\tlabel\n' >"$work/othercol.tsv"
run_cli batch --model "$bert" --input "$work/othercol.tsv" --out-dir "$work/othercol" --no-progress
check "a header without the text column is an input error (exit 3)" rc_is 3
check "the columns found are listed" err_has "'sentence'"

# --- gzip-compressed data sets ------------------------------------------------------------------
# Inflated as they are read (by content, not name): the same rows, so the same manifest and summary
# (which names its input).
head -n 41 "$data" >"$work/plain.tsv"
gzip -c "$work/plain.tsv" >"$work/packed.tsv.gz"
same_results() {
  cmp -s "$1/manifest.jsonl" "$2/manifest.jsonl" &&
    diff <(grep -v '"input":' "$1/summary.json") <(grep -v '"input":' "$2/summary.json") >/dev/null
}
run_cli batch --model "$bert" --input "$work/plain.tsv" --out-dir "$work/plain" --no-progress
run_cli batch --model "$bert" --input "$work/packed.tsv.gz" --out-dir "$work/packed" --no-progress
check "a .tsv.gz input exits 0" rc_is 0
check "a .tsv.gz input gives the plain file's manifest and summary" same_results "$work/plain" "$work/packed"
{ head -n 21 "$work/plain.tsv" | gzip -c; tail -n +22 "$work/plain.tsv" | gzip -c; } >"$work/members.gz"
run_cli batch --model "$bert" --input - --format tsv --out-dir "$work/piped" --no-progress <"$work/members.gz"
check "two gzip members on standard input give the same results" same_results "$work/plain" "$work/piped"
head -c 300 "$work/packed.tsv.gz" >"$work/cut.tsv.gz"
run_cli batch --model "$bert" --input "$work/cut.tsv.gz" --out-dir "$work/cut" --no-progress
check "a truncated .gz is an input error (exit 3)" rc_is 3
check "the truncated file is named" err_has "ends in the middle of a stream.*cut.tsv.gz"

echo "batch: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
