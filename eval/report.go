package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Report holds the figures of one evaluation. See the package
// documentation for their definitions.
type Report struct {
	// Articles is the number of articles in the truth; every figure is
	// over these.
	Articles int `json:"articles"`
	// Stories is the number of true stories.
	Stories int `json:"stories"`
	// PredictedStories is the number of predicted stories among the truth
	// articles, each missing article counting as a story of its own.
	PredictedStories int `json:"predicted_stories"`
	// Missing is the number of truth articles absent from the
	// predictions; they are scored as singletons.
	Missing int `json:"missing"`
	// Extra is the number of predicted articles absent from the truth;
	// they are ignored.
	Extra int `json:"extra"`
	// Mismatched is the number of predicted truth articles whose number
	// of paragraphs differs from the truth's.
	Mismatched int `json:"mismatched"`
	// Pairwise is story clustering over pairs of articles.
	Pairwise PRF `json:"pairwise"`
	// BCubed is story clustering averaged over articles; its counts are 0.
	BCubed PRF `json:"bcubed"`
	// Paragraphs is paragraph marking over pairs of text paragraphs in
	// different articles of the same true story.
	Paragraphs PRF `json:"paragraphs"`
	// OutsidePairs is the number of distinct reported paragraph pairs
	// outside that universe; they are ignored.
	OutsidePairs int64 `json:"outside_pairs"`
	// Boilerplate is how well boilerplate paragraphs were marked
	// "boilerplate".
	Boilerplate Marking `json:"boilerplate"`
	// Credit is how well credit lines were marked "credit".
	Credit Marking `json:"credit"`
	// Heading is how well subheadings were marked "heading".
	Heading Marking `json:"heading"`
}

// WriteText writes the report to w as aligned tables, with figures to 4
// decimals.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	pw := &printer{w: tw}
	pw.printf("articles\t%d\n", r.Articles)
	pw.printf("true stories\t%d\n", r.Stories)
	pw.printf("predicted stories\t%d\t(each missing article counts as one)\n", r.PredictedStories)
	pw.printf("missing articles\t%d\t(in the truth, not predicted: scored as singleton stories)\n", r.Missing)
	pw.printf("extra articles\t%d\t(predicted, not in the truth: ignored)\n", r.Extra)
	pw.printf("paragraph count mismatches\t%d\n", r.Mismatched)
	pw.printf("\nfigure\tprecision\trecall\tf1\ttp\tfp\tfn\n")
	pw.prf("pairwise", r.Pairwise, true)
	pw.prf("b-cubed", r.BCubed, false)
	pw.prf("paragraph pairs", r.Paragraphs, true)
	pw.printf("\nreported pairs outside the universe\t%d\t(ignored)\n", r.OutsidePairs)
	pw.printf("\nmarking\trecall\tprecision\tcount\tmarked\tcorrect\n")
	pw.marking("boilerplate", r.Boilerplate)
	pw.marking("credit", r.Credit)
	pw.marking("heading", r.Heading)
	if pw.err != nil {
		return fmt.Errorf("write report: %w", pw.err)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// printer writes formatted lines and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

// printf writes unless an earlier write failed.
func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// prf writes one row of the figure table; counts are "-" unless withCounts.
func (p *printer) prf(name string, f PRF, withCounts bool) {
	if !withCounts {
		p.printf("%s\t%.4f\t%.4f\t%.4f\t-\t-\t-\n", name, f.Precision, f.Recall, f.F1)
		return
	}
	p.printf("%s\t%.4f\t%.4f\t%.4f\t%d\t%d\t%d\n", name, f.Precision, f.Recall, f.F1, f.TP, f.FP, f.FN)
}

// marking writes one row of the marking table.
func (p *printer) marking(name string, m Marking) {
	p.printf("%s\t%.4f\t%.4f\t%d\t%d\t%d\n", name, m.Recall, m.Precision, m.Count, m.Marked, m.Correct)
}
