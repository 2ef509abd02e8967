package index

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"runtime"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"golang.org/x/sync/errgroup"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/state"
	"github.com/neardup/neardup/text"
)

// pendingDoc is one document a batch writes to bleve: a new article with
// its text, or an indexed one whose story fields changed (Text nil: its
// text is read back from bleve).
type pendingDoc struct {
	ID        string       `json:"id"`
	Text      *articleText `json:"text,omitempty"`
	Lang      string       `json:"lang"`
	Credits   []string     `json:"credits"`
	Story     string       `json:"story"`
	Canonical bool         `json:"canonical"`
	Status    []string     `json:"status"`
}

// articleText is what bleve stores of an article's input.
type articleText struct {
	Title    string     `json:"title"`
	Body     string     `json:"body"`
	Date     *time.Time `json:"date,omitempty"`
	DateText string     `json:"date_text,omitempty"`
	Source   string     `json:"source,omitempty"`
	URL      string     `json:"url,omitempty"`
	GUID     string     `json:"guid,omitempty"`
	Version  int        `json:"version,omitempty"`
}

// pendingDocs lists what a dedupe Update writes to bleve.
func pendingDocs(u *state.Update) []pendingDoc {
	docs := make([]pendingDoc, 0, len(u.Added)+len(u.Changed))
	for _, a := range u.Added {
		pd := newPendingDoc(a)
		art := a.Article
		// An article without a title (plain text) is found by title:
		// through the start of its first paragraph, as every view shows.
		pd.Text = &articleText{Title: cmp.Or(art.Title, a.Title), Body: art.Body, DateText: art.DateText, Source: art.Source, URL: art.URL,
			GUID: art.GUID, Version: art.Version}
		if !art.Date.IsZero() {
			d := art.Date
			pd.Text.Date = &d
		}
		docs = append(docs, pd)
	}
	for _, a := range u.Changed {
		docs = append(docs, newPendingDoc(a))
	}
	return docs
}

func newPendingDoc(a state.Article) pendingDoc {
	return pendingDoc{ID: a.ID, Lang: string(a.Lang), Credits: a.Credits, Story: a.Story, Canonical: a.Canonical, Status: statusNames(a.Statuses)}
}

// statusNames are the names of the statuses, as the status field holds them.
func statusNames(sts []dedupe.Status) []string {
	out := make([]string, len(sts))
	for i, st := range sts {
		out[i] = st.String()
	}
	return out
}

// encodePending is the payload kept in the dedupe state until bleve has
// the batch: one JSON document a line.
func encodePending(docs []pendingDoc) ([]byte, error) {
	var out []byte
	for _, d := range docs {
		b, err := json.Marshal(d)
		if err != nil {
			return nil, fmt.Errorf("encode pending batch: %w", err)
		}
		out = append(append(out, b...), '\n')
	}
	return out, nil
}

// decodePending decodes what encodePending wrote; a bad line is an error
// naming it.
func decodePending(b []byte) ([]pendingDoc, error) {
	var docs []pendingDoc
	for line := 1; len(b) > 0; line++ {
		end := 0
		for end < len(b) && b[end] != '\n' {
			end++
		}
		var d pendingDoc
		if err := json.Unmarshal(b[:end], &d); err != nil {
			return nil, fmt.Errorf("pending document %d: %w", line, err)
		}
		if d.ID == "" {
			return nil, fmt.Errorf("pending document %d: no id", line)
		}
		docs = append(docs, d)
		if end < len(b) {
			end++
		}
		b = b[end:]
	}
	return docs, nil
}

// apply writes a batch's documents to bleve, with the batch number, and
// returns when bleve has made them durable. Bleve builds the segment of a
// batch on one goroutine, so the documents go in applyParts batches
// written at once, one segment each; the batch number follows in a
// batch of its own once they all are durable, so that a crash between
// them leaves the batch to be written again (see reconcile).
func (x *Index) apply(seq uint64, docs []pendingDoc) error {
	if !x.writable {
		return errors.New("index: bleve written outside a commit window") // a read-only scorch would wait forever
	}
	parts := make([][]pendingDoc, min(applyParts(), max(1, len(docs)/minPartDocs)))
	for _, d := range docs {
		// By id, so that the documents of one id stay in order in one part.
		h := fnv.New32a()
		h.Write([]byte(d.ID))
		i := h.Sum32() % uint32(len(parts))
		parts[i] = append(parts[i], d)
	}
	var g errgroup.Group
	for _, part := range parts {
		g.Go(func() error { return x.applyPart(part) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if err := x.bleve.SetInternal(seqKey, binary.BigEndian.AppendUint64(nil, seq)); err != nil {
		return fmt.Errorf("write bleve batch: %w", err)
	}
	return nil
}

// minPartDocs is the fewest documents worth a bleve batch of their own.
const minPartDocs = 100

// applyParts is the number of bleve batches apply writes at once.
func applyParts() int { return max(1, runtime.GOMAXPROCS(0)) }

// applyPart writes documents to bleve in one bleve batch.
func (x *Index) applyPart(docs []pendingDoc) error {
	if len(docs) == 0 {
		return nil
	}
	b := x.bleve.NewBatch()
	for _, d := range docs {
		at := d.Text
		if at == nil {
			var err error
			if at, err = x.storedText(d.ID); err != nil {
				return err
			}
		}
		bd := &bleveDoc{
			Title: at.Title, Body: at.Body, Date: at.Date, DateText: at.DateText,
			Source: at.Source, URL: at.URL, GUID: at.GUID, Version: versionText(at.Version), Lang: d.Lang, Credits: d.Credits,
			Story: d.Story, Canonical: d.Canonical, Status: d.Status, typ: docType(text.Lang(d.Lang)),
		}
		bd.DocType = bd.typ
		if err := b.Index(d.ID, bd); err != nil {
			return fmt.Errorf("index %s: %w", d.ID, err)
		}
	}
	if err := x.bleve.Batch(b); err != nil {
		return fmt.Errorf("write bleve batch: %w", err)
	}
	return nil
}

// versionText is the stored form of an agency version number: "" for
// none.
func versionText(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v)
}

// storedText reads an indexed article's text back from bleve.
func (x *Index) storedText(id string) (*articleText, error) {
	doc, err := x.bleve.Document(id)
	if err != nil {
		return nil, fmt.Errorf("read %s from bleve: %w", id, err)
	}
	if doc == nil {
		return nil, fmt.Errorf("read %s from bleve: not indexed", id)
	}
	t := &articleText{}
	var ferr error
	doc.VisitFields(func(f bleveindex.Field) {
		switch f.Name() {
		case FieldTitle:
			t.Title = string(f.Value())
		case FieldBody:
			t.Body = string(f.Value())
		case FieldDateText:
			t.DateText = string(f.Value())
		case FieldSource:
			t.Source = string(f.Value())
		case FieldURL:
			t.URL = string(f.Value())
		case FieldGUID:
			t.GUID = string(f.Value())
		case FieldVersion:
			t.Version, _ = strconv.Atoi(string(f.Value())) // written by versionText: digits
		case FieldDate:
			if df, ok := f.(*document.DateTimeField); ok {
				d, _, err := df.DateTime()
				if err != nil {
					ferr = fmt.Errorf("read %s from bleve: date: %w", id, err)
				}
				t.Date = &d
			}
		}
	})
	return t, ferr
}
