package output

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/internal/workpool"
	"github.com/neardup/neardup/text"

	"github.com/zeebo/xxh3"
)

// The report's data is one JSON object, {"articles": N, "stories": [...]},
// written inside <script type="application/json" id="data">, one story a
// line. Keys are short to keep the file small. Every story is listed; only
// stories of two or more versions carry versions, blocks and text.
//
//	story    {"id": story ID, "n": versions, "t": canonical title,
//	          "d0": earliest date, "d1": latest date (omitted when equal),
//	          "src": [distinct sources, sorted],
//	          "l": [distinct languages, sorted],
//	          "cs": the highest copy share of a version other than the
//	          canonical one, "f": [distinct flags of its versions, sorted],
//	          "v": [version...], "b": [block...]}   (v and b: n ≥ 2 only)
//	version  {"id", "t": title, "d": date, "src": source, "l": language,
//	          "url": link, "g": agency item id (GUID), "gv": its version,
//	          "up": id of the version this one is the agency's update of,
//	          "sim": similarity to the canonical version,
//	          "cs": copy share (as Member.CopyShare),
//	          "cr": [credit lines] (none: uncredited), "f": [flags],
//	          "np": new paragraphs, "p": [paragraph...]}
//	paragraph {"k": status (as Paragraph.Status), "h": true for a
//	          heading line, "sim": similarity of an edited paragraph to
//	          its earlier version, "fr": [version, paragraph] the diff runs
//	          from, "r": [run...] | "eq": [version, paragraph]}
//	run      [text] | [text, block] | [text, block, op]
//	block    {"c": [cell per version, story order]}
//	cell     null | [state "v" verbatim or "e" edited, similarity, [paragraphs]]
//
// A run is a piece of a paragraph's text (see reportRun). A paragraph whose
// runs repeat an earlier paragraph of the story, block for block, names it
// with "eq" instead: verbatim copy is written once. Empty fields are left
// out. Strings are escaped as encoding/json escapes them, <, > and &
// included, so no "</script" or "<!--" can appear in the data.

// reportStories returns the JSON of stories start to end, built in
// parallel, each worker with its own scratch space.
func (w *Writer) reportStories(start, end int) ([][]byte, error) {
	recs := make([][]byte, end-start)
	errs := make([]error, end-start)
	// A background context is never done: Run returns nil.
	_ = workpool.Run(context.Background(), end-start, runtime.GOMAXPROCS(0), func() func(int) {
		rb := newReportBuilder(w)
		return func(i int) { recs[i], errs[i] = rb.story(start + i) }
	}, nil)
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return recs, nil
}

// reportBuilder writes the JSON of report stories. Not safe for concurrent
// use: each worker owns one and reuses its scratch space.
type reportBuilder struct {
	w *Writer
	r *dedupe.Result
	// seen maps the hash of a paragraph's encoded runs to the first
	// paragraph of the story with those runs.
	seen   map[uint64]seenRuns
	runs   []byte // scratch: one paragraph's encoded runs
	out    []byte // scratch: the story being written
	differ differ
	status []paraStatus // scratch: one version's paragraph statuses
	srcs   []string     // scratch: a story's sources
}

// seenRuns is a paragraph whose runs were written: [From, To) in the story's
// JSON, at paragraph Para of the version at position X.
type seenRuns struct {
	X, Para  int
	From, To int
}

// paraStatus is a paragraph's status and, for edited copy, the closest
// earlier version's paragraph (see dedupe.Result.Status).
type paraStatus struct {
	name    dedupe.Status
	earlier dedupe.ParaMatch
}

func newReportBuilder(w *Writer) *reportBuilder {
	return &reportBuilder{w: w, r: w.r, seen: map[uint64]seenRuns{}}
}

