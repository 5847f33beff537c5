package video

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/ffmpeg"
)

// copyable reports whether the video stream vs may be copied into the
// main rendition as it is: H.264 that every browser plays (4:2:0, 8 bits,
// a baseline, main or high profile), no larger than the main rendition
// may be (in either orientation), at a constant frame rate from 2 to 60 per second, with square
// pixels, no rotation, and a bit rate no higher than a careful encoder
// would spend (0.2 bits per pixel). Its key frames are checked apart.
func copyable(vs *ffmpeg.Stream, set Settings) bool {
	switch {
	case vs.Codec != "h264" || vs.PixFmt != "yuv420p":
		return false
	case vs.Profile != "High" && vs.Profile != "Main" && vs.Profile != "Constrained Baseline" && vs.Profile != "Baseline":
		return false
	case min(vs.Width, vs.Height) > set.MaxHeight || max(vs.Width, vs.Height) > maxWidth(set):
		return false
	case vs.SAR != "" && vs.SAR != "1:1" && vs.SAR != "0:1":
		return false
	case vs.Rotation() != 0:
		return false
	}
	fps := vs.FrameRate()
	if fps < 2 || fps > 60 {
		return false
	}
	if r := ratioOf(vs.RFrameRate); r > 0 && math.Abs(r-fps) > fps/100 {
		return false // a variable frame rate
	}
	if br := vs.BitRateValue(); br > 0 && float64(br) > 0.2*float64(vs.Width*vs.Height)*fps {
		return false
	}
	return true
}

// maxWidth is the longer side a main rendition may have: 16/9 of
// MaxHeight, which bounds the shorter side (1920 for 1080).
func maxWidth(set Settings) int { return set.MaxHeight * 16 / 9 }

// keyframesWithin reports whether key frames come at most every gap
// apart all through a video of duration d, so that a player can seek in
// a copied video as well as in an encoded one.
func keyframesWithin(kf []time.Duration, d, gap time.Duration) bool {
	if len(kf) == 0 {
		return false
	}
	last := time.Duration(0)
	for _, t := range append(kf, d) {
		if t-last > gap {
			return false
		}
		last = t
	}
	return true
}

func ratioOf(s string) float64 {
	num, den, ok := strings.Cut(s, "/")
	n, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0
	}
	if !ok {
		return n
	}
	d, err := strconv.ParseFloat(den, 64)
	if err != nil || d == 0 {
		return 0
	}
	return n / d
}

// loudnormFilter is the loudnorm filter bringing audio to set's target:
// its first pass when measured is nil, else its second, fed the first's
// measurements and linear (one gain for the whole speech, which keeps its
// dynamics, where the measurements allow; loudnorm itself falls back to
// its dynamic mode when they do not).
func loudnormFilter(set Settings, measured *ffmpeg.Loudness) string {
	lra := 11.0
	if measured != nil {
		// A speech's own range is kept rather than compressed: a target
		// range below the measured one would rule out linear mode.
		lra = min(50, max(lra, math.Ceil(measured.LRA+1)))
	}
	f := fmt.Sprintf("loudnorm=I=%s:TP=%s:LRA=%s", num(set.Loudness), num(set.TruePeak), num(lra))
	if measured != nil {
		f += fmt.Sprintf(":measured_I=%s:measured_TP=%s:measured_LRA=%s:measured_thresh=%s:offset=%s:linear=true",
			num(measured.I), num(measured.TP), num(measured.LRA), num(measured.Thresh), num(measured.Offset))
	}
	return f
}

// toStereo makes the sound stereo before loudnorm measures or corrects
// it, in both passes: the loudness of what is played (stereo) is what is
// brought to the target, not that of a 5.1 or mono original, whose
// channels BS.1770 weighs otherwise.
const toStereo = "aformat=channel_layouts=stereo,"

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// encoding is what one run of ffmpeg makes of the original.
type encoding struct {
	renditions []renditionPlan
	// copyAudio copies the original's audio; normalise brings it to the
	// target (else it is encoded as it is: silence, or no measurement).
	copyAudio, normalise, audio bool
	loudness                    *ffmpeg.Loudness
	fps                         float64
	set                         Settings
	// portrait is a picture taller than wide as displayed, whose limits
	// apply to its width: a phone's 1080×1920 is its full resolution.
	portrait bool
}

type renditionPlan struct {
	name string
	copy bool // the original's video stream, copied
	// short is the length in pixels to scale the picture's shorter side
	// to (its height, or its width when it stands upright), 0 for the
	// main rendition's fit.
	short int
}

// plan decides how v is made into its renditions:
//
//   - the main rendition copies the original's video when Method is
//     Remux, and otherwise encodes it with x264 (high profile, constant
//     quality with a cap, a key frame every KeyframeEvery), scaled down to
//     fit 1920×1080 when larger (1080×1920 when it stands upright);
//   - a 720p rendition is encoded too when the main one's shorter side is
//     longer than 720;
//   - the audio is encoded as AAC stereo at 48 kHz, brought to the
//     loudness target by loudnorm's second pass; it is copied instead,
//     the one case that needs no re-encoding, when it already is AAC
//     stereo at 48 kHz within 1 LU of the target and under the peak.
func plan(v *Video, vs, as *ffmpeg.Stream, set Settings) *encoding {
	e := &encoding{set: set, fps: vs.FrameRate(), audio: as != nil, loudness: v.Loudness}
	if e.fps <= 0 {
		e.fps = 25
	}
	main := renditionPlan{name: "main", copy: v.Method == Remux}
	e.renditions = append(e.renditions, main)
	w, h := mainSize(vs, set)
	e.portrait = h > w
	if min(w, h) > 720 {
		e.renditions = append(e.renditions, renditionPlan{name: "720p", short: 720})
	}
	if as != nil {
		l := v.Loudness
		e.normalise = !silent(l)
		inTarget := l != nil && e.normalise && math.Abs(l.I-set.Loudness) <= 1 && l.TP <= set.TruePeak
		e.copyAudio = as.Codec == "aac" && as.SampleRate == "48000" && as.Channels == 2 && inTarget
	}
	return e
}

