#!/usr/bin/env bash
# setup.sh installs what a fresh Debian machine with Go lacks for one purpose:
#
#   scripts/setup.sh demo    run the demo (Go itself; SQLite is built in; Node.js, Typst from npm
#                            and the Noto fonts for the print PDFs; ffmpeg for speech videos)
#   scripts/setup.sh test    run every test (adds Chromium and CJK fonts for the browser tests,
#                            LibreOffice to open the DOCX files tandem writes, EPUBCheck
#                            and DAISY Ace for the EPUBs)
#   scripts/setup.sh bench   run bench/site.sh (adds nginx, wrk, pandoc, GNU time)
#
# Several purposes may be given at once. A package is installed only when the
# file or program it provides is missing, and only through apt-get.
set -euo pipefail

GO_MIN_MAJOR=1
GO_MIN_MINOR=26

# Package lists, one entry per line as "FILE PACKAGE": PACKAGE is installed
# when FILE (a command name, or an absolute path) is missing. To add a tool a
# test or benchmark needs at run time, add a line to the right list.
DEMO_PACKAGES=(
	"node nodejs"                     # runs the Typst compiler for print PDFs (internal/typst)
	"npm npm"                         # installs Typst into tools/typst
	# the print PDFs' fonts (internal/typeset): Noto Serif for Latin and Cyrillic, Noto Serif CJK
	"/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf fonts-noto-core"
	"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc fonts-noto-cjk"
	# a Kaiti for Chinese emphasis in print (Noto has none)
	"/usr/share/fonts/truetype/arphic/ukai.ttc fonts-arphic-ukai"
	"/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf fonts-noto-mono"  # code in print
	"ffmpeg ffmpeg"                   # processes speech videos (internal/video); brings ffprobe
)
TEST_PACKAGES=(
	"/usr/bin/chromium chromium"      # browser tests (chromedp)
	# Chinese glyphs, so that browser screenshots and layout checks see real text
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc fonts-noto-cjk"
	"omegat omegat"                   # OmegaT round-trip test (issue 4)
	"npm npm"                         # installs axe-core for the accessibility checks
	"soffice libreoffice-writer-nogui" # opens the DOCX files tandem writes (xliff import --to docx)
	# LibreOffice's formula module: without it Writer drops every Office Math formula it opens
	"/usr/lib/libreoffice/program/libsmlo.so libreoffice-math-nogui"
	"pdfinfo poppler-utils"           # counts the pages LibreOffice lays a written DOCX out on
	"xmllint libxml2-utils"           # validates the ONIX and Crossref exports against their schemas (issue 10)
	"java default-jre-headless"       # runs EPUBCheck
	"/usr/bin/epubcheck epubcheck"    # validates the EPUBs tandem writes (internal/epub)
	"qpdf qpdf"                       # reads the print PDFs' catalogue and structure tree (internal/typeset)
	"node nodejs"                     # runs the Typst compiler for the print PDF tests
	"/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf fonts-noto-core"  # print PDF tests' fonts
	"/usr/share/fonts/truetype/arphic/ukai.ttc fonts-arphic-ukai"          # print PDF tests' Kaiti
	"/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf fonts-noto-mono"  # print PDF tests' code font
	"ffmpeg ffmpeg"                   # video processing tests: makes test videos, checks outputs (ffprobe, ebur128)
	"ffprobe ffmpeg"
)
BENCH_PACKAGES=(
	"nginx nginx"                     # serves the saved page as the physical limit
	"wrk wrk"                         # load generator
	"pandoc pandoc"                   # reference conversions
	"/usr/bin/time time"              # GNU time, for peak memory
	"ffmpeg ffmpeg"                   # bench/video.sh: ffmpeg alone as the reference
)

die() {
	echo "setup: $*" >&2
	exit 1
}

