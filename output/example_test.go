package output_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
	"github.com/neardup/neardup/output"
)

// ExampleWriteSummary lists a wire story and its update as one story, and
// a court report on its own. Only stories of two or more versions are
// listed; the last line counts them all.
func ExampleWriteSummary() {
	wire := "Snow closed the E45 motorway north of Aalborg on Tuesday evening, and some 200 cars were stuck for hours.\n\n" +
		"The police said salt trucks could not get through before midnight, and asked drivers to stay at home.\n\n" +
		"The road authority expects to reopen both lanes on Wednesday morning if the wind drops."
	update := "The E45 reopened at six on Wednesday morning, the road authority said.\n\n" +
		"Snow closed the E45 motorway north of Aalborg on Tuesday evening, and some 200 cars were stuck for hours.\n\n" +
		"The police said salt trucks could not get through before midnight, and asked drivers to stay at home."
	court := "A 41-year-old man was given eight months in prison for fraud with invoices at a haulage firm.\n\n" +
		"The court in Hjørring found that he had sent false invoices for two years."
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	read := corpus.Slice([]corpus.Article{
		{ID: "wire-1", Title: "Snow closes the E45", Body: wire, Lang: "en", DateText: "2026-01-13", Date: day(13), Source: "wire"},
		{ID: "wire-2", Title: "E45 open again", Body: update, Lang: "en", DateText: "2026-01-14", Date: day(14), Source: "wire"},
		{ID: "court", Title: "Eight months for invoice fraud", Body: court, Lang: "en"},
	})
	res, err := dedupe.Run(context.Background(), read, dedupe.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Close()
	if err := output.WriteSummary(os.Stdout, res); err != nil {
		fmt.Println(err)
	}
	// Output:
	//     id                           date             source           sim   copy  flags            title
	// s:wire-1  (2 versions)
	//   * wire-1                       2026-01-13       wire             1.00    0%  -                Snow closes the E45
	//     wire-2                       2026-01-14       wire             0.73   76%  -                E45 open again
	//
	// 3 articles, 2 stories, 1 with two or more versions (* = canonical; copy = share of the text first seen in an earlier version)
}
