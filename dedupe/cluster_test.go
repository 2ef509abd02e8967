package dedupe

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func link(a, b uint32, sentsA, sentsB []int32) Link {
	return Link{A: a, B: b, SentsA: sentsA, SentsB: sentsB, SharedA: 10, SharedB: 10}
}

// weak is a link that passes the story rule only with edited or
// templated sentences.
func weak(a, b uint32) Link { l := link(a, b, lead, lead); l.Weak = true; return l }

// lead is a region of one sentence that all the versions of a story share.
var lead = []int32{0}

// twin is a link between two copies of one article: every sentence matched.
func twin(a, b uint32) Link {
	l := link(a, b, []int32{0, 1, 2, 3}, []int32{0, 1, 2, 3})
	l.Twin = true
	return l
}

func TestCluster(t *testing.T) {
	for _, tc := range []struct {
		name  string
		n     int
		links []Link
		want  []int32
	}{
		{
			name: "updates chain: v1~v2~v3 is one story though v1 and v3 do not link",
			n:    4,
			links: []Link{
				link(0, 1, []int32{3, 4}, []int32{5, 6}),
				link(1, 2, []int32{0, 1}, []int32{4, 5}),
			},
			want: []int32{0, 0, 0, 3},
		},
		{
			name: "a roundup quoting three unrelated stories is a hub and glues nothing",
			n:    7,
			links: []Link{
				link(0, 1, []int32{0, 1, 2}, []int32{0, 1, 2}), // story A: 0, 1
				link(0, 6, []int32{0}, []int32{1}),             // roundup 6 quotes A in its sentence 1
				link(2, 6, []int32{0}, []int32{2}),             // story B lead in sentence 2
				link(3, 4, []int32{0, 1}, []int32{0, 1}),       // story C: 3, 4
				link(3, 6, []int32{0}, []int32{3}),             // C lead in sentence 3
			},
			want: []int32{0, 0, 2, 3, 3, 5, 6},
		},
		{
			name: "a wire with three versions that share its lead is no hub",
			n:    4,
			links: []Link{
				link(0, 1, []int32{0, 1}, []int32{0, 1}),
				link(0, 2, []int32{0, 2}, []int32{0, 1}),
				link(0, 3, []int32{0, 3}, []int32{0, 1}),
			},
			want: []int32{0, 0, 0, 0},
		},
		{
			name: "neighbours that link to each other form one group",
			n:    4,
			links: []Link{
				link(0, 1, []int32{0}, []int32{0}),
				link(0, 2, []int32{1}, []int32{0}),
				link(0, 3, []int32{2}, []int32{0}),
				link(1, 2, []int32{1}, []int32{1}),
				link(2, 3, []int32{2}, []int32{2}),
			},
			want: []int32{0, 0, 0, 0},
		},
		{
			name: "two weak links between groups of three and four glue nothing",
			n:    7,
			links: []Link{
				link(0, 1, lead, lead), link(0, 2, lead, lead), // event A: 0, 1, 2
				link(3, 4, lead, lead), link(3, 5, lead, lead), link(3, 6, lead, lead), // event B: 3–6
				weak(2, 6), weak(2, 5), // one stock-phrased brief of A
			},
			want: []int32{0, 0, 0, 3, 3, 3, 3},
		},
		{
			name: "weak links from most members of both groups join them",
			n:    5,
			links: []Link{
				link(0, 1, lead, lead),                         // a heavily edited copy and its republish
				link(2, 3, lead, lead), link(2, 4, lead, lead), // the wire and two of its copies
				weak(0, 2), weak(0, 3), weak(1, 2), weak(1, 4),
			},
			want: []int32{0, 0, 0, 0, 0},
		},
		{
			name: "a weak link joins a single article to a group: an edited republish",
			n:    4,
			links: []Link{
				link(0, 1, lead, lead), link(0, 2, lead, lead),
				weak(3, 0),
			},
			want: []int32{0, 0, 0, 0},
		},
		{
			name:  "weak links chain single articles: an update chain of rewritten backgrounds",
			n:     4,
			links: []Link{weak(0, 1), weak(1, 2), weak(2, 3)},
			want:  []int32{0, 0, 0, 0},
		},
		{
			name: "a roundup and its twin are hubs, one story, gluing nothing",
			n:    8,
			links: []Link{
				link(0, 1, []int32{0, 1}, []int32{0, 1}), // story A: 0, 1
				link(2, 3, []int32{0, 1}, []int32{0, 1}), // story B: 2, 3
				link(4, 5, []int32{0, 1}, []int32{0, 1}), // story C: 4, 5
				link(0, 6, []int32{0}, []int32{1}), link(2, 6, []int32{0}, []int32{2}), link(4, 6, []int32{0}, []int32{3}),
				link(0, 7, []int32{0}, []int32{1}), link(2, 7, []int32{0}, []int32{2}), link(4, 7, []int32{0}, []int32{3}),
				twin(6, 7),
			},
			want: []int32{0, 0, 2, 2, 4, 4, 6, 6},
		},
		{
			name: "no links: every article its own story",
			n:    3,
			want: []int32{0, 1, 2},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cluster(tc.n, tc.links)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
		})
	}
}
