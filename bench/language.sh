#!/usr/bin/env bash
# bench/language.sh prints the measured figures of the language engine
# (issue 4) in one run, side by side with the anchor tool where there is one:
#
#   - sentence boundaries on the UD dev sentences (zh, ru): precision,
#     recall, F1, for tandem's rules and for OmegaT's default SRX rules run
#     by tandem's SRX engine (needs the Debian package omegat), and the
#     golden cases (internal/segment/testdata) each rule set gets right;
#   - strict link F1 on NTREX documents with synthetic n:m links, per pair;
#   - the time to align 10,000 segment pairs;
#   - translation-memory lookup percentiles against 100,000 units.
#
# Needs go and ../shared/data next to the repository. The same checks run
# in `go test ./...`, with their quality thresholds asserted; the time
# targets are asserted only here (TANDEM_BENCH=1).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ../shared/data ] || { echo "bench/language.sh: ../shared/data not found" >&2; exit 1; }

# The tests assert their time targets only when asked to.
export TANDEM_BENCH=1

run() {
	go test -count=1 -v -run "$1" "$2" 2>&1 | grep -E "$3" | sed -E 's/^ +[a-z_]+\.go:[0-9]+: /  /' || true
}

echo "== Sentence segmentation (UD dev, gold sentences joined and split back)"
run 'TestEvalUD' ./internal/segment 'boundary precision'
run 'TestEvalAgainstOmegaT|TestHardCasesAgainstOmegaT' ./internal/segment 'boundary F1|golden cases|SKIP'
echo
echo "== Alignment (NTREX-128, synthetic n:m links; strict link F1)"
run 'TestEvalNTREX' ./internal/align 'strict link|links by kind|Gale'
run 'TestAlignSpeed' ./internal/align 'aligned|want <|FAIL'
echo
echo "== Translation memory (100,000 zh→ru units)"
run 'TestEvalLookupP99' ./internal/tm 'units|want <|FAIL'
go test -count=1 -run '^$' -bench 'BenchmarkLookup100k' -benchtime 2000x ./internal/tm 2>&1 | grep -E '^Benchmark' || true
