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
		e.uvarint(uint64(p.First))
		e.uvarint(uint64(p.End - p.First))
	}
	e.uvarint(uint64(len(d.Sents)))
	for _, s := range d.Sents {
		e.uvarint(uint64(s.Para))
		e.uvarint(uint64(s.Start))
		e.uvarint(uint64(s.End - s.Start))
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
		for i := range d.Paras {
			k := dc.byte1()
			p := dedupe.Para{Kind: text.Kind(k & paraKindMask), Learned: k&paraLearnedBit != 0, Fold: dc.u64()}
			p.First = int32(dc.uvarint())
			p.End = p.First + int32(dc.uvarint())
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
	if n := dc.count(5); n > 0 {
		d.Sents = make([]dedupe.Sent, n)
		for i := range d.Sents {
			s := dedupe.Sent{Para: int32(dc.uvarint()), Start: int32(dc.uvarint())}
			s.End = s.Start + int32(dc.uvarint())
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
	if err := checkDoc(d); err != nil {
		return nil, nil, err
	}
	return d, orig, nil
}

// checkDoc checks that every index in d points inside it.
func checkDoc(d *dedupe.Doc) error {
	bad := func(what string, i int) error {
		return fmt.Errorf("%w: doc %q: %s %d out of range", ErrCorruptRecord, d.ID, what, i)
	}
	for i, p := range d.Paras {
		if p.First < 0 || p.End < p.First || int(p.End) > len(d.Sents) {
			return bad("paragraph", i)
		}
		for s := p.First; s < p.End; s++ {
			if d.Sents[s].Para != int32(i) {
				return bad("paragraph", i)
			}
		}
	}
	for i, s := range d.Sents {
		if s.Para < 0 || int(s.Para) >= len(d.Paras) || s.Start < 0 || s.End < s.Start ||
			int(s.End) > len(d.Tokens) || s.From < 0 || s.To < s.From {
			return bad("sentence", i)
		}
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
