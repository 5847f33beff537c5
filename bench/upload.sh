#!/usr/bin/env bash
# upload.sh measures tandem's resumable upload (/api/uploads/) against tusd
# alone on the same machine: tus-js-client under Node sends the same
# 300 MiB file to each in turn, ROUNDS times, alternating which goes first.
# tusd is built from the module and version tandem uses (bench/uploadload,
# file store and file locker, defaults otherwise); tandem authenticates
# the API token, checks the programme item and records the upload as
# received; its finishing job (one worker) then hashes the file and moves
# it into the blob store. The client's time ends with its last response,
# as with tusd; the script waits for the finishing job (and for the video
# processing the stored file is handed to) before the next upload, so
# that no job runs beside one, and prints how long after the response the
# file was stored. It prints the throughput of every
# upload, the median of each, their ratio and PASS/FAIL against the
# target: tandem >= 0.9x tusd.
#
# Settings (environment): UPLOAD_MIB (300), ROUNDS (5), BENCH_STRICT=1 to
# exit 1 when the target fails, TANDEM_BIN=PATH to measure that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

MIB=${UPLOAD_MIB:-300}
ROUNDS=${ROUNDS:-5}
MIN_RATIO=0.9

source bench/lib.sh

command -v node >/dev/null || die "node is needed (bash scripts/setup.sh test installs it)"
[ -f tools/tus/node_modules/tus-js-client/package.json ] || bash scripts/assets.sh
[ -f tools/tus/node_modules/tus-js-client/package.json ] || die "tus-js-client is missing from tools/tus (npm ci --prefix tools/tus)"

echo "== build"
if [ -n "${TANDEM_BIN:-}" ]; then
	cp "$TANDEM_BIN" "$work/tandem"
else
	go build -o "$work/tandem" ./cmd/tandem
fi
go build -o "$work/uploadload" ./bench/uploadload

read -r item token < <("$work/uploadload" seed "$work/data")
head -c $((MIB << 20)) /dev/urandom >"$work/speech.mp4"

tport=$(free_port)
env -u TANDEM_DATABASE "$work/tandem" serve --addr "127.0.0.1:$tport" --data "$work/data" --workers 1 >"$work/tandem.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$tport/healthz" "${pids[-1]}" "$work/tandem.log"
uport=$(free_port)
"$work/uploadload" tusd "127.0.0.1:$uport" "$work/tusd" >"$work/tusd.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$uport/healthz" "${pids[-1]}" "$work/tusd.log"

# send NAME ENDPOINT [ARGS]: one upload; prints its MiB/s.
send() {
	local name=$1 endpoint=$2 out ms
	shift 2
	out=$(node tools/tus/upload.js --endpoint "$endpoint" --file "$work/speech.mp4" "$@") ||
		{ echo "$out" >&2; die "$name: upload failed"; }
	ms=$(sed -n 's/.*"event":"success".*"ms":\([0-9]*\).*/\1/p' <<<"$out")
	[ -n "$ms" ] || die "$name: no success in $out"
	awk -v mib="$MIB" -v ms="$ms" 'BEGIN{printf "%.1f", mib / (ms / 1000)}'
}

# wait_stored waits until the finishing job has put the upload into the
# blob store, and prints the seconds it took from the client's success;
# then until the speech's video it became has been processed (the bench's
# random bytes fail ffprobe), so that no job runs beside the next upload.
wait_stored() {
	local start=$EPOCHREALTIME took=
	for _ in $(seq 1200); do
		if compgen -G "$work/data/files/uploads/*" >/dev/null; then
			took=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b - a}')
			break
		fi
		sleep 0.1
	done
	[ -n "$took" ] || die "tandem: the upload was not stored 120 s after its last response"
	for _ in $(seq 600); do
		env -u TANDEM_DATABASE "$work/tandem" video list --data "$work/data" | awk -F'\t' '$3 ~ /queued|probing|processing/ {busy=1} END {exit busy}' && break
		sleep 0.1
	done
	echo "$took"
}

tandem_runs=()
tusd_runs=()
echo "== $ROUNDS rounds of $MIB MiB each (MiB/s)"
for round in $(seq "$ROUNDS"); do
	order=(tandem tusd)
	((round % 2 == 0)) && order=(tusd tandem)
	for who in "${order[@]}"; do
		if [ "$who" = tandem ]; then
			r=$(send tandem "http://127.0.0.1:$tport/api/uploads/" --token "$token" --item "$item")
			tandem_runs+=("$r")
			stored=$(wait_stored)
			rm -f "$work"/data/files/uploads/*
		else
			r=$(send tusd "http://127.0.0.1:$uport/files/")
			tusd_runs+=("$r")
			rm -f "$work"/tusd/*
		fi
		if [ "$who" = tandem ]; then
			printf 'round %d  %-6s %8s MiB/s  (stored by its job %ss after the response)\n' "$round" "$who" "$r" "$stored"
		else
			printf 'round %d  %-6s %8s MiB/s\n' "$round" "$who" "$r"
		fi
	done
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mt=$(median "${tandem_runs[@]}")
mu=$(median "${tusd_runs[@]}")
ratio=$(awk -v a="$mt" -v b="$mu" 'BEGIN{printf "%.2f", a / b}')
echo
echo "tandem median: $mt MiB/s"
echo "tusd median:   $mu MiB/s"
result=$(verdict "$ratio >= $MIN_RATIO")
echo "ratio tandem/tusd: $ratio (target >= $MIN_RATIO) $result"
[ "${BENCH_STRICT:-}" = 1 ] && [ "$result" = FAIL ] && exit 1
exit 0
