package doc

import (
	"bufio"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Op says what happened to a block or a piece of text between two
// revisions.
type Op string

const (
	Same    Op = "same"
	Insert  Op = "insert"
	Delete  Op = "delete"
	Changed Op = "changed"
)

// Change is one text block (heading, paragraph, figure or section break)
// of the old revision, the new one, or both. Blocks inside quotations, lists,
// tables and notes are compared one by one too, with Context saying where
// they are ("quote", "list", "table", "note 3").
type Change struct {
	Op       Op
	Old, New *Block
	Context  string
	// Words is the word-by-word difference of a Changed block's text
	// (character by character for Chinese and Japanese).
	Words []Piece
}

// Piece is a run of text that is the same in both revisions, inserted or
// deleted.
type Piece struct {
	Op   Op
	Text string
}

// Changes is the difference between two revisions of a document.
type Changes struct {
	Old, New *Document
	Blocks   []Change
}

// leaf is a text block with where it sits.
type leaf struct {
	b       *Block
	context string
	key     string
	text    string
}

// leaves lists the text blocks of d in reading order, body then notes.
func leaves(d *Document) []leaf {
	var out []leaf
	var visit func(bs []Block, ctx string)
	visit = func(bs []Block, ctx string) {
		for i := range bs {
			b := &bs[i]
			switch b.Type {
			case Quote:
				visit(b.Blocks, join(ctx, "quote"))
			case ListBlock:
				if b.List != nil {
					for _, it := range b.List.Items {
						first := len(out)
						visit(it.Blocks, join(ctx, "list"))
						if it.Label != "" && first < len(out) {
							// The label is part of what a reader sees.
							l := &out[first]
							l.text = it.Label + LabelSpace(it.Label) + l.text
							l.key += "\x00" + it.Label
						}
					}
				}
			case TableBlock:
				if b.Table != nil {
					for _, r := range b.Table.Rows {
						for _, c := range r.Cells {
							visit(c.Blocks, join(ctx, "table"))
						}
					}
				}
			default:
				text := BlockText(b)
				out = append(out, leaf{b: b, context: ctx, text: text,
					key: ctx + "\x00" + string(b.Type) + strconv.Itoa(b.Level) + b.Number + "\x00" + fingerprint(b)})
			}
		}
	}
	visit(d.Blocks, "")
	for i, n := range d.Notes {
		visit(n.Blocks, "note "+strconv.Itoa(i+1))
	}
	return out
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + " › " + b
}

// fingerprint renders a leaf block's inlines with their marks, so that a
// change of formatting is a change.
func fingerprint(b *Block) string {
	var sb strings.Builder
	var fp func(ins []Inline)
	fp = func(ins []Inline) {
		for _, in := range ins {
			if in.Type == Anchor {
				continue // a bookmark's name is not something a reader sees
			}
			sb.WriteString(string(in.Type))
			sb.WriteByte('(')
			sb.WriteString(in.Text + in.Href + in.Lang + in.Src + in.Alt + in.Mark)
			if m := in.Math; m != nil {
				sb.WriteString(strconv.FormatBool(m.Display) + "|" + m.TeX + "|" + m.MathML)
			}
			fp(in.Content)
			sb.WriteByte(')')
		}
	}
	fp(b.Inlines)
	if f := b.Figure; f != nil {
		sb.WriteString("figure(" + f.Src + "|" + f.Alt + "|")
		if f.CaptionAbove {
			sb.WriteString("above|")
		}
		fp(f.Caption)
	}
	return sb.String()
}

// Diff compares two revisions block by block, and the text of blocks that
// changed word by word.
func Diff(old, cur *Document) *Changes {
	a, b := leaves(old), leaves(cur)
	ak := make([]string, len(a))
	for i := range a {
		ak[i] = a[i].key
	}
	bk := make([]string, len(b))
	for i := range b {
		bk[i] = b[i].key
	}
	ops := diffSeq(ak, bk)
	ch := &Changes{Old: old, New: cur}
	i, j := 0, 0
	for k := 0; k < len(ops); {
		if ops[k] == Same {
			ch.Blocks = append(ch.Blocks, Change{Op: Same, Old: a[i].b, New: b[j].b, Context: b[j].context})
			i, j, k = i+1, j+1, k+1
			continue
		}
		// A gap: the deleted and inserted blocks between two equal ones.
		var dels, ins []int
		for ; k < len(ops) && ops[k] != Same; k++ {
			if ops[k] == Delete {
				dels = append(dels, i)
				i++
			} else {
				ins = append(ins, j)
				j++
			}
		}
		ch.Blocks = append(ch.Blocks, pairGap(a, b, dels, ins)...)
	}
	return ch
}

// pairGap pairs deleted with inserted blocks that are revisions of each
// other (same kind, same place, similar text) and marks the rest as
// deleted or inserted, keeping both orders.
func pairGap(a, b []leaf, dels, ins []int) []Change {
	var out []Change
	di, ii := 0, 0
	for di < len(dels) {
		match := -1
		var words []Piece
		for k := ii; k < len(ins) && k < ii+8; k++ {
			x, y := &a[dels[di]], &b[ins[k]]
			if x.b.Type != y.b.Type || x.context != y.context {
				continue
			}
			w, sim := wordDiff(x.text, y.text)
			if sim >= 0.4 || (x.text == y.text) {
				match, words = k, w
				break
			}
		}
		if match < 0 {
			out = append(out, Change{Op: Delete, Old: a[dels[di]].b, Context: a[dels[di]].context})
			di++
			continue
		}
		for ; ii < match; ii++ {
			out = append(out, Change{Op: Insert, New: b[ins[ii]].b, Context: b[ins[ii]].context})
		}
		out = append(out, Change{Op: Changed, Old: a[dels[di]].b, New: b[ins[match]].b, Context: b[ins[match]].context, Words: words})
		di++
		ii++
	}
	for ; ii < len(ins); ii++ {
		out = append(out, Change{Op: Insert, New: b[ins[ii]].b, Context: b[ins[ii]].context})
	}
	return out
}

// Tokens splits text into the units a reader compares: words, runs of
// spaces, single punctuation marks, and single Han, kana or Hangul
// characters (Chinese and Japanese do not separate words with spaces).
func Tokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		switch {
		case isIdeographic(r):
		case unicode.IsSpace(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n2
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) || r2 == '\u00ad') || isIdeographic(r2) {
					break
				}
				j += n2
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func isIdeographic(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// wordDiff returns the pieces of the change from x to y and how similar
// they are (0 to 1: the share of tokens they have in common).
func wordDiff(x, y string) ([]Piece, float64) {
	a, b := Tokens(x), Tokens(y)
	ops := diffSeq(a, b)
	var out []Piece
	add := func(op Op, t string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += t
			return
		}
		out = append(out, Piece{Op: op, Text: t})
	}
	i, j, same := 0, 0, 0
	for _, op := range ops {
		switch op {
		case Same:
			add(Same, a[i])
			if strings.TrimSpace(a[i]) != "" {
				same++
			}
			i, j = i+1, j+1
		case Delete:
			add(Delete, a[i])
			i++
		case Insert:
			add(Insert, b[j])
			j++
		}
	}
	words := func(ts []string) int {
		n := 0
		for _, t := range ts {
			if strings.TrimSpace(t) != "" {
				n++
			}
		}
		return n
	}
	total := words(a) + words(b)
	if total == 0 {
		return out, 1
	}
	return out, 2 * float64(same) / float64(total)
}

// maxEdits bounds the work of diffSeq; beyond it the middle of the
// sequences is reported as deleted and inserted whole.
const maxEdits = 4000

// diffSeq returns a shortest edit script from a to b (Myers' algorithm):
// Same, Delete and Insert in order.
func diffSeq(a, b []string) []Op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ops := make([]Op, 0, len(a)+len(b))
	for k := 0; k < pre; k++ {
		ops = append(ops, Same)
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for k := 0; k < suf; k++ {
		ops = append(ops, Same)
	}
	return ops
}

func myers(a, b []string) []Op {
	n, m := len(a), len(b)
	whole := func() []Op {
		ops := make([]Op, 0, n+m)
		for k := 0; k < n; k++ {
			ops = append(ops, Delete)
		}
		for k := 0; k < m; k++ {
			ops = append(ops, Insert)
		}
		return ops
	}
	if n == 0 || m == 0 {
		return whole()
	}
	max := n + m
	if max > 2*maxEdits {
		max = 2 * maxEdits
	}
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	found := false
	for d := 0; d <= max && !found; d++ {
		snap := make([]int, 2*d+3)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				found = true
			}
		}
		for k := -d - 1; k <= d+1; k++ {
			snap[k+d+1] = v[off+k]
		}
		trace = append(trace, snap)
	}
	if !found {
		return whole()
	}
	// Walk back through the snapshots.
	var rev []Op
	x, y := n, m
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d-1]
		get := func(k int) int { return prev[k+(d-1)+1] }
		k := x - y
		var pk int
		if k == -d || (k != d && get(k-1) < get(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := get(pk)
		py := px - pk
		for x > px && y > py {
			rev = append(rev, Same)
			x, y = x-1, y-1
		}
		if x == px {
			rev = append(rev, Insert)
		} else {
			rev = append(rev, Delete)
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		rev = append(rev, Same)
		x, y = x-1, y-1
	}
	ops := make([]Op, len(rev))
	for i := range rev {
		ops[i] = rev[len(rev)-1-i]
	}
	return ops
}

// Carry gives the blocks of cur that are revisions of blocks of old (paired
// by Diff as Changed) the identifiers of the old blocks, so that what is
// attached to a block (its translation) stays attached when its text is
// edited. Unchanged blocks already share their identifiers. It returns the
// number of identifiers carried over.
func Carry(old, cur *Document) int {
	used := map[string]bool{}
	cur.Walk(func(b *Block) { used[b.ID] = true })
	n := 0
	for _, c := range Diff(old, cur).Blocks {
		if c.Op != Changed || c.Old.ID == "" || used[c.Old.ID] {
			continue
		}
		used[c.Old.ID] = true
		c.New.ID = c.Old.ID
		n++
	}
	return n
}

// WriteDiffHTML renders the changes as an HTML page (or fragment): blocks
// that are the same as they are, deleted blocks inside <del>, inserted ones
// inside <ins>, and changed ones with their deleted and inserted words
// marked.
func WriteDiffHTML(w io.Writer, ch *Changes, opt HTMLOptions) error {
	bw := bufio.NewWriter(w)
	hOld := newHTMLWriter(bw, ch.Old, opt)
	hNew := newHTMLWriter(bw, ch.New, opt)
	hOld.plainRefs, hNew.plainRefs = true, true
	if opt.Standalone {
		hNew.pageStart(opt.Title, "\n.ctx{color:#666;font-size:.8em;margin-right:.5em}")
	}
	lang := ch.New.Lang
	ins, del := 0, 0
	for _, c := range ch.Blocks {
		h, b, wrap := hNew, c.New, ""
		switch c.Op {
		case Delete:
			h, b, wrap = hOld, c.Old, "del"
			del++
		case Insert:
			wrap = "ins"
			ins++
		case Changed:
			ins++
			del++
		}
		// Without names the label is part of what was inserted or
		// deleted; with them the place holds the marked block.
		labelled := opt.ContextName == nil
		if wrap != "" && labelled {
			h.s("<" + wrap + ">")
		}
		closing := h.contextOpen(c.Context, opt.ContextName)
		if wrap != "" && !labelled {
			h.s("<" + wrap + ">")
		}
		if c.Op == Changed {
			h.changedBlock(c, lang)
		} else {
			h.block(b, lang)
		}
		if wrap != "" {
			h.s("</" + wrap + ">\n")
		}
		h.s(closing)
	}
	if opt.Standalone {
		hNew.s("</main>\n</body>\n</html>\n")
	}
	if hOld.err != nil {
		return hOld.err
	}
	if hNew.err != nil {
		return hNew.err
	}
	return bw.Flush()
}

// contextOpen writes where a block of a difference sits (ctx, as leaves
// makes it: "quote › list", "note 2") and returns what closes it. Without
// name it is a label in English; with it quotations and lists are opened
// as a blockquote and a list item, tables and notes as a labelled box
// named in the reader's language.
func (h *htmlWriter) contextOpen(ctx string, name func(kind string, n int) string) string {
	if ctx == "" {
		return ""
	}
	if name == nil {
		h.s(`<span class="ctx">`)
		h.text(ctx)
		h.s("</span>")
		return ""
	}
	var closing []string
	for _, part := range strings.Split(ctx, " › ") {
		kind, num, _ := strings.Cut(part, " ")
		n, _ := strconv.Atoi(num)
		switch kind {
		case "quote":
			h.s(`<blockquote class="diff-ctx">`)
			closing = append(closing, "</blockquote>")
		case "list":
			h.s(`<ul class="diff-ctx"><li>`)
			closing = append(closing, "</li></ul>")
		default:
			h.s(`<div class="diff-ctx diff-` + kind + `"><span class="ctx">`)
			h.text(name(kind, n))
			h.s("</span>")
			closing = append(closing, "</div>")
		}
	}
	slices.Reverse(closing)
	return strings.Join(closing, "") + "\n"
}

// changedBlock writes a changed block with its words marked.
func (h *htmlWriter) changedBlock(c Change, lang string) {
	b := c.New
	tag := "p"
	if b.Type == Heading {
		tag = "h" + strconv.Itoa(min(max(b.Level, 1), 6))
	}
	if b.Type == FigureBlock {
		h.block(b, lang)
		tag = "p"
	}
	h.s("<" + tag)
	h.attr("id", b.ID)
	h.attr("class", "changed")
	h.langAttr(b.Lang, lang)
	h.s(">")
	if b.Type == Heading && b.Number != "" {
		h.text(b.Number + LabelSpace(b.Number))
	}
	for _, p := range c.Words {
		switch p.Op {
		case Insert:
			h.s("<ins>")
			h.text(p.Text)
			h.s("</ins>")
		case Delete:
			h.s("<del>")
			h.text(p.Text)
			h.s("</del>")
		default:
			h.text(p.Text)
		}
	}
	h.s("</" + tag + ">\n")
}
