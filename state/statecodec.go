package state

import (
	"fmt"
	"math"
	"time"

	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/text"
)

// The records of the dedupe state are small binary encodings: varints for
// counts and positions, fixed 8 bytes for paragraph folds, 4 bytes for
// word hashes. Each starts with a format byte. Decoding checks every count
// and bound, so a damaged record is an error, never a panic or a Doc whose
// indices point outside it.

// recordVersion is the format byte of every record.
const recordVersion = 1

// paraOrigShift places, in a stored paragraph's kind byte, the kind it had
// before it was learned as boilerplate (text or heading): the LSH keys of a
// Doc are those of its paragraphs that were text when it was analysed.
const (
	paraKindMask   = 0x0f
	paraLearnedBit = 0x10
	paraOrigShift  = 5
)

// encodeDoc appends the record of d. orig holds, per paragraph, its kind
// when analysed (nil: the current kind, or text when learned).
func encodeDoc(b []byte, d *dedupe.Doc, orig []text.Kind) []byte {
	e := enc{b}
	e.byte1(recordVersion)
	e.str(d.ID)
	e.str(d.Title)
	e.str(d.DateText)
	if d.Date.IsZero() {
		e.byte1(0)
	} else {
		e.byte1(1)
		e.varint(d.Date.Unix())
		e.uvarint(uint64(d.Date.Nanosecond()))
		_, off := d.Date.Zone()
		e.varint(int64(off))
	}
	e.str(d.Source)
	e.str(string(d.Lang))
	e.uvarint(uint64(len(d.Credits)))
	for _, c := range d.Credits {
		e.str(c)
	}
	e.uvarint(uint64(len(d.Paras)))
	for i, p := range d.Paras {
		k := byte(p.Kind) & paraKindMask
		if p.Learned {
			o := text.KindText
			if orig != nil {
				o = orig[i]
			}
			k |= paraLearnedBit | byte(o)<<paraOrigShift
		}
		e.byte1(k)
		e.u64(p.Fold)
		first, end := d.ParaSents(i)
		e.uvarint(uint64(first))
		e.uvarint(uint64(end - first))
	}
	e.uvarint(uint64(len(d.Sents)))
	// Each sentence's paragraph and end are derived in memory (Sent), and
	// stored, as records have always held them: decodeDoc checks them.
	for i, s := range d.Sents {
		e.uvarint(uint64(d.SentPara(i)))
		e.uvarint(uint64(s.Start))
		e.uvarint(uint64(d.SentLen(i)))
		e.uvarint(uint64(s.From))
		e.uvarint(uint64(s.To - s.From))
	}
	e.uvarint(uint64(len(d.Tokens)))
	for _, t := range d.Tokens {
		e.u32(t)
	}
	// The figures, as gaps between their token positions; absent in
	// records written before neardup marked them (read as none).
	var nums []int
	for k := range d.Tokens {
		if d.IsNumber(k) {
			nums = append(nums, k)
		}
	}
	e.uvarint(uint64(len(nums)))
	prev := -1
	for _, k := range nums {
		e.uvarint(uint64(k - prev))
		prev = k
	}
	// The link and the agency's item id and version; absent in records
	// written before neardup carried them (read as none).
	// A version out of 0..MaxInt32 is stored as unknown (0).
	version := d.Version
	if version < 0 || version > math.MaxInt32 {
		version = 0
	}
	if d.URL != "" || d.GUID != "" || version != 0 {
		e.str(d.URL)
		e.str(d.GUID)
		e.uvarint(uint64(version))
	}
	return e.b
}

