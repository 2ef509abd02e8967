package corpus

import (
	"cmp"

	"github.com/valyala/fastjson"

	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// DefaultMaxBytes is the default for ReadOptions.MaxBytes: 64 MiB.
const DefaultMaxBytes = 64 << 20

// ReadOptions controls Read. The zero value stops at the first bad article,
// discards warnings and has no stdin.
type ReadOptions struct {
	// SkipBad makes Read report each bad article through Warn, count it in
	// ReadStats.Skipped and go on. When false, the first bad article stops
	// Read with its error.
	SkipBad bool
	// Warn receives warnings and notes, one message a call, each starting
	// with the file (and line) it is about: an empty file skipped, a file
	// decoded from Windows-1252, a bad article skipped. Nil discards them.
	Warn func(msg string)
	// Stdin is read as JSONL for the input "-", named "stdin" in origins
	// and messages. Nil means there is no stdin, and "-" is an error.
	Stdin io.Reader
	// MaxBytes is the size limit of one article in bytes: the longest JSONL
	// line (without its line break), the largest .txt file, and the
	// largest item of a NewsML-G2, NITF or ninjs file accepted. Larger ones
	// are bad articles. Zero means DefaultMaxBytes.
	MaxBytes int
	// KnownLang, when set, tells the language codes the caller analyses
	// (text.ParseLang). An article whose lang it does not know is read
	// as it is, with a warning naming the file, line and code, once per
	// code: its language is then detected from its text.
	KnownLang func(code string) bool
}

// SetDefaults fills the zero fields of o: MaxBytes (DefaultMaxBytes) and
// Warn (discards).
func (o *ReadOptions) SetDefaults() {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Warn == nil {
		o.Warn = func(string) {}
	}
}

// ReadStats counts what Read saw.
type ReadStats struct {
	// Articles is the number of articles passed to fn without error.
	Articles int
	// Skipped is the number of bad articles skipped (only with SkipBad).
	Skipped int
	// Files is the number of files opened, empty ones and stdin included.
	Files int
	// Unsupported counts, by extension (lower case, "" for none), the files
	// of a directory walk that were not read: those whose extension Read
	// does not know, and .json files that are not ninjs.
	Unsupported map[string]int
}

// NoArticles returns the error for a read of inputs that gave no article:
// ErrNoArticles, with what was skipped and why.
func (s ReadStats) NoArticles(inputs []string) error {
	var why []string
	if s.Skipped > 0 {
		why = append(why, fmt.Sprintf("%d bad article(s) skipped", s.Skipped))
	}
	if len(s.Unsupported) > 0 {
		exts := make([]string, 0, len(s.Unsupported))
		n := 0
		for ext, k := range s.Unsupported {
			exts = append(exts, ext)
			n += k
		}
		slices.SortFunc(exts, func(a, b string) int { return cmp.Or(s.Unsupported[b]-s.Unsupported[a], strings.Compare(a, b)) })
		var parts []string
		for _, ext := range exts {
			name := ext
			if name == "" {
				name = "no extension"
			}
			parts = append(parts, fmt.Sprintf("%s ×%d", name, s.Unsupported[ext]))
		}
		why = append(why, fmt.Sprintf("%d file(s) skipped (%s)", n, strings.Join(parts, ", ")))
	}
	if s.Files > 0 && len(why) == 0 {
		why = append(why, fmt.Sprintf("%d file(s) read, all empty", s.Files))
	}
	if len(why) == 0 {
		why = append(why, "no files")
	}
	return fmt.Errorf("%w in %s: %s; supported: .txt and .jsonl files, NewsML-G2, NITF and ninjs files (.xml, .nitf, .newsml, .json, .ninjs), directories of them, - for JSONL on stdin",
		ErrNoArticles, strings.Join(inputs, ", "), strings.Join(why, ", "))
}

// Read reads every input in order and calls fn for each good article.
//
// An input is a directory, a .txt file, a .jsonl file, a NewsML-G2, NITF
// or ninjs file (.xml, .nitf, .newsml, .json or .ninjs, told apart by
// their content; extensions match in any case), or "-" for JSONL on
// opts.Stdin. A directory is walked recursively in lexical order; the
// files in it with those extensions are read (but for .json files that are
// not ninjs), other files and hidden files and directories (named ".…")
// are ignored. Every input is checked before any is read: one that does
// not exist or has another extension is an error naming it.
//
// The order of the calls to fn is deterministic: the order of inputs, of
// the walk and of the lines. IDs must be unique over all inputs. A bad
// article is an *InputError naming the file and line; it stops Read unless
// opts.SkipBad is set. I/O errors always stop Read, and so does an error
// from fn, which Read returns as is, as it does ctx.Err() when ctx is done.
// The package documentation describes the formats.
func Read(ctx context.Context, inputs []string, opts ReadOptions, fn func(Article) error) (ReadStats, error) {
	kinds, err := checkInputs(inputs, opts.Stdin != nil)
	if err != nil {
		return ReadStats{}, err
	}
	opts.SetDefaults()
	r := &reader{
		ctx:  ctx,
		opts: opts,
		fn:   fn,
		max:  opts.MaxBytes,
		seen: make(map[string]string),
		br:   bufio.NewReaderSize(nil, 64<<10),
	}
	for i, in := range inputs {
		if err := ctx.Err(); err != nil {
			return r.stats, err
		}
		if err := r.readInput(in, kinds[i]); err != nil {
			return r.stats, err
		}
	}
	return r.stats, nil
}

// inputKind says how to read one input.
type inputKind int

const (
	inputOther   inputKind = iota // a file Read does not read
	inputText                     // a .txt file
	inputJSONL                    // a .jsonl file
	inputSniffed                  // a file whose content tells its format
	inputDir                      // a directory to walk
	inputStdin                    // "-"
)

// fileKind returns the kind of a file from its extension.
func fileKind(path string) inputKind {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		return inputText
	case ".jsonl":
		return inputJSONL
	case ".xml", ".nitf", ".newsml", ".json", ".ninjs":
		return inputSniffed
	}
	return inputOther
}

