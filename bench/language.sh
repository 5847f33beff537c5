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
#   - translation-memory lookup percentiles against 100,000 units;
#   - the share of the NTREX professional translations on which `tandem qa`
#     reports an error (false alarms, and the translators' few slips).
#
# Needs go and ../shared/data next to the repository (or TANDEM_SHARED_DATA). The same tests run
# in `go test ./...` with their quality thresholds asserted; they only log
# their times, and the time targets are asserted here, from those logs: the
# script exits 1 when one is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${TANDEM_SHARED_DATA:-../shared/data}
[ -d "$data" ] || { echo "bench/language.sh: $data not found (set TANDEM_SHARED_DATA to the shared data folder)" >&2; exit 1; }
export TANDEM_SHARED_DATA=$(cd "$data" && pwd)

missed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() {
	go test -count=1 -v -run "$1" "$2" >"$log" 2>&1 || true
	grep -E "$3" "$log" | sed -E 's/^ +[a-z_]+\.go:[0-9]+: /  /' || true
}

# target NAME PATTERN LIMIT UNIT checks the number the last run logged
# after PATTERN ("p99", "wall time") against LIMIT.
target() {
	local value
	value=$(grep -oE "$2 [0-9.]+ $4" "$log" | head -1 | awk '{print $(NF-1)}' || true)
	if [ -z "$value" ]; then
		echo "  $1: not measured (see the test's output above)"
		missed=1
	elif awk -v v="$value" -v l="$3" 'BEGIN { exit !(v < l) }'; then
		echo "  $1: $value $4 < $3 $4: met"
	else
		echo "  $1: $value $4, want < $3 $4: MISSED"
		missed=1
	fi
}

echo "== Sentence segmentation (UD dev, gold sentences joined and split back)"
run 'TestEvalUD' ./internal/segment 'boundary precision'
run 'TestEvalAgainstOmegaT|TestHardCasesAgainstOmegaT' ./internal/segment 'boundary F1|golden cases|SKIP'
echo
echo "== Alignment (NTREX-128, synthetic n:m links; strict link F1)"
run 'TestEvalNTREX' ./internal/align 'strict link|links by kind|Gale'
run 'TestEvalAlign10kCoversBothSides' ./internal/align 'aligned|FAIL'
target "align 10,000 pairs" "wall time" 1 s
echo
echo "== Translation memory (100,000 zh→ru units)"
run 'TestEvalLookup100kFindsMatches' ./internal/tm 'units|FAIL'
target "lookup p99" "p99" 10 ms
go test -count=1 -run '^$' -bench 'BenchmarkLookup100k' -benchtime 2000x ./internal/tm 2>&1 | grep -E '^Benchmark' || true
echo
echo "== Quality checks (NTREX: correct translations, every pair)"
run 'TestEvalNTREXErrorRate' ./internal/qa 'segments|want'
exit $missed
