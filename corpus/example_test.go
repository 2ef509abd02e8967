package corpus_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/neardup/neardup/corpus"
)

func ExampleRead() {
	stdin := strings.NewReader(`{"id":"ritzau-7","body":"Havnen åbner igen.\n\nFærgerne sejler fra i morgen.","date":"2023-10-06"}` + "\n" +
		`{"id":"ritzau-8","body":42}` + "\n")
	opts := corpus.ReadOptions{
		SkipBad: true,
		Warn:    func(msg string) { fmt.Println("warning:", msg) },
		Stdin:   stdin,
	}
	inputs := []string{"testdata/walk", "-"}
	stats, err := corpus.Read(context.Background(), inputs, opts, func(a corpus.Article) error {
		fmt.Printf("%-14s %-10s %d paragraphs  %s\n", a.ID, a.DateText, len(a.Paragraphs()), filepath.ToSlash(a.Origin))
		return nil
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Printf("%+v\n", stats)
	// Output:
	// 2023/09/ferje  2023-09-14 3 paragraphs  testdata/walk/2023/09/ferje.txt
	// 2023/09/kim    2023-09    2 paragraphs  testdata/walk/2023/09/kim.txt
	// 2023/10/storm  2023-10-02 2 paragraphs  testdata/walk/2023/10/storm.txt
	// rb-101         2023-10-05T08:30:00Z 2 paragraphs  testdata/walk/2023/feed.jsonl:1
	// rb-102         2023-10    1 paragraphs  testdata/walk/2023/feed.jsonl:3
	// library                   2 paragraphs  testdata/walk/library.txt
	// warning: testdata/walk/notes.md: skipped: not a .txt, .jsonl, .xml, .nitf, .newsml, .json or .ninjs file
	// ritzau-7       2023-10-06 2 paragraphs  stdin:1
	// warning: stdin:2: "body" is a number, want a string, skipped
	// {Articles:7 Skipped:1 Files:6 Unsupported:map[.md:1]}
}

func ExampleSplitParagraphs() {
	text := " date 2023-09 is not special here.\r\n\r\nSecond paragraph,\nsecond line.\n\n\n  Third.  \n"
	for i, p := range corpus.SplitParagraphs(text) {
		fmt.Printf("%d: %q\n", i, p)
	}
	// Output:
	// 0: "date 2023-09 is not special here."
	// 1: "Second paragraph,\nsecond line."
	// 2: "Third."
}

func ExampleRead_newsML() {
	// A NewsML-G2 newsMessage with two versions of a story and a package,
	// which is skipped. Read tells the format by the file's content.
	inputs := []string{"testdata/iptc/mixed/ritzau-havnebro.xml"}
	_, err := corpus.Read(context.Background(), inputs, corpus.ReadOptions{}, func(a corpus.Article) error {
		fmt.Printf("%s (%s)\n", a.ID, filepath.ToSlash(a.Origin))
		fmt.Printf("  version %d of %s, %s, by %s\n", a.Version, a.GUID, a.DateText, a.Source)
		fmt.Printf("  %q, %d paragraphs, first: %q\n", a.Title, len(a.Paragraphs()), a.Paragraphs()[0])
		return nil
	})
	if err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// urn:newsml:ritzau.dk:20260312:RB12345@1 (testdata/iptc/mixed/ritzau-havnebro.xml:9)
	//   version 1 of urn:newsml:ritzau.dk:20260312:RB12345, 2026-03-12T09:02:00+01:00, by ritzau
	//   "Ny havnebro i Aarhus åbner for cyklister", 2 paragraphs, first: "Den nye bro over havneløbet i Aarhus åbner torsdag for cyklister og gående, oplyser kommunen."
	// urn:newsml:ritzau.dk:20260312:RB12345@2 (testdata/iptc/mixed/ritzau-havnebro.xml:44)
	//   version 2 of urn:newsml:ritzau.dk:20260312:RB12345, 2026-03-12T11:35:00+01:00, by ritzau
	//   "Havnebroen i Aarhus er åbnet – biler må vente", 7 paragraphs, first: "Den nye bro over havneløbet i Aarhus åbnede torsdag for cyklister og gående, oplyser kommunen."
}
