package demo

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/ffmpeg"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/video"
)

// The demo's two video addresses get illustrative videos: the speeches
// themselves were not published, and a demo must not put words in a real
// minister's mouth. Each is an abstract moving picture labelled, in zh, ru
// and en, as an illustration with a synthesised voice, and espeak-ng's
// neutral voice reading a short text of the project's own about how the
// forum's site works, in the speech's language. The subtitles are that
// text, cue by spoken sentence, in zh, ru and en; the video is marked as
// an illustration (video.Video.Illustration), which the speech page says
// under its player.

// ErrNoVideoTools is returned by Videos when ffmpeg or espeak-ng is
// missing: the demo then has no videos, and says so.
var ErrNoVideoTools = errors.New("the demo's videos need ffmpeg and espeak-ng (scripts/setup.sh demo installs them)")

// illustrationLabel is written on the picture, one line per language.
var illustrationLabel = []string{
	"示意视频——合成语音（tandem 演示）",
	"Иллюстрация — синтезированный голос (демо tandem)",
	"Illustration — synthesised voice (tandem demo)",
}

// sentence is one spoken sentence and its subtitles: Spoken in the video's
// language, and the cue's text in each language (Spoken among them).
type sentence struct{ zh, ru, en string }

func (s sentence) in(lang string) string {
	switch lang {
	case "zh":
		return s.zh
	case "ru":
		return s.ru
	}
	return s.en
}

// demoVideo is what one illustrative video says and how it looks.
type demoVideo struct {
	slug  string // the speech's
	lang  string // spoken in
	voice string // espeak-ng's voice
	speed int    // espeak-ng's words a minute
	// source is lavfi's abstract picture, endless (the speech's length
	// ends the video), at 5 frames a second: drawn, labelled and then
	// repeated to 25, which costs the encoder little on a busy machine.
	source    string
	sentences []sentence
}

// demoVideos are the two: none of their sentences is, or is said to be,
// what a minister said.
var demoVideos = []demoVideo{{
	slug:   "wang-yi-video-address",
	lang:   "zh",
	voice:  "cmn",
	speed:  200,
	source: "gradients=s=854x480:r=5:speed=0.04:n=4:seed=2021",
	sentences: []sentence{
		{"这是一段示意视频。", "Это иллюстративное видео.", "This is an illustrative video."},
		{"画面是抽象图案，声音由语音合成软件生成。", "Изображение абстрактное, голос создан программой синтеза речи.", "The picture is abstract, and the voice is made by speech synthesis software."},
		{"论坛在网上举行，致辞以视频形式播放。", "Форум проходит в сети, обращения показываются в записи.", "The forum is held online, and the addresses are shown as videos."},
		{"每段视频都有中文、俄文和英文字幕。", "У каждого видео есть субтитры на китайском, русском и английском.", "Every video has subtitles in Chinese, Russian and English."},
		{"观众可以在播放器中选择字幕语言。", "Зритель выбирает язык субтитров в проигрывателе.", "Viewers choose the language of the subtitles in the player."},
		{"字幕由编辑和译者在办公室里准备和审校。", "Субтитры готовят и проверяют редакторы и переводчики в офисе.", "Editors and translators prepare and check the subtitles in the office."},
		{"本视频的内容与论坛的发言嘉宾无关。", "Содержание этого видео не связано с выступающими на форуме.", "What this video says has nothing to do with the forum's speakers."},
		{"谢谢收看。", "Спасибо за внимание.", "Thank you for watching."},
	},
}, {
	slug:   "sergey-lavrov-video-address",
	lang:   "ru",
	voice:  "ru",
	speed:  165,
	source: "life=s=214x120:r=5:mold=10:ratio=0.1:death_color=#1b2a49:life_color=#f2a541:seed=2001,scale=854:480:flags=neighbor,setsar=1,gblur=sigma=1.5",
	sentences: []sentence{
		{"这是一段示意视频，声音由语音合成软件生成。", "Это иллюстративное видео, голос создан программой синтеза речи.", "This is an illustrative video; the voice is made by speech synthesis software."},
		{"论坛在网上举行，每个致辞都是事先录制的。", "Форум проходит в сети, и каждое обращение записано заранее.", "The forum is held online, and every address is recorded beforehand."},
		{"组织者在办公室上传视频。", "Организаторы загружают видео в офисе.", "The organisers upload the videos in the office."},
		{"网站把视频准备好，以便在网上播放。", "Сайт сам готовит видео к показу в сети.", "The site itself prepares the videos to be shown online."},
		{"观众可以选择中文、俄文或英文字幕。", "Зрители выбирают субтитры на китайском, русском или английском.", "Viewers choose subtitles in Chinese, Russian or English."},
		{"致辞的文字稿在视频下方的页面上。", "Текст выступления помещён на странице под видео.", "The text of the address is on the page below the video."},
		{"本视频的内容不属于论坛的任何参与者。", "Содержание этого видео не принадлежит участникам форума.", "What this video says belongs to none of the forum's participants."},
		{"谢谢收看。", "Спасибо за внимание.", "Thank you for watching."},
	},
}}

