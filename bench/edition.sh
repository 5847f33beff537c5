#!/usr/bin/env bash
# bench/edition.sh measures the editions (issue 10) in one run, against the
# anchor tools on the same text: War and Peace volume 1
# (../shared/data/ruslit/voina-i-mir-tom1.txt, read into a Book with its 65
# chapters and 365 notes by bench/editionload).
#
#   EPUB: tandem's writer against pandoc making an EPUB of the same text as
#         Markdown: both times and the ratio (target: tandem >= 20x faster),
#         and the rebuild after a one-sentence edit in one chapter (target:
#         <= 50 ms).
#   PDF:  see the section below.
#
# Needs go, pandoc (scripts/setup.sh bench installs it) and ../shared/data
# next to the repository (or TANDEM_SHARED_DATA); without the data the script
# says so and exits 0. Exits 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
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
text=$data/ruslit/voina-i-mir-tom1.txt
if [ ! -f "$text" ]; then
	echo "bench/edition.sh: skipped: $text not found (set TANDEM_SHARED_DATA to the shared data folder)"
	exit 0
fi

bash scripts/setup.sh bench

MIN_EPUB_RATIO=20
MAX_EPUB_REBUILD_MS=50
missed=0
log=$(mktemp)
bin=$(mktemp -d)
trap 'rm -rf "$log" "$bin"' EXIT

# check NAME VALUE OP LIMIT: prints PASS or FAIL for one target.
check() {
	local name=$1 value=$2 op=$3 limit=$4
	if awk -v v="$value" -v l="$limit" -v op="$op" 'BEGIN { exit !((op == ">=") ? v >= l : v <= l) }'; then
		echo "PASS $name: $value (target $op $limit)"
	else
		echo "FAIL $name: $value (target $op $limit)"
		missed=1
	fi
}

# figure NAME: the value editionload printed for NAME.
figure() { awk -v n="$1" '$1 == n { print $2 }' "$log"; }

# ---- EPUB ---------------------------------------------------------------
echo "== EPUB: War and Peace volume 1, tandem against pandoc"
go build -o "$bin/editionload" ./bench/editionload
"$bin/editionload" -text "$text" -pandoc pandoc -runs "${EPUB_RUNS:-5}" | tee "$log"
check "EPUB tandem vs pandoc (x faster)" "$(figure epub_ratio)" ">=" "$MIN_EPUB_RATIO"
check "EPUB rebuild after a one-sentence edit (ms)" "$(figure epub_rebuild)" "<=" "$MAX_EPUB_REBUILD_MS"

# ---- PDF ----------------------------------------------------------------
# The PDF part (tandem's typesetter against Typst alone compiling the same
# generated source: time and memory <= 1.2x, rebuild after a one-sentence
# edit <= 0.5 s) goes here, reading the same text through bench/editionload's
# reader, and calls check for its targets.

exit $missed
