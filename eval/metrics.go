package eval

// PRF holds precision, recall and F1 with the counts they come from. See
// the package documentation for the rule on empty denominators.
type PRF struct {
	// Precision is TP/(TP+FP), in [0,1].
	Precision float64 `json:"precision"`
	// Recall is TP/(TP+FN), in [0,1].
	Recall float64 `json:"recall"`
	// F1 is the harmonic mean of Precision and Recall, in [0,1].
	F1 float64 `json:"f1"`
	// TP is the number of true positives. It is 0 for B-cubed figures,
	// which are averages rather than counts.
	TP int64 `json:"tp"`
	// FP is the number of false positives; 0 for B-cubed figures.
	FP int64 `json:"fp"`
	// FN is the number of false negatives; 0 for B-cubed figures.
	FN int64 `json:"fn"`
}

// NewPRF returns the figures for tp true positives, fp false positives and
// fn false negatives. A ratio with a zero denominator is 0, unless both
// denominators are zero (tp+fp == 0 and tp+fn == 0), when all three figures
// are 1.
func NewPRF(tp, fp, fn int64) PRF {
	r := PRF{TP: tp, FP: fp, FN: fn}
	if tp+fp == 0 && tp+fn == 0 {
		r.Precision, r.Recall, r.F1 = 1, 1, 1
		return r
	}
	r.Precision = ratio(tp, tp+fp)
	r.Recall = ratio(tp, tp+fn)
	r.F1 = harmonic(r.Precision, r.Recall)
	return r
}

// ratio returns a/b, or 0 when b is 0.
func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// harmonic returns the harmonic mean of p and r, or 0 when both are 0.
func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Marking holds how well the detector marked one kind of paragraph
// (boilerplate, credit or heading) with the status of the same name.
type Marking struct {
	// Recall is Correct/Count: the share of the truth's paragraphs of the
	// kind that the detector marked so.
	Recall float64 `json:"recall"`
	// Precision is Correct/Marked: the share of the paragraphs the
	// detector marked so that the truth calls that kind.
	Precision float64 `json:"precision"`
	// Count is the number of truth paragraphs of the kind, in all truth
	// articles, including missing ones.
	Count int64 `json:"count"`
	// Marked is the number of predicted paragraphs of truth articles with
	// the status of the kind.
	Marked int64 `json:"marked"`
	// Correct is the number of paragraphs both of the kind and marked so.
	Correct int64 `json:"correct"`
}

// newMarking returns the figures for count truth paragraphs, marked marks
// and correct ones among them, with the empty-denominator rule of NewPRF.
func newMarking(count, marked, correct int64) Marking {
	f := NewPRF(correct, marked-correct, count-correct)
	return Marking{Recall: f.Recall, Precision: f.Precision, Count: count, Marked: marked, Correct: correct}
}

// Evaluate compares the predictions with the truth and returns the figures
// defined in the package documentation. A nil Truth or Predictions counts
// as empty.
func Evaluate(t *Truth, p *Predictions) Report {
	if t == nil {
		t = &Truth{}
	}
	if p == nil {
		p = &Predictions{}
	}
	r := Report{Articles: len(t.articles)}
	for _, a := range t.articles {
		if _, ok := p.articles[a.id]; !ok {
			r.Missing++
		}
	}
	for id := range p.articles {
		if _, ok := t.byID[id]; !ok {
			r.Extra++
		}
	}
	c := newContingency(t, p)
	r.Stories, r.PredictedStories = len(c.rows), len(c.cols)
	r.Pairwise, r.BCubed = c.pairwise(), c.bcubed()
	r.Paragraphs, r.OutsidePairs = paragraphPairs(t, p)
	r.Boilerplate, r.Credit, r.Heading, r.Mismatched = markings(t, p)
	return r
}

