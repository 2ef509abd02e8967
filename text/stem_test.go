package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStem(t *testing.T) {
	tests := []struct {
		lang Lang
		in   []string
		want []string
	}{
		{
			lang: English,
			in:   []string{"running", "runs", "ran", "easily", "connection", "connected", "generously", "don't", "the", "was"},
			want: []string{"run", "run", "ran", "easili", "connect", "connect", "generous", "don't", "the", "was"},
		},
		{
			lang: Danish,
			in:   []string{"bilerne", "bilen", "biler", "huset", "husene", "regeringens", "muligheder", "undersøgelserne", "meget", "ikke"},
			want: []string{"bil", "bil", "bil", "hus", "hus", "regering", "mul", "undersøg", "meg", "ikk"},
		},
		{
			lang: Norwegian,
			in:   []string{"bilene", "bilen", "biler", "husene", "regjeringen", "muligheter", "undersøkelsene", "spilte", "hadde", "ikke"},
			want: []string{"bil", "bil", "bil", "hus", "regjering", "mul", "undersøk", "spilt", "hadde", "ikke"},
		},
		{
			lang: Swedish,
			in:   []string{"bilarna", "bilen", "bilar", "husen", "regeringen", "möjligheter", "undersökningarna", "spelade", "hade", "inte"},
			want: []string{"bil", "bil", "bil", "hus", "regering", "möj", "undersökning", "spel", "hade", "inte"},
		},
		{
			lang: "",
			in:   []string{"bilerne", "running"},
			want: []string{"bilerne", "running"},
		},
		{
			lang: Danish,
			in:   []string{"2.000", "1,5", "mp3", "x", ""},
			want: []string{"2.000", "1,5", "mp3", "x", ""},
		},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) {
			var s stemmer
			var got []string
			for _, w := range tc.in {
				got = append(got, s.stem(w, indexOf(tc.lang)))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("stems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIndexOf(t *testing.T) {
	tests := []struct {
		lang Lang
		want langIndex
	}{
		{"", idxNone}, {Danish, idxDanish}, {Norwegian, idxNorwegian}, {Swedish, idxSwedish},
		{English, idxEnglish}, {"NO", idxNorwegian}, {"swe", idxSwedish}, {"de", idxNone},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) {
			if got := indexOf(tc.lang); got != tc.want {
				t.Errorf("indexOf(%q) = %d, want %d", tc.lang, got, tc.want)
			}
		})
	}
}
