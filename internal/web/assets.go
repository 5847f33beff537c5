package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// assets serves the embedded static files under names that carry a hash of
// their content, so that browsers may keep them for a year.
type assets struct {
	byName map[string]string // style.css → style.3f2a….css
	files  map[string]*asset // fingerprinted name → file
}

type asset struct {
	contentType string
	body        []byte
}

func loadAssets() (*assets, error) {
	as := &assets{byName: map[string]string{}, files: map[string]*asset{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		name := path.Base(p)
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		fp := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		ct := mime.TypeByExtension(ext)
		if ct == "" {
			ct = "application/octet-stream"
		}
		as.byName[name] = fp
		as.files[fp] = &asset{contentType: ct, body: b}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	return as, nil
}

// url returns the fingerprinted URL of a static file.
func (as *assets) url(name string) (string, error) {
	fp, ok := as.byName[name]
	if !ok {
		return "", fmt.Errorf("no asset %q", name)
	}
	return "/assets/" + fp, nil
}