// Timing of the speech in the video: silence before the first sentence,
// between two and after the last.
const (
	leadIn  = 1200 * time.Millisecond
	pause   = 450 * time.Millisecond
	leadOut = 1500 * time.Millisecond
)

// VideoTools are the programs Videos runs; the zero value finds them on
// PATH.
type VideoTools struct {
	FFmpeg ffmpeg.Tools
	// Espeak is espeak-ng's path: "espeak-ng" by default.
	Espeak string
}

func (t VideoTools) espeak() string {
	if t.Espeak == "" {
		return "espeak-ng"
	}
	return t.Espeak
}

// Available returns ErrNoVideoTools, with what is missing, when a program
// Videos needs is not installed.
func (t VideoTools) Available() error {
	if err := t.FFmpeg.Available(); err != nil {
		return fmt.Errorf("%w: %v", ErrNoVideoTools, err)
	}
	if _, err := exec.LookPath(t.espeak()); err != nil {
		return fmt.Errorf("%w: %v", ErrNoVideoTools, err)
	}
	return nil
}

// Videos makes the demo's two illustrative videos, in workDir, after Load:
// each is stored as its speech's video, marked as an illustration and
// processed at once as the program's worker would (so that the demo's
// pages are complete before any worker runs), and its subtitles in zh, ru
// and en are stored, all "human": the project wrote them. It returns the
// videos; ErrNoVideoTools, changing nothing, when ffmpeg or espeak-ng is
// missing.
func Videos(ctx context.Context, db *store.DB, blobs blob.Store, tools VideoTools, workDir string) ([]*video.Video, error) {
	if err := tools.Available(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(workDir, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(workDir, "demo-video-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	proc := &video.Processor{DB: db, Blobs: blobs, Tools: tools.FFmpeg, WorkDir: workDir}
	var out []*video.Video
	for _, dv := range demoVideos {
		v, err := dv.make(ctx, db, blobs, tools, proc, filepath.Join(dir, dv.slug))
		if err != nil {
			return out, fmt.Errorf("demo video of %s: %w", dv.slug, err)
		}
		out = append(out, v)
	}
	return out, nil
}

func (dv demoVideo) make(ctx context.Context, db *store.DB, blobs blob.Store, tools VideoTools, proc *video.Processor, dir string) (*video.Video, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var speechID int64
	err := db.QueryRow(ctx, `SELECT s.id FROM speeches s JOIN forums f ON f.id = s.forum_id WHERE f.slug = ? AND s.slug = ?`,
		ForumSlug, dv.slug).Scan(&speechID)
	if err != nil {
		return nil, fmt.Errorf("speech: %w", err)
	}
	wav, cues, total, err := dv.speak(ctx, tools, dir)
	if err != nil {
		return nil, err
	}
	mp4 := filepath.Join(dir, dv.slug+".mp4")
	if err := dv.render(ctx, tools, dir, wav, total, mp4); err != nil {
		return nil, err
	}
	key := "videos/originals/demo-" + dv.slug + ".mp4"
	f, err := os.Open(mp4)
	if err != nil {
		return nil, err
	}
	_, err = blobs.Put(ctx, key, f)
	f.Close()
	if err != nil {
		return nil, err
	}
	var v *video.Video
	err = db.Transact(ctx, func(tx *store.Tx) error {
		if v, err = video.Submit(ctx, tx, speechID, key, video.Actor{Name: "tandem demo"}); err != nil {
			return err
		}
		if err := video.MarkIllustration(ctx, tx, v.ID); err != nil {
			return err
		}
		// The original's track first, and its translations stored at the
		// same moment: a translation stored before its source would read
		// as made from an earlier version of it (subtitle.Outdated).
		at := time.Now()
		langs := append([]string{dv.lang}, slices.DeleteFunc([]string{"zh", "ru", "en"}, func(l string) bool { return l == dv.lang })...)
		for _, l := range langs {
			t := &subtitle.Track{SpeechID: speechID, Lang: l, Provenance: subtitle.Human, CreatedByName: "tandem demo",
				FileName: dv.slug + "." + l + ".vtt", Cues: cues[l], CreatedAt: at}
			if l != dv.lang {
				t.SourceLang = dv.lang
			}
			if err := subtitle.Put(ctx, tx, t); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := proc.Process(ctx, v.ID); err != nil {
		return nil, err
	}
	if v, err = video.Get(ctx, db, v.ID); err != nil {
		return nil, err
	}
	if v.State != video.Ready {
		return nil, fmt.Errorf("processing ended %s: %s %s", v.State, v.ErrorKey, v.ErrorDetail)
	}
	// The demo's forum shows its videos and subtitles as approved by
	// both hosts, as it loads its other approved things.
	err = db.Transact(ctx, func(tx *store.Tx) error {
		hosts, err := forum.SpeechHosts(ctx, tx, speechID)
		if err != nil {
			return err
		}
		for _, h := range hosts {
			if _, err := video.Approve(ctx, tx, v.ID, h, video.Actor{Name: "tandem demo"}); err != nil {
				return err
			}
		}
		return subtitle.ApproveAll(ctx, tx, speechID, subtitle.Approver{Name: "tandem demo"})
	})
	if err != nil {
		return nil, fmt.Errorf("approve: %w", err)
	}
	if v, err = video.Get(ctx, db, v.ID); err != nil {
		return nil, err
	}
	return v, nil
}

// speak synthesises the sentences one by one, measures each, and joins
// them with pauses into one WAV file in dir. It returns the file, the cues
// of each language (one a sentence, timed as it is spoken) and the
// speech's whole length, lead-in and lead-out included.
func (dv demoVideo) speak(ctx context.Context, tools VideoTools, dir string) (string, map[string][]subtitle.Cue, time.Duration, error) {
	var samples []byte
	var format wavFormat
	cues := map[string][]subtitle.Cue{}
	silence := func(d time.Duration) {
		n := int(d.Seconds()*float64(format.rate)) * format.blockAlign
		samples = append(samples, make([]byte, n)...)
	}
	for i, s := range dv.sentences {
		path := filepath.Join(dir, "sentence-"+strconv.Itoa(i)+".wav")
		cmd := exec.CommandContext(ctx, tools.espeak(), "-v", dv.voice, "-s", strconv.Itoa(dv.speed), "-w", path, "--", s.in(dv.lang))
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", nil, 0, fmt.Errorf("espeak-ng: %v: %s", err, out)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return "", nil, 0, err
		}
		f, pcm, err := readWAV(data)
		if err != nil {
			return "", nil, 0, fmt.Errorf("espeak-ng's %s: %w", path, err)
		}
		if i == 0 {
			format = f
			silence(leadIn)
		} else {
			if f != format {
				return "", nil, 0, fmt.Errorf("espeak-ng's %s: format %+v differs from %+v", path, f, format)
			}
			silence(pause)
		}
		start := format.duration(len(samples))
		samples = append(samples, pcm...)
		end := format.duration(len(samples))
		for _, l := range []string{"zh", "ru", "en"} {
			cues[l] = append(cues[l], subtitle.Cue{Start: start.Milliseconds(), End: end.Milliseconds(), Lines: subtitle.Break(s.in(l), l)})
		}
	}
	silence(leadOut)
	path := filepath.Join(dir, "speech.wav")
	if err := os.WriteFile(path, writeWAV(format, samples), 0o644); err != nil {
		return "", nil, 0, err
	}
	return path, cues, format.duration(len(samples)), nil
}

// render makes the video: the abstract picture, darkened under the label
// at its top (the player's subtitles go at the bottom), with the speech,
// as H.264 and AAC in an MP4 that processing only remuxes.
func (dv demoVideo) render(ctx context.Context, tools VideoTools, dir, wav string, total time.Duration, out string) error {
	secs := strconv.FormatFloat(total.Seconds(), 'f', 3, 64)
	filter := dv.source + ",format=yuv420p,drawbox=x=0:y=0:w=iw:h=132:color=black@0.6:t=fill"
	for i, l := range illustrationLabel {
		file := filepath.Join(dir, "label-"+strconv.Itoa(i)+".txt")
		if err := os.WriteFile(file, []byte(l), 0o644); err != nil {
			return err
		}
		filter += fmt.Sprintf(",drawtext=font='Noto Sans CJK SC':textfile=%s:fontsize=26:fontcolor=white:x=(w-tw)/2:y=%d", file, 14+i*38)
	}
	filter += ",fps=25[v]"
	args := []string{"-hide_banner", "-nostdin", "-y", "-v", "error",
		"-i", wav, "-filter_complex", filter, "-map", "[v]", "-map", "0:a", "-t", secs,
		"-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
		"-c:a", "aac", "-b:a", "96k", "-ar", "48000", "-ac", "2", "-movflags", "+faststart", out}
	if _, err := tools.FFmpeg.Run(ctx, args, nil); err != nil {
		return err
	}
	return nil
}

// wavFormat is a PCM WAV file's format.
type wavFormat struct {
	channels, rate, bits, blockAlign int
}

func (f wavFormat) duration(bytes int) time.Duration {
	frames := bytes / f.blockAlign
	return time.Duration(frames) * time.Second / time.Duration(f.rate)
}

// readWAV reads a PCM WAV file (as espeak-ng writes), returning its format
// and its samples.
func readWAV(b []byte) (wavFormat, []byte, error) {
	var f wavFormat
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return f, nil, errors.New("not a WAV file")
	}
	for p := 12; p+8 <= len(b); {
		id, size := string(b[p:p+4]), int(binary.LittleEndian.Uint32(b[p+4:p+8]))
		body := b[p+8:]
		switch id {
		case "fmt ":
			if len(body) < 16 || binary.LittleEndian.Uint16(body[0:2]) != 1 {
				return f, nil, errors.New("not PCM")
			}
			f.channels = int(binary.LittleEndian.Uint16(body[2:4]))
			f.rate = int(binary.LittleEndian.Uint32(body[4:8]))
			f.blockAlign = int(binary.LittleEndian.Uint16(body[12:14]))
			f.bits = int(binary.LittleEndian.Uint16(body[14:16]))
		case "data":
			if f.rate == 0 || f.blockAlign == 0 {
				return f, nil, errors.New("data before its format")
			}
			// A size past the end (a stream's placeholder) means the rest.
			if size > len(body) || size < 0 {
				size = len(body)
			}
			return f, body[:size-size%f.blockAlign], nil
		}
		p += 8 + size + size%2
	}
	return f, nil, errors.New("no samples")
}

// writeWAV writes samples in format f as a WAV file.
func writeWAV(f wavFormat, samples []byte) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	b.WriteString("RIFF")
	binary.Write(&b, le, uint32(36+len(samples)))
	b.WriteString("WAVEfmt ")
	binary.Write(&b, le, uint32(16))
	binary.Write(&b, le, uint16(1))
	binary.Write(&b, le, uint16(f.channels))
	binary.Write(&b, le, uint32(f.rate))
	binary.Write(&b, le, uint32(f.rate*f.blockAlign))
	binary.Write(&b, le, uint16(f.blockAlign))
	binary.Write(&b, le, uint16(f.bits))
	b.WriteString("data")
	binary.Write(&b, le, uint32(len(samples)))
	b.Write(samples)
	return b.Bytes()
}
