package index

import (
	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/state"
	"github.com/neardup/neardup/text"
)

// Similar finds the story an article that is not in the index belongs to,
// each version's similarity to it and the paragraphs they share (see
// state.Store.Similar). lang, when set, is the article's language. The
// index is not changed.
func (x *Index) Similar(art *corpus.Article, lang text.Lang) (_ *state.Similarity, err error) {
	defer guard(x.dir, &err)
	return x.state.Similar(art, lang)
}
