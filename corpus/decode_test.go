package corpus

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestToUTF8(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		want       string
		wantLatin1 bool
		wantBad    int
	}{
		{"ascii", "plain", "plain", false, -1},
		{"utf-8", "blåbærgrød", "blåbærgrød", false, -1},
		{"latin-1", "S\xf8ren g\xe5r til K\xf8benhavn", "Søren går til København", true, -1},
		{"swedish and german", "\xc4ngen, \xf6l och M\xfcller", "Ängen, öl och Müller", true, -1},
		{"windows-1252 punctuation", "\x93K\xf8b bl\xe5b\xe6r\x94 \x96 s\xe6t \x80 p\xe5 b\xe6ret", "“Køb blåbær” – sæt € på bæret", true, -1},
		{"tab and crlf are fine", "\xe6\tb\r\n\xf8", "æ\tb\r\nø", true, -1},
		{"mostly punctuation", "\x93Hello\x94 \x96 she said", "", false, 0},
		{"nul byte", "S\xf8ren\x00", "", false, 1},
		{"escape byte", "\x1b[1mS\xf8ren", "", false, 5},
		{"del byte", "S\xf8ren\x7f", "", false, 1},
		{"undefined in windows-1252", "S\xf8ren \x81", "", false, 1},
		{"dos code page", "S\x9bren g\x86r", "", false, 1},
		{"utf-8 with one stray byte", "blåbær og rødgrød \xe6", "", false, 22},
		{"truncated utf-8", "rødgrød\xc3", "", false, 9},
		{"random binary", "\x89PNG\r\n\x1a\n", "", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, latin1, bad := toUTF8([]byte(tt.in))
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("text mismatch (-want +got):\n%s", diff)
			}
			if latin1 != tt.wantLatin1 || bad != tt.wantBad {
				t.Errorf("latin1, bad = %v, %d; want %v, %d", latin1, bad, tt.wantLatin1, tt.wantBad)
			}
		})
	}
}

func TestValidName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"kim", "kim"},
		{"2023/09/s\xf8ren", "2023/09/søren"},
		{"bad\x01\xff", "bad\x01\ufffd"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, validName(tt.in)); diff != "" {
				t.Errorf("validName(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
