#!/usr/bin/env bash
# office.sh measures the office under load, beside the public site, in one
# run on loopback:
#   1. sign-in: 30 sign-ins one after another (argon2id at tandem's
#      parameters), timed; target: median <= 100 ms;
#   2. 20 editors, each signed in with a session of their own, open a
#      person's edit form, change its English text and save it, pause
#      (THINK, 1s on average) and again (bench/officeload); target on
#      SQLite: save p99 <= 50 ms and no "database is locked" in tandem's
#      log; THINK=0 saves without pause, the office's limit;
#   3. while they save, wrk loads the public programme page; nginx serving
#      the same bytes from a file is the anchor, measured alone before;
#      targets: tandem >= 0.5x nginx's requests/s and p99 < 20 ms.
# It prints the figures, the ratios and PASS/FAIL for each target.
#
# Settings (environment): WRK_THREADS (2), WRK_CONNECTIONS (64),
# WRK_DURATION (15s), EDITORS (20), THINK (1s), BENCH_STRICT=1 to exit 1 when a target
# fails, TANDEM_BIN=PATH to measure that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:/usr/sbin:/sbin"

THREADS=${WRK_THREADS:-2}
CONNS=${WRK_CONNECTIONS:-64}
DURATION=${WRK_DURATION:-15s}
EDITORS=${EDITORS:-20}
THINK=${THINK:-1s}
MAX_SIGNIN_MS=100
MAX_SAVE_P99_MS=50
MIN_RATIO=0.5
MAX_P99_MS=20
PASSWORD=bench-office-password

bash scripts/setup.sh bench
source bench/lib.sh

echo "== build and load the demo"
if [ -n "${TANDEM_BIN:-}" ]; then
	cp "$TANDEM_BIN" "$work/tandem"
else
	go build -o "$work/tandem" ./cmd/tandem
fi
go build -o "$work/officeload" ./bench/officeload
env -u TANDEM_DATABASE "$work/tandem" demo --data "$work/data" --demo-password "$PASSWORD" >"$work/demo.log" 2>&1 ||
	{ cat "$work/demo.log" >&2; die "tandem demo failed"; }

tport=$(free_port)
env -u TANDEM_DATABASE "$work/tandem" serve --addr "127.0.0.1:$tport" --data "$work/data" >"$work/tandem.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$tport/healthz" "${pids[-1]}" "$work/tandem.log"
base="http://127.0.0.1:$tport"

path=/en/forums/treaty-20-forum/programme
mkdir -p "$work/www"
curl -fsS -o "$work/www/programme.html" "$base$path" || die "GET $path failed"
nport=$(free_port)
while [ "$nport" = "$tport" ]; do nport=$(free_port); done
start_nginx "$nport" programme.html

echo "machine: $(nproc) cores; $(go version | awk '{print $3}'); $(nginx -v 2>&1 | sed 's/.*: //'); $(wrk -v 2>&1 | head -n1 | awk '{print $1, $2}')"
echo "load:    $EDITORS editors saving (a pause of $THINK on average between saves) for the length of wrk -t$THREADS -c$CONNS -d$DURATION on $path"

echo "== nginx alone (the anchor)"
wrk -t"$THREADS" -c"$CONNS" -d3s "http://127.0.0.1:$nport$path" >/dev/null
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$nport$path" >"$work/wrk.nginx"

echo "== sign-ins, then editors saving while wrk reads the public page"
wrk -t"$THREADS" -c"$CONNS" -d3s "$base$path" >/dev/null
secs=${DURATION%s}
"$work/officeload" -base "$base" -data "$work/data" -password "$PASSWORD" -editors "$EDITORS" -think "$THINK" \
	-duration "$((secs + 4))s" >"$work/officeload.out" 2>"$work/officeload.err" &
load_pid=$!
pids+=("$load_pid")
for _ in $(seq 300); do
	grep -q '^signin ' "$work/officeload.out" && break
	kill -0 "$load_pid" 2>/dev/null || { cat "$work/officeload.err" >&2; die "officeload exited"; }
	sleep 0.1
