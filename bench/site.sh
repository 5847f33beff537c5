#!/usr/bin/env bash
# site.sh measures how fast tandem serves the demo forum's programme page,
# against nginx serving the very same bytes from a file (the physical limit of
# this machine). Both run on loopback and get the same wrk load; the script
# prints requests/s and p99 latency of each, the ratio, and PASS/FAIL against
# the targets: tandem >= 0.5x nginx's requests/s, tandem p99 < 20 ms.
#
# Settings (environment): WRK_THREADS (2), WRK_CONNECTIONS (64),
# WRK_DURATION (15s), WRK_WARMUP (3s), BENCH_STRICT=1 to exit 1 when a target
# fails, TANDEM_BIN=PATH to measure that binary instead of building ./cmd/tandem.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:/usr/sbin:/sbin"

THREADS=${WRK_THREADS:-2}
CONNS=${WRK_CONNECTIONS:-64}
DURATION=${WRK_DURATION:-15s}
WARMUP=${WRK_WARMUP:-3s}
MIN_RATIO=0.5
MAX_P99_MS=20

bash scripts/setup.sh bench

source bench/lib.sh

echo "== build and load the demo"
if [ -n "${TANDEM_BIN:-}" ]; then
	cp "$TANDEM_BIN" "$work/tandem"
else
	go build -o "$work/tandem" ./cmd/tandem
fi
env -u TANDEM_DATABASE "$work/tandem" demo --data "$work/data" >"$work/demo.log" 2>&1 ||
	{ cat "$work/demo.log" >&2; die "tandem demo failed"; }

tport=$(free_port)
env -u TANDEM_DATABASE "$work/tandem" serve --addr "127.0.0.1:$tport" --data "$work/data" >"$work/tandem.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$tport/healthz" "${pids[-1]}" "$work/tandem.log"

home=$(curl -fsS "http://127.0.0.1:$tport/en/")
path=$(grep -oE "href=[\"']?/en/forums/[a-z0-9-]+[\"' >]" <<<"$home" | head -n1 | grep -oE '/en/forums/[a-z0-9-]+' || true)
[ -n "$path" ] || die "no link to a forum (/en/forums/SLUG) on the home page /en/"
path="$path/programme"
tandem_url="http://127.0.0.1:$tport$path"

# Save the page exactly as tandem renders it (wrk sends no Accept-Encoding, so uncompressed).
mkdir -p "$work/www" "$work/nginx"
curl -fsS -D "$work/tandem.headers" -o "$work/www/programme.html" "$tandem_url" || die "GET $tandem_url failed"
tandem_type=$(awk -F': *' 'tolower($1)=="content-type"{sub(/\r$/,"",$2); print $2}' "$work/tandem.headers")
size=$(wc -c <"$work/www/programme.html")

echo "== start nginx with the saved page"
nport=$(free_port)
while [ "$nport" = "$tport" ]; do nport=$(free_port); done
start_nginx "$nport" programme.html
nginx_url="http://127.0.0.1:$nport$path"

nginx_type=$(curl -fsS -o "$work/nginx.body" -D - "$nginx_url" | awk -F': *' 'tolower($1)=="content-type"{sub(/\r$/,"",$2); print $2}')
cmp -s "$work/nginx.body" "$work/www/programme.html" || die "nginx does not serve the saved page byte for byte"
[ "$nginx_type" = "$tandem_type" ] ||
	echo "bench: warning: Content-Type differs: tandem '$tandem_type', nginx '$nginx_type'" >&2

echo "page:    $path ($size bytes, $tandem_type)"
echo "machine: $(nproc) cores; $(go version | awk '{print $3}'); $(nginx -v 2>&1 | sed 's/.*: //'); $(wrk -v 2>&1 | head -n1 | awk '{print $1, $2}')"
echo "load:    wrk -t$THREADS -c$CONNS -d$DURATION --latency (after a ${WARMUP} warm-up each)"

echo "== warm up"
wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "$tandem_url" >/dev/null
wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "$nginx_url" >/dev/null

echo "== measure"
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$tandem_url" >"$work/wrk.tandem"
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$nginx_url" >"$work/wrk.nginx"

t_rps=$(rps "$work/wrk.tandem"); n_rps=$(rps "$work/wrk.nginx")
t_p99=$(p99 "$work/wrk.tandem"); n_p99=$(p99 "$work/wrk.nginx")
t_err=$(errors "$work/wrk.tandem"); n_err=$(errors "$work/wrk.nginx")
[ -n "$t_rps" ] && [ -n "$n_rps" ] && [ -n "$t_p99" ] && [ -n "$n_p99" ] ||
	{ cat "$work/wrk.tandem" "$work/wrk.nginx" >&2; die "could not read wrk's report"; }

echo
printf '%-8s %14s %12s %8s\n' server "requests/s" "p99 (ms)" errors
printf '%-8s %14.0f %12.2f %8d\n' tandem "$t_rps" "$t_p99" "$t_err"
printf '%-8s %14.0f %12.2f %8d\n' nginx "$n_rps" "$n_p99" "$n_err"
echo

ratio=$(awk -v t="$t_rps" -v n="$n_rps" 'BEGIN{printf "%.2f", (n > 0 ? t / n : 0)}')
v_ratio=$(verdict "$ratio >= $MIN_RATIO")
v_p99=$(verdict "$t_p99 < $MAX_P99_MS")
[ "$t_err" -eq 0 ] || v_ratio=FAIL

printf 'requests/s tandem/nginx = %.2fx   (target >= %sx at %s connections)   %s\n' "$ratio" "$MIN_RATIO" "$CONNS" "$v_ratio"
printf 'p99 latency tandem      = %.2f ms (target < %s ms)                    %s\n' "$t_p99" "$MAX_P99_MS" "$v_p99"
printf 'p99 latency tandem/nginx = %.2fx\n' "$(awk -v t="$t_p99" -v n="$n_p99" 'BEGIN{printf "%.2f", (n > 0 ? t / n : 0)}')"
if [ "$t_err" -ne 0 ]; then
	echo "tandem answered $t_err requests with an error or a non-2xx status: the figures do not count" >&2
fi

if [ "${BENCH_STRICT:-0}" = 1 ] && { [ "$v_ratio" = FAIL ] || [ "$v_p99" = FAIL ]; }; then
	exit 1
fi
