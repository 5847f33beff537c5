#!/usr/bin/env bash
# fuzz.sh runs every Fuzz target in the module for FUZZTIME (default 10s) each.
# New failing inputs land in the package's testdata/fuzz folder: commit them
# once fixed, so they stay in the regular test run.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZTIME=${FUZZTIME:-10s}

# `go test -list` prints the matching names of a package, then its "ok" line.
targets=()
names=()
while IFS= read -r line; do
	case $line in
	Fuzz*) names+=("$line") ;;
	ok*)
		pkg=$(awk '{print $2}' <<<"$line")
		for name in ${names[@]+"${names[@]}"}; do
			targets+=("$pkg $name")
		done
		names=()
		;;
	*) names=() ;;
	esac
done < <(go test -list '^Fuzz' ./...)

if [ ${#targets[@]} -eq 0 ]; then
	echo "no Fuzz targets found"
	exit 0
fi

echo "${#targets[@]} Fuzz targets, $FUZZTIME each"
failed=()
for target in "${targets[@]}"; do
	read -r pkg name <<<"$target"
	echo "== $pkg $name"
	if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "${FUZZMINIMIZETIME:-5s}" "$pkg"; then
		failed+=("$pkg $name")
	fi
done

if [ ${#failed[@]} -gt 0 ]; then
	echo "failing Fuzz targets:" >&2
	printf '  %s\n' "${failed[@]}" >&2
	exit 1
fi
echo "all ${#targets[@]} Fuzz targets ran for $FUZZTIME without a failure"