// decodeDoc decodes a Doc record and returns, per paragraph, the kind it
// had when analysed.
//
// It is long because it checks every count and bound of the record in order.
func decodeDoc(b []byte) (*dedupe.Doc, []text.Kind, error) {
	dc := dec{b: b}
	dc.version()
	d := &dedupe.Doc{ID: dc.str(), Title: dc.str(), DateText: dc.str()}
	if dc.byte1() == 1 {
		sec, nsec, off := dc.varint(), dc.uvarint(), dc.varint()
		if nsec >= 1e9 || off < -24*3600 || off > 24*3600 {
			dc.fail("bad date")
		}
		d.Date = time.Unix(sec, int64(nsec)).In(time.FixedZone("", int(off)))
	}
	d.Source = dc.str()
	d.Lang = text.Lang(dc.str())
	if n := dc.count(1); n > 0 {
		d.Credits = make([]string, n)
		for i := range d.Credits {
			d.Credits[i] = dc.str()
		}
	}
	var orig []text.Kind
	if n := dc.count(11); n > 0 {
		d.Paras = make([]dedupe.Para, n)
		orig = make([]text.Kind, n)
		next := uint64(0) // where this paragraph's sentences must begin
		for i := range d.Paras {
			k := dc.byte1()
			p := dedupe.Para{Kind: text.Kind(k & paraKindMask), Learned: k&paraLearnedBit != 0, Fold: dc.u64()}
			first := dc.uvarint()
			if n := dc.uvarint(); dc.err == nil && first != next {
				dc.fail("paragraphs out of order")
			} else {
				next = first + n
				p.End = int32(min(next, math.MaxInt32))
			}
			orig[i] = p.Kind
			if p.Learned {
				orig[i] = text.Kind(k >> paraOrigShift)
			}
			if p.Kind > text.KindHeading || orig[i] > text.KindHeading {
				dc.fail("bad paragraph kind")
			}
			d.Paras[i] = p
		}
	}
	var stored []storedSent
	if n := dc.count(5); n > 0 {
		d.Sents = make([]dedupe.Sent, n)
		stored = make([]storedSent, n)
		for i := range d.Sents {
			st := &stored[i]
			st.para = int64(dc.uvarint())
			s := dedupe.Sent{Start: int32(dc.uvarint())}
			st.end = int64(s.Start) + int64(dc.uvarint())
			s.From = int32(dc.uvarint())
			s.To = s.From + int32(dc.uvarint())
			d.Sents[i] = s
		}
	}
	if n := dc.count(4); n > 0 {
		d.Tokens = make([]uint32, n)
		for i := range d.Tokens {
			d.Tokens[i] = dc.u32()
		}
	}
	if len(dc.b) > 0 { // a record of before figures were marked has none
		at := -1
		for range dc.count(1) {
			if at += int(dc.uvarint()); dc.err == nil && (at >= len(d.Tokens) || at < 0) {
				dc.fail("figure beyond the tokens")
			}
			if dc.err != nil {
				break
			}
			d.MarkNumber(at)
		}
	}
	if len(dc.b) > 0 { // a record of before links were kept has none
		d.URL, d.GUID = dc.str(), dc.str()
		if v := dc.uvarint(); v > math.MaxInt32 {
			dc.fail("bad version")
		} else {
			d.Version = int(v)
		}
	}
	if err := dc.end(); err != nil {
		return nil, nil, err
	}
	if err := checkDoc(d, stored); err != nil {
		return nil, nil, err
	}
	return d, orig, nil
}

// storedSent is what a record holds of a sentence beyond dedupe.Sent: its
// paragraph and its end, which a Doc derives from the paragraphs' ranges
// and the next sentence's start.
type storedSent struct{ para, end int64 }

// checkDoc checks that every index in d points inside it, and that the
// sentences' stored paragraphs and ends are the ones d derives: the
// paragraphs' ranges follow each other and cover every sentence, and the
// sentences' words follow each other and cover every token.
func checkDoc(d *dedupe.Doc, stored []storedSent) error {
	bad := func(what string, i int) error {
		return fmt.Errorf("%w: doc %q: %s %d out of range", ErrCorruptRecord, d.ID, what, i)
	}
	next := int32(0) // where the next paragraph's sentences must begin
	for i, p := range d.Paras {
		if p.End < next || int(p.End) > len(d.Sents) {
			return bad("paragraph", i)
		}
		for s := next; s < p.End; s++ {
			if stored[s].para != int64(i) {
				return bad("paragraph", i)
			}
		}
		next = p.End
	}
	if int(next) != len(d.Sents) {
		return bad("paragraph", len(d.Paras))
	}
	for i, s := range d.Sents {
		end := int64(len(d.Tokens))
		if i+1 < len(d.Sents) {
			end = int64(d.Sents[i+1].Start)
		}
		if s.Start < 0 || stored[i].end != end || int64(s.Start) > end || s.From < 0 || s.To < s.From ||
			(i == 0 && s.Start != 0) {
			return bad("sentence", i)
		}
	}
	if len(d.Sents) == 0 && len(d.Tokens) > 0 {
		return bad("sentence", 0)
	}
	return nil
}