// story returns the JSON of story si.
//
// It is long because it writes the record field by field, in the page's
// order.
func (rb *reportBuilder) story(si int) ([]byte, error) {
	r := rb.r
	s := &r.Stories[si]
	b := rb.out[:0]
	b = append(b, `{"id":`...)
	b = appendJSONStringHTML(b, s.ID)
	b = append(b, `,"n":`...)
	b = strconv.AppendInt(b, int64(len(s.Members)), 10)
	b = append(b, `,"t":`...)
	b = appendJSONStringHTML(b, foldSpace(r.Docs[s.Canonical].Title))
	first, last := -1, -1
	rb.srcs = rb.srcs[:0]
	for _, m := range s.Members {
		d := r.Docs[m]
		if d.Source != "" && !slices.Contains(rb.srcs, d.Source) {
			rb.srcs = append(rb.srcs, d.Source)
		}
		if d.Date.IsZero() {
			continue
		}
		if first < 0 || dedupe.CompareByDate(d, r.Docs[first]) < 0 {
			first = int(m)
		}
		if last < 0 || dedupe.CompareByDate(d, r.Docs[last]) > 0 {
			last = int(m)
		}
	}
	if first >= 0 {
		d0, d1 := r.Docs[first].DateText, r.Docs[last].DateText
		b = appendStringField(b, "d0", d0)
		if d1 != d0 {
			b = appendStringField(b, "d1", d1)
		}
	}
	if len(rb.srcs) > 0 {
		slices.Sort(rb.srcs)
		b = append(b, `,"src":`...)
		b = appendJSONStringsHTML(b, rb.srcs)
	}
	b = rb.storySummary(b, s)
	if len(s.Members) >= 2 {
		texts := &diffTexts{r: r, paras: map[int32][]string{}, differ: &rb.differ}
		clear(rb.seen)
		b = append(b, `,"v":[`...)
		for x, m := range s.Members {
			if x > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = rb.version(b, x, m, texts); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
		if len(s.Blocks) > 0 {
			b = append(b, `,"b":[`...)
			for bi := range s.Blocks {
				if bi > 0 {
					b = append(b, ',')
				}
				b = rb.block(b, s, bi)
			}
			b = append(b, ']')
		}
	}
	rb.out = append(b, '}')
	return slices.Clone(rb.out), nil
}

// storySummary appends what the story list shows and sorts by beside the
// dates and sources: the languages, the highest copy share of a version
// other than the canonical one, and the flags of the versions.
func (rb *reportBuilder) storySummary(b []byte, s *dedupe.Story) []byte {
	r := rb.r
	rb.srcs = rb.srcs[:0]
	var copyShare float32
	var flags []string
	for _, m := range s.Members {
		d := r.Docs[m]
		if d.Lang != "" && !slices.Contains(rb.srcs, string(d.Lang)) {
			rb.srcs = append(rb.srcs, string(d.Lang))
		}
		if m != s.Canonical {
			copyShare = max(copyShare, r.CopyShare[m])
		}
		for _, f := range r.Flags(int(m)) {
			if !slices.Contains(flags, f) {
				flags = append(flags, f)
			}
		}
	}
	if len(rb.srcs) > 0 {
		slices.Sort(rb.srcs)
		b = append(b, `,"l":`...)
		b = appendJSONStringsHTML(b, rb.srcs)
	}
	if cs := Round4(copyShare); cs != 0 {
		b = append(b, `,"cs":`...)
		b = appendJSONFloat(b, cs)
	}
	if len(flags) > 0 {
		slices.Sort(flags)
		b = append(b, `,"f":`...)
		b = appendJSONStringsHTML(b, flags)
	}
	return b
}

// version appends the record of Doc i, at position x in its story.
//
// It is long because it writes the record field by field, in the page's
// order.
func (rb *reportBuilder) version(b []byte, x int, i int32, texts *diffTexts) ([]byte, error) {
	w, r := rb.w, rb.r
	d := r.Docs[i]
	diffs, err := w.diffsOf(int(i), texts)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", d.ID, err)
	}
	defer w.diffsUsed(int(i))
	rb.status = rb.status[:0]
	fresh := 0
	for p := range d.Paras {
		name, earlier := r.Status(int(i), p)
		if name == dedupe.StatusUnique {
			fresh++
		}
		rb.status = append(rb.status, paraStatus{name, earlier})
	}
	b = append(b, `{"id":`...)
	b = appendJSONStringHTML(b, d.ID)
	b = append(b, `,"t":`...)
	b = appendJSONStringHTML(b, foldSpace(d.Title))
	b = appendStringField(b, "d", d.DateText)
	b = appendStringField(b, "src", d.Source)
	b = appendStringField(b, "l", string(d.Lang))
	b = appendStringField(b, "url", d.URL)
	b = appendStringField(b, "g", d.GUID)
	if d.Version != 0 {
		b = append(b, `,"gv":`...)
		b = strconv.AppendInt(b, int64(d.Version), 10)
	}
	b = appendStringField(b, "up", w.updateOf(int(i)))
	b = append(b, `,"sim":`...)
	b = appendJSONFloat(b, Round4(r.Similarity[i]))
	b = append(b, `,"cs":`...)
	b = appendJSONFloat(b, Round4(r.CopyShare[i]))
	if len(d.Credits) > 0 {
		b = append(b, `,"cr":`...)
		b = appendJSONStringsHTML(b, d.Credits)
	}
	if flags := r.Flags(int(i)); len(flags) > 0 {
		b = append(b, `,"f":`...)
		b = appendJSONStringsHTML(b, flags)
	}
	b = append(b, `,"np":`...)
	b = strconv.AppendInt(b, int64(fresh), 10)
	b = append(b, `,"p":[`...)
	for p, para := range d.Paras {
		if p > 0 {
			b = append(b, ',')
		}
		st := rb.status[p]
		b = append(b, `{"k":"`...)
		b = append(b, st.name.String()...)
		b = append(b, '"')
		if para.Kind == text.KindHeading {
			b = append(b, `,"h":true`...)
		}
		if st.name == dedupe.StatusEdited {
			var diff *Diff
			if diffs != nil {
				diff = diffs[p]
			}
			if diff == nil {
				return nil, fmt.Errorf("report %s ¶%d: edited but no diff", d.ID, p)
			}
			if sim := Round4(st.earlier.Sim); sim != 0 {
				b = append(b, `,"sim":`...)
				b = appendJSONFloat(b, sim)
			}
			from, err := w.docIndex(r.StoryOf[i], diff.ID)
			if err != nil {
				return nil, fmt.Errorf("report %s: %w", d.ID, err)
			}
			b = append(b, `,"fr":[`...)
			b = strconv.AppendInt(b, int64(r.Position[from]), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(diff.Index), 10)
			b = append(b, ']')
			b = appendDiffOps(b, diff.Ops)
		}
		// The runs follow the sentences; the page folds an edited
		// paragraph's word diff into them when it shows the paragraph.
		runs, err := w.sentenceRuns(texts, i, int32(p))
		if err != nil {
			return nil, err
		}
		b = rb.appendRuns(b, runs, x, p)
		b = append(b, '}')
	}
	return append(b, "]}"...), nil
}

