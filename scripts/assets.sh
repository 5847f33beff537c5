#!/usr/bin/env bash
# assets.sh bundles into the embedded static assets (internal/web/static)
# what the office's pages load from npm: tus-js-client's browser build for
# the resumable video upload, pinned in tools/tus/package-lock.json, and
# so served by tandem itself, never from a CDN. make build runs it before
# compiling. Without npm it warns and the office builds without the
# upload widget (the programme form says so).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/tools/tus"
src="$dir/node_modules/tus-js-client/dist/tus.min.js"
out="$root/internal/web/static/vendor"
if [ ! -f "$src" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "assets: warning: npm not found; building without the office's video upload widget (install npm and run make build again)" >&2
		exit 0
	fi
	echo "assets: installing tus-js-client into tools/tus"
	npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error </dev/null
fi
mkdir -p "$out"
cmp -s "$src" "$out/tus.min.js" || cp "$src" "$out/tus.min.js"
