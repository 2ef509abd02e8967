package bench

import (
	"slices"
	"strconv"
	"strings"
)

// Every body the generator writes is genMinBody–genMaxBody bytes. The
// story model lands there on its own for 99% of articles (shape draws
// 1.75–4.7 KB of source text); fit trims or tops up the rest: republished
// copies that dropped paragraphs, updates that added them.
const (
	genMinBody = 1500
	genMaxBody = 5000
)

// fit returns a, or a copy of it whose body is genMinBody–genMaxBody
// bytes. While the body is too long it drops the last text paragraph of
// the story's own copy (never the lead, nor a paragraph quoted from
// another story, so followups and roundups keep what they quote); while
// it is too short it adds a paragraph of new text (origin
// "new:id:para:sent") before the tail of credit lines and markers. a is
// not changed, so versions derived from it later see the copy as drawn.
func (g *generator) fit(l *genLang, story string, a *genArticle) *genArticle {
	size := g.bodySize(a.paras)
	if size >= genMinBody && size <= genMaxBody {
		return a
	}
	out := *a
	out.paras = slices.Clone(a.paras)
	for size > genMaxBody {
		i := lastOwnText(out.paras, story)
		if i < 0 {
			break
		}
		out.paras = slices.Delete(out.paras, i, i+1)
		size = g.bodySize(out.paras)
	}
	sh := g.shape(l)
	for k := 0; size < genMinBody; k++ {
		text, _ := genSplitTail(out.paras)
		p := g.paragraph(l, sh, "new:"+a.id+":fit"+strconv.Itoa(k), false)
		out.paras = slices.Insert(out.paras, len(text), p)
		size = g.bodySize(out.paras)
	}
	return &out
}

// lastOwnText returns the index of the last text paragraph after the
// first whose sentences are all the story's own (its source or new text),
// or −1.
func lastOwnText(ps []genPara, story string) int {
	for i := len(ps) - 1; i > 0; i-- {
		if ps[i].kind != "text" {
			continue
		}
		own := true
		for _, s := range ps[i].sents {
			if !strings.HasPrefix(s.id, story+":") && !strings.HasPrefix(s.id, "new:") {
				own = false
				break
			}
		}
		if own {
			return i
		}
	}
	return -1
}

// bodySize is the length of the body that emit renders from ps.
func (g *generator) bodySize(ps []genPara) int {
	n := 0
	for i := range ps {
		if i > 0 {
			n += 2 // the blank line between paragraphs
		}
		g.body = ps[i].appendText(g.body[:0])
		n += len(g.body)
	}
	return n
}
