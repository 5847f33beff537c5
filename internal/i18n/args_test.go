package i18n

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"
)

// TestMessageArguments finds, across the repository, every place that
// formats a catalog message named by a literal key with arguments given
// one by one, and checks their number against the message's placeholders
// in every language, each plural form included: too many print
// "%!(EXTRA string=…)" after the sentence, too few "%!s(MISSING)" inside
// it. It reads Go source (Printer.T and Printer.N, and every function
// that passes a key and its arguments on, found by its parameters: a
// string then ...any, or a string, an int and ...any as N takes them),
// struct literals that hold a key beside a []any of its arguments, and the
// templates' calls of .T and .N. Test files are left out.
func TestMessageArguments(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("..", "..")
	var goFiles, templates []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(p, "_test.go"):
			// Tests give odd arguments on purpose (a missing key, a
			// plural message through T).
		case strings.HasSuffix(p, ".go"):
			goFiles = append(goFiles, p)
		case strings.HasSuffix(p, ".html") && strings.Contains(filepath.ToSlash(p), "/templates/"):
			templates = append(templates, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var uses []keyUse
	fset := token.NewFileSet()
	parsed := map[string]*ast.File{}
	for _, p := range goFiles {
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed[p] = f
	}
	fs := findFormatters(parsed)
	if !slices.Contains(fs.selected["T"], 0) || !slices.Contains(fs.selected["N"], 0) {
		t.Fatalf("Printer.T and Printer.N are not among the formatting functions found: %v", fs.selected)
	}
	for p, f := range parsed {
		uses = append(uses, goKeyUses(fset, p, f, fs, c)...)
	}
	for _, p := range templates {
		u, err := templateKeyUses(p, c)
		if err != nil {
			t.Fatal(err)
		}
		uses = append(uses, u...)
	}
	if len(uses) < 500 {
		t.Fatalf("found only %d formatted messages: the search misses calls", len(uses))
	}
	for _, u := range uses {
		for _, lang := range Languages {
			m := c.printers[lang].messages[u.key]
			forms := map[string]string{"": m.text}
			if m.plural != nil {
				forms = m.plural
			}
			for cat, text := range forms {
				if want, exact := placeholders(text); u.args != want && (exact || u.args < want) {
					where := u.key
					if cat != "" {
						where += " (" + cat + ")"
					}
					t.Errorf("%s: %s %s takes %d arguments, is given %d", u.pos, lang, where, want, u.args)
				}
			}
		}
	}
}

// keyUse is a message formatted at pos with args arguments (for a plural
// message, its count included).
type keyUse struct {
	pos  string
	key  string
	args int
}

// placeholders returns how many arguments text uses, as fmt.Sprintf
// numbers them, and whether a different number is an error even when more
// are given: fmt reports extra arguments only when no verb has an explicit
// index.
func placeholders(text string) (n int, exact bool) {
	next, most, reordered := 0, 0, false
	for _, v := range verbs(text) {
		if strings.HasPrefix(v, "%[") {
			i, err := strconv.Atoi(v[2:strings.IndexByte(v, ']')])
			if err == nil {
				next, reordered = i-1, true
			}
		}
		next++
		most = max(most, next)
	}
	return most, !reordered
}

// formatters are the functions that format a message with a key and its
// arguments, by where a call can find them: methods and exported
// functions by name (x.T(…), pkg.F(…)), functions by package folder and
// name, and function literals bound to a name by the declaration they are
// in. Each gives the positions of its key parameter.
type formatters struct {
	selected map[string][]int
	inPkg    map[string][]int
	literals []literal
}

// literal is a function literal bound to name inside the declaration that
// spans from to to.
type literal struct {
	from, to token.Pos
	name     string
	k        int
}

// keyParam returns the position of the key parameter of a function of type
// ft that formats a message: a string followed only by ...any, or by an int
// and ...any (the count of Printer.N, which the message receives first).
func keyParam(ft *ast.FuncType) (int, bool) {
	var params []ast.Expr
	for _, f := range ft.Params.List {
		for range max(1, len(f.Names)) {
			params = append(params, f.Type)
		}
	}
	isIdent := func(e ast.Expr, name string) bool {
		id, ok := e.(*ast.Ident)
		return ok && id.Name == name
	}
	l := len(params)
	if l < 2 {
		return 0, false
	}
	if ell, ok := params[l-1].(*ast.Ellipsis); !ok || !isIdent(ell.Elt, "any") {
		return 0, false
	}
	k := l - 2
	if l >= 3 && isIdent(params[l-2], "int") {
		k = l - 3
	}
	return k, isIdent(params[k], "string")
}

// findFormatters returns the formatters that files (path to file) declare.
func findFormatters(files map[string]*ast.File) *formatters {
	fs := &formatters{selected: map[string][]int{}, inPkg: map[string][]int{}}
	put := func(m map[string][]int, name string, k int) {
		if !slices.Contains(m[name], k) {
			m[name] = append(m[name], k)
		}
	}
	for p, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if k, ok := keyParam(fd.Type); ok {
				if fd.Recv != nil || ast.IsExported(fd.Name.Name) {
					put(fs.selected, fd.Name.Name, k)
				}
				if fd.Recv == nil {
					put(fs.inPkg, filepath.Dir(p)+"."+fd.Name.Name, k)
				}
			}
			bind := func(name string, e ast.Expr) {
				if fl, ok := e.(*ast.FuncLit); ok {
					if k, ok := keyParam(fl.Type); ok {
						fs.literals = append(fs.literals, literal{fd.Pos(), fd.End(), name, k})
					}
				}
			}
			ast.Inspect(fd, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for i, r := range n.Rhs {
						if id, ok := n.Lhs[min(i, len(n.Lhs)-1)].(*ast.Ident); ok {
							bind(id.Name, r)
						}
					}
				case *ast.ValueSpec:
					for i, v := range n.Values {
						bind(n.Names[min(i, len(n.Names)-1)].Name, v)
					}
				}
				return true
			})
		}
	}
	return fs
}

