package output

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/neardup/neardup/dedupe"
)

// Article returns the articles.jsonl record of Doc i. It reads article bodies back for
// the word diffs of edited paragraphs.
func (w *Writer) Article(i int) (Article, error) {
	r := w.r
	d := r.Docs[i]
	s := r.Stories[r.StoryOf[i]]
	rec := Article{
		ID:         d.ID,
		Story:      s.ID,
		Canonical:  s.Canonical == int32(i),
		Similarity: Round4(r.Similarity[i]),
		Lang:       string(d.Lang),
		URL:        d.URL,
		GUID:       d.GUID,
		Version:    d.Version,
		UpdateOf:   w.updateOf(i),
		Credits:    d.Credits,
		Credited:   len(d.Credits) > 0,
		CopyShare:  Round4(r.CopyShare[i]),
		Flags:      r.Flags(i),
		Paragraphs: make([]Paragraph, len(d.Paras)),
	}
	if rec.Credits == nil {
		rec.Credits = []string{}
	}
	diffs, err := w.diffsOf(i, nil)
	if err != nil {
		return Article{}, err
	}
	for p := range d.Paras {
		pr := Paragraph{Index: p, Blocks: []string{}, Matches: []Match{}}
		for _, m := range r.ParaMatches(i, p) {
			pr.Matches = append(pr.Matches, Match{ID: r.Docs[m.Doc].ID, Index: int(m.Para), Similarity: Round4(m.Sim)})
		}
		for _, b := range r.ParaBlocks(i, p) {
			pr.Blocks = append(pr.Blocks, blockID(b))
		}
		var earlier dedupe.ParaMatch
		pr.Status, earlier = r.Status(i, p)
		if pr.Status == dedupe.StatusEdited {
			pr.Similarity = Round4(earlier.Sim)
			if diffs != nil {
				pr.Diff = diffs[p]
			}
			if pr.Diff == nil {
				return Article{}, fmt.Errorf("article %s ¶%d: edited but no diff (result closed before alignment?)", d.ID, p)
			}
		}
		rec.Paragraphs[p] = pr
	}
	return rec, nil
}

// byID returns the Doc indices sorted by article ID.
func (w *Writer) byID() []int {
	r := w.r
	order := make([]int, len(r.Docs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(r.Docs[a].ID, r.Docs[b].ID) })
	return order
}

// WriteArticles writes articles.jsonl: one Article a line, sorted by
// ID, as encoding/json would write it without HTML escaping. Records are
// built in parallel (word diffs read text back), a bounded number of
// batches ahead of the writer, and written in order.
//
// It stays in one piece: the feeder, the workers and the in-order writer
// share the batch channels and buffers.
func (w *Writer) WriteArticles(dst io.Writer) error {
	order := w.byID()
	const batchSize = 256
	batches := (len(order) + batchSize - 1) / batchSize
	workers := runtime.GOMAXPROCS(0)
	results := make([]chan []byte, batches)
	for i := range results {
		results[i] = make(chan []byte, 1)
	}
	ahead := make(chan struct{}, 4*workers)      // batches built but not yet written
	free := make(chan []byte, 4*workers+workers) // written batches' buffers, for reuse
	next := make(chan int)
	go func() {
		defer close(next)
		for b := 0; b < batches; b++ {
			ahead <- struct{}{}
			next <- b
		}
	}()
	var (
		mu       sync.Mutex
		firstErr error
	)
	for range workers {
		go func() {
			for b := range next {
				var buf []byte
				select {
				case buf = <-free:
				default:
				}
				buf = buf[:0]
				for _, i := range order[b*batchSize : min(len(order), (b+1)*batchSize)] {
					rec, err := w.Article(i)
					w.diffsUsed(i)
					if err != nil {
						mu.Lock()
						firstErr = cmp.Or(firstErr, err)
						mu.Unlock()
						buf = nil
						break
					}
					buf = rec.appendJSON(buf)
				}
				results[b] <- buf
			}
		}()
	}
	bw := bufio.NewWriterSize(dst, 1<<16)
	var werr error
	for b := range results {
		buf := <-results[b]
		<-ahead
		if werr == nil && buf != nil {
			if _, err := bw.Write(buf); err != nil {
				werr = fmt.Errorf("write articles: %w", err)
			}
		}
		select {
		case free <- buf:
		default:
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if err := cmp.Or(firstErr, werr); err != nil {
		return err
	}
	return bw.Flush()
}