// appendDiffOps appends a word diff as ,"d":[...]: a kept run as its word
// count, a changed one as ["-", words] or ["+", words].
func appendDiffOps(b []byte, ops []DiffOp) []byte {
	b = append(b, `,"d":[`...)
	for k, op := range ops {
		if k > 0 {
			b = append(b, ',')
		}
		if op.Op == "=" && op.Text == "" {
			b = strconv.AppendInt(b, int64(op.N), 10)
			continue
		}
		b = append(b, '[')
		b = appendJSONStringHTML(b, op.Op)
		b = append(b, ',')
		b = appendJSONStringHTML(b, op.Text)
		b = append(b, ']')
	}
	return append(b, ']')
}

// appendRuns appends the runs of paragraph p of the version at position x,
// or, when an earlier paragraph of the story has the same runs, a
// reference to it.
func (rb *reportBuilder) appendRuns(b []byte, runs []reportRun, x, p int) []byte {
	rb.runs = rb.runs[:0]
	for k, u := range runs {
		if k > 0 {
			rb.runs = append(rb.runs, ',')
		}
		rb.runs = u.appendJSON(rb.runs)
	}
	h := xxh3.Hash(rb.runs)
	same, ok := rb.seen[h]
	if ok && bytes.Equal(b[same.From:same.To], rb.runs) {
		b = append(b, `,"eq":[`...)
		b = strconv.AppendInt(b, int64(same.X), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(same.Para), 10)
		return append(b, ']')
	}
	if len(runs) == 0 {
		if !ok {
			rb.seen[h] = seenRuns{X: x, Para: p}
		}
		return b
	}
	b = append(b, `,"r":[`...)
	if !ok { // on a hash collision the first paragraph keeps the entry
		rb.seen[h] = seenRuns{X: x, Para: p, From: len(b), To: len(b) + len(rb.runs)}
	}
	b = append(b, rb.runs...)
	return append(b, ']')
}

// block appends row bi of the story map of s.
func (rb *reportBuilder) block(b []byte, s *dedupe.Story, bi int) []byte {
	cells := make([]*dedupe.Cell, len(s.Members))
	for k := range s.Blocks[bi].Cells {
		c := &s.Blocks[bi].Cells[k]
		cells[rb.r.Position[c.Doc]] = c
	}
	b = append(b, `{"c":[`...)
	for x, c := range cells {
		if x > 0 {
			b = append(b, ',')
		}
		if c == nil {
			b = append(b, "null"...)
			continue
		}
		if c.Verbatim() {
			b = append(b, `["v",`...)
		} else {
			b = append(b, `["e",`...)
		}
		b = appendJSONFloat(b, Round4(c.Sim))
		b = append(b, ",["...)
		for k, p := range c.Paras {
			if k > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(p), 10)
		}
		b = append(b, "]]"...)
	}
	return append(b, "]}"...)
}

// appendJSON appends the run in its short array form: [text], [text,
// block] or [text, block, op].
func (u reportRun) appendJSON(b []byte) []byte {
	b = append(b, '[')
	b = appendJSONStringHTML(b, u.Text)
	switch {
	case u.Op != 0:
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(u.Block), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(u.Op), 10)
	case u.Block != -1:
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(u.Block), 10)
	}
	return append(b, ']')
}

// appendStringField appends ,"key":"value" unless value is empty.
func appendStringField(b []byte, key, value string) []byte {
	if value == "" {
		return b
	}
	b = append(b, `,"`...)
	b = append(b, key...)
	b = append(b, `":`...)
	return appendJSONStringHTML(b, value)
}
