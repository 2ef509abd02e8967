package text

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/zeebo/xxh3"
	"golang.org/x/text/cases"
)

// The -update flag rewrites golden files. Other tests of the package may
// define it too, as a package variable, which is set up before this init
// runs; it is then shared.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

// normUpdate reports whether the -update flag is set.
func normUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// normHashes returns the hashes of terms.
func normHashes(terms []Term) []uint64 {
	var out []uint64
	for _, t := range terms {
		out = append(out, t.Hash)
	}
	return out
}

// normSpans returns the text of each term, as offsets into text.
func normSpans(text string, terms []Term) []string {
	var out []string
	for _, t := range terms {
		out = append(out, text[t.Start:t.End])
	}
	return out
}

func TestTermsFolding(t *testing.T) {
	tests := []struct {
		name  string
		a, b  string
		lang  Lang
		equal bool
	}{
		{name: "sharp s", a: "Straße", b: "STRASSE", equal: true},
		{name: "capital umlaut", a: "Äpple ÖL", b: "äpple öl", lang: Swedish, equal: true},
		{name: "NFD and NFC", a: "bla\u030Abær", b: "bl\u00E5bær", lang: Danish, equal: true},
		{name: "curly apostrophe", a: "don’t", b: "don't", lang: English, equal: true},
		{name: "guillemets", a: "»Nej« sagde han", b: "\"Nej\" sagde han", lang: Danish, equal: true},
		{name: "dashes", a: "Jong–un — ja", b: "Jong-un - ja", equal: true},
		{name: "soft hyphen", a: "udenrigs\u00ADminister", b: "udenrigsminister", lang: Danish, equal: true},
		{name: "ligature", a: "ﬁnans", b: "finans", equal: true},
		{name: "final sigma", a: "ΣΟΦΟΣ", b: "σοφος", equal: true},
		{name: "kelvin sign", a: "\u212Aelvin", b: "kelvin", equal: true},
		{name: "danish stems", a: "Bilerne", b: "bilen", lang: Danish, equal: true},
		{name: "norwegian stems", a: "bilene", b: "biler", lang: Norwegian, equal: true},
		{name: "swedish stems", a: "bilarna", b: "bilen", lang: Swedish, equal: true},
		{name: "english stems", a: "running", b: "runs", lang: English, equal: true},
		{name: "language code parsed", a: "running", b: "runs", lang: "eng", equal: true},
		{name: "no stemming without language", a: "running", b: "runs"},
		{name: "no stemming for unknown language", a: "running", b: "runs", lang: "de"},
		{name: "diacritics kept", a: "må", b: "ma", lang: Norwegian},
		{name: "å is not aa", a: "Århus", b: "Aarhus", lang: Danish},
		{name: "numbers kept apart", a: "2.000", b: "2000", lang: Danish},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := NewNormalizer(1)
			a := normHashes(n.Terms(tc.a, tc.lang, nil))
			b := normHashes(n.Terms(tc.b, tc.lang, nil))
			if len(a) == 0 || len(a) != len(b) {
				t.Fatalf("%q gives %d terms, %q %d", tc.a, len(a), tc.b, len(b))
			}
			if got := cmp.Equal(a, b); got != tc.equal {
				t.Errorf("hashes of %q and %q equal = %v, want %v (stems %q, %q)", tc.a, tc.b, got,
					tc.equal, n.termStrings(tc.a, tc.lang), n.termStrings(tc.b, tc.lang))
			}
		})
	}
}

