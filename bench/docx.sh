#!/usr/bin/env bash
# bench/docx.sh: convert a large DOCX (War and Peace, volume 1, with its
# translator's notes as footnotes) to HTML with tandem and with pandoc side by
# side, and print times, peak memory and the ratios.
#
# Needs: go, pandoc, perl, GNU time (/usr/bin/time). The DOCX is built with
# pandoc from ../shared/data/ruslit/voina-i-mir-tom1.txt into a temporary
# folder; nothing is written into the repository.
#
# Targets (issue 3): tandem ≥ 10× faster than pandoc; tandem's peak memory
# under 10× the size of the text.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
src=${DOCX_BENCH_TEXT:-$root/../shared/data/ruslit/voina-i-mir-tom1.txt}
runs=${RUNS:-3}
for tool in go pandoc perl /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "bench/docx.sh: $tool is missing (apt-get install pandoc time)" >&2; exit 1; }
done
[ -r "$src" ] || { echo "bench/docx.sh: $src not found" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The text: title lines, "Часть …" parts, Roman chapter numbers, paragraphs;
# note markers "[n]" point into the "Примечания" block at the end, where a
# line with a number is followed by the note's text. It becomes Markdown
# with footnotes, which pandoc writes as a DOCX with real footnotes.
perl -CSD -Mutf8 -e '
	my (@body, %note, $in_notes, $cur);
	while (<>) {
		s/^\s+|\s+$//g;
		next if $_ eq "";
		s/&#(\d+);/chr($1)/ge;
		if ($_ eq "Примечания") { $in_notes = 1; next }
		if ($in_notes) {
			if (/^(\d+)$/) { $cur = $1; next }
			$note{$cur} .= ($note{$cur} ? " " : "") . $_ if defined $cur;
			next;
		}
		push @body, $_;
	}
	sub esc { my $s = shift; $s =~ s/([\\`*_<>\[\]#|~])/\\$1/g; $s =~ s/^([-+]|\d+\.)/\\$1/; $s }
	for (@body) {
		if (/^Часть /) { print "## $_\n\n"; next }
		if (/^[IVXLC]+$/) { print "### $_\n\n"; next }
		my $t = esc($_);
		$t =~ s/\\\[(\d+)\\\]/exists $note{$1} ? "[^$1]" : "[$1]"/ge;
		print "$t\n\n";
	}
	for my $n (sort { $a <=> $b } keys %note) { print "[^$n]: ", esc($note{$n}), "\n\n" }
' "$src" > "$work/book.md"
pandoc -f markdown -t docx -o "$work/book.docx" "$work/book.md"

(cd "$root" && go build -o "$work/tandem" ./cmd/tandem)

text_bytes=$(wc -c < "$src")
docx_bytes=$(wc -c < "$work/book.docx")
notes=$(grep -c '^\[^[0-9]*\]:' "$work/book.md" || true)
echo "input: $src"
echo "text: $text_bytes bytes; DOCX: $docx_bytes bytes, $notes footnotes"

# measure NAME CMD…: runs CMD $runs times, prints each, keeps the best time
# and the largest peak memory in best_s and peak_kb.
measure() {
	local name=$1; shift
	best_s=; peak_kb=0
	for i in $(seq "$runs"); do
		/usr/bin/time -v -o "$work/time.txt" "$@" > "$work/$name.html"
		local s kb
		s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); t = 0; for (k = 1; k <= n; k++) t = t * 60 + p[k]; print t }' "$work/time.txt")
		kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
		printf '%-7s run %d: %6.2f s, peak %7d KiB\n' "$name" "$i" "$s" "$kb"
		if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then best_s=$s; fi
		if [ "$kb" -gt "$peak_kb" ]; then peak_kb=$kb; fi
	done
}

# The binary's own footprint (every package it links starts up), to tell it
# from what the conversion needs.
/usr/bin/time -v -o "$work/time.txt" "$work/tandem" version > /dev/null
base_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
echo "tandem version (start-up only): peak $base_kb KiB"
measure tandem "$work/tandem" doc convert --to html "$work/book.docx"
t_s=$best_s t_kb=$peak_kb
measure pandoc pandoc -f docx -t html "$work/book.docx"
p_s=$best_s p_kb=$peak_kb

# Both outputs must carry the whole text: compare the number of footnotes.
t_notes=$(grep -o 'role="doc-footnote"' "$work/tandem.html" | wc -l || true)
p_notes=$(grep -o 'class="footnote-ref"' "$work/pandoc.html" | wc -l || true)
echo "footnotes in the output: tandem $t_notes, pandoc $p_notes"

awk -v ts="$t_s" -v ps="$p_s" -v tk="$t_kb" -v pk="$p_kb" -v tb="$text_bytes" -v bk="$base_kb" 'BEGIN {
	printf "best time: tandem %.2f s, pandoc %.2f s: tandem is %.1f× faster (target ≥ 10×)\n", ts, ps, ps / (ts > 0 ? ts : 0.001)
	printf "peak memory: tandem %.1f MiB, pandoc %.1f MiB (%.1f× less)\n", tk / 1024, pk / 1024, pk / tk
	printf "tandem peak memory / text size: %.1f× (target < 10×)\n", tk * 1024 / tb
	printf "  of which start-up: %.1f MiB; the conversion itself: %.1f MiB = %.1f× the text\n", bk / 1024, (tk - bk) / 1024, (tk - bk) * 1024 / tb
}'