// checkInputs returns the kind of each input, or an error for the first one
// that cannot be read.
func checkInputs(inputs []string, haveStdin bool) ([]inputKind, error) {
	kinds := make([]inputKind, len(inputs))
	for i, in := range inputs {
		if in == "-" {
			if !haveStdin {
				return nil, fmt.Errorf("input \"-\": %w", ErrNoStdin)
			}
			if slices.Contains(kinds[:i], inputStdin) {
				return nil, fmt.Errorf("input \"-\" given twice: %w", ErrNoStdin)
			}
			kinds[i] = inputStdin
			continue
		}
		fi, err := os.Stat(in)
		if err != nil {
			if pe, ok := errors.AsType[*fs.PathError](err); ok {
				err = pe.Err // the InputError names the path
			}
			return nil, &InputError{Path: in, Err: err}
		}
		if fi.IsDir() {
			kinds[i] = inputDir
			continue
		}
		if kinds[i] = fileKind(in); kinds[i] == inputOther {
			return nil, &InputError{Path: in, Err: problem(ErrUnsupportedFile,
				"unsupported file type %q: want .txt, .jsonl, .xml, .nitf, .newsml, .json, .ninjs, a directory or \"-\"", filepath.Ext(in))}
		}
	}
	return kinds, nil
}

// reader is the state of one Read call.
type reader struct {
	ctx     context.Context
	opts    ReadOptions
	fn      func(Article) error
	max     int               // opts.MaxBytes or its default
	stats   ReadStats         // returned by Read
	seen    map[string]string // article ID → origin of its first use
	langs   map[string]bool   // unknown lang codes already warned of
	br      *bufio.Reader     // reused for every JSONL input
	lineBuf []byte            // reused for JSONL lines longer than br's buffer
	textBuf bytes.Buffer      // reused for .txt files
	json    fastjson.Parser   // reused for every JSONL line
}

// readInput reads one input of the given kind.
func (r *reader) readInput(in string, kind inputKind) error {
	switch kind {
	case inputStdin:
		r.stats.Files++
		return r.readJSONL(r.opts.Stdin, "stdin")
	case inputDir:
		return r.readDir(in)
	case inputText:
		return r.readText(in, strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)))
	case inputSniffed:
		return r.readSniffed(in, strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)), false)
	default:
		return r.readJSONLFile(in)
	}
}

// readDir walks root in lexical order and reads the files of the kinds
// Read knows. A .txt article's ID (and that of a lone item without a GUID
// in the agency formats) is its path relative to root without the
// extension, with forward slashes. Links to files are read; links to
// directories below root are not followed.
func (r *reader) readDir(root string) error {
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		root += string(filepath.Separator) // so that WalkDir follows the link
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk: %w", err)
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		kind := fileKind(path)
		if d.IsDir() || !isRegular(path, d) {
			return nil
		}
		if kind == inputOther {
			r.unsupported(path, "skipped: not a .txt, .jsonl, .xml, .nitf, .newsml, .json or .ninjs file")
			return nil
		}
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if kind == inputJSONL {
			return r.readJSONLFile(path)
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return fmt.Errorf("walk: %w", err)
		}
		id := filepath.ToSlash(strings.TrimSuffix(rel, filepath.Ext(rel)))
		if kind == inputSniffed {
			return r.readSniffed(path, id, true)
		}
		return r.readText(path, id)
	})
}

// isRegular reports whether the walked entry d is a regular file or a
// symbolic link to one.
func isRegular(path string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() // a dangling link is not a file to read
}

// readJSONLFile opens and reads one .jsonl file.
func (r *reader) readJSONLFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read articles: %w", err)
	}
	defer f.Close() // read-only: a close error cannot lose data
	r.stats.Files++
	return r.readJSONL(f, path)
}

// emit checks that a's ID is new and passes a to fn. line is where a starts
// in path, 0 for a whole file.
func (r *reader) emit(a Article, path string, line int) error {
	if first, dup := r.seen[a.ID]; dup {
		return r.bad(path, line, problem(ErrDuplicateID, "duplicate id %q (first at %s)", a.ID, first))
	}
	if err := r.ctx.Err(); err != nil {
		return err
	}
	r.seen[a.ID] = a.Origin
	if a.Lang != "" && r.opts.KnownLang != nil && !r.opts.KnownLang(a.Lang) && !r.langs[a.Lang] {
		if r.langs == nil {
			r.langs = map[string]bool{}
		}
		r.langs[a.Lang] = true
		r.warn(fmt.Sprintf("%s: lang %q is not a language neardup analyses (da, nb, sv, en): detected from the text instead (said once per code)", a.Origin, a.Lang))
	}
	if err := r.fn(a); err != nil {
		return err
	}
	r.stats.Articles++
	return nil
}

// bad handles a bad article at path:line: with SkipBad it warns, counts it
// and returns nil; otherwise it returns the *InputError.
func (r *reader) bad(path string, line int, err error) error {
	ierr := &InputError{Path: path, Line: line, Err: err}
	if !r.opts.SkipBad {
		return ierr
	}
	r.stats.Skipped++
	r.warn(ierr.Error() + ", skipped")
	return r.ctx.Err() // a long run of bad lines still heeds ctx
}

// warn passes msg to opts.Warn, if set.
func (r *reader) warn(msg string) {
	if r.opts.Warn != nil {
		r.opts.Warn(msg)
	}
}
