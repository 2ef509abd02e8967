package text

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseLang(t *testing.T) {
	tests := []struct {
		in   string
		want Lang
	}{
		{"da", Danish}, {"DAN", Danish}, {"nb", Norwegian}, {"no", Norwegian}, {"nor", Norwegian},
		{"nn", Norwegian}, {"nob", Norwegian}, {"NB", Norwegian}, {"sv", Swedish}, {"swe", Swedish},
		{"en", English}, {"eng", English}, {"En", English}, {"en-GB", English}, {"nb_NO", Norwegian},
		{" sv ", Swedish}, {"", ""}, {"de", ""}, {"dansk", ""}, {"e", ""}, {"is", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := ParseLang(tc.in); got != tc.want {
				t.Errorf("ParseLang(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct {
		name, text string
		want       Lang
	}{
		{name: "danish", want: Danish, text: "Regeringen har besluttet at hæve afgiften på benzin, og det bliver dyrere at køre bil efter nytår."},
		{name: "norwegian", want: Norwegian, text: "Regjeringen har bestemt å øke avgiften på bensin, og det blir dyrere å kjøre bil etter nyttår."},
		{name: "swedish", want: Swedish, text: "Regeringen har beslutat att höja skatten på bensin, och det blir dyrare att köra bil efter nyår."},
		{name: "english", want: English, text: "The government has decided to raise the tax on petrol, and driving will cost more after the new year."},
		{name: "danish said", want: Danish, text: "Han sagde, at han ikke vidste noget om det, men at han ville undersøge sagen nu."},
		{name: "norwegian said", want: Norwegian, text: "Han sa at han ikke visste noe om det, men at han ville undersøke saken nå."},
		{name: "danish meeting", want: Danish, text: "Efter mødet blev der holdt en pressekonference, hvor ministeren svarede på spørgsmål."},
		{name: "norwegian meeting", want: Norwegian, text: "Etter møtet ble det holdt en pressekonferanse, der statsråden svarte på spørsmål."},
		{name: "danish question", want: Danish, text: "Hvad skal vi gøre ved det? Vi må finde en løsning sammen med kommunerne."},
		{name: "norwegian question", want: Norwegian, text: "Hva skal vi gjøre med det? Vi må finne en løsning sammen med kommunene."},
		{name: "danish capitals", want: Danish, text: "POLITIET UNDERSØGER NU SAGEN, OG DER BLEV IKKE FUNDET NOGET."},
		{name: "norwegian dash quote", want: Norwegian, text: "– Vi har ikke fått noe svar ennå, sier hun til avisen."},
		{name: "swedish short", want: Swedish, text: "Det är inte så lätt."},
		{name: "empty", want: "", text: ""},
		{name: "two words", want: "", text: "ja tak"},
		{name: "numbers and names", want: "", text: "Oslo 2023: 14-3 (Hansen, Berg)"},
		{name: "tie between danish and norwegian", want: "", text: "Det er ikke"},
		{name: "icelandic", want: "", text: "Það er ekki hægt að segja að þetta sé gott, en við reynum það."},
		{name: "german", want: "", text: "Die Regierung hat beschlossen, die Steuer auf Benzin zu erhöhen, und das ist nicht gut für uns."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectLang(tc.text); got != tc.want {
				t.Errorf("DetectLang(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// langConfusion counts articles by [label, detected language].
type langConfusion map[[2]Lang]int

// langRows are the rows and columns of a confusion table.
var langRows = []Lang{Danish, Norwegian, Swedish, English, ""}

// String renders c as a table with a row per label.
func (c langConfusion) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "confusion (rows: label, columns: detected)\n%6s", "")
	for _, g := range langRows {
		fmt.Fprintf(&b, "%6q", g)
	}
	for _, w := range langRows[:4] {
		fmt.Fprintf(&b, "\n%6q", w)
		for _, g := range langRows {
			fmt.Fprintf(&b, "%6d", c[[2]Lang{w, g}])
		}
	}
	return b.String()
}

// accuracy returns the share of articles labelled with one of langs that
// were detected as their label.
func (c langConfusion) accuracy(langs ...Lang) float64 {
	right, total := 0, 0
	for _, w := range langs {
		for _, g := range langRows {
			total += c[[2]Lang{w, g}]
		}
		right += c[[2]Lang{w, w}]
	}
	if total == 0 {
		return 0
	}
	return float64(right) / float64(total)
}

// TestDetectLangCorpus measures DetectLang on the labelled dev corpus,
// from the article bodies alone.
func TestDetectLangCorpus(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "eval", "dev", "corpus.jsonl")
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("dev corpus %s not present", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close() // read only: Close cannot lose data
	confusion := langConfusion{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var a struct{ ID, Body, Lang string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		got := DetectLang(a.Body)
		confusion[[2]Lang{Lang(a.Lang), got}]++
		if got != Lang(a.Lang) {
			t.Logf("%s: want %q, got %q", a.ID, a.Lang, got)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	t.Log(confusion)
	all := confusion.accuracy(langRows[:4]...)
	t.Logf("accuracy %.4f; da %.4f nb %.4f sv %.4f en %.4f", all, confusion.accuracy(Danish),
		confusion.accuracy(Norwegian), confusion.accuracy(Swedish), confusion.accuracy(English))
	if all < 0.99 {
		t.Errorf("accuracy %.4f, want ≥ 0.99", all)
	}
	for _, l := range []Lang{Danish, Norwegian} {
		if a := confusion.accuracy(l); a < 0.97 {
			t.Errorf("accuracy on %s %.4f, want ≥ 0.97", l, a)
		}
	}
}

// TestDetectLangSeeds checks the five hand-labelled seed articles:
// 003_*.txt is Norwegian, the others Danish.
func TestDetectLangSeeds(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("seed articles %s not present", dir)
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := Danish
			if strings.HasPrefix(name, "003_") {
				want = Norwegian
			}
			if got := DetectLang(string(data)); got != want {
				t.Errorf("DetectLang(%s) = %q, want %q", name, got, want)
			}
		})
	}
}

func BenchmarkDetectLang(b *testing.B) {
	for _, lang := range []Lang{Danish, Norwegian, Swedish, English} {
		data, err := os.ReadFile(filepath.Join("testdata", "normalize", string(lang)+".in"))
		if err != nil {
			b.Fatal(err)
		}
		text := string(data)
		b.Run(string(lang), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if got := DetectLang(text); got != lang {
					b.Fatalf("DetectLang = %q, want %q", got, lang)
				}
			}
			b.ReportMetric(float64(len(text)), "input-bytes/op")
		})
	}
}

func ExampleDetectLang() {
	fmt.Println(DetectLang("Regeringen har besluttet at hæve afgiften, og det bliver dyrere efter nytår."))
	fmt.Println(DetectLang("Regjeringen har bestemt å øke avgiften, og det blir dyrere etter nyttår."))
	fmt.Println(DetectLang("Regeringen har beslutat att höja skatten, och det blir dyrare efter nyår."))
	fmt.Println(DetectLang("The government has decided to raise the tax after the new year."))
	fmt.Printf("%q\n", DetectLang("Oslo 2023"))
	// Output:
	// da
	// nb
	// sv
	// en
	// ""
}

func TestResolveLang(t *testing.T) {
	danish := "Regeringen og Venstre er blevet enige om en ny aftale om skatten, som skal gælde fra næste år, siger ministeren."
	for _, tc := range []struct {
		forced     Lang
		code, body string
		want       Lang
	}{
		{English, "da", danish, English}, // the flag wins
		{"", "nb-NO", danish, Norwegian}, // then the article's own code
		{"", "", danish, Danish},         // then detection
		{"", "xx", danish, Danish},       // an unknown code is no code
		{"", "", "", ""},
	} {
		if got := ResolveLang(tc.forced, tc.code, tc.body); got != tc.want {
			t.Errorf("ResolveLang(%q, %q, …) = %q, want %q", tc.forced, tc.code, got, tc.want)
		}
	}
}
