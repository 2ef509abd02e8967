package bench

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/neardup/neardup/"

// allowed lists, per package, the neardup packages its non-test code may
// import: imports go one way, corpus → dedupe → index → {bench, cmd}, the
// scoring in eval knows nothing of the engine (only corpus's input errors),
// and the engine never depends on bleve, eval, bench or the command.
var allowed = map[string][]string{
	"corpus":      {},
	"text":        {},
	"dedupe":      {"corpus", "text"},
	"output":      {"corpus", "text", "dedupe"},
	"index":       {"corpus", "text", "dedupe", "output"},
	"eval":        {"corpus"},
	"bench":       {"corpus", "text", "dedupe", "output", "index", "eval"},
	"cmd/neardup": {"corpus", "text", "dedupe", "output", "index", "eval", "bench"},
}

func TestImportLayering(t *testing.T) {
	root := ".."
	for pkg, ok := range allowed {
		dir := filepath.Join(root, pkg)
		if _, err := os.Stat(dir); os.IsNotExist(err) {
			continue
		}
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range parsed.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if pkg != "index" && strings.HasPrefix(path, "github.com/blevesearch/bleve") {
					t.Errorf("%s imports %s: only index/ may use bleve", f, path)
				}
				if !strings.HasPrefix(path, module) {
					continue
				}
				if dep := strings.TrimPrefix(path, module); !slices.Contains(ok, dep) {
					t.Errorf("%s imports %s: %s may import only %v", f, dep, pkg, ok)
				}
			}
		}
	}
}
