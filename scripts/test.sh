#!/usr/bin/env bash
# test.sh checks formatting, vets, and runs the whole test suite. The suite
# always runs on SQLite; it also runs on PostgreSQL when TANDEM_TEST_POSTGRES is
# set, or when a server answers on 127.0.0.1:5432 (then this script sets it).
# Run it through `make test`, which first installs what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_HOST=127.0.0.1
PG_PORT=5432
PG_URL="postgres://postgres@${PG_HOST}:${PG_PORT}/test?sslmode=disable"

echo "== gofmt"
mapfile -t unformatted < <(find . -name '*.go' -not -path './.git/*' -not -path './bin/*' -not -path '*/testdata/*' -print0 | xargs -0 -r gofmt -l)
if [ ${#unformatted[@]} -gt 0 ]; then
	echo "these files need gofmt -w:" >&2
	printf '  %s\n' "${unformatted[@]}" >&2
	exit 1
fi

echo "== go vet"
go vet ./...

pg_answers() {
	if command -v pg_isready >/dev/null 2>&1; then
		pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 3
	else
		timeout 3 bash -c "exec 3<>/dev/tcp/$PG_HOST/$PG_PORT" 2>/dev/null
	fi
}

# start_local_pg starts a PostgreSQL cluster installed here but stopped.
start_local_pg() {
	[ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1 || return 1
	local version sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || return 1
		sudo=(sudo -n)
	fi
	for version in $(ls /etc/postgresql); do
		[ -d "/etc/postgresql/$version/main" ] || continue
		echo "PostgreSQL $version is installed but not answering; starting it"
		"${sudo[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main start || continue
		for _ in $(seq 20); do
			pg_answers && return 0
			sleep 0.5
		done
	done
	return 1
}

if [ -z "${TANDEM_TEST_POSTGRES:-}" ]; then
	if pg_answers || start_local_pg; then
		export TANDEM_TEST_POSTGRES="$PG_URL"
		# A fresh server may lack the test database; create it when we can.
		if command -v psql >/dev/null 2>&1 && ! psql "$PG_URL" -qAtc 'select 1' >/dev/null 2>&1; then
			createdb -h "$PG_HOST" -p "$PG_PORT" -U postgres test 2>/dev/null || true
		fi
	fi
fi

echo "== go test"
if [ -n "${TANDEM_TEST_POSTGRES:-}" ]; then
	pg_shown=$(sed -E 's#//([^:@/]*):[^@]*@#//\1:***@#' <<<"$TANDEM_TEST_POSTGRES")
	echo "databases: SQLite and PostgreSQL ($pg_shown)"
else
	echo "databases: SQLite only (no PostgreSQL answered on $PG_HOST:$PG_PORT and TANDEM_TEST_POSTGRES is unset; the PostgreSQL tests will skip)"
fi
if [ -x /usr/bin/chromium ]; then
	echo "browser: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
else
	echo "browser: none (/usr/bin/chromium is missing; the browser tests will skip)"
fi
# go test -json lets testsummary.go list, after the run, the tests that
# were skipped and why (an evaluation without ../shared, PostgreSQL or the
# browser missing); plain `go test` says nothing of them.
summary=$(mktemp -d)
trap 'rm -rf "$summary"' EXIT
go build -o "$summary/testsummary" scripts/testsummary.go
go test -json -count=1 -timeout 20m ${RACE:+-race} ./... 2>&1 | "$summary/testsummary"
