#!/usr/bin/env bash
# concord's dedup beside datasketch and rensa, and its name scoring beside rapidfuzz, in one
# run on one generated corpus. Prints one Markdown table.
#
#   bench/compare.sh [ARTICLES] [NAME_PAIRS]      defaults: 100000 articles, 100000 pairs
#
# Environment: OUT (work directory, default bench/out), TOOLS (default "concord rensa datasketch
# names"; leave datasketch out at a million articles, it is slow), CONCORD (binary, default
# target/release/concord, built if missing), DATASKETCH_LIMIT (datasketch on only the first
# N articles and the planted pairs among them: its LSH index holds some 18 KB per article, so
# a million articles need about 18 GB; default all). Each tool's result is kept in OUT, so tools can be
# run separately and the table shows every result for this size.
# The corpus is generated once per size and reused (delete OUT/corpus-N.jsonl to redo it).
# Peak RSS is the whole process's (/usr/bin/time -v); "dedup s" excludes reading the corpus.
set -euo pipefail

N=${1:-100000}
PAIRS=${2:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$ROOT/bench/out}
CONCORD=${CONCORD:-$ROOT/target/release/concord}
VENV=$ROOT/bench/.venv
PY=$VENV/bin/python
mkdir -p "$OUT"

if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet datasketch rensa rapidfuzz
fi
if [ ! -x "$CONCORD" ]; then
    (cd "$ROOT" && cargo build --release)
fi

CORPUS=$OUT/corpus-$N.jsonl
TRUTH=$CORPUS.truth.json
if [ ! -s "$TRUTH" ]; then
    "$CONCORD" generate --articles "$N" --out "$CORPUS"
fi
TOOLS=${TOOLS:-concord rensa datasketch names}
has() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# Runs a command under /usr/bin/time -v; stdout to $1, the time report to $1.time.
timed() {
    local out=$1
    shift
    /usr/bin/time -v -o "$out.time" "$@" > "$out"
}
# "key value" of a /usr/bin/time -v report.
cpu_seconds() {
    awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u + s}' "$1"
}
peak_mib() {
    awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$1"
}
# Adds process CPU time and peak RSS to a JSON line.
with_process() {
    "$PY" -c 'import json, sys
r = json.loads(sys.argv[1]); r["cpu_seconds"] = float(sys.argv[2]); r["peak_rss_mib"] = int(sys.argv[3])
print(json.dumps(r))' "$1" "$(cpu_seconds "$2")" "$(peak_mib "$2")"
}

if has concord; then
echo "concord dedup on $N articles" >&2
timed "$OUT/concord-$N.txt" "$CONCORD" dedup --max-size 1000000000000 "$CORPUS" --truth "$TRUTH"
line=$("$PY" - "$OUT/concord-$N.txt" "$("$CONCORD" --version)" <<'EOF'
import json, sys
kv = {}
for l in open(sys.argv[1]):
    k, _, v = l.rstrip("\n").rpartition(" ")
    kv[k] = v
print(json.dumps({
    "tool": sys.argv[2], "articles": int(kv["articles"]),
    "dedup_seconds": float(kv["dedup seconds"]),
    "articles_per_second": int(kv["articles per second"]),
    "dedup_cpu_seconds": float(kv["dedup cpu seconds"]),
    "articles_per_cpu_second": int(kv["articles per cpu second"]),
    "recall": float(kv["recall"]), "precision": float(kv["precision"]),
    "recall_near": float(kv["recall near-duplicate kinds"]),
    "candidate_pairs": int(kv["candidate pairs"]),
}))
EOF
)
with_process "$line" "$OUT/concord-$N.txt.time" > "$OUT/result-$N-concord.json"
fi

for tool in rensa datasketch; do
    has "$tool" || continue
    echo "$tool on $N articles" >&2
    limit=0
    [ "$tool" = datasketch ] && limit=${DATASKETCH_LIMIT:-0}
    timed "$OUT/$tool-$N.json" "$PY" "$ROOT/bench/compare.py" dedup --tool "$tool" --limit "$limit" "$CORPUS" "$TRUTH"
    with_process "$(cat "$OUT/$tool-$N.json")" "$OUT/$tool-$N.json.time" > "$OUT/result-$N-$tool.json"
done

# Name scoring: the labelled pairs of fixtures/names/pairs.tsv repeated to PAIRS lines.
if has names; then
NAMES=$OUT/name-pairs-$PAIRS.tsv
grep -v '^#' "$ROOT/fixtures/names/pairs.tsv" | awk -F'\t' 'NF >= 2 {print $1 "\t" $2}' > "$OUT/name-pairs-1.tsv"
awk -v n="$PAIRS" '{l[NR] = $0} END {for (i = 0; i < n; i++) print l[i % NR + 1]}' "$OUT/name-pairs-1.tsv" > "$NAMES"
head -1 "$NAMES" > "$OUT/name-pairs-one.tsv"
echo "concord names --pairs on $PAIRS pairs" >&2
# CPU time per pair: the full run less a one-pair run (start-up, dictionary loading).
timed "$OUT/concord-names-one.tsv" "$CONCORD" names --pairs "$OUT/name-pairs-one.tsv"
timed "$OUT/concord-names.tsv" "$CONCORD" names --pairs "$NAMES"
"$PY" -c 'import json, sys
o, a, n = map(float, sys.argv[1:4])
print(json.dumps({"tool": sys.argv[4] + " names --pairs", "pairs": int(n),
  "us_per_pair": round((a - o) / (n - 1) * 1e6, 3),
  "note": "fold keys, transliteration, given-name equivalents, gender veto; process CPU less a one-pair run"}))' \
    "$(cpu_seconds "$OUT/concord-names-one.tsv.time")" "$(cpu_seconds "$OUT/concord-names.tsv.time")" \
    "$PAIRS" "$("$CONCORD" --version)" > "$OUT/result-$N-names-concord.json"
echo "rapidfuzz on $PAIRS pairs" >&2
"$PY" "$ROOT/bench/compare.py" names --pairs "$NAMES" > "$OUT/result-$N-names-rapidfuzz.json"
fi

echo
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(date -u +%FT%TZ)"
cat "$OUT"/result-"$N"-*.json > "$OUT/results-$N.jsonl"
"$PY" "$ROOT/bench/compare.py" table "$OUT/results-$N.jsonl"
