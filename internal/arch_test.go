package internal

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/neardup/neardup/"

// layers lists, per package, the neardup packages its non-test code may
// import. Imports run one way:
//
//	internal/*, corpus, text → dedupe → output, state → index → bench, cmd
//
// and eval, the scoring against labelled truth, depends on corpus only.
// Every package of the module must be listed, so a new one has to take a
// place in this order.
var layers = map[string][]string{
	"internal":            {},
	"internal/atomicfile": {},
	"internal/lcs":        {},
	"internal/unionfind":  {},
	"internal/workpool":   {},
	"corpus":              {},
	"text":                {},
	"dedupe":              {"corpus", "text", "internal/unionfind", "internal/workpool"},
	"output":              {"corpus", "text", "dedupe", "internal/atomicfile", "internal/workpool"},
	"state":               {"corpus", "text", "dedupe", "internal/unionfind", "internal/workpool"},
	"index":               {"corpus", "text", "dedupe", "output", "state", "internal/atomicfile", "internal/workpool"},
	"eval":                {"corpus"},
	"bench":               {"corpus", "text", "dedupe", "output", "state", "index", "eval", "internal/atomicfile", "internal/workpool"},
	"cmd/neardup":         {"corpus", "text", "dedupe", "output", "state", "index", "eval", "bench", "internal/atomicfile"},
}

// owners names, per import path (and the paths under it), the one package
// allowed to use it: each dependency stays behind one boundary.
var owners = map[string]string{
	"go.etcd.io/bbolt":                    "state",
	"github.com/blevesearch/bleve":        "index",
	"github.com/blevesearch/bleve/v2":     "index",
	"text/template":                       "output",
	"html/template":                       "output",
	"embed":                               "output",
	"github.com/kljensen/snowball":        "text",
	"github.com/blevesearch/snowballstem": "text",
	"github.com/valyala/fastjson":         "corpus",
}

// TestArchitecture checks the imports of every package's non-test code
// against layers and owners.
func TestArchitecture(t *testing.T) {
	const root = ".."
	pkgs := packages(t, root)
	if _, ok := pkgs["dedupe"]; !ok {
		t.Fatalf("no package dedupe under %s: the walk is broken", root)
	}
	for pkg, files := range pkgs {
		allowed, listed := layers[pkg]
		if !listed {
			t.Errorf("package %s has no place in the layers of internal/arch_test.go", pkg)
			continue
		}
		for _, f := range files {
			for _, path := range imports(t, f) {
				for prefix, owner := range owners {
					if (path == prefix || strings.HasPrefix(path, prefix+"/")) && pkg != owner {
						t.Errorf("%s imports %s: only %s/ may", f, path, owner)
					}
				}
				if dep, ours := strings.CutPrefix(path, module); ours && !slices.Contains(allowed, dep) {
					t.Errorf("%s imports %s: %s may import only %v", f, dep, pkg, allowed)
				}
			}
		}
	}
	for pkg := range layers {
		if _, err := os.Stat(filepath.Join(root, pkg)); err != nil {
			t.Errorf("layers lists %s, which does not exist: %v", pkg, err)
		}
	}
}

// packages returns, per package directory under root (slash-separated,
// relative), its non-test Go files.
func packages(t *testing.T, root string) map[string][]string {
	t.Helper()
	pkgs := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != root && (name == "testdata" || name == "out" || name == "bin" || strings.HasPrefix(name, ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() && path != root {
			// A folder with its own go.mod (beam/) is another module, with
			// its own dependencies: not one of this module's packages.
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		if d.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		pkgs[rel] = append(pkgs[rel], path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// imports returns the import paths of a Go file.
func imports(t *testing.T, file string) []string {
	t.Helper()
	parsed, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, imp := range parsed.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, path)
	}
	return out
}
