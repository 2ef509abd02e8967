package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/output"
	"github.com/neardup/neardup/state"
	"github.com/neardup/neardup/text"
)

func runSimilar(ctx context.Context, args []string, e env) error {
	var dir, lang string
	var asJSON bool
	fs := newFlagSet("similar", e, "Usage: neardup similar --index DIR [flags] FILE|-\n\nFor each article of FILE (any input format of dedupe; - reads JSONL from stdin), not added to the\nindex: the story it belongs to, each version's similarity and the paragraphs they share.\nExit codes: 0 success, 1 error, 2 usage.\n\nFlags:")
	fs.StringVar(&dir, "index", "", "index `DIR`")
	fs.StringVar(&lang, "lang", "", "language of the article (da, nb, sv, en); default: its lang field, else detected")
	fs.BoolVar(&asJSON, "json", false, "write JSON, one object per article")
	inputs, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	switch {
	case dir == "":
		return usageError{"similar: --index DIR is required"}
	case len(inputs) != 1:
		fs.Usage()
		return usageError{"similar: give one FILE or -"}
	case lang != "" && text.ParseLang(lang) == "":
		return usageError{fmt.Sprintf("--lang %q: want da, nb, sv or en", lang)}
	}
	x, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	_, err = corpus.Read(ctx, inputs, corpus.ReadOptions{Stdin: e.stdin}, func(a corpus.Article) error {
		sim, err := x.Similar(&a, text.ParseLang(lang))
		if err != nil {
			return err
		}
		if asJSON {
			return writeSimilarJSON(e.stdout, a.ID, sim)
		}
		return writeSimilarText(e.stdout, a.ID, sim)
	})
	return errors.Join(err, x.Close())
}

// similarJSON is one line of the --json output.
type similarJSON struct {
	ID         string        `json:"id"`
	Lang       string        `json:"lang"`
	Paragraphs int           `json:"paragraphs"`
	Candidates int           `json:"candidates"`
	Story      string        `json:"story"`
	Others     []string      `json:"other_stories"`
	Versions   []versionJSON `json:"versions"`
}

type versionJSON struct {
	ID         string       `json:"id"`
	Title      string       `json:"title"`
	Date       string       `json:"date,omitempty"`
	Source     string       `json:"source,omitempty"`
	Canonical  bool         `json:"canonical"`
	Linked     bool         `json:"linked"`
	Similarity float64      `json:"similarity"`
	Shared     []sharedJSON `json:"shared"`
}

type sharedJSON struct {
	Paragraph  int     `json:"paragraph"`
	Their      int     `json:"their_paragraph"`
	Similarity float64 `json:"similarity"`
}

func writeSimilarJSON(w io.Writer, id string, s *state.Similarity) error {
	out := similarJSON{ID: id, Lang: string(s.Lang), Paragraphs: s.Paragraphs, Candidates: s.Candidates,
		Story: s.Story, Others: s.Others, Versions: []versionJSON{}}
	if out.Others == nil {
		out.Others = []string{}
	}
	for _, v := range s.Versions {
		vj := versionJSON{ID: v.ID, Title: v.Title, Date: v.Date, Source: v.Source, Canonical: v.Canonical,
			Linked: v.Linked, Similarity: output.Round4(v.Similarity), Shared: []sharedJSON{}}
		for _, p := range v.Shared {
			vj.Shared = append(vj.Shared, sharedJSON{Paragraph: p.Mine, Their: p.Theirs, Similarity: output.Round4(p.Sim)})
		}
		out.Versions = append(out.Versions, vj)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func writeSimilarText(w io.Writer, id string, s *state.Similarity) error {
	var b strings.Builder
	if s.Story == "" {
		fmt.Fprintf(&b, "%s: no story: it shares no story's copy (%d paragraphs, %d candidate articles compared)\n", output.Clean(id), s.Paragraphs, s.Candidates)
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s belongs to %s (%d version(s)); %d paragraphs, lang %s\n", output.Clean(id), output.Clean(s.Story), len(s.Versions), s.Paragraphs, dash(string(s.Lang)))
	for _, v := range s.Versions {
		mark, linked := " ", ""
		if v.Canonical {
			mark = "*"
		}
		if v.Linked {
			linked = " linked"
		}
		b.WriteString(output.VersionLine("  ", mark, v.ID, v.Date, v.Source, fmt.Sprintf("similarity %.2f%s  %s", v.Similarity, linked, output.OneLine(v.Title))))
		if len(v.Shared) > 0 {
			var parts []string
			for _, p := range v.Shared {
				parts = append(parts, fmt.Sprintf("¶%d↔¶%d %.2f", p.Mine, p.Theirs, p.Sim))
			}
			fmt.Fprintf(&b, "      shared (this ↔ theirs): %s\n", strings.Join(parts, ", "))
		}
	}
	if len(s.Others) > 0 {
		fmt.Fprintf(&b, "  also shares copy with: %s\n", strings.Join(s.Others, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
