package corpus

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/valyala/fastjson"
)

var jsonSeeds = []string{
	`{"id":"a","body":"Hello.\n\nWorld.","title":"T","date":"2026-03-01","source":"s","lang":"da","url":"u"}`,
	`{"id":17,"text":"x"}`,
	`{"id":"a","body":42}`,
	`{"id":"a","body":null,"text":"t"}`,
	`{"ID":"a","Body":"b"}`,
	`{"id":"a","id":"b","body":"c"}`,
	`{"id":"a","body":"\ud800 \u00e6 \\u0041"}`,
	`{"id":"a","body":"x","extra":{"nested":[1,2,{"k":"v"}]}}`,
	`{"id":"a","body":`,
	`{"id":"a"} x`,
	`["a"]`,
	`"a"`,
	`{"id":"a","date":"2026-13-01","body":"x"}`,
	`{"id":"","body":"x"}`,
	`{"id":true,"body":"x"}`,
	`{"id":"a","title":["x"],"body":"x"}`,
	`{"id":1e3,"body":"x"}`,
	`{"id":"a","body":"tab\there"}`,
	`  {"id":"a","body":"x"}  `,
	`{"id":"a","guid":"urn:x:1","version":2,"first_created":"2026-03-11","credit":"c","copyright":"r"}`,
	`{"id":"a","version":"17"}`,
	`{"id":"a","version":""}`,
	`{"id":"a","version":null,"guid":null,"credit":null}`,
	`{"id":"a","version":2.5}`,
	`{"id":"a","version":"x"}`,
	`{"id":"a","version":[2]}`,
	`{"id":"a","Version":3,"GUID":"g","First_Created":"f"}`,
	`{"id":"a","guid":1,"copyright":false}`,
	`{"id":"a","version":1,"version":"2"}`,
}

// TestParseJSONLFastAgrees checks the fast parser against encoding/json on
// the table lines; FuzzParseJSONLFast does so on any line.
func TestParseJSONLFastAgrees(t *testing.T) {
	var p fastjson.Parser
	for _, line := range jsonSeeds {
		checkAgree(t, &p, []byte(line))
	}
}

func FuzzParseJSONLFast(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	var p fastjson.Parser
	f.Fuzz(func(t *testing.T, line []byte) {
		if !utf8.Valid(line) {
			return // lines are decoded to UTF-8 before parsing
		}
		checkAgree(t, &p, line)
	})
}

func checkAgree(t *testing.T, p *fastjson.Parser, line []byte) {
	t.Helper()
	want, wantErr := parseJSONL(line)
	got, gotErr := parseJSONLFast(p, line)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%q: article differs (-encoding/json +fast):\n%s", line, diff)
	}
	if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
		t.Errorf("%q: error %v, fast parser %v", line, wantErr, gotErr)
	}
}