// mainSize is the picture size of the main rendition, as displayed: the
// original's with its pixel shape and rotation applied, scaled down to
// fit MaxHeight on its shorter side and 16:9 of that on its longer one.
func mainSize(vs *ffmpeg.Stream, set Settings) (w, h int) {
	fw, fh := float64(vs.Width), float64(vs.Height)
	if sar := ratioOf(strings.Replace(vs.SAR, ":", "/", 1)); sar > 0 {
		fw *= sar
	}
	if r := vs.Rotation(); r == 90 || r == -90 || r == 270 || r == -270 {
		fw, fh = fh, fw
	}
	s := min(1, float64(set.MaxHeight)/min(fw, fh), float64(maxWidth(set))/max(fw, fh))
	return int(math.Round(fw * s)), int(math.Round(fh * s))
}

func (e *encoding) outputs(dir string) []string {
	var out []string
	for _, r := range e.renditions {
		out = append(out, filepath.Join(dir, r.name+".mp4"))
	}
	return out
}

// args are ffmpeg's arguments making every rendition from in in one run,
// which decodes the original once.
func (e *encoding) args(in string, outs []string) []string {
	set := e.set
	fps := e.fps
	var graph []string
	fpsFilter := ""
	if fps > 60 {
		fps, fpsFilter = 30, ",fps=30"
	}
	n := len(e.renditions)
	// Video: the main rendition, encoded or copied, and the 720p one.
	var encoded []renditionPlan
	for _, r := range e.renditions {
		if !r.copy {
			encoded = append(encoded, r)
		}
	}
	videoLabel := map[string]string{}
	if len(encoded) > 0 {
		// Pixels made square, then each encoded rendition scaled to fit.
		base := "[0:v:0]scale='trunc(iw*sar/2)*2':ih,setsar=1" + fpsFilter + ",format=yuv420p"
		if len(encoded) == 1 {
			graph = append(graph, base+"[vsrc]")
		} else {
			graph = append(graph, fmt.Sprintf("%s,split=%d%s", base, len(encoded), labels("vsrc", len(encoded))))
		}
		for i, r := range encoded {
			src := "[vsrc]"
			if len(encoded) > 1 {
				src = fmt.Sprintf("[vsrc%d]", i)
			}
			boxW, boxH := maxWidth(set), set.MaxHeight
			if e.portrait {
				boxW, boxH = boxH, boxW
			}
			scale := fmt.Sprintf("scale=w='min(%d,iw)':h='min(%d,ih)':force_original_aspect_ratio=decrease:force_divisible_by=2", boxW, boxH)
			switch {
			case r.short > 0 && e.portrait:
				scale = fmt.Sprintf("scale=%d:-2", r.short)
			case r.short > 0:
				scale = fmt.Sprintf("scale=-2:%d", r.short)
			}
			graph = append(graph, fmt.Sprintf("%s%s,setsar=1[v%s]", src, scale, r.name))
			videoLabel[r.name] = "[v" + r.name + "]"
		}
	}
	// Audio: one filtered stream, split per rendition.
	encodeAudio := e.audio && !e.copyAudio
	if encodeAudio {
		f := "[0:a:0]" + toStereo
		if e.normalise {
			f += loudnormFilter(set, e.loudness) + ","
		}
		f += "aresample=48000"
		if n == 1 {
			graph = append(graph, f+"[amain]")
		} else {
			graph = append(graph, fmt.Sprintf("%s,asplit=%d%s", f, n, labels("a", n)))
		}
	}
	args := []string{"-i", in}
	if len(graph) > 0 {
		args = append(args, "-filter_complex", strings.Join(graph, ";"))
	}
	g := strconv.Itoa(max(1, int(math.Round(fps*set.KeyframeEvery.Seconds()))))
	for i, r := range e.renditions {
		if r.copy {
			args = append(args, "-map", "0:v:0", "-c:v", "copy")
		} else {
			maxrate := 6000
			switch {
			case r.short == 720:
				maxrate = 3000
			case r.short > 0 && r.short < 720:
				maxrate = 1500
			}
			args = append(args, "-map", videoLabel[r.name], "-c:v", "libx264", "-preset", set.Preset, "-crf", strconv.Itoa(set.CRF),
				"-maxrate", fmt.Sprintf("%dk", maxrate), "-bufsize", fmt.Sprintf("%dk", 2*maxrate),
				"-profile:v", "high", "-pix_fmt", "yuv420p", "-g", g, "-keyint_min", g, "-sc_threshold", "0",
				"-force_key_frames", "expr:gte(t,n_forced*"+num(set.KeyframeEvery.Seconds())+")")
		}
		switch {
		case !e.audio:
		case e.copyAudio:
			args = append(args, "-map", "0:a:0", "-c:a", "copy")
		default:
			label := "[amain]"
			if n > 1 {
				label = fmt.Sprintf("[a%d]", i)
			}
			args = append(args, "-map", label, "-c:a", "aac", "-b:a", strconv.Itoa(set.AudioBitRate), "-ac", "2", "-ar", "48000")
		}
		args = append(args, "-map_metadata", "-1", "-movflags", "+faststart", outs[i])
	}
	return args
}

// labels returns "[p0][p1]…" for n outputs.
func labels(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[%s%d]", prefix, i)
	}
	return b.String()
}
