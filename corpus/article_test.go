package corpus

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// paragraphCases seed FuzzSplitParagraphs too.
var paragraphCases = []struct {
	name string
	in   string
	want []string
}{
	{"empty", "", nil},
	{"blank only", " \n\t\n\r\n", nil},
	{"one", "Én linje.", []string{"Én linje."}},
	{"two lines one paragraph", "Linje en\nlinje to\n", []string{"Linje en\nlinje to"}},
	{"two paragraphs", "En.\n\nTo.", []string{"En.", "To."}},
	{"blank runs", "\n\nEn.\n \n\t\n\nTo.\n\n", []string{"En.", "To."}},
	{"crlf", "En\r\nen.\r\n\r\nTo.\r\n", []string{"En\nen.", "To."}},
	{"trimmed", "  En.  \n\n\tTo.\t", []string{"En.", "To."}},
	{"inner indent kept", "En\n  to\n", []string{"En\n  to"}},
	{"no-break space line is blank", "En.\n\u00a0\nTo.", []string{"En.", "To."}},
}

func TestSplitParagraphs(t *testing.T) {
	for _, tt := range paragraphCases {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitParagraphs(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SplitParagraphs(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			a := Article{Body: tt.in}
			if diff := cmp.Diff(got, a.Paragraphs()); diff != "" {
				t.Errorf("Paragraphs() differs from SplitParagraphs (-want +got):\n%s", diff)
			}
		})
	}
}
