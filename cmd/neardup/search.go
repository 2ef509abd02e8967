package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/neardup/neardup/index"
	"github.com/neardup/neardup/output"
	"github.com/neardup/neardup/text"
)

// searchOptions are the flags of `neardup search`.
type searchOptions struct {
	dir, lang, source, since, until string
	limit, page                     int
	versions, json                  bool
}

func (o *searchOptions) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.dir, "index", "", "index `DIR`")
	fs.StringVar(&o.lang, "lang", "", "only articles in this language (da, nb, sv, en)")
	fs.StringVar(&o.source, "source", "", "only articles from this source, as written")
	fs.StringVar(&o.since, "since", "", "only articles dated on or after this `date` (YYYY-MM-DD or RFC 3339)")
	fs.StringVar(&o.until, "until", "", "only articles dated on or before this `date` (a day counts whole)")
	fs.IntVar(&o.limit, "limit", 10, "stories per page")
	fs.IntVar(&o.page, "page", 1, "page of stories, from 1")
	fs.BoolVar(&o.versions, "versions", false, "list every version under its story")
	fs.BoolVar(&o.json, "json", false, "write the page as JSON")
}

// request checks the options and builds the search, without side effects.
func (o *searchOptions) request(query string) (index.SearchRequest, error) {
	r := index.SearchRequest{Query: query, Limit: o.limit, Page: o.page}
	if o.dir == "" {
		return r, usageError{"search: --index DIR is required"}
	}
	if o.limit < 1 || o.page < 1 {
		return r, usageError{"search: --limit and --page must be at least 1"}
	}
	if o.lang != "" {
		if r.Lang = text.ParseLang(o.lang); r.Lang == "" {
			return r, usageError{fmt.Sprintf("--lang %q: want da, nb, sv or en", o.lang)}
		}
	}
	r.Source = o.source
	var err error
	if r.Since, err = parseDay(o.since, false); err != nil {
		return r, usageError{"--since: " + err.Error()}
	}
	if r.Until, err = parseDay(o.until, true); err != nil {
		return r, usageError{"--until: " + err.Error()}
	}
	return r, nil
}

// parseDay parses YYYY-MM-DD (the start of the day, or its last instant
// when end is set) or an RFC 3339 time; "" is the zero time.
func parseDay(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad date %q (want YYYY-MM-DD or RFC 3339)", s)
	}
	if end {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return t, nil
}

func runSearch(ctx context.Context, args []string, e env) error {
	var o searchOptions
	fs := newFlagSet("search", e, "Usage: neardup search --index DIR [flags] QUERY\n\nSearches the index; one result per story, best first. QUERY is in bleve's query\nstring syntax: words, \"a phrase\", +must, -not, title:word, source:ritzau, status:unique.\nExit codes: 0 success, 1 error, 2 usage.\n\nFlags:")
	o.addFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return usageError{"search: no query given"}
	}
	req, err := o.request(strings.Join(pos, " "))
	if err != nil {
		return err
	}
	x, err := index.Open(o.dir, index.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	res, err := x.Search(ctx, req)
	if err = errors.Join(err, x.Close()); err != nil {
		return err
	}
	if o.json {
		return writeSearchJSON(e.stdout, req, res, o.versions)
	}
	return writeSearchText(e.stdout, req, res, o.versions, e.stdoutTTY)
}

// searchJSON is the --json output.
type searchJSON struct {
	Query   string         `json:"query"`
	Page    int            `json:"page"`
	Limit   int            `json:"limit"`
	Hits    uint64         `json:"hits"`
	More    bool           `json:"more"`
	Stories []storyHitJSON `json:"stories"`
}

type storyHitJSON struct {
	Story    string          `json:"story"`
	Title    string          `json:"title"`
	Date     string          `json:"date,omitempty"`
	Source   string          `json:"source,omitempty"`
	Versions int             `json:"versions"`
	Best     string          `json:"best"`
	Score    float64         `json:"score"`
	Fragment string          `json:"fragment"`
	Matched  []string        `json:"matched"`
	All      []index.Version `json:"all,omitempty"`
}

func writeSearchJSON(w io.Writer, req index.SearchRequest, res *index.SearchResult, versions bool) error {
	out := searchJSON{Query: req.Query, Page: req.Page, Limit: req.Limit, Hits: res.Hits, More: res.More, Stories: []storyHitJSON{}}
	for _, s := range res.Stories {
		h := storyHitJSON{Story: s.Story, Title: s.Title, Date: s.Date, Source: s.Source, Versions: s.Versions,
			Best: s.Best, Score: s.Score, Fragment: markFragment(s.Fragment, "**", "**"), Matched: s.Matched}
		if versions {
			h.All = s.All
		}
		out.Stories = append(out.Stories, h)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// markFragment puts before and after around the highlighted terms.
func markFragment(s, before, after string) string {
	return strings.NewReplacer(index.Mark, before, index.EndMark, after).Replace(s)
}

func writeSearchText(w io.Writer, req index.SearchRequest, res *index.SearchResult, versions, tty bool) error {
	var b strings.Builder
	before, after := "**", "**"
	if tty {
		before, after = "\033[1;33m", "\033[0m"
	}
	first := (req.Page-1)*req.Limit + 1
	for i, s := range res.Stories {
		fmt.Fprintf(&b, "%d. %s  %d version(s), %d matched\n", first+i, output.Clean(s.Story), s.Versions, len(s.Matched))
		fmt.Fprintf(&b, "   %s · %s · %s\n", output.OneLine(s.Title), dash(s.Date), dash(s.Source))
		if s.Fragment != "" {
			fmt.Fprintf(&b, "   %s\n", markFragment(s.Fragment, before, after))
		}
		if versions {
			for _, v := range s.All {
				mark, hit := " ", ""
				if v.Canonical {
					mark = "*"
				}
				if v.Matched {
					hit = "  (matched)"
				}
				b.WriteString(output.VersionLine("   ", mark, v.ID, v.Date, v.Source, output.OneLine(v.Title)+hit))
			}
		}
	}
	switch {
	case len(res.Stories) == 0 && req.Page > 1:
		fmt.Fprintf(&b, "no stories on page %d (%d matching articles)\n", req.Page, res.Hits)
	case len(res.Stories) == 0:
		fmt.Fprintf(&b, "no matches\n")
	default:
		more := ""
		if res.More {
			more = fmt.Sprintf("; more on --page %d", req.Page+1)
		}
		fmt.Fprintf(&b, "stories %d–%d of the %d matching articles%s\n", first, first+len(res.Stories)-1, res.Hits, more)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
