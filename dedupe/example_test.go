package dedupe_test

import (
	"context"
	"fmt"

	"github.com/neardup/neardup/corpus"
	"github.com/neardup/neardup/dedupe"
)

// exampleCorpus reads a wire story, a republished version with a new lead
// and an ad marker, and an unrelated article.
func exampleCorpus() corpus.Source {
	wire := "The harbour in Esbjerg flooded at dawn and forty homes were evacuated by the fire service.\n\n" +
		"The mayor said the sea wall had been raised in 2019, but the storm surge was higher than any on record.\n\n" +
		"Ferries to Fanø were cancelled for the day, the operator said.\n\n/ritzau/"
	republish := "Forty families spent the night in a school gym after the storm.\n\n" +
		"The harbour in Esbjerg flooded at dawn and forty homes were evacuated by the fire service.\n\n" +
		"Artiklen fortsætter under annoncen\n\n" +
		"The mayor said the sea wall had been raised in 2019, but the storm surge was higher than any on record."
	other := "A new cycle bridge over the fjord opens in May, three months late.\n\n" +
		"The council said the cost had risen by a fifth since the plans were approved."
	articles := []corpus.Article{
		{ID: "wire", Body: wire, Lang: "en"},
		{ID: "desk", Body: republish, Lang: "en"},
		{ID: "bridge", Body: other, Lang: "en"},
	}
	return corpus.Slice(articles)
}

// ExampleRun groups a wire story, a republished version with a new lead,
// and an unrelated article.
func ExampleRun() {
	read := exampleCorpus()
	res, err := dedupe.Run(context.Background(), read, dedupe.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Close()
	for _, s := range res.Stories {
		fmt.Print(s.ID, ":")
		for _, m := range s.Members {
			fmt.Print(" ", res.Docs[m].ID)
		}
		fmt.Println()
	}
	desk := 1 // the second article read
	for p := range res.Docs[desk].Paras {
		st, _ := res.Status(desk, p)
		fmt.Print(p, " ", st)
		for _, m := range res.ParaMatches(desk, p) {
			fmt.Printf(" = %s ¶%d (%.2f)", res.Docs[m.Doc].ID, m.Para, m.Sim)
		}
		fmt.Println()
	}
	// Output:
	// s:wire: wire desk
	// s:bridge: bridge
	// 0 unique
	// 1 shared = wire ¶0 (1.00)
	// 2 boilerplate
	// 3 shared = wire ¶1 (1.00)
}

// ExampleResult_ParaMatches shows which paragraphs travelled between the
// versions of a story, and the copy blocks they carry.
func ExampleResult_ParaMatches() {
	res, err := dedupe.Run(context.Background(), exampleCorpus(), dedupe.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Close()
	desk := 1
	for p := range res.Docs[desk].Paras {
		for _, m := range res.ParaMatches(desk, p) {
			fmt.Printf("desk ¶%d = %s ¶%d (similarity %.2f), blocks %v\n",
				p, res.Docs[m.Doc].ID, m.Para, m.Sim, res.ParaBlocks(desk, p))
		}
	}
	// Output:
	// desk ¶1 = wire ¶0 (similarity 1.00), blocks [0]
	// desk ¶3 = wire ¶1 (similarity 1.00), blocks [1]
}
