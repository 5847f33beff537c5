// Package works holds the texts of the demo's Collected Works: five short
// essays on the public record of the China–Russia treaty of 16 July 2001,
// written for tandem's demo by fictional authors, with what the demo needs
// to show each contribution at another stage: a complete translation, a
// partial one with translation-memory units for fuzzy suggestions, two
// revisions of a DOCX manuscript and a termbase. works.json says which file
// is what; README.md describes them.
package works

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"github.com/tandemforum/tandem/internal/lang"
)

// FS holds the texts, the manifest (works.json) and the termbase. The
// sources the DOCX files were made from (src/) are not in it.
//
//go:embed works.json volume-1.json ?-*.md *.tsv *.docx
var FS embed.FS

// Manifest lists the demo's authors and essays.
type Manifest struct {
	// Termbase names the termbase: a TSV whose header names its columns
	// (zh, ru, en, note), as interchange.ReadTSV reads it.
	Termbase string   `json:"termbase"`
	Authors  []Author `json:"authors"`
	Essays   []Essay  `json:"essays"`
}

// Author is a fictional demo author. Each affiliation says "demo" in its
// language, so that no reader takes the person for a real one.
type Author struct {
	Slug        string            `json:"slug"`
	Names       lang.Names        `json:"names"`
	Affiliation map[string]string `json:"affiliation"`
}

// Essay is one contribution of the demo collection.
type Essay struct {
	Slug string `json:"slug"`
	// Lang is the original language.
	Lang string `json:"lang"`
	// Authors are Author slugs.
	Authors []string `json:"authors"`
	// Stage is where the demo shows the contribution: approved,
	// in-translation, in-editing, returned-to-author or invited.
	Stage string `json:"stage"`
	// Manuscript is the original as Markdown with YAML front matter
	// (title, author, lang, date, abstract, keywords); empty when the
	// original is given as Revisions.
	Manuscript string `json:"manuscript,omitempty"`
	// Revisions are DOCX manuscripts, oldest first.
	Revisions []string `json:"revisions,omitempty"`
	// Translations are complete translations as Markdown, by language,
	// with the same blocks and, block by block, as many sentences as the
	// original.
	Translations map[string]string `json:"translations,omitempty"`
	// Pairs are partial translations, by language: TSV files of source
	// segment and translation (see ReadPairs), in the original's order.
	Pairs map[string]string `json:"pairs,omitempty"`
	// Memory are translation-memory units from Lang into the language of
	// the key, in the same form as Pairs.
	Memory map[string]string `json:"memory,omitempty"`
	// Title is the title in every language; Abstract and Keywords hold
	// what the files do not: translations of the original's abstract and
	// keywords, and the abstract of a DOCX original.
	Title    map[string]string   `json:"title"`
	Abstract map[string]string   `json:"abstract,omitempty"`
	Keywords map[string][]string `json:"keywords,omitempty"`
}

// Load reads the manifest of the volume in preparation, works.json.
func Load() (*Manifest, error) { return LoadFile("works.json") }

// Volume1 is the manifest of the first volume, released on the forum's
// day: essays approved in zh, ru and en, of which the demo's editions are
// made.
const Volume1 = "volume-1.json"

// LoadFile reads the manifest name of FS.
func LoadFile(name string) (*Manifest, error) {
	data, err := FS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("demo %s: %w", name, err)
	}
	return &m, nil
}

// Author returns the author with the slug, or nil.
func (m *Manifest) Author(slug string) *Author {
	for i := range m.Authors {
		if m.Authors[i].Slug == slug {
			return &m.Authors[i]
		}
	}
	return nil
}

// Pair is a source segment and its translation.
type Pair struct {
	Source, Target string
}

// ReadPairs reads a TSV file of FS whose first line names the languages of
// its two columns ("ru<TAB>zh") and whose every other line is a source
// segment and its translation.
func ReadPairs(name string) (from, to string, pairs []Pair, err error) {
	data, err := fs.ReadFile(FS, name)
	if err != nil {
		return "", "", nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 2 || strings.TrimSpace(f[0]) == "" || strings.TrimSpace(f[1]) == "" {
			return "", "", nil, fmt.Errorf("%s:%d: want two tab-separated columns", name, line)
		}
		if line == 1 {
			from, to = f[0], f[1]
			continue
		}
		pairs = append(pairs, Pair{Source: f[0], Target: f[1]})
	}
	return from, to, pairs, sc.Err()
}