// contingency is the table of true stories (rows) × predicted stories
// (columns) over the truth articles. Only non-empty cells are kept, in the
// order they first occur, so sums over them are deterministic.
type contingency struct {
	n          int64   // articles
	rows, cols []int64 // articles per true / predicted story
	cells      []cell  // non-empty cells
}

// cell is one non-empty cell of a contingency table.
type cell struct {
	row, col int
	n        int64
}

// newContingency builds the table. A truth article missing from the
// predictions gets a column of its own.
func newContingency(t *Truth, p *Predictions) contingency {
	var c contingency
	rowOf := make(map[string]int)
	colOf := make(map[string]int)
	cellOf := make(map[[2]int]int)
	for _, a := range t.articles {
		row := intern(rowOf, a.story, &c.rows)
		var col int
		if pa, ok := p.articles[a.id]; ok {
			col = intern(colOf, pa.story, &c.cols)
		} else {
			col = len(c.cols)
			c.cols = append(c.cols, 0)
		}
		key := [2]int{row, col}
		i, ok := cellOf[key]
		if !ok {
			i = len(c.cells)
			cellOf[key] = i
			c.cells = append(c.cells, cell{row: row, col: col})
		}
		c.cells[i].n++
		c.rows[row]++
		c.cols[col]++
		c.n++
	}
	return c
}

// intern returns the number of name in ids, adding it, and a zero count,
// when it is new.
func intern(ids map[string]int, name string, counts *[]int64) int {
	i, ok := ids[name]
	if !ok {
		i = len(*counts)
		ids[name] = i
		*counts = append(*counts, 0)
	}
	return i
}

// pairs returns C(n,2).
func pairs(n int64) int64 { return n * (n - 1) / 2 }

// pairwise returns the pairwise figures: true positive pairs are within a
// cell, predicted pairs within a column, true pairs within a row.
func (c contingency) pairwise() PRF {
	var tp, predicted, truth int64
	for _, x := range c.cells {
		tp += pairs(x.n)
	}
	for _, n := range c.cols {
		predicted += pairs(n)
	}
	for _, n := range c.rows {
		truth += pairs(n)
	}
	return NewPRF(tp, predicted-tp, truth-tp)
}

// bcubed returns the B-cubed figures. Each of the n articles of a cell has
// precision n/|column| and recall n/|row|.
func (c contingency) bcubed() PRF {
	if c.n == 0 {
		return PRF{Precision: 1, Recall: 1, F1: 1}
	}
	var p, r float64
	for _, x := range c.cells {
		n := float64(x.n)
		p += n * n / float64(c.cols[x.col])
		r += n * n / float64(c.rows[x.row])
	}
	p /= float64(c.n)
	r /= float64(c.n)
	return PRF{Precision: p, Recall: r, F1: harmonic(p, r)}
}

// markings counts the boilerplate, credit and heading marks over the truth
// articles, and the articles whose predicted paragraph count differs from
// the truth's.
func markings(t *Truth, p *Predictions) (boilerplate, credit, heading Marking, mismatched int) {
	var count, marked, correct [numKinds]int64
	mark := func(status string, truth kind, known bool) {
		k, ok := parseKind(status)
		if !ok || k == kindText {
			return
		}
		marked[k]++
		if known && truth == k {
			correct[k]++
		}
	}
	for _, a := range t.articles {
		pa, ok := p.articles[a.id]
		if ok && len(pa.paragraphs) != len(a.paragraphs) {
			mismatched++
		}
		for i, tp := range a.paragraphs {
			count[tp.kind]++
			if i < len(pa.paragraphs) {
				mark(pa.paragraphs[i].status, tp.kind, true)
			}
		}
		for i := len(a.paragraphs); i < len(pa.paragraphs); i++ {
			mark(pa.paragraphs[i].status, 0, false)
		}
	}
	m := func(k kind) Marking { return newMarking(count[k], marked[k], correct[k]) }
	return m(kindBoilerplate), m(kindCredit), m(kindHeading), mismatched
}
