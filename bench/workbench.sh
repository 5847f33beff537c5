#!/usr/bin/env bash
# bench/workbench.sh prints the measured figures of the translation
# workbench (issue 9) in one run, side by side with the anchor where there
# is one:
#
#   - translation-memory lookup at 100,000 zh→ru units, through the memory
#     in the database (each lookup reads the rows added since, then scores)
#     on SQLite and on PostgreSQL, next to the in-memory internal/tm index
#     of the same units (the anchor), with the ratio; also the time to
#     import the units as one TMX file and to load the index;
#   - the workbench on a document of at least 30,000 characters and 600
#     segments, as the issue has it (NTREX articles, whose Russian sentences
#     run twice the issue's 50 characters, so about 63,000; half
#     translated): server time to open its page (target p99 <= 300 ms), and
#     to save a segment (QA, memory, state; target p99 <= 20 ms) with 10
#     translators at once on SQLite, each pausing about a second between
#     saves as people do; then the same without pauses, the server's limit
#     (printed, not a target). bench/workbenchload drives tandem's own
#     server; no other workbench runs here to compare with.
#
# The p99 it checks (target < 10 ms) is the database read's wall time plus
# the scoring's CPU time, so that other work on the machine does not
# inflate the scoring; the plain wall times are printed too.
#
# Needs go and ../shared/data next to the repository (or
# TANDEM_SHARED_DATA); without it the script says so and exits 0.
# PostgreSQL is measured when TANDEM_TEST_POSTGRES names a server (or one
# answers on 127.0.0.1:5432). Exits 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
# The shared data beside the repository, or beside a folder above it (a
# git worktree kept in a subfolder), as internal/shareddata finds it.
data=${TANDEM_SHARED_DATA:-}
if [ -z "$data" ]; then
	data=../shared/data
	dir=$(pwd)
	while [ "$dir" != / ]; do
		dir=$(dirname "$dir")
		if [ -d "$dir/shared/data" ]; then
			data=$dir/shared/data
			break
		fi
	done
fi
if [ ! -d "$data" ]; then
	echo "bench/workbench.sh: skipped: $data not found (set TANDEM_SHARED_DATA to the shared data folder)"
	exit 0
fi
export TANDEM_SHARED_DATA=$(cd "$data" && pwd)
if [ -z "${TANDEM_TEST_POSTGRES:-}" ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
	export TANDEM_TEST_POSTGRES='postgres://postgres@127.0.0.1:5432/test?sslmode=disable'
fi

missed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# target DIALECT: checks the lookup p99 the eval logged for DIALECT.
target() {
	local value
	value=$(grep -E "^ +memory_eval_test.go:[0-9]+: $1: [0-9]+ lookups" "$log" | grep -oE "p99 [0-9.]+ ms" | head -1 | awk '{print $2}' || true)
	if [ -z "$value" ]; then
		echo "  $1 lookup p99: not measured (see the test's output above)"
		missed=1
	elif awk -v v="$value" 'BEGIN { exit !(v < 10) }'; then
		echo "  $1 lookup p99: $value ms < 10 ms: PASS"
	else
		echo "  $1 lookup p99: $value ms, want < 10 ms: FAIL"
		missed=1
	fi
}

echo "== Translation memory in the database (100,000 zh→ru units)"
go test -count=1 -v -timeout 30m -run 'TestEvalMemoryLookup100k' ./internal/translate >"$log" 2>&1 || true
grep -E "memory_eval_test.go|SKIP|FAIL|skipped" "$log" | sed -E 's/^ +[a-z_]+\.go:[0-9]+: /  /' || true
if grep -q "shared data" "$log" && ! grep -q "lookups" "$log"; then
	echo "  skipped: the shared data lacks the texts the memory is built from"
else
	target sqlite
	if [ -n "${TANDEM_TEST_POSTGRES:-}" ]; then
		target postgres
	else
		echo "  postgres: not measured: set TANDEM_TEST_POSTGRES to a server URL"
	fi
fi

# check NAME VALUE LIMIT: PASS when VALUE <= LIMIT (milliseconds).
check() {
	if [ -z "$2" ]; then
		echo "  $1: not measured"
		missed=1
	elif awk -v v="$2" -v l="$3" 'BEGIN { exit !(v <= l) }'; then
		echo "  $1: $2 ms <= $3 ms: PASS"
	else
		echo "  $1: $2 ms, want <= $3 ms: FAIL"
		missed=1
	fi
}

echo "== Workbench (SQLite, >= 30,000 characters and >= 600 segments, 10 translators)"
go build -o "$log.bin" ./bench/workbenchload
"$log.bin" -chars 30000 -segments 600 -translators 10 -think 1s -duration 20s >"$log" 2>&1 || true
sed 's/^/  /' "$log"
if grep -q '^skipped' "$log"; then
	echo "  skipped"
else
	check "open p99" "$(grep -oE '^open .*p99_ms=[0-9.]+' "$log" | grep -oE '[0-9.]+$')" 300
	check "save p99, ~1 s between saves" "$(grep -oE '^save .*p99_ms=[0-9.]+' "$log" | grep -oE '[0-9.]+$')" 20
	"$log.bin" -chars 30000 -segments 600 -translators 10 -think 0 -duration 10s -opens 1 2>&1 | grep '^save' | sed 's/^/  without pauses (the limit, not a target): /' || true
fi
rm -f "$log.bin"
echo "  (load average now: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown); $(nproc 2>/dev/null || echo ?) CPUs)"
exit $missed