# have reports whether a file or a program exists, looking for programs in the
# sbin folders too, since a non-root PATH often lacks them (nginx is in /usr/sbin).
have() {
	case $1 in
	/*) [ -e "$1" ] ;;
	*) command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ] ;;
	esac
}

check_go() {
	if ! command -v go >/dev/null 2>&1; then
		if [ -x /usr/local/go/bin/go ]; then
			die "Go is installed in /usr/local/go but not on PATH; run: export PATH=\$PATH:/usr/local/go/bin"
		fi
		die "Go ${GO_MIN_MAJOR}.${GO_MIN_MINOR} or later is needed and 'go' was not found; install it (https://go.dev/doc/install) and put it on PATH"
	fi
	local v major minor
	v=$(go env GOVERSION 2>/dev/null || true) # e.g. go1.26.8
	v=${v#go}
	major=${v%%.*}
	minor=${v#*.}
	minor=${minor%%[!0-9]*}
	if ! [[ $major =~ ^[0-9]+$ && $minor =~ ^[0-9]+$ ]]; then
		echo "setup: warning: cannot read the Go version ('$(go version 2>&1)'); going on" >&2
		return
	fi
	if ((major < GO_MIN_MAJOR || (major == GO_MIN_MAJOR && minor < GO_MIN_MINOR))); then
		die "Go ${GO_MIN_MAJOR}.${GO_MIN_MINOR} or later is needed; 'go' here is go${v} ($(command -v go))"
	fi
}

missing=()
collect() {
	local entry file package
	for entry in "$@"; do
		file=${entry%% *}
		package=${entry#* }
		if ! have "$file"; then
			missing+=("$package")
		fi
	done
}

[ $# -gt 0 ] || set -- demo
for purpose in "$@"; do
	case $purpose in
	demo) collect ${DEMO_PACKAGES[@]+"${DEMO_PACKAGES[@]}"} ;;
	test) collect ${TEST_PACKAGES[@]+"${TEST_PACKAGES[@]}"} ;;
	bench) collect ${BENCH_PACKAGES[@]+"${BENCH_PACKAGES[@]}"} ;;
	*) die "unknown purpose '$purpose' (want demo, test or bench)" ;;
	esac
done

check_go

apt_install() {
	# Deduplicate, keeping order.
	mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')

	if ! command -v apt-get >/dev/null 2>&1; then
		die "missing: ${missing[*]}; apt-get was not found, so install these yourself"
	fi
	if [ "$(id -u)" -eq 0 ]; then
		sudo=()
	elif command -v sudo >/dev/null 2>&1; then
		sudo=(sudo)
	else
		die "missing: ${missing[*]}; installing needs root and sudo was not found. As root, run: apt-get update && apt-get install --no-install-recommends ${missing[*]}"
	fi

	echo "setup ($*): installing ${missing[*]}"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

# npm_deps installs the npm packages that tests load into the browser
# (axe-core, pinned in tests/a11y/package-lock.json) and DAISY Ace, which
# checks the EPUBs (pinned in tests/ace/package-lock.json), from the npm
# registry.
npm_deps() {
	local root dir
	root="$(cd "$(dirname "$0")/.." && pwd)"
	if ! command -v npm >/dev/null 2>&1; then
		echo "setup: warning: npm not found; the accessibility checks will be skipped" >&2
		return 0
	fi
	dir="$root/tests/a11y"
	if [ ! -f "$dir/node_modules/axe-core/axe.min.js" ]; then
		echo "setup (test): installing axe-core into tests/a11y"
		npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error </dev/null
	fi
	# Ace runs Debian's Chromium (PUPPETEER_EXECUTABLE_PATH in the
	# tests), so puppeteer must not download a browser of its own.
	dir="$root/tests/ace"
	if [ ! -x "$dir/node_modules/.bin/ace-cli" ]; then
		echo "setup (test): installing DAISY Ace into tests/ace"
		PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
			npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error </dev/null
	fi
}

# tus_deps installs tus-js-client (pinned in tools/tus/package-lock.json):
# scripts/assets.sh bundles its browser build into the office's assets,
# and the upload tests and bench/upload.sh run it in Node.
tus_deps() {
	local dir
	dir="$(cd "$(dirname "$0")/.." && pwd)/tools/tus"
	[ -f "$dir/node_modules/tus-js-client/package.json" ] && return 0
	if ! command -v npm >/dev/null 2>&1; then
		echo "setup: warning: npm not found; the office's video upload widget and its tests will be missing" >&2
		return 0
	fi
	echo "setup: installing tus-js-client into tools/tus"
	npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error </dev/null
}

# typst_deps installs Typst for the print PDFs (npm @myriaddreamin/typst-ts-node-compiler,
# pinned in tools/typst/package-lock.json), which internal/typst runs in Node.
typst_deps() {
	local dir
	dir="$(cd "$(dirname "$0")/.." && pwd)/tools/typst"
	[ -f "$dir/node_modules/@myriaddreamin/typst-ts-node-compiler/package.json" ] && return 0
	if ! command -v npm >/dev/null 2>&1; then
		echo "setup: warning: npm not found; print PDFs cannot be built and their tests will be skipped" >&2
		return 0
	fi
	echo "setup: installing Typst into tools/typst"
	npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error </dev/null
}

if [ ${#missing[@]} -eq 0 ]; then
	echo "setup ($*): nothing to install"
else
	apt_install "$@"
fi
for purpose in "$@"; do
	[ "$purpose" = test ] && npm_deps
done
typst_deps
tus_deps
exit 0
