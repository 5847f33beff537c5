# lib.sh: what the benchmark scripts share: a work folder removed on exit
# with every process they started, free loopback ports, waiting for a
# server, nginx serving one saved page, and reading wrk's report.
# Source it after `set -euo pipefail`; it sets $work and the array pids.

work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-bench.XXXXXX")
pids=()
cleanup() {
	local pid
	for pid in ${pids[@]+"${pids[@]}"}; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in ${pids[@]+"${pids[@]}"}; do
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() {
	echo "bench: $*" >&2
	exit 1
}

# free_port prints a loopback port nothing listens on.
free_port() {
	local port
	for _ in $(seq 100); do
		port=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	die "no free loopback port found"
}

# wait_http waits until URL answers 200, or fails when the process PID dies.
wait_http() {
	local url=$1 pid=$2 log=$3
	for _ in $(seq 150); do
		if curl -fsS -o /dev/null "$url" 2>/dev/null; then
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			cat "$log" >&2 || true
			die "the server for $url exited"
		fi
		sleep 0.2
	done
	cat "$log" >&2 || true
	die "$url did not answer within 30s"
}

# start_nginx PORT FILE: serves FILE (under $work/www) at every path on
# 127.0.0.1:PORT, and waits until it answers.
start_nginx() {
	local port=$1 file=$2
	mkdir -p "$work/nginx"
	# Workers may run as nobody when started as root: let them read the page.
	chmod 755 "$work" "$work/www"
	chmod 644 "$work/www/$file"
	cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	keepalive_timeout 75s;
	client_body_temp_path $work/nginx/body;
	proxy_temp_path $work/nginx/proxy;
	fastcgi_temp_path $work/nginx/fastcgi;
	uwsgi_temp_path $work/nginx/uwsgi;
	scgi_temp_path $work/nginx/scgi;
	types { }
	default_type text/html;
	charset utf-8;
	server {
		listen 127.0.0.1:$port;
		root $work/www;
		location / { try_files /$file =404; }
	}
}
CONF
	nginx -t -q -c "$work/nginx/nginx.conf" -p "$work/nginx" -e "$work/nginx/error.log" || die "nginx rejects its configuration"
	nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -e "$work/nginx/error.log" -g 'daemon off;' >"$work/nginx/stdout.log" 2>&1 &
	pids+=($!)
	wait_http "http://127.0.0.1:$port/" "${pids[-1]}" "$work/nginx/error.log"
}

# rps and p99 (in ms) from wrk's report; errors counts non-2xx answers and socket errors.
rps() { awk '/^Requests\/sec:/{print $2}' "$1"; }
p99() {
	awk '$1=="99%"{v=$2; u=v; sub(/[0-9.]+/,"",u); sub(/[a-z]+$/,"",v);
		if (u=="us") v/=1000; else if (u=="s") v*=1000; else if (u=="m") v*=60000;
		printf "%.2f", v}' "$1"
}
errors() {
	awk '/Non-2xx or 3xx responses:/{n+=$NF} /Socket errors:/{gsub(/,/,""); n+=$4+$6+$8+$10} END{print n+0}' "$1"
}

verdict() { if awk "BEGIN{exit !($1)}"; then echo PASS; else echo FAIL; fi; }
