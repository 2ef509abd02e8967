package dedupe

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func link(a, b uint32, sentsA, sentsB []int32) Link {
	return Link{A: a, B: b, SentsA: sentsA, SentsB: sentsB, SharedA: 10, SharedB: 10}
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