// halfLink is one end's view of a Link, stored under that end.
type halfLink struct {
	Other        uint32
	Mine, Theirs []int32 // matched sentences of this article and of the other
	SharedMine   int32   // words of shared copy in this article
	SharedTheirs int32
	Weak, Twin   bool // as in dedupe.Link
}

// The flags of a half link, in the trailing section of a links record.
const (
	linkWeak byte = 1 << iota
	linkTwin
)

// encodeLinks appends the record of an article's links.
func encodeLinks(b []byte, ls []halfLink) []byte {
	e := enc{b}
	e.byte1(recordVersion)
	e.uvarint(uint64(len(ls)))
	for _, l := range ls {
		e.uvarint(uint64(l.Other))
		e.int32s(l.Mine)
		e.int32s(l.Theirs)
		e.uvarint(uint64(l.SharedMine))
		e.uvarint(uint64(l.SharedTheirs))
	}
	// One flag byte per link; absent in records written before links had
	// flags (read as strong, not twins).
	for _, l := range ls {
		var f byte
		if l.Weak {
			f |= linkWeak
		}
		if l.Twin {
			f |= linkTwin
		}
		e.byte1(f)
	}
	return e.b
}

func decodeLinks(b []byte) ([]halfLink, error) {
	dc := dec{b: b}
	dc.version()
	n := dc.count(5)
	out := make([]halfLink, n)
	for i := range out {
		other := dc.uvarint()
		if other > math.MaxUint32 {
			dc.fail("bad article number")
		}
		out[i] = halfLink{Other: uint32(other), Mine: dc.int32s(), Theirs: dc.int32s()}
		out[i].SharedMine = int32(min(dc.uvarint(), math.MaxInt32))
		out[i].SharedTheirs = int32(min(dc.uvarint(), math.MaxInt32))
	}
	if len(dc.b) > 0 {
		for i := range out {
			f := dc.byte1()
			if f&^(linkWeak|linkTwin) != 0 {
				dc.fail("bad link flags")
			}
			out[i].Weak, out[i].Twin = f&linkWeak != 0, f&linkTwin != 0
		}
	}
	return out, dc.end()
}

// artRecord is what the state knows of an article beyond its Doc: its
// story and the fields the index shows.
type artRecord struct {
	Story     string
	Hub       bool   // its links are kept out of its story (see cluster)
	Canonical bool   // it is its story's canonical version
	Statuses  string // one letter per paragraph, see statusLetters
}

func encodeArt(b []byte, a artRecord) []byte {
	e := enc{b}
	e.byte1(recordVersion)
	e.str(a.Story)
	var flags byte
	if a.Hub {
		flags |= 1
	}
	if a.Canonical {
		flags |= 2
	}
	e.byte1(flags)
	e.str(a.Statuses)
	return e.b
}

func decodeArt(b []byte) (artRecord, error) {
	dc := dec{b: b}
	dc.version()
	a := artRecord{Story: dc.str()}
	flags := dc.byte1()
	a.Hub, a.Canonical = flags&1 != 0, flags&2 != 0
	a.Statuses = dc.str()
	if err := dc.end(); err != nil {
		return a, err
	}
	for i := range len(a.Statuses) {
		if _, ok := letterStatuses[a.Statuses[i]]; !ok {
			return a, fmt.Errorf("%w: paragraph status %q", ErrCorruptRecord, a.Statuses[i])
		}
	}
	return a, nil
}

// storyRecord is a story: its canonical version and its members.
type storyRecord struct {
	Canonical uint32
	Members   []uint32 // sorted
}

func encodeStory(b []byte, s storyRecord) []byte {
	e := enc{b}
	e.byte1(recordVersion)
	e.uvarint(uint64(s.Canonical))
	e.uint32s(s.Members)
	return e.b
}

func decodeStory(b []byte) (storyRecord, error) {
	dc := dec{b: b}
	dc.version()
	c := dc.uvarint()
	if c > math.MaxUint32 {
		dc.fail("bad article number")
	}
	s := storyRecord{Canonical: uint32(c), Members: dc.uint32s()}
	return s, dc.end()
}