done
sleep 2 # the editors sign in and start
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$base$path" >"$work/wrk.tandem"
wait "$load_pid" || { cat "$work/officeload.err" >&2; die "officeload failed"; }

field() { awk -v line="$1" -v key="$2" '$1==line{for(i=2;i<=NF;i++){split($i,kv,"="); if(kv[1]==key) print kv[2]}}' "$work/officeload.out"; }
s_p50=$(field signin p50_ms); s_max=$(field signin max_ms); s_n=$(field signin n)
e_n=$(field save n); e_p50=$(field save p50_ms); e_p99=$(field save p99_ms); e_max=$(field save max_ms)
e_status=$(field save statuses)
locked=$(grep -c "database is locked" "$work/tandem.log" || true)
t_rps=$(rps "$work/wrk.tandem"); n_rps=$(rps "$work/wrk.nginx")
t_p99=$(p99 "$work/wrk.tandem"); n_p99=$(p99 "$work/wrk.nginx")
t_err=$(errors "$work/wrk.tandem")
[ -n "$s_p50" ] && [ -n "$e_p99" ] && [ -n "$t_rps" ] && [ -n "$n_rps" ] ||
	{ cat "$work/officeload.out" "$work/officeload.err" "$work/wrk.tandem" "$work/wrk.nginx" >&2; die "could not read the reports"; }

echo
printf 'sign-in (%s, one after another)    median %6.1f ms, max %6.1f ms\n' "$s_n" "$s_p50" "$s_max"
printf 'saves by %s editors (%s)           median %6.1f ms, p99 %6.1f ms, max %6.1f ms; statuses %s\n' "$EDITORS" "$e_n" "$e_p50" "$e_p99" "$e_max" "$e_status"
grep '^failure' "$work/officeload.out" | head -n3 || true
printf '"database is locked" in the log     %s\n' "$locked"
printf 'public page, tandem while editing   %8.0f requests/s, p99 %6.2f ms, %s errors\n' "$t_rps" "$t_p99" "$t_err"
printf 'public page, nginx alone            %8.0f requests/s, p99 %6.2f ms\n' "$n_rps" "$n_p99"
echo

ratio=$(awk -v t="$t_rps" -v n="$n_rps" 'BEGIN{printf "%.2f", (n > 0 ? t / n : 0)}')
bad_saves=$(awk -v s="$e_status" 'BEGIN{n=split(s,a,","); for(i=1;i<=n;i++){split(a[i],kv,":"); if(kv[1]!="303") b+=kv[2]} print b+0}')
v_signin=$(verdict "$s_p50 <= $MAX_SIGNIN_MS")
v_save=$(verdict "$e_p99 <= $MAX_SAVE_P99_MS && $locked == 0 && $bad_saves == 0")
v_ratio=$(verdict "$ratio >= $MIN_RATIO && $t_err == 0")
v_p99=$(verdict "$t_p99 < $MAX_P99_MS")
printf 'sign-in median            = %6.1f ms (target <= %s ms)                      %s\n' "$s_p50" "$MAX_SIGNIN_MS" "$v_signin"
printf 'save p99, %2s editors      = %6.1f ms (target <= %s ms, no lock errors, all 303) %s\n' "$EDITORS" "$e_p99" "$MAX_SAVE_P99_MS" "$v_save"
printf 'public requests/s tandem/nginx = %.2fx (target >= %sx while editors save)    %s\n' "$ratio" "$MIN_RATIO" "$v_ratio"
printf 'public p99 tandem         = %6.2f ms (target < %s ms while editors save)     %s\n' "$t_p99" "$MAX_P99_MS" "$v_p99"

if [ "${BENCH_STRICT:-0}" = 1 ] && [[ "$v_signin$v_save$v_ratio$v_p99" == *FAIL* ]]; then
	exit 1
fi
