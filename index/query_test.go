package index

import (
	"errors"
	"testing"
)

func TestQuerySyntaxErrors(t *testing.T) {
	for _, tc := range []struct {
		q  string
		ok bool
	}{
		{"Lemvig", true},
		{"(Lemvig)", true},
		{`title:"a (b" storm`, true},
		{`storm \(`, true},
		{"(((", false},
		{"title:(unclosed", false},
		{"Lemvig)", false},
		{`"unclosed`, false},
		{"title:", false},
	} {
		_, err := buildQuery(tc.q, Filter{})
		if tc.ok && err != nil {
			t.Errorf("%q: %v", tc.q, err)
		}
		if !tc.ok && err == nil {
			t.Errorf("%q: no error", tc.q)
		}
		if err != nil && !tc.ok && !errors.Is(err, ErrQuerySyntax) {
			t.Errorf("%q: %v is not ErrQuerySyntax", tc.q, err)
		}
	}
}
