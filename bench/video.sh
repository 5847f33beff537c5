#!/usr/bin/env bash
# bench/video.sh: tandem's processing of a speech video against ffmpeg
# alone doing the same work with the same parameters, for a remuxable
# speech (1080p25 H.264 high with AAC: the picture is copied, a 720p
# rendition encoded, the sound brought to -16 LUFS) and a non-remuxable one
# (1080p25 MPEG-4 part 2 with mono AAC at 44.1 kHz: both renditions
# encoded). Prints the best time of each, and the ratio tandem/ffmpeg.
#
# ffmpeg alone runs what tandem runs, written out below: loudnorm's
# measuring pass, one encoding run making both renditions with the
# measured values fed back (linear), and the poster. tandem adds its
# ffprobe of the original and of each output, the key-frame check of a
# remuxable original, the records in its database and the copies into its
# file store.
#
# Needs: go, ffmpeg, ffprobe (scripts/setup.sh bench). Settings from the
# environment: VIDEO_SECONDS (120: the length of each input), RUNS (1: runs
# of each, alternated; the best counts), BENCH_STRICT=1 (exit 1 when a
# ratio is over the target).
#
# Target (issue 11): tandem ≤ 1.05× ffmpeg's own time.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=bench/lib.sh
source bench/lib.sh
seconds=${VIDEO_SECONDS:-120}
runs=${RUNS:-1}
for tool in go ffmpeg ffprobe awk; do
	command -v "$tool" >/dev/null || die "$tool is missing (scripts/setup.sh bench)"
done

go build -o "$work/videoload" ./bench/videoload
echo "making two ${seconds}-second 1080p inputs…"
for kind in remux transcode; do
	"$work/videoload" -make "$kind" -seconds "$seconds" -o "$work/$kind.mp4"
done

now() { date +%s.%N; }

# ffmpeg_alone KIND IN DIR: tandem's work on IN by hand, in DIR.
ffmpeg_alone() {
	local kind=$1 in=$2 dir=$3 log val lra ln x264 aac graph poster_at
	mkdir -p "$dir"
	log="$dir/measure.log"
	ffmpeg -hide_banner -nostdin -y -nostats -i "$in" -map 0:a:0 -vn \
		-af aformat=channel_layouts=stereo,loudnorm=I=-16:TP=-1.5:LRA=11:print_format=json -f null - 2>"$log"
	val() { sed -n "s/.*\"$1\" : \"\(.*\)\".*/\1/p" "$log" | tail -1; }
	# tandem's target range: the measured one plus 1 LU, rounded up, 11 to 50.
	lra=$(awk -v l="$(val input_lra)" 'BEGIN { t = l + 1; if (t != int(t)) t = int(t) + 1; if (t < 11) t = 11; if (t > 50) t = 50; print t }')
	ln="loudnorm=I=-16:TP=-1.5:LRA=$lra:measured_I=$(val input_i):measured_TP=$(val input_tp):measured_LRA=$(val input_lra):measured_thresh=$(val input_thresh):offset=$(val target_offset):linear=true"
	x264=(-c:v libx264 -preset veryfast -crf 23 -profile:v high -pix_fmt yuv420p -g 50 -keyint_min 50 -sc_threshold 0 -force_key_frames "expr:gte(t,n_forced*2)")
	aac=(-c:a aac -b:a 128000 -ac 2 -ar 48000 -map_metadata -1 -movflags +faststart)
	case $kind in
	remux)
		graph="[0:v:0]format=yuv420p,scale=-2:720,setsar=1[v720];[0:a:0]aformat=channel_layouts=stereo,$ln,aresample=48000,asplit=2[a0][a1]"
		ffmpeg -hide_banner -nostdin -y -v error -i "$in" -filter_complex "$graph" \
			-map 0:v:0 -c:v copy -map '[a0]' "${aac[@]}" "$dir/main.mp4" \
			-map '[v720]' "${x264[@]}" -maxrate 3000k -bufsize 6000k -map '[a1]' "${aac[@]}" "$dir/720p.mp4"
		;;
	transcode)
		graph="[0:v:0]format=yuv420p,split=2[m][s];[m]scale=w='min(1920,iw)':h='min(1080,ih)':force_original_aspect_ratio=decrease:force_divisible_by=2,setsar=1[vmain];[s]scale=-2:720,setsar=1[v720];[0:a:0]aformat=channel_layouts=stereo,$ln,aresample=48000,asplit=2[a0][a1]"
		ffmpeg -hide_banner -nostdin -y -v error -i "$in" -filter_complex "$graph" \
			-map '[vmain]' "${x264[@]}" -maxrate 6000k -bufsize 12000k -map '[a0]' "${aac[@]}" "$dir/main.mp4" \
			-map '[v720]' "${x264[@]}" -maxrate 3000k -bufsize 6000k -map '[a1]' "${aac[@]}" "$dir/720p.mp4"
		;;
	esac
	poster_at=$(awk -v s="$seconds" 'BEGIN { p = s / 10; if (p > 30) p = 30; print p }')
	ffmpeg -hide_banner -nostdin -y -v error -ss "$poster_at" -i "$dir/main.mp4" -frames:v 1 -vf "scale='min(1280,iw)':-2" -q:v 3 "$dir/poster.jpg"
}

best() { awk 'NR == 1 || $1 < m { m = $1 } END { printf "%.2f", m }'; }

status=0
for kind in remux transcode; do
	: >"$work/$kind.tandem"
	: >"$work/$kind.ffmpeg"
	for run in $(seq "$runs"); do
		rm -rf "$work/data" "$work/alone"
		mkdir -p "$work/data"
		"$work/videoload" -in "$work/$kind.mp4" -data "$work/data" >"$work/out"
		method=$(awk '$1 == "method" { print $2 }' "$work/out")
		awk '$1 == "seconds" { print $2 }' "$work/out" >>"$work/$kind.tandem"
		t0=$(now)
		ffmpeg_alone "$kind" "$work/$kind.mp4" "$work/alone"
		t1=$(now)
		awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >>"$work/$kind.ffmpeg"
		[ "$method" = "$kind" ] || die "tandem chose $method for the $kind input"
		echo "run $run $kind: tandem $(tail -1 "$work/$kind.tandem") s, ffmpeg $(tail -1 "$work/$kind.ffmpeg") s"
	done
	tb=$(best <"$work/$kind.tandem")
	fb=$(best <"$work/$kind.ffmpeg")
	ratio=$(awk -v t="$tb" -v f="$fb" 'BEGIN { printf "%.3f", t / f }')
	verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.05) ? "PASS" : "FAIL" }')
	[ "$verdict" = PASS ] || status=1
	printf '%-9s tandem %6s s   ffmpeg alone %6s s   ratio %s (target ≤ 1.05) %s\n' "$kind" "$tb" "$fb" "$ratio" "$verdict"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${BENCH_STRICT:-0}" = 1 ]; then
	exit "$status"
fi
