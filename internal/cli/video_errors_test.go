package cli

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/video/videotest"
)

// TestVideoCommandRefusals: tandem video attach and list refuse what the
// upload endpoint refuses, at once and in a sentence, and exit non-zero:
// an item that does not exist, one not given by video, an empty file, a
// missing file; and nothing is stored for a refused attach.
func TestVideoCommandRefusals(t *testing.T) {
	forEachEmptyEnv(t, func(t *testing.T, env map[string]string) {
		ctx := context.Background()
		db, err := store.Open(ctx, env["TANDEM_DATABASE"], env["TANDEM_DATA"])
		if err != nil {
			t.Fatal(err)
		}
		item, err := videotest.AddSpeech(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		// A report given in the room.
		if _, err := db.Exec(ctx, `UPDATE speeches SET kind = 'report', delivery = 'in_person' WHERE id = ?`, item); err != nil {
			t.Fatal(err)
		}
		db.Close()
		// An item with no video: listing it says so, and is no failure.
		if code, out, errOut := runCLI(t, env, "video", "list", "--item", strconv.FormatInt(item, 10)); code != 0 || out != "" || !strings.Contains(errOut, "programme item "+strconv.FormatInt(item, 10)+" has no video") {
			t.Errorf("list of an item with no video: exit %d, %q %q", code, out, errOut)
		}
		dir := t.TempDir()
		good := filepath.Join(dir, "good.mp4")
		empty := filepath.Join(dir, "empty.mp4")
		os.WriteFile(good, []byte("not checked before processing"), 0o644)
		os.WriteFile(empty, nil, 0o644)
		id := strconv.FormatInt(item, 10)
		for _, tc := range []struct {
			args []string
			want string
		}{
			{[]string{"video", "attach", "--item", id, good}, "programme item " + id + " is not given by video, so it takes no video file"},
			{[]string{"video", "attach", "--item", "999", good}, "no programme item 999"},
			{[]string{"video", "attach", "--item", id, empty}, empty + " is empty (0 bytes)"},
			{[]string{"video", "attach", "--item", id, filepath.Join(dir, "none.mp4")}, "there is no file " + filepath.Join(dir, "none.mp4")},
			{[]string{"video", "list", "--item", "999"}, "tandem video: no programme item 999\n"},
			{[]string{"video", "withdraw", "--item", id}, "programme item " + id + " is not given by video, so it takes no video file"},
			// A number that is none is explained, by every --item.
			{[]string{"video", "withdraw", "--item", "abc"}, `invalid value "abc" for flag -item: want a programme item's number`},
			{[]string{"video", "attach", "--item", "abc", good}, `invalid value "abc" for flag -item: want a programme item's number`},
		} {
			code, out, errOut := runCLI(t, env, tc.args...)
			if code == 0 || out != "" || !strings.Contains(errOut, tc.want) {
				t.Errorf("%v: exit %d, %q %q; want a refusal saying %q", tc.args, code, out, errOut, tc.want)
			}
		}
		if files, _ := filepath.Glob(filepath.Join(env["TANDEM_DATA"], "files", "videos", "originals", "*")); len(files) != 0 {
			t.Errorf("refused attaches left files: %v", files)
		}
		db, err = store.Open(ctx, env["TANDEM_DATABASE"], env["TANDEM_DATA"])
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(ctx, `UPDATE speeches SET delivery = 'video' WHERE id = ?`, item); err != nil {
			t.Fatal(err)
		}
		if code, out, errOut := runCLI(t, env, "video", "attach", "--item", id, good); code != 0 || strings.TrimSpace(out) == "" {
			t.Errorf("attach to an item delivered by video: exit %d, %q %q", code, out, errOut)
		}
		if code, out, errOut := runCLI(t, env, "video", "list", "--item", id); code != 0 || !strings.Contains(out, "\t"+id+"\tqueued\t") {
			t.Errorf("list after attach: exit %d, %q %q", code, out, errOut)
		}
	})
}

// forEachEmptyEnv runs fn with the environment of a migrated, empty
// database, once on SQLite and once on PostgreSQL (when configured).
func forEachEmptyEnv(t *testing.T, fn func(t *testing.T, env map[string]string)) {
	run := func(t *testing.T, env map[string]string) {
		db, err := store.Open(context.Background(), env["TANDEM_DATABASE"], env["TANDEM_DATA"])
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Migrate(context.Background())
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		fn(t, env)
	}
	t.Run("sqlite", func(t *testing.T) { run(t, map[string]string{"TANDEM_DATA": t.TempDir()}) })
	t.Run("postgres", func(t *testing.T) {
		run(t, map[string]string{"TANDEM_DATA": t.TempDir(), "TANDEM_DATABASE": storetest.PostgresURL(t)})
	})
}
