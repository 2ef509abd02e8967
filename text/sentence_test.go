package text

import (
	"fmt"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// sentTexts returns the sentences of text as strings.
func sentTexts(text string) []string {
	var out []string
	for _, r := range Sentences(text) {
		out = append(out, text[r[0]:r[1]])
	}
	return out
}

var sentCases = []struct {
	name, text string
	want       []string
}{
	{name: "empty", text: "", want: nil},
	{name: "space only", text: " \n\t ", want: nil},
	{name: "no terminator", text: "Sætning uden punktum", want: []string{"Sætning uden punktum"}},
	{name: "trimmed", text: "  Hej. Du er her.  \n", want: []string{"Hej.", "Du er her."}},
	{name: "three kinds", text: "Hvad? Nej! Jo.", want: []string{"Hvad?", "Nej!", "Jo."}},
	{name: "repeated marks", text: "Hvad?! Ja... Sådan.", want: []string{"Hvad?!", "Ja...", "Sådan."}},
	{name: "date", text: "Den 4. september kom han. Så gik han.", want: []string{"Den 4. september kom han.", "Så gik han."}},
	{name: "date after d.", text: "Mødet er d. 13. marts. Alle kommer.", want: []string{"Mødet er d. 13. marts.", "Alle kommer."}},
	{name: "number ends sentence", text: "Han kom i 2019. 14 personer døde.", want: []string{"Han kom i 2019.", "14 personer døde."}},
	{name: "hour", text: "Mødet startede kl. 14. Derefter talte hun.", want: []string{"Mødet startede kl. 14.", "Derefter talte hun."}},
	{name: "danish abbreviations", text: "Han mødte bl.a. Mette Frederiksen, f.eks. i Aarhus. Det gik godt.", want: []string{"Han mødte bl.a. Mette Frederiksen, f.eks. i Aarhus.", "Det gik godt."}},
	{name: "amount", text: "Prisen er 1,5 mio. Kroner er ikke nok. Så er det sagt.", want: []string{"Prisen er 1,5 mio. Kroner er ikke nok.", "Så er det sagt."}},
	{name: "month", text: "Det skete i jan. 2020. Siden er intet sket.", want: []string{"Det skete i jan. 2020.", "Siden er intet sket."}},
	{name: "christmas", text: "Vi holder jul. Det bliver hyggeligt.", want: []string{"Vi holder jul.", "Det bliver hyggeligt."}},
	{name: "number sign", text: "He was No. 5 in the race. He won.", want: []string{"He was No. 5 in the race.", "He won."}},
	{name: "percent", text: "Ledigheden faldt til 4,5 pct. i maj. Det glæder ministeren.", want: []string{"Ledigheden faldt til 4,5 pct. i maj.", "Det glæder ministeren."}},
	{name: "english titles", text: "Mr. Smith met Dr. Jones at St. Mary's. They left.", want: []string{"Mr. Smith met Dr. Jones at St. Mary's.", "They left."}},
	{name: "initial", text: "J. Smith kom. Han gik.", want: []string{"J. Smith kom.", "Han gik."}},
	{name: "dotted initials", text: "The U.S. Army and e.g. Navy agreed. It ended.", want: []string{"The U.S. Army and e.g. Navy agreed.", "It ended."}},
	{name: "acronym ends sentence", text: "Det siger han til DR. Næste møde er i maj.", want: []string{"Det siger han til DR.", "Næste møde er i maj."}},
	{name: "abbreviation in brackets", text: "Flere (bl.a. Jensen) kom. Andre blev væk.", want: []string{"Flere (bl.a. Jensen) kom.", "Andre blev væk."}},
	{name: "closing quote", text: "\"Det er slut.\" Han gik.", want: []string{"\"Det er slut.\"", "Han gik."}},
	{name: "guillemets", text: "»Nej!« Hun smilede. «Ja.» Han smilede.", want: []string{"»Nej!«", "Hun smilede.", "«Ja.»", "Han smilede."}},
	{name: "curly quotes", text: "“Slut.” ”Nej.” „Jo.“", want: []string{"“Slut.”", "”Nej.”", "„Jo.“"}},
	{name: "closing bracket", text: "Han kom (igen.) Så gik han.", want: []string{"Han kom (igen.)", "Så gik han."}},
	{name: "dash quotes", text: "Det er slut, siger han. – Vi er glade, siger hun. — Godt. - Ja.", want: []string{"Det er slut, siger han.", "– Vi er glade, siger hun.", "— Godt.", "- Ja."}},
	{name: "quote then lower case", text: "Han sagde: 'Nej.' og gik.", want: []string{"Han sagde: 'Nej.' og gik."}},
	{name: "lower case after period", text: "Det var ca. fem. og så videre.", want: []string{"Det var ca. fem. og så videre."}},
	{name: "no space after period", text: "Slut.Ny start", want: []string{"Slut.Ny start"}},
	{name: "newlines", text: "Hej!\n\nNy linje.\r\nSidste.", want: []string{"Hej!", "Ny linje.", "Sidste."}},
	{name: "non-ascii space", text: "Hej.\u00A0Du.\u3000Ja.", want: []string{"Hej.", "Du.", "Ja."}},
	{name: "greek capital", text: "Slut. Ωmega kom.", want: []string{"Slut.", "Ωmega kom."}},
	{name: "invalid bytes", text: "Hej.\xff Du. \xfe", want: []string{"Hej.\xff Du. \xfe"}},
	{name: "swedish quotes", text: "”Det är slut.” ’Nej.’ Han gick.", want: []string{"”Det är slut.”", "’Nej.’", "Han gick."}},
}

func TestSentences(t *testing.T) {
	for _, tc := range sentCases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, sentTexts(tc.text)); diff != "" {
				t.Errorf("Sentences(%q) (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	for _, tc := range sentCases {
		f.Add(tc.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ranges := Sentences(text)
		covered := make([]bool, len(text))
		prev := 0
		for _, r := range ranges {
			if r[0] < prev || r[1] <= r[0] || r[1] > len(text) {
				t.Fatalf("Sentences(%q) = %v: range %v out of order or bounds", text, ranges, r)
			}
			if sp, _ := isSpaceAt(text, r[0]); sp {
				t.Fatalf("Sentences(%q) = %v: %v starts with space", text, ranges, r)
			}
			if last, size := utf8.DecodeLastRuneInString(text[r[0]:r[1]]); size > 1 && unicode.IsSpace(last) || last == ' ' {
				t.Fatalf("Sentences(%q) = %v: %v ends with space", text, ranges, r)
			}
			for i := r[0]; i < r[1]; i++ {
				covered[i] = true
			}
			prev = r[1]
		}
		for i := 0; i < len(text); {
			sp, size := isSpaceAt(text, i)
			if !sp && !covered[i] {
				t.Fatalf("Sentences(%q) = %v: byte %d not covered", text, ranges, i)
			}
			i += size
		}
	})
}

func ExampleSentences() {
	para := "Ifølge politiet kom bl.a. tre biler af vejen. Ingen kom til skade, oplyser vagtchefen."
	for _, r := range Sentences(para) {
		fmt.Println(para[r[0]:r[1]])
	}
	// Output:
	// Ifølge politiet kom bl.a. tre biler af vejen.
	// Ingen kom til skade, oplyser vagtchefen.
}