func TestTermsWords(t *testing.T) {
	tests := []struct {
		name, text   string
		lang         Lang
		words, stems []string
	}{
		{
			name: "danish", text: "Bilerne kørte 2.000 km – ikke? Forslaget blev vedtaget den 4. september.", lang: Danish,
			words: []string{"Bilerne", "kørte", "2.000", "km", "ikke", "Forslaget", "blev", "vedtaget", "den", "4", "september"},
			stems: []string{"bil", "kørt", "2.000", "km", "ikk", "forslag", "blev", "vedtag", "den", "4", "septemb"},
		},
		{
			name: "norwegian", text: "Bilene kjørte 1,5 mil. Regjeringens forslag ble vedtatt.", lang: Norwegian,
			words: []string{"Bilene", "kjørte", "1,5", "mil", "Regjeringens", "forslag", "ble", "vedtatt"},
			stems: []string{"bil", "kjørt", "1,5", "mil", "regjering", "forslag", "ble", "vedtatt"},
		},
		{
			name: "swedish", text: "Bilarna körde 2 000 km, eller hur?", lang: Swedish,
			words: []string{"Bilarna", "körde", "2", "000", "km", "eller", "hur"},
			stems: []string{"bil", "körd", "2", "000", "km", "eller", "hur"},
		},
		{
			name: "english", text: "The cars didn’t stop; Kim Jong-un's proposals cost $3.87.", lang: English,
			words: []string{"The", "cars", "didn’t", "stop", "Kim", "Jong", "un's", "proposals", "cost", "3.87"},
			stems: []string{"the", "car", "didn't", "stop", "kim", "jong", "un", "propos", "cost", "3.87"},
		},
		{
			name: "no language", text: "«STRASSE» og Straße, e\u0301te!",
			words: []string{"STRASSE", "og", "Straße", "e\u0301te"},
			stems: []string{"strasse", "og", "strasse", "éte"},
		},
		{
			name: "invalid utf-8", text: "ab\xffcd \xc3 ø\xe2\x80", lang: Danish,
			words: []string{"ab", "cd", "ø"},
			stems: []string{"ab", "cd", "ø"},
		},
		{name: "nothing", text: " \t–…\n", lang: English},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := NewNormalizer(1)
			terms := n.Terms(tc.text, tc.lang, nil)
			if diff := cmp.Diff(tc.words, normSpans(tc.text, terms)); diff != "" {
				t.Errorf("words (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.stems, n.termStrings(tc.text, tc.lang)); diff != "" {
				t.Errorf("stems (-want +got):\n%s", diff)
			}
			var want []uint64
			for _, s := range tc.stems {
				want = append(want, xxh3.HashStringSeed(s, 1))
			}
			if diff := cmp.Diff(want, normHashes(terms)); diff != "" {
				t.Errorf("hashes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTermsAppends(t *testing.T) {
	n := NewNormalizer(9)
	dst := []Term{{Hash: 1, Start: 2, End: 3}}
	got := n.Terms("to ord", "", dst)
	want := []Term{
		{Hash: 1, Start: 2, End: 3},
		{Hash: xxh3.HashStringSeed("to", 9), Start: 0, End: 2},
		{Hash: xxh3.HashStringSeed("ord", 9), Start: 3, End: 6},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Terms (-want +got):\n%s", diff)
	}
}

func TestNormalizerCache(t *testing.T) {
	text := "Den ene bil, den anden bil og en tredje BIL kørte forbi. Bilerne holdt."
	fresh := NewNormalizer(3)
	small := NewNormalizer(3)
	small.limit = 4
	for range 3 {
		for _, lang := range []Lang{Danish, Norwegian, ""} {
			want := fresh.Terms(text, lang, nil)
			if diff := cmp.Diff(want, small.Terms(text, lang, nil)); diff != "" {
				t.Errorf("%q with a small cache (-want +got):\n%s", lang, diff)
			}
		}
		if small.entries > small.limit {
			t.Errorf("cache holds %d words, limit %d", small.entries, small.limit)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{name: "empty", in: "", want: ""},
		{name: "space only", in: " \t\n\u00A0\u3000 ", want: ""},
		{name: "collapse and trim", in: "  Hej\t\tverden \r\n igen ", want: "hej verden igen"},
		{name: "quotes", in: "«Nej», sagde „han“ ‘så’ ”ja”", want: "\"nej\", sagde \"han\" 'så' \"ja\""},
		{name: "dashes", in: "A – B — C ‒ D − E", want: "a - b - c - d - e"},
		{name: "sharp s", in: "STRASSE Straße", want: "strasse strasse"},
		{name: "NFD to NFC", in: "bla\u030Abær", want: "bl\u00E5bær"},
		{name: "full folding", in: "ﬁnans ΣΟΦΟΣ İ", want: "finans σοφοσ i\u0307"},
		{name: "format characters dropped", in: "udenrigs\u00ADminister\u200E \uFEFFok", want: "udenrigsminister ok"},
		{name: "zero-width space separates", in: "a\u200Bb", want: "a b"},
		{name: "invalid bytes separate", in: "a\xffb\xc3", want: "a b"},
		{name: "iota subscript", in: "\u0301\u0345", want: "\u0301ι"},
		{name: "cherokee", in: "Ꭰꭰ", want: "ᎠᎠ"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestFoldLatin1 checks the fast path of word folding against Fold.
func TestFoldLatin1(t *testing.T) {
	c := cases.Fold()
	for r := rune(0); r < 0x100; r++ {
		if unicode.IsSpace(r) {
			continue
		}
		word := "X" + string(r) + "yÅ"
		got, ok := foldLatin1(nil, word)
		if !ok {
			t.Errorf("foldLatin1(%q) refused a Latin-1 word", word)
			continue
		}
		if want := foldString(word, c); string(got) != want {
			t.Errorf("foldLatin1(%q) = %q, Fold gives %q", word, got, want)
		}
	}
	for _, word := range []string{"Ωmega", "\u0100", "a\u0301", "\xc3", "\xc3A"} {
		if got, ok := foldLatin1(nil, word); ok {
			t.Errorf("foldLatin1(%q) = %q, want refusal", word, got)
		}
	}
}

// TestFoldKeepsWords checks, for every character of the blocks news text
// uses and some tricky ones, in several contexts, that Fold is idempotent
// and that folding before Terms changes no term.
func TestFoldKeepsWords(t *testing.T) {
	blocks := [][2]rune{
		{0, 0x800}, {0x13A0, 0x1400}, {0x1E00, 0x2070}, {0x2100, 0x2150},
		{0x3000, 0x3100}, {0xAB70, 0xABC0}, {0xFB00, 0xFB50}, {0xFE10, 0xFE70}, {0xFF00, 0xFFF0},
	}
	contexts := []string{"a%sa", "1%s1", " %s ", "%s\u0301", "\u0301%s", "a.%s", "α%s"}
	n := NewNormalizer(1)
	for _, b := range blocks {
		for r := b[0]; r < b[1]; r++ {
			for _, ctx := range contexts {
				s := fmt.Sprintf(ctx, string(r))
				f := Fold(s)
				if ff := Fold(f); ff != f {
					t.Errorf("Fold(%q) = %q, but Fold of that is %q", s, f, ff)
				}
				if a, b := n.termStrings(s, ""), n.termStrings(f, ""); !cmp.Equal(a, b) {
					t.Errorf("%U: terms of %q are %q, of its fold %q are %q", r, s, a, f, b)
				}
			}
		}
	}
}

// TestGoldenNormalize writes, for each testdata/normalize/*.in, the
// detected language, the fold of each paragraph and its sentences with
// their stems. The language to stem with is the file name up to the
// first "_" or "." ("da_quotes.in" is Danish); "none" means none.
func TestGoldenNormalize(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "normalize", "*.in"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range files {
		name := strings.TrimSuffix(filepath.Base(in), ".in")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			lang := ParseLang(strings.FieldsFunc(name, func(r rune) bool { return r == '_' })[0])
			got := normGoldenText(string(data), lang)
			golden := strings.TrimSuffix(in, ".in") + ".golden"
			if normUpdate() {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// normGoldenText renders text as the golden files show it.
func normGoldenText(text string, lang Lang) string {
	n := NewNormalizer(0)
	var b strings.Builder
	fmt.Fprintf(&b, "lang %q, detected %q\n", lang, DetectLang(text))
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		fmt.Fprintf(&b, "\n## paragraph %d\nfold: %s\n", i+1, Fold(para))
		for j, r := range Sentences(para) {
			s := para[r[0]:r[1]]
			fmt.Fprintf(&b, "sentence %d [%d,%d): %s\n", j+1, r[0], r[1], s)
			fmt.Fprintf(&b, "  terms: %s\n", strings.Join(n.termStrings(s, lang), " "))
		}
	}
	return b.String()
}

// normLangs are the languages the fuzz tests pick from.
var normLangs = []Lang{"", Danish, Norwegian, Swedish, English, "xx"}

func FuzzTerms(f *testing.F) {
	for i, tc := range tokCases {
		f.Add(tc.text, uint8(i))
	}
	f.Add("«Bilerne» kørte – 2.000 km, ikke?", uint8(1))
	f.Add("Straße\u00AD ﬁ \u0345 Ꭰ a\u0301", uint8(0))
	f.Fuzz(func(t *testing.T, text string, li uint8) {
		lang := normLangs[int(li)%len(normLangs)]
		n := NewNormalizer(5)
		terms := n.Terms(text, lang, nil)
		end := int32(0)
		for _, tm := range terms {
			if tm.Start < end || tm.End <= tm.Start || int(tm.End) > len(text) {
				t.Fatalf("term [%d,%d) after %d in text of %d bytes", tm.Start, tm.End, end, len(text))
			}
			end = tm.End
		}
		if again := n.Terms(text, lang, nil); !cmp.Equal(terms, again) {
			t.Fatalf("cached terms differ:\n%v\n%v", terms, again)
		}
		folded := Fold(text)
		if a, b := normHashes(terms), normHashes(n.Terms(folded, lang, nil)); !cmp.Equal(a, b) {
			t.Fatalf("terms of %q: %q; of its fold %q: %q", text, n.termStrings(text, lang),
				folded, n.termStrings(folded, lang))
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, tc := range tokCases {
		f.Add(tc.text)
	}
	f.Add("  «Nej» – sagde  HAN\u00AD\t\xff Straße ")
	f.Fuzz(func(t *testing.T, text string) {
		got := Fold(text)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", text, got)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold(%q) = %q, Fold of that = %q", text, got, again)
		}
		if strings.TrimSpace(got) != got || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q: white space not collapsed", text, got)
		}
	})
}

// BenchmarkTerms measures Terms on the golden texts of each language, of
// about 3 KB and 450 words, with a warm cache (the steady state).
func BenchmarkTerms(b *testing.B) {
	for _, lang := range []Lang{Danish, Norwegian, Swedish, English} {
		data, err := os.ReadFile(filepath.Join("testdata", "normalize", string(lang)+".in"))
		if err != nil {
			b.Fatal(err)
		}
		text := string(data)
		b.Run(string(lang), func(b *testing.B) {
			n := NewNormalizer(1)
			terms := n.Terms(text, lang, nil)
			b.ReportAllocs()
			for b.Loop() {
				terms = n.Terms(text, lang, terms[:0])
			}
			b.ReportMetric(float64(len(text)), "input-bytes/op")
			b.ReportMetric(float64(len(terms))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

// BenchmarkTermsCold measures Terms with an empty cache: every word is
// folded and stemmed.
func BenchmarkTermsCold(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "normalize", "da.in"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	var terms []Term
	b.ReportAllocs()
	for b.Loop() {
		terms = NewNormalizer(1).Terms(text, Danish, terms[:0])
	}
	b.ReportMetric(float64(len(terms))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func ExampleNormalizer_Terms() {
	n := NewNormalizer(42)
	text := "Bilerne kørte – og »bilen« holdt."
	terms := n.Terms(text, Danish, nil)
	for _, t := range terms {
		fmt.Printf("[%d,%d) %s\n", t.Start, t.End, text[t.Start:t.End])
	}
	fmt.Println(terms[0].Hash == terms[3].Hash) // Bilerne and bilen share the stem bil
	// Output:
	// [0,7) Bilerne
	// [8,14) kørte
	// [19,21) og
	// [24,29) bilen
	// [32,37) holdt
	// true
}
