package dedupe

import (
	"fmt"

	"github.com/neardup/neardup/text"
)

// Status is what a paragraph of a version is within its story: the copy it
// shares with other versions, its own new text, or page furniture.
type Status uint8

// The paragraph statuses. Their names (String, MarshalText) are the
// "status" values of articles.jsonl.
const (
	// StatusUnique is text new in this version: no other version carries it.
	StatusUnique Status = iota
	// StatusShared is copy that another version carries word for word (or
	// that this version carries as the earliest of the story).
	StatusShared
	// StatusEdited is copy with words changed against every earlier version
	// that carries it, or copy with a sentence added.
	StatusEdited
	// StatusHeading is a subheading that no other version carries.
	StatusHeading
	// StatusBoilerplate is an ad marker or other page furniture, known or
	// learned from the corpus: never evidence of copy.
	StatusBoilerplate
	// StatusCredit is an agency credit line ("/ritzau/", "(©NTB)").
	StatusCredit
	numStatuses
)

var statusNames = [numStatuses]string{"unique", "shared", "edited", "heading", "boilerplate", "credit"}

// String returns the status's name: "unique", "shared", "edited",
// "heading", "boilerplate" or "credit".
func (s Status) String() string {
	if s < numStatuses {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// MarshalText returns the status's name.
func (s Status) MarshalText() ([]byte, error) {
	if s >= numStatuses {
		return nil, fmt.Errorf("dedupe: invalid status %d", uint8(s))
	}
	return []byte(statusNames[s]), nil
}

// UnmarshalText reads a status's name.
func (s *Status) UnmarshalText(b []byte) error {
	st, err := ParseStatus(string(b))
	if err != nil {
		return err
	}
	*s = st
	return nil
}

// ParseStatus returns the status of the given name.
func ParseStatus(name string) (Status, error) {
	for i, n := range statusNames {
		if n == name {
			return Status(i), nil
		}
	}
	return 0, fmt.Errorf("dedupe: unknown paragraph status %q", name)
}

// kindStatus is the status of a paragraph that is not story text.
func kindStatus(k text.Kind) (Status, bool) {
	switch k {
	case text.KindBoilerplate:
		return StatusBoilerplate, true
	case text.KindCredit:
		return StatusCredit, true
	}
	return 0, false
}

// Status returns the status of paragraph p of Doc i and, for edited copy,
// the closest earlier version's paragraph (the one a word diff is taken
// against): the most similar paragraph of an earlier version among its
// matches. It needs the alignment (not Options.SimilarityOnly).
func (r *Result) Status(i, p int) (Status, ParaMatch) {
	para := r.Docs[i].Paras[p]
	if st, ok := kindStatus(para.Kind); ok {
		return st, ParaMatch{}
	}
	matches := r.ParaMatches(i, p)
	switch {
	case len(matches) == 0 && para.Kind == text.KindHeading:
		return StatusHeading, ParaMatch{}
	case len(matches) == 0:
		return StatusUnique, ParaMatch{}
	}
	// The paragraph is edited when a sentence of its copy changed against
	// every earlier version, or when it added a sentence to copy.
	best, found := ParaMatch{Sim: -1}, false
	for _, m := range matches {
		if r.Position[m.Doc] < r.Position[i] && m.Sim > best.Sim {
			best, found = m, true
		}
	}
	if sim := r.ParaSim(i, p); found && sim < verbatimSim {
		best.Sim = sim
		return StatusEdited, best
	}
	return StatusShared, ParaMatch{}
}

// FlagUncreditedCopy flags a version whose text is mostly copy first seen
// in an earlier version, with no agency credit line kept. A version whose
// copy is its own is not flagged: the agency's update of an item (an
// earlier version of the story carries the same GUID), or a version from
// the source of the story's canonical version.
const FlagUncreditedCopy = "uncredited_copy"

// Flags returns what an editor should check about Doc i before publishing
// (FlagUncreditedCopy); empty, never nil, when there is nothing.
func (r *Result) Flags(i int) []string {
	flags := []string{}
	s := r.Stories[r.StoryOf[i]]
	if s.Canonical != int32(i) && len(r.Docs[i].Credits) == 0 && r.CopyShare[i] > 0.5 && !r.ownCopy(s, i) {
		flags = append(flags, FlagUncreditedCopy)
	}
	return flags
}

// ownCopy reports whether the copy Doc i carries is its own source's: it
// comes from the source of story s's canonical version, or it is the
// agency's update of an item an earlier version carries (the same GUID).
func (r *Result) ownCopy(s Story, i int) bool {
	d := r.Docs[i]
	if d.Source != "" && d.Source == r.Docs[s.Canonical].Source {
		return true
	}
	if d.GUID == "" {
		return false
	}
	for _, m := range s.Members {
		if int(m) != i && r.Docs[m].GUID == d.GUID && r.Position[m] < r.Position[i] {
			return true
		}
	}
	return false
}