// keyParams returns the positions of the key parameter of what call, in
// the file at path p, calls.
func (fs *formatters) keyParams(p string, call *ast.CallExpr) []int {
	switch fn := call.Fun.(type) {
	case *ast.SelectorExpr:
		return fs.selected[fn.Sel.Name]
	case *ast.Ident:
		for _, l := range fs.literals {
			if l.name == fn.Name && l.from <= call.Pos() && call.End() <= l.to {
				return []int{l.k}
			}
		}
		return fs.inPkg[filepath.Dir(p)+"."+fn.Name]
	}
	return nil
}

// goKeyUses returns the messages of c that f formats with a literal key
// and arguments it can count: calls of formatters (not with args...), and
// struct literals that hold a key and a []any literal of its arguments.
func goKeyUses(fset *token.FileSet, p string, f *ast.File, fs *formatters, c *Catalog) []keyUse {
	en := c.printers["en"].messages
	key := func(e ast.Expr) (string, bool) {
		bl, ok := e.(*ast.BasicLit)
		if !ok || bl.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(bl.Value)
		_, known := en[s]
		return s, err == nil && known
	}
	anys := func(e ast.Expr) (int, bool) {
		cl, ok := e.(*ast.CompositeLit)
		if !ok {
			return 0, false
		}
		at, ok := cl.Type.(*ast.ArrayType)
		if !ok || at.Len != nil {
			return 0, false
		}
		if id, ok := at.Elt.(*ast.Ident); !ok || id.Name != "any" {
			return 0, false
		}
		return len(cl.Elts), true
	}
	var uses []keyUse
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if n.Ellipsis.IsValid() {
				return true
			}
			for _, k := range fs.keyParams(p, n) {
				if k >= len(n.Args) {
					continue
				}
				if s, ok := key(n.Args[k]); ok {
					uses = append(uses, keyUse{fset.Position(n.Args[k].Pos()).String(), s, len(n.Args) - k - 1})
				}
			}
		case *ast.CompositeLit:
			var k string
			var kpos token.Pos
			args := -1
			for i, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				} else if s, ok := key(e); ok && i+1 < len(n.Elts) {
					if a, ok := anys(n.Elts[i+1]); ok {
						k, kpos, args = s, e.Pos(), a
						break
					}
					if id, ok := n.Elts[i+1].(*ast.Ident); ok && id.Name == "nil" {
						k, kpos, args = s, e.Pos(), 0
						break
					}
				}
				if s, ok := key(e); ok {
					k, kpos = s, e.Pos()
				} else if a, ok := anys(e); ok {
					args = a
				}
			}
			if k != "" && args >= 0 {
				uses = append(uses, keyUse{fset.Position(kpos).String(), k, args})
			}
		}
		return true
	})
	return uses
}

// templateKeyUses returns the messages of c that the template file p
// formats with .T or .N and a literal key ({{$T.T "key" .A .B}}, or
// {{.X | $T.T "key"}}, where the pipe gives the last argument).
func templateKeyUses(p string, c *Catalog) ([]keyUse, error) {
	src, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	tr := parse.New(p)
	tr.Mode = parse.SkipFuncCheck | parse.ParseComments
	trees := map[string]*parse.Tree{}
	if _, err := tr.Parse(string(src), "{{", "}}", trees); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	en := c.printers["en"].messages
	var uses []keyUse
	var walk func(parse.Node)
	walkPipe := func(pipe *parse.PipeNode) {
		if pipe == nil {
			return
		}
		for i, cmd := range pipe.Cmds {
			for _, a := range cmd.Args {
				walk(a)
			}
			if len(cmd.Args) < 2 {
				continue
			}
			var ident []string
			switch f := cmd.Args[0].(type) {
			case *parse.FieldNode:
				ident = f.Ident
			case *parse.VariableNode:
				ident = f.Ident
			case *parse.ChainNode:
				ident = f.Field
			}
			if len(ident) == 0 || ident[len(ident)-1] != "T" && ident[len(ident)-1] != "N" {
				continue
			}
			s, ok := cmd.Args[1].(*parse.StringNode)
			if !ok {
				continue
			}
			if _, known := en[s.Text]; !known {
				continue
			}
			args := len(cmd.Args) - 2
			if i > 0 {
				args++
			}
			line, _ := tr.ErrorContext(s)
			uses = append(uses, keyUse{line, s.Text, args})
		}
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walkPipe(n.Pipe)
		case *parse.PipeNode:
			walkPipe(n)
		case *parse.IfNode:
			walkPipe(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walkPipe(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walkPipe(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walkPipe(n.Pipe)
		}
	}
	for _, t := range trees {
		walk(t.Root)
	}
	return uses, nil
}
