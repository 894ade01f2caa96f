#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/TARGET, not committed) with the project's own
# articles and fixtures, so the fuzzer starts from real text rather than from nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
for t in ingest_text quantities dates quotes translit; do
  mkdir -p "fuzz/corpus/$t"
  cp seeds/*.txt fixtures/report/*.txt fixtures/link/*.txt fixtures/adversarial/*.txt "fuzz/corpus/$t/"
done
mkdir -p fuzz/corpus/ingest_html fuzz/corpus/ingest_jsonl
cp fixtures/ingest/html/*.html fixtures/adversarial/*.html fuzz/corpus/ingest_html/
cp fixtures/ingest/jsonl/*.jsonl fixtures/adversarial/*.jsonl fuzz/corpus/ingest_jsonl/
cp fixtures/names/pairs.tsv fuzz/corpus/translit/
