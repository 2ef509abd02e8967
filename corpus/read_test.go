package corpus

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// result is everything one Read call produced.
type result struct {
	Articles []Article
	Stats    ReadStats
	Warnings []string
}

// readAll runs Read and collects the articles and warnings. Every occurrence
// of dir (with its trailing separator) in origins and warnings is removed,
// so that wants can name files relative to it.
func readAll(t *testing.T, dir string, inputs []string, opts ReadOptions) (result, error) {
	t.Helper()
	var res result
	opts.Warn = func(msg string) { res.Warnings = append(res.Warnings, relTo(dir, msg)) }
	stats, err := Read(context.Background(), inputs, opts, func(a Article) error {
		a.Origin = relTo(dir, a.Origin)
		res.Articles = append(res.Articles, a)
		return nil
	})
	res.Stats = stats
	return res, err
}

// relTo removes dir and the separator after it from s.
func relTo(dir, s string) string {
	if dir == "" {
		return s
	}
	return strings.ReplaceAll(s, dir+string(filepath.Separator), "")
}

// writeTree creates the files (path → content, slash-separated paths) under
// a new temporary directory and returns the directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// day returns midnight UTC of the given date.
func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestReadDirWalk(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a/x.txt":           "In a directory.",
		"a-b.txt":           "Dash sorts before dot.",
		"a.txt":             "date 2023-09 At the root.",
		"c/d/e.TXT":         "Upper-case extension.",
		"c/feed.jsonl":      `{"id":"j1","body":"From JSONL."}` + "\n" + `{"id":"j2","text":"Second line."}` + "\n",
		"c/notes.md":        "Not read.",
		"c/README":          "Not read.",
		".git/config.txt":   "Hidden directory.",
		"c/.draft.txt":      "Hidden file.",
		"c/.old/feed.jsonl": `{"id":"hidden"}`,
	})
	want := result{
		Articles: []Article{
			{ID: "a/x", Body: "In a directory.", Origin: "a/x.txt"},
			{ID: "a-b", Body: "Dash sorts before dot.", Origin: "a-b.txt"},
			{ID: "a", Body: "At the root.", Date: day(2023, 9, 1), DateText: "2023-09", Origin: "a.txt"},
			{ID: "c/d/e", Body: "Upper-case extension.", Origin: "c/d/e.TXT"},
			{ID: "j1", Body: "From JSONL.", Origin: "c/feed.jsonl:1"},
			{ID: "j2", Body: "Second line.", Origin: "c/feed.jsonl:2"},
		},
		Stats: ReadStats{Articles: 6, Files: 5, Unsupported: map[string]int{"": 1, ".md": 1}},
		Warnings: []string{
			"c/README: skipped: not a .txt, .jsonl, .xml, .nitf, .newsml, .json or .ninjs file",
			"c/notes.md: skipped: not a .txt, .jsonl, .xml, .nitf, .newsml, .json or .ninjs file",
		},
	}
	got, err := readAll(t, dir, []string{dir}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read(dir) mismatch (-want +got):\n%s", diff)
	}

	t.Run("dot", func(t *testing.T) {
		t.Chdir(filepath.Join(dir, "a"))
		got, err := readAll(t, "", []string{"."}, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := result{
			Articles: []Article{{ID: "x", Body: "In a directory.", Origin: "x.txt"}},
			Stats:    ReadStats{Articles: 1, Files: 1},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Read(.) mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestReadMixedInputs(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"sub/one.txt":      "File one.",
		"sub/.hidden.txt":  "Named explicitly, so read.",
		"more/feed.jsonl":  `{"id":"f1","body":"Feed."}`,
		"more/other/2.txt": "Walked.",
	})
	stdin := strings.NewReader(`{"id":"s1","body":"From stdin."}` + "\n")
	inputs := []string{
		filepath.Join(dir, "sub", "one.txt"),
		"-",
		filepath.Join(dir, "sub", ".hidden.txt"),
		filepath.Join(dir, "more"),
	}
	want := result{
		Articles: []Article{
			{ID: "one", Body: "File one.", Origin: "sub/one.txt"},
			{ID: "s1", Body: "From stdin.", Origin: "stdin:1"},
			{ID: ".hidden", Body: "Named explicitly, so read.", Origin: "sub/.hidden.txt"},
			{ID: "f1", Body: "Feed.", Origin: "more/feed.jsonl:1"},
			{ID: "other/2", Body: "Walked.", Origin: "more/other/2.txt"},
		},
		Stats: ReadStats{Articles: 5, Files: 5},
	}
	got, err := readAll(t, dir, inputs, ReadOptions{Stdin: stdin})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read mismatch (-want +got):\n%s", diff)
	}
}

func TestReadInputErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"good.txt":  "Fine.",
		"notes.md":  "Not an article.",
		"README":    "No extension.",
		"feed.html": "<html/>",
	})
	in := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name    string
		inputs  []string
		stdin   bool
		wantIs  error
		wantMsg string
	}{
		{"missing", []string{in("good.txt"), in("nope.txt")}, false, fs.ErrNotExist, "nope.txt: no such file or directory"},
		{"markdown", []string{in("good.txt"), in("notes.md")}, false, ErrUnsupportedFile, `notes.md: unsupported file type ".md": want .txt, .jsonl, .xml, .nitf, .newsml, .json, .ninjs, a directory or "-"`},
		{"no extension", []string{in("README")}, false, ErrUnsupportedFile, `README: unsupported file type "": want .txt, .jsonl, .xml, .nitf, .newsml, .json, .ninjs, a directory or "-"`},
		{"html", []string{in("feed.html")}, false, ErrUnsupportedFile, `feed.html: unsupported file type ".html": want .txt, .jsonl, .xml, .nitf, .newsml, .json, .ninjs, a directory or "-"`},
		{"no stdin", []string{in("good.txt"), "-"}, false, ErrNoStdin, `input "-": corpus: no stdin to read`},
		{"stdin twice", []string{"-", "-"}, true, ErrNoStdin, `input "-" given twice: corpus: no stdin to read`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := ReadOptions{SkipBad: true} // bad inputs stop Read even so
			if tt.stdin {
				opts.Stdin = strings.NewReader(`{"id":"s"}`)
			}
			got, err := readAll(t, dir, tt.inputs, opts)
			if !errors.Is(err, tt.wantIs) {
				t.Fatalf("Read error = %v, want %v", err, tt.wantIs)
			}
			if diff := cmp.Diff(tt.wantMsg, relTo(dir, err.Error())); diff != "" {
				t.Errorf("message mismatch (-want +got):\n%s", diff)
			}
			// Inputs are checked before any is read.
			if diff := cmp.Diff(result{}, got); diff != "" {
				t.Errorf("result mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadDuplicateAcrossFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.jsonl": `{"id":"x1","body":"One."}` + "\n\n" + `{"id":"x","body":"Two."}` + "\n",
		"b.jsonl": `{"id":"y","body":"Three."}` + "\n" + `{"id":"x","body":"Four."}` + "\n",
		"x.txt":   "Five.",
	})
	tests := []struct {
		name    string
		inputs  []string
		wantMsg string
	}{
		{"jsonl then jsonl", []string{"a.jsonl", "b.jsonl"}, `b.jsonl:2: duplicate id "x" (first at a.jsonl:3)`},
		{"jsonl then txt", []string{"a.jsonl", "x.txt"}, `x.txt:1: duplicate id "x" (first at a.jsonl:3)`},
		{"txt then jsonl", []string{"x.txt", "a.jsonl"}, `a.jsonl:3: duplicate id "x" (first at x.txt)`},
		{"same file twice", []string{"x.txt", "x.txt"}, `x.txt:1: duplicate id "x" (first at x.txt)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var inputs []string
			for _, in := range tt.inputs {
				inputs = append(inputs, filepath.Join(dir, in))
			}
			_, err := readAll(t, dir, inputs, ReadOptions{})
			if !errors.Is(err, ErrDuplicateID) {
				t.Fatalf("Read error = %v, want ErrDuplicateID", err)
			}
			var ierr *InputError
			if !errors.As(err, &ierr) {
				t.Fatalf("Read error %T is not an *InputError", err)
			}
			if diff := cmp.Diff(tt.wantMsg, relTo(dir, err.Error())); diff != "" {
				t.Errorf("message mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadSkipBad(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.jsonl": strings.Join([]string{
			`{"id":"a1","body":"Good one."}`,
			`{"body":"No id."}`,
			`{"id":"a2","body":"Good two."}`,
			`{"id":"long","body":"` + strings.Repeat("x", 100) + `"}`,
			`{"id":"a1","body":"Again."}`,
			`{"id":"a3","body":`,
			`{"id":"a4","body":["list"]}`,
			`{"id":"a5","body":"Good three."}`,
		}, "\n"),
		"b/bad.txt":   "date 2023-02-30 No such day.",
		"b/good.txt":  "date 2023-02-28 A real day.",
		"b/empty.txt": "\n \n",
	})
	want := result{
		Articles: []Article{
			{ID: "a1", Body: "Good one.", Origin: "a.jsonl:1"},
			{ID: "a2", Body: "Good two.", Origin: "a.jsonl:3"},
			{ID: "a5", Body: "Good three.", Origin: "a.jsonl:8"},
			{ID: "good", Body: "A real day.", Date: day(2023, 2, 28), DateText: "2023-02-28", Origin: "b/good.txt"},
		},
		Stats: ReadStats{Articles: 4, Skipped: 6, Files: 4},
		Warnings: []string{
			"a.jsonl:2: missing id, skipped",
			"a.jsonl:4: line longer than 64 bytes, skipped",
			`a.jsonl:5: duplicate id "a1" (first at a.jsonl:1), skipped`,
			"a.jsonl:6: invalid JSON: unexpected end of JSON input, skipped",
			`a.jsonl:7: "body" is an array, want a string, skipped`,
			`b/bad.txt:1: bad date marker "2023-02-30": want "date YYYY-MM" or "date YYYY-MM-DD", skipped`,
			"b/empty.txt: empty file, skipped",
		},
	}
	inputs := []string{filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b")}
	got, err := readAll(t, dir, inputs, ReadOptions{SkipBad: true, MaxBytes: 64})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read mismatch (-want +got):\n%s", diff)
	}

	t.Run("strict", func(t *testing.T) {
		got, err := readAll(t, dir, inputs, ReadOptions{MaxBytes: 64})
		if !errors.Is(err, ErrMissingID) {
			t.Fatalf("Read error = %v, want ErrMissingID", err)
		}
		want := result{
			Articles: want.Articles[:1],
			Stats:    ReadStats{Articles: 1, Files: 1},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Read mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestReadCallbackError(t *testing.T) {
	errStop := errors.New("stop here")
	stdin := strings.NewReader(`{"id":"1"}` + "\n" + `{"id":"2"}` + "\n" + `{"id":"3"}` + "\n")
	var ids []string
	stats, err := Read(context.Background(), []string{"-"}, ReadOptions{Stdin: stdin}, func(a Article) error {
		ids = append(ids, a.ID)
		if a.ID == "2" {
			return errStop
		}
		return nil
	})
	if err != errStop { // returned as is, not wrapped
		t.Errorf("Read error = %v, want %v", err, errStop)
	}
	if diff := cmp.Diff([]string{"1", "2"}, ids); diff != "" {
		t.Errorf("ids mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(ReadStats{Articles: 1, Files: 1}, stats); diff != "" {
		t.Errorf("stats mismatch (-want +got):\n%s", diff)
	}
}

func TestReadCancel(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": "A.", "b.txt": "B.", "c.txt": "C."})
	tests := []struct {
		name   string
		inputs []string
		stdin  string
	}{
		{"jsonl", []string{"-"}, `{"id":"a"}` + "\n" + `{"id":"b"}` + "\n" + `{"id":"c"}` + "\n"},
		{"dir", []string{dir}, ""},
		{"files", []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var ids []string
			opts := ReadOptions{Stdin: strings.NewReader(tt.stdin)}
			_, err := Read(ctx, tt.inputs, opts, func(a Article) error {
				ids = append(ids, a.ID)
				cancel()
				return nil
			})
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Read error = %v, want context.Canceled", err)
			}
			if diff := cmp.Diff([]string{"a"}, ids); diff != "" {
				t.Errorf("ids mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadEmptyFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.txt":   "",
		"b.txt":   " \r\n\t\n",
		"c.txt":   "\ufeff",
		"d.txt":   "date 2023-09\n\n",
		"e.jsonl": "",
		"f.jsonl": "\n\r\n  \n",
		"g.jsonl": "\ufeff\n",
	})
	want := result{
		Stats: ReadStats{Files: 8},
		Warnings: []string{
			"a.txt: empty file, skipped",
			"b.txt: empty file, skipped",
			"c.txt: empty file, skipped",
			"d.txt: no text after the date marker, skipped",
			"e.jsonl: empty file, skipped",
			"f.jsonl: empty file, skipped",
			"g.jsonl: empty file, skipped",
			"stdin: empty file, skipped",
		},
	}
	got, err := readAll(t, dir, []string{dir, "-"}, ReadOptions{Stdin: strings.NewReader("")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read mismatch (-want +got):\n%s", diff)
	}
}

func TestReadUnreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read any directory")
	}
	dir := writeTree(t, map[string]string{"a.txt": "A.", "locked/b.txt": "B."})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(locked, 0o755) }) // so that TempDir can remove it; failure shows there
	_, err := readAll(t, dir, []string{dir}, ReadOptions{SkipBad: true})
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("Read error = %v, want a permission error even with SkipBad", err)
	}
}

func TestInputError(t *testing.T) {
	tests := []struct {
		name string
		err  *InputError
		want string
	}{
		{"line", &InputError{Path: "a.jsonl", Line: 12, Err: problem(ErrMissingID, "missing id")}, "a.jsonl:12: missing id"},
		{"no line", &InputError{Path: "a.txt", Err: ErrFileTooLarge}, "a.txt: corpus: file too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.err.Error()); diff != "" {
				t.Errorf("Error() mismatch (-want +got):\n%s", diff)
			}
			if !errors.Is(tt.err, tt.err.Err) {
				t.Errorf("errors.Is(err, err.Err) = false")
			}
		})
	}
}

func TestReadSymlinks(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"real/a.txt":    "A.",
		"other/b.txt":   "B, only through a link to its directory.",
		"other/c.txt":   "C, through a link to the file.",
		"real/z.jsonl":  `{"id":"z","body":"Z."}`,
		"real/notes.md": "Not read.",
	})
	links := map[string]string{ // link → target, relative to dir
		"alias":             "real",
		"real/dirlink":      "../other",
		"real/clink.txt":    "../other/c.txt",
		"real/dangle.txt":   "nowhere.txt",
		"real/mdlink.jsonl": "notes.md",
	}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("cannot make symbolic links: %v", err)
		}
	}
	got, err := readAll(t, dir, []string{filepath.Join(dir, "alias")}, ReadOptions{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Articles: []Article{
			{ID: "a", Body: "A.", Origin: "alias/a.txt"},
			{ID: "clink", Body: "C, through a link to the file.", Origin: "alias/clink.txt"},
			{ID: "z", Body: "Z.", Origin: "alias/z.jsonl:1"},
		},
		Stats: ReadStats{Articles: 3, Skipped: 1, Files: 4, Unsupported: map[string]int{".md": 1}},
		Warnings: []string{
			"alias/mdlink.jsonl:1: invalid JSON: invalid character 'N' looking for beginning of value, skipped",
			"alias/notes.md: skipped: not a .txt, .jsonl, .xml, .nitf, .newsml, .json or .ninjs file",
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read mismatch (-want +got):\n%s", diff)
	}
}

func TestNoArticles(t *testing.T) {
	for _, tc := range []struct {
		stats ReadStats
		want  string
	}{
		{ReadStats{}, "no articles in in/: no files;"},
		{ReadStats{Files: 2}, "2 file(s) read, all empty"},
		{ReadStats{Skipped: 3, Unsupported: map[string]int{".xml": 10, ".md": 2, "": 2}}, "3 bad article(s) skipped, 14 file(s) skipped (.xml ×10, no extension ×2, .md ×2)"},
	} {
		err := tc.stats.NoArticles([]string{"in/"})
		if !errors.Is(err, ErrNoArticles) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want ErrNoArticles saying %q", tc.stats, err, tc.want)
		}
	}
}
