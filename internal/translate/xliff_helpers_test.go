package translate

import (
	"fmt"
	"strings"

	"github.com/tandemforum/tandem/internal/interchange"
)

// testVersion stands for the version of the tandem that writes a file.
const testVersion = "v0.3.0-4-g1a2b3c4 1a2b3c4d5e6f (modified)"

type lineMsg struct {
	line int
	msg  string
}

func (l lineMsg) String() string { return fmt.Sprintf("%d: %s", l.line, l.msg) }

func warningLines(ws []interchange.Warning) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString("  " + w.String() + "\n")
	}
	return b.String()
}
